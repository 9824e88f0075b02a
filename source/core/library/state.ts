import type {Keymap} from '../keys.js';
import type {Prompt} from '../prompt.js';
import type {SortOrder} from './sort.js';

/**
 * The library screen's state. The list it moves over is either every document or, while a
 * search is typed or applied, the ranked results; the screen tells the reducer how long that
 * list is and how many rows fit (`LibraryView`), so the state never holds a copy of either.
 *
 * Filter states, as an explicit enum like glow's: 'unfiltered' (browsing everything),
 * 'filtering' (the search line has focus and every keystroke re-ranks), 'applied' (the query
 * is kept and the results have focus).
 */
export type FilterState = 'unfiltered' | 'filtering' | 'applied';

export interface LibraryState {
	readonly selected: number;
	readonly top: number;
	readonly filter: FilterState;
	readonly query: string;
	/** Where the cursor is in `query` (see core/prompt). */
	readonly cursor: number;
	/** Where the cursor was before the search opened, restored when it is cleared. */
	readonly beforeSearch: {readonly selected: number; readonly top: number};
	/** Ids marked for comparison with Space, oldest first, at most two. */
	readonly marked: readonly string[];
	/** The order the documents are listed in (core/library/sort); `s` cycles it. */
	readonly sort: SortOrder;
	/** Whether only articles not yet read are listed; `u` toggles it. */
	readonly unreadOnly: boolean;
}

export interface LibraryView {
	/** Items in the list currently shown (documents, or results while searching). */
	readonly count: number;
	/** Items that fit on screen at once. */
	readonly visible: number;
}

export type LibraryAction =
	| {readonly type: 'move'; readonly by: number}
	| {readonly type: 'page'; readonly by: number}
	| {readonly type: 'first'}
	| {readonly type: 'last'}
	| {readonly type: 'search-open'}
	/** The search line after an edit (core/prompt). */
	| {readonly type: 'search-edit'; readonly prompt: Prompt}
	| {readonly type: 'search-keep'}
	| {readonly type: 'search-clear'}
	| {readonly type: 'toggle-mark'; readonly id: string}
	/** Another order or filter, the cursor on the row `selected` of the new list (the same
	 * article, found there by the caller). */
	| {
			readonly type: 'reorder';
			readonly sort: SortOrder;
			readonly unreadOnly: boolean;
			readonly selected: number;
	  }
	| {readonly type: 'clear-marks'};

export const initialLibraryState: LibraryState = {
	selected: 0,
	top: 0,
	filter: 'unfiltered',
	query: '',
	cursor: 0,
	beforeSearch: {selected: 0, top: 0},
	marked: [],
	sort: 'name',
	unreadOnly: false,
};

/** Most articles marked for comparison at once. */
export const MOST_MARKED = 2;

function clampCursor(state: LibraryState, selected: number, view: LibraryView): LibraryState {
	const visible = Math.max(1, view.visible);
	const last = Math.max(0, view.count - 1);
	const nextSelected = Math.min(Math.max(0, selected), last);
	let top = Math.min(state.top, nextSelected);
	if (nextSelected >= top + visible) top = nextSelected - visible + 1;
	top = Math.max(0, Math.min(top, Math.max(0, view.count - visible)));
	if (nextSelected === state.selected && top === state.top) return state;
	return {...state, selected: nextSelected, top};
}

/** The search line of a library state, for core/prompt. */
export function searchPrompt(state: LibraryState): Prompt {
	return {text: state.query, cursor: Math.min(state.cursor, state.query.length)};
}

export function libraryReducer(
	state: LibraryState,
	action: LibraryAction,
	view: LibraryView,
): LibraryState {
	switch (action.type) {
		case 'move':
			return clampCursor(state, state.selected + action.by, view);
		case 'page': {
			const step = Math.max(1, view.visible - 1) * action.by;
			return clampCursor({...state, top: state.top + step}, state.selected + step, view);
		}
		case 'first':
			return clampCursor(state, 0, view);
		case 'last':
			return clampCursor(state, view.count - 1, view);
		case 'search-open':
			if (state.filter === 'filtering') return state;
			if (state.filter === 'applied') return {...state, filter: 'filtering'};
			return {
				...state,
				filter: 'filtering',
				query: '',
				cursor: 0,
				beforeSearch: {selected: state.selected, top: state.top},
			};
		case 'search-edit': {
			if (state.filter !== 'filtering') return state;
			const {text, cursor} = action.prompt;
			if (text === state.query) return cursor === state.cursor ? state : {...state, cursor};
			// New results: the best one is under the cursor.
			return {...state, query: text, cursor, selected: 0, top: 0};
		}
		case 'search-keep':
			if (state.filter !== 'filtering') return state;
			if (state.query.trim() === '') return leaveSearch(state);
			return {...state, filter: 'applied'};
		case 'search-clear':
			return state.filter === 'unfiltered' ? state : leaveSearch(state);
		case 'toggle-mark': {
			if (state.marked.includes(action.id)) {
				return {...state, marked: state.marked.filter((id) => id !== action.id)};
			}
			return {...state, marked: [...state.marked, action.id].slice(-MOST_MARKED)};
		}
		case 'clear-marks':
			return state.marked.length === 0 ? state : {...state, marked: []};
		case 'reorder': {
			const {sort, unreadOnly} = action;
			// The cursor's row keeps its place on screen where it can.
			const offset = state.selected - state.top;
			const moved = {...state, sort, unreadOnly, top: Math.max(0, action.selected - offset)};
			return clampCursor({...moved, selected: -1}, action.selected, view);
		}
	}
}

function leaveSearch(state: LibraryState): LibraryState {
	return {
		...state,
		filter: 'unfiltered',
		query: '',
		cursor: 0,
		selected: state.beforeSearch.selected,
		top: state.beforeSearch.top,
	};
}

export type LibraryCommand =
	| 'up'
	| 'down'
	| 'page-up'
	| 'page-down'
	| 'first'
	| 'last'
	| 'open'
	| 'search'
	| 'clear'
	| 'mark'
	| 'diff'
	| 'history'
	| 'sort'
	| 'unread-only'
	| 'toggle-read'
	| 'edit'
	| 'page'
	| 'help'
	| 'quit';

export const libraryKeymap: Keymap<LibraryCommand> = [
	{keys: ['up', 'k', 'ctrl+p'], action: 'up', description: 'Previous article', group: 'Move'},
	{keys: ['down', 'j', 'ctrl+n'], action: 'down', description: 'Next article', group: 'Move'},
	{keys: ['pageup', 'b'], action: 'page-up', description: 'Page up', group: 'Move'},
	{keys: ['pagedown', 'f'], action: 'page-down', description: 'Page down', group: 'Move'},
	{keys: ['g', 'home'], action: 'first', description: 'First article', group: 'Move'},
	{keys: ['G', 'end'], action: 'last', description: 'Last article', group: 'Move'},
	{keys: ['return', 'l'], action: 'open', description: 'Open the article', group: 'Read'},
	{keys: ['/'], action: 'search', description: 'Search titles and text', group: 'Read'},
	{
		keys: ['escape'],
		action: 'clear',
		description: 'Clear the search, then the marks',
		group: 'Read',
	},
	{keys: ['space', 'm'], action: 'mark', description: 'Mark and move down', group: 'Compare'},
	{
		keys: ['d'],
		action: 'diff',
		description: 'Compare the marked two, or with the closest version',
		group: 'Compare',
	},
	{
		keys: ['h'],
		action: 'history',
		description: 'History: every version of the article in order',
		group: 'Compare',
	},
	{
		keys: ['s'],
		action: 'sort',
		description: 'Order: file name, newest, title, longest, last read',
		group: 'List',
	},
	{
		keys: ['u'],
		action: 'unread-only',
		description: 'Show only unread articles, or all',
		group: 'List',
	},
	{keys: ['r'], action: 'toggle-read', description: 'Mark read or unread', group: 'List'},
	{keys: ['e'], action: 'edit', description: 'Edit in $VISUAL or $EDITOR', group: 'Read'},
	{keys: ['o'], action: 'page', description: 'Open in $PAGER (or less)', group: 'Read'},
	{keys: ['?'], action: 'help', description: 'Show or hide this help', group: 'App'},
	{keys: ['q'], action: 'quit', description: 'Quit', group: 'App'},
];
