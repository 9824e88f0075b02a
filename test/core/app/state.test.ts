import {describe, expect, it} from 'vitest';
import {
	EXIT_INTERRUPTED,
	EXIT_OK,
	FINDING_VERSIONS,
	diffRequest,
	documentUnderCursor,
	fold,
	initialAppState,
	KEYS_WAIT_FOR_ANSWER,
	libraryFrameInput,
	refresh,
	step,
	type AppEnv,
	type AppState,
	type Effect,
} from '../../../source/core/app/state.js';
import {libraryFrame} from '../../../source/core/library/frame.js';
import {decodeKeys, pasteKey} from '../../../source/core/keys.js';
import type {Document} from '../../../source/core/types.js';
import {seededRandom} from '../../fixtures/prose.js';
import {seedDocuments} from '../../fixtures/seeds.js';
import {testEnv} from './env.js';

const seeds = seedDocuments();
const env = testEnv(seeds);
const start = initialAppState();

/** The state and effects after `input`, written as a terminal sends it ('jjj\r'). */
function typed(input: string, state: AppState = start, at: AppEnv = env) {
	return fold(state, decodeKeys(input), at);
}

function opened(state: AppState): Document | undefined {
	return state.screen.name === 'reader' ? state.screen.document : undefined;
}

const statusOf = (state: AppState, at: AppEnv = env) =>
	libraryFrame(libraryFrameInput(state, at))
		.at(-1)!
		.map((segment) => segment.text)
		.join('');

/** The library's lines as shown, blank ones and trailing spaces left out. */
const screenOf = (state: AppState, at: AppEnv = env) =>
	libraryFrame(libraryFrameInput(state, at))
		.map((line) =>
			line
				.map((segment) => segment.text)
				.join('')
				.trimEnd(),
		)
		.filter((line) => line !== '');

describe('step: every key meets the state the key before it left', () => {
	it('a search typed in one chunk searches all of it: /zarif is "zarif", /moezi is "moezi"', () => {
		expect(typed('/zarif').state.library).toMatchObject({filter: 'filtering', query: 'zarif'});
		const moezi = typed('/moezi').state.library;
		expect(moezi.query).toBe('moezi');
		expect(moezi.marked).toEqual([]);
	});

	it('g then j j j Enter opens the row the cursor is on, the fourth', () => {
		const {state} = typed('jjj\r', typed('g').state);
		expect(opened(state)).toBe(seeds[3]);
	});

	it('G then g Enter opens the first article, not the last', () => {
		expect(opened(typed('g\r', typed('G').state).state)).toBe(seeds[0]);
	});

	it('j Space marks the second row, and moves on to the third', () => {
		const {library} = typed('j ').state;
		expect(library.marked).toEqual([seeds[1]!.id]);
		expect(library.selected).toBe(2);
	});

	it('a search then Enter Enter opens the result, and the second Enter stays in the reader', () => {
		const {state} = typed('/rohani\r\r');
		expect(opened(state)?.text).toMatch(/Rouhani/);
		expect(state.screen.name === 'reader' && state.screen.reader?.search?.query).toBe('rohani');
	});

	it('back from a result opened with Enter, the results stay with the focus on the list: q quits, / edits the query', () => {
		const back = typed('/iran\rq').state;
		expect(back.screen.name).toBe('library');
		expect(back.library).toMatchObject({filter: 'applied', query: 'iran'});
		expect(statusOf(back)).toMatch(/^\d+ of 5 match “iran”/);
		expect(typed('q', back).effects).toEqual([{type: 'quit', code: 0}]);
		expect(typed('/a', back).state.library).toMatchObject({filter: 'filtering', query: 'irana'});
		expect(typed('\u001b', back).state.library).toMatchObject({filter: 'unfiltered', query: ''});
		// Enter with nothing to open leaves the line as it was, the focus in it.
		expect(typed('/zqxjv\r').state.library).toMatchObject({filter: 'filtering', query: 'zqxjv'});
	});

	it('Esc with a key right behind it (which a terminal sends as Alt+key) is those two keys, outside a prompt', () => {
		// In the search line Alt+B is a word left; Esc then j in one read clears the search
		// and moves down.
		const searching = typed('j/iran').state;
		expect(typed('\u001bb', searching).state.library).toMatchObject({query: 'iran', cursor: 0});
		const cleared = typed('\u001bj', searching).state.library;
		expect(cleared).toMatchObject({filter: 'unfiltered', query: '', selected: 2});
		expect(decodeKeys('\u001bj')).toEqual(['alt+j']);
	});

	it('Ctrl+N and Ctrl+P move through the results while the query is typed, never as letters', () => {
		const {state} = typed('/iran\u000e\u000e\u0010');
		expect(state.library).toMatchObject({filter: 'filtering', query: 'iran', selected: 1});
		expect(typed('\u000b', state).state.library.selected).toBe(0);
		expect(typed('\n', state).state.library.selected).toBe(2);
		expect(typed('\u001b[B', state).state.library.selected).toBe(2);
	});
});

describe('step: keys for a screen that is not ready wait for it, in order', () => {
	it('keys typed while the reader loads are applied once it has, in order', () => {
		const loading = testEnv(seeds, {loaded: false});
		const waiting = typed('\rjj/iran', start, loading).state;
		expect(waiting.screen).toMatchObject({name: 'reader', reader: undefined});
		expect(waiting.pending).toEqual(['j', 'j', '/', 'i', 'r', 'a', 'n']);
		const {state} = refresh(waiting, env);
		expect(state.pending).toEqual([]);
		const reader = state.screen.name === 'reader' ? state.screen.reader : undefined;
		expect(reader?.prompt?.text).toBe('iran');
	});

	it('s keeps the passage at the top of the diff on screen in the other mode', () => {
		const wide = testEnv(seeds, {columns: 160, rows: 30});
		const topPassage = (state: AppState) => {
			const screen = state.screen;
			if (screen.name !== 'diff') throw new Error('not on the diff');
			const view = wide.diffView!(diffRequest(screen, screen.diff, wide))!;
			return {
				mode: diffRequest(screen, screen.diff, wide).mode,
				top: screen.diff.top,
				passage: view.passageAt!(screen.diff.top),
			};
		};
		// 000 against its closest version, 001, every line shown; two pages down, into the body.
		const paged = typed('dzff', start, wide).state;
		const before = topPassage(paged);
		expect(before.mode).toBe('side-by-side');
		expect(before.top).toBeGreaterThan(0);
		const after = topPassage(typed('s', paged, wide).state);
		expect(after.mode).toBe('inline');
		expect(after.passage.block).toBe(before.passage.block);
		// Not back at the top, where a mode switch used to leave the reader.
		expect(after.top).toBeGreaterThan(0);
	});

	it('an article opened before the remembered places are read still opens where it was left', () => {
		// Enter while nothing is known yet (the reader waits, as ui/app.tsx makes it wait for the
		// state file); the place arrives with the environment that sets the reader up.
		const place = {paragraph: 3, offset: 0};
		const waiting = typed('\r', start, testEnv(seeds, {loaded: false})).state;
		const known = testEnv(seeds, {
			remembered: (document) => (document === seeds[0] ? place : undefined),
		});
		const {state} = refresh(waiting, known);
		const reader = state.screen.name === 'reader' ? state.screen.reader : undefined;
		expect(reader?.anchor).toEqual(place);
	});

	it('an article whose text changed since its place was kept opens at the top, and says so', () => {
		const changed = testEnv(seeds, {placeChanged: (document) => document === seeds[0]});
		const {state} = typed('\r', start, changed);
		const reader = state.screen.name === 'reader' ? state.screen.reader : undefined;
		expect(reader?.message).toBe('the article changed since you last read it: opened at the top');
		// One whose place is simply not kept says nothing.
		const plain = typed('\r').state;
		expect(plain.screen.name === 'reader' ? plain.screen.reader?.message : 'none').toBeUndefined();
	});

	it('d before the versions are known says "finding versions…", then opens the diff', () => {
		const early = testEnv(seeds, {indexed: 1});
		const waiting = typed('dzj', start, early).state;
		expect(waiting.notice).toBe(FINDING_VERSIONS);
		expect(waiting.screen.name).toBe('library');
		expect(waiting.pending).toEqual(['z', 'j']);
		const {state} = refresh(waiting, env);
		expect(state.screen).toMatchObject({name: 'diff', a: seeds[0], b: seeds[1]});
		// The z and j typed after d unfold and scroll the diff.
		expect(state.screen.name === 'diff' && state.screen.diff.top).toBe(1);
	});

	it('a query and Enter typed together before the search has seen every document open the top of the whole folder', () => {
		// Two of five indexed: "zarif" so far ranks 001 first; over all five, 004.
		const early = testEnv(seeds, {indexed: 2});
		const typedEarly = typed('/zarif\r', start, early).state;
		expect(typedEarly.screen.name).toBe('library');
		expect(typedEarly.library.query).toBe('zarif');
		expect(typedEarly.pending).toEqual(['return']);
		// Keys after it wait behind it, in order.
		const more = typed('j', typedEarly, early).state;
		expect(more.pending).toEqual(['return', 'j']);
		const {state} = refresh(more, env);
		expect(opened(state)?.id).toMatch(/^004_/);
		expect(state.pending).toEqual([]);
		// Typing the query does not wait: the line and the results so far follow each key.
		expect(typed('/zar', start, early).state.library.query).toBe('zar');
		// Once the answer is the whole folder's, Enter opens at once, as typed on a ready screen.
		expect(opened(typed('/zarif\r').state)?.id).toMatch(/^004_/);
	});

	it('a query and Enter typed before there is any index wait for it, and open its top result', () => {
		// As typed the moment the app starts: Enter opened the first article of the list.
		const none = testEnv(seeds, {indexed: 0});
		const typedFirst = typed('/zarif\r', start, none).state;
		expect(typedFirst.screen.name).toBe('library');
		expect(typedFirst.pending).toEqual(['return']);
		// Meanwhile nothing is listed under the query as if it had matched.
		expect(screenOf(typedFirst, none)).toEqual([
			'Reading Room · seeds',
			'Searching… indexing 0 of 5.',
			'/zarif█',
			'keys wait for the whole answer: Esc drops them · 0 match “zarif” so far · indexing 0 of 5',
		]);
		expect(opened(refresh(typedFirst, env).state)?.id).toMatch(/^004_/);
		// A folder that turned out empty has no index to wait for: Enter, Esc and q act at once.
		const empty = testEnv([], {indexed: 0});
		const {state, effects} = typed('/zarif\r\u001bq', start, empty);
		expect(state.pending).toEqual([]);
		expect(effects).toEqual([{type: 'quit', code: 0}]);
	});

	it('moves typed before there is any answer wait for it: ↓ ↓ Enter opens the third result', () => {
		const none = testEnv(seeds, {indexed: 0});
		// In the search line, and in the results once the line is left with Tab.
		const query = ['/', 'i', 'r', 'a', 'n'];
		const typedFirst = fold(start, [...query, 'down', 'down', 'return'], none).state;
		expect(typedFirst.pending).toEqual(['down', 'down', 'return']);
		// Not over the first documents' answer: over the whole folder's.
		const early = testEnv(seeds, {indexed: 2});
		expect(refresh(typedFirst, early).state.pending).toEqual(['down', 'down', 'return']);
		// Over all five: 004, 003, 002, 001, 000.
		expect(opened(refresh(typedFirst, env).state)?.id).toMatch(/^002_/);
		const applied = typed('/iran\t', start, env).state;
		expect(applied.library.filter).toBe('applied');
		const moved = typed('jjG', applied, none).state;
		expect(moved.pending).toEqual(['j', 'j', 'G']);
		expect(refresh(moved, env).state.library.selected).toBe(4);
		// An answer so far with no match lists nothing either: a move waits for the whole answer
		// ('rouhani' is in 003 and 004, neither of the first two).
		const noneSoFar = fold(start, ['/', ...'rouhani', 'down', 'return'], early).state;
		expect(noneSoFar.pending).toEqual(['down', 'return']);
		expect(opened(refresh(noneSoFar, env).state)?.id).toMatch(/^004_/);
		// With answers so far, a move acts on them at once, as they are listed.
		const soFar = fold(start, [...query, 'down'], early).state;
		expect(soFar.pending).toEqual([]);
		expect(soFar.library.selected).toBe(1);
	});

	it('keys waiting for the whole answer of a search say so, and Esc drops them and clears the search', () => {
		const none = testEnv(seeds, {indexed: 0});
		const waitingKeys = fold(start, ['/', 'i', 'r', 'a', 'n', 'down', 'return', 'j'], none).state;
		expect(waitingKeys.pending).toEqual(['down', 'return', 'j']);
		expect(waitingKeys.notice).toBe(KEYS_WAIT_FOR_ANSWER);
		const dropped = fold(waitingKeys, ['escape'], none).state;
		expect(dropped.pending).toEqual([]);
		expect(dropped.library).toMatchObject({filter: 'unfiltered', query: ''});
		expect(dropped.notice).toBeUndefined();
		// Answered, the keys act and the notice goes.
		const answered = refresh(waitingKeys, env).state;
		expect(answered.pending).toEqual([]);
		expect(answered.notice).not.toBe(KEYS_WAIT_FOR_ANSWER);
		expect(opened(answered)?.id).toMatch(/^003_/);
	});

	it('Esc while finding versions gives up waiting', () => {
		const early = testEnv(seeds, {indexed: 1});
		const {state} = typed('d\u001b', start, early);
		expect(state.findingVersions).toBeUndefined();
		expect(state.notice).toBeUndefined();
		expect(refresh(state, env).state.screen.name).toBe('library');
	});
});

describe('step: effects', () => {
	const effects = (input: string, state: AppState = start): readonly Effect[] =>
		typed(input, state).effects;

	it('q quits with 0; Ctrl+C quits with 130 from anywhere, even while typing', () => {
		expect(effects('q')).toEqual([{type: 'quit', code: EXIT_OK}]);
		expect(effects('/q')).toEqual([]);
		expect(effects('/q\u0003')).toEqual([{type: 'quit', code: EXIT_INTERRUPTED}]);
	});

	it('after quitting, later keys do nothing', () => {
		const {state, effects: out} = typed('qjq');
		expect(out).toHaveLength(1);
		expect(state.ended).toBe(true);
	});

	it('Ctrl+Z asks to suspend and changes nothing else', () => {
		const before = typed('jj').state;
		const {state, effects: out} = typed('\u001a', before);
		expect(out).toEqual([{type: 'suspend'}]);
		expect(state).toBe(before);
	});

	it('leaving the reader, or quitting from it, remembers the place', () => {
		const reading = typed('\r   ').state;
		const anchor = reading.screen.name === 'reader' ? reading.screen.reader!.anchor : undefined;
		expect(anchor?.paragraph).toBeGreaterThan(0);
		// Three pages of 20 lines down, 22 rows on screen: lines 61–82 of 111 are shown.
		const progress = {progress: 82 / 111, reachedEnd: false};
		for (const key of ['q', '\u001b', '\u0003']) {
			expect(effects(key, reading)[0]).toEqual({
				type: 'save-place',
				document: seeds[0],
				anchor,
				reading: progress,
			});
		}
	});
});

describe('step: marks, messages and help', () => {
	it('a third mark replaces the oldest and says so; Esc clears the marks', () => {
		const {state} = typed('   ');
		expect(state.library.marked).toEqual([seeds[1]!.id, seeds[2]!.id]);
		expect(state.notice).toMatch(/^unmarked “In his first foreign trip/);
		expect(statusOf(state)).toContain('unmarked');
		const next = typed('k', state).state;
		expect(next.notice).toBeUndefined();
		expect(statusOf(next)).toContain('2 marked');
		expect(typed('\u001b', next).state.library.marked).toEqual([]);
	});

	it('d with two marked compares them and clears the marks', () => {
		const {state} = typed('jj  d');
		expect(state.screen).toMatchObject({name: 'diff', a: seeds[2], b: seeds[3]});
		expect(state.library.marked).toEqual([]);
	});

	it("the diff's messages last one key too", () => {
		const wrapped = typed('dnnn').state;
		const diff = wrapped.screen.name === 'diff' ? wrapped.screen.diff : undefined;
		expect(diff?.message).toBe('last change reached, continuing at the first');
		const next = typed('x', wrapped).state;
		expect(next.screen.name === 'diff' && next.screen.diff.message).toBeUndefined();
	});

	it('help takes the keys while shown, scrolls when it does not fit, and closes', () => {
		const small = testEnv(seeds, {columns: 60, rows: 20});
		const shown = typed('?jj', start, small).state;
		expect(shown.help).toEqual({top: 2});
		expect(shown.library.selected).toBe(0);
		expect(typed('G', shown, small).state.help!.top).toBeGreaterThan(2);
		expect(typed('q', shown, small)).toMatchObject({state: {help: undefined}, effects: []});
	});

	it('the reader says once that a search found nothing; the next key clears it', () => {
		const {state} = typed('\r/zqxj\r');
		const reader = state.screen.name === 'reader' ? state.screen.reader : undefined;
		expect(reader?.message).toBe('Pattern not found: zqxj');
		const after = typed('x', state).state;
		expect(after.screen.name === 'reader' && after.screen.reader?.message).toBeUndefined();
	});
});

describe("the reader's / reads the library's query language", () => {
	const readerOf = (state: AppState) =>
		state.screen.name === 'reader' ? state.screen.reader : undefined;
	const matchedText = (state: AppState) => {
		const document = opened(state)!;
		return readerOf(state)!.search!.matches.map((match) =>
			(match.paragraph < 0 ? document.title : document.paragraphs[match.paragraph]!).slice(
				match.start,
				match.end,
			),
		);
	};

	it('a query carried in from the library and the same query typed in the reader find the same', () => {
		for (const query of ['kadimi', 'rohani', 'prime minster', '"prime minister"']) {
			const carried = typed(`/${query}\r`).state;
			const document = opened(carried)!;
			const row = seeds.indexOf(document);
			const typedIn = typed(`${'j'.repeat(row)}\r/${query}\r`).state;
			expect(opened(typedIn)).toBe(document);
			expect(readerOf(typedIn)!.search!.matches, query).toEqual(readerOf(carried)!.search!.matches);
		}
	});

	it('finds typos, several words and quoted phrases, as the library does', () => {
		// Seed 003, "Kadhimi in Iran…", fourth in the list.
		const kadimi = typed('jjj\r/kadimi\r').state;
		// "Kadhimi’s" is one word (core/text/words.ts), matched whole.
		expect(new Set(matchedText(kadimi))).toEqual(new Set(['Kadhimi', 'Kadhimi’s']));
		const words = typed('jjj\r/kadimi rohani\r').state;
		expect(new Set(matchedText(words))).toEqual(new Set(['Kadhimi', 'Kadhimi’s', 'Rouhani']));
		const phrase = typed('jjj\r/"prime minister"\r').state;
		expect(new Set(matchedText(phrase).map((text) => text.toLowerCase()))).toEqual(
			new Set(['prime minister']),
		);
	});

	it('↓ Ctrl+N ↑ in the search line go through the matches while typing; Enter stays on the one shown', () => {
		const first = typed('jjj\r/iran\r').state;
		const keys = ['/', 'i', 'r', 'a', 'n', 'ctrl+n', 'ctrl+n', 'down', 'up'];
		const browsing = fold(typed('g', first).state, keys, env).state;
		const reader = readerOf(browsing)!;
		expect(reader.prompt?.text).toBe('iran');
		expect(reader.search!.current).toBe(
			readerOf(typed('nn', typed('g', first).state).state)!.search!.current,
		);
		const entered = readerOf(typed('\r', browsing).state)!;
		expect(entered.prompt).toBeUndefined();
		expect(entered.search!.current).toBe(reader.search!.current);
		expect(entered.anchor).toEqual(reader.anchor);
	});

	it('a query the library finds nowhere says so once, and n still steps through the last search', () => {
		const found = typed('jjj\r/kadimi\r').state;
		const missing = typed('/zqxjv\r', found).state;
		expect(readerOf(missing)!.message).toBe('Pattern not found: zqxjv');
		expect(readerOf(missing)!.search!.query).toBe('kadimi');
		const next = typed('n', missing).state;
		expect(readerOf(next)!.message).toBeUndefined();
		expect(readerOf(next)!.search!.current).toBe(1);
	});
});

describe('a key sequence gives the same state fed at once or one key per tick', () => {
	// Key names, as the keyboard hands them over (a terminal sends Esc followed at once by a
	// letter as Alt+letter; that is decoding, tested in keys.test.ts).
	const keys = [
		...'j k g G space / a i r return escape q d ? n N backspace ctrl+n tab x left ctrl+w'.split(
			' ',
		),
		// Pastes: text, never keys, wherever they come.
		pasteKey('iran\rq'),
		pasteKey('\u001b'),
	];

	it('for 300 random sequences over the seeds, while the modules load and the versions are found', () => {
		const random = seededRandom(11);
		const early = testEnv(seeds, {indexed: 2, loaded: false});
		const summary = (state: AppState) => ({
			screen: state.screen.name,
			document: opened(state)?.id,
			library: state.library,
			help: state.help,
			notice: state.notice,
			pending: state.pending,
			ended: state.ended,
		});
		for (let run = 0; run < 300; run++) {
			const sequence = Array.from(
				{length: 1 + Math.floor(random() * 12)},
				() => keys[Math.floor(random() * keys.length)]!,
			);
			// The modules load and the indexes finish after `ready` keys have been typed.
			const ready = Math.floor(random() * (sequence.length + 1));
			// At once: the keys before that moment in one chunk, the rest in another.
			const first = fold(start, sequence.slice(0, ready), early);
			const caughtUp = refresh(first.state, env);
			const rest = fold(caughtUp.state, sequence.slice(ready), env);
			const once = {
				state: rest.state,
				effects: [...first.effects, ...caughtUp.effects, ...rest.effects],
			};
			// One per tick, with the app drawing (and the environment checked) after every key.
			let slow = start;
			const slowEffects: Effect[] = [];
			sequence.forEach((key, index) => {
				const now = index < ready ? early : env;
				if (index === ready) {
					const caught = refresh(slow, env);
					slow = caught.state;
					slowEffects.push(...caught.effects);
				}
				const stepped = step(slow, key, now);
				const drawn = refresh(stepped.state, now);
				slow = drawn.state;
				slowEffects.push(...stepped.effects, ...drawn.effects);
			});
			if (ready === sequence.length) {
				const caught = refresh(slow, env);
				slow = caught.state;
				slowEffects.push(...caught.effects);
			}
			const what = JSON.stringify(sequence);
			expect(summary(once.state), what).toEqual(summary(slow));
			expect(once.effects, what).toEqual(slowEffects);
		}
	});
});

describe('documentUnderCursor', () => {
	it('is what Enter would open, in the list and in search results, and nothing elsewhere', () => {
		const moved = typed('jj').state;
		const underCursor = documentUnderCursor(moved, env);
		expect(underCursor?.title).toBe(
			"Al-Kadhimi's visit to Iran paving the way for a leap in strategic relations",
		);
		expect(opened(typed('\r', moved).state)).toBe(underCursor);

		const searched = typed('/zarif\t').state;
		expect(documentUnderCursor(searched, env)?.title).toBe(
			'Iranian Foreign Minister Javad Zarif is on a visit to Iraq to pressure Baghdad…',
		);
		expect(documentUnderCursor(typed('\r', moved).state, env)).toBeUndefined();
		expect(documentUnderCursor(typed('?', moved).state, env)).toBeUndefined();
	});
});
