import {useEffect, useRef} from 'react';
import type {Buffer} from 'node:buffer';
import {statSync, type Stats} from 'node:fs';
import {stat, statfs} from 'node:fs/promises';
import {setImmediate as nextTurn} from 'node:timers/promises';
import {basename, join} from 'node:path';
import {isSkipped, refreshFile} from '../core/corpus/load.js';
import {
	isArticleName,
	notAFile,
	scanFolder,
	unreadable,
	type FoundFile,
} from '../core/corpus/scan.js';
import {changeOnReread, type FolderChange} from '../core/corpus/live.js';
import type {Document, SkippedFile} from '../core/types.js';
import type {CorpusStore} from '../core/store/types.js';
import {sanitiseLine} from '../core/text/sanitise.js';
import {describeError} from '../core/corpus/scan.js';
import {isGone} from '../core/corpus/read-file.js';
import {sameStamp} from '../core/store/stamp.js';
import {watchTree, type TreeWatch} from './watch-tree.js';

/** Files stat'ed between two turns of the event loop when the folder is looked at whole: a few
 * milliseconds of stats. */
const STATS_PER_TURN = 512;

/** Events are gathered this long: an editor's save is several (write, rename, chmod). */
const SETTLE_MS = 120;
/** Where the platform's watching fails (too many watches) or may not hear changes (a network or
 * FUSE folder), the folder is listed again this often, each file's size and time compared with
 * the last look's. */
const RESCAN_MS = 3_000;

export interface FolderWatchOptions {
	/** The folder; undefined watches nothing (the diff command's two files). */
	readonly folder: string | undefined;
	/** Whether the first load is done: before it, the loader is still finding files. */
	readonly loaded: boolean;
	/** The documents as shown now, to tell new from changed and to find the removed. */
	readonly current: () => readonly Document[];
	/** The files skipped now (see core/corpus/live's skippedNow), to tell a file that became
	 * skipped from one that was; none when not given. */
	readonly skipped?: () => readonly SkippedFile[];
	readonly onChanges: (changes: readonly FolderChange[]) => void;
	/** The store the folder was loaded through (the first paint's): changed files are read
	 * through it and saved, removed ones dropped, so the next start need not read them. */
	readonly store?: CorpusStore | undefined;
	/** One line when watching fails and the fallback takes over. */
	readonly notify: (message: string) => void;
}

/** What the watch is made with; tests give their own. */
export interface FolderWatchDependencies {
	readonly watch: typeof watchTree;
	/** How often the fallback lists the folder again. */
	readonly rescanMs: number;
	/** Whether the folder is on a file system whose changes its watches may not hear. */
	readonly unreliable: (folder: string) => Promise<boolean>;
}

/**
 * File systems (statfs's f_type) where a watch is made but may hear nothing: changes made by
 * other machines on network file systems, and FUSE's, whose events depend on the driver. NFS,
 * SMB, SMB2, CIFS, FUSE, 9p (WSL's Windows drives), AFS, Ceph.
 */
const UNRELIABLE_FILE_SYSTEMS = new Set([
	0x6969, 0x517b, 0xfe534d42, 0xff534d42, 0x65735546, 0x01021997, 0x5346414f, 0x00c36400,
]);

async function onUnreliableFileSystem(folder: string): Promise<boolean> {
	const stats = await statfs(folder).catch(() => undefined);
	return stats !== undefined && UNRELIABLE_FILE_SYSTEMS.has(stats.type);
}

const PLATFORM: FolderWatchDependencies = {
	watch: watchTree,
	rescanMs: RESCAN_MS,
	unreliable: onUnreliableFileSystem,
};

/**
 * Watches the library's folder once it is loaded: files named by the watcher's events are read
 * again (core/corpus/load's refreshFile, the loader's own path through the store) and handed
 * over as changes. Started after the first frame and the load, so start-up does not pay for it.
 */
export function useFolderWatch(options: FolderWatchOptions): void {
	const latest = useRef(options);
	latest.current = options;
	const {folder, loaded} = options;
	useEffect(() => {
		if (folder === undefined || !loaded) return;
		return startFolderWatch(folder, () => latest.current);
	}, [folder, loaded]);
}

/**
 * Watches `folder` until the function it returns is called. `options()` gives the caller's
 * latest options at each event. Where the platform's watching fails, that is said in one line
 * and the folder is listed again every `rescanMs`, comparing each file's size and time.
 */
export function startFolderWatch(
	folder: string,
	options: () => FolderWatchOptions,
	dependencies: FolderWatchDependencies = PLATFORM,
): () => void {
	let ended = false;
	let stopWatch: () => void = () => undefined;
	let waiting: NodeJS.Timeout | undefined;
	// A folder that went away (a `git checkout`, a sync tool) and comes back is watched again,
	// looked for every rescanMs: its first listing then tells what changed meanwhile.
	const watchUntilGone = () => {
		stopWatch = watchFolder(folder, options, dependencies, () => {
			if (ended || waiting !== undefined) return;
			waiting = setInterval(() => {
				void stat(folder).then(
					(stats) => {
						if (ended || waiting === undefined || !stats.isDirectory()) return;
						clearInterval(waiting);
						waiting = undefined;
						options().notify(folderBack(folder));
						watchUntilGone();
					},
					() => undefined,
				);
			}, dependencies.rescanMs);
		});
	};
	watchUntilGone();
	return () => {
		ended = true;
		if (waiting !== undefined) clearInterval(waiting);
		stopWatch();
	};
}

/** One watch of `folder`, until the function it returns is called or the folder goes (then
 * `onGone` is called, once). */
function watchFolder(
	folder: string,
	options: () => FolderWatchOptions,
	dependencies: FolderWatchDependencies,
	onGone: () => void,
): () => void {
	let stopped = false;
	const pending = new Set<string>();
	/** The last event heard for each file named and not yet read again, by number: a reread that
	 * another event for its file overtook is dropped (see flush). */
	const heard = new Map<string, number>();
	let events = 0;
	let timer: NodeJS.Timeout | undefined;
	let rescan: NodeJS.Timeout | undefined;
	let watcher: TreeWatch | undefined;
	/** Each file's size and time at the fallback's last look, by id. */
	let looked: Map<string, string> | undefined;

	function stop(): void {
		stopped = true;
		watcher?.close();
		if (timer) clearTimeout(timer);
		if (rescan) clearInterval(rescan);
	}
	/** The folder went away (removed, renamed, unmounted): said once, and nothing is removed
	 * from the list; what was read stays readable. */
	const gone = async (): Promise<boolean> => {
		const stats = await stat(folder).catch(() => undefined);
		if (stats?.isDirectory() === true) return false;
		if (!stopped) {
			options().notify(folderGone(folder));
			stop();
			onGone();
		}
		return true;
	};
	/** The last listing's files whose path is not the one fileOf makes of their id: a name
	 * that is not valid UTF-8 is read by its bytes. (Only those: all of them took 20 MB at
	 * 100,000 files.) */
	let listed = new Map<string, FoundFile>();
	const ownPrefix = join(folder, 'x').slice(0, -1);
	const flush = async () => {
		timer = undefined;
		const names = [...pending];
		pending.clear();
		if (stopped || (await gone())) return;
		const known = new Map(
			options()
				.current()
				.map((document) => [document.id, document]),
		);
		const skipped = new Map((options().skipped?.() ?? []).map((file) => [file.id, file]));
		const changes: FolderChange[] = [];
		const {store} = options();
		for (const id of names) {
			const file = listed.get(id) ?? fileOf(folder, id, known.get(id));
			const asHeard = heard.get(id);
			const change = await reread(file, known.get(id), store, skipped.get(id)).catch(
				() => undefined,
			);
			// Flushes overlap when a reread is slow (a store busy with another instance): a file
			// removed meanwhile was told removed by the next flush, and this older reading, handed
			// on after it, would list it again. The next flush reads it as it is now.
			if (heard.get(id) !== asHeard) continue;
			heard.delete(id);
			if (change) changes.push(change);
		}
		// Only for documents listed: a skipped file going, or one becoming skipped that was not
		// listed, leaves the store as it is.
		if (store && changes.some((change) => change.kind === 'removed' && known.has(change.id))) {
			const present = new Set(known.keys());
			for (const change of changes) {
				if (change.kind === 'removed') present.delete(change.id);
				else present.add(change.document.id);
			}
			store.retainOnly(present);
		}
		if (!stopped && changes.length > 0) options().onChanges(changes);
	};
	const named = (id: string) => {
		if (!isWatched(id)) return;
		heard.set(id, ++events);
		pending.add(id);
		timer ??= setTimeout(() => void flush(), SETTLE_MS);
	};
	/** A changed file is told by its size and time: each file's are compared with the last
	 * look's, or at the first look with those it was loaded with (the store's stamp; without a
	 * store, or one that does not know the file, its size). A time not known at load (a file
	 * still being written then) counts as changed: reading it again finds whether it did.
	 * Stat'ed synchronously, STATS_PER_TURN files between two turns of the event loop: a stat
	 * takes microseconds, and 100,000 awaited ones (a promise, a thread's round trip and a Stats
	 * each) took over a second of the main thread, with the store's stamps of every document
	 * made into objects at once besides. */
	const lookAtFiles = async (files: readonly FoundFile[]) => {
		const known = new Map<string, Document>();
		for (const document of options().current()) known.set(document.id, document);
		const before = looked;
		const {store} = options();
		// Kept only for the fallback's next look: with the watch hearing changes, nothing compares
		// with them again (100,000 strings held for the whole session). Should the fallback start
		// later, its first look compares with the stored stamps, as this one does.
		const now = rescan === undefined ? undefined : new Map<string, string>();
		looked = now;
		for (let from = 0; from < files.length; from += STATS_PER_TURN) {
			if (from > 0) await nextTurn();
			if (stopped) return;
			for (const file of files.slice(from, from + STATS_PER_TURN)) {
				const stats = statOrUndefined(file.rawPath ?? file.path);
				if (stats === undefined) continue;
				const document = known.get(file.id);
				const then = before?.get(file.id);
				if (now !== undefined || then !== undefined) {
					const stamp = `${stats.size}:${stats.mtimeMs}`;
					// Kept under the document's own id, not the listing's copy of it (100,000 strings).
					now?.set(document?.id ?? file.id, stamp);
					if (then !== undefined) {
						if (then !== stamp) named(file.id);
						continue;
					}
				}
				if (document === undefined) continue;
				const stamp = before === undefined ? store?.stampOf(file.id) : undefined;
				const changed =
					stamp === undefined ? document.bytes !== stats.size : !sameStamp(stamp, stats);
				if (changed) named(file.id);
			}
		}
	};
	// A listing sees new and removed files; comparing sizes and times, changed ones too: at the
	// first listing (what changed between the load and the watch) and at the fallback's.
	let firstListing = true;
	const relist = () =>
		scanFolder(folder).then(
			async ({files}) => {
				listed = new Map();
				for (const file of files) {
					const {id, path} = file;
					const joined =
						path.length === ownPrefix.length + id.length &&
						path.endsWith(id) &&
						path.startsWith(ownPrefix);
					if (file.rawPath !== undefined || !joined) listed.set(id, file);
				}
				const found = new Set(files.map((file) => file.id));
				const known = new Set(
					options()
						.current()
						.map((document) => document.id),
				);
				for (const file of files) if (!known.has(file.id)) named(file.id);
				for (const id of known) if (!found.has(id)) named(id);
				const first = firstListing;
				firstListing = false;
				if ((first || rescan !== undefined) && !stopped) await lookAtFiles(files);
			},
			// The folder went away or cannot be read: what was read stays readable.
			() => void gone(),
		);
	const fallBack = () => {
		if (stopped || rescan !== undefined) return;
		rescan = setInterval(() => void relist(), dependencies.rescanMs);
	};
	const notWatchingAny = (error: unknown) => {
		watcher?.close();
		options().notify(notWatching(error));
		fallBack();
	};
	try {
		watcher = dependencies.watch(folder, {
			onName: named,
			// Its files went with it; each is read again (and found gone).
			onFolderGone: (id) => {
				const prefix = `${id}/`;
				for (const document of options().current())
					if (document.id.startsWith(prefix)) named(document.id);
			},
			onError: (error) => {
				void gone().then((isGone) => {
					if (!isGone && rescan === undefined) notWatchingAny(error);
				});
			},
		});
	} catch (error) {
		notWatchingAny(error);
	}
	// Files that came between the load's scan and the watch.
	void relist();
	// Where events may not come, the folder is listed again as well as watched.
	void dependencies.unreliable(folder).then((unreliable) => {
		if (unreliable) fallBack();
	});
	return stop;
}

/** A file's stats, or undefined when it cannot be stat'ed (gone since the listing, say). */
function statOrUndefined(path: string | Buffer): Stats | undefined {
	try {
		return statSync(path, {throwIfNoEntry: false});
	} catch {
		return undefined;
	}
}

function folderGone(folder: string): string {
	return `the folder “${sanitiseLine(folder)}” is gone; showing what was read`;
}

function folderBack(folder: string): string {
	return `the folder “${sanitiseLine(folder)}” is back; watching it again`;
}

function notWatching(error: unknown): string {
	return `not watching the folder (${sanitiseLine(describeError(error))}): looking again every few seconds`;
}

/** Hidden files and folders, and names the scan does not take as articles, are not watched. */
function isWatched(id: string): boolean {
	return !id.split('/').some((part) => part.startsWith('.')) && isArticleName(basename(id));
}

/** The file of `id` when no listing has found it (a watcher named it): the known document's,
 * whose path's bytes are kept when they are not valid UTF-8, else its place in the folder. */
function fileOf(folder: string, id: string, known: Document | undefined): FoundFile {
	if (known === undefined) return {id, path: join(folder, id)};
	return known.rawPath ? {id, path: known.path, rawPath: known.rawPath} : {id, path: known.path};
}

/**
 * What became of `file` (see core/corpus/live's changeOnReread): read again (new or changed),
 * removed, still there but no longer an article (binary now, a named pipe in its place, not
 * readable: said why, not as removed), or nothing to say. Stat'ed first, so a named pipe, a
 * socket or a device in its place is never opened.
 */
async function reread(
	file: FoundFile,
	known: Document | undefined,
	store: CorpusStore | undefined,
	skipped: SkippedFile | undefined,
): Promise<FolderChange | undefined> {
	const {id} = file;
	const path = file.rawPath ?? file.path;
	let read: Document | SkippedFile | 'gone';
	try {
		const stats = await stat(path);
		if (stats.isFile()) read = await refreshFile(file, store);
		// A folder named like an article (no dot in its name) is walked, not read, and its files
		// are heard by their own names: as a file, it is not there.
		else if (stats.isDirectory() && known === undefined) read = 'gone';
		else read = notAFile(id, stats);
	} catch (error) {
		read = isGone(error) ? 'gone' : unreadable(id, error);
	}
	// Removed while it was being read: gone, not unreadable.
	if (read !== 'gone' && isSkipped(read) && (await stat(path).then(() => false, isGone))) {
		read = 'gone';
	}
	return changeOnReread(id, known, read, skipped);
}
