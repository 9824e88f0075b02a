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
 * The folder is listed by two finds at once, each printing the files of one part of the names:
 * the command waits for find while its own process is idle, and at 100,000 files in one folder
 * one find took about a quarter of a second of one core, a stat per file most of it. Each still
 * reads every directory (a half took about 0.19 s of CPU against 0.24 s for the whole), so the
 * gain needs the other core: measured in the readme, "The store".
 *
 * The first part is the names starting with a digit 0–4 or a letter a–m (either case, bytes as
 * the C locale has them, which startFind sets); the second, every other name. A test of the
 * first character only: a pattern find matches further into the name cost more than the stat.
 */
export const FIRST_PART_NAMES = '[0-4a-mA-M]*';

/** The parts, in the order their outputs are read and fingerprinted (see listing.ts). */
export const FIND_PARTS = [0, 1] as const;

/**
 * The arguments for one part: names starting with a dot and node_modules pruned, as the scan
 * skips them (in both parts: directories are descended whichever part their name is in); of the
 * part's names, regular files printed with size and modification time, symbolic links marked.
 * Which files are articles is decided by the reader (isArticleName), not by find: three name
 * tests a file took longer than its stat. Entries end in NUL, so any name survives.
 */
export function findArguments(root: string, part: (typeof FIND_PARTS)[number]): string[] {
	return [
		'-H',
		root,
		'-mindepth',
		'1',
		'(',
		'-name',
		'.*',
		'-o',
		'-name',
		'node_modules',
		')',
		'-prune',
		'-o',
		...(part === 0 ? [] : ['!']),
		'-name',
		FIRST_PART_NAMES,
		'(',
		'-type',
		'f',
		'-printf',
		'f %s %T@ %P\\0',
		'-o',
		'-type',
		'l',
		'-printf',
		'l %P\\0',
		')',
	];
}

/** find at work on `root` (a real path). */
export interface FindRun {
	readonly root: string;
	/** The temporary files the finds write to, one a part in FIND_PARTS's order, unlinked
	 * already: read them once `done` says true. */
	readonly outputs: readonly number[];
	/** Whether the finds listed the whole folder: each exited 0 in time and said nothing on
	 * stderr. */
	readonly done: Promise<boolean>;
	/** Keeps the process alive until find is done (a run started with holds false does not). */
	hold(): void;
	/** Stops find and closes its file: the run is not wanted. */
	drop(): void;
}

export interface FindOptions {
	readonly command?: string;
	/** The child's environment; inherited when not given. */
	readonly environment?: Readonly<Record<string, string | undefined>>;
	/** Whether the run keeps the process alive (see FindRun.hold); true when not given. */
	readonly holds?: boolean;
}

/**
 * Starts the finds on `root` (see FIND_PARTS), each writing to a temporary file that is unlinked
 * at once (nothing is left behind however the process ends), not to a pipe: a command busy with
 * its own work meanwhile would not empty a pipe, and find would wait for it (100,000 entries are
 * 6 MB, a pipe holds 64 KB). They run in the C locale whatever the environment says, so that the
 * parts are the same bytes everywhere. Undefined when one cannot be started.
 */
export function startFind(
	root: string,
	spawn: typeof Spawn,
	options: FindOptions = {},
): FindRun | undefined {
	const {command = 'find', environment = process.env, holds = true} = options;
	const children: ChildProcess[] = [];
	const outputs: number[] = [];
	const stop = () => {
		for (const child of children) child.kill();
		for (const output of outputs) closeSync(output);
	};
	for (const part of FIND_PARTS) {
		const output = temporaryFile();
		if (output === undefined) {
			stop();
			return undefined;
		}
		outputs.push(output);
		try {
			children.push(
				spawn(command, findArguments(root, part), {
					stdio: ['ignore', output, 'pipe'],
					env: {...environment, LC_ALL: 'C'},
				}),
			);
		} catch {
			stop();
			return undefined;
		}
	}
	let failed = false;
	let running = children.length;
	const timer = setTimeout(() => {
		failed = true;
		for (const child of children) child.kill();
	}, FIND_TIMEOUT_MS);
	const done = new Promise<boolean>((resolve) => {
		for (const child of children) {
			// Anything on stderr (a folder it could not read) means the listing may be short.
			child.stderr!.on('data', () => {
				failed = true;
			});
			child.on('error', () => {
				failed = true;
			});
			child.on('close', (code) => {
				if (code !== 0) failed = true;
				// One part failing is the listing failing: the other is not waited for.
				if (--running === 0 || failed) {
					clearTimeout(timer);
					resolve(!failed);
				}
			});
		}
	});
	const hold = (held: boolean) => {
		for (const child of children) {
			// Only a net.Socket's: a pipe to the child has them.
			const stderr = child.stderr as unknown as {ref?: () => void; unref?: () => void};
			if (held) {
				child.ref();
				stderr.ref?.();
			} else {
				child.unref();
				stderr.unref?.();
			}
		}
		if (held) timer.ref();
		else timer.unref();
	};
	if (!holds) hold(false);
	let closed = false;
	return {
		root,
		outputs,
		done,
		hold: () => hold(true),
		drop() {
			if (closed) return;
			closed = true;
			clearTimeout(timer);
			for (const child of children) {
				if (child.exitCode === null && child.signalCode === null) child.kill();
			}
			hold(false);
			for (const output of outputs) closeSync(output);
		},
	};
}

/** A new temporary file open for reading and writing, already unlinked; undefined when none
 * can be made. Its name is random (not from node:crypto, which dist/cli.js does not load): it
 * is made only where no file is (O_EXCL, so a link put in its place is not followed), and
 * readable by its owner only. */
function temporaryFile(): number | undefined {
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

/** Where dist/cli.js leaves the run it started for the commands' bundle. */
const STARTED = Symbol.for('reading-room.started-find');

/** Leaves `run` for the commands' bundle to take up (see takeStartedFind). */
export function leaveStartedFind(run: FindRun): void {
	(globalThis as {[STARTED]?: FindRun})[STARTED] = run;
}

/**
 * The run dist/cli.js started, when it is of `root`: then it holds the process until it is
 * done. One of another folder (or any, with `root` undefined: the folder is not listed) is
 * dropped. Given once.
 */
export function takeStartedFind(root: string | undefined): FindRun | undefined {
	const holder = globalThis as {[STARTED]?: FindRun};
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
