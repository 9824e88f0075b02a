/**
 * find started on a folder for its listing (see listing.ts), apart from reading what it lists.
 * Small, and without node:child_process or node:crypto of its own (spawn is given), so that
 * dist/cli.js can start it for `search` and `list` before the commands' bundle is compiled and
 * run (source/start.ts, source/early-listing.ts): at 100,000 files it is find the command waits
 * for, and the bundle took 30–40 ms to get to it. The bundle takes that run up when it lists the
 * same folder (takeStartedFind), or drops it and starts its own.
 */
import type {ChildProcess, spawn as Spawn} from 'node:child_process';
import {Buffer} from 'node:buffer';
import {
	closeSync,
	fstatSync,
	lstatSync,
	openSync,
	readFileSync,
	readSync,
	unlinkSync,
	writeSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {directoriesFileOf} from '../store/cache-home.js';
import {fileIdentity, fillFrom, openKept} from '../store/read-kept.js';
import {wholeNumberIn} from '../whole-number-setting.js';
import {directoryIdentity} from './settled.js';

export {directoryIdentity, SETTLE_MS} from './settled.js';

/** Waits no longer than this for find: a folder on a hung network mount must not hang a
 * command that would otherwise answer from its own scan. */
const FIND_TIMEOUT_MS = 10_000;

/**
 * Where find starts, in the folder (find runs there): every entry under it, names starting with
 * a dot and node_modules pruned, as the scan skips them. Tested on the path, not the name: with
 * no dot-name above it (those are pruned), an entry's path holds "/." only when its own name
 * starts with a dot. -name takes a copy of each name, and cost about 20 ms more a 100,000 files.
 */
const PRUNED = [
	'.',
	'-mindepth',
	'1',
	'(',
	'-path',
	'*/.*',
	'-o',
	'-path',
	'*/node_modules',
	')',
	'-prune',
];

/**
 * The arguments: names starting with a dot and node_modules pruned, as the scan skips them;
 * regular files printed with size and modification time, directories marked (a directory's
 * name only: its times are not the listing's, see core/corpus/listing.ts, DirectoryRecord),
 * and anything else marked as a symbolic link: links, and the named pipes, sockets and devices
 * the scan counts as skipped, so that a listing with any of them is not plain. Which files are articles is decided by the reader
 * (isArticleName), not by find: three name tests a file took longer than its stat. Entries end
 * in NUL, so any name survives.
 */
export function findArguments(): string[] {
	return walkPrinting('f %s %T@ %P\\0', 'l %P\\0', 'd %P\\0');
}

/**
 * A listing split in two (see startSplitListing), its first half: the names alone, as
 * findArguments walks the folder, without a stat of each file (its type comes from the
 * directory). Regular files and directories as their path; anything else (a symbolic link, a
 * named pipe, a socket, a device) as its path after a '/', which no relative path starts with.
 */
export function namesArguments(): string[] {
	return walkPrinting('%P\\0', '/%P\\0', '%P\\0');
}

/** One walk of the folder for both: the same pruning and the same three kinds of entry, each
 * printed as `file`, `directory` and `link` (anything else) say. */
function walkPrinting(file: string, link: string, directory: string): string[] {
	return [
		...PRUNED,
		'-o',
		'-type',
		'f',
		'-printf',
		file,
		'-o',
		'-type',
		'd',
		'-printf',
		directory,
		'-o',
		'-printf',
		link,
	];
}

/**
 * The split listing's second half: the type, size and modification time of each path read
 * from standard input (NUL-separated, relative to the folder find runs in), as findArguments
 * prints them (a directory as its type alone), without reading a directory. A path that is not
 * there is said on stderr.
 */
export const STAMP_ARGUMENTS: readonly string[] = [
	'-files0-from',
	'-',
	'-maxdepth',
	'0',
	'(',
	'-type',
	'd',
	'-printf',
	'd\\0',
	'-o',
	'-printf',
	'%y %s %T@\\0',
	')',
];

/** find at work on `root` (a real path). */
export interface FindRun {
	readonly root: string;
	/** The temporary file find writes to, unlinked already: read it once `done` says true. */
	readonly output: number;
	/** Whether find listed the whole folder: it exited 0 in time and said nothing on stderr. */
	readonly done: Promise<boolean>;
	/** When it was started (Date.now()): it read no directory before. */
	readonly startedAt: number;
	/** Keeps the process alive until find is done (a run started with holds false does not). */
	hold(): void;
	/** Stops find and closes its file: the run is not wanted. */
	drop(): void;
}

export interface FindOptions {
	readonly command?: string;
	/** find's arguments; findArguments() when not given. */
	readonly args?: readonly string[];
	/** What find reads on its standard input (a descriptor). */
	readonly stdin?: number;
	/** The child's environment, given the C locale (the listing is read as find prints it
	 * there); inherited as it is when not given. */
	readonly environment?: Readonly<Record<string, string | undefined>>;
	/** Whether the run keeps the process alive (see FindRun.hold); true when not given. */
	readonly holds?: boolean;
}

/**
 * Starts find in `root`, writing to a temporary file that is unlinked at once (nothing is left
 * behind however the process ends), not to a pipe: a command busy with its own work meanwhile
 * would not empty a pipe, and find would wait for it (100,000 entries are 6 MB, a pipe holds
 * 64 KB). Undefined when it cannot be started.
 */
export function startFind(
	root: string,
	spawn: typeof Spawn,
	options: FindOptions = {},
): FindRun | undefined {
	const {command = 'find', environment, holds = true, args = findArguments()} = options;
	const output = temporaryFile();
	if (output === undefined) return undefined;
	const startedAt = Date.now();
	let child: ChildProcess;
	try {
		child = spawn(command, [...args], {
			stdio: [options.stdin ?? 'ignore', output, 'pipe'],
			cwd: root,
			...(environment ? {env: {...environment, LC_ALL: 'C'}} : {}),
		});
	} catch {
		closeSync(output);
		return undefined;
	}
	let failed = false;
	let finished = false;
	const timer = setTimeout(() => {
		failed = true;
		child.kill();
	}, FIND_TIMEOUT_MS);
	const done = new Promise<boolean>((resolve) => {
		// Anything on stderr (a folder it could not read) means the listing may be short.
		child.stderr!.on('data', () => {
			failed = true;
		});
		child.on('error', () => {
			failed = true;
		});
		child.on('close', (code) => {
			finished = true;
			clearTimeout(timer);
			resolve(!failed && code === 0);
		});
	});
	// Only a net.Socket's: a pipe to the child has them.
	const stderr = child.stderr as unknown as {ref?: () => void; unref?: () => void};
	const hold = (held: boolean) => {
		if (held) {
			child.ref();
			stderr.ref?.();
			timer.ref();
		} else {
			child.unref();
			stderr.unref?.();
			timer.unref();
		}
	};
	if (!holds) hold(false);
	let closed = false;
	return {
		root,
		output,
		done,
		startedAt,
		hold: () => hold(true),
		drop() {
			if (closed) return;
			closed = true;
			clearTimeout(timer);
			if (!finished) child.kill();
			hold(false);
			closeSync(output);
		},
	};
}

/** A new temporary file open for reading and writing, already unlinked; undefined when none
 * can be made. Its name is random (not from node:crypto, which dist/cli.js does not load): it
 * is made only where no file is (O_EXCL, so a link put in its place is not followed), and
 * readable by its owner only. */
export function temporaryFile(): number | undefined {
	for (let attempt = 0; attempt < 4; attempt++) {
		const path = join(
			tmpdir(),
			`reading-room-listing-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`,
		);
		let output: number;
		try {
			output = openSync(path, 'wx+', 0o600);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
			return undefined;
		}
		try {
			unlinkSync(path);
		} catch {
			// Left for the system's temporary files to be cleared.
		}
		return output;
	}
	return undefined;
}

/**
 * A folder's listing taken in two halves at once, one find each (see core/corpus/listing.ts):
 * the names of its files as they are now (namesArguments), and the stamps of the names kept
 * by the last confirmed listing (STAMP_ARGUMENTS). The first reads the directories and the
 * second stats each file, which one find does one after the other: at 100,000 files the stats
 * were two thirds of it, now on the other core. Neither does more than its part of one find's
 * work, where two finds over halves of the names each read every directory.
 */
export interface SplitRun {
	readonly root: string;
	/** The names' find: none when the kept directory record vouches for the names kept (see
	 * vouchedNames), and only their stamps are taken. */
	readonly names: FindRun | undefined;
	/** The stamps' finds, in the order of the names kept: one, or two over its halves (see
	 * STAMPS_IN_HALVES_FROM). Their outputs one after the other are one find's. */
	readonly stamps: readonly FindRun[];
	/** The kept names the stamps are of (open; read it with positional reads from 0). */
	readonly list: number;
	/** The digest (SHA-1, base64) of the names kept that the directory record vouches for:
	 * when the names kept are those bytes, they are the folder's names. */
	readonly vouched?: string;
	/** Where the directory record is kept (see directoriesFileOf). */
	readonly directoriesFile: string;
	/** When the first find was started (see FindRun.startedAt). */
	readonly startedAt: number;
	hold(): void;
	drop(): void;
}

/**
 * What a kept directory record holds (see core/corpus/listing.ts, directoryRecord): the digest
 * of the names kept and the identity of the file they are kept in (see fileIdentity), and each
 * directory of the folder, the folder itself first as '', with its device, inode and change
 * time to the nanosecond. Written only when every one was last changed some seconds before the
 * listing began, so a directory whose entries changed since (a file added, removed or renamed
 * in it, a directory made or removed) has another change time.
 */
export interface KeptDirectories {
	readonly format: 2;
	readonly names: string;
	readonly namesFile: string;
	readonly directories: readonly (readonly [path: string, identity: string])[];
}

/**
 * The digest of the names kept in the file open as `names`, when the directory record kept in
 * `file` vouches for them: it was written for that very file, and every directory it holds is
 * there, a directory, with the same identity (so none of their entries was added, removed or
 * renamed since it was written, see KeptDirectories). Undefined when there is no such record,
 * it does not hold together, or a directory or the names file changed.
 */
export function vouchedNames(root: string, file: string, names: number): string | undefined {
	let record: unknown;
	try {
		const kept = openKept(file);
		if (kept === undefined) return undefined;
		try {
			record = JSON.parse(readFileSync(kept, 'utf8'));
		} finally {
			closeSync(kept);
		}
		if (!isKeptDirectories(record)) return undefined;
		if (fileIdentity(fstatSync(names, {bigint: true})) !== record.namesFile) return undefined;
	} catch {
		return undefined;
	}
	for (const [path, identity] of record.directories) {
		try {
			const stats = lstatSync(path === '' ? root : join(root, path), {bigint: true});
			if (!stats.isDirectory() || directoryIdentity(stats) !== identity) return undefined;
		} catch {
			return undefined;
		}
	}
	return record.names;
}

function isKeptDirectories(value: unknown): value is KeptDirectories {
	if (typeof value !== 'object' || value === null) return false;
	const {format, names, namesFile, directories} = value as Partial<
		Record<keyof KeptDirectories, unknown>
	>;
	return (
		format === 2 &&
		typeof names === 'string' &&
		typeof namesFile === 'string' &&
		Array.isArray(directories) &&
		directories.length > 0 &&
		directories.every(
			(entry: unknown) =>
				Array.isArray(entry) &&
				entry.length === 2 &&
				typeof entry[0] === 'string' &&
				typeof entry[1] === 'string',
		) &&
		(directories[0] as unknown[])[0] === ''
	);
}

/**
 * From how many files a folder's listing is taken in two halves (SplitRun) once confirmed:
 * below it, the command's own work takes longer than one find, and a second process only
 * costs.
 */
export const SPLIT_FROM = 20_000;

/**
 * From how many bytes of names kept (about 45,000 files at the bench's 35 bytes a name) the
 * `search` command has their stamps taken by two finds at once, each over half of them, when
 * the directory record vouches for the names (no names' find runs then). At 100,000 files one
 * find stamped them in 0.44–0.48 s (half of it find's own CPU: a walk for each name given),
 * two in 0.25 s, and `search` answered in 455–530 ms against 497–601. Not for `list`, whose
 * own work (100,000 lines formatted) outlasts one find: two took its core from it (862–892 →
 * 923–961 ms).
 */
export const STAMPS_IN_HALVES_FROM = 1_500_000;

/**
 * The listing's options for `command` (see SplitOptions): `search` has the stamps taken in halves
 * from STAMPS_IN_HALVES_FROM, or READING_ROOM_STAMPS_IN_HALVES_FROM from `environment` when set
 * to a whole number (for tests); the other commands, in one find.
 */
export function listingOptionsFor(
	command: string | undefined,
	environment: Readonly<Record<string, string | undefined>>,
): {readonly stampsInHalvesFrom?: number} {
	if (command !== 'search') return {};
	return {
		stampsInHalvesFrom:
			wholeNumberIn(environment, 'READING_ROOM_STAMPS_IN_HALVES_FROM') ?? STAMPS_IN_HALVES_FROM,
	};
}

/** A listing under way: one find, or two (SplitRun). */
export type StartedListing = FindRun | SplitRun;

export interface SplitOptions extends FindOptions {
	/** From how many bytes of names kept their stamps are taken in halves (see
	 * STAMPS_IN_HALVES_FROM); never when not given. */
	readonly stampsInHalvesFrom?: number;
}

/**
 * Starts a split listing of `root` (a real path) from the names kept in `namesFile`;
 * undefined when there are none to be read (then one find lists the folder) or find cannot be
 * started.
 */
export function startSplitListing(
	root: string,
	spawn: typeof Spawn,
	namesFile: string,
	options: SplitOptions = {},
): SplitRun | undefined {
	const list = openKept(namesFile);
	if (list === undefined) return undefined;
	// No directory's entries changed since the names were kept: only their stamps are taken.
	const directoriesFile = directoriesFileOf(namesFile);
	const vouched = vouchedNames(root, directoriesFile, list);
	const names =
		vouched === undefined
			? startFind(root, spawn, {...options, args: namesArguments()})
			: undefined;
	let halves: [number, number] | undefined;
	try {
		halves =
			vouched === undefined || options.stampsInHalvesFrom === undefined
				? undefined
				: namesInHalves(list, options.stampsInHalvesFrom);
	} catch {
		closeSync(list);
		return undefined;
	}
	// Each reads the names from its own offset into the file; ours is read by position.
	const inputs = halves ?? [list];
	const stamps: FindRun[] = [];
	if (vouched !== undefined || names !== undefined) {
		for (const stdin of inputs) {
			const run = startFind(root, spawn, {...options, args: STAMP_ARGUMENTS, stdin});
			if (run === undefined) break;
			stamps.push(run);
		}
	}
	// The child has its own copy of the first half's descriptor.
	if (halves !== undefined) closeSync(halves[0]);
	if (stamps.length < inputs.length) {
		names?.drop();
		for (const run of stamps) run.drop();
		closeSync(list);
		return undefined;
	}
	let closed = false;
	return {
		root,
		names,
		stamps,
		list,
		...(vouched === undefined ? {} : {vouched}),
		directoriesFile,
		startedAt: names?.startedAt ?? stamps[0]!.startedAt,
		hold() {
			names?.hold();
			for (const run of stamps) run.hold();
		},
		drop() {
			names?.drop();
			for (const run of stamps) run.drop();
			if (closed) return;
			closed = true;
			closeSync(list);
		},
	};
}

/**
 * The names kept in the file open as `list` (just opened: its offset at 0) as two inputs for
 * find (-files0-from -): a new temporary file holding the first half (whole entries, to the
 * first NUL past the middle), and `list` itself, its offset moved to where the second half
 * begins. Undefined, the offset left at 0, when the file is smaller than `from` bytes or holds
 * no such middle; throws when the first half could not be read or put in its file (then `list`'s
 * offset may have moved: it is no input for find).
 */
export function namesInHalves(list: number, from: number): [number, number] | undefined {
	let middle: number;
	try {
		const {size} = fstatSync(list);
		if (size < Math.max(from, 2)) return undefined;
		const around = Buffer.allocUnsafe(Math.min(size - Math.floor(size / 2), 1 << 16));
		const seen = fillFrom(list, around, Math.floor(size / 2));
		const nul = around.subarray(0, seen).indexOf(0);
		if (nul < 0) return undefined;
		middle = Math.floor(size / 2) + nul + 1;
		if (middle >= size) return undefined;
	} catch {
		return undefined;
	}
	// Read from the offset, which moves to the middle as it goes.
	const half = Buffer.allocUnsafe(middle);
	for (let read = 0; read < middle;) {
		const count = readSync(list, half, read, middle - read, null);
		if (count === 0) throw new Error('the names kept shrank as they were read');
		read += count;
	}
	const first = temporaryFileHolding(half);
	if (first === undefined) throw new Error('no temporary file for the first half');
	return [first, list];
}

/** A new temporary file (see temporaryFile) holding `bytes`, its offset at 0 where find reads
 * from; undefined when none can be made or written. */
export function temporaryFileHolding(bytes: Uint8Array): number | undefined {
	const file = temporaryFile();
	if (file === undefined) return undefined;
	try {
		// By position: the file's offset stays at 0.
		for (let written = 0; written < bytes.length;) {
			written += writeSync(file, bytes, written, bytes.length - written, written);
		}
		return file;
	} catch {
		closeSync(file);
		return undefined;
	}
}

/** Where dist/cli.js leaves the run it started for the commands' bundle. */
const STARTED = Symbol.for('reading-room.started-find');

/** Leaves `run` for the commands' bundle to take up (see takeStartedFind). */
export function leaveStartedFind(run: StartedListing): void {
	(globalThis as {[STARTED]?: StartedListing})[STARTED] = run;
}

/**
 * The run dist/cli.js started, when it is of `root`: then it holds the process until it is
 * done. One of another folder (or any, with `root` undefined: the folder is not listed) is
 * dropped. Given once.
 */
export function takeStartedFind(root: string | undefined): StartedListing | undefined {
	const holder = globalThis as {[STARTED]?: StartedListing};
	const run = holder[STARTED];
	if (run === undefined) return undefined;
	delete holder[STARTED];
	if (run.root !== root) {
		run.drop();
		return undefined;
	}
	run.hold();
	return run;
}
