import {describe, expect, it} from 'vitest';
import {
	fold,
	initialAppState,
	libraryFrameInput,
	READ_NEEDS_STATE,
	refresh,
	rememberedSort,
	shownLibraryInput,
	type AppEnv,
	type AppState,
} from '../../../source/core/app/state.js';
import {libraryFrame} from '../../../source/core/library/frame.js';
import {readStateOf} from '../../../source/core/library/read-state.js';
import type {LibraryFacts} from '../../../source/core/library/order.js';
import {decodeKeys} from '../../../source/core/keys.js';
import type {RememberedPlace} from '../../../source/core/positions.js';
import type {Document} from '../../../source/core/types.js';
import {seedDocuments} from '../../fixtures/seeds.js';
import {testEnv} from './env.js';

const seeds = seedDocuments();
const short = (document: Document | undefined) => document?.id.slice(0, 3);

/** An environment whose remembered places are `places` (by the seed's number). */
function envWith(places: Record<string, Partial<RememberedPlace>>, base = testEnv(seeds)): AppEnv {
	const record = (document: Document): RememberedPlace | undefined => {
		const given = places[short(document)!];
		return given && {hash: document.hash, paragraph: 0, offset: 0, savedAt: 0, ...given};
	};
	const library: LibraryFacts = {
		readStateOf: (document) => readStateOf(record(document), document),
		lastReadOf: (document) => record(document)?.savedAt,
		dateOf: () => undefined,
		// 000 and 001 are one article saved twice.
		groupOf: (document) => (short(document) === '001' ? seeds[0]!.id : document.id),
	};
	return {...base, library};
}

function typed(input: string, env: AppEnv, state: AppState = initialAppState()) {
	return fold(state, decodeKeys(input), env);
}

const rows = (state: AppState, env: AppEnv) =>
	libraryFrame(libraryFrameInput(state, env)).map((line) =>
		line.map((segment) => segment.text).join(''),
	);
const selectedId = (state: AppState, env: AppEnv) =>
	short(libraryFrameInput(state, env).documents[state.library.selected]);

describe('read state in the library', () => {
	const env = envWith({'001': {progress: 0.45}, '003': {mark: 'read'}});

	it('shows a dot, a percentage or a check in each row', () => {
		const lines = rows(initialAppState(), env);
		expect(lines[1]).toMatch(/^▸ {3}• {2}In his first foreign trip/);
		expect(lines[2]).toMatch(/^ {3}45% Prospects of Iran-Iraq ties/);
		expect(lines[4]).toMatch(/^ {4}✓ {2}Kadhimi in Iran/);
	});

	it('leaves the column out when what was read is not known (--no-state)', () => {
		expect(rows(initialAppState(), testEnv(seeds))[1]).toMatch(/^▸ {2}In his first foreign trip/);
	});

	it('r marks the article under the cursor read, or unread when it was read', () => {
		expect(typed('r', env).effects).toEqual([
			{type: 'mark-read', document: seeds[0], mark: 'read'},
		]);
		expect(typed('jjjr', env).effects).toEqual([
			{type: 'mark-read', document: seeds[3], mark: 'unread'},
		]);
		expect(typed('r', testEnv(seeds)).state.notice).toBe(READ_NEEDS_STATE);
	});

	it('u, s and r typed while the places are still being read wait for them, and then act', () => {
		const reading = {...testEnv(seeds), placesReading: true};
		const early = typed('usr', reading);
		expect(early.state.pending).toEqual(['u', 's', 'r']);
		expect(early.state.notice).toBeUndefined();
		expect(early.effects).toEqual([]);
		// Moves do not need them: j acts at once.
		expect(typed('j', reading).state.library.selected).toBe(1);
		const {state, effects} = refresh(early.state, env);
		expect(state.pending).toEqual([]);
		expect(state.library).toMatchObject({unreadOnly: true, sort: 'date'});
		expect(effects).toEqual([
			{type: 'save-sort', sort: 'date'},
			{type: 'mark-read', document: seeds[0], mark: 'read'},
		]);
		// A notice that came while they waited (the state file set aside, say) stays beside
		// what they say, rather than replaced before a frame showed it.
		const told = {...early.state, notice: 'ignoring reading places (not JSON)'};
		expect(refresh(told, env).state.notice).toBe(
			'ignoring reading places (not JSON) · marked “In his first foreign trip, Iraqi Prime Minister Mustafa al-Kadhimi is expected…” read',
		);
		// Read and found not kept (an unreadable state file): said, as with --no-state.
		expect(typed('u', testEnv(seeds)).state.notice).toBe(READ_NEEDS_STATE);
	});

	it('u lists only what is not read, the cursor staying on its article, and back', () => {
		const {state} = typed('jjjju', env);
		expect(libraryFrameInput(state, env).documents.map(short)).toEqual([
			'000',
			'001',
			'002',
			'004',
		]);
		expect(selectedId(state, env)).toBe('004');
		const lines = rows(state, env);
		expect(lines[0]).toMatch(/^Reading Room · seeds · unread only/);
		expect(lines.at(-1)).toMatch(/^4 unread of 5 documents · 4\/4/);
		const back = typed('u', env, state).state;
		expect(selectedId(back, env)).toBe('004');
		expect(back.library.selected).toBe(4);
	});

	it('searches only what is listed when only the unread are: the count and the rows agree', () => {
		// "zarif" is in 004, 001, 000 and 003 (best first); 003 is read, so not listed.
		const {state} = typed('u/zarif', env);
		expect(rows(state, env).at(-1)).toMatch(/^3 of 4 match “zarif” · 1\/3 /);
		const listed = libraryFrameInput(state, env).results!;
		expect(listed.slice(0, listed.total).map((result) => short(result.document))).toEqual([
			'004',
			'001',
			'000',
		]);
		expect(listed.at(2)?.document.id).toMatch(/^000_/);
	});

	it('keeps the cursor on its article when that article is read and the list changes', () => {
		const {state} = typed('jju', env);
		expect(selectedId(state, env)).toBe('002');
		// 001 is read elsewhere: it leaves the list, and the cursor stays on 002, one row up.
		const later = envWith({'001': {mark: 'read'}, '003': {mark: 'read'}});
		const after = refresh(state, later).state;
		expect(selectedId(after, later)).toBe('002');
		expect(after.library.selected).toBe(1);
		expect(selectedId(typed('k', later, after).state, later)).toBe('000');
	});

	it('draws the cursor on its article in the first frame after the list changed, before the screen takes the change in', () => {
		const {state} = typed('jj', env);
		// 001 is no longer an article (binary now): it leaves the list above the cursor.
		const later = {
			...env,
			corpus: {...env.corpus, documents: seeds.filter((_, index) => index !== 1)},
		};
		// The state drawn is still the one before the change, with the cursor on row 2.
		const shown = shownLibraryInput(state, later);
		expect(short(shown.documents[shown.state.selected])).toBe('002');
		expect(shown.state.selected).toBe(1);
		// As the key after it finds it: Enter opens the article drawn under the cursor.
		const after = refresh(state, later).state;
		expect(after.library.selected).toBe(1);
		const opened = typed('\r', later, after).state.screen;
		expect(opened.name === 'reader' ? short(opened.document) : undefined).toBe('002');
	});
});

describe('sorting the library', () => {
	const env = envWith({'003': {savedAt: 10}, '002': {savedAt: 30}});

	it('s cycles the orders, says each in the header, remembers it, and keeps the cursor on its article', () => {
		let state = typed('jj', env).state;
		expect(selectedId(state, env)).toBe('002');
		const seen: string[][] = [];
		const headers: string[] = [];
		for (let turn = 0; turn < 5; turn++) {
			const result = typed('s', env, state);
			state = result.state;
			expect(result.effects).toEqual([{type: 'save-sort', sort: state.library.sort}]);
			expect(selectedId(state, env)).toBe('002');
			seen.push(libraryFrameInput(state, env).documents.map((document) => short(document)!));
			headers.push(rows(state, env)[0]!.trim());
		}
		expect(seen).toEqual([
			// Newest first: no dates known here, so by file name.
			['000', '001', '002', '003', '004'],
			// By title, 001 behind 000 as its version.
			['002', '000', '001', '004', '003'],
			// Longest first.
			['000', '001', '002', '003', '004'],
			// Last read first, the never read after.
			['002', '003', '000', '001', '004'],
			['000', '001', '002', '003', '004'],
		]);
		expect(headers).toEqual([
			'Reading Room · seeds · newest first',
			'Reading Room · seeds · by title',
			'Reading Room · seeds · longest first',
			'Reading Room · seeds · last read first',
			'Reading Room · seeds',
		]);
	});

	it('takes the order remembered for the folder, unless another was chosen already', () => {
		const remembered = rememberedSort(typed('jj', env).state, 'title', env);
		expect(remembered.library.sort).toBe('title');
		expect(selectedId(remembered, env)).toBe('002');
		const chosen = typed('s', env).state;
		expect(rememberedSort(chosen, 'title', env).library.sort).toBe('date');
	});
});

describe('reopening an article where it was left', () => {
	it('says where it resumed, and the next key clears it', () => {
		const place = {paragraph: 20, offset: 0};
		const env = {
			...envWith({}),
			remembered: (document: Document) => (document === seeds[0] ? place : undefined),
		};
		const {state} = typed('\r', env);
		const reader = state.screen.name === 'reader' ? state.screen.reader : undefined;
		expect(reader?.message).toMatch(/^resumed at \d+% · g for the top$/);
		const next = typed('j', env, state).state;
		expect(next.screen.name === 'reader' && next.screen.reader?.message).toBeUndefined();
	});

	it('says nothing when the article opens at the top', () => {
		const {state} = typed('\r', envWith({}));
		expect(state.screen.name === 'reader' && state.screen.reader?.message).toBeUndefined();
	});
});
