/**
 * The folder's article files with their sizes and modification times, listed by one `find`
 * process (GNU find's -printf) instead of a stat call per file from JavaScript: what the commands
 * compare with the store to know whether anything changed. 10,000 files took 20–30 ms in the
 * child, on the other core, against 40–60 ms of statSync and its garbage on the main thread.
 * From SPLIT_FROM files, once a listing was confirmed, by two at once (see find-run.ts,
 * SplitRun): the names as they are, and the stamps of the names kept.
 *
 * The fingerprint covers every regular file under the folder, articles or not: a file that is
 * not an article changing only sends the next command the long way.
 *
 * Only a shortcut: where find is missing or is not GNU find, fails, or the folder holds anything
 * the scan treats specially (a symbolic link, a named pipe, socket or device, a name that is not
 * UTF-8, a date before 1970), the listing is undefined or not `plain`, and the commands do what
 * they did without it.
 */
import {Buffer} from 'node:buffer';
import {spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {closeSync, fstatSync, lstatSync, readSync, type BigIntStats} from 'node:fs';
import {join} from 'node:path';
import type {FileStamp} from '../store/types.js';
import {keepFile} from '../store/keep-file.js';
import {fileIdentity, fillFrom} from '../store/read-kept.js';
import {
	directoryIdentity,
	SETTLE_MS,
	STAMP_ARGUMENTS,
	startFind,
	startSplitListing,
	temporaryFileHolding,
	type FindOptions,
	type FindRun,
	type KeptDirectories,
	type SplitOptions,
	type SplitRun,
	type StartedListing,
} from './find-run.js';
import {isArticleName} from './scan.js';
import {MOST_DIRECTORIES, settledBefore} from './settled.js';

export {findArguments, SETTLE_MS, SPLIT_FROM} from './find-run.js';

export interface FolderListing {
	/**
	 * A digest of the whole listing: the same digest, the same files, sizes and times. Worked
	 * out at once; the rest is read from the listing when first asked for (a command that
	 * finds the fingerprint it confirmed last time needs nothing else: 100,000 entries took
	 * about 100 ms to read). A listing taken in two halves (see startSplitListing) has a
	 * fingerprint of its own form, never one find's.
	 */
	readonly fingerprint: string;
	/** Each article file by its path relative to the folder ('/' separators). */
	readonly files: ReadonlyMap<string, FileStamp>;
	/**
	 * No symbolic link anywhere under the folder (the scan follows them, find does not), no named
	 * pipe, socket or device (the scan counts them as skipped), and every name UTF-8: then
	 * `files` are exactly the files the scan finds, by the same ids (unless sanitising changes
	 * one, which a caller compares).
	 */
	readonly plain: boolean;
	/**
	 * What a store confirms of this listing (see CorpusStore.confirmListing): one find's
	 * fingerprint, and from `splitFrom` files on, the fingerprint the next command will take
	 * the listing in two halves with, and the names its second find is to stat. Asked of a
	 * plain listing only.
	 */
	toConfirm(splitFrom: number, settleMs?: number): ConfirmedForm;
	/**
	 * Keeps the directory record (see directoryRecord) that lets the next command take only
	 * the stamps of the names kept, when this listing took the names too and they were the
	 * names kept: a folder confirmed while a directory of it had just changed is then not
	 * listed twice over for good. Offered only then; asked once the listing is known to be
	 * the one confirmed.
	 */
	keepDirectories?(settleMs?: number): void;
}

/** See FolderListing.toConfirm. */
export interface ConfirmedForm {
	readonly fingerprint: string;
	readonly files: ReadonlyMap<string, FileStamp>;
	readonly split?: {
		readonly fingerprint: string;
		readonly names: Uint8Array;
		/** The directory record to keep beside the names (see directoryRecord), when there
		 * can be one, made once they are kept. */
		readonly directories?: DirectoryRecord;
	};
}

const STRICT_UTF8 = new TextDecoder('utf-8', {fatal: true});

/** How often find's output is read and hashed while it runs. */
const READ_EVERY_MS = 10;

export interface ListOptions extends SplitOptions {
	/** find already at work on the folder (see find-run.ts), taken up. */
	readonly started?: StartedListing | undefined;
	/** Where the names of the folder's files were kept by the last confirmed listing (see
	 * CorpusStore.confirmListing): when there, the listing is taken in two halves. */
	readonly namesFile?: string | undefined;
}

/**
 * Starts listing `root` (a real path) at once, or takes up `started` (find already at work on
 * it, see find-run.ts), and resolves with the listing, or undefined when find cannot give one
 * (not there, not GNU, an error on the way such as a folder it cannot read, too slow). Never
 * rejects. What find has written is read and hashed every few milliseconds while it runs, when
 * the command leaves the event loop free: at 100,000 files the output is 6 MB, whose SHA-1 took
 * 5–20 ms once find was done, which the command waited for.
 */
export async function listFolder(
	root: string,
	options: ListOptions = {},
): Promise<FolderListing | undefined> {
	const run =
		options.started ??
		(options.namesFile === undefined
			? undefined
			: startSplitListing(root, spawn, options.namesFile, options)) ??
		startFind(root, spawn, options);
	if (run === undefined) return undefined;
	if ('stamps' in run) return listSplit(run, options);
	const output = new GrowingFile(run.output);
	const timer = readWhileRunning([output]);
	try {
		if (!(await run.done)) return undefined;
		output.catchUp();
		return listingFrom(() => output.bytes(), output.digest(), run);
	} catch {
		return undefined;
	} finally {
		clearInterval(timer);
		run.drop();
	}
}

/** Reads and hashes `outputs` every few milliseconds (see listFolder). */
function readWhileRunning(outputs: readonly GrowingFile[]): NodeJS.Timeout {
	const timer = setInterval(() => {
		try {
			for (const output of outputs) output.catchUp();
		} catch {
			// Read again when find is done.
		}
	}, READ_EVERY_MS);
	// find itself holds the process while the command waits for it.
	timer.unref();
	return timer;
}

/**
 * The listing of a split run (see startSplitListing): the names as listed now, and the stamps
 * of the names kept last time. When the two name lists differ, the stamps are taken again for
 * the names listed now, so the listing is whole either way.
 */
async function listSplit(run: SplitRun, options: FindOptions): Promise<FolderListing | undefined> {
	if (run.names === undefined) return listVouched(run, options);
	const names = new GrowingFile(run.names.output);
	const stamps = new StampOutputs(run.stamps);
	const timer = readWhileRunning([names, ...stamps.files]);
	try {
		const [named, stamped] = await Promise.all([run.names.done, allDone(run.stamps)]);
		if (!named) return undefined;
		names.catchUp();
		const namesDigest = names.digest();
		// A symbolic link, pipe, socket or device (an entry opening with '/'): not plain, and
		// nothing to stat.
		if (names.holdsLink()) {
			return splitListing(names.bytes(), undefined, `split ${namesDigest} -`, run);
		}
		if (stamped && names.sameAs(run.list)) {
			stamps.catchUp();
			const listed = names.bytes();
			const stampsBytes = stamps.bytes();
			// The names kept are the names listed: this file, open since the listing began.
			const keptIn = fstatSync(run.list, {bigint: true});
			const listing = splitListing(
				listed,
				() => stampsBytes,
				`split ${namesDigest} ${stamps.digest()}`,
				run,
			);
			// Added to it, not spread into another: spreading reads its getters, and the entries
			// (100,000 parsed) are to be read only when asked for.
			return Object.assign(listing, {
				keepDirectories(settleMs = SETTLE_MS) {
					const directories = directoriesOf(listed, stampsBytes);
					const record =
						directories &&
						directoryRecord(run.root, directories, namesDigest, run.startedAt, settleMs);
					if (record !== undefined) keepFile(run.directoriesFile, record(keptIn));
				},
			});
		}
		const listed = names.bytes();
		// Other names than last time's (or their stamps not all there): stamped now.
		const again = restamp(run.root, listed, options);
		if (again !== undefined) {
			const output = new GrowingFile(again.output);
			const retimer = readWhileRunning([output]);
			try {
				if (await again.done) {
					output.catchUp();
					const stamped = output.bytes();
					return splitListing(
						listed,
						() => stamped,
						`split ${namesDigest} ${output.digest()}`,
						run,
					);
				}
			} finally {
				clearInterval(retimer);
				again.drop();
			}
		}
		// This find cannot stamp names it is given (before GNU find 4.9, -files0-from): one
		// find, and the next command told to take the listing whole (no names kept).
		const whole = await listFolder(run.root, {
			...options,
			started: undefined,
			namesFile: undefined,
		});
		return (
			whole && {
				...whole,
				files: whole.files,
				plain: whole.plain,
				toConfirm: (splitFrom) => {
					const {fingerprint, files} = whole.toConfirm(splitFrom);
					return {fingerprint, files};
				},
			}
		);
	} catch {
		return undefined;
	} finally {
		clearInterval(timer);
		run.drop();
	}
}

/**
 * The listing of a split run whose names the directory record vouched for (see
 * find-run.ts, vouchedNames): the names kept with the stamps taken of them, under the
 * fingerprint the two finds would have given. Otherwise (a name kept is gone) one find lists
 * the folder.
 */
async function listVouched(
	run: SplitRun,
	options: FindOptions,
): Promise<FolderListing | undefined> {
	const stamps = new StampOutputs(run.stamps);
	const timer = readWhileRunning(stamps.files);
	try {
		if (await allDone(run.stamps)) {
			stamps.catchUp();
			return splitListing(
				wholeFile(run.list),
				() => stamps.bytes(),
				`split ${run.vouched} ${stamps.digest()}`,
				run,
			);
		}
	} catch {
		// Listed whole below.
	} finally {
		clearInterval(timer);
		run.drop();
	}
	return listFolder(run.root, {...options, started: undefined, namesFile: undefined});
}

/** The whole of the file open as `descriptor`, read by position. */
function wholeFile(descriptor: number): Buffer {
	const bytes = Buffer.allocUnsafe(fstatSync(descriptor).size);
	return bytes.subarray(0, fillFrom(descriptor, bytes, 0));
}

/**
 * The record of the folder `root`'s directories (the folder itself and `directories`, as
 * find listed them from `startedAt`) to keep beside the names whose digest is `namesDigest`
 * (see find-run.ts, KeptDirectories): undefined when there are too many, one is gone, or one
 * changed less than `settleMs` before the listing began (its entries as listed may then be
 * older than its change time says). Stat'ed after the listing: a directory changed since it
 * began has a change time after that, and is left out with the whole record.
 */
export function directoryRecord(
	root: string,
	directories: readonly string[],
	namesDigest: string,
	startedAt: number,
	settleMs: number,
): DirectoryRecord | undefined {
	if (directories.length >= MOST_DIRECTORIES) return undefined;
	const kept: [string, string][] = [];
	for (const path of ['', ...directories]) {
		try {
			const stats = lstatSync(path === '' ? root : join(root, path), {bigint: true});
			if (!stats.isDirectory() || !settledBefore(stats.ctimeNs, startedAt, settleMs)) {
				return undefined;
			}
			kept.push([path, directoryIdentity(stats)]);
		} catch {
			return undefined;
		}
	}
	return (namesFile) => {
		const record: KeptDirectories = {
			format: 2,
			names: namesDigest,
			namesFile: fileIdentity(namesFile),
			directories: kept,
		};
		return JSON.stringify(record);
	};
}

/** A directory record (see directoryRecord) as kept beside the names kept in the file whose
 * stats are `namesFile`. */
export type DirectoryRecord = (namesFile: BigIntStats) => string;

/**
 * The directories among the names of a split listing (`names`, and `stamps` in the same order:
 * a directory's stamp is 'd' alone, see STAMP_ARGUMENTS); undefined when they do not pair up.
 */
function directoriesOf(names: Buffer, stamps: Buffer): string[] | undefined {
	const directories: string[] = [];
	const paired = eachPair(names, stamps, (name, nameEnd, stamp, stampEnd) => {
		if (stampEnd === stamp + 1 && stamps[stamp] === D) {
			directories.push(names.toString('utf8', name, nameEnd));
		}
	});
	return paired ? directories : undefined;
}

/**
 * Calls `visit` with the bounds of each entry of `names` and of `stamps` in step (an entry ends
 * at its NUL, which the bounds leave out); false when the two do not pair up, entry by entry.
 */
function eachPair(
	names: Buffer,
	stamps: Buffer,
	visit: (name: number, nameEnd: number, stamp: number, stampEnd: number) => void,
): boolean {
	let name = 0;
	let stamp = 0;
	while (name < names.length && stamp < stamps.length) {
		const nameEnd = names.indexOf(NUL, name);
		const stampEnd = stamps.indexOf(NUL, stamp);
		if (nameEnd < 0 || stampEnd < 0) return false;
		visit(name, nameEnd, stamp, stampEnd);
		name = nameEnd + 1;
		stamp = stampEnd + 1;
	}
	return name === names.length && stamp === stamps.length;
}

const NUL = 0;
const SPACE = 0x20;
const D = 0x64;
const SLASH = 0x2f;
const NUL_SLASH = Buffer.from([NUL, SLASH]);

/** The stamps of `names` (find's names output, plain), taken by find from a temporary file of
 * them; undefined when it cannot be started. */
function restamp(root: string, names: Buffer, options: FindOptions): FindRun | undefined {
	const list = temporaryFileHolding(names);
	if (list === undefined) return undefined;
	try {
		return startFind(root, spawn, {...options, args: STAMP_ARGUMENTS, stdin: list});
	} finally {
		// The child has its own copy of the descriptor.
		closeSync(list);
	}
}

/**
 * A listing of the names find listed (`names`) and the stamps of each (`stamps`, in the same
 * order, read when first asked for; undefined when it is not plain and has none), under
 * `fingerprint`. Its entries are
 * those one find would have printed, each stamp then its name.
 */
function splitListing(
	names: Buffer,
	stamps: (() => Buffer) | undefined,
	fingerprint: string,
	run: ListedRun,
): FolderListing {
	let whole: Buffer | null | undefined;
	const single = () => (whole ??= stamps === undefined ? null : (joined(names, stamps()) ?? null));
	const listing = listingFrom(() => single() ?? Buffer.alloc(0), fingerprint, run);
	return {
		fingerprint,
		get files() {
			return single() === null ? new Map<string, FileStamp>() : listing.files;
		},
		get plain() {
			return single() !== null && listing.plain;
		},
		toConfirm(splitFrom, settleMs = SETTLE_MS) {
			const output = single() ?? Buffer.alloc(0);
			const files = listing.files;
			if (files.size < splitFrom) return {fingerprint: sha1(output), files};
			// "split <names' digest> <stamps' digest>"
			const namesDigest = fingerprint.split(' ')[1]!;
			const directories = listing.directories(settleMs, namesDigest);
			return {
				fingerprint: sha1(output),
				files,
				split: {fingerprint, names, ...(directories === undefined ? {} : {directories})},
			};
		},
	};
}

/** The run a listing was taken by: where, and from when (see directoryRecord). */
type ListedRun = Pick<FindRun, 'root' | 'startedAt'>;

/** One find's output from the split listing's two (see splitListing); undefined when they do
 * not pair up, entry by entry. */
function joined(names: Buffer, stamps: Buffer): Buffer | undefined {
	const whole = Buffer.allocUnsafe(names.length + stamps.length);
	let at = 0;
	const paired = eachPair(names, stamps, (name, nameEnd, stamp, stampEnd) => {
		at += stamps.copy(whole, at, stamp, stampEnd);
		whole[at++] = SPACE;
		at += names.copy(whole, at, name, nameEnd + 1);
	});
	return paired ? whole.subarray(0, at) : undefined;
}

/**
 * One find's output split as a split listing would have it: the names (each ending in NUL),
 * and the stamps (each "f <size> <time>" and NUL). Undefined for output that is not of
 * plain regular files.
 */
function split(output: Buffer): {names: Buffer; stamps: Buffer} | undefined {
	const names = Buffer.allocUnsafe(output.length);
	const stamps = Buffer.allocUnsafe(output.length);
	let named = 0;
	let stamped = 0;
	let start = 0;
	while (start < output.length) {
		const end = output.indexOf(NUL, start);
		if (end < 0 || output[start + 1] !== SPACE) return undefined;
		if (output[start] === D) {
			// "d <path>": a directory, its stamp its type alone (see STAMP_ARGUMENTS).
			stamps[stamped++] = D;
			stamps[stamped++] = NUL;
			named += output.copy(names, named, start + 2, end + 1);
			start = end + 1;
			continue;
		}
		if (output[start] !== 0x66 /* f */) return undefined;
		// "f <size> <time> <path>": the path starts after the third space.
		const sizeEnd = output.indexOf(SPACE, start + 2);
		const timeEnd = sizeEnd < 0 ? -1 : output.indexOf(SPACE, sizeEnd + 1);
		if (timeEnd < 0 || timeEnd > end) return undefined;
		stamped += output.copy(stamps, stamped, start, timeEnd);
		stamps[stamped++] = NUL;
		named += output.copy(names, named, timeEnd + 1, end + 1);
		start = end + 1;
	}
	return {names: names.subarray(0, named), stamps: stamps.subarray(0, stamped)};
}

function sha1(bytes: Uint8Array): string {
	return createHash('sha1').update(bytes).digest('base64');
}

/** A file being appended to, read and hashed as it grows (see listFolder). */
export class GrowingFile {
	private readonly chunks: Buffer[] = [];
	private read = 0;
	private hashed = 0;

	/** `hash` is this file's own, or one that hashes it after other files (see StampOutputs):
	 * then what is read is hashed only from `startHashing` on. */
	constructor(
		private readonly descriptor: number,
		private readonly hash = createHash('sha1'),
		private hashing = true,
	) {}

	/** Reads (and hashes) what was appended since the last time. */
	catchUp(): void {
		const size = fstatSync(this.descriptor).size;
		if (size > this.read) {
			const chunk = Buffer.allocUnsafe(size - this.read);
			const filled = fillFrom(this.descriptor, chunk, this.read);
			this.chunks.push(chunk.subarray(0, filled));
			this.read += filled;
		}
		if (this.hashing) {
			for (; this.hashed < this.chunks.length; this.hashed++) {
				this.hash.update(this.chunks[this.hashed]!);
			}
		}
	}

	/** Hashes what was read, and from now on what is. */
	startHashing(): void {
		this.hashing = true;
		this.catchUp();
	}

	/** Whether what was read is the whole of the file open as `descriptor` (read by position
	 * a piece at a time, into one buffer). */
	sameAs(descriptor: number): boolean {
		if (fstatSync(descriptor).size !== this.read) return false;
		const piece = Buffer.allocUnsafe(Math.min(this.read, 1 << 18));
		let at = 0;
		for (const chunk of this.chunks) {
			for (let from = 0; from < chunk.length;) {
				const wanted = Math.min(piece.length, chunk.length - from);
				if (readSync(descriptor, piece, 0, wanted, at) !== wanted) return false;
				if (piece.compare(chunk, from, from + wanted, 0, wanted) !== 0) return false;
				from += wanted;
				at += wanted;
			}
		}
		return true;
	}

	/** Whether what was read holds an entry of the names find (namesArguments) for a symbolic
	 * link: one opening with '/'. */
	holdsLink(): boolean {
		let afterEntry = true;
		for (const chunk of this.chunks) {
			if (chunk.length === 0) continue;
			if (afterEntry && chunk[0] === SLASH) return true;
			if (chunk.includes(NUL_SLASH)) return true;
			afterEntry = chunk[chunk.length - 1] === NUL;
		}
		return false;
	}

	/** The SHA-1 (base64) of everything read: once only. */
	digest(): string {
		return this.hash.digest('base64');
	}

	/** Everything read, in one buffer. */
	bytes(): Buffer {
		return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
	}

	/** Everything read, in the pieces it was read in. */
	pieces(): readonly Buffer[] {
		return this.chunks;
	}
}

/**
 * The outputs of a split listing's stamps' finds (see SplitRun.stamps), read as they are
 * written as one output: each after the one before. The first is hashed as it is read; the
 * others once every one is whole (a later one's bytes come after bytes not yet written).
 */
class StampOutputs {
	private readonly hash = createHash('sha1');
	readonly files: readonly GrowingFile[];

	constructor(runs: readonly FindRun[]) {
		this.files = runs.map((run, at) => new GrowingFile(run.output, this.hash, at === 0));
	}

	/** Reads what was written since the last time: every find is done. */
	catchUp(): void {
		for (const file of this.files) file.catchUp();
	}

	/** The SHA-1 (base64) of the whole output, once every find is done and read: once only. */
	digest(): string {
		for (const file of this.files) file.startHashing();
		return this.hash.digest('base64');
	}

	bytes(): Buffer {
		return this.files.length === 1
			? this.files[0]!.bytes()
			: Buffer.concat(this.files.flatMap((file) => file.pieces()));
	}
}

/** Whether every one of `runs` listed what it was given (see FindRun.done). */
async function allDone(runs: readonly FindRun[]): Promise<boolean> {
	return (await Promise.all(runs.map((run) => run.done))).every(Boolean);
}

/** A listing from find's output (see findArguments): its entries read when first asked for. */
export function listingOf(output: Buffer): FolderListing {
	return listingFrom(() => output, sha1(output));
}

/** The listing of find's output (`output`, asked for only when the entries are) whose SHA-1 is
 * `fingerprint`. */
function listingFrom(
	output: () => Buffer,
	fingerprint: string,
	run?: ListedRun,
): FolderListing & {
	/** The directory record for names whose digest is `namesDigest` (see directoryRecord). */
	directories(settleMs: number, namesDigest: string): DirectoryRecord | undefined;
} {
	let parsed: ReturnType<typeof parseListing> | null | undefined;
	const entries = () => (parsed ??= parseListing(output()) ?? null);
	const directories = (settleMs: number, namesDigest: string) => {
		const listed = entries();
		return run === undefined || listed === null || !listed.plain
			? undefined
			: directoryRecord(run.root, listed.directories, namesDigest, run.startedAt, settleMs);
	};
	return {
		fingerprint,
		// Output not of the expected form speaks for nothing.
		get files() {
			return entries()?.files ?? new Map<string, FileStamp>();
		},
		get plain() {
			return entries()?.plain ?? false;
		},
		directories,
		toConfirm(splitFrom, settleMs = SETTLE_MS) {
			const files = entries()?.files ?? new Map<string, FileStamp>();
			const halves = files.size >= splitFrom ? split(output()) : undefined;
			if (halves === undefined) return {fingerprint, files};
			const namesDigest = sha1(halves.names);
			const record = directories(settleMs, namesDigest);
			return {
				fingerprint,
				files,
				split: {
					fingerprint: `split ${namesDigest} ${sha1(halves.stamps)}`,
					names: halves.names,
					...(record === undefined ? {} : {directories: record}),
				},
			};
		},
	};
}

/** The entries of find's output (see findArguments); undefined when it is not in that form. */
export function parseListing(
	output: Buffer,
): {files: Map<string, FileStamp>; plain: boolean; directories: string[]} | undefined {
	const files = new Map<string, FileStamp>();
	const directories: string[] = [];
	let plain = true;
	let start = 0;
	while (start < output.length) {
		const end = output.indexOf(0, start);
		if (end < 0) return undefined;
		const entry = output.subarray(start, end);
		start = end + 1;
		if (entry[0] === 0x6c /* l */) {
			plain = false;
			continue;
		}
		if (entry[0] === D && entry[1] === SPACE) {
			try {
				directories.push(STRICT_UTF8.decode(entry.subarray(2)));
			} catch {
				plain = false;
			}
			continue;
		}
		const parsed = parseFileEntry(entry);
		if (parsed === undefined) return undefined;
		if (parsed === 'unusual') {
			plain = false;
			continue;
		}
		const slash = parsed.path.lastIndexOf('/');
		if (isArticleName(parsed.path.slice(slash + 1))) files.set(parsed.path, parsed.stamp);
	}
	return {files, plain, directories};
}

/** "f <size> <seconds>.<fraction> <path>": the path and its stamp, 'unusual' for an entry the
 * listing cannot speak for, undefined for one not in that form. */
function parseFileEntry(entry: Buffer): {path: string; stamp: FileStamp} | 'unusual' | undefined {
	const text = entry.toString('latin1');
	const match = /^f (\d+) (-?)(\d+)\.(\d+) /.exec(text);
	if (match === null) return undefined;
	// Before 1970 the seconds and the fraction are not what Node makes of them: not spoken for.
	if (match[2] === '-') return 'unusual';
	let path: string;
	try {
		path = STRICT_UTF8.decode(entry.subarray(match[0].length));
	} catch {
		return 'unusual';
	}
	const seconds = Number(match[3]);
	// Nanoseconds: GNU find prints ten digits of fraction, the last always 0.
	const nanoseconds = Number(match[4]!.slice(0, 9).padEnd(9, '0'));
	// Exactly as Node makes Stats.mtimeMs from the timespec (lib/internal/fs/utils.js).
	const mtimeMs = seconds * 1e3 + nanoseconds / 1e6;
	return {path, stamp: {size: Number(match[1]), mtimeMs}};
}
