import {describe, expect, it} from 'vitest';
import {countOf, formatCount} from '../../../source/core/text/numbers.js';

describe('formatCount', () => {
	it('separates thousands', () => {
		expect([0, 7, 999, 1000, 5080, 10_000, 1_234_567].map(formatCount)).toEqual([
			'0',
			'7',
			'999',
			'1,000',
			'5,080',
			'10,000',
			'1,234,567',
		]);
	});

	it('names a count, singular only for one', () => {
		expect(countOf(1, 'document')).toBe('1 document');
		expect(countOf(0, 'document')).toBe('0 documents');
		expect(countOf(10_000, 'document')).toBe('10,000 documents');
	});
});
