import {describe, expect, it} from 'vitest';
import {
	historyKey,
	initialHistoryState,
	sharedSide,
	stepPair,
	type HistoryState,
	type HistoryView,
} from '../../../source/core/history/state.js';

const view: HistoryView = {versions: 6, visible: 3, provenanceLines: 20, provenanceHeight: 5};

/** Keys one after another, each seeing the state the previous one left; the last effect. */
function press(keys: string[], start: HistoryState = initialHistoryState(), on = view) {
	let state = start;
	let effect;
	for (const key of keys) ({state, effect} = historyKey(state, key, on));
	return {state, effect};
}

describe('history keys', () => {
	it('starts on the version it was opened from', () => {
		expect(initialHistoryState(4).selected).toBe(4);
		expect(initialHistoryState().selected).toBe(0);
	});

	it('moves the cursor with j/k and arrows, scrolling as little as keeps it on screen', () => {
		expect(press(['j', 'down', 'j']).state).toMatchObject({selected: 3, top: 1});
		expect(press(['j', 'j', 'j', 'k', 'up', 'k']).state).toMatchObject({selected: 0, top: 0});
		expect(press(['G']).state).toMatchObject({selected: 5, top: 3});
		expect(press(['G', 'g']).state).toMatchObject({selected: 0, top: 0});
		expect(press(['k']).state.selected).toBe(0);
		expect(press(['G', 'j']).state.selected).toBe(5);
		expect(press(['f']).state).toMatchObject({selected: 2, top: 2});
		expect(press(['f', 'f', 'b']).state).toMatchObject({selected: 2, top: 1});
	});

	it('opens the diff of a version against the one before with Enter', () => {
		expect(press(['j', 'j', 'return']).effect).toEqual({type: 'open-diff', from: 1, to: 2});
		expect(press(['G', 'l']).effect).toEqual({type: 'open-diff', from: 4, to: 5});
		const first = press(['return']);
		expect(first.effect).toBeUndefined();
		expect(first.state.message).toBe('v1 is the first version: nothing came before it');
		// The message lasts one key.
		expect(press(['return', 'j']).state.message).toBeUndefined();
	});

	it('compares any two marked versions, older first, and says what is missing', () => {
		expect(press(['G', 'space', 'g', 'j', 'm', 'd']).effect).toEqual({
			type: 'open-diff',
			from: 1,
			to: 5,
		});
		expect(press(['d']).state.message).toBe('mark two versions with Space to compare them');
		expect(press(['space', 'd']).state.message).toBe(
			'mark one more version with Space to compare the two',
		);
		// Marking again unmarks; a third mark drops the oldest.
		expect(press(['space', 'space']).state.marked).toEqual([]);
		expect(press(['space', 'j', 'space', 'j', 'space']).state.marked).toEqual([1, 2]);
	});

	it('opens the provenance view with p, scrolls it, and goes back with p or Esc', () => {
		const opened = press(['j', 'p']);
		expect(opened.state.showing).toBe('provenance');
		expect(press(['j', 'j'], opened.state).state).toMatchObject({provenanceTop: 2, selected: 1});
		expect(press(['G'], opened.state).state.provenanceTop).toBe(15);
		expect(press(['G', 'space'], opened.state).state.provenanceTop).toBe(15);
		expect(press(['k'], opened.state).state.provenanceTop).toBe(0);
		expect(press(['p'], opened.state).state).toMatchObject({showing: 'list', selected: 1});
		expect(press(['escape'], opened.state).state.showing).toBe('list');
		expect(press(['escape'], opened.state).effect).toBeUndefined();
	});

	it('shows help with ?, which only ?, Esc and q close', () => {
		const help = press(['?']).state;
		expect(help.help).toBe(true);
		expect(press(['j', 'return'], help)).toEqual({state: help, effect: undefined});
		expect(press(['escape'], help).state.help).toBe(false);
		expect(press(['escape'], help).effect).toBeUndefined();
		expect(press(['p', '?']).state).toMatchObject({help: true, showing: 'provenance'});
	});

	it('goes back with Esc or q', () => {
		expect(press(['escape']).effect).toEqual({type: 'back'});
		expect(press(['q']).effect).toEqual({type: 'back'});
	});

	it('ignores keys it does not know, and works on an empty story', () => {
		const start = initialHistoryState();
		expect(historyKey(start, 'x', view)).toEqual({state: start});
		expect(historyKey(start, undefined, view)).toEqual({state: start});
		const empty = {versions: 0, visible: 3, provenanceLines: 0, provenanceHeight: 5};
		expect(press(['j', 'G', 'return', 'space', 'p', 'j'], start, empty).state).toMatchObject({
			selected: 0,
			marked: [],
			provenanceTop: 0,
		});
	});
});

describe('stepping pairs in a diff opened from the history', () => {
	it('goes to the next and previous step, and stops at the ends', () => {
		expect(stepPair({from: 1, to: 2}, 'next-pair', 6)).toEqual({pair: {from: 2, to: 3}});
		expect(stepPair({from: 1, to: 2}, 'previous-pair', 6)).toEqual({pair: {from: 0, to: 1}});
		expect(stepPair({from: 4, to: 5}, 'next-pair', 6)).toEqual({
			message: 'the latest version: no step after it',
		});
		expect(stepPair({from: 0, to: 1}, 'previous-pair', 6)).toEqual({
			message: 'the first version: no step before it',
		});
	});

	it('steps out of any two versions compared from their ends', () => {
		expect(stepPair({from: 1, to: 4}, 'next-pair', 6)).toEqual({pair: {from: 4, to: 5}});
		expect(stepPair({from: 1, to: 4}, 'previous-pair', 6)).toEqual({pair: {from: 0, to: 1}});
	});

	it('walks every step forward and back', () => {
		let pair = {from: 0, to: 1};
		const seen = [pair];
		for (let step = 0; step < 4; step++) {
			const next = stepPair(pair, 'next-pair', 6);
			if (!('pair' in next)) throw new Error(next.message);
			pair = next.pair;
			seen.push(pair);
		}
		expect(seen.map(({from, to}) => `${from + 1}→${to + 1}`)).toEqual([
			'1→2',
			'2→3',
			'3→4',
			'4→5',
			'5→6',
		]);
	});

	it('knows which side the shared version is on, to keep the place', () => {
		expect(sharedSide({from: 1, to: 2}, {from: 2, to: 3})).toEqual({current: 'b', next: 'a'});
		expect(sharedSide({from: 2, to: 3}, {from: 1, to: 2})).toEqual({current: 'a', next: 'b'});
		expect(sharedSide({from: 1, to: 4}, {from: 4, to: 5})).toEqual({current: 'b', next: 'a'});
		expect(sharedSide({from: 0, to: 1}, {from: 3, to: 4})).toBeUndefined();
	});
});
