import {describe, expect, it} from 'vitest';
import {
	clampTop,
	diffKeymap,
	diffViewReducer,
	initialDiffViewState,
	keptThroughResize,
	modeFor,
	SIDE_BY_SIDE_MIN_COLUMNS,
	type DiffCommand,
	type DiffView,
	type DiffViewState,
} from '../../../source/core/diff-view/state.js';
import {actionFor} from '../../../source/core/keys.js';

/** 100 rows, a 10-row screen, and five changes starting at these rows. */
const CHANGE_ROWS = [5, 20, 21, 60, 95];
const view: DiffView = {
	columns: 80,
	rows: 100,
	height: 10,
	changes: CHANGE_ROWS.length,
	rowOfChange: (index) => CHANGE_ROWS[index] ?? -1,
};

function run(commands: DiffCommand[], from: DiffViewState = initialDiffViewState(), on = view) {
	return commands.reduce((state, command) => diffViewReducer(state, command, on), from);
}

describe('diffViewReducer: n and N', () => {
	it('goes to the next change and puts it two rows from the top', () => {
		const state = run(['next-change']);
		expect(state.current).toBe(0);
		expect(state.top).toBe(3);
		expect(run(['next-change', 'next-change'])).toMatchObject({current: 1, top: 18});
	});

	it('wraps past the last change to the first, and says so', () => {
		const last = run(['next-change', 'next-change', 'next-change', 'next-change', 'next-change']);
		expect(last.current).toBe(4);
		// Row 95 cannot be two rows from the top of a 10-row screen on 100 rows: clamped.
		expect(last.top).toBe(90);
		expect(last.message).toBeUndefined();
		const wrapped = diffViewReducer(last, 'next-change', view);
		expect(wrapped).toMatchObject({current: 0, top: 3});
		expect(wrapped.message).toBe('last change reached, continuing at the first');
		// The message goes with the next key.
		expect(diffViewReducer(wrapped, 'line-down', view).message).toBeUndefined();
	});

	it('wraps before the first change to the last with N', () => {
		const state = run(['next-change', 'previous-change']);
		expect(state.current).toBe(4);
		expect(state.message).toBe('first change reached, continuing at the last');
		// Before any jump, N takes the last change above the bottom of the screen: change 0.
		expect(run(['previous-change']).current).toBe(0);
	});

	it('starts from what is on screen after scrolling away from the change last visited', () => {
		const scrolled = run(['next-change', 'page-down', 'page-down', 'page-down', 'page-down']);
		expect(scrolled.top).toBe(35);
		// Change 1 is off screen: the next change below the top is change 3 (row 60).
		expect(diffViewReducer(scrolled, 'next-change', view).current).toBe(3);
		// And the previous one above the bottom of the screen is change 2 (row 21).
		expect(diffViewReducer(scrolled, 'previous-change', view).current).toBe(2);
	});

	it('says there is nothing to jump to when the versions are the same', () => {
		const state = run(['next-change'], initialDiffViewState(), {...view, changes: 0});
		expect(state.message).toBe('no changes');
		expect(state.current).toBeUndefined();
	});
});

describe('diffViewReducer: scrolling', () => {
	it('clamps to the first and the last screenful', () => {
		expect(run(['line-up']).top).toBe(0);
		expect(run(['page-up', 'page-up']).top).toBe(0);
		expect(run(['bottom']).top).toBe(90);
		expect(run(['bottom', 'line-down', 'page-down']).top).toBe(90);
		expect(run(['bottom', 'top']).top).toBe(0);
		expect(run(['line-down', 'line-down', 'line-up']).top).toBe(1);
		expect(run(['page-down']).top).toBe(8);
		expect(run(['half-page-down']).top).toBe(5);
		expect(clampTop(500, view)).toBe(90);
		expect(clampTop(-3, view)).toBe(0);
		// A diff shorter than the screen never scrolls.
		expect(run(['page-down'], initialDiffViewState(), {...view, rows: 4}).top).toBe(0);
	});
});

describe('diffViewReducer: toggles', () => {
	it('follows the width until s picks a mode, then keeps it', () => {
		const state = initialDiffViewState();
		expect(modeFor(state, SIDE_BY_SIDE_MIN_COLUMNS)).toBe('side-by-side');
		expect(modeFor(state, SIDE_BY_SIDE_MIN_COLUMNS - 1)).toBe('inline');
		const toggled = run(['toggle-mode']);
		expect(toggled.mode).toBe('side-by-side');
		expect(modeFor(toggled, 40)).toBe('side-by-side');
		expect(run(['toggle-mode', 'toggle-mode']).mode).toBe('inline');
		const wide = {...view, columns: 140};
		expect(run(['toggle-mode'], initialDiffViewState(), wide).mode).toBe('inline');
	});

	it('s keeps the change last visited, to come back to it in the new rows', () => {
		const state = run(['next-change', 'next-change', 'toggle-mode']);
		expect(state.current).toBe(1);
		expect(state.top).toBe(0);
		const newRows: DiffView = {...view, rowOfChange: (index) => [7, 40, 41, 70, 99][index]!};
		expect(diffViewReducer(state, 'show-current', newRows).top).toBe(38);
	});

	it('w shows layout changes, starting again from the top', () => {
		const state = run(['next-change', 'toggle-layout']);
		expect(state).toMatchObject({layout: true, current: undefined, top: 0});
		expect(run(['toggle-layout', 'toggle-layout']).layout).toBe(false);
	});
});

describe('diffKeymap', () => {
	it('binds the keys the help promises', () => {
		expect(actionFor(diffKeymap, 'n')).toBe('next-change');
		expect(actionFor(diffKeymap, 'N')).toBe('previous-change');
		expect(actionFor(diffKeymap, 's')).toBe('toggle-mode');
		expect(actionFor(diffKeymap, 'w')).toBe('toggle-layout');
		// Esc ends a search first; without one the app takes it as 'back' (its other binding).
		expect(actionFor(diffKeymap, 'escape')).toBe('end-search');
		expect(actionFor(diffKeymap, 'x')).toBe('swap');
		expect(actionFor(diffKeymap, 'z')).toBe('toggle-folds');
		expect(actionFor(diffKeymap, 'return')).toBe('open-fold');
		expect(actionFor(diffKeymap, '/')).toBe('search');
		expect(actionFor(diffKeymap, 'q')).toBe('back');
		expect(actionFor(diffKeymap, 'G')).toBe('bottom');
		expect(actionFor(diffKeymap, 'pagedown')).toBe('page-down');
		expect(actionFor(diffKeymap, '?')).toBe('help');
	});
});

describe('diffViewReducer: place, folds and search', () => {
	it('g and G make the change nearest the top of the new screen the current one', () => {
		const visited = run(['next-change', 'next-change']);
		expect(visited.current).toBe(1);
		expect(diffViewReducer(visited, 'top', view)).toMatchObject({top: 0, current: 0});
		// G: rows 90–99 on screen, change 4 (row 95) on it.
		expect(diffViewReducer(visited, 'bottom', view)).toMatchObject({top: 90, current: 4});
		// After g, n goes on from the change g made current.
		expect(run(['next-change', 'next-change', 'top', 'next-change']).current).toBe(1);
		// With no change on the new screen, the last one above it.
		const sparse: DiffView = {...view, rowOfChange: (index) => [5, 20][index] ?? -1, changes: 2};
		expect(diffViewReducer(initialDiffViewState(), 'bottom', sparse).current).toBe(1);
	});

	it('Enter opens the first fold on screen, by its key; z shows every line and folds again', () => {
		const folds: DiffView = {
			...view,
			foldAt: (row) => (row === 7 ? 0 : row === 30 ? 1 : undefined),
		};
		const opened = run(['open-fold'], initialDiffViewState(), folds);
		expect(opened.folds).toEqual({showAll: false, opened: [0]});
		const lower = run(
			['page-down', 'page-down', 'page-down', 'open-fold'],
			initialDiffViewState(),
			folds,
		);
		expect(lower.folds.opened).toEqual([1]);
		expect(
			run(
				[
					'line-down',
					'line-down',
					'line-down',
					'line-down',
					'line-down',
					'line-down',
					'line-down',
					'line-down',
					'open-fold',
				],
				initialDiffViewState(),
				folds,
			).message,
		).toBe('no folded lines on screen (z shows every line)');
		expect(run(['toggle-folds']).folds.showAll).toBe(true);
		expect(run(['toggle-folds', 'toggle-folds']).folds).toEqual({showAll: false, opened: []});
		// After Enter opened a fold, z folds everything again.
		expect(run(['open-fold', 'toggle-folds'], initialDiffViewState(), folds).folds).toEqual({
			showAll: false,
			opened: [],
		});
	});

	/** Matches on rows 12, 40 and 41; a fold (key 3) shows at row 40. */
	const MATCH_ROWS = [12, 40, 41];
	const searchable: DiffView = {
		...view,
		matches: MATCH_ROWS.length,
		rowOfMatch: (index) => MATCH_ROWS[index] ?? -1,
		foldAt: (row) => (row === 40 ? 3 : undefined),
	};
	const searched: DiffViewState = {
		...initialDiffViewState(),
		search: {prompt: undefined, query: 'iran', current: undefined},
	};

	it('n and N go through the matches while a search is on, and through the changes after Esc', () => {
		const first = diffViewReducer(searched, 'next-change', searchable);
		expect(first.search?.current).toBe(0);
		expect(first.top).toBe(10);
		expect(first.current).toBeUndefined();
		const second = diffViewReducer(first, 'next-change', searchable);
		// Match 2 is inside fold 3: the fold opens, and the screen shows the match in the new rows.
		expect(second.search?.current).toBe(1);
		expect(second.folds.opened).toEqual([3]);
		const back = diffViewReducer(first, 'previous-change', searchable);
		expect(back.search?.current).toBe(2);
		expect(back.message).toBe('first match reached, continuing at the last');
		const ended = diffViewReducer(first, 'end-search', searchable);
		expect(ended.search).toBeUndefined();
		expect(diffViewReducer(ended, 'next-change', searchable).current).toBe(1);
	});

	it('while the search line is open, n and N are not the search’s: they go to changes', () => {
		const typing: DiffViewState = {
			...initialDiffViewState(),
			search: {prompt: {text: 'ir', cursor: 2}, query: '', current: undefined},
		};
		expect(diffViewReducer(typing, 'next-change', searchable).current).toBe(0);
		expect(diffViewReducer(searched, 'next-change', {...searchable, matches: 0}).message).toBe(
			'no match for “iran”',
		);
	});
});

describe('keptThroughResize', () => {
	// Rows at two sizes: each row's passage is its block (row / 10 at the wide size, row / 20
	// at the narrow one, which lays out twice as many rows).
	const wide: DiffView = {
		...view,
		columns: 120,
		height: 30,
		passageAt: (row) => ({block: Math.floor(row / 10), within: (row % 10) / 10}),
		rowOfPassage: (passage) => passage.block * 10 + Math.round(passage.within * 10),
	};
	const narrow: DiffView = {
		...view,
		columns: 60,
		rows: 200,
		height: 10,
		rowOfChange: (index) => 2 * (CHANGE_ROWS[index] ?? -0.5),
		passageAt: (row) => ({block: Math.floor(row / 20), within: (row % 20) / 20}),
		rowOfPassage: (passage) => passage.block * 20 + Math.round(passage.within * 20),
	};
	const size = {columns: 60, rows: 13};

	it('keeps the passage at the top', () => {
		const state = {...initialDiffViewState(), top: 45};
		expect(keptThroughResize(state, wide, narrow, size)).toMatchObject({top: 90, size});
	});

	it('brings the current change back on screen when the passage alone leaves it below', () => {
		// Change 3 at wide row 60, on the 30-row screen from 45; narrow row 120, below 90–99.
		const state = {...initialDiffViewState(), top: 45, current: 3};
		expect(keptThroughResize(state, wide, narrow, size).top).toBe(118);
		// Not on screen before (scrolled away from it): the passage decides.
		const away = {...initialDiffViewState(), top: 65, current: 3};
		expect(keptThroughResize(away, wide, narrow, size).top).toBe(130);
	});
});
