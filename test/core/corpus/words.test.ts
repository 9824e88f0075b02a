import {describe, expect, it} from 'vitest';
import {countWords} from '../../../source/core/corpus/words.js';

describe('countWords', () => {
	it('counts runs of letters and digits', () => {
		expect(countWords('')).toBe(0);
		expect(countWords('  — … ')).toBe(0);
		expect(countWords('One two  three')).toBe(3);
		// al | Kadhimi | Iran | s | 14 | 6 | million: punctuation inside a word splits it.
		expect(countWords('al-Kadhimi, Iran’s 14.6 million')).toBe(7);
	});

	it('counts words in any script, keeping combining marks inside their word', () => {
		expect(countWords('Café cafe\u0301 naïve')).toBe(3);
		expect(countWords('Привет мир')).toBe(2);
		expect(countWords('مرحبا بالعالم')).toBe(2);
		expect(countWords('日本語 テキスト')).toBe(2);
	});

	it('reads letters outside the BMP as letters, emoji as separators', () => {
		expect(countWords('𝐀𝐁𝐂 def')).toBe(2);
		expect(countWords('a🙂b')).toBe(2);
	});

	it('agrees with a Unicode regular expression on a long mixed text', () => {
		const text = 'Zarif’s visit, 2020: “Iran–Iraq” ties; café\u0301 Ünïcode 日本 𝐀x 🙂 '.repeat(
			2000,
		);
		const expected = text.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu)!.length;
		expect(countWords(text)).toBe(expected);
	});
});
