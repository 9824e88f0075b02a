import {describe, expect, it} from 'vitest';
import {
	changedFilesOf,
	changeOnReread,
	describeChanges,
	filesToTell,
	emptyOverlay,
	overlaid,
	skippedNow,
	withChanges,
} from '../../../source/core/corpus/live.js';
import {
	CHANGED_RELOAD,
	FILE_REMOVED,
	STILL_CHECKING,
	fileSkipped,
	fold,
	folderChanged,
	initialAppState,
	libraryFrameInput,
} from '../../../source/core/app/state.js';
import {decodeKeys} from '../../../source/core/keys.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';
import {testEnv} from '../app/env.js';

const seeds = seedDocuments();
const short = (documents: readonly {id: string}[]) =>
	documents.map((document) => document.id.slice(0, 3));
const loaded = (id: string) => seeds.some((seed) => seed.id === id);

describe('the folder overlay', () => {
	const fresh = documentFromText('A new article\n\nIts body.\n', 'new.txt');
	const changed = {...documentFromText('A changed headline\n\nNew words.\n', seeds[3]!.id)};

	it('puts new files in name order, changed ones in place, and drops removed ones', () => {
		const overlay = withChanges(
			emptyOverlay,
			[
				{kind: 'read', document: fresh},
				{kind: 'read', document: changed},
				{kind: 'removed', id: seeds[1]!.id},
			],
			loaded,
		);
		const {documents, indexOrder, stale} = overlaid(seeds, overlay);
		// By file name, numbers before letters.
		expect(short(documents)).toEqual(['000', '002', '003', '004', 'new']);
		expect(documents[2]).toBe(changed);
		// The indexes take every file read again after those they have, as it was read.
		expect(short(indexOrder)).toEqual(['000', '001', '002', '003', '004', 'new', '003']);
		expect(indexOrder[6]).toBe(changed);
		// The removed file's entry and the changed file's old one no longer count.
		expect(stale).toEqual([1, 3]);
	});

	it('lets only the latest entry of a file changed twice count', () => {
		const again = documentFromText('A changed headline\n\nNewer words.\n', seeds[3]!.id);
		const once = withChanges(emptyOverlay, [{kind: 'read', document: changed}], loaded);
		const twice = withChanges(once, [{kind: 'read', document: again}], loaded);
		const {documents, indexOrder, stale} = overlaid(seeds, twice);
		expect(documents[3]).toBe(again);
		expect(indexOrder).toHaveLength(7);
		expect(stale).toEqual([3, 5]);
		const gone = overlaid(seeds, withChanges(twice, [{kind: 'removed', id: seeds[3]!.id}], loaded));
		expect(gone.stale).toEqual([3, 5, 6]);
		expect(short(gone.documents)).toEqual(['000', '001', '002', '004']);
	});

	it('brings a removed file back when it appears again', () => {
		const gone = withChanges(emptyOverlay, [{kind: 'removed', id: seeds[1]!.id}], loaded);
		const back = withChanges(gone, [{kind: 'read', document: seeds[1]!}], loaded);
		expect(short(overlaid(seeds, back).documents)).toEqual(['000', '001', '002', '003', '004']);
	});

	it('tells what became of a file read again: read, removed, or skipped with why', () => {
		const binary = {id: seeds[1]!.id, reason: 'binary'} as const;
		// Known: its text changed, the same, gone, or no longer an article.
		expect(changeOnReread(seeds[1]!.id, seeds[1], changed)).toEqual({
			kind: 'read',
			document: changed,
		});
		expect(changeOnReread(seeds[1]!.id, seeds[1], seeds[1]!)).toBeUndefined();
		expect(changeOnReread(seeds[1]!.id, seeds[1], 'gone')).toEqual({
			kind: 'removed',
			id: seeds[1]!.id,
		});
		expect(changeOnReread(seeds[1]!.id, seeds[1], binary)).toEqual({
			kind: 'removed',
			id: seeds[1]!.id,
			skipped: binary,
		});
		// Never listed (or removed since): new once read, skipped when there and not an article
		// (as a new start would skip it), else nothing to tell.
		expect(changeOnReread('new.txt', undefined, fresh)).toEqual({kind: 'read', document: fresh});
		expect(changeOnReread('new.txt', undefined, 'gone')).toBeUndefined();
		expect(changeOnReread('new.txt', undefined, {id: 'new.txt', reason: 'binary'})).toEqual({
			kind: 'removed',
			id: 'new.txt',
			skipped: {id: 'new.txt', reason: 'binary'},
		});
		const pipe = {
			id: 'new.txt',
			reason: 'unreadable',
			detail: 'a named pipe, not a regular file',
		} as const;
		// Skipped already: the same again is nothing new; for another reason, told; gone, removed
		// from the skipped.
		expect(changeOnReread('new.txt', undefined, {...pipe}, pipe)).toBeUndefined();
		expect(changeOnReread('new.txt', undefined, {id: 'new.txt', reason: 'binary'}, pipe)).toEqual({
			kind: 'removed',
			id: 'new.txt',
			skipped: {id: 'new.txt', reason: 'binary'},
		});
		expect(
			changeOnReread('new.txt', undefined, {...pipe, detail: 'a socket, not a regular file'}, pipe),
		).toEqual({
			kind: 'removed',
			id: 'new.txt',
			skipped: {...pipe, detail: 'a socket, not a regular file'},
		});
		expect(changeOnReread('new.txt', undefined, 'gone', pipe)).toEqual({
			kind: 'removed',
			id: 'new.txt',
		});
		// Listed and skipped before (it was listed again meanwhile): still told.
		expect(changeOnReread(seeds[1]!.id, seeds[1], binary, binary)).toEqual({
			kind: 'removed',
			id: seeds[1]!.id,
			skipped: binary,
		});
	});

	it('lists a file that is no longer an article among the skipped, until it is read again', () => {
		const atLoad = [{id: 'zzz.bin.txt', reason: 'binary'} as const];
		expect(skippedNow(atLoad, emptyOverlay)).toBe(atLoad);
		const pipe = {
			id: seeds[2]!.id,
			reason: 'unreadable',
			detail: 'a named pipe, not a regular file',
		} as const;
		const turned = withChanges(
			emptyOverlay,
			[{kind: 'removed', id: seeds[2]!.id, skipped: pipe}],
			loaded,
		);
		// Gone from the list, as a removed file is; said among the skipped, in name order.
		expect(short(overlaid(seeds, turned).documents)).toEqual(['000', '001', '003', '004']);
		expect(skippedNow(atLoad, turned)).toEqual([pipe, ...atLoad]);
		// Read again (a text once more): listed, no longer skipped; removed: neither.
		const back = withChanges(turned, [{kind: 'read', document: seeds[2]!}], loaded);
		expect(skippedNow(atLoad, back)).toBe(atLoad);
		const gone = withChanges(turned, [{kind: 'removed', id: seeds[2]!.id}], loaded);
		expect(skippedNow(atLoad, gone)).toBe(atLoad);
		// A file skipped at load that is now read leaves the skipped.
		const fixed = documentFromText('Fixed\n\nText at last.\n', 'zzz.bin.txt');
		expect(
			skippedNow(atLoad, withChanges(emptyOverlay, [{kind: 'read', document: fixed}], loaded)),
		).toEqual([]);
	});

	/** Sets of files by what became of them, written as lists. */
	const files = (
		added: string[],
		changed: string[] = [],
		removed: string[] = [],
		skipped: string[] = [],
	) => ({
		added: new Set(added),
		changed: new Set(changed),
		removed: new Set(removed),
		skipped: new Set(skipped),
	});
	const lists = (told: ReturnType<typeof filesToTell>) => ({
		added: [...told.added].sort(),
		changed: [...told.changed].sort(),
		removed: [...told.removed].sort(),
		...(told.skipped.size > 0 ? {skipped: [...told.skipped].sort()} : {}),
	});

	it('says what changed in a few words', () => {
		expect(describeChanges(files(['a.txt', 'b.txt']))).toBe('2 new');
		expect(describeChanges(files(['a.txt'], ['b.txt'], ['c.txt', 'd.txt', 'e.txt']))).toBe(
			'1 new · 1 changed · 3 removed',
		);
		expect(describeChanges(files([]))).toBeUndefined();
		expect(describeChanges(files([], ['b.txt'], [], ['c.txt', 'd.txt']))).toBe(
			'1 changed · 2 skipped',
		);
	});

	it('sorts a batch into new files and changed ones by whether the id was known', () => {
		const batch = changedFilesOf(
			[
				{kind: 'read', document: seeds[0]!},
				{kind: 'read', document: {...seeds[1]!, id: 'brand-new.txt'}},
				{kind: 'removed', id: seeds[2]!.id},
				{kind: 'removed', id: seeds[3]!.id, skipped: {id: seeds[3]!.id, reason: 'binary'}},
			],
			(id) => id !== 'brand-new.txt',
		);
		expect(lists(batch)).toEqual({
			added: ['brand-new.txt'],
			changed: [seeds[0]!.id],
			removed: [seeds[2]!.id],
			skipped: [seeds[3]!.id],
		});
	});

	it('counts batches together while their line is still the one shown', () => {
		const first = files(['a.txt', 'b.txt']);
		const second = files(['c.txt', 'd.txt'], ['e.txt'], ['f.txt']);
		const joined = {
			added: ['a.txt', 'b.txt', 'c.txt', 'd.txt'],
			changed: ['e.txt'],
			removed: ['f.txt'],
		};
		// Shown since the first batch: the second adds to it.
		expect(lists(filesToTell(second, first, '2 new'))).toEqual(joined);
		// A key cleared it, or another line took its place: counted anew.
		expect(filesToTell(second, first, undefined)).toBe(second);
		expect(filesToTell(second, first, 'marked “Alpha” read')).toBe(second);
		expect(filesToTell(first, undefined, '2 new')).toBe(first);
		// The history and the diff say first what happened to a version they show.
		const prefixed = 'a version shown was removed: shown as it was read · 2 new';
		expect(lists(filesToTell(second, first, prefixed))).toEqual(joined);
		expect(filesToTell(second, first, 'v1 is the first version · 12 new')).toBe(second);
	});

	it('counts each file once, by what became of it since the line began', () => {
		// A save heard as a truncation and then the text: one new file, not "1 new · 1 changed".
		const saved = filesToTell(files([], ['a.txt']), files(['a.txt']), '1 new');
		expect(describeChanges(saved)).toBe('1 new');
		// A file changed twice is one changed file.
		const twice = filesToTell(files([], ['b.txt']), files([], ['b.txt']), '1 changed');
		expect(describeChanges(twice)).toBe('1 changed');
		// A new file removed again is not told; a changed one removed is removed.
		const gone = filesToTell(
			files([], [], ['a.txt', 'b.txt']),
			files(['a.txt'], ['b.txt']),
			'1 new · 1 changed',
		);
		expect(lists(gone)).toEqual({added: [], changed: [], removed: ['b.txt']});
		// A removed file that comes back (heard as new) has changed.
		const back = filesToTell(files(['c.txt']), files([], [], ['c.txt']), '1 removed');
		expect(lists(back)).toEqual({added: [], changed: ['c.txt'], removed: []});
		// A file no longer an article is skipped, whatever it was; it comes back changed, and
		// removed then it is removed.
		const turned = filesToTell(
			files([], [], [], ['a.txt', 'b.txt', 'c.txt']),
			files(['a.txt'], ['b.txt'], ['c.txt']),
			'1 new · 1 changed · 1 removed',
		);
		expect(lists(turned)).toEqual({
			added: [],
			changed: [],
			removed: [],
			skipped: ['a.txt', 'b.txt', 'c.txt'],
		});
		const fixed = filesToTell(files(['a.txt'], ['b.txt'], ['c.txt']), turned, '3 skipped');
		expect(lists(fixed)).toEqual({added: [], changed: ['a.txt', 'b.txt'], removed: ['c.txt']});
	});
});

describe('the app when the folder changes', () => {
	const env = testEnv(seeds);

	it('says what changed in the library', () => {
		const state = folderChanged(initialAppState(), [], '2 new');
		expect(state.notice).toBe('2 new');
	});

	it('tells the reader its article changed, with R to reload it at the same place', () => {
		const reading = fold(initialAppState(), decodeKeys('jj\r  '), env).state;
		const open = reading.screen.name === 'reader' ? reading.screen : undefined;
		expect(open?.document).toBe(seeds[2]);
		const newer = documentFromText(`${seeds[2]!.text}\n\nA closing line.\n`, seeds[2]!.id);
		const told = folderChanged(reading, [{kind: 'read', document: newer}], '1 changed');
		expect(told.screen.name === 'reader' && told.screen.reader?.message).toBe(CHANGED_RELOAD);
		const later = {
			...env,
			corpus: {...env.corpus, documents: seeds.map((seed, index) => (index === 2 ? newer : seed))},
		};
		const reloaded = fold(told, ['R'], later).state;
		expect(reloaded.screen.name === 'reader' && reloaded.screen.document).toBe(newer);
		const anchor = (state: typeof reading) =>
			state.screen.name === 'reader' ? state.screen.reader?.anchor : undefined;
		expect(anchor(reloaded)).toEqual(anchor(reading));
	});

	it('does not say the article is as on disk while its file is still to be compared or read again', () => {
		const reading = fold(initialAppState(), decodeKeys('jj\r'), env).state;
		const id = seeds[2]!.id;
		const notice = (corpus: Partial<typeof env.corpus>) =>
			fold(reading, ['R'], {...env, corpus: {...env.corpus, ...corpus}}).state.notice;
		expect(notice({unchecked: 1_808})).toBe(STILL_CHECKING);
		expect(notice({refreshing: new Set([id])})).toBe(STILL_CHECKING);
		// Another file being read again says nothing about this one.
		expect(notice({refreshing: new Set([seeds[0]!.id])})).toBe('the article is as it is on disk');
		expect(notice({})).toBe('the article is as it is on disk');
	});

	it('keeps an article whose file turned binary or became a pipe readable, and says what happened', () => {
		const reading = fold(initialAppState(), decodeKeys('jj\r'), env).state;
		const id = seeds[2]!.id;
		const pipe = {id, reason: 'unreadable', detail: 'a named pipe, not a regular file'} as const;
		for (const [skipped, message] of [
			[{id, reason: 'binary'}, 'the file is no longer text (binary): shown as it was read'],
			[
				pipe,
				'the file cannot be read now (a named pipe, not a regular file): shown as it was read',
			],
			[
				{id, reason: 'too large', detail: '70 MB, over the 64 MB limit'},
				'the file is now too large (70 MB, over the 64 MB limit): shown as it was read',
			],
		] as const) {
			const told = folderChanged(reading, [{kind: 'removed', id, skipped}], '1 skipped');
			const reader = told.screen.name === 'reader' ? told.screen : undefined;
			expect(reader?.reader?.message).toBe(message);
			expect(fileSkipped(skipped)).toBe(message);
			// The text read last stays on screen.
			expect(reader?.document).toBe(seeds[2]);
		}
		// R then says the same, not that the file was removed.
		const told = folderChanged(reading, [{kind: 'removed', id, skipped: pipe}], '1 skipped');
		const now = {
			...env,
			corpus: {
				...env.corpus,
				documents: seeds.filter((_, index) => index !== 2),
				skipped: [pipe],
			},
		};
		expect(fold(told, ['R'], now).state.notice).toBe(
			'the file cannot be read now (a named pipe, not a regular file): shown as it was read',
		);
	});

	it('keeps a removed article readable and says so', () => {
		const reading = fold(initialAppState(), decodeKeys('jj\r'), env).state;
		const told = folderChanged(reading, [{kind: 'removed', id: seeds[2]!.id}], '1 removed');
		expect(told.screen.name === 'reader' && told.screen.reader?.message).toBe(FILE_REMOVED);
		const gone = {
			...env,
			corpus: {...env.corpus, documents: seeds.filter((_, index) => index !== 2)},
		};
		const after = fold(told, ['j', 'escape'], gone).state;
		expect(after.screen.name).toBe('library');
		// The cursor stays where the article was.
		expect(short([libraryFrameInput(after, gone).documents[after.library.selected]!])).toEqual([
			'003',
		]);
	});
});
