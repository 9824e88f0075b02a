/**
 * A first run's files read ahead of the loader by a worker thread, only so the system has them
 * cached when the loader reads them on the main thread (see read-file.ts QuickReads). A file
 * the system has not cached (a folder not read since the machine started, or long enough ago
 * for the system to have dropped it) held the main thread up for the disk, and the quick reads
 * cannot tell such a disk from a busy core (see QuickReads). The worker's reads wait for the
 * disk instead: at 100,000 files with the system's cache dropped, the first run took 50.2 and
 * 52.9 s against 64.5 and 64.2 s; with the files cached, the same as without it. Nothing it
 * reads is kept: a file changed meanwhile is read by the loader as it is then.
 */
import type * as Fs from 'node:fs';
import type * as WorkerThreads from 'node:worker_threads';
import type {Worker} from 'node:worker_threads';
import {startFilesWorker, type WorkerPaths} from './files-worker.js';
import {MAX_FILE_BYTES} from './scan.js';

/** From this many files a first run has its files read ahead: the worker's start is a few tens
 * of milliseconds of the other core, its reads of cached files about 10 µs each. */
export const READ_AHEAD_FROM = 1_000;
/** How many files past the loader's the worker reads: about 20 MB of the bench corpus, enough
 * to keep a disk busy while the loader parses, few enough not to push out what it needs. */
export const FILES_AHEAD = 3_000;

/** `control`'s slots: the file the loader has come to; 1 once the worker is to stop; the last
 * file the worker has read (or passed over). */
const LOADER_AT = 0;
const STOP = 1;
const READ_THROUGH = 2;
/** How often (in files) the loader wakes a worker waiting for it to come closer. */
const WAKE_EVERY = 256;

export class FilesReadAhead {
	private stopped = false;
	/** Settles when the worker has ended (read every file, been stopped, or failed). */
	readonly ended: Promise<void>;

	private constructor(
		private readonly worker: Worker,
		private readonly control: Int32Array,
	) {
		this.ended = new Promise((resolve) => worker.once('exit', () => resolve()));
	}

	/**
	 * Starts reading `paths` (the loader's files in order, see WorkerPaths) up to `ahead` files
	 * past the loader's. Undefined when no worker can be started: the loader reads as it would
	 * without it.
	 */
	static start(paths: WorkerPaths, ahead = FILES_AHEAD): FilesReadAhead | undefined {
		try {
			const control = new Int32Array(new SharedArrayBuffer(12));
			control[READ_THROUGH] = -1;
			const worker = startFilesWorker(readAheadThread, paths, {
				control,
				ahead,
				mostBytes: MAX_FILE_BYTES,
			});
			return new FilesReadAhead(worker, control);
		} catch {
			return undefined;
		}
	}

	/** The loader has come to file `index`: the worker may read up to `ahead` files past it. */
	loaderAt(index: number): void {
		const before = Atomics.exchange(this.control, LOADER_AT, index);
		if (Math.floor(index / WAKE_EVERY) !== Math.floor(before / WAKE_EVERY)) {
			Atomics.notify(this.control, LOADER_AT);
		}
	}

	/** The last file the worker has read or passed over (-1 before the first): for tests. */
	get readThrough(): number {
		return Atomics.load(this.control, READ_THROUGH);
	}

	/** Stops the worker (the loader is done, or stopped). */
	stop(): void {
		if (this.stopped) return;
		this.stopped = true;
		Atomics.store(this.control, STOP, 1);
		Atomics.notify(this.control, LOADER_AT);
		void this.worker.terminate();
	}
}

/**
 * The worker: reads each file in turn into one buffer it reuses, waiting while it is `ahead`
 * files past the loader. Only regular files, opened without blocking (a pipe or device that took
 * a file's place is passed over), and no further than the loader would read. Its text is the
 * worker's script, so it uses only what it is given (the slots above, as numbers).
 */
function readAheadThread(load: NodeJS.Require): void {
	const {workerData} = load('node:worker_threads') as typeof WorkerThreads;
	const fs = load('node:fs') as typeof Fs;
	const {paths, control, ahead, mostBytes} = workerData as {
		paths: WorkerPaths;
		control: Int32Array;
		ahead: number;
		mostBytes: number;
	};
	const names = paths.names.split(paths.separator);
	const buffer = new Uint8Array(256 * 1024);
	const flags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
	for (let at = 0; at < names.length; at++) {
		for (;;) {
			if (Atomics.load(control, 1) === 1) return;
			const loaderAt = Atomics.load(control, 0);
			if (at - loaderAt <= ahead) break;
			// Woken as the loader goes on; the timeout only in case a wake is missed.
			Atomics.wait(control, 0, loaderAt, 100);
		}
		const name = names[at]!;
		if (name !== '') {
			const path = paths.prefix + name;
			try {
				const fd = fs.openSync(path, flags);
				try {
					if (fs.fstatSync(fd).isFile()) {
						let read = 0;
						let count: number;
						do {
							count = fs.readSync(fd, buffer, 0, buffer.length, null);
							read += count;
						} while (count > 0 && read <= mostBytes);
					}
				} finally {
					fs.closeSync(fd);
				}
			} catch {
				// The loader reads it, and says why it cannot.
			}
		}
		Atomics.store(control, 2, at);
	}
}
