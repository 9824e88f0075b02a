import type {Passage} from '../diff/rows.js';
import type {Keymap} from '../keys.js';
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
	readonly message: string | undefined;
}

export interface DiffView {
	/** Terminal columns the diff is drawn in, which decide the 'auto' mode. */
	readonly columns: number;
	/** Rows of the diff (may be an estimate while a long diff is still being measured). */
	readonly rows: number;
	readonly height: number;
	readonly changes: number;
	/** First row of change `index`, or -1 when it is not drawn. */
	readonly rowOfChange: (index: number) => number;
	/** Measures every row, so `rows` is exact (for G). */
	readonly measureAll?: () => void;
	/** The place in the texts that row `row` shows, and back (core/diff/rows.ts), so that `s`
	 * keeps the same passage on screen in the other mode. */
	readonly passageAt?: (row: number) => Passage;
	readonly rowOfPassage?: (passage: Passage) => number;
}

export type DiffCommand =
	| ScrollAction
	| 'next-change'
	| 'previous-change'
	| 'toggle-mode'
	| 'toggle-layout'
	| 'show-current'
	| 'help'
	| 'back';

/** Side by side needs room for two readable columns. */
export const SIDE_BY_SIDE_MIN_COLUMNS = 120;

export function initialDiffViewState(): DiffViewState {
	return {top: 0, current: undefined, mode: 'auto', layout: false, message: undefined};
}

/** The layout drawn: side by side when the terminal is wide enough, unless `s` chose one. */
export function modeFor(state: DiffViewState, columns: number): DiffLayoutMode {
	if (state.mode !== 'auto') return state.mode;
	return columns >= SIDE_BY_SIDE_MIN_COLUMNS ? 'side-by-side' : 'inline';
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
		case 'top':
			return scrollTo(0);
		case 'bottom':
			view.measureAll?.();
			return scrollTo(view.rows);
		case 'next-change':
			return jump(quiet, view, 1);
		case 'previous-change':
			return jump(quiet, view, -1);
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
			const row = state.current === undefined ? -1 : view.rowOfChange(state.current);
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
	{keys: ['?'], action: 'help', description: 'Show or hide this help', group: 'Other'},
	{
		keys: ['escape', 'q'],
		action: 'back',
		description: 'Back to where the diff was opened',
		group: 'Other',
	},
];
