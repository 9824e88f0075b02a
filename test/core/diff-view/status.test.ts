import {describe, expect, it} from 'vitest';
import {diffStatus} from '../../../source/core/diff-view/status.js';
import {
	diffViewReducer,
	initialDiffViewState,
	type DiffView,
	type DiffViewState,
} from '../../../source/core/diff-view/state.js';

/** 12,000 rows on a 30-row screen; change k starts on row 10·k, for 1,200 changes. */
const view: DiffView = {
	columns: 100,
	rows: 12_000,
	height: 30,
	changes: 1200,
	rowOfChange: (index) => (index < 1200 ? index * 10 : -1),
	matches: 1500,
	rowOfMatch: (index) => index * 8,
};
const result = {
	stats: {
		wordsA: 0,
		wordsB: 0,
		common: 0,
		deleted: 1234,
		inserted: 5,
		changedA: 0,
		changedB: 0,
		similarity: 0.5,
	},
	identical: false,
	fallback: false,
};
const status = (state: DiffViewState) => diffStatus(state, view, result, state.top);
const after = (...commands: Parameters<typeof diffViewReducer>[1][]) =>
	commands.reduce(
		(state, command) => diffViewReducer(state, command, view),
		initialDiffViewState(),
	);

describe('diffStatus', () => {
	it('says how many changes before any is visited, then which is current, with separators', () => {
		expect(status(initialDiffViewState())).toBe(
			'lines 1–30 of 12,000 · 0% · 1,200 changes · −1,234 +5 · 50.0% similar',
		);
		// G: the last change on the last screen (row 11,990) is current; N goes to the one before
		// it, n wraps around to the first.
		expect(status(after('bottom'))).toBe(
			'lines 11,971–12,000 of 12,000 · 100% · change 1,200/1,200 · −1,234 +5 · 50.0% similar',
		);
		expect(status(after('bottom', 'previous-change'))).toMatch(/ · change 1,199\/1,200 · /);
		expect(after('bottom', 'next-change')).toMatchObject({
			current: 0,
			message: 'last change reached, continuing at the first',
		});
	});

	it('names the change nearest the top after scrolling away, and after g', () => {
		const away = after('next-change', 'next-change', 'page-down', 'page-down');
		expect(status(away)).toMatch(/^lines 65–94 of 12,000 · 1% · near change 8\/1,200 · /);
		expect(status(after('next-change', 'next-change', 'top'))).toMatch(
			/^lines 1–30 of 12,000 · 0% · change 1\/1,200 · /,
		);
		// Change 1 (row 0) scrolled off: change 2, on screen, is nearest the top.
		expect(status(after('top', 'line-down'))).toMatch(/ · near change 2\/1,200 · /);
	});

	it('while a search is on, counts its matches and says which one n went to', () => {
		const searched: DiffViewState = {
			...initialDiffViewState(),
			search: {prompt: undefined, query: 'iran', current: undefined},
		};
		expect(status(searched)).toBe(
			'lines 1–30 of 12,000 · 0% · 1,500 matches for “iran” · −1,234 +5 · 50.0% similar',
		);
		const next = diffViewReducer(
			diffViewReducer(searched, 'next-change', view),
			'next-change',
			view,
		);
		expect(status(next)).toMatch(/ · match 2\/1,500 for “iran” · /);
		expect(status({...next, message: 'hello'})).toBe('hello');
		// Scrolled away from match 2 (row 8), n goes on from the screen: no place is given.
		const away = diffViewReducer(next, 'page-down', view);
		expect(status(away)).toMatch(/ · 1,500 matches for “iran” · /);
		// Back on screen, its place again.
		expect(status(diffViewReducer(away, 'page-up', view))).toMatch(
			/ · match 2\/1,500 for “iran” · /,
		);
		const one: DiffView = {...view, matches: 1};
		expect(diffStatus(searched, one, result, 0)).toMatch(/ · 1 match for “iran” · /);
	});
});

describe('the status with changes hidden (i)', () => {
	it('counts the words of the changes shown, and the similarity of the whole texts', () => {
		const story: DiffView = {...view, changes: 2, shownWords: {deleted: 3, inserted: 1_500}};
		expect(diffStatus(initialDiffViewState(), story, result, 0)).toBe(
			'lines 1–30 of 12,000 · 0% · 2 changes · −3 +1,500 · 50.0% similar',
		);
	});
});

describe('diffStatus with no word changed', () => {
	const none: DiffView = {...view, rows: 10, changes: 0, matches: 0};
	const same = {...result, stats: {...result.stats, deleted: 0, inserted: 0, similarity: 1}};
	const statusOf = (outcome: Parameters<typeof diffStatus>[2]) =>
		diffStatus(initialDiffViewState(), none, outcome, 0);

	it('says identical, or that the words are the same but links lead elsewhere', () => {
		expect(statusOf({...same, identical: true})).toBe(
			'lines 1–10 of 10 · 100% · identical in content · −0 +0 · 100.0% similar',
		);
		expect(
			statusOf({
				...same,
				identical: false,
				links: {removed: 1, added: 1, removedAddresses: ['a'], addedAddresses: ['b']},
			}),
		).toBe(
			'lines 1–10 of 10 · 100% · the same words; links lead elsewhere · −0 +0 · 100.0% similar',
		);
	});
});
