/**
 * A long listing's files stat'ed from both ends at once: the loader from the first file on, a
 * worker thread from the last one back, until they meet. At a second start on 100,000 files
 * the loader's stats (a system call and a Stats object each, about 3 µs) were 0.3 s of the
 * listing on the main thread, with the other core mostly idle; now the worker takes those it
 * reaches first, and the loader takes each of them from shared memory (no message, no wait).
 * The worker never waits for the loader either: whichever gets to a file first stats it, so a
 * worker that is slow to start, or never starts, only leaves more to the loader.
 */
import type {Buffer} from 'node:buffer';
import {statSync} from 'node:fs';
import type * as Fs from 'node:fs';
import type * as WorkerThreads from 'node:worker_threads';
import type {Worker} from 'node:worker_threads';
import {startFilesWorker, type WorkerPaths} from './files-worker.js';

/** What the loader needs of a file's stat (a Stats is one). */
export interface FileStat {
	isFile(): boolean;
	readonly size: number;
	readonly mtimeMs: number;
}

/** From this many files the worker pays for its start (a few tens of milliseconds of the
 * other core; the loader's own stats of 20,000 files take about 60 ms). */
export const BOTH_ENDS_FROM = 20_000;

/** `control`'s slots: the lowest index the worker has done (it did every one above it), and
 * the highest the loader has come to (the worker stops there). */
const LOWEST_DONE = 0;
const LOADER_AT = 1;

/** A file's kind in the worker's results (statThread writes them as numbers): 0 when not done
 * (or not found, or not readable: the loader stats it again and learns why). */
const REGULAR = 1;
const OTHER = 2;

export class StatsFromBothEnds {
	private stopped = false;
	/** Settles when the worker has ended (met the loader, been stopped, or failed). */
	readonly ended: Promise<void>;

	private constructor(
		private readonly worker: Worker,
		private readonly numbers: Float64Array,
		private readonly kinds: Uint8Array,
		private readonly control: Int32Array,
	) {
		this.ended = new Promise((resolve) => worker.once('exit', () => resolve()));
	}

	/**
	 * Starts the worker on `paths` (the loader's files in order, see WorkerPaths). Undefined
	 * when no worker can be started: the loader then stats every file itself.
	 */
	static start(paths: WorkerPaths): StatsFromBothEnds | undefined {
		const {count} = paths;
		try {
			const shared = new SharedArrayBuffer(align(count * 17) + 8);
			const numbers = new Float64Array(shared, 0, count * 2);
			const kinds = new Uint8Array(shared, count * 16, count);
			const control = new Int32Array(shared, align(count * 17), 2);
			control[LOWEST_DONE] = count;
			control[LOADER_AT] = -1;
			const worker = startFilesWorker(statThread, paths, {shared});
			return new StatsFromBothEnds(worker, numbers, kinds, control);
		} catch {
			return undefined;
		}
	}

	/**
	 * File `index`'s stat: the worker's when it has taken it, else taken now (the worker then
	 * stops before this file); undefined when it is not there or cannot be stat'ed.
	 */
	of(index: number, path: string | Buffer): FileStat | undefined {
		if (index >= Atomics.load(this.control, LOWEST_DONE)) {
			const kind = this.kinds[index];
			if (kind === REGULAR || kind === OTHER) {
				return new WorkerStat(kind === REGULAR, this.numbers, index);
			}
		} else if (!this.stopped) Atomics.store(this.control, LOADER_AT, index);
		return statOf(path);
	}

	/** Stops the worker (the loader is done, or stopped). */
	stop(): void {
		if (this.stopped) return;
		this.stopped = true;
		Atomics.store(this.control, LOADER_AT, this.kinds.length);
		void this.worker.terminate();
	}
}

/** A file's stat as the worker took it: its size and modification time in `numbers`. */
class WorkerStat implements FileStat {
	constructor(
		private readonly regular: boolean,
		private readonly numbers: Float64Array,
		private readonly index: number,
	) {}

	isFile(): boolean {
		return this.regular;
	}

	get size(): number {
		return this.numbers[this.index * 2]!;
	}

	get mtimeMs(): number {
		return this.numbers[this.index * 2 + 1]!;
	}
}

/** `path`'s stat, undefined when it is not there or cannot be stat'ed. */
export function statOf(path: string | Buffer): FileStat | undefined {
	try {
		return statSync(path, {throwIfNoEntry: false});
	} catch {
		return undefined;
	}
}

function align(bytes: number): number {
	return Math.ceil(bytes / 8) * 8;
}

/**
 * The worker: stats the files from the last one back, each result written before the index it
 * publishes, and stops at the first file the loader has come to. Its text is the worker's
 * script, so it uses only what it is given (the layout and constants above, as numbers).
 */
function statThread(load: NodeJS.Require): void {
	const {workerData} = load('node:worker_threads') as typeof WorkerThreads;
	const fs = load('node:fs') as typeof Fs;
	const {paths, shared} = workerData as {paths: WorkerPaths; shared: SharedArrayBuffer};
	const {count} = paths;
	const names = paths.names.split(paths.separator);
	const numbers = new Float64Array(shared, 0, count * 2);
	const kinds = new Uint8Array(shared, count * 16, count);
	const control = new Int32Array(shared, Math.ceil((count * 17) / 8) * 8, 2);
	for (let at = count - 1; at >= 0; at--) {
		if (Atomics.load(control, 1) >= at) break;
		const name = names[at];
		if (name !== undefined && name !== '') {
			const path = paths.prefix + name;
			try {
				const stats = fs.statSync(path, {throwIfNoEntry: false});
				if (stats !== undefined) {
					numbers[at * 2] = stats.size;
					numbers[at * 2 + 1] = stats.mtimeMs;
					kinds[at] = stats.isFile() ? 1 : 2;
				}
			} catch {
				// Left to the loader, which learns why.
			}
		}
		Atomics.store(control, 0, at);
	}
}
