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

	it('writes every number as Intl.NumberFormat en-US does, whole ones without it', () => {
		const intl = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
		const values = [
			0,
			-0,
			1,
			12,
			123,
			999,
			1000,
			1234,
			12_345,
			999_999,
			1_000_000,
			2 ** 53 - 1,
			2 ** 53,
		];
		const others = [-1, -1234, 0.5, 1.5, 2.5, 1234.5678, 1e21, Number.NaN, Infinity];
		for (const value of [...values, ...others]) {
			expect(formatCount(value), String(value)).toBe(intl.format(value));
		}
		expect(formatCount(9_007_199_254_740_991)).toBe('9,007,199,254,740,991');
	});

	it('names a count, singular only for one', () => {
		expect(countOf(1, 'document')).toBe('1 document');
		expect(countOf(0, 'document')).toBe('0 documents');
		expect(countOf(10_000, 'document')).toBe('10,000 documents');
	});
});
