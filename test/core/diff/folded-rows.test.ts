import {describe, expect, it} from 'vitest';
import {diffDocuments, diffTexts} from '../../../source/core/diff/diff-documents.js';
import {
	ALL_FOLDED,
	FoldFinder,
	FoldedRows,
	layoutFolds,
} from '../../../source/core/diff/folded-rows.js';
import {findFolds} from '../../../source/core/diff/folds.js';
import {DiffLayout, type DiffRow} from '../../../source/core/diff/rows.js';
import {DiffSearch, matchTargets} from '../../../source/core/diff/search.js';
import {seedDocuments} from '../../fixtures/seeds.js';
import {diffStatus} from '../../../source/core/diff-view/status.js';
import {diffViewModel} from '../../../source/core/diff-view/model.js';
import {diffViewReducer, initialDiffViewState} from '../../../source/core/diff-view/state.js';
import {editWords, generateWords, renderWords} from './fixtures.js';

const [a, b] = seedDocuments();
const result = diffDocuments(a!, b!);
const layout = () =>
	new DiffLayout(result, {mode: 'inline', width: 98, layout: false, brackets: true});
const text = (row: DiffRow) =>
	'line' in row ? row.line.map((segment) => segment.text).join('') : '';

describe('FoldedRows on 000 against 001, inline at 98 columns', () => {
	const laid = layout();
	const found = layoutFolds(laid, result.changes.length);

	it('folds the body between the headline’s change and the footer’s into one row', () => {
		expect(laid.rowCount).toBe(117);
		// Change 0 (headline and dateline) on rows 0–2, change 1 (the footer) from row 113;
		// three rows of context each side.
		expect(found.folds).toEqual([{start: 6, end: 110}]);
		expect(found.keys).toEqual([0]);
		const folded = new FoldedRows(found, ALL_FOLDED);
		expect(folded.length).toBe(14);
		const shown = folded.rows(0, 14);
		expect(shown[6]).toEqual({kind: 'fold', hidden: 104, key: 0});
		expect(shown.filter((row) => row.kind === 'fold')).toHaveLength(1);
		const first = shown[0]!;
		expect(first.kind === 'row' && text(first.row)).toBe('{+Prospects of Iran-Iraq ties+}');
		const last = shown[13]!;
		expect(last.kind === 'row' && text(last.row)).toBe('{+Leave a Comment+}');
		expect(folded.foldAt(6)).toBe(0);
		expect(folded.foldAt(5)).toBeUndefined();
	});

	it('maps changes and passages through the fold, and opens it by its key', () => {
		const folded = new FoldedRows(found, ALL_FOLDED);
		expect(folded.rowOfChange(0)).toBe(0);
		expect(folded.rowOfChange(1)).toBe(113 - 103);
		// A row inside the fold shows as the fold's row.
		expect(folded.shownRow(50)).toBe(6);
		expect(folded.rowOfPassage(folded.passageAt(9))).toBe(9);
		const opened = new FoldedRows(found, {showAll: false, opened: [0]});
		expect(opened.length).toBe(117);
		expect(new FoldedRows(found, {showAll: true, opened: []}).length).toBe(117);
		// A key no fold has opens nothing.
		expect(new FoldedRows(found, {showAll: false, opened: [5]}).length).toBe(14);
	});
});

describe('matchTargets', () => {
	const search = new DiffSearch(a!, b!);

	it('takes B’s matches, and A’s only in deleted text, in reading order', () => {
		// "licensed" is only in 000's footer, which 001 replaced: two matches, both in A.
		expect(matchTargets(result, search.find('licensed'))).toEqual([
			{side: 'a', token: 1452},
			{side: 'a', token: 1462},
		]);
		// "comment" (a prefix: "Commons" too) is in the shared body once, where B's match stands
		// for both, then in A's deleted footer twice, then in B's inserted "Leave a Comment".
		expect(matchTargets(result, search.find('comment'))).toEqual([
			{side: 'b', token: 1108},
			{side: 'a', token: 1446},
			{side: 'a', token: 1456},
			{side: 'b', token: 1461},
		]);
		// A word of the shared body is found once, in B, however many times A holds it too.
		const zarif = matchTargets(result, search.find('zarif'));
		expect(zarif.length).toBe(search.find('zarif').b.length);
		expect(zarif.every((target) => target.side === 'b')).toBe(true);
		const tokens = zarif.map((target) => target.token);
		expect(tokens).toEqual([...tokens].sort((x, y) => x - y));
	});

	it('puts a match in its block of the layout', () => {
		const laid = layout();
		const [first, second] = matchTargets(result, search.find('licensed'));
		const rowOf = (target: typeof first) =>
			laid.rowOfPassage(laid.passageOfToken(target!.side, target!.token));
		// Both in the footer's change, rows 113–116 (a match's row is estimated from how far
		// through its block's tokens it is: here A's two footer rows are followed by B's).
		expect(text(laid.rows(rowOf(first), rowOf(first) + 1)[0]!)).toMatch(/licensed/);
		expect(rowOf(second)).toBeGreaterThanOrEqual(113);
		expect(rowOf(second)).toBeLessThanOrEqual(116);
	});
});

describe('folds found as a long layout is measured', () => {
	const words = generateWords(60_000, 7);
	// The default budget counts work, not time: this pair gets its word diff on any machine.
	const long = diffTexts(renderWords(words, 8), renderWords(editWords(words, 40, 9), 8));

	it.each(['side-by-side', 'inline'] as const)(
		'%s: the folds are those of the whole layout, each found once the change after it is measured',
		(mode) => {
			const options = {mode, width: 120, layout: false, brackets: false};
			const whole = new DiffLayout(long, options);
			whole.measureAll();
			const changed = new Uint8Array(whole.rowCount);
			for (let change = 0; change < long.changes.length; change++) {
				const first = whole.rowOfChange(change);
				if (first >= 0) changed.fill(1, first, whole.lastRowOfChange(change) + 1);
			}
			const expected = findFolds(whole.rowCount, (row) => changed[row] === 1);
			expect(expected.length).toBeGreaterThan(30);
			expect(layoutFolds(new DiffLayout(long, options), long.changes.length).folds).toEqual(
				expected,
			);

			// Lazily: the first screen and a jump measure only what they need, and agree with the
			// rows of the whole layout, folded.
			const lazy = new FoldedRows(
				new FoldFinder(new DiffLayout(long, options), long.changes.length),
				ALL_FOLDED,
			);
			const full = new FoldedRows(layoutFolds(whole, long.changes.length), ALL_FOLDED);
			expect(lazy.rows(0, 40)).toEqual(full.rows(0, 40));
			expect(lazy.layout.complete).toBe(false);
			const tenth = lazy.rowOfChange(10);
			expect(tenth).toBe(full.rowOfChange(10));
			expect(lazy.rows(tenth - 2, tenth + 38)).toEqual(full.rows(tenth - 2, tenth + 38));
			expect(lazy.layout.complete).toBe(false);
			// Rows settled once stay where they are as the rest is measured.
			lazy.measureAll();
			expect(lazy.rowOfChange(10)).toBe(tenth);
			expect(lazy.length).toBe(full.length);
		},
	);
});

describe('the diff screen’s model of a long layout', () => {
	it('G measures everything first, so the last screen ends on the true last row', () => {
		const words = generateWords(60_000, 7);
		const long = diffTexts(renderWords(words, 8), renderWords(editWords(words, 40, 9), 8));
		expect(long.fallback).toBe(false);
		const layout = new DiffLayout(long, {
			mode: 'inline',
			width: 98,
			layout: false,
			brackets: false,
		});
		const folded = new FoldedRows(new FoldFinder(layout, long.changes.length), ALL_FOLDED);
		const request = {
			a: seedDocuments()[0]!,
			b: seedDocuments()[1]!,
			mode: 'inline',
			layout: false,
			columns: 100,
			height: 26,
			folds: ALL_FOLDED,
			storyOnly: false,
			query: '',
			folder: seedDocuments(),
		} as const;
		const view = diffViewModel(request, long, folded, []);
		const estimate = view.rows;
		// The status marks the total as an estimate until it is counted.
		expect(diffStatus(initialDiffViewState(), view, long, 0)).toMatch(
			/^lines 1–26 of ~[\d,]+ · ~\d+% · 40 changes · /,
		);
		const bottom = diffViewReducer(initialDiffViewState(), 'bottom', view);
		expect(layout.complete).toBe(true);
		expect(view.rows).not.toBe(estimate);
		expect(diffStatus(bottom, view, long, bottom.top)).toMatch(
			/^lines [\d,]+–[\d,]+ of [\d,]+ · 100% · /,
		);
		expect(bottom.top).toBe(view.rows - 26);
		expect(folded.rows(bottom.top, bottom.top + 26)).toHaveLength(26);
	});
});
