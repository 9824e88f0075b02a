import {describe, expect, it} from 'vitest';
import {
	FOLDED,
	FoldView,
	findFolds,
	foldLabel,
	openFold,
	toggleAll,
} from '../../../source/core/diff/folds.js';

/** 100 rows with changes on rows 10 and 11, 50 and 90. */
const changedRows = new Set([10, 11, 50, 90]);
const changed = (row: number) => changedRows.has(row);

describe('findFolds', () => {
	it('folds what lies more than 3 rows from every change', () => {
		expect(findFolds(100, changed)).toEqual([
			{start: 0, end: 7},
			{start: 15, end: 47},
			{start: 54, end: 87},
			{start: 94, end: 100},
		]);
	});

	it('takes the context asked for, and folds nothing for "all" or for a gap of one row', () => {
		expect(findFolds(100, changed, 0)).toEqual([
			{start: 0, end: 10},
			{start: 12, end: 50},
			{start: 51, end: 90},
			{start: 91, end: 100},
		]);
		expect(findFolds(100, changed, 'all')).toEqual([]);
		// Changes 7 rows apart leave one row between their contexts: not worth a fold row.
		expect(findFolds(9, (row) => row === 0 || row === 8)).toEqual([]);
		expect(findFolds(10, (row) => row === 0 || row === 9)).toEqual([{start: 4, end: 6}]);
		expect(findFolds(5, () => false)).toEqual([{start: 0, end: 5}]);
	});
});

describe('FoldView', () => {
	const folds = findFolds(100, changed);

	it('shows a fold row for each closed fold, and maps shown rows to layout rows', () => {
		const view = new FoldView(folds, FOLDED, 100);
		// 100 rows, folds of 7, 32, 33 and 6 rows each become one row.
		expect(view.length).toBe(100 - 6 - 31 - 32 - 5);
		expect(view.at(0)).toEqual({kind: 'fold', fold: 0, hidden: 7});
		expect(view.at(1)).toEqual({kind: 'row', row: 7});
		expect(view.at(8)).toEqual({kind: 'row', row: 14});
		expect(view.at(9)).toEqual({kind: 'fold', fold: 1, hidden: 32});
		expect(view.at(10)).toEqual({kind: 'row', row: 47});
		expect(view.at(view.length - 1)).toEqual({kind: 'fold', fold: 3, hidden: 6});
		expect(view.shownRowOf(50)).toBe(13);
		expect(view.shownRowOf(20)).toBe(9);
		for (let shown = 0; shown < view.length; shown++) {
			const row = view.at(shown);
			if (row.kind === 'row') expect(view.shownRowOf(row.row)).toBe(shown);
		}
	});

	it('opens one fold, or shows everything', () => {
		const opened = new FoldView(folds, openFold(FOLDED, 1), 100);
		expect(opened.length).toBe(100 - 6 - 32 - 5);
		expect(opened.at(9)).toEqual({kind: 'row', row: 15});
		expect(opened.at(9 + 32)).toEqual({kind: 'row', row: 47});
		const all = new FoldView(folds, toggleAll(FOLDED), 100);
		expect(all.length).toBe(100);
		expect(all.at(42)).toEqual({kind: 'row', row: 42});
		expect(new FoldView(folds, toggleAll(toggleAll(FOLDED)), 100).length).toBe(26);
	});

	it('labels a fold with what it hides', () => {
		expect(foldLabel(38)).toBe('⋯ 38 unchanged lines');
		expect(foldLabel(1)).toBe('⋯ 1 unchanged line');
		expect(foldLabel(1200)).toBe('⋯ 1,200 unchanged lines');
	});
});
