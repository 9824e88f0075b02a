import {describe, expect, it} from 'vitest';
import {diffTexts} from '../../../source/core/diff/diff-documents.js';
import {
	diffRows,
	rowOfChange,
	sideBySideColumns,
	type SideBySideRow,
} from '../../../source/core/diff/rows.js';
import {cellWidth} from '../../../source/core/text/width.js';
import type {StyledLine} from '../../../source/core/types.js';
import {
	editWords,
	generateWords,
	oracleTokens,
	renderWords,
	seedFiles,
	seedText,
} from './fixtures.js';

const plain = (line: StyledLine) => line.map((segment) => segment.text).join('');
const width = (line: StyledLine) => line.reduce((sum, segment) => sum + cellWidth(segment.text), 0);

const pairs: [string, string][] = [
	[seedText(seedFiles[0]!), seedText(seedFiles[1]!)],
	[seedText(seedFiles[2]!), seedText(seedFiles[3]!)],
	[
		renderWords(generateWords(3_000, 41), 42) + ' وزیر امور خارجه 中文字符测试',
		renderWords(editWords(generateWords(3_000, 41), 20, 43), 42, 50) +
			' وزیر امور خارجه 中文字符测试',
	],
];

describe('diffRows side by side', () => {
	it.each([
		[30, false, false],
		[80, true, false],
		[101, true, true],
	])(
		'fits every side to its column at width %i and spells both texts back',
		(total, layout, brackets) => {
			const columns = sideBySideColumns(total);
			expect(columns.left + columns.right + 3).toBe(total);
			for (const [a, b] of pairs) {
				const result = diffTexts(a, b, {layout});
				const rows = diffRows(result, {mode: 'side-by-side', width: total, layout, brackets});
				for (const row of rows) {
					expect(width(row.left)).toBe(columns.left);
					expect(width(row.right)).toBe(columns.right);
				}
				// Narrow columns cut long words, so compare the characters without whitespace.
				const squash = (text: string) =>
					text.replace(brackets ? /\[-|-\]|\{\+|\+\}|¶|\s/g : /¶|\s/g, '');
				expect(squash(rows.map((row) => plain(row.left)).join(''))).toBe(squash(a));
				expect(squash(rows.map((row) => plain(row.right)).join(''))).toBe(squash(b));
			}
		},
	);

	it('faces a paragraph found on one side only with blank rows', () => {
		const result = diffTexts(seedText(seedFiles[0]!), seedText(seedFiles[1]!));
		const rows: SideBySideRow[] = diffRows(result, {
			mode: 'side-by-side',
			width: 80,
			layout: false,
			brackets: false,
		});
		const headline = rows.findIndex((row) => plain(row.right).startsWith('Prospects'));
		expect(plain(rows[headline]!.left).trim()).toBe('');
		expect(rows[headline]!.change).toBe(0);
		expect(rows[headline]!.right.find((segment) => segment.text.includes('Prospects'))?.role).toBe(
			'inserted',
		);
		// Both columns then start the first shared paragraph on the same row.
		const shared = rows.findIndex((row) => plain(row.left).startsWith('In his first'));
		expect(plain(rows[shared]!.right)).toMatch(/^In his first/);
	});

	it('can find the row of every change', () => {
		const result = diffTexts(pairs[2]![0], pairs[2]![1]);
		const rows = diffRows(result, {
			mode: 'side-by-side',
			width: 70,
			layout: false,
			brackets: false,
		});
		for (const change of result.changes) {
			const row = rows[rowOfChange(rows, change.index)]!;
			const text = plain(row.left) + plain(row.right);
			// A change drawn on both sides may start a row later on one side than the other.
			const parts = result.parts.slice(change.firstPart, change.endPart);
			expect(parts.some((part) => text.includes(part.text.split(/\s/)[0]!))).toBe(true);
		}
	});
});

describe('diffRows inline', () => {
	it('interleaves deletions and insertions in reading order, with brackets when asked', () => {
		const result = diffTexts(
			'The minister visited Baghdad on Sunday.',
			'The minister visited Tehran on Sunday.',
		);
		const rows = diffRows(result, {mode: 'inline', width: 200, layout: false, brackets: true});
		expect(rows.map((row) => plain(row.line))).toEqual([
			'The minister visited [-Baghdad-] {+Tehran+} on Sunday.',
		]);
		expect(
			rows[0]!.line
				.filter((segment) => segment.role)
				.map((segment) => [segment.text, segment.role]),
		).toEqual([
			['[-Baghdad-]', 'deleted'],
			['{+Tehran+}', 'inserted'],
		]);
	});

	it('wraps within the width and keeps every word of both sides', () => {
		const [a, b] = pairs[0]!;
		const result = diffTexts(a, b, {layout: true});
		const rows = diffRows(result, {mode: 'inline', width: 40, layout: true, brackets: false});
		for (const row of rows) expect(width(row.line)).toBeLessThanOrEqual(40);
		const of = (role: string) =>
			oracleTokens(
				rows
					.flatMap((row) => row.line.filter((segment) => segment.role !== role).map((s) => s.text))
					.join(' '),
			).filter((token) => token !== '¶');
		expect(of('inserted')).toEqual(oracleTokens(a));
		expect(of('deleted')).toEqual(oracleTokens(b));
	});
});
