/**
 * find started on a folder for its listing (see listing.ts), apart from reading what it lists.
 * Small, and without node:child_process or node:crypto of its own (spawn is given), so that
 * dist/cli.js can start it for `search` and `list` before the commands' bundle is compiled and
 * run (source/start.ts, source/early-listing.ts): at 100,000 files it is find the command waits
 * for, and the bundle took 30–40 ms to get to it. The bundle takes that run up when it lists the
 * same folder (takeStartedFind), or drops it and starts its own.
 */
import type {ChildProcess, spawn as Spawn} from 'node:child_process';
import {closeSync, openSync, unlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

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
 * regular files printed with size and modification time, symbolic links marked. Which files
 * are articles is decided by the reader (isArticleName), not by find: three name tests a file
 * took longer than its stat. Entries end in NUL, so any name survives.
 */
export function findArguments(): string[] {
	return walkPrinting('f %s %T@ %P\\0', 'l %P\\0');
}

/**
 * A listing split in two (see startSplitListing), its first half: the names alone, as
 * findArguments walks the folder, without a stat of each file (its type comes from the
 * directory). Regular files as their path; a symbolic link as its path after a '/', which
 * no relative path starts with.
 */
export function namesArguments(): string[] {
	return walkPrinting('%P\\0', '/%P\\0');
}

/** One walk of the folder for both: the same pruning and the same two kinds of entry, each
 * printed as `file` and `link` say. */
function walkPrinting(file: string, link: string): string[] {
	return [...PRUNED, '-o', '-type', 'f', '-printf', file, '-o', '-type', 'l', '-printf', link];
}

/**
 * The split listing's second half: the type, size and modification time of each path read
 * from standard input (NUL-separated, relative to the folder find runs in), as findArguments
 * prints them, without reading a directory. A path that is not there is said on stderr.
 */
export const STAMP_ARGUMENTS: readonly string[] = [
	'-files0-from',
	'-',
	'-maxdepth',
	'0',
	'-printf',
	'%y %s %T@\\0',
];

/** find at work on `root` (a real path). */
export interface FindRun {
	readonly root: string;
	/** The temporary file find writes to, unlinked already: read it once `done` says true. */
	readonly output: number;
	/** Whether find listed the whole folder: it exited 0 in time and said nothing on stderr. */
	readonly done: Promise<boolean>;
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
	readonly names: FindRun;
	readonly stamps: FindRun;
	/** The kept names the stamps are of (open; read it with positional reads from 0). */
	readonly list: number;
	hold(): void;
	drop(): void;
}

/**
 * From how many files a folder's listing is taken in two halves (SplitRun) once confirmed:
 * below it, the command's own work takes longer than one find, and a second process only
 * costs.
 */
export const SPLIT_FROM = 20_000;

/** A listing under way: one find, or two (SplitRun). */
export type StartedListing = FindRun | SplitRun;

/**
 * Starts a split listing of `root` (a real path) from the names kept in `namesFile`;
 * undefined when there are none to be read (then one find lists the folder) or find cannot be
 * started.
 */
export function startSplitListing(
	root: string,
	spawn: typeof Spawn,
	namesFile: string,
	options: FindOptions = {},
): SplitRun | undefined {
	let list: number;
	try {
		list = openSync(namesFile, 'r');
	} catch {
		return undefined;
	}
	const names = startFind(root, spawn, {...options, args: namesArguments()});
	// It reads the names from its own offset into the file; ours is read by position.
	const stamps = names && startFind(root, spawn, {...options, args: STAMP_ARGUMENTS, stdin: list});
	if (names === undefined || stamps === undefined) {
		names?.drop();
		closeSync(list);
		return undefined;
	}
	let closed = false;
	return {
		root,
		names,
		stamps,
		list,
		hold() {
			names.hold();
			stamps.hold();
		},
		drop() {
			names.drop();
			stamps.drop();
			if (closed) return;
			closed = true;
			closeSync(list);
		},
	};
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
