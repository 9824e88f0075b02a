import {describe, expect, it} from 'vitest';
import {
	EXIT_INTERRUPTED,
	FINDING_VERSIONS,
	NO_HISTORY,
	diffViewOf,
	fold,
	folderChangeLine,
	folderChanged,
	helpFor,
	historyFrameInput,
	initialAppState,
	refresh,
	storyVersions,
	type AppEnv,
	type AppState,
	type Screen,
} from '../../../source/core/app/state.js';
import {describeChanges, filesToTell} from '../../../source/core/corpus/live.js';
import {historyFrame} from '../../../source/core/history/frame.js';
import {decodeKeys} from '../../../source/core/keys.js';
import type {Document} from '../../../source/core/types.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';
import {storyFiles} from '../../fixtures/story.js';
import {testEnv} from './env.js';

/** The five seeds, then the generated story's six files in name order, as the library lists a
 * folder: story-a … story-f, which are v3, v5, v1, v6, v2, v4 of the story. */
const seeds = seedDocuments();
const story = storyFiles()
	.map((file) => documentFromText(file.text, file.name))
	.sort((a, b) => a.id.localeCompare(b.id));
const documents = [...seeds, ...story];
const env = testEnv(documents);
const start = initialAppState();

/** The story's files, oldest version first (by their datelines). */
const OLDEST_FIRST = [
	'story-c.txt',
	'story-e.txt',
	'story-a.txt',
	'story-f.txt',
	'story-b.txt',
	'story-d.txt',
];
/** Library rows: the five seeds, then story-a.txt (row 5) … story-f.txt (row 10). */
const rowOf = (id: string) => documents.findIndex((document) => document.id === id);
/** Keys that put the library's cursor on `id`'s row. */
const onRow = (id: string) => 'g' + 'j'.repeat(rowOf(id));

function typed(input: string, state: AppState = start, at: AppEnv = env) {
	return fold(state, decodeKeys(input), at);
}

type Named<Name extends Screen['name']> = Extract<Screen, {name: Name}>;

function historyOn(state: AppState): Named<'history'> {
	expect(state.screen.name).toBe('history');
	return state.screen as Named<'history'>;
}

function diffOn(state: AppState): Named<'diff'> {
	expect(state.screen.name).toBe('diff');
	return state.screen as Named<'diff'>;
}

/** The versions a diff shows, as "v2→v3" (versions numbered from 1, as the screens do). */
function pairShown(state: AppState): string {
	const screen = diffOn(state);
	const number = (document: Document) => OLDEST_FIRST.indexOf(document.id) + 1;
	return `v${number(screen.a)}→v${number(screen.b)}`;
}

const text = (state: AppState) =>
	historyFrame(historyFrameInput(historyOn(state), env)).map((line) =>
		line.map((segment) => segment.text).join(''),
	);

describe('h opens the history', () => {
	it('from a library row: the versions oldest first, the one it was opened on current and under the cursor', () => {
		const {state} = typed(onRow('story-a.txt') + 'h');
		const screen = historyOn(state);
		expect(screen.story.versions.map((version) => version.id)).toEqual(OLDEST_FIRST);
		expect(screen.current).toBe(2);
		expect(screen.history.selected).toBe(2);
		expect(screen.back).toEqual({name: 'library'});
		const lines = text(state);
		expect(lines[0]).toMatch(/^History · 6 versions · ordered by dateline · Iraq and Iran agree/);
		expect(lines[3]).toMatch(/^▸ ◆ v3 {2}21 Jul 2020 14:30 {2}Iraq and Iran agree/);
		expect(lines[1]).toMatch(/^ {4}v1 {2}20 Jul 2020 21:08 {2}Talks on border crossings/);
		// The screen stays a line short of the terminal.
		expect(lines).toHaveLength(env.rows - 1);
	});

	it('on a short terminal, with the version it was opened on in view', () => {
		const short = testEnv(documents, {rows: 7});
		const screen = historyOn(typed(onRow('story-d.txt') + 'h', start, short).state);
		// Six lines: a header, four versions (v3 to v6), the status bar.
		expect(screen.history).toMatchObject({selected: 5, top: 2});
		const lines = historyFrame(historyFrameInput(screen, short)).map((line) =>
			line.map((segment) => segment.text).join(''),
		);
		expect(lines).toHaveLength(6);
		expect(lines[1]).toMatch(/^ {4}v3 /);
		expect(lines[4]).toMatch(/^▸ ◆ v6 /);
	});

	it('from the reader, and Esc goes back to the reader, then the library', () => {
		const reading = typed(onRow('story-f.txt') + '\rjj').state;
		expect(reading.screen.name).toBe('reader');
		const opened = typed('h', reading).state;
		expect(historyOn(opened).current).toBe(3);
		expect(historyOn(opened).back).toEqual(reading.screen);
		const back = typed('\u001b', opened).state;
		expect(back.screen).toEqual(reading.screen);
		const library = typed('\u001b', back);
		expect(library.state.screen).toEqual({name: 'library'});
		expect(library.effects).toEqual([
			{
				type: 'save-place',
				document: story[5],
				anchor: expect.anything(),
				reading: expect.anything(),
			},
		]);
	});

	it('on an article with no other version: one line, cleared by the next key', () => {
		const {state} = typed(onRow('002_f2f61d732b4d2628.txt') + 'h');
		expect(state.screen).toEqual({name: 'library'});
		expect(state.notice).toBe('no other version of this article found: it has no history here');
		expect(state.notice).toBe(NO_HISTORY);
		expect(typed('j', state).state.notice).toBeUndefined();
	});

	it('before the versions are known: "finding versions…", then the history, then the keys typed meanwhile', () => {
		const early = testEnv(documents, {indexed: 3});
		const waiting = typed(onRow('story-b.txt') + 'hk', start, early).state;
		expect(waiting.notice).toBe(FINDING_VERSIONS);
		expect(waiting.findingVersions).toEqual({document: story[1], purpose: 'history'});
		expect(waiting.pending).toEqual(['k']);
		const {state} = refresh(waiting, env);
		const screen = historyOn(state);
		expect(screen.current).toBe(4);
		// The k typed after h moved the cursor up a version.
		expect(screen.history.selected).toBe(3);
		expect(state.notice).toBeUndefined();
	});

	it('waits while the history module loads, as for the versions', () => {
		const loading = testEnv(documents, {loaded: false});
		const waiting = typed(onRow('story-b.txt') + 'h', start, loading).state;
		expect(waiting.findingVersions?.purpose).toBe('history');
		expect(historyOn(refresh(waiting, env).state).current).toBe(4);
	});
});

describe('the history: Enter, ] and [, marks, Esc', () => {
	const opened = typed(onRow('story-d.txt') + 'h').state;

	it('Enter on a version opens its diff with the version before', () => {
		const {state} = typed('kk\r', opened);
		expect(pairShown(state)).toBe('v3→v4');
		expect(diffOn(state).story?.pair).toEqual({from: 2, to: 3});
		// The diff's header names the versions.
		expect(storyVersions(diffOn(state))).toEqual({a: 'v3', b: 'v4'});
		expect(diffOn(state).back).toMatchObject({name: 'history'});
	});

	it('Enter on v1 says nothing came before it', () => {
		const {state} = typed('g\r', opened);
		expect(historyOn(state).history.message).toBe(
			'v1 is the first version: nothing came before it',
		);
	});

	it('] steps through every pair to the last, [ back to the first, with a line at each end', () => {
		let state = typed('gj\r', opened).state;
		const seen = [pairShown(state)];
		for (let step = 0; step < 4; step++) {
			state = typed(']', state).state;
			seen.push(pairShown(state));
		}
		expect(seen).toEqual(['v1→v2', 'v2→v3', 'v3→v4', 'v4→v5', 'v5→v6']);
		state = typed(']', state).state;
		expect(pairShown(state)).toBe('v5→v6');
		expect(diffOn(state).diff.message).toBe('the latest version: no step after it');
		const back = [];
		for (let step = 0; step < 4; step++) {
			state = typed('[', state).state;
			back.push(pairShown(state));
		}
		expect(back).toEqual(['v4→v5', 'v3→v4', 'v2→v3', 'v1→v2']);
		state = typed('[', state).state;
		expect(diffOn(state).diff.message).toBe('the first version: no step before it');
	});

	it('] and [ keep the mode and the layout setting', () => {
		// 100 columns: inline by default; s makes it side by side, w shows layout changes.
		const {state} = typed('\rsw[[', opened);
		expect(pairShown(state)).toBe('v3→v4');
		expect(diffOn(state).diff).toMatchObject({mode: 'side-by-side', layout: true, top: 0});
	});

	it('] and [ keep the place: at the top stays at the top, at the end goes to the end', () => {
		// Every line shown (z), so that the diff is longer than the screen.
		const atEnd = typed('\rzG[', opened).state;
		const view = diffViewOf(diffOn(atEnd), env)!;
		expect(view.rows).toBeGreaterThan(view.height);
		expect(diffOn(atEnd).diff.top).toBe(view.rows - view.height);
		expect(diffOn(typed('\r[', opened).state).diff.top).toBe(0);
	});

	it('] and [ keep the words at the top of the screen at the top, in the middle of the diff', () => {
		// v1→v2 whole (z) on a short screen, scrolled down to the quote; v2 is its B and the A of
		// v2→v3, which inserts a paragraph above the place: the same share of the way down shows
		// other words.
		const short = testEnv(documents, {columns: 100, rows: 12});
		const history = typed(onRow('story-d.txt') + 'h', start, short).state;
		const scrolled = typed('gj\rz' + 'j'.repeat(10), history, short).state;
		expect(pairShown(scrolled)).toBe('v1→v2');
		const top = diffOn(scrolled).diff.top;
		const token = diffViewOf(diffOn(scrolled), short)!.tokenAt!('b', top);

		const stepped = typed(']', scrolled, short).state;
		expect(pairShown(stepped)).toBe('v2→v3');
		const after = diffViewOf(diffOn(stepped), short)!;
		expect(after.tokenAt!('a', diffOn(stepped).diff.top)).toBe(token);

		// And back: [ finds them again in v1→v2.
		const back = typed('[', stepped, short).state;
		expect(pairShown(back)).toBe('v1→v2');
		expect(diffOn(back).diff.top).toBe(top);
	});

	it('Esc from a diff comes back to the history on the newer version last shown, then leaves', () => {
		const stepped = typed('gj\r]]', opened).state;
		const history = typed('\u001b', stepped).state;
		expect(historyOn(history).history.selected).toBe(3);
		expect(typed('\u001b', history).state.screen).toEqual({name: 'library'});
	});

	it('Space marks two versions and d compares them, older first; ] goes on from the newer', () => {
		const {state} = typed('k gj ', opened);
		expect(historyOn(state).history.marked).toEqual([4, 1]);
		const compared = typed('d', state).state;
		expect(pairShown(compared)).toBe('v2→v5');
		expect(pairShown(typed(']', compared).state)).toBe('v5→v6');
		expect(pairShown(typed('[', compared).state)).toBe('v1→v2');
	});

	it('d with one mark says to mark one more', () => {
		const {state} = typed(' d', opened);
		expect(historyOn(state).history.message).toBe(
			'mark one more version with Space to compare the two',
		);
	});

	it('] and [ do nothing in a diff not opened from the history', () => {
		const diff = typed(onRow('000_fcf7af4745e890eb.txt') + 'd').state;
		expect(diffOn(diff).story).toBeUndefined();
		expect(storyVersions(diffOn(diff))).toBeUndefined();
		expect(typed('][', diff).state).toBe(diff);
	});

	it('Ctrl+C in a diff opened from a history opened from the reader remembers the place in the article', () => {
		const {effects} = typed(onRow('story-f.txt') + '\rjjh\r\u0003');
		expect(effects).toEqual([
			{
				type: 'save-place',
				document: story[5],
				anchor: expect.anything(),
				reading: expect.anything(),
			},
			{type: 'quit', code: EXIT_INTERRUPTED},
		]);
	});
});

/**
 * Found by the exploratory tester: the folder changing while the history or a diff is open was
 * never said. Both screens draw their own status line, not the app's notice, and the key that
 * leaves them clears the notice before the library could show it.
 */
describe('the folder changes while the history or a diff is open', () => {
	const opened = typed(onRow('story-d.txt') + 'h').state;
	const elsewhere = seeds[2]!;

	it('the history says what changed, and the next key clears it', () => {
		const told = folderChanged(opened, [{kind: 'removed', id: elsewhere.id}], '1 removed');
		expect(historyOn(told).history.message).toBe('1 removed');
		expect(text(told).at(-1)).toMatch(/^1 removed {2,}Enter diff/);
		expect(historyOn(typed('k', told).state).history.message).toBeUndefined();
	});

	it('counts changes together in the history’s line, as in the library’s', () => {
		const first = folderChanged(opened, [{kind: 'removed', id: elsewhere.id}], '1 removed');
		expect(folderChangeLine(first)).toBe('1 removed');
		const removed = (id: string) => ({
			added: new Set<string>(),
			changed: new Set<string>(),
			removed: new Set([id]),
			skipped: new Set<string>(),
		});
		const files = filesToTell(
			removed(seeds[3]!.id),
			removed(elsewhere.id),
			folderChangeLine(first),
		);
		expect(describeChanges(files)).toBe('2 removed');
		expect(folderChangeLine(typed('k', first).state)).toBeUndefined();
	});

	it('the history says first that a version on screen was removed', () => {
		const version = story[1]!;
		const told = folderChanged(
			opened,
			[
				{kind: 'removed', id: elsewhere.id},
				{kind: 'removed', id: version.id},
			],
			'2 removed',
		);
		expect(historyOn(told).history.message).toBe(
			'a version shown was removed: shown as it was read · 2 removed',
		);
		// Still the six versions as they were read.
		expect(historyOn(told).story.versions).toHaveLength(6);
	});

	it('the history says a version shown is no longer text, not that it was removed', () => {
		const version = historyOn(opened).story.versions[1]!;
		const told = folderChanged(
			opened,
			[{kind: 'removed', id: version.id, skipped: {id: version.id, reason: 'binary'}}],
			'1 skipped',
		);
		expect(historyOn(told).history.message).toBe(
			'a version shown is no longer text (binary): shown as it was read · 1 skipped',
		);
		expect(historyOn(told).story.versions).toHaveLength(6);
	});

	it('a diff says a version on screen changed on disk, and nothing for a file the same', () => {
		const diff = typed('kk\r', opened).state;
		const b = diffOn(diff).b;
		const same = folderChanged(diff, [{kind: 'read', document: b}], undefined);
		expect(diffOn(same).diff.message).toBeUndefined();
		const edited = documentFromText(`${b.text}\n\nA line added later.\n`, b.id);
		const told = folderChanged(diff, [{kind: 'read', document: edited}], '1 changed');
		expect(diffOn(told).diff.message).toBe(
			'a version shown changed on disk: shown as it was read · 1 changed',
		);
		expect(diffOn(told).b).toBe(b);
		expect(diffOn(typed('n', told).state).diff.message ?? '').not.toContain('changed on disk');
	});
});

describe('which parts came when (p)', () => {
	const opened = typed(onRow('story-d.txt') + 'h').state;
	const parts = typed('p', opened).state;

	it('shows the latest version with each paragraph’s first version in the margin', () => {
		expect(historyOn(parts).history.showing).toBe('provenance');
		const lines = text(parts);
		expect(lines[0]).toMatch(/^Which parts came when · v6, the latest, by first appearance/);
		expect(lines[1]).toBe('v1−v2  Talks on border crossings resume in Baghdad');
		expect(lines[2]).toBe('v2     Iraq and Iran agree to reopen two border crossings');
		expect(lines).toHaveLength(env.rows - 1);
	});

	it('scrolls like the reader: j a line, G to the end, g to the top', () => {
		const lineCount = env.history!.provenanceLines(historyOn(parts).story, env.columns).length;
		const height = env.rows - 1 - 2;
		expect(historyOn(typed('jj', parts).state).history.provenanceTop).toBe(2);
		expect(historyOn(typed('G', parts).state).history.provenanceTop).toBe(lineCount - height);
		expect(historyOn(typed('Gg', parts).state).history.provenanceTop).toBe(0);
	});

	it('Esc goes back to the list of versions, then out', () => {
		const list = typed('\u001b', parts).state;
		expect(historyOn(list).history.showing).toBe('list');
		expect(typed('\u001b', list).state.screen).toEqual({name: 'library'});
	});
});

describe('? on each screen shows help drawn from its keymap', () => {
	const opened = typed(onRow('story-d.txt') + 'h').state;
	const keysOf = (state: AppState) => helpFor(state).keymap.flatMap((binding) => binding.keys);

	it('the history', () => {
		const {state} = typed('?', opened);
		expect(state.help).toEqual({top: 0});
		expect(helpFor(state).title).toBe('History');
		expect(keysOf(state)).toEqual(expect.arrayContaining(['return', 'space', 'd', 'p', 'escape']));
		// ? closes it, and the history is as it was.
		const closed = typed('?', state).state;
		expect(closed.help).toBeUndefined();
		expect(closed.screen).toEqual(opened.screen);
	});

	it('which parts came when', () => {
		const {state} = typed('p?', opened);
		expect(helpFor(state).title).toBe('Which parts came when');
		expect(keysOf(state)).toEqual(expect.arrayContaining(['j', 'G', 'p', 'escape']));
		expect(historyOn(typed('q', state).state).history.showing).toBe('provenance');
	});

	it('a diff opened from the history lists ] and [', () => {
		const {state} = typed('\r?', opened);
		expect(keysOf(state)).toEqual(expect.arrayContaining([']', '[', 'n', 's']));
		const plain = typed(onRow('000_fcf7af4745e890eb.txt') + 'd?').state;
		expect(keysOf(plain)).not.toContain(']');
	});

	it('h is in the library’s and the reader’s help', () => {
		expect(keysOf(typed('?').state)).toContain('h');
		expect(keysOf(typed('\r?').state)).toContain('h');
	});
});

describe('keys written together do what they do one at a time', () => {
	it('a whole walk through the history in one chunk', () => {
		// Esc then a letter in one chunk is Alt+letter, as terminals send it: Esc ends a chunk here.
		const walk = [onRow('story-a.txt') + 'h\r]]s[\u001b', 'kp jjG\u001b', ' jjmd'];
		const together = walk.reduce((state, chunk) => typed(chunk, state).state, start);
		let apart = start;
		for (const key of walk.flatMap(decodeKeys)) apart = fold(apart, [key], env).state;
		expect(pairShown(together)).toBe('v3→v5');
		expect(apart).toEqual(together);
	});
});
