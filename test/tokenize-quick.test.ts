import * as published from '@alcalzone/ansi-tokenize';
import {beforeAll, describe, expect, it} from 'vitest';
import {QUICK_TOKENS, quickerStyledChars, quickerTokenize} from '../scripts/build-options.mjs';
import {generatedAnsiLines} from './fixtures/ansi-lines.js';
import {importBundled} from './fixtures/bundled.js';

type Tokenizer = typeof published;

/** @alcalzone/ansi-tokenize as the build bundles it for Ink (scripts/build-options.mjs). */
let quick: Tokenizer;

beforeAll(async () => {
	quick = await importBundled<Tokenizer>({contents: "export * from '@alcalzone/ansi-tokenize';"}, [
		quickerStyledChars,
		quickerTokenize,
	]);
});

/** Runs `work` counting the texts Intl.Segmenter segments. */
function countingSegmentations<T>(work: () => T): {result: T; segmented: number} {
	const original = Object.getOwnPropertyDescriptor(Intl.Segmenter.prototype, 'segment')!;
	let segmented = 0;
	Object.defineProperty(Intl.Segmenter.prototype, 'segment', {
		...original,
		value(this: Intl.Segmenter, text: string) {
			segmented++;
			return (original.value as Intl.Segmenter['segment']).call(this, text);
		},
	});
	try {
		return {result: work(), segmented};
	} finally {
		Object.defineProperty(Intl.Segmenter.prototype, 'segment', original);
	}
}

/** Every character the quick path takes (QUICK_TOKENS). */
function quickCharacters(): string[] {
	const quickLine = new RegExp(QUICK_TOKENS);
	const characters: string[] = [];
	for (let codePoint = 0; codePoint <= 0xffff; codePoint++) {
		const character = String.fromCodePoint(codePoint);
		if (quickLine.test(character)) characters.push(character);
	}
	return characters;
}

const CODES = [
	'\u001b[0m',
	'\u001b[m',
	'\u001b[1m',
	'\u001b[2m',
	'\u001b[22m',
	'\u001b[1;3;31m',
	'\u001b[4m',
	'\u001b[24m',
	'\u001b[7m',
	'\u001b[27m',
	'\u001b[33m',
	'\u001b[39m',
	'\u001b[38;5;208m',
	'\u001b[38;2;10;20;30m',
	'\u001b[49m',
	'\u001b]8;;https://example.org\u0007',
	'\u001b]8;;\u0007',
	// Not codes: an ESC on its own, an unended link, a bad SGR, the one-byte CSI.
	'\u001b',
	'\u001b]8;;https://example.org',
	'\u001b[1x',
	'\u009b1m',
	'\u0007',
];
const TEXTS = [
	'a',
	'Baghdad',
	' ',
	'    ',
	'“x”',
	'…',
	'▸●✓↻',
	'█',
	'↑↓ ─│',
	'é',
	'日本',
	'👍',
	'e\u0301',
	'\u0301',
	'🇮🇷',
	'❤\ufe0f',
	'\r\n',
	'\u200d',
];

const generatedLines = (count: number) => generatedAnsiLines(count, CODES, TEXTS, 0.4);

describe("Ink's tokenizer as bundled (quickerTokenize)", () => {
	it('gives the tokens written out for a few lines', () => {
		expect(quick.tokenize('\u001b[1ma\u001b[22m “b”')).toEqual([
			{type: 'ansi', code: '\u001b[1m', endCode: '\u001b[22m'},
			{type: 'char', value: 'a', fullWidth: false},
			{type: 'ansi', code: '\u001b[22m', endCode: '\u001b[22m'},
			{type: 'char', value: ' ', fullWidth: false},
			{type: 'char', value: '“', fullWidth: false},
			{type: 'char', value: 'b', fullWidth: false},
			{type: 'char', value: '”', fullWidth: false},
		]);
		// A compound code is split; a link is one code, ended by the link's end.
		expect(quick.tokenize('\u001b[7;33m\u001b]8;;https://x.org\u0007▸')).toEqual([
			{type: 'ansi', code: '\u001b[7m', endCode: '\u001b[27m'},
			{type: 'ansi', code: '\u001b[33m', endCode: '\u001b[39m'},
			{type: 'ansi', code: '\u001b]8;;https://x.org\u0007', endCode: '\u001b]8;;\u0007'},
			{type: 'char', value: '▸', fullWidth: false},
		]);
		// An ESC that starts no code, and a BEL, are characters.
		expect(quick.tokenize('\u001b]x\u0007')).toEqual([
			{type: 'char', value: '\u001b', fullWidth: false},
			{type: 'char', value: ']', fullWidth: false},
			{type: 'char', value: 'x', fullWidth: false},
			{type: 'char', value: '\u0007', fullWidth: false},
		]);
		// Up to `endChar` visible characters.
		expect(quick.tokenize('ab\u001b[1mcd', 3)).toEqual([
			{type: 'char', value: 'a', fullWidth: false},
			{type: 'char', value: 'b', fullWidth: false},
			{type: 'ansi', code: '\u001b[1m', endCode: '\u001b[22m'},
			{type: 'char', value: 'c', fullWidth: false},
		]);
	});

	it('segments no line of one-cell characters and codes, and segments any other', () => {
		const line =
			'\u001b[1m\u001b[35m▸  \u001b[39mA “quoted” title — 3 min…\u001b[22m  \u001b[2m1,204 w\u001b[22m ↑↓';
		const plain = countingSegmentations(() => quick.tokenize(line));
		expect(plain.segmented).toBe(0);
		expect(plain.result.filter((token) => token.type === 'char')).toHaveLength(40);
		expect(countingSegmentations(() => quick.tokenize(`${line}日本`)).segmented).toBe(1);
		expect(countingSegmentations(() => quick.tokenize(`${line}e\u0301`)).segmented).toBe(1);
	});

	it('gives the tokens as published for every quick character alone and beside every other', () => {
		const characters = quickCharacters();
		// ONE_CELL_EACH's 272 (see test/string-width-lazy.test.ts), − ─ │, ESC and BEL.
		expect(characters).toHaveLength(277);
		const all = characters.join('');
		expect(quick.tokenize(all)).toEqual(published.tokenize(all));
		const differing: string[] = [];
		for (const first of characters) {
			for (const second of characters) {
				const pair = first + second;
				if (JSON.stringify(quick.tokenize(pair)) !== JSON.stringify(published.tokenize(pair))) {
					differing.push(pair);
				}
			}
		}
		expect(differing).toEqual([]);
	});

	it('gives the tokens and styled characters as published over 5,000 generated lines', () => {
		const lines = generatedLines(5_000);
		const differing = lines.filter(
			(line) =>
				JSON.stringify(quick.tokenize(line)) !== JSON.stringify(published.tokenize(line)) ||
				JSON.stringify(quick.tokenize(line, 4)) !== JSON.stringify(published.tokenize(line, 4)) ||
				JSON.stringify(quick.styledCharsFromTokens(quick.tokenize(line))) !==
					JSON.stringify(published.styledCharsFromTokens(published.tokenize(line))),
		);
		expect(differing).toEqual([]);
		// Both paths are taken.
		const quickLine = new RegExp(QUICK_TOKENS);
		const quickLines = lines.filter((line) => quickLine.test(line)).length;
		expect(quickLines).toBeGreaterThan(500);
		expect(quickLines).toBeLessThan(4_500);
	});
});
