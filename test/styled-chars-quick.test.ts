import * as published from '@alcalzone/ansi-tokenize';
import {beforeAll, describe, expect, it} from 'vitest';
import {quickerStyledChars} from '../scripts/build-options.mjs';
import {generatedAnsiLines} from './fixtures/ansi-lines.js';
import {importBundled} from './fixtures/bundled.js';

type Tokenizer = typeof published;

/** @alcalzone/ansi-tokenize as the build bundles it for Ink (scripts/build-options.mjs). */
let quick: Tokenizer;

beforeAll(async () => {
	quick = await importBundled<Tokenizer>({contents: "export * from '@alcalzone/ansi-tokenize';"}, [
		quickerStyledChars,
	]);
});

/** A line through the tokenizer and back, as Ink's output does it. */
const roundTrip = (tokenizer: Tokenizer, line: string) =>
	tokenizer.styledCharsToString(tokenizer.styledCharsFromTokens(tokenizer.tokenize(line)));

/** A row as Ink's output makes it: the line's characters, then blank cells to `width`, each
 * blank with styles of its own. */
function row(tokenizer: Tokenizer, line: string, width: number): string {
	const cells: published.StyledChar[] = tokenizer.styledCharsFromTokens(tokenizer.tokenize(line));
	while (cells.length < width) cells.push({type: 'char', value: ' ', fullWidth: false, styles: []});
	return tokenizer.styledCharsToString(cells).trimEnd();
}

const CODES = [
	'\u001b[0m',
	'\u001b[m',
	'\u001b[1m',
	'\u001b[2m',
	'\u001b[22m',
	'\u001b[3m',
	'\u001b[23m',
	'\u001b[4m',
	'\u001b[24m',
	'\u001b[7m',
	'\u001b[27m',
	'\u001b[9m',
	'\u001b[29m',
	'\u001b[31m',
	'\u001b[36m',
	'\u001b[39m',
	'\u001b[38;5;208m',
	'\u001b[38;2;10;20;30m',
	'\u001b[41m',
	'\u001b[49m',
	'\u001b]8;;https://example.org\u0007',
	'\u001b]8;;\u0007',
];
const TEXTS = ['a', 'Baghdad', ' ', '   ', '日本', '…', '“x”', '👍', 'e\u0301', '●', '█'];

const generatedLines = (count: number) => generatedAnsiLines(count, CODES, TEXTS, 0.45);

describe("Ink's styled characters as bundled (quickerStyledChars)", () => {
	it('gives the same lines as the library as published, a few written out', () => {
		const lines = [
			'\u001b[1mab\u001b[22mc',
			'\u001b[31ma\u001b[31mb\u001b[39m',
			'\u001b[2m\u001b[1mx\u001b[22my',
			'\u001b[7m sel \u001b[27m  ',
			'日本\u001b[4mz\u001b[0m',
		];
		const expected = [
			'\u001b[1mab\u001b[22mc',
			// The second red is no change: one code.
			'\u001b[31mab\u001b[39m',
			'\u001b[2m\u001b[1mx\u001b[22my',
			'\u001b[7m sel \u001b[27m  ',
			// The reset closes what was open, by its own code.
			'日本\u001b[4mz\u001b[24m',
		];
		expect(lines.map((line) => roundTrip(quick, line))).toEqual(expected);
		expect(lines.map((line) => roundTrip(published, line))).toEqual(expected);
	});

	it('gives the same lines and rows as the library as published over 5,000 generated lines', () => {
		const lines = generatedLines(5_000);
		const differing = lines.filter(
			(line) =>
				roundTrip(quick, line) !== roundTrip(published, line) ||
				row(quick, line, 40) !== row(published, line, 40),
		);
		expect(differing).toEqual([]);
		// The lines do change styles between characters, and drop codes that change nothing.
		expect(lines.filter((line) => roundTrip(published, line) !== line).length).toBeGreaterThan(
			1_000,
		);
	});

	it('gives the characters between two codes one styles array, never changed by a later code', () => {
		const chars = quick.styledCharsFromTokens(
			quick.tokenize('ab\u001b[1mcd\u001b[31me\u001b[22mf'),
		);
		expect(chars.map((char) => char.value).join('')).toBe('abcdef');
		expect(chars[0]!.styles).toBe(chars[1]!.styles);
		expect(chars[2]!.styles).toBe(chars[3]!.styles);
		expect(chars.map((char) => char.styles.map((code) => code.code).join(''))).toEqual([
			'',
			'',
			'\u001b[1m',
			'\u001b[1m',
			'\u001b[1m\u001b[31m',
			'\u001b[31m',
		]);
	});
});
