import {describe, expect, it} from 'vitest';
import {diffTexts} from '../../../source/core/diff/diff-documents.js';
import {
	DiffLayout,
	diffRows,
	rowOfChange,
	sideBySideColumns,
	type DiffRow,
	type SideBySideRow,
} from '../../../source/core/diff/rows.js';
import {cellWidth} from '../../../source/core/text/width.js';
import {tokenText} from '../../../source/core/diff/word-tokens.js';
import type {StyledLine} from '../../../source/core/types.js';
import {editWords, generateWords, oracleTokens, renderWords} from './fixtures.js';
import {seedFiles, seedText} from '../../fixtures/seeds.js';

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

/** B: A's words with paragraphs split differently (breaks moved) and `edits` words replaced. */
function resplitPair(seed: number, edits: number): [string, string] {
	const words = generateWords(2_500, seed);
	const a = renderWords(words, seed + 1);
	let b = renderWords(editWords(words, edits, seed + 2), seed + 1);
	let flip = 0;
	b = b.replace(/\. (?=\p{L})|\.\n\n/gu, (match) => {
		flip++;
		if (flip % 5 === 0) return match === '. ' ? '.\n\n' : '. ';
		return match;
	});
	return [a, b];
}

describe('side-by-side rows aligned by the diff', () => {
	it.each([
		[11, 30, 100],
		[12, 60, 160],
		[13, 5, 61],
	])(
		'starts each change on the same row on both sides (seed %i, %i edits, width %i)',
		(seed, edits, total) => {
			const [a, b] = resplitPair(seed, edits);
			const result = diffTexts(a, b);
			expect(result.changes.length).toBeGreaterThan(edits / 2);
			const rows = diffRows(result, {
				mode: 'side-by-side',
				width: total,
				layout: false,
				brackets: false,
			});
			const firstRow = (side: 'leftChanges' | 'rightChanges', change: number) =>
				rows.findIndex((row) => {
					const span = row[side];
					return span !== undefined && span[0] <= change && change <= span[1];
				});
			let both = 0;
			for (const change of result.changes) {
				if (change.deletedWords === 0 || change.insertedWords === 0) continue;
				both++;
				expect(firstRow('leftChanges', change.index), `change ${change.index}`).toBe(
					firstRow('rightChanges', change.index),
				);
			}
			expect(both).toBeGreaterThan(0);
		},
	);

	it('faces equal text with equal text where paragraphs are split differently', () => {
		const [a, b] = resplitPair(21, 0);
		// With layout, each moved break is a change the rows align at.
		const result = diffTexts(a, b, {layout: true});
		expect(result.changes.length).toBeGreaterThan(10);
		const rows = diffRows(result, {
			mode: 'side-by-side',
			width: 120,
			layout: true,
			brackets: false,
		});
		let facing = 0;
		for (const row of rows) {
			const left = plain(row.left).trim();
			const right = plain(row.right).trim();
			if (left === '' || right === '' || row.change !== undefined) continue;
			facing++;
			expect(left).toBe(right);
		}
		expect(facing).toBeGreaterThan(rows.length / 2);
	});
});

describe('diffRows side by side', () => {
	it.each([
		[30, false, false],
		[80, true, false],
		[101, true, true],
	])(
		'fits every side to its column at width %i and spells both texts back',
		(total, layout, brackets) => {
			const columns = sideBySideColumns(total);
			// Two columns as wide, the odd cell left over.
			expect(columns.left).toBe(columns.right);
			expect(total - (columns.left + columns.right + 3)).toBe(total % 2 === 0 ? 1 : 0);
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

describe('a paragraph that ends in a change (seeds 001 → 000: headline and dateline deleted)', () => {
	const result = () => diffTexts(seedText(seedFiles[1]!), seedText(seedFiles[0]!));

	it('ends its paragraph inline, with and without brackets', () => {
		for (const brackets of [true, false]) {
			const rows = diffRows(result(), {mode: 'inline', width: 100, layout: false, brackets});
			const lines = rows.map((row) => plain(row.line));
			const dateline = lines.findIndex((line) => line.includes('21:8'));
			expect(lines[dateline]).toBe(brackets ? '[-July 20, 2020 - 21:8-]' : 'July 20, 2020 - 21:8');
			expect(lines[dateline + 1]).toBe('');
			expect(lines[dateline + 2]).toMatch(/^In his first foreign trip/);
		}
	});

	it('ends its paragraph side by side', () => {
		const rows = diffRows(result(), {
			mode: 'side-by-side',
			width: 140,
			layout: false,
			brackets: false,
		});
		const left = rows.map((row) => plain(row.left).trimEnd());
		const dateline = left.findIndex((line) => line.includes('21:8'));
		expect(left[dateline]).toBe('July 20, 2020 - 21:8');
		expect(left[dateline + 1]).toBe('');
		expect(left[dateline + 2]).toMatch(/^In his first foreign trip/);
		expect(plain(rows[dateline + 2]!.right)).toMatch(/^In his first foreign trip/);
	});
});

describe('a paragraph that ends in a change, in either text', () => {
	it('keeps the break of the text that had it, inline', () => {
		const deleted = diffTexts(
			'Alpha beta gamma\n\nDelta epsilon.',
			'Alpha beta kappa Delta epsilon.',
		);
		const rows = diffRows(deleted, {mode: 'inline', width: 80, layout: false, brackets: true});
		expect(rows.map((row) => plain(row.line))).toEqual([
			'Alpha beta [-gamma-] {+kappa+}',
			'',
			'Delta epsilon.',
		]);
		const inserted = diffTexts('Alpha beta. Delta epsilon.', 'Alpha beta. Kappa\n\nDelta epsilon.');
		const rowsB = diffRows(inserted, {mode: 'inline', width: 80, layout: false, brackets: true});
		expect(rowsB.map((row) => plain(row.line))).toEqual([
			'Alpha beta. {+Kappa+}',
			'',
			'Delta epsilon.',
		]);
	});
});

describe('DiffLayout (lazy rows)', () => {
	const seedPair = () =>
		diffTexts(seedText(seedFiles[0]!), seedText(seedFiles[1]!), {layout: true});
	const variants = [
		['side-by-side', 30, false, false],
		['side-by-side', 140, true, true],
		['side-by-side', 121, false, true],
		['inline', 12, false, true],
		['inline', 80, true, false],
		['inline', 79, true, true],
	] as const;

	it.each(variants)(
		'%s at width %i (layout %s, brackets %s): counted rows and change rows match the drawn rows',
		(mode, total, layout, brackets) => {
			for (const [a, b] of [...pairs, [seedText(seedFiles[1]!), seedText(seedFiles[0]!)]]) {
				const result = diffTexts(a!, b!, {layout});
				const options = {mode, width: total, layout, brackets};
				const drawn = diffRows(result, options);
				const lazy = new DiffLayout(result, options);
				for (const change of result.changes) {
					const row = lazy.rowOfChange(change.index);
					// A drawn row knows the lowest and highest change on it, so the first row whose
					// range covers the change is at or before the change's own first row.
					expect(row).toBeGreaterThanOrEqual(rowOfChange(drawn, change.index));
					if (row === -1) continue;
					const drawnRow = drawn[row]!;
					expect(drawnRow.change).toBeLessThanOrEqual(change.index);
					expect(drawnRow.lastChange).toBeGreaterThanOrEqual(change.index);
					// The row draws the start of one of the change's parts (side by side, an insertion
					// on the right may come rows before the deletion it replaces on the left).
					const text =
						'line' in drawnRow
							? plain(drawnRow.line)
							: plain(drawnRow.left) + plain(drawnRow.right);
					const starts = result.parts
						.slice(change.firstPart, change.endPart)
						.map((part) =>
							part.type === 'delete'
								? tokenText(result.a, part.startA)
								: tokenText(result.b, part.startB),
						);
					expect(starts.some((word) => word === '¶' || text.includes(word.slice(0, 3)))).toBe(true);
				}
				lazy.measureAll();
				expect(lazy.complete).toBe(true);
				expect(lazy.rowCount).toBe(drawn.length);
			}
		},
	);

	it('draws any slice of rows exactly as the whole layout, measuring only what it needs', () => {
		const result = seedPair();
		const options = {mode: 'side-by-side', width: 90, layout: true, brackets: false} as const;
		const drawn = diffRows(result, options);
		const lazy = new DiffLayout(result, options);
		expect(lazy.rows(0, 10)).toEqual(drawn.slice(0, 10));
		expect(lazy.complete).toBe(false);
		for (const [start, end] of [
			[5, 27],
			[drawn.length - 7, drawn.length + 5],
			[1, 2],
		] as const) {
			expect(lazy.rows(start, end)).toEqual(drawn.slice(start, end));
		}
		expect(lazy.rowCount).toBe(drawn.length);
	});

	it('estimates the total before it has measured everything, and is exact after', () => {
		const words = generateWords(40_000, 7);
		const result = diffTexts(renderWords(words, 8), renderWords(editWords(words, 30, 9), 8));
		const lazy = new DiffLayout(result, {
			mode: 'inline',
			width: 80,
			layout: false,
			brackets: false,
		});
		lazy.rows(0, 20);
		expect(lazy.complete).toBe(false);
		const estimate = lazy.rowCount;
		lazy.measureAll();
		expect(Math.abs(estimate - lazy.rowCount) / lazy.rowCount).toBeLessThan(0.2);
		expect(lazy.rowCount).toBe(
			diffRows(result, {mode: 'inline', width: 80, layout: false, brackets: false}).length,
		);
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

	it('sets an insertion apart from the deletion before it, even where the text has no space', () => {
		const result = diffTexts('alpha beta,Of gamma', 'alpha beta,close gamma');
		for (const brackets of [false, true]) {
			const rows = diffRows(result, {mode: 'inline', width: 80, layout: false, brackets});
			expect(rows.map((row) => plain(row.line))).toEqual([
				brackets ? 'alpha beta,[-Of-] {+close+} gamma' : 'alpha beta,Of close gamma',
			]);
		}
	});

	it('marks a deleted and an inserted ¶ apart: their own roles, each with its second cue', () => {
		// A paragraph break removed after "one." and one added after "two.".
		const result = diffTexts(
			'One one.\n\nTwo two. Three three.',
			'One one. Two two.\n\nThree three.',
			{
				layout: true,
			},
		);
		for (const mode of ['inline', 'side-by-side'] as const) {
			const rows = diffRows(result, {mode, width: 100, layout: true, brackets: false});
			const marks = rows.flatMap((row) =>
				('line' in row ? row.line : [...row.left, ...row.right]).filter((segment) =>
					segment.text.includes('¶'),
				),
			);
			expect(marks.map((segment) => segment.role).sort(), mode).toEqual(['deleted', 'inserted']);
		}
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

describe('keeping the passage across a change of mode (s)', () => {
	it('maps a row of one mode to the row of the same text in the other', () => {
		const result = diffTexts(seedText(seedFiles[0]!), seedText(seedFiles[1]!));
		const options = {layout: false, brackets: false} as const;
		const sideBySide = new DiffLayout(result, {...options, mode: 'side-by-side', width: 120});
		const inline = new DiffLayout(result, {...options, mode: 'inline', width: 120});
		const wordsOf = (row: DiffRow) =>
			new Set(
				('line' in row ? plain(row.line) : plain(row.left) + ' ' + plain(row.right)).match(
					/\p{L}{5,}/gu,
				) ?? [],
			);
		sideBySide.measureAll();
		let checked = 0;
		for (let row = 0; row < sideBySide.rowCount; row += 7) {
			const words = wordsOf(sideBySide.rows(row, row + 1)[0]!);
			if (words.size === 0) continue;
			const target = inline.rowOfPassage(sideBySide.passageAt(row));
			// The same words, on that row or the one next to it (inline rows hold twice as many).
			const near = inline.rows(Math.max(0, target - 1), target + 2).flatMap((r) => [...wordsOf(r)]);
			expect(
				[...words].some((word) => near.includes(word)),
				`row ${row} → ${target}`,
			).toBe(true);
			// And back again, to a row of the same block.
			const back = sideBySide.passageAt(sideBySide.rowOfPassage(inline.passageAt(target)));
			expect(back.block).toBe(sideBySide.passageAt(row).block);
			checked++;
		}
		expect(checked).toBeGreaterThan(10);
	});
});

describe('a paragraph diff (the fallback) laid out lazily', () => {
	const a = renderWords(generateWords(30_000, 61), 62);
	const b = renderWords(generateWords(30_000, 63), 64);
	const result = diffTexts(a, b, {timeBudgetMs: 0});

	it('is cut into a block per paragraph, so a screen measures a few of them', () => {
		expect(result.fallback).toBe(true);
		expect(result.changes.length).toBeLessThan(5);
		for (const mode of ['side-by-side', 'inline'] as const) {
			const layout = new DiffLayout(result, {mode, width: 120, layout: false, brackets: false});
			expect(layout.blockCount, mode).toBeGreaterThan(500);
			expect(layout.rows(0, 40), mode).toHaveLength(40);
			expect(layout.complete, mode).toBe(false);
		}
	});

	it('still spells both texts', () => {
		for (const mode of ['side-by-side', 'inline'] as const) {
			const rows = diffRows(result, {mode, width: 120, layout: false, brackets: false});
			const squash = (text: string) => text.replace(/\s/g, '');
			if (mode === 'side-by-side') {
				const sides = rows as SideBySideRow[];
				expect(squash(sides.map((row) => plain(row.left)).join(''))).toBe(squash(a));
				expect(squash(sides.map((row) => plain(row.right)).join(''))).toBe(squash(b));
			} else {
				const text = squash(rows.map((row) => ('line' in row ? plain(row.line) : '')).join(''));
				expect(text).toBe(squash(a) + squash(b));
			}
		}
	});
});

describe('DiffLayout: the rows each change spans, measured without drawing', () => {
	it.each(['side-by-side', 'inline'] as const)(
		'%s: first and last rows of every change are those the drawn rows give',
		(mode) => {
			for (const [a, b] of pairs) {
				const result = diffTexts(a, b);
				const options = {mode, width: 90, layout: false, brackets: false};
				const drawn = diffRows(result, options);
				const lazy = new DiffLayout(result, options);
				lazy.measureAll();
				for (const change of result.changes) {
					const rows = drawn
						.map((row, index) => ({row, index}))
						.filter(
							({row}) =>
								row.change !== undefined &&
								row.change <= change.index &&
								change.index <= row.lastChange!,
						)
						.map(({index}) => index);
					expect(lazy.rowOfChange(change.index)).toBe(rows[0] ?? -1);
					expect(lazy.lastRowOfChange(change.index)).toBe(rows.at(-1) ?? -1);
				}
			}
		},
	);
});

describe('tokenAt: a place in a version that outlives the diff it was read in', () => {
	// Three revisions of one text: B of the first pair is A of the second, as a story's `]`
	// goes from v1→v2 to v2→v3.
	const words1 = generateWords(2_000, 71);
	// v2 rewords 100 words and inserts 80 at word 500; v3 rewords 100 more and cuts 50.
	const reworded = editWords(words1, 100, 73);
	const words2 = [...reworded.slice(0, 500), ...generateWords(80, 75), ...reworded.slice(500)];
	const words3 = editWords(words2, 100, 74);
	words3.splice(1_500, 50);
	const [v1, v2, v3] = [words1, words2, words3].map((words) => renderWords(words, 72)) as [
		string,
		string,
		string,
	];
	const options = {mode: 'side-by-side', width: 60, layout: false, brackets: false} as const;
	const first = new DiffLayout(diffTexts(v1, v2), options);
	const second = new DiffLayout(diffTexts(v2, v3), options);
	first.measureAll();
	second.measureAll();

	it("finds the row where the words of v2 at the top of the other pair's row start", () => {
		const rowsOf = (layout: DiffLayout) => layout.rows(0, layout.rowCount) as SideBySideRow[];
		const firstRows = rowsOf(first);
		const secondRows = rowsOf(second);
		const words = (line: StyledLine | undefined) =>
			line === undefined ? '' : plain(line).trim().replace(/\s+/g, ' ');
		let checked = 0;
		for (let row = 0; row < firstRows.length; row += 7) {
			const shown = words(firstRows[row]!.right).split(' ');
			// Rows of v2 only: a filler row (v2 has nothing there) has no place of its own.
			if (shown.length < 3) continue;
			const wanted = shown.slice(0, 3).join(' ');
			const found = second.rowOfToken('a', first.tokenAt('b', row));
			// Each diff wraps v2 anew (a change starts a row on both sides): the words start on
			// the row found, and may run on to the next.
			const here = words(secondRows[found]?.left);
			const text = `${here} ${words(secondRows[found + 1]?.left)}`;
			expect(text, `row ${row}`).toContain(wanted);
			expect(text.indexOf(wanted), `row ${row}`).toBeLessThan(here.length);
			checked++;
		}
		expect(checked).toBeGreaterThan(40);
	});
});

describe('bidirectional controls in the texts', () => {
	// An RLO (U+202E) reverses, in a terminal that lays out bidirectional text, the rest of the
	// row it is printed on: side by side, the other version's column too. And alone it is an
	// insertion that shows nothing. The rows show it as U+FFFD, as titles and file names do.
	const a = 'The committee approved the budget of 100 dollars for the school.';
	const b = 'The committee approved the budget of \u202e100 dollars for the school.';

	it('shows an inserted RLO as a visible, marked character, inline', () => {
		const rows = diffRows(diffTexts(a, b), {
			mode: 'inline',
			width: 80,
			layout: false,
			brackets: true,
		});
		expect(rows.map((row) => plain(row.line))).toEqual([
			'The committee approved the budget of {+\ufffd+} 100 dollars for the school.',
		]);
	});

	it('keeps it out of the row side by side, where the other column follows it', () => {
		const rows = diffRows(diffTexts(b, a), {
			mode: 'side-by-side',
			width: 100,
			layout: false,
			brackets: false,
		});
		const drawn = rows.flatMap((row) => [plain(row.left), plain(row.right)]).join('\n');
		expect(drawn).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
		expect(drawn).toContain('budget of \ufffd100');
		for (const row of rows) expect(width(row.left)).toBe(sideBySideColumns(100).left);
	});
});
