/**
 * A scan kept for the next start: the names the scan found, with the identity (device, inode,
 * change time) of every folder it walked. A folder's change time moves whenever an entry of it
 * is added, removed or renamed, so while no folder walked has changed, the names are the ones
 * kept and the folder need not be read again (at 100,000 files the scan was about 0.35 s of a
 * second start, a third of its listing). Files changed in place are not the scan's business:
 * the loader stats every file either way. The commands' listing keeps its names the same way
 * (core/corpus/find-run.ts, vouchedNames).
 *
 * Kept only for a plain scan: no link met, nothing skipped, every file's path the folder's and
 * its id (no name shown otherwise: a control character, " (2)", not UTF-8), no folder named
 * other than UTF-8, and every folder changed at least `settleMs` before the scan began (see
 * SETTLE_MS). A record read back is taken only when it holds together (its digest, no name
 * empty, hidden, node_modules or with a control character, every file in a folder it names,
 * each of them a folder and not a link) and every folder is as it was.
 */
import {lstatSync, statSync} from 'node:fs';
import {resolve, sep} from 'node:path';
import {directoryIdentity, MOST_DIRECTORIES, SETTLE_MS, settledBefore} from './settled.js';
import {crypto} from './hash.js';
import {type FoundFile, type ScanResult} from './scan.js';
import type {WorkerPaths} from './files-worker.js';

/** Bumped whenever what is kept, or how, changes: a record of another format is not taken. */
const FORMAT = 1;

/** Where a scan is kept (beside the folder's database), read and written whole. */
export interface ScanKeeper {
	/** The record kept, or undefined when there is none (or it cannot be read). */
	read(): string | undefined;
	/** Keeps `record` in place of the one kept; undefined removes it. Quiet on failure. */
	keep(record: string | undefined): void;
}

interface Header {
	readonly format: number;
	/** Each folder walked, by id ('' for the folder itself), with its identity. */
	readonly directories: readonly (readonly [string, string])[];
	readonly files: number;
	/** SHA-1 (base64) of the ids' lines: a record that does not hold together is not taken. */
	readonly digest: string;
}

/**
 * The record to keep of `scan` of `folder` (begun at `startedAt`), or undefined when it cannot
 * vouch for its names (see the module comment): a line of JSON, then each file's id on a line
 * of its own, in the scan's order.
 */
export function scanRecord(
	folder: string,
	scan: ScanResult,
	startedAt: number,
	settleMs = SETTLE_MS,
): string | undefined {
	const {directories} = scan;
	if (directories === undefined || directories.length >= MOST_DIRECTORIES) return undefined;
	if (scan.skipped.length > 0 || directories.some((directory) => directory.raw)) return undefined;
	if (directories.some(({stats}) => !settledBefore(stats.ctimeNs, startedAt, settleMs))) {
		return undefined;
	}
	// Every file's path is the folder's and its id (what a kept scan makes of it): not so for a
	// name the scan shows otherwise (a control character, told apart with " (2)", not UTF-8).
	const prefix = folderPrefix(resolve(folder));
	if (
		scan.files.some((file) => file.rawPath !== undefined || file.path !== prefix + native(file.id))
	) {
		return undefined;
	}
	const ids = scan.files.map((file) => file.id).join('\n');
	if (!wholeIds(ids, scan.files.length)) return undefined;
	const header: Header = {
		format: FORMAT,
		directories: directories.map(({id, stats}) => [id, directoryIdentity(stats)]),
		files: scan.files.length,
		digest: digestOf(ids),
	};
	return `${JSON.stringify(header)}\n${ids}`;
}

/** The names a kept scan vouches for (see vouchedNames). */
export interface VouchedNames {
	/** The files' ids, in the scan's order, joined by newlines. */
	readonly ids: string;
	/** The folders walked, by id. */
	readonly folders: ReadonlySet<string>;
	/** The files' paths as files workers take them. */
	readonly paths: WorkerPaths;
}

/**
 * The scan of `folder` as `record` keeps it, when it vouches for the names (see vouchedNames);
 * undefined otherwise (then the folder is scanned).
 */
export function keptScan(folder: string, record: string): ScanResult | undefined {
	const names = vouchedNames(folder, record);
	return names && scanOfNames(names);
}

/**
 * The names of `folder`'s files as `record` keeps them, when it vouches for them: it holds
 * together, and every folder it names is there, a folder, with the identity kept. Undefined
 * otherwise. The loader's stat worker can start on them before they are made into the
 * scan's files (scanOfNames).
 */
export function vouchedNames(folder: string, record: string): VouchedNames | undefined {
	const headerEnd = record.indexOf('\n');
	if (headerEnd === -1) return undefined;
	const header = parseHeader(record.slice(0, headerEnd));
	if (header === undefined) return undefined;
	const root = resolve(folder);
	const folders = new Set<string>();
	for (const [id, identity] of header.directories) {
		try {
			// The folder itself may be reached through a link; a kept scan met none inside it.
			const path = id === '' ? root : root + sep + id;
			const stats = id === '' ? statSync(path, {bigint: true}) : lstatSync(path, {bigint: true});
			if (!stats.isDirectory() || directoryIdentity(stats) !== identity) return undefined;
		} catch {
			return undefined;
		}
		folders.add(id);
	}
	const ids = record.slice(headerEnd + 1);
	if (digestOf(ids) !== header.digest || !wholeIds(ids, header.files)) return undefined;
	const prefix = folderPrefix(root);
	return {ids, folders, paths: {prefix, names: native(ids), separator: '\n', count: header.files}};
}

/**
 * The scan `names` stand for: its files, with their paths, and nothing skipped; undefined when
 * a file is not in a folder the record names (one made up: a scan that met a link is not
 * kept). Checked here, not in vouchedNames, so the stat worker can start first (it only stats).
 */
export function scanOfNames(names: VouchedNames): ScanResult | undefined {
	const files: FoundFile[] = [];
	if (names.paths.count === 0) return {files, skipped: []};
	const {prefix} = names.paths;
	const inFolder = sep === '/' ? prefix : undefined;
	for (const id of names.ids.split('\n')) {
		const slash = id.lastIndexOf('/');
		if (!names.folders.has(slash === -1 ? '' : id.slice(0, slash))) return undefined;
		files.push(
			inFolder === undefined
				? {id, path: prefix + native(id)}
				: {id, path: inFolder + id, inFolder},
		);
	}
	return {files, skipped: [], paths: names.paths};
}

/**
 * Whether `ids` (joined by newlines) are `count` ids none of which is empty or has a name the
 * scan passes over (hidden, node_modules), so none leads out of the folder. Tested on the whole
 * text at once: at 100,000 files, a test of each id was tens of milliseconds of a start.
 */
function wholeIds(ids: string, count: number): boolean {
	if (count === 0) return ids === '';
	if (PASSED_OVER.test(ids) || CONTROLS.test(ids)) return false;
	if (sep !== '/' && ids.includes(sep)) return false;
	let lines = 1;
	for (let at = ids.indexOf('\n'); at !== -1; at = ids.indexOf('\n', at + 1)) lines++;
	return lines === count;
}

/** A control character but the newlines between ids (a NUL cannot even be opened): the scan
 * keeps none (it shows them as pictures, and such a file is not kept, see scanRecord). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\x00-\x09\x0b-\x1f\x7f]/;

/** A name that is empty, hidden or node_modules, anywhere on any id. */
const PASSED_OVER = /(?:^|[/\n])(?:\.|node_modules(?:[/\n]|$)|[/\n]|$)/;

/** The folder's path and a separator: a kept file's path is this and its id (see native). */
function folderPrefix(root: string): string {
	return root.endsWith(sep) ? root : root + sep;
}

/** An id (or ids) as a path below the folder: its '/' this system's separator. */
function native(ids: string): string {
	return sep === '/' ? ids : ids.replaceAll('/', sep);
}

function digestOf(ids: string): string {
	return crypto().createHash('sha1').update(ids).digest('base64');
}

function parseHeader(line: string): Header | undefined {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return undefined;
	}
	if (typeof value !== 'object' || value === null) return undefined;
	const {format, directories, files, digest} = value as Partial<Record<keyof Header, unknown>>;
	if (format !== FORMAT || typeof digest !== 'string') return undefined;
	if (!Number.isSafeInteger(files) || (files as number) < 0) return undefined;
	if (!Array.isArray(directories) || directories.length === 0) return undefined;
	if (directories.length >= MOST_DIRECTORIES) return undefined;
	const valid = directories.every(
		(entry: unknown) =>
			Array.isArray(entry) &&
			entry.length === 2 &&
			typeof entry[0] === 'string' &&
			typeof entry[1] === 'string',
	);
	if (!valid || directories[0][0] !== '') return undefined;
	return {format, directories, files: files as number, digest};
}
