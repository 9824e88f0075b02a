import type {Passage} from '../diff/rows.js';
import {nearestChange} from '../diff/place.js';
import {ALL_FOLDED, type FoldSetting} from '../diff/folded-rows.js';
import type {Keymap} from '../keys.js';
import type {Prompt} from '../prompt.js';
import {scrollKeymap, type ScrollAction} from '../scroll-keys.js';

/**
 * The diff screen's state: which rows are at the top, the change last jumped to, and the two
 * toggles. Rows themselves are derived from the diff for the current width and toggles; the
 * reducer is told how many there are and where each change starts (`DiffView`).
 */
export type DiffLayoutMode = 'side-by-side' | 'inline';

export interface DiffViewState {
	readonly top: number;
	/** Index of the change last jumped to with n/N, for "change 2/5". */
	readonly current: number | undefined;
	/** 'auto' follows the terminal's width (see modeFor) until `s` picks one. */
	readonly mode: DiffLayoutMode | 'auto';
	/** Show paragraph breaks added or removed (w). */
	readonly layout: boolean;
	/** Which unchanged stretches are folded (z shows them all, Enter opens one). */
	readonly folds: FoldSetting;
	/** Changes outside the headline and the body (a site's footer…) hidden: folded like
	 * unchanged text and skipped by n/N (i, like --ignore-boilerplate). */
	readonly storyOnly: boolean;
	/** A search of the texts (/): while it is on, n and N go through its matches. */
	readonly search: DiffSearchState | undefined;
	readonly message: string | undefined;
	/** The terminal size `top` was set for: at another size the rows are others, and the app
	 * keeps the passage that was at the top (see keptThroughResize). Unset until rows exist. */
	readonly size?: {readonly columns: number; readonly rows: number};
}

export interface DiffSearchState {
	/** The line being typed, until Enter or Esc. */
	readonly prompt: Prompt | undefined;
	/** The query searched (the prompt's text once submitted). */
	readonly query: string;
	/** Index of the match last jumped to, for "match 2/7". */
	readonly current: number | undefined;
}

export interface DiffView {
	/** Terminal columns the diff is drawn in, which decide the 'auto' mode. */
	readonly columns: number;
	/** Rows of the diff (may be an estimate while a long diff is still being measured). */
	readonly rows: number;
	/** False while `rows` is an estimate (a long diff still being measured); absent: exact. */
	readonly rowsExact?: boolean;
	readonly height: number;
	readonly changes: number;
	/** The words the changes shown delete and insert, when some are hidden (`i`): the status
	 * counts what is on screen, not the changes left out. */
	readonly shownWords?: {readonly deleted: number; readonly inserted: number};
	/** The diff's own index of change `index` (they differ when some changes are hidden). */
	readonly changeAt?: (index: number) => number;
	/** First row of change `index`, or -1 when it is not drawn. */
	readonly rowOfChange: (index: number) => number;
	/** Measures every row, so `rows` is exact (for G). */
	readonly measureAll?: () => void;
	/** The place in the texts that row `row` shows, and back (core/diff/rows.ts), so that `s`
	 * keeps the same passage on screen in the other mode. */
	readonly passageAt?: (row: number) => Passage;
	readonly rowOfPassage?: (passage: Passage) => number;
	/** The token of A or of B that row `row` starts with, and the row of a token: a version's
	 * tokens are the same in every diff it is in, so `]` and `[` keep the place in the version
	 * the two pairs share. */
	readonly tokenAt?: (side: 'a' | 'b', row: number) => number;
	readonly rowOfToken?: (side: 'a' | 'b', token: number) => number;
	/** The key of the fold shown at row `row`, when a closed fold is shown there. */
	readonly foldAt?: (row: number) => number | undefined;
	/** The search's matches (of the request's query), in reading order, and the first row of
	 * each (a fold's row when the fold hides it). */
	readonly matches?: number;
	readonly rowOfMatch?: (index: number) => number;
}

export type DiffCommand =
	| ScrollAction
	| 'next-change'
	| 'previous-change'
	| 'toggle-mode'
	| 'toggle-layout'
	| 'toggle-folds'
	| 'toggle-boilerplate'
	| 'open-fold'
	| 'search'
	| 'end-search'
	| 'swap'
	| 'show-current'
	| 'help'
	| 'back';

/** Cells on the left of every row of the diff screen, for the current change's marker: the
 * diff is laid out this much narrower than the terminal. */
export const GUTTER_WIDTH = 2;

/** Lines the diff screen uses besides its rows: the header, the summary and the status. */
export const DIFF_CHROME_ROWS = 3;

/** Side by side needs room for two readable columns. */
export const SIDE_BY_SIDE_MIN_COLUMNS = 120;

export function initialDiffViewState(): DiffViewState {
	return {
		top: 0,
		current: undefined,
		mode: 'auto',
		layout: false,
		storyOnly: false,
		folds: ALL_FOLDED,
		search: undefined,
		message: undefined,
	};
}

/** The layout drawn: side by side when the terminal is wide enough, unless `s` chose one. */
export function modeFor(state: DiffViewState, columns: number): DiffLayoutMode {
	if (state.mode !== 'auto') return state.mode;
	return columns >= SIDE_BY_SIDE_MIN_COLUMNS ? 'side-by-side' : 'inline';
}

/**
 * The state for rows laid out at another terminal size (`view`), the same text on screen: the
 * passage at the top of the rows before (`before`, at the size the state was set for) is at the
 * top of the new ones, and the current match (or change), when it was on screen, still is.
 */
export function keptThroughResize(
	state: DiffViewState,
	before: DiffView,
	view: DiffView,
	size: {readonly columns: number; readonly rows: number},
): DiffViewState {
	const passage = before.passageAt?.(state.top);
	const top =
		passage !== undefined && view.rowOfPassage
			? clampTop(view.rowOfPassage(passage), view)
			: clampTop(state.top, view);
	const kept = {...state, top, size};
	return currentShown(state, before) && !currentShown(kept, view)
		? diffViewReducer(kept, 'show-current', view)
		: kept;
}

/** Whether the current match (while searching) or change is on `view`'s screen. */
function currentShown(state: DiffViewState, view: DiffView): boolean {
	const match = searching(state) ? state.search!.current : undefined;
	const row =
		match !== undefined
			? (view.rowOfMatch?.(match) ?? -1)
			: state.current === undefined
				? -1
				: view.rowOfChange(state.current);
	return row >= state.top && row < state.top + view.height;
}

/** The last change that starts on the screen from row `top`, or undefined when none does. */
function lastChangeOnScreen(top: number, view: DiffView): number | undefined {
	for (let index = view.changes - 1; index >= 0; index--) {
		const row = view.rowOfChange(index);
		if (row >= top && row < top + view.height) return index;
	}
	return undefined;
}

/** Rows above a change when jumping to it, so its context shows ("near the top"). */
const CONTEXT_ROWS = 2;

export function clampTop(top: number, view: DiffView): number {
	return Math.max(0, Math.min(Math.floor(top), view.rows - Math.max(1, view.height)));
}

export function diffViewReducer(
	state: DiffViewState,
	command: DiffCommand,
	view: DiffView,
): DiffViewState {
	const quiet = state.message === undefined ? state : {...state, message: undefined};
	const page = Math.max(1, view.height - 2);
	const half = Math.max(1, Math.floor(view.height / 2));
	const scrollTo = (top: number) => ({...quiet, top: clampTop(top, view)});
	switch (command) {
		case 'line-down':
			return scrollTo(state.top + 1);
		case 'line-up':
			return scrollTo(state.top - 1);
		case 'page-down':
			return scrollTo(state.top + page);
		case 'page-up':
			return scrollTo(state.top - page);
		case 'half-page-down':
			return scrollTo(state.top + half);
		case 'half-page-up':
			return scrollTo(state.top - half);
		// g and G make the change nearest the top of the new screen the current one, so the
		// status and the marker follow the screen, and n goes on from there; at the end, the last
		// change on screen: the change before it is N's, where the first had N wrap around to it.
		case 'top':
		case 'bottom': {
			if (command === 'bottom') view.measureAll?.();
			const moved = scrollTo(command === 'top' ? 0 : view.rows);
			const near =
				(command === 'bottom' ? lastChangeOnScreen(moved.top, view) : undefined) ??
				nearestChange(moved.top, view.height, view.changes, view.rowOfChange);
			return {...moved, current: near};
		}
		case 'next-change':
			return searching(state) ? jumpMatch(quiet, view, 1) : jump(quiet, view, 1);
		case 'previous-change':
			return searching(state) ? jumpMatch(quiet, view, -1) : jump(quiet, view, -1);
		case 'toggle-folds':
			// The screen keeps the passage at the top in the new rows (as for `s`).
			// Anything unfolded (z, or folds opened with Enter) folds again; else all shows.
			return {
				...quiet,
				folds:
					state.folds.showAll || state.folds.opened.length > 0
						? ALL_FOLDED
						: {showAll: true, opened: []},
			};
		case 'toggle-boilerplate':
			// Other changes are counted: the screen keeps the passage at the top (as for `s`).
			return {...quiet, storyOnly: !state.storyOnly, current: undefined, folds: ALL_FOLDED};
		case 'open-fold':
			return openFoldOnScreen(quiet, view);
		case 'search':
			return {
				...quiet,
				search: {
					prompt: {text: '', cursor: 0},
					query: state.search?.query ?? '',
					current: undefined,
				},
			};
		case 'end-search':
			return {...quiet, search: undefined};
		case 'toggle-mode':
			// Rows differ between the modes: the screen sends 'show-current' once the new rows
			// exist, to come back to the change last visited; without one, the top.
			return {
				...quiet,
				mode: modeFor(state, view.columns) === 'inline' ? 'side-by-side' : 'inline',
				top: 0,
			};
		case 'toggle-layout':
			return {...quiet, layout: !state.layout, current: undefined, top: 0};
		case 'show-current': {
			const match = searching(state) ? state.search!.current : undefined;
			let row = -1;
			if (match !== undefined) row = view.rowOfMatch?.(match) ?? -1;
			else if (state.current !== undefined) row = view.rowOfChange(state.current);
			return row < 0 ? state : {...state, top: clampTop(row - CONTEXT_ROWS, view)};
		}
		default:
			return state;
	}
}

/**
 * n/N go to the next change below (or above) the one last jumped to, or, before any jump or
 * after scrolling it off screen, below the top of the screen; past the last change they wrap
 * around and say so, as less does for searches.
 */
function jump(state: DiffViewState, view: DiffView, direction: 1 | -1): DiffViewState {
	if (view.changes === 0) return {...state, message: 'no changes'};
	const currentRow = state.current === undefined ? -1 : view.rowOfChange(state.current);
	const onScreen = currentRow >= state.top && currentRow < state.top + view.height;
	let target: number | undefined;
	if (state.current !== undefined && onScreen) {
		target = state.current + direction;
	} else {
		const reference = state.top + (direction === 1 ? 0 : view.height);
		target = direction === 1 ? firstAtOrBelow(view, reference) : lastAbove(view, reference);
	}
	let message: string | undefined;
	if (target === undefined || target >= view.changes) {
		target = 0;
		message = 'last change reached, continuing at the first';
	} else if (target < 0) {
		target = view.changes - 1;
		message = 'first change reached, continuing at the last';
	}
	const row = view.rowOfChange(target);
	return {
		...state,
		current: target,
		top: row < 0 ? state.top : clampTop(row - CONTEXT_ROWS, view),
		message,
	};
}

/** Whether n and N go through a search's matches rather than the changes. */
export function searching(state: DiffViewState): boolean {
	return (
		state.search !== undefined && state.search.prompt === undefined && state.search.query !== ''
	);
}

/** Enter: the first fold on screen opens (the rows above it stay where they are). */
function openFoldOnScreen(state: DiffViewState, view: DiffView): DiffViewState {
	const last = Math.min(view.rows, state.top + view.height);
	for (let row = state.top; row < last; row++) {
		const key = view.foldAt?.(row);
		if (key !== undefined) return withFoldOpen(state, key);
	}
	return {...state, message: 'no folded lines on screen (z shows every line)'};
}

function withFoldOpen(state: DiffViewState, key: number): DiffViewState {
	if (state.folds.opened.includes(key)) return state;
	return {...state, folds: {...state.folds, opened: [...state.folds.opened, key]}};
}

/**
 * n/N while a search is on: the next match below (or above) the one last jumped to, else below
 * the top of the screen (above its bottom), wrapping as for changes. A match inside a fold
 * opens the fold; the screen then shows it ('show-current' in the new rows).
 */
function jumpMatch(state: DiffViewState, view: DiffView, direction: 1 | -1): DiffViewState {
	const search = state.search!;
	const count = view.matches ?? 0;
	const rowOf = view.rowOfMatch ?? (() => -1);
	if (count === 0) return {...state, message: `no match for “${search.query}”`};
	const currentRow = search.current === undefined ? -1 : rowOf(search.current);
	const onScreen = currentRow >= state.top && currentRow < state.top + view.height;
	let target: number;
	if (search.current !== undefined && onScreen) target = search.current + direction;
	else if (direction === 1) target = firstIndexAtOrBelow(count, rowOf, state.top);
	else target = firstIndexAtOrBelow(count, rowOf, state.top + view.height) - 1;
	let message: string | undefined;
	if (target >= count) {
		target = 0;
		message = 'last match reached, continuing at the first';
	} else if (target < 0) {
		target = count - 1;
		message = 'first match reached, continuing at the last';
	}
	const row = rowOf(target);
	const moved: DiffViewState = {
		...state,
		search: {...search, current: target},
		top: clampTop(row - CONTEXT_ROWS, view),
		message,
	};
	const fold = view.foldAt?.(row);
	return fold === undefined ? moved : withFoldOpen(moved, fold);
}

/** The first index whose row is at or below `row` (rows in order), or `count`. */
function firstIndexAtOrBelow(count: number, rowOf: (index: number) => number, row: number): number {
	let low = 0;
	let high = count;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (rowOf(middle) >= row) high = middle;
		else low = middle + 1;
	}
	return low;
}

function firstAtOrBelow(view: DiffView, row: number): number | undefined {
	for (let index = 0; index < view.changes; index++)
		if (view.rowOfChange(index) >= row) return index;
	return undefined;
}

function lastAbove(view: DiffView, row: number): number {
	for (let index = view.changes - 1; index >= 0; index--) {
		const start = view.rowOfChange(index);
		if (start >= 0 && start < row) return index;
	}
	return -1;
}

export const diffKeymap: Keymap<DiffCommand> = [
	...scrollKeymap,
	{keys: ['n'], action: 'next-change', description: 'Next change', group: 'Changes'},
	{keys: ['N'], action: 'previous-change', description: 'Previous change', group: 'Changes'},
	{keys: ['s'], action: 'toggle-mode', description: 'Side by side or inline', group: 'Changes'},
	{keys: ['w'], action: 'toggle-layout', description: 'Show layout changes (¶)', group: 'Changes'},
	{keys: ['x'], action: 'swap', description: 'Swap A and B', group: 'Changes'},
	{
		keys: ['i'],
		action: 'toggle-boilerplate',
		description: 'Hide changes outside the headline and body (footers…)',
		group: 'Changes',
	},
	{
		keys: ['z'],
		action: 'toggle-folds',
		description: 'Fold unchanged lines, or show them all',
		group: 'Folds',
	},
	{
		keys: ['return'],
		action: 'open-fold',
		description: 'Open the first fold on screen',
		group: 'Folds',
	},
	{
		keys: ['/'],
		action: 'search',
		description: 'Search both versions (n/N then go through the matches)',
		group: 'Search',
	},
	{
		keys: ['escape'],
		action: 'end-search',
		description: 'End the search (n/N: changes again)',
		group: 'Search',
	},
	{keys: ['?'], action: 'help', description: 'Show or hide this help', group: 'Other'},
	{
		keys: ['escape', 'q'],
		action: 'back',
		description: 'Back to where the diff was opened',
		group: 'Other',
	},
];
