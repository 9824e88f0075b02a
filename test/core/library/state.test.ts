import {describe, expect, it} from 'vitest';
import {
	initialLibraryState,
	libraryKeymap,
	libraryReducer,
	type LibraryAction,
	type LibraryState,
	type LibraryView,
} from '../../../source/core/library/state.js';
import {actionFor} from '../../../source/core/keys.js';
import {promptKeymap, promptOf} from '../../../source/core/prompt.js';

const typed = (text: string): LibraryAction => ({type: 'search-edit', prompt: promptOf(text)});

const view: LibraryView = {count: 50, visible: 10};

function run(actions: LibraryAction[], start: LibraryState = initialLibraryState, v = view) {
	return actions.reduce((state, action) => libraryReducer(state, action, v), start);
}

describe('library reducer: moving', () => {
	it('moves down and keeps the selection on screen by scrolling one row at a time', () => {
		const state = run(Array.from({length: 12}, () => ({type: 'move', by: 1}) as const));
		expect(state.selected).toBe(12);
		expect(state.top).toBe(3);
	});

	it('stops at both ends', () => {
		expect(run([{type: 'move', by: -1}]).selected).toBe(0);
		const end = run([{type: 'last'}, {type: 'move', by: 1}]);
		expect(end.selected).toBe(49);
		expect(end.top).toBe(40);
	});

	it('pages by a screen less one row, like less', () => {
		const state = run([{type: 'page', by: 1}]);
		expect(state.selected).toBe(9);
		expect(state.top).toBe(9);
		expect(
			run([
				{type: 'page', by: 1},
				{type: 'page', by: -1},
			]).selected,
		).toBe(0);
	});

	it('g and G go to the first and last item', () => {
		const last = run([{type: 'last'}]);
		expect(last.selected).toBe(49);
		expect(run([{type: 'first'}], last)).toMatchObject({selected: 0, top: 0});
	});

	it('an empty list keeps the cursor at 0', () => {
		const state = run([{type: 'move', by: 3}, {type: 'last'}], initialLibraryState, {
			count: 0,
			visible: 10,
		});
		expect(state).toMatchObject({selected: 0, top: 0});
	});
});

describe('library reducer: search line', () => {
	it('opening a search remembers the selection and Esc restores it', () => {
		const before = run([{type: 'move', by: 7}]);
		const searching = run([{type: 'search-open'}, typed('kad')], before);
		expect(searching).toMatchObject({filter: 'filtering', query: 'kad', selected: 0});
		const cleared = run([{type: 'search-clear'}], searching);
		expect(cleared).toMatchObject({filter: 'unfiltered', query: '', selected: 7});
	});

	it('Tab keeps the filter and hands focus to the results; / edits the query again', () => {
		const applied = run([{type: 'search-open'}, typed('zarif'), {type: 'search-keep'}]);
		expect(applied).toMatchObject({filter: 'applied', query: 'zarif'});
		expect(run([{type: 'search-open'}], applied)).toMatchObject({
			filter: 'filtering',
			query: 'zarif',
		});
	});

	it('Tab on an empty query simply closes the search', () => {
		expect(run([{type: 'search-open'}, typed('  '), {type: 'search-keep'}]).filter).toBe(
			'unfiltered',
		);
	});

	it('a new query puts the best result under the cursor; moving the cursor in it does not', () => {
		const moved = run([{type: 'search-open'}, typed('iran'), {type: 'move', by: 3}]);
		expect(moved.selected).toBe(3);
		const cursorOnly = run([{type: 'search-edit', prompt: {text: 'iran', cursor: 1}}], moved);
		expect(cursorOnly).toMatchObject({selected: 3, cursor: 1, query: 'iran'});
		expect(run([typed('iraq')], cursorOnly)).toMatchObject({selected: 0, query: 'iraq'});
	});

	it('typing is ignored unless the search line has focus', () => {
		expect(run([typed('x')]).query).toBe('');
	});
});

describe('library reducer: marking', () => {
	it('marks at most two documents, dropping the oldest, and unmarks on a second press', () => {
		const state = run([
			{type: 'toggle-mark', id: 'a'},
			{type: 'toggle-mark', id: 'b'},
			{type: 'toggle-mark', id: 'c'},
		]);
		expect(state.marked).toEqual(['b', 'c']);
		expect(run([{type: 'toggle-mark', id: 'b'}], state).marked).toEqual(['c']);
		expect(run([{type: 'clear-marks'}], state).marked).toEqual([]);
	});
});

describe('library keymap', () => {
	it('binds the less/vim keys the readme promises', () => {
		expect(actionFor(libraryKeymap, 'j')).toBe('down');
		expect(actionFor(libraryKeymap, 'down')).toBe('down');
		expect(actionFor(libraryKeymap, 'k')).toBe('up');
		expect(actionFor(libraryKeymap, 'G')).toBe('last');
		expect(actionFor(libraryKeymap, 'home')).toBe('first');
		expect(actionFor(libraryKeymap, 'pagedown')).toBe('page-down');
		expect(actionFor(libraryKeymap, 'space')).toBe('mark');
		expect(actionFor(libraryKeymap, '/')).toBe('search');
		expect(actionFor(libraryKeymap, '?')).toBe('help');
		expect(actionFor(libraryKeymap, 'q')).toBe('quit');
	});

	it('never binds one key to two actions', () => {
		for (const keymap of [libraryKeymap, promptKeymap]) {
			const keys = keymap.flatMap((binding): readonly string[] => binding.keys);
			expect(new Set(keys).size).toBe(keys.length);
		}
	});
});
