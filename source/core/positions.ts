import {Buffer} from 'node:buffer';
import * as fs from 'node:fs';
import {basename, isAbsolute, join, dirname} from 'node:path';
// Temp file beside the target, flushed, renamed over it: a crash never leaves half a file.
import writeFileAtomic from 'write-file-atomic';
import type {Anchor} from './reader/layout.js';
import {sanitiseLine} from './text/sanitise.js';
import {describeError} from './corpus/scan.js';
import {makeFolders} from './make-folders.js';

/** Where an article was left, for the article as it was then (its content hash). */
export interface RememberedPlace extends Anchor {
	readonly hash: string;
	/** Milliseconds since the epoch; the most recent places are the ones kept. */
	readonly savedAt: number;
	/** How far through the article the reader got, 0–1 (the bottom of the screen, as the
	 * reader's status says it); absent in places saved before it was kept. */
	readonly progress?: number;
	/** Read to the end, or marked read or unread by hand; absent while being read. */
	readonly mark?: ReadMark;
}

export type ReadMark = 'read' | 'unread';

/** What a save says about the reading, beside the place. */
export interface Reading {
	readonly progress: number;
	/** Whether the last line was on screen: the article counts as read from then on. */
	readonly reachedEnd: boolean;
}

/** What is remembered per folder, beside its places. */
export interface FolderSettings {
	/** The library's order (core/library/sort's names; checked where it is used). */
	readonly sort?: string;
}

/** The few file system calls the store makes, so that tests can make them fail as a read-only
 * disk or a file the user may not read would, without being another user (CI runs as root). */
export interface StoreFileSystem {
	readonly openSync: typeof fs.openSync;
	readonly fstatSync: typeof fs.fstatSync;
	readonly readSync: typeof fs.readSync;
	readonly closeSync: typeof fs.closeSync;
	readonly mkdirSync: typeof fs.mkdirSync;
	readonly renameSync: typeof fs.renameSync;
	readonly rmSync: typeof fs.rmSync;
	readonly statSync: typeof fs.statSync;
	readonly writeSync: (path: string, text: string) => void;
}

const realFileSystem: StoreFileSystem = {
	openSync: fs.openSync,
	fstatSync: fs.fstatSync,
	readSync: fs.readSync,
	closeSync: fs.closeSync,
	mkdirSync: fs.mkdirSync,
	renameSync: fs.renameSync,
	rmSync: fs.rmSync,
	statSync: fs.statSync,
	writeSync: (path, text) => writeFileAtomic.sync(path, text),
};

export interface PositionStoreOptions {
	/** Places are kept per folder: its real path. Two folders' `notes.txt` are two articles. */
	readonly folder?: string;
	/** Told, in one sanitised line, when the file cannot be read; the store carries on without. */
	readonly warn?: (message: string) => void;
	/** Told, in one sanitised line, the first time a save fails (not again after). */
	readonly saveFailed?: (message: string) => void;
	/** How many articles to remember; the least recently read are dropped. */
	readonly limit?: number;
	readonly now?: () => number;
	readonly fileSystem?: Partial<StoreFileSystem>;
}

export const DEFAULT_PLACE_LIMIT = 1000;
/** A thousand places take ~150 KB; a file far larger is not ours, and reading it would hold the
 * app up (a 72 MB one took 5.5 s). */
export const MAX_STATE_BYTES = 4 * 1024 * 1024;
/** How long a save waits for another instance's lock: a save holds it for a read and an
 * fsync'd write, which a busy disk can stretch to seconds (2 s was too short with three
 * instances on a loaded CI machine); and when a lock counts as abandoned. */
const LOCK_WAIT_MS = 10_000;
const STALE_LOCK_MS = 30_000;
const FORMAT_VERSION = 1;

type Places = Map<string, RememberedPlace>;
type Folders = Map<string, FolderSettings>;

/** What reading the file found. */
type FileContents =
	| {readonly kind: 'missing'}
	| {readonly kind: 'places'; readonly places: Places; readonly folders: Folders}
	/** The file is there but is not a positions file we can read: kept aside before a save. */
	| {readonly kind: 'unparseable'; readonly reason: string}
	/** Not a regular file, too large, or unreadable: the store leaves it alone and keeps nothing. */
	| {readonly kind: 'unusable'; readonly reason: string};

/**
 * The file of remembered places: `$XDG_STATE_HOME/reading-room/positions.json`, or
 * `~/.local/state/…` when XDG_STATE_HOME is unset, empty or relative (the XDG spec says a
 * relative path is to be ignored: it would write into whatever folder the app was started in).
 * Undefined when neither gives an absolute path.
 */
export function positionsFile(
	env: Readonly<Record<string, string | undefined>>,
	home: string,
): string | undefined {
	const xdg = env.XDG_STATE_HOME;
	const base =
		xdg && isAbsolute(xdg) ? xdg : isAbsolute(home) ? join(home, '.local', 'state') : undefined;
	return base === undefined ? undefined : join(base, 'reading-room', 'positions.json');
}

/**
 * Remembered reading places, one per article (the folder's real path and the article's id),
 * kept in a JSON file. The file is only ever read when it is a regular file of sane size, with
 * a non-blocking open (a pipe in its place must not hang the app). It is replaced atomically
 * (temp file + rename), under a lock file, and each save re-reads it and merges, so two
 * instances each keep what the other saved (for the same article, the later save wins). A file
 * that cannot be parsed is moved aside, never overwritten; a save that fails is reported.
 */
export class PositionStore {
	readonly path: string;
	private places: Places;
	private folders: Folders;
	/** Places set since the last save: what this instance has to say about the file. */
	private readonly changed = new Map<string, RememberedPlace>();
	/** This folder's settings, when changed since the last save. */
	private changedSettings: FolderSettings | undefined;
	private readonly scope: string;
	private readonly folder: string;
	private readonly warn: (message: string) => void;
	private readonly saveFailed: (message: string) => void;
	private readonly limit: number;
	private readonly now: () => number;
	private readonly fs: StoreFileSystem;
	/** Set when the file is there but unusable: nothing is read from it or written to it. */
	private readonly unusable: boolean;
	private failureReported = false;
	private lastFailure: string | undefined;

	private constructor(
		path: string,
		contents: FileContents,
		options: PositionStoreOptions,
		fileSystem: StoreFileSystem,
	) {
		this.path = path;
		this.scope = options.folder === undefined ? '' : `${options.folder}/`;
		this.folder = options.folder ?? '';
		this.warn = options.warn ?? (() => {});
		this.saveFailed = options.saveFailed ?? (() => {});
		this.limit = Math.max(1, options.limit ?? DEFAULT_PLACE_LIMIT);
		this.now = options.now ?? Date.now;
		this.fs = fileSystem;
		this.places = contents.kind === 'places' ? contents.places : new Map();
		this.folders = contents.kind === 'places' ? contents.folders : new Map();
		this.unusable = contents.kind === 'unusable';
		if (contents.kind === 'unusable') {
			this.warn(`reading places not kept: ${contents.reason}: ${this.shownPath()}`);
		} else if (contents.kind === 'unparseable') {
			this.warn(
				`ignoring reading places (${contents.reason}), the file will be kept aside: ${this.shownPath()}`,
			);
		}
	}

	/** Reads the file at `path` (missing is fine: nothing remembered yet). */
	static open(path: string, options: PositionStoreOptions = {}): PositionStore {
		const fileSystem = {...realFileSystem, ...options.fileSystem};
		return new PositionStore(path, readFile(path, fileSystem), options, fileSystem);
	}

	/** `open` on a later turn of the event loop, so that a screen is never held up by it. */
	static async load(path: string, options: PositionStoreOptions = {}): Promise<PositionStore> {
		await new Promise((resolve) => setImmediate(resolve));
		return PositionStore.open(path, options);
	}

	/** Where to reopen article `id`; undefined when unknown or when the article changed. */
	get(id: string, hash: string): Anchor | undefined {
		const place = this.places.get(this.scope + id);
		if (!place || place.hash !== hash) return undefined;
		return {paragraph: place.paragraph, offset: place.offset};
	}

	/** Whether a place was kept in article `id` when its text was another than `hash`'s: the
	 * place no longer fits, and the reader says so rather than dropping it silently. */
	changedSince(id: string, hash: string): boolean {
		const place = this.places.get(this.scope + id);
		return place !== undefined && place.hash !== hash;
	}

	/** What is remembered of article `id`, whatever its text is now: how far it was read and
	 * whether it was read belong to the article, its place only to the text it was left in. */
	record(id: string): RememberedPlace | undefined {
		return this.places.get(this.scope + id);
	}

	/**
	 * Remembers where article `id` was left. Reaching the end marks it read, and a read article
	 * stays read when it is opened again; one marked unread by hand is being read once opened.
	 */
	set(id: string, hash: string, anchor: Anchor, reading?: Reading): void {
		const before = this.places.get(this.scope + id);
		const mark: ReadMark | undefined =
			reading?.reachedEnd || before?.mark === 'read' ? 'read' : undefined;
		const progress = reading ? clampProgress(reading.progress) : before?.progress;
		this.put(id, {
			hash,
			paragraph: anchor.paragraph,
			offset: anchor.offset,
			savedAt: this.now(),
			...(progress === undefined ? {} : {progress}),
			...(mark ? {mark} : {}),
		});
	}

	/** Marks article `id` read or unread by hand, keeping its place (or the top, when none). */
	mark(id: string, hash: string, mark: ReadMark): void {
		const before = this.places.get(this.scope + id);
		const kept = before && before.hash === hash ? before : undefined;
		this.put(id, {
			hash,
			paragraph: kept?.paragraph ?? -1,
			offset: kept?.offset ?? 0,
			// The list's "last read" order is about reading, not marking.
			savedAt: before?.savedAt ?? this.now(),
			...(before?.progress === undefined ? {} : {progress: before.progress}),
			mark,
		});
	}

	private put(id: string, place: RememberedPlace): void {
		this.places.set(this.scope + id, place);
		this.changed.set(this.scope + id, place);
	}

	/** This folder's settings (its library order). */
	settings(): FolderSettings {
		return this.changedSettings ?? this.folders.get(this.folder) ?? {};
	}

	setSettings(settings: FolderSettings): void {
		this.changedSettings = {...this.settings(), ...settings};
		this.folders.set(this.folder, this.changedSettings);
	}

	get size(): number {
		return this.places.size;
	}

	/** Why the last save failed, while places set since are still unsaved; else undefined. */
	unsaved(): string | undefined {
		if (this.changed.size === 0 || this.lastFailure === undefined) return undefined;
		const count = this.changed.size;
		return `${count} reading place${count === 1 ? '' : 's'} not saved (${this.lastFailure}): ${this.shownPath()}`;
	}

	/** `saveSync` on a later turn of the event loop. */
	async save(): Promise<void> {
		await new Promise((resolve) => setImmediate(resolve));
		this.saveSync();
	}

	/**
	 * Merges this instance's changes into the file as it is now and writes it atomically.
	 * `waitForLock: false` (a save in the middle of the session, run between keys): while another
	 * instance holds the lock, nothing is written and the changes stay pending, for the next save
	 * (at the latest the one as the app ends, which waits and says if it fails), where waiting
	 * would hold the app's keys and screen, up to LOCK_WAIT_MS for a lock left behind.
	 */
	saveSync(options: {readonly waitForLock?: boolean} = {}): void {
		if ((this.changed.size === 0 && !this.changedSettings) || this.unusable) return;
		try {
			makeFolder(dirname(this.path), this.fs);
			const locked = this.withLock(options.waitForLock ?? true, () => {
				const onDisk = readFile(this.path, this.fs);
				if (onDisk.kind === 'unusable') throw new Error(onDisk.reason);
				if (onDisk.kind === 'unparseable') this.fs.renameSync(this.path, this.asidePath());
				const merged = this.merge(onDisk.kind === 'places' ? onDisk.places : new Map());
				const folders = new Map(onDisk.kind === 'places' ? onDisk.folders : undefined);
				if (this.changedSettings) folders.set(this.folder, this.changedSettings);
				this.fs.writeSync(this.path, serialise(merged, folders));
				this.places = merged;
				this.folders = folders;
				this.changed.clear();
				this.changedSettings = undefined;
				this.lastFailure = undefined;
			});
			if (!locked) return;
		} catch (error) {
			this.lastFailure = describeError(error);
			if (!this.failureReported) {
				this.failureReported = true;
				this.saveFailed(`could not save reading places (${this.lastFailure}): ${this.shownPath()}`);
			}
		}
	}

	private asidePath(): string {
		return `${this.path}.unreadable-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
	}

	/** Runs `task` holding `<file>.lock`, made with O_EXCL: one instance merges and writes at a
	 * time. Without `wait`, a lock another instance holds is not waited for: false, not run. */
	private withLock(wait: boolean, task: () => void): boolean {
		const lock = `${this.path}.lock`;
		// The real clock: `now` may be a test's fixed one.
		const deadline = Date.now() + LOCK_WAIT_MS;
		for (;;) {
			try {
				this.fs.closeSync(this.fs.openSync(lock, 'wx'));
				break;
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
				// A folder (or a pipe) in the lock's place is no other instance's lock: waiting for
				// it held the last save 10 s, and once it was "stale" it could not be removed.
				const state = lockState(lock, this.fs);
				if (state === 'not a file') {
					throw new Error(`not a regular file: ${sanitiseLine(basename(lock))}`);
				}
				if (state === 'stale') {
					this.fs.rmSync(lock, {force: true});
					continue;
				}
				if (!wait) return false;
				if (Date.now() > deadline) throw new Error('another reading-room holds the lock file');
				sleep(5);
			}
		}
		try {
			task();
		} finally {
			this.fs.rmSync(lock, {force: true});
		}
		return true;
	}

	private merge(onDisk: Places): Places {
		const merged = new Map(onDisk);
		for (const [key, place] of this.changed) merged.set(key, place);
		if (merged.size <= this.limit) return merged;
		const newest = [...merged].sort(([, a], [, b]) => b.savedAt - a.savedAt).slice(0, this.limit);
		return new Map(newest);
	}

	private shownPath(): string {
		return sanitiseLine(this.path);
	}
}

/** mkdir -p, where a file in the folder's place is said as such (mkdir calls it EEXIST). */
function makeFolder(path: string, fileSystem: StoreFileSystem): void {
	try {
		makeFolders(path, {}, fileSystem);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		throw Object.assign(new Error(`not a folder: ${path}`), {code: 'ENOTDIR'});
	}
}

/** What holds the lock's place: another instance's lock, one left behind (older than
 * STALE_LOCK_MS), or something that is not a file. A lock gone since the open failed counts as
 * held: the other instance let it go, and a save that waits takes it at its next attempt. */
function lockState(lock: string, fileSystem: StoreFileSystem): 'held' | 'stale' | 'not a file' {
	let stats: fs.Stats;
	try {
		stats = fileSystem.statSync(lock);
	} catch {
		return 'held';
	}
	if (!stats.isFile()) return 'not a file';
	return Date.now() - stats.mtimeMs > STALE_LOCK_MS ? 'stale' : 'held';
}

/** Waits without returning to the event loop: the save runs as the app leaves a screen or exits. */
function sleep(milliseconds: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

/** Non-blocking: a pipe in the file's place would otherwise hold the open for ever. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

function readFile(path: string, fileSystem: StoreFileSystem): FileContents {
	let fd: number;
	try {
		fd = fileSystem.openSync(path, OPEN_FLAGS);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {kind: 'missing'};
		return {kind: 'unusable', reason: describeError(error)};
	}
	let text: string;
	try {
		const stats = fileSystem.fstatSync(fd);
		if (!stats.isFile()) return {kind: 'unusable', reason: 'not a regular file'};
		if (stats.size > MAX_STATE_BYTES) {
			return {
				kind: 'unusable',
				reason: `too large (${Math.ceil(stats.size / 1024 / 1024)} MB, over ${MAX_STATE_BYTES / 1024 / 1024} MB)`,
			};
		}
		// One byte more than the size fstat gave: a file that grew since is caught by the cap.
		const buffer = Buffer.alloc(Math.min(stats.size + 1, MAX_STATE_BYTES + 1));
		let filled = 0;
		for (;;) {
			const count = fileSystem.readSync(fd, buffer, filled, buffer.length - filled, null);
			if (count === 0) break;
			filled += count;
			if (filled === buffer.length) break;
		}
		if (filled > MAX_STATE_BYTES) return {kind: 'unusable', reason: 'too large'};
		text = buffer.toString('utf8', 0, filled);
	} catch (error) {
		return {kind: 'unusable', reason: describeError(error)};
	} finally {
		fileSystem.closeSync(fd);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return {kind: 'unparseable', reason: 'not JSON'};
	}
	try {
		return {kind: 'places', places: parsePlaces(json), folders: parseFolders(json)};
	} catch (error) {
		return {kind: 'unparseable', reason: reason(error)};
	}
}

function parsePlaces(json: unknown): Places {
	if (!isRecord(json) || json.version !== FORMAT_VERSION || !isRecord(json.places)) {
		throw new Error('not a positions file of this version');
	}
	const places: Places = new Map();
	// Entries that do not look right are dropped one by one; the rest are still good.
	for (const [key, value] of Object.entries(json.places)) {
		if (!isRecord(value)) continue;
		const {hash, paragraph, offset, savedAt} = value;
		if (typeof hash !== 'string' || typeof savedAt !== 'number' || !Number.isFinite(savedAt))
			continue;
		if (!Number.isSafeInteger(paragraph) || (paragraph as number) < -1) continue;
		if (!Number.isSafeInteger(offset) || (offset as number) < 0) continue;
		const {progress, mark} = value;
		places.set(key, {
			hash,
			paragraph: paragraph as number,
			offset: offset as number,
			savedAt,
			...(typeof progress === 'number' && Number.isFinite(progress)
				? {progress: clampProgress(progress)}
				: {}),
			...(mark === 'read' || mark === 'unread' ? {mark} : {}),
		});
	}
	return places;
}

/** Folders' settings (added to version 1 as an optional key: older versions keep ignoring it). */
function parseFolders(json: unknown): Folders {
	const folders: Folders = new Map();
	const given = isRecord(json) ? json.folders : undefined;
	if (!isRecord(given)) return folders;
	for (const [key, value] of Object.entries(given)) {
		if (!isRecord(value)) continue;
		folders.set(key, typeof value.sort === 'string' ? {sort: value.sort} : {});
	}
	return folders;
}

function clampProgress(progress: number): number {
	return Math.min(1, Math.max(0, progress));
}

function serialise(places: Places, folders: Folders): string {
	const json = {
		version: FORMAT_VERSION,
		places: Object.fromEntries(places),
		...(folders.size > 0 ? {folders: Object.fromEntries(folders)} : {}),
	};
	return JSON.stringify(json, null, '\t') + '\n';
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reason(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return sanitiseLine(text.split('\n')[0] ?? text);
}
