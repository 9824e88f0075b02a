import {describe, expect, it} from 'vitest';
import {codePoints, foldWord, typoBudget} from '../../../source/core/search/normalise.js';
import {
	asciiWordHash,
	forEachToken,
	termHash,
	tokenise,
} from '../../../source/core/search/tokenise.js';

describe('foldWord', () => {
	it('lower-cases, strips diacritics and compatibility forms', () => {
		expect(foldWord('ZARIF')).toBe('zarif');
		expect(foldWord('Zarīf')).toBe('zarif');
		expect(foldWord('Téhéran')).toBe('teheran');
		expect(foldWord('ｚａｒｉｆ')).toBe('zarif');
		expect(foldWord('ﬁnal')).toBe('final');
		expect(foldWord('İstanbul')).toBe('istanbul');
		expect(foldWord('مُصْطَفَى')).toBe('مصطفى');
		expect(foldWord('\u0301')).toBe('');
	});

	it('drops apostrophes, and a possessive’s “’s”', () => {
		expect(foldWord('Iran’s')).toBe('iran');
		expect(foldWord("Kadhimi's")).toBe('kadhimi');
		expect(foldWord("didn't")).toBe('didnt');
		expect(foldWord('O’Brien')).toBe('obrien');
		expect(foldWord('می‌خواهم')).toBe('میخواهم');
	});
});

describe('typoBudget', () => {
	it('allows none up to two letters, one for three or four, two from five; digits are exact', () => {
		expect(['a', 'ir', 'iraq', 'zar', 'zarif', 'kadhimi'].map(typoBudget)).toEqual([
			0, 0, 1, 1, 2, 2,
		]);
		expect(typoBudget('2020')).toBe(0);
		expect(typoBudget('19999')).toBe(0);
		expect(typoBudget('北')).toBe(0);
	});
});

describe('tokenise', () => {
	const words = (text: string) => tokenise(text).map((token) => text.slice(token.start, token.end));

	it('cuts words by the one word rule, in any script', () => {
		expect(words("Al-Kadhimi's visit, 2020!")).toEqual(['Al', "Kadhimi's", 'visit', '2020']);
		expect(words('Iran’s «می‌خواهم» ’tis')).toEqual(['Iran’s', 'می‌خواهم', 'tis']);
		expect(words('مصطفى الكاظمي')).toEqual(['مصطفى', 'الكاظمي']);
		expect(words('Zare\u0301 café')).toEqual(['Zare\u0301', 'café']);
	});

	it('makes each Han, Hiragana and Katakana character its own word', () => {
		const tokens = tokenise('北京大学 abcひらがな𠀀');
		expect(tokens.map((token) => token.ideograph)).toEqual([
			true,
			true,
			true,
			true,
			false,
			true,
			true,
			true,
			true,
			true,
		]);
		expect(words('北京大学 abcひらがな𠀀')).toEqual([
			'北',
			'京',
			'大',
			'学',
			'abc',
			'ひ',
			'ら',
			'が',
			'な',
			'𠀀',
		]);
	});

	it('treats placeholders, symbols and emoji as separators', () => {
		expect(words('␛[2J Rouhani 🙂 ␇ok')).toEqual(['2J', 'Rouhani', 'ok']);
		expect(words('')).toEqual([]);
	});

	it('hashes ASCII words while scanning, as the vocabulary hashes terms', () => {
		const long = 'Q'.repeat(100);
		const text = `Zarif, ${long} café 2020`;
		const seen: [string, boolean, number][] = [];
		forEachToken(text, (start, end, _ideograph, ascii, hash) =>
			seen.push([text.slice(start, end), ascii, hash]),
		);
		expect(seen.map(([word, ascii]) => [word, ascii])).toEqual([
			['Zarif', true],
			[long, true],
			['café', false],
			['2020', true],
		]);
		for (const [word, ascii, hash] of seen) {
			if (!ascii) continue;
			expect(hash).toBe(asciiWordHash(word, 0, word.length));
			expect(hash).toBe(termHash(word.toLowerCase().slice(0, 64)));
		}
	});

	it('lists code points, not UTF-16 units', () => {
		expect(codePoints('a𠀀b')).toEqual([97, 0x20000, 98]);
	});
});
