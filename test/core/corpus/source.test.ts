import {describe, expect, it} from 'vitest';
import {findSource} from '../../../source/core/corpus/source.js';

const body = 'The minister said talks would continue next week. '.repeat(3).trim();

describe('findSource', () => {
	it('reads a wire-style capitals prefix', () => {
		expect(findSource([`PEJOURNAL – ${body}`, body])).toBe('PEJOURNAL');
		expect(findSource([`AFP - ${body}`])).toBe('AFP');
	});

	it('reads an agency in brackets after a place name', () => {
		expect(findSource([`WASHINGTON (Reuters) - ${body}`, body])).toBe('Reuters');
		expect(findSource([`(AP) — ${body}`])).toBe('AP');
	});

	it('reads a credit in a short footer', () => {
		const licence =
			'All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 ' +
			'International License.';
		expect(findSource([body, body, licence])).toBe('Mehr News Agency');
		expect(findSource([body, 'Source: Tehran Times'])).toBe('Tehran Times');
		expect(findSource([body, '© 2020 Example Press. All rights reserved.'])).toBe('Example Press');
		expect(findSource([body, 'Copyright 2019-2021 Daily Wire, all rights reserved'])).toBe(
			'Daily Wire',
		);
	});

	it('finds nothing in ordinary text', () => {
		expect(findSource([body, body, 'Leave a Comment'])).toBeUndefined();
		expect(findSource([`Al-Kadhimi – a careful man – ${body}`])).toBeUndefined();
		expect(findSource([`I - ${body}`])).toBeUndefined();
		expect(findSource([])).toBeUndefined();
	});

	it('ignores credit-like words in a long closing paragraph', () => {
		const long = `${body} Source: the diplomat, speaking on condition of anonymity. ${body}`;
		expect(long.length).toBeGreaterThan(300);
		expect(findSource([body, long])).toBeUndefined();
	});
});
