import {describe, expect, it} from 'vitest';
import {
	diffViewOf,
	fold,
	initialAppState,
	refresh,
	type AppEnv,
	type AppState,
} from '../../../source/core/app/state.js';
import {decodeKeys} from '../../../source/core/keys.js';
import {seedDocuments} from '../../fixtures/seeds.js';
import {testEnv} from './env.js';

const seeds = seedDocuments();
const env = testEnv(seeds, {columns: 100, rows: 30});
const start = initialAppState();

function typed(input: string, state: AppState = start, at: AppEnv = env) {
	return fold(state, decodeKeys(input), at).state;
}

function diffOn(state: AppState) {
	if (state.screen.name !== 'diff') throw new Error(`on the ${state.screen.name}, not the diff`);
	return state.screen;
}

describe('the diff screen in the app step', () => {
	// d on the first row: 000 against its closest version, 001.
	const opened = typed('d');

	it('opens folded: the unchanged body is one row, and z shows every line', () => {
		const folded = diffViewOf(diffOn(opened), env)!;
		const whole = diffViewOf(diffOn(typed('z', opened)), env)!;
		expect(diffOn(opened).a).toBe(seeds[0]);
		expect(whole.rows - folded.rows).toBeGreaterThan(90);
		const foldRows = [...Array(folded.rows).keys()].filter(
			(row) => folded.foldAt!(row) !== undefined,
		);
		// One fold: the body between the dateline's change and the footer's, known by change 0.
		expect(foldRows).toHaveLength(1);
		expect(folded.foldAt!(foldRows[0]!)).toBe(0);
		// Enter opens the fold on screen: as many rows as z shows.
		expect(diffViewOf(diffOn(typed('\r', opened)), env)!.rows).toBe(whole.rows);
	});

	it('/ takes typed letters into its line (f does not page down); Enter goes to the first match', () => {
		const typing = typed('z/comment f', opened);
		expect(diffOn(typing).diff.search?.prompt?.text).toBe('comment f');
		expect(diffOn(typing).diff.top).toBe(0);
		const found = typed('\b\b\r', typing);
		const {diff} = diffOn(found);
		expect(diff.search).toMatchObject({prompt: undefined, query: 'comment', current: 0});
		// "Leave a Comment" is at the end of 001: the screen went down to it.
		expect(diff.top).toBeGreaterThan(50);
	});

	it('Esc ends the search, and the next Esc leaves the diff', () => {
		const found = typed('/iran\r', opened);
		expect(diffOn(found).diff.search?.query).toBe('iran');
		const ended = typed('\u001b', found);
		expect(diffOn(ended).diff.search).toBeUndefined();
		expect(typed('\u001b', ended).screen.name).toBe('library');
		// A query that matches nothing says so and ends the search.
		const none = diffOn(typed('/qqqxz\r', opened)).diff;
		expect(none.search).toBeUndefined();
		expect(none.message).toBe('no match for “qqqxz”');
	});

	it('x swaps A and B on the same passage', () => {
		const paged = typed('zff', opened);
		const swapped = typed('x', paged);
		expect(diffOn(swapped).a).toBe(seeds[1]);
		expect(diffOn(swapped).b).toBe(seeds[0]);
		const before = diffViewOf(diffOn(paged), env)!.passageAt!(diffOn(paged).diff.top);
		const after = diffViewOf(diffOn(swapped), env)!.passageAt!(diffOn(swapped).diff.top);
		expect(after.block).toBe(before.block);
		expect(diffOn(typed('x', swapped)).a).toBe(seeds[0]);
	});

	it('the mode chosen with s and w are kept for the next diff, until the app quits', () => {
		const chosen = typed('sw', opened);
		expect(diffOn(chosen).diff).toMatchObject({mode: 'side-by-side', layout: true});
		const next = typed('jd', typed('\u001b', chosen));
		expect(diffOn(next).a).toBe(seeds[1]);
		expect(diffOn(next).diff).toMatchObject({mode: 'side-by-side', layout: true, top: 0});
		expect(next.diffSettings).toEqual({mode: 'side-by-side', layout: true, storyOnly: false});
	});

	it('i hides the changes outside the headline and body: the footer folds and n skips it', () => {
		const all = diffViewOf(diffOn(opened), env)!;
		expect(all.changes).toBe(2);
		const story = typed('i', opened);
		expect(diffOn(story).diff.storyOnly).toBe(true);
		const view = diffViewOf(diffOn(story), env)!;
		// Only change 1 (headline and dateline) counts; the footer's rows fold with the body.
		expect(view.changes).toBe(1);
		expect(view.changeAt!(0)).toBe(0);
		// Its figures are the shown change's: the headline's 5 words and the dateline's 5 (the
		// footer's −17 +3 are left out), where every change counts −17 +13.
		expect(view.shownWords).toEqual({deleted: 0, inserted: 10});
		expect(all.shownWords).toBeUndefined();
		expect(view.rows).toBeLessThan(all.rows);
		const nn = diffOn(typed('nn', story)).diff;
		expect(nn.current).toBe(0);
		expect(nn.message).toBe('last change reached, continuing at the first');
		// Kept for the next diff, like s and w; i again shows every change.
		expect(story.diffSettings.storyOnly).toBe(true);
		expect(diffViewOf(diffOn(typed('i', story)), env)!.changes).toBe(2);
	});

	it('a resize keeps the current match on screen, through s after it and back', () => {
		const wide = testEnv(seeds, {columns: 120, rows: 40});
		const narrow = testEnv(seeds, {columns: 60, rows: 20});
		const matchShown = (state: AppState, at: AppEnv) => {
			const {diff} = diffOn(state);
			const view = diffViewOf(diffOn(state), at)!;
			const row = view.rowOfMatch!(diff.search!.current!);
			return row >= diff.top && row < diff.top + view.height;
		};
		const found = typed('z/Kadhimi\rnnn', typed('d', start, wide), wide);
		expect(diffOn(found).diff.search).toMatchObject({query: 'Kadhimi', current: 3});
		expect(matchShown(found, wide)).toBe(true);
		const resized = refresh(found, narrow).state;
		expect(diffOn(resized).diff.search?.current).toBe(3);
		expect(matchShown(resized, narrow)).toBe(true);
		const toggled = typed('s', resized, narrow);
		expect(matchShown(toggled, narrow)).toBe(true);
		const back = refresh(toggled, wide).state;
		expect(matchShown(back, wide)).toBe(true);
		expect(matchShown(typed('s', back, wide), wide)).toBe(true);
	});

	it('a resize keeps the passage at the top when no match or change is on screen', () => {
		const wide = testEnv(seeds, {columns: 120, rows: 40});
		const narrow = testEnv(seeds, {columns: 60, rows: 20});
		const paged = typed('zff', typed('d', start, wide), wide);
		const before = diffViewOf(diffOn(paged), wide)!.passageAt!(diffOn(paged).diff.top);
		expect(before.block).toBeGreaterThan(0);
		const resized = refresh(paged, narrow).state;
		const after = diffViewOf(diffOn(resized), narrow)!.passageAt!(diffOn(resized).diff.top);
		expect(after.block).toBe(before.block);
		// The same place in the block: its rows are three times as many at 60 columns.
		expect(before.within).toBeGreaterThan(0.2);
		expect(Math.abs(after.within - before.within)).toBeLessThan(0.02);
		// Unchanged by a refresh at the same size.
		expect(refresh(resized, narrow).state).toBe(resized);
	});

	it('G where the whole folded diff fits makes the last change current, so N goes to the first', () => {
		const wide = testEnv(seeds, {columns: 120, rows: 40});
		const opened = typed('d', start, wide);
		const view = diffViewOf(diffOn(opened), wide)!;
		expect(view.rows).toBeLessThan(view.height);
		expect(view.changes).toBe(2);
		const end = typed('G', opened, wide);
		expect(diffOn(end).diff.current).toBe(1);
		const previous = diffOn(typed('N', end, wide)).diff;
		expect(previous.current).toBe(0);
		expect(previous.message).toBeUndefined();
	});
});
