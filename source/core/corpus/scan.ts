import {Buffer} from 'node:buffer';
import type {BigIntStats, Dirent, Stats} from 'node:fs';
import {readdir, realpath, stat} from 'node:fs/promises';
import {resolve, sep} from 'node:path';
import type {SkippedFile} from '../types.js';
import {sanitiseLine} from '../text/sanitise.js';
import type {WorkerPaths} from './files-worker.js';

export interface FoundFile {
	/** Path relative to the folder, '/' separators, sanitised; unique among the files found. */
	readonly id: string;
	/** Absolute path. Not sanitised: never print it. */
	readonly path: string;
	/**
	 * The path's bytes, when a name on it is not valid UTF-8 (a Latin-1 `caf\xe9.txt`): `path`
	 * then holds the name decoded for display, which the file system would not find. Open this.
	 */
	readonly rawPath?: Buffer;
	/**
	 * Size in bytes if whoever found the file already knew it (the scan stats links, a caller may
	 * stat a file it names), else undefined: the scan lists ordinary files from their folder
	 * entries without a stat each, which is most of its time. Only a hint: the loader learns the
	 * real size when it opens the file, and applies MAX_FILE_BYTES then.
	 */
	readonly bytes?: number;
	/** When `path` is this (the folder's path and a separator) and the id: said by a kept scan
	 * (kept-scan.ts), so that no one need compare the path, made of two strings, to tell. */
	readonly inFolder?: string;
}

export interface ScanResult {
	readonly files: FoundFile[];
	readonly skipped: SkippedFile[];
	/**
	 * Every folder walked (the folder itself first, as ''), each as stat'ed before its entries
	 * were read: while none of them has changed, the names are as found (see kept-scan.ts).
	 * Undefined when a link was met (what it leads to changes without any folder changing) or
	 * when the result was not walked but taken from a record of these.
	 */
	readonly directories?: readonly WalkedDirectory[];
	/** The files' paths as files workers take them, when they are at hand so (a kept scan's):
	 * made from the files otherwise (see files-worker.ts). */
	readonly paths?: WorkerPaths;
}

/** A folder the scan walked: its id ('' for the folder scanned) and its stats then. */
export interface WalkedDirectory {
	readonly id: string;
	readonly stats: BigIntStats;
	/** Its path has a name that is not UTF-8 (opened by its bytes; see FoundFile.rawPath). */
	readonly raw?: true;
}

/** Files larger than this are not articles (and would hold the UI up): the loader skips them as
 * 'too large' without reading them. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** File system calls in flight at once: starting thousands in one go blocks the event loop for
 * 100 ms and more (keys go unanswered), and their completions then arrive in a flood. */
const CALLS_AT_ONCE = 64;
const ARTICLE_EXTENSION = /\.(?:txt|md)$/i;
const DIGIT_RUN = /\d+/g;
const NON_ASCII = /[^\x20-\x7e]/;
const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Lists the articles under `folder`: .txt, .md and extensionless files, recursively, skipping
 * dot-names and node_modules. Links to files are listed under their own name. A link to a
 * folder is followed when the folder it leads to was not visited yet (a link loop ends, no
 * folder is listed twice; a link into the tree already listed is passed over, its files listed
 * under their own names), unless that folder holds `folder` (real paths; `folder` itself may be
 * a link): a link to `/`, to a home folder or up the tree (/proc/self's `root`) would walk the
 * disk around the folder, so it is skipped ('unreadable', said as such). Links to folders
 * elsewhere are followed, as fzf's walker does: a reading folder may gather others by links.
 * Dangling links and link loops named like articles are skipped ('unreadable', said as such),
 * and so are named pipes, sockets and devices (or links to them) named like articles, never
 * opened; other ones are passed over.
 * Reads names only, writes nothing: ordinary files are known from their folder entries, only
 * links are stat'ed (to follow them), so sizes are left to the loader and 'too large' files are
 * found there. Rejects with a one-line Error when `folder` is missing or not a folder.
 */
export async function scanFolder(folder: string): Promise<ScanResult> {
	const root = resolve(folder);
	await assertFolder(root, folder);
	const files: FoundFile[] = [];
	const skipped: SkippedFile[] = [];
	const visited = new Set<string>();
	const directories: WalkedDirectory[] = [];
	let linkMet = false;
	// Links to folders wait until the real tree is walked, then go in id order: a folder seen
	// both ways is listed under its real name, and the result does not depend on timing.
	let linkedFolders: [string, string, Buffer | undefined][] = [];
	const limit = createLimiter(CALLS_AT_ONCE);
	// The folder's real path, as bytes read as Latin-1 (see isWithin): asked for at the first
	// link to a folder, so a folder without any pays nothing.
	let realRoot: Promise<string> | undefined;
	const realPathOf = (path: string | Buffer) =>
		limit(() => realpath(path, {encoding: 'buffer'})).then((real) => real.toString('latin1'));

	/** `raw`: the folder's path as bytes, when a name on it is not UTF-8 (see FoundFile). */
	const walk = async (directory: string, relative: string, raw?: Buffer): Promise<void> => {
		// A folder is known by its device and inode: one stat whatever its depth, where realpath
		// resolves every component of the path, and a scan 2,100 levels deep took 93 s.
		let identity: string;
		try {
			const stats = await limit(() => stat(raw ?? directory, {bigint: true}));
			identity = `${stats.dev}:${stats.ino}`;
			directories.push(
				raw === undefined ? {id: relative, stats} : {id: relative, stats, raw: true},
			);
		} catch (error) {
			skipped.push(unreadable(relative, error));
			return;
		}
		if (visited.has(identity)) return;
		visited.add(identity);

		let entries: Entry[];
		try {
			entries = await limit(() => readEntries(directory, raw));
		} catch (error) {
			skipped.push(unreadable(relative, error));
			return;
		}
		// Only links need a call each; the subfolders are walked meanwhile.
		const pending: Promise<void>[] = [];
		// `directory` is already normal and names hold no separator: path.join would only spend
		// time normalising the result again, 10,000 times over.
		const prefix = directory.endsWith(sep) ? directory : directory + sep;
		for (const {entry, name, rawName} of entries) {
			if (name.startsWith('.') || name === 'node_modules') continue;
			const path = prefix + name;
			const rawPath =
				rawName === undefined
					? undefined
					: Buffer.concat([raw ?? Buffer.from(prefix), raw ? SEPARATOR : EMPTY, rawName]);
			const id = relative === '' ? name : `${relative}/${name}`;
			if (entry.isDirectory()) pending.push(walk(path, id, rawPath));
			else if (entry.isFile()) {
				if (isArticleName(name)) files.push(rawPath ? {id, path, rawPath} : {id, path});
			} else if (entry.isSymbolicLink()) pending.push(follow(path, id, name, rawPath));
			// Pipes, sockets and devices are never opened: reading them could block for ever.
			else if (isArticleName(name)) skipped.push(notAFile(id, entry));
		}
		await Promise.all(pending);
	};

	const follow = async (path: string, id: string, name: string, raw?: Buffer): Promise<void> => {
		linkMet = true;
		let stats: Stats;
		try {
			stats = await limit(() => stat(raw ?? path));
		} catch (error) {
			// A dangling link or a link loop is not an article, but one named like an article is
			// said among the skipped files: the person may expect to find it in the list.
			if (isArticleName(name)) skipped.push(brokenLink(id, error));
			return;
		}
		if (stats.isDirectory()) {
			let followed: boolean;
			try {
				realRoot ??= realPathOf(root);
				const [folderReal, targetReal] = await Promise.all([realRoot, realPathOf(raw ?? path)]);
				followed = followsLinkedFolder(folderReal, targetReal);
			} catch (error) {
				skipped.push(unreadable(id, error));
				return;
			}
			if (followed) linkedFolders.push([path, id, raw]);
			else skipped.push({id: sanitiseLine(id), reason: 'unreadable', detail: LINK_AROUND});
		} else if (stats.isFile()) {
			if (!isArticleName(name)) return;
			files.push(raw ? {id, path, rawPath: raw, bytes: stats.size} : {id, path, bytes: stats.size});
		} else if (isArticleName(name)) skipped.push(notAFile(id, stats));
	};

	await walk(root, '');
	while (linkedFolders.length > 0) {
		const next = linkedFolders.sort(([, a], [, b]) => compareIds(a, b));
		linkedFolders = [];
		for (const [path, id, raw] of next) await walk(path, id, raw);
	}
	return {
		files: uniqueIds(sortById(files)),
		skipped: sortById(skipped),
		...(linkMet ? {} : {directories: directories.sort((a, b) => (a.id < b.id ? -1 : 1))}),
	};
}

/** The detail of a link to a folder that holds the folder scanned (see scanFolder). */
export const LINK_AROUND = 'a link to a folder this folder is in';

/**
 * Whether a link found in the folder at real path `folder` to the folder at real path `target`
 * is followed: not when `target` holds `folder` (see scanFolder). A link to `folder` itself is
 * followed, and ends there as every link loop does: its folder was visited already.
 */
export function followsLinkedFolder(folder: string, target: string): boolean {
	return target === folder || !isWithin(target, folder);
}

/**
 * Whether `path` is `folder` or lies inside it; both real paths (no link, no `..`), compared
 * as they are spelled (the scan passes their bytes as Latin-1, so any name compares).
 */
export function isWithin(folder: string, path: string): boolean {
	if (path === folder) return true;
	const prefix = folder.endsWith(sep) ? folder : folder + sep;
	return path.startsWith(prefix);
}

/** What a thing in a folder is when it is not a file, a folder or a link, for the user. */
function kindOfNonFile(stats: Dirent | Dirent<Buffer> | Stats): string {
	if (stats.isFIFO()) return 'a named pipe';
	if (stats.isSocket()) return 'a socket';
	if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
	if (stats.isDirectory()) return 'a folder';
	return 'not a regular file';
}

/** The detail of a SkippedFile that is a pipe, a socket or a device: "a named pipe, not a
 * regular file". */
export function notAFileDetail(stats: Dirent | Dirent<Buffer> | Stats): string {
	const kind = kindOfNonFile(stats);
	return kind === 'not a regular file' ? kind : `${kind}, not a regular file`;
}

/** A pipe, socket or device named like an article (or a link to one): skipped, never opened.
 * The live folder's reread makes the same entry for a file that became one. */
export function notAFile(relative: string, stats: Dirent | Dirent<Buffer> | Stats): SkippedFile {
	return {id: sanitiseLine(relative), reason: 'unreadable', detail: notAFileDetail(stats)};
}

const SEPARATOR = Buffer.from(sep);
const EMPTY = Buffer.alloc(0);
const STRICT_UTF8 = new TextDecoder('utf-8', {fatal: true});

interface Entry {
	readonly entry: Dirent | Dirent<Buffer>;
	/** The name to show and to build ids from: decoded, not yet sanitised. */
	readonly name: string;
	/** The name's bytes, when they are not UTF-8 (or the folder's path is not). */
	readonly rawName?: Buffer;
}

/**
 * A folder's entries. Node reads names as UTF-8 and puts U+FFFD for bytes that are not; such a
 * name (or any name in a folder reached through one) is read again as bytes, shown decoded as
 * Latin-1, and opened by its bytes.
 */
async function readEntries(directory: string, raw: Buffer | undefined): Promise<Entry[]> {
	if (raw === undefined) {
		const entries = await readdir(directory, {withFileTypes: true});
		if (!entries.some((entry) => entry.name.includes('\ufffd'))) {
			return entries.map((entry) => ({entry, name: entry.name}));
		}
	}
	const entries = await readdir(raw ?? directory, {withFileTypes: true, encoding: 'buffer'});
	return entries.map((entry) => {
		const bytes = entry.name;
		let name: string;
		try {
			name = STRICT_UTF8.decode(bytes);
		} catch {
			return {entry, name: bytes.toString('latin1'), rawName: bytes};
		}
		return raw === undefined ? {entry, name} : {entry, name, rawName: bytes};
	});
}

type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Runs at most `limit` tasks at a time, the others wait their turn in order. */
function createLimiter(limit: number): Limiter {
	let running = 0;
	// A queue read by index: Array#shift on thousands of waiting tasks is quadratic.
	const waiting: (() => void)[] = [];
	let next = 0;
	return async (task) => {
		if (running >= limit) await new Promise<void>((start) => waiting.push(start));
		running++;
		try {
			return await task();
		} finally {
			running--;
			if (next < waiting.length) waiting[next++]!();
			if (next === waiting.length) {
				waiting.length = 0;
				next = 0;
			}
		}
	};
}

/** .txt, .md, or no extension at all (dot-names are hidden and never get here). */
export function isArticleName(name: string): boolean {
	return ARTICLE_EXTENSION.test(name) || !name.includes('.');
}

/**
 * A key that sorts ids in natural order with plain string comparison: case and accents folded,
 * and each run of digits prefixed by its length, so "2" comes before "10". Sorting 10,000 ids by
 * key takes a few milliseconds; Intl.Collator with `numeric` took 40, all in one block.
 */
export function naturalKey(id: string): string {
	let folded = id.toLowerCase();
	if (NON_ASCII.test(folded)) folded = folded.normalize('NFD').replace(COMBINING_MARKS, '');
	return folded.replace(DIGIT_RUN, lengthPrefixed);
}

/** A run of digits without its leading zeros (one kept for zero), after its length. */
function lengthPrefixed(digits: string): string {
	let start = 0;
	while (start < digits.length - 1 && digits.charCodeAt(start) === 0x30) start++;
	const length = digits.length - start;
	return String(length).padStart(4, '0') + (start === 0 ? digits : digits.slice(start));
}

/** Compares ids in natural order, ties broken by code point so the order is total. */
export function compareIds(a: string, b: string): number {
	return compareSimpleIds(a, b) ?? compareKeys(naturalKey(a), a, naturalKey(b), b);
}

function compareKeys(keyA: string, a: string, keyB: string, b: string): number {
	if (keyA !== keyB) return keyA < keyB ? -1 : 1;
	return a < b ? -1 : a > b ? 1 : 0;
}

/** A digit a key's digit runs are made of (`\d` without the u flag). */
function isDigit(code: number): boolean {
	return code >= 0x30 && code <= 0x39;
}

/** A character naturalKey keeps as it is wherever it stands: printable ASCII, not upper case. */
function isPlain(code: number): boolean {
	return code >= 0x20 && code <= 0x7e && !(code >= 0x41 && code <= 0x5a);
}

/**
 * compareIds without making either key, walking both ids as naturalKey would fold them, while
 * every character it reads is plain (see isPlain); undefined as soon as one is not (upper case,
 * accents and controls change the key where they stand, or join digit runs). Sorting 100,000 ids
 * by key made 100,000 keys and pairs that lived through several collections (about 0.1 s at a
 * second start); this makes nothing. A digit run is compared as its key puts it: by its length
 * without leading zeros, then its digits; runs of 1,000 digits or more are left to the keys.
 */
function compareSimpleIds(a: string, b: string): number | undefined {
	let i = 0;
	let j = 0;
	for (;;) {
		if (i === a.length || j === b.length) {
			// One key ends here (what follows in the other can only make it longer); both: equal
			// keys, so the ids themselves decide.
			if (i === a.length && j === b.length) return a < b ? -1 : a > b ? 1 : 0;
			return i === a.length ? -1 : 1;
		}
		const x = a.charCodeAt(i);
		const y = b.charCodeAt(j);
		if (!isPlain(x) || !isPlain(y)) return undefined;
		const digitX = isDigit(x);
		const digitY = isDigit(y);
		if (!digitX && !digitY) {
			if (x !== y) return x < y ? -1 : 1;
			i++;
			j++;
			continue;
		}
		// A run's key starts with a digit (its length's), whatever the run: it comes before a
		// plain character past '9' and after one before '0'.
		if (!digitY) return y > 0x39 ? -1 : 1;
		if (!digitX) return x > 0x39 ? 1 : -1;
		let endX = i + 1;
		while (endX < a.length && isDigit(a.charCodeAt(endX))) endX++;
		let endY = j + 1;
		while (endY < b.length && isDigit(b.charCodeAt(endY))) endY++;
		// A character after a run that is not plain might be dropped from the key (a combining
		// mark), joining the run to the digits after it.
		if (endX < a.length && !isPlain(a.charCodeAt(endX))) return undefined;
		if (endY < b.length && !isPlain(b.charCodeAt(endY))) return undefined;
		while (i < endX - 1 && a.charCodeAt(i) === 0x30) i++;
		while (j < endY - 1 && b.charCodeAt(j) === 0x30) j++;
		const length = endX - i;
		if (length >= 1000 || endY - j >= 1000) return undefined;
		if (length !== endY - j) return length < endY - j ? -1 : 1;
		for (; i < endX; i++, j++) {
			const digitOfX = a.charCodeAt(i);
			const digitOfY = b.charCodeAt(j);
			if (digitOfX !== digitOfY) return digitOfX < digitOfY ? -1 : 1;
		}
	}
}

/** `items` in the scan's order of ids (natural order, see naturalKey). */
export function sortById<T extends {readonly id: string}>(items: readonly T[]): T[] {
	// Often in that order already (a folder's documents as stored), or nearly: the scan lists
	// each folder's names sorted by their bytes. Counted a pair at a time, making nothing.
	const descents = countDescents(items, FEW_DESCENTS);
	if (descents === 0) return [...items];
	// A few runs of plain ids are merged without keys (see compareSimpleIds): keying 100,000
	// ids made a key and a pair each that lived through several collections (about 0.1 s at a
	// second start). Anything else gets a key each, made once rather than at every comparison.
	if (descents <= FEW_DESCENTS && items.every(({id}) => isPlainId(id))) {
		return [...items].sort((x, y) => compareSimpleIds(x.id, y.id)!);
	}
	return items
		.map((item) => ({item, key: naturalKey(item.id)}))
		.sort((x, y) => compareKeys(x.key, x.item.id, y.key, y.item.id))
		.map(({item}) => item);
}

/** Out-of-order neighbours up to which sortById merges runs without keys: ids in a few runs
 * (a folder's names and its subfolders') take a few comparisons each, where ids in no order
 * take twenty and keys pay. */
const FEW_DESCENTS = 16;

/** An id compareSimpleIds always compares: every character plain, so no digit run is 1,000
 * digits long unless the id is that long. */
function isPlainId(id: string): boolean {
	if (id.length >= 1000) return false;
	for (let at = 0; at < id.length; at++) if (!isPlain(id.charCodeAt(at))) return false;
	return true;
}

/** How many neighbours in `items` are out of sortById's order, counted up to just past
 * `most`; a key is made only for a pair compareSimpleIds leaves, and each at most once. */
function countDescents(items: readonly {readonly id: string}[], most: number): number {
	let descents = 0;
	let previousKey: string | undefined;
	for (let at = 1; at < items.length && descents <= most; at++) {
		const before = items[at - 1]!.id;
		const id = items[at]!.id;
		let order = compareSimpleIds(before, id);
		let key: string | undefined;
		if (order === undefined) {
			key = naturalKey(id);
			order = compareKeys(previousKey ?? naturalKey(before), before, key, id);
		}
		if (order > 0) descents++;
		previousKey = key;
	}
	return descents;
}

async function assertFolder(root: string, given: string): Promise<void> {
	let stats: Stats;
	try {
		stats = await stat(root);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const problem = code === 'ENOENT' ? 'No such folder' : 'Cannot open folder';
		throw new Error(`${problem}: ${sanitiseLine(given)}`);
	}
	if (!stats.isDirectory()) throw new Error(`Not a folder: ${sanitiseLine(given)}`);
}

/** A file or folder that cannot be read, with why (the live folder's reread too). */
export function unreadable(relative: string, error: unknown): SkippedFile {
	return {
		id: sanitiseLine(relative === '' ? '.' : relative),
		reason: 'unreadable',
		detail: describeError(error),
	};
}

/** A link named like an article that leads to no file: unreadable, said as such. */
function brokenLink(relative: string, error: unknown): SkippedFile {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const skipped = unreadable(relative, error);
	return code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR'
		? {...skipped, detail: 'a link that leads to no file'}
		: skipped;
}

const ERROR_DETAILS: Record<string, string> = {
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	ENOENT: 'no longer there',
	ELOOP: 'too many symbolic links',
	EISDIR: 'is a folder',
	EMFILE: 'too many open files',
	EIO: 'input/output error',
	ENOTDIR: 'not a folder',
	EROFS: 'read-only file system',
	ENOSPC: 'no space left on the device',
};

/** One line for the user about a file system error, without the (unsanitised) path. */
export function describeError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (code !== undefined) return ERROR_DETAILS[code] ?? sanitiseLine(code);
	return error instanceof Error ? sanitiseLine(error.message) : 'unknown error';
}

/** The detail of a 'too large' SkippedFile. */
export function tooLarge(bytes: number): string {
	return `${Math.round(bytes / 1024 / 1024)} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit`;
}

/** Sanitises ids and keeps them unique: two raw names can sanitise alike ("a\x1b" and "a␛"). */
function uniqueIds(files: FoundFile[]): FoundFile[] {
	// A folder's names are unique, and so are the paths made of them: only sanitising, or a name
	// read as Latin-1 (the same as a UTF-8 one), makes two alike. Without either, no set of
	// 100,000 ids is needed.
	if (files.every((file) => file.rawPath === undefined && sanitiseLine(file.id) === file.id)) {
		return files;
	}
	const seen = new Set<string>();
	return files.map((file) => {
		let id = sanitiseLine(file.id);
		for (let copy = 2; seen.has(id); copy++) id = `${sanitiseLine(file.id)} (${copy})`;
		seen.add(id);
		return id === file.id ? file : {...file, id};
	});
}
