import stringWidth from 'string-width';
import {beforeAll, describe, expect, it} from 'vitest';
import {lazyStringWidth, ONE_CELL_EACH} from '../scripts/build-options.mjs';
import {importBundled} from './fixtures/bundled.js';
import {seededRandom} from './fixtures/prose.js';
import {countingSegmenters} from './fixtures/segmenters.js';
import {PROMPT_HINTS} from '../source/core/prompt.js';

type Width = (text: string, options?: {ambiguousIsNarrow?: boolean}) => number;

/**
 * string-width as the build bundles it (scripts/build-options.mjs: its Segmenter and Unicode
 * patterns made on first use past the ASCII fast path), loaded from a file of its own so its
 * top level runs here, while Intl.Segmenter is counted.
 */
let lazyWidth: Width;
let segmentersMade = 0;
/** Runs `work` counting the segmenters made in segmentersMade (see fixtures/segmenters.ts). */
const counted = <T>(work: () => T | Promise<T>): Promise<T> =>
	countingSegmenters(work, () => segmentersMade++);

beforeAll(async () => {
	lazyWidth = await counted(
		async () =>
			(
				await importBundled<{default: Width}>({contents: "export {default} from 'string-width';"}, [
					lazyStringWidth,
				])
			).default,
	);
});

/** Pieces that exercise each of string-width's rules, joined at random below. */
const PIECES = [
	'a',
	'Baghdad',
	' ',
	'日本語',
	'한국어',
	'\u1100\u1161\u11a8', // Hangul jamo L+V+T: one syllable
	'\u1100\u1100\u1161', // unmatched leading jamo
	'Cafe\u0301',
	'e\u0301\u0302\u0303',
	'\u0301', // a lone combining mark
	'👍',
	'👍🏽',
	'👩‍👩‍👧',
	'🏳️‍🌈',
	'❤',
	'❤\ufe0f',
	'1\u20e3',
	'#\ufe0f\u20e3',
	'🇮🇷',
	'سلام',
	'שלום',
	'क्षि',
	'ｶﾞ', // halfwidth katakana with its sound mark
	'ＡＢ', // fullwidth Latin
	'±§°×½', // ambiguous width
	'Ω∀→①',
	'\u00ad', // soft hyphen
	'\u200b\u200d\u2060\ufeff', // zero width
	'\t',
	'\u0000\u0007\u001f\u007f\u0085\u009f', // controls
	'\u001b[31mred\u001b[39m', // ANSI colour
	'\u001b]8;;https://example.org\u0007link\u001b]8;;\u0007', // a hyperlink
	'\u009b1m',
	'\ud800', // a lone surrogate
	'\udc00x',
	'𝔘𝔫𝔦',
	'丂',
	'…—“”’',
	'▸●✓↻',
	'\u0e01\u0e33', // Thai with a spacing vowel
	'\u0915\u093f', // Devanagari with a spacing mark
];

function generatedStrings(count: number): string[] {
	const next = seededRandom(20261204);
	const strings: string[] = [];
	for (let index = 0; index < count; index++) {
		const parts = 1 + Math.floor(next() * 5);
		let text = '';
		for (let part = 0; part < parts; part++) {
			if (next() < 0.25) {
				// Any code point of the Basic Multilingual Plane or the emoji planes.
				const codePoint =
					next() < 0.7 ? Math.floor(next() * 0xffff) : 0x1f000 + Math.floor(next() * 0xfff);
				text += String.fromCodePoint(codePoint);
			} else {
				text += PIECES[Math.floor(next() * PIECES.length)]!;
			}
		}
		strings.push(text);
	}
	return strings;
}

describe('string-width as bundled (made lazy by the build)', () => {
	it('makes no Intl.Segmenter as it loads, nor for printable ASCII; one on the first other text', async () => {
		expect(segmentersMade).toBe(0);
		expect(lazyWidth('The minister said on Sunday')).toBe(27);
		// Nor for the search prompt's hints, drawn in the first frame of a query typed at once.
		await counted(() => expect(lazyWidth(PROMPT_HINTS)).toBe(30));
		expect(segmentersMade).toBe(0);
		await counted(() => {
			expect(lazyWidth('日本語')).toBe(6);
			expect(lazyWidth('Cafe\u0301')).toBe(4);
		});
		expect(segmentersMade).toBe(1);
	});

	it('gives the widths string-width as published gives, rule by rule', () => {
		expect(PIECES.map((piece) => lazyWidth(piece))).toEqual(
			PIECES.map((piece) => stringWidth(piece)),
		);
		// A few written out, so the comparison cannot pass with both wrong in the same way.
		expect(
			['日本語', '👩‍👩‍👧', 'Cafe\u0301', '\u001b[31mred\u001b[39m', '±', '\u0007', 'ｶﾞ'].map((text) =>
				lazyWidth(text),
			),
		).toEqual([6, 2, 4, 3, 1, 0, 2]);
	});

	it('gives the widths string-width gives over 5,000 generated strings, ambiguous narrow and wide', () => {
		const strings = generatedStrings(5_000);
		const differing = strings.filter(
			(text) =>
				lazyWidth(text) !== stringWidth(text) ||
				lazyWidth(text, {ambiguousIsNarrow: false}) !==
					stringWidth(text, {ambiguousIsNarrow: false}),
		);
		expect(differing).toEqual([]);
		expect(strings.some((text) => stringWidth(text) !== text.length)).toBe(true);
	});

	it('measures text of one-cell characters by its length, each of them checked', () => {
		const oneCell = new RegExp(ONE_CELL_EACH);
		const characters: string[] = [];
		for (let codePoint = 0; codePoint <= 0xffff; codePoint++) {
			const character = String.fromCodePoint(codePoint);
			if (oneCell.test(character)) characters.push(character);
		}
		// ASCII 95, Latin-1 13 + 82, punctuation 24 + 47, the app's marks 7, the hints' arrows 4.
		expect(characters).toHaveLength(272);
		const segmenter = new Intl.Segmenter();
		const wrong = characters.filter(
			(character) =>
				stringWidth(character) !== 1 ||
				// Never joined to what is either side of it, nor to itself.
				[...segmenter.segment(`a${character}${character}a`)].length !== 4,
		);
		expect(wrong).toEqual([]);
		const all = characters.join('');
		expect(lazyWidth(all)).toBe(272);
		expect(stringWidth(all)).toBe(272);
		expect(lazyWidth(`\u001b[2m${all}\u001b[22m`)).toBe(272);
		// Ambiguous characters are wide when asked: the full path, as published.
		expect(lazyWidth('a … b ·', {ambiguousIsNarrow: false})).toBe(9);
		expect(stringWidth('a … b ·', {ambiguousIsNarrow: false})).toBe(9);
		// One character outside the class (a combining accent) and the whole text is segmented.
		expect(lazyWidth('“Cafe\u0301” …')).toBe(8);
	});
});
