import type {Keymap} from '../keys.js';

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
	/** Where the cursor was before the search opened, restored when it is cleared. */
	readonly beforeSearch: {readonly selected: number; readonly top: number};
	/** Ids marked for comparison with Space, oldest first, at most two. */
	readonly marked: readonly string[];
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
	| {readonly type: 'select'; readonly index: number}
	| {readonly type: 'search-open'}
	| {readonly type: 'search-type'; readonly text: string}
	| {readonly type: 'search-backspace'}
	| {readonly type: 'search-submit'}
	| {readonly type: 'search-edit'}
	| {readonly type: 'search-clear'}
	| {readonly type: 'toggle-mark'; readonly id: string}
	| {readonly type: 'clamp'};

export const initialLibraryState: LibraryState = {
	selected: 0,
	top: 0,
	filter: 'unfiltered',
	query: '',
	beforeSearch: {selected: 0, top: 0},
	marked: [],
};

/** Longest query kept; longer input is ignored rather than slowing every keystroke. */
export const MAX_QUERY_LENGTH = 1000;

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
			const moved = clampCursor({...state, top: state.top + step}, state.selected + step, view);
			return moved;
		}
		case 'first':
			return clampCursor(state, 0, view);
		case 'last':
			return clampCursor(state, view.count - 1, view);
		case 'select':
			return clampCursor(state, action.index, view);
		case 'clamp':
			return clampCursor(state, state.selected, view);
		case 'search-open':
			if (state.filter === 'filtering') return state;
			if (state.filter === 'applied') return {...state, filter: 'filtering'};
			return {
				...state,
				filter: 'filtering',
				query: '',
				beforeSearch: {selected: state.selected, top: state.top},
			};
		case 'search-edit':
			return state.filter === 'applied' ? {...state, filter: 'filtering'} : state;
		case 'search-type': {
			if (state.filter !== 'filtering') return state;
			const query = (state.query + action.text).slice(0, MAX_QUERY_LENGTH);
			return {...state, query, selected: 0, top: 0};
		}
		case 'search-backspace': {
			if (state.filter !== 'filtering') return state;
			return {...state, query: [...state.query].slice(0, -1).join(''), selected: 0, top: 0};
		}
		case 'search-submit':
			if (state.filter !== 'filtering') return state;
			if (state.query.trim() === '') return leaveSearch(state);
			return {...state, filter: 'applied'};
		case 'search-clear':
			return state.filter === 'unfiltered' ? state : leaveSearch(state);
		case 'toggle-mark': {
			if (state.marked.includes(action.id)) {
				return {...state, marked: state.marked.filter((id) => id !== action.id)};
			}
			return {...state, marked: [...state.marked, action.id].slice(-2)};
		}
	}
}

function leaveSearch(state: LibraryState): LibraryState {
	return {
		...state,
		filter: 'unfiltered',
		query: '',
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
	| 'clear-search'
	| 'mark'
	| 'diff'
	| 'help'
	| 'quit';

export const libraryKeymap: Keymap<LibraryCommand> = [
	{keys: ['up', 'k'], action: 'up', description: 'Previous article', group: 'Move'},
	{keys: ['down', 'j'], action: 'down', description: 'Next article', group: 'Move'},
	{keys: ['pageup', 'b'], action: 'page-up', description: 'Page up', group: 'Move'},
	{keys: ['pagedown', 'f'], action: 'page-down', description: 'Page down', group: 'Move'},
	{keys: ['g', 'home'], action: 'first', description: 'First article', group: 'Move'},
	{keys: ['G', 'end'], action: 'last', description: 'Last article', group: 'Move'},
	{keys: ['return', 'l'], action: 'open', description: 'Open the article', group: 'Read'},
	{keys: ['/'], action: 'search', description: 'Search titles and text', group: 'Read'},
	{keys: ['escape'], action: 'clear-search', description: 'Clear the search', group: 'Read'},
	{
		keys: ['space', 'm'],
		action: 'mark',
		description: 'Mark for comparison (two at most)',
		group: 'Compare',
	},
	{
		keys: ['d'],
		action: 'diff',
		description: 'Compare the two marked, or with the closest version',
		group: 'Compare',
	},
	{keys: ['?'], action: 'help', description: 'Show or hide this help', group: 'App'},
	{keys: ['q', 'ctrl+c'], action: 'quit', description: 'Quit', group: 'App'},
];

/** Keys while the search line has focus: everything else types into the query. */
export type SearchLineCommand = 'submit' | 'cancel' | 'backspace' | 'up' | 'down' | 'quit';

export const searchLineKeymap: Keymap<SearchLineCommand> = [
	{keys: ['return'], action: 'submit', description: 'Keep the results and move to them'},
	{keys: ['escape'], action: 'cancel', description: 'Clear the search'},
	{keys: ['backspace', 'delete'], action: 'backspace', description: 'Delete a character'},
	{keys: ['up'], action: 'up', description: 'Previous result'},
	{keys: ['down'], action: 'down', description: 'Next result'},
	{keys: ['ctrl+c'], action: 'quit', description: 'Quit'},
];
