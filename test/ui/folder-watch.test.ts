import {Buffer} from 'node:buffer';
import {execFileSync} from 'node:child_process';
import {appendFileSync, mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {loadAll} from '../../source/core/corpus/load.js';
import {
	emptyOverlay,
	overlaid,
	skippedNow,
	withChanges,
	type FolderChange,
} from '../../source/core/corpus/live.js';
import {MemoryStore} from '../../source/core/store/memory.js';
import type {Document, SkippedFile} from '../../source/core/types.js';
import type {TreeListener, TreeWatch} from '../../source/ui/watch-tree.js';
import {startFolderWatch, type FolderWatchDependencies} from '../../source/ui/use-folder-watch.js';
import {hasMkfifo, makeTempFolder, type TempFolder} from '../fixtures/temp-folder.js';

/**
 * The live folder where the platform's watching fails (too many watches, a network or FUSE
 * folder): one line says so, and the folder is listed again, which tells new, changed and
 * removed files by their size and time. The watch is a stand-in that fails.
 */
let folder: TempFolder | undefined;
let stop: (() => void) | undefined;
afterEach(async () => {
	stop?.();
	stop = undefined;
	await folder?.remove();
	folder = undefined;
});

const ARTICLE = (title: string) =>
	`${title}\n\nA paragraph of the article, long enough to be read as one.\n`;

/** A watch that fails as soon as it starts, the way a watcher's 'error' event does. */
const failingLater: FolderWatchDependencies['watch'] = (_root: string, listener: TreeListener) => {
	setTimeout(() => listener.onError(new Error('too many watches')), 0);
	return {close: () => undefined} satisfies TreeWatch;
};

/** A watch that cannot start (a root that cannot be watched throws). */
const failingAtOnce: FolderWatchDependencies['watch'] = () => {
	throw new Error('not supported here');
};

/** A watch that starts and never hears a thing, as on a network folder changed elsewhere. */
const deaf: FolderWatchDependencies['watch'] = () => ({close: () => undefined});

/** A watch that hears only the names the test gives its listener, with no fallback listing. */
function namedByTheTest(): {
	dependencies: FolderWatchDependencies;
	listener: () => TreeListener | undefined;
} {
	let listener: TreeListener | undefined;
	return {
		dependencies: {
			watch: (_root, heard) => {
				listener = heard;
				return {close: () => undefined};
			},
			rescanMs: 60_000,
			unreliable: () => Promise.resolve(false),
		},
		listener: () => listener,
	};
}

async function watched(watch: FolderWatchDependencies['watch'], unreliable = false) {
	folder = await makeTempFolder({
		'a.txt': ARTICLE('Alpha'),
		'b.txt': ARTICLE('Bravo'),
		'c.txt': ARTICLE('Charlie'),
	});
	let documents: Document[] = (await loadAll(folder.root)).documents;
	const notices: string[] = [];
	const changes: FolderChange[] = [];
	stop = startFolderWatch(
		folder.root,
		() => ({
			folder: folder!.root,
			loaded: true,
			current: () => documents,
			notify: (message) => notices.push(message),
			onChanges: (batch) => {
				changes.push(...batch);
				// As the app's overlay does: the read replace, the removed go.
				for (const change of batch) {
					const id = change.kind === 'read' ? change.document.id : change.id;
					documents = documents.filter((document) => document.id !== id);
					if (change.kind === 'read') documents.push(change.document);
				}
			},
		}),
		{watch, rescanMs: 30, unreliable: () => Promise.resolve(unreliable)},
	);
	return {root: folder.root, notices, changes};
}

const described = (change: FolderChange) =>
	change.kind === 'read'
		? `read ${change.document.id} ${change.document.words}`
		: `removed ${change.id}`;

describe('the live folder without the platform’s watching', () => {
	for (const [when, watch, reason] of [
		['fails once started', failingLater, 'too many watches'],
		['cannot start', failingAtOnce, 'not supported here'],
	] as const) {
		it(`says so in one line when watching ${when}, and sees files added, changed and removed`, async () => {
			const {root, notices, changes} = await watched(watch);
			await vi.waitFor(() => expect(notices.length).toBe(1), {timeout: 5_000, interval: 10});

			await folder!.write('d.txt', ARTICLE('Delta'));
			appendFileSync(join(root, 'a.txt'), '\nA second paragraph, added.\n');
			rmSync(join(root, 'c.txt'));
			await vi.waitFor(
				() =>
					expect(changes.map(described).sort()).toEqual([
						'read a.txt 17',
						'read d.txt 13',
						'removed c.txt',
					]),
				{timeout: 5_000, interval: 10},
			);

			// Later looks tell only what changed since: b.txt, not the three again.
			changes.length = 0;
			appendFileSync(join(root, 'b.txt'), '\nMore.\n');
			await vi.waitFor(() => expect(changes.map(described)).toEqual(['read b.txt 14']), {
				timeout: 5_000,
				interval: 10,
			});
			expect(notices).toEqual([
				`not watching the folder (${reason}): looking again every few seconds`,
			]);
		});
	}

	it('without a store, tells a file rewritten at the same size by its time since the last look', async () => {
		const {root, notices, changes} = await watched(failingAtOnce);
		await vi.waitFor(() => expect(notices.length).toBe(1), {timeout: 5_000, interval: 10});
		// A look that found b.txt grown has kept every file's time: the next compares with them,
		// not with the sizes loaded.
		appendFileSync(join(root, 'b.txt'), '\nMore.\n');
		await vi.waitFor(() => expect(changes.map(described)).toEqual(['read b.txt 14']), {
			timeout: 5_000,
			interval: 10,
		});
		changes.length = 0;
		writeFileSync(join(root, 'a.txt'), ARTICLE('Alphx'));
		const later = new Date(Date.now() + 5_000);
		utimesSync(join(root, 'a.txt'), later, later);
		await vi.waitFor(() => expect(changes.map(described)).toEqual(['read a.txt 13']), {
			timeout: 5_000,
			interval: 10,
		});
	});

	it('watches a folder removed and made again (a checkout, a sync tool), and sees what it holds', async () => {
		const {root, notices, changes} = await watched(failingAtOnce);
		await vi.waitFor(() => expect(notices.length).toBe(1), {timeout: 5_000, interval: 10});
		rmSync(root, {recursive: true});
		await vi.waitFor(
			() => expect(notices.at(-1)).toBe(`the folder “${root}” is gone; showing what was read`),
			{timeout: 5_000, interval: 10},
		);
		expect(changes).toEqual([]);
		// Made again: a.txt as it was, b.txt changed, c.txt not there, e.txt new.
		mkdirSync(root);
		writeFileSync(join(root, 'a.txt'), ARTICLE('Alpha'));
		writeFileSync(join(root, 'b.txt'), ARTICLE('Bravo') + '\nA second paragraph here.\n');
		writeFileSync(join(root, 'e.txt'), ARTICLE('Echo'));
		await vi.waitFor(
			() =>
				expect(changes.map(described).sort()).toEqual([
					'read b.txt 17',
					'read e.txt 13',
					'removed c.txt',
				]),
			{timeout: 5_000, interval: 10},
		);
		expect(notices).toContain(`the folder “${root}” is back; watching it again`);
	});

	it('on a network or FUSE folder, lists it again beside the watch, which may hear nothing', async () => {
		const {root, notices, changes} = await watched(deaf, true);
		await folder!.write('d.txt', ARTICLE('Delta'));
		appendFileSync(join(root, 'a.txt'), '\nA second paragraph, added.\n');
		rmSync(join(root, 'c.txt'));
		await vi.waitFor(
			() =>
				expect(changes.map(described).sort()).toEqual([
					'read a.txt 17',
					'read d.txt 13',
					'removed c.txt',
				]),
			{timeout: 5_000, interval: 10},
		);
		// Nothing failed: nothing to say.
		expect(notices).toEqual([]);
	});
});

describe('the live folder’s first listing, when the watch starts', () => {
	/** Loads the folder (through `store` when given), lets `between` change it, then watches it
	 * with a watch that hears nothing: only the first listing can tell. */
	async function firstListing(
		store: MemoryStore | undefined,
		between: (root: string) => void,
		/** More files (paths of bytes), saved before the load as the others are. */
		more: (root: string) => Buffer[] = () => [],
	) {
		folder = await makeTempFolder({
			'a.txt': ARTICLE('Alpha'),
			'b.txt': ARTICLE('Bravo'),
			'c.txt': ARTICLE('Charlie'),
		});
		// Saved an hour ago: settled, so the store keeps their times.
		const hourAgo = new Date(Date.now() - 3_600_000);
		const paths = [...['a.txt', 'b.txt', 'c.txt'].map((name) => join(folder!.root, name))];
		for (const path of [...paths, ...more(folder.root)]) utimesSync(path, hourAgo, hourAgo);
		const documents = (await loadAll(folder.root, store ? {store} : {})).documents;
		between(folder.root);
		const changes: FolderChange[] = [];
		stop = startFolderWatch(
			folder.root,
			() => ({
				folder: folder!.root,
				loaded: true,
				current: () => documents,
				notify: () => undefined,
				onChanges: (batch) => changes.push(...batch),
				...(store ? {store} : {}),
			}),
			{watch: deaf, rescanMs: 30, unreliable: () => Promise.resolve(false)},
		);
		return changes;
	}

	it('finds a file changed since the load by its time, though its size is the same', async () => {
		const changes = await firstListing(new MemoryStore(), (root) => {
			// Same size, other text, saved now.
			writeFileSync(join(root, 'a.txt'), ARTICLE('Alpho'));
			// Touched, not changed: read again, and found the same.
			const now = new Date();
			utimesSync(join(root, 'b.txt'), now, now);
		});
		await vi.waitFor(() => expect(changes.map(described)).toEqual(['read a.txt 13']), {
			timeout: 5_000,
			interval: 10,
		});
		const read = changes[0]!;
		expect(read.kind === 'read' && read.document.title).toBe('Alpho');
	});

	it('looks at every file of a folder larger than one slice of stats', async () => {
		const name = (index: number) => `many/${String(index).padStart(4, '0')}.txt`;
		const changes = await firstListing(
			new MemoryStore(),
			(root) => writeFileSync(join(root, name(1150)), ARTICLE('Sierro')),
			(root) => {
				mkdirSync(join(root, 'many'));
				return Array.from({length: 1200}, (_, index) => {
					const path = join(root, name(index));
					writeFileSync(path, ARTICLE('Sierra'));
					return Buffer.from(path);
				});
			},
		);
		await vi.waitFor(() => expect(changes.map(described)).toEqual(['read many/1150.txt 13']), {
			timeout: 5_000,
			interval: 10,
		});
	});

	it('without a store, finds a file whose size changed, and new and removed files', async () => {
		const changes = await firstListing(undefined, (root) => {
			appendFileSync(join(root, 'a.txt'), '\nA second paragraph, added.\n');
			writeFileSync(join(root, 'd.txt'), ARTICLE('Delta'));
			rmSync(join(root, 'c.txt'));
		});
		await vi.waitFor(
			() =>
				expect(changes.map(described).sort()).toEqual([
					'read a.txt 17',
					'read d.txt 13',
					'removed c.txt',
				]),
			{timeout: 5_000, interval: 10},
		);
	});

	it('reads a file whose name is not valid UTF-8 by its bytes: touched, it is not taken as removed', async () => {
		const latin1 = (root: string) =>
			Buffer.concat([Buffer.from(`${root}/`), Buffer.from('caf\u00e9.txt', 'latin1')]);
		const changes = await firstListing(
			new MemoryStore(),
			(root) => {
				const now = new Date();
				utimesSync(latin1(root), now, now);
				writeFileSync(
					Buffer.concat([Buffer.from(`${root}/`), Buffer.from('n\u00e9e.txt', 'latin1')]),
					ARTICLE('Novem'),
				);
			},
			(root) => {
				writeFileSync(latin1(root), ARTICLE('Latin'));
				return [latin1(root)];
			},
		);
		// One flush for the listing's names: the new one read, the touched one found the same
		// and said nothing of (it was said to be removed: its shown name is not its name).
		await vi.waitFor(() => expect(changes.map(described)).toEqual(['read n\u00e9e.txt 13']), {
			timeout: 5_000,
			interval: 10,
		});
	});
});

describe('the live folder when a file is no longer an article', () => {
	it.skipIf(!hasMkfifo())(
		'says it turned binary or became a pipe or a device, never opening them, and that one removed is removed',
		async () => {
			folder = await makeTempFolder({
				'a.txt': ARTICLE('Alpha'),
				'b.txt': ARTICLE('Bravo'),
				'c.txt': ARTICLE('Charlie'),
				'd.txt': ARTICLE('Delta'),
			});
			const {root} = folder;
			let documents: Document[] = (await loadAll(root)).documents;
			const heard = namedByTheTest();
			const changes: FolderChange[] = [];
			stop = startFolderWatch(
				root,
				() => ({
					folder: root,
					loaded: true,
					current: () => documents,
					notify: () => undefined,
					onChanges: (batch) => {
						changes.push(...batch);
						for (const change of batch) {
							const id = change.kind === 'read' ? change.document.id : change.id;
							documents = documents.filter((document) => document.id !== id);
							if (change.kind === 'read') documents.push(change.document);
						}
					},
				}),
				heard.dependencies,
			);
			// Bytes no text has: a NUL among controls.
			writeFileSync(join(root, 'a.txt'), Buffer.from(Array.from({length: 512}, (_, at) => at % 7)));
			rmSync(join(root, 'b.txt'));
			execFileSync('mkfifo', [join(root, 'b.txt')]);
			rmSync(join(root, 'c.txt'));
			symlinkSync('/dev/null', join(root, 'c.txt'));
			rmSync(join(root, 'd.txt'));
			for (const id of ['a.txt', 'b.txt', 'c.txt', 'd.txt']) heard.listener()!.onName(id);
			await vi.waitFor(() => expect(changes).toHaveLength(4), {timeout: 5_000, interval: 10});
			const unreadable = (id: string, detail: string) => ({id, reason: 'unreadable', detail});
			const byId = (change: FolderChange) =>
				change.kind === 'read' ? change.document.id : change.id;
			expect([...changes].sort((x, y) => (byId(x) < byId(y) ? -1 : 1))).toEqual([
				{kind: 'removed', id: 'a.txt', skipped: {id: 'a.txt', reason: 'binary'}},
				{
					kind: 'removed',
					id: 'b.txt',
					skipped: unreadable('b.txt', 'a named pipe, not a regular file'),
				},
				{
					kind: 'removed',
					id: 'c.txt',
					skipped: unreadable('c.txt', 'a device, not a regular file'),
				},
				{kind: 'removed', id: 'd.txt'},
			]);
		},
	);
});

describe("the live folder when something not an article takes a removed file's name", () => {
	it.skipIf(!hasMkfifo())(
		'tells the file removed, then skipped when a pipe is made there in a later event, then removed from the skipped when it goes',
		async () => {
			folder = await makeTempFolder({
				'a.txt': ARTICLE('Alpha'),
				'b.txt': ARTICLE('Bravo'),
			});
			const {root} = folder;
			const loaded = await loadAll(root);
			// As the app keeps them: the overlay over the loaded corpus, and the skipped files now.
			let overlay = emptyOverlay;
			const loadedIds = new Set(loaded.documents.map((document) => document.id));
			let documents: readonly Document[] = loaded.documents;
			let skipped: readonly SkippedFile[] = loaded.skipped;
			const heard = namedByTheTest();
			const batches: FolderChange[][] = [];
			stop = startFolderWatch(
				root,
				() => ({
					folder: root,
					loaded: true,
					current: () => documents,
					skipped: () => skipped,
					notify: () => undefined,
					onChanges: (batch) => {
						batches.push([...batch]);
						overlay = withChanges(overlay, batch, (id) => loadedIds.has(id));
						documents = overlaid(loaded.documents, overlay).documents;
						skipped = skippedNow(loaded.skipped, overlay);
					},
				}),
				heard.dependencies,
			);
			await vi.waitFor(() => expect(heard.listener()).toBeDefined(), {
				timeout: 5_000,
				interval: 10,
			});
			const pipe = {id: 'b.txt', reason: 'unreadable', detail: 'a named pipe, not a regular file'};
			rmSync(join(root, 'b.txt'));
			heard.listener()!.onName('b.txt');
			await vi.waitFor(() => expect(batches).toHaveLength(1), {timeout: 5_000, interval: 10});
			expect(batches[0]).toEqual([{kind: 'removed', id: 'b.txt'}]);
			expect(documents.map((document) => document.id)).toEqual(['a.txt']);

			execFileSync('mkfifo', [join(root, 'b.txt')]);
			heard.listener()!.onName('b.txt');
			await vi.waitFor(() => expect(batches).toHaveLength(2), {timeout: 5_000, interval: 10});
			expect(batches[1]).toEqual([{kind: 'removed', id: 'b.txt', skipped: pipe}]);
			expect(skipped).toEqual([pipe]);

			// Heard again as it is: nothing new to tell; nor a folder named like an article (no
			// dot), which is walked, not read.
			heard.listener()!.onName('b.txt');
			mkdirSync(join(root, 'notes'));
			heard.listener()!.onName('notes');
			rmSync(join(root, 'a.txt'));
			heard.listener()!.onName('a.txt');
			await vi.waitFor(() => expect(batches).toHaveLength(3), {timeout: 5_000, interval: 10});
			expect(batches[2]).toEqual([{kind: 'removed', id: 'a.txt'}]);

			rmSync(join(root, 'b.txt'));
			heard.listener()!.onName('b.txt');
			await vi.waitFor(() => expect(batches).toHaveLength(4), {timeout: 5_000, interval: 10});
			expect(batches[3]).toEqual([{kind: 'removed', id: 'b.txt'}]);
			expect(skipped).toEqual([]);
			expect(documents).toEqual([]);
		},
	);
});
