import {Buffer} from 'node:buffer';
import {
	close,
	closeSync,
	constants as fsConstants,
	fstat,
	fstatSync,
	open,
	openSync,
	read,
	readSync,
	type Stats,
} from 'node:fs';
import {describeError, MAX_FILE_BYTES, notAFileDetail, tooLarge} from './scan.js';
import type {FileStamp} from '../store/types.js';

/** A file's bytes and the size and modification time they were read at, or what went wrong. */
export type FileRead = {readonly bytes: Uint8Array; readonly stamp: FileStamp} | Error;

/** A file over MAX_FILE_BYTES, found before (or instead of) reading it. */
export class TooLargeError extends Error {
	constructor(readonly bytes: number) {
		super('too large');
	}
}

/** Not a regular file any more (replaced since the scan, say, by a pipe): not read. Its
 * message says what it is ("a named pipe, not a regular file"), for the skipped file's detail. */
export class NotAFileError extends Error {}

/** A file modified this recently may change again within its file system's timestamp
 * granularity with the same size, unseen: it is stored as unknown, to be read again next run. */
const SETTLING_MS = 2_000;

/** Non-blocking, so opening a pipe that took a file's place returns at once instead of tying up
 * a thread until a writer comes; regular files read as usual. */
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);
/** First read of a file whose size fstat does not tell (some virtual file systems say 0). */
const UNKNOWN_SIZE_CHUNK = 64 * 1024;

/** The stamp a file is stored under, from the open file's stat. */
function stampOf(stats: Stats): FileStamp {
	const settled = Date.now() - stats.mtimeMs >= SETTLING_MS;
	return {size: stats.size, mtimeMs: settled ? stats.mtimeMs : -1};
}

/** Why an open file is not read (not a regular file, too large); undefined when it is. */
function refusal(stats: Stats): Error | undefined {
	if (!stats.isFile()) return new NotAFileError(notAFileDetail(stats));
	if (stats.size > MAX_FILE_BYTES) return new TooLargeError(stats.size);
	return undefined;
}

/**
 * Opens the file, learns its size from the open file (the scan does not stat files), and reads
 * it once `admit` makes room for that many bytes; too large files are closed unread. Never
 * rejects: a failure comes back as the value, for the caller to report. Callback APIs: on Node
 * 20 the promise ones take about twice as long for small files.
 */
export function readBytes(
	path: string | Buffer,
	admit: (size: number) => Promise<boolean>,
): Promise<FileRead> {
	return new Promise((resolve) => {
		open(path, OPEN_FLAGS, (openError, fd) => {
			if (openError) {
				resolve(openError);
				return;
			}
			let stamp: FileStamp = {size: 0, mtimeMs: -1};
			// The bytes (or error) are the answer whatever closing says.
			const finish = (result: Uint8Array | Error): void =>
				close(fd, () => resolve(result instanceof Error ? result : {bytes: result, stamp}));
			fstat(fd, (statError, stats) => {
				if (statError) {
					finish(statError);
					return;
				}
				stamp = stampOf(stats);
				const refused = refusal(stats);
				if (refused) finish(refused);
				else {
					void admit(stats.size).then((go) =>
						go ? readOpenFile(fd, stats.size, finish) : finish(new Error('cancelled')),
					);
				}
			});
		});
	});
}

/** Reads `size` bytes, fewer if the file shrank since fstat; with size 0 (unknown), until the
 * end, but no further than MAX_FILE_BYTES. */
function readOpenFile(
	fd: number,
	size: number,
	finish: (result: Uint8Array | Error) => void,
): void {
	let buffer = Buffer.allocUnsafe(size > 0 ? size : UNKNOWN_SIZE_CHUNK);
	let filled = 0;
	const step = (): void => {
		read(fd, buffer, filled, buffer.length - filled, null, (error, count) => {
			if (error) {
				finish(error);
				return;
			}
			filled += count;
			if (count === 0 || (size > 0 && filled === size)) {
				finish(buffer.subarray(0, filled));
				return;
			}
			if (filled === buffer.length) {
				if (filled > MAX_FILE_BYTES) {
					finish(new TooLargeError(filled));
					return;
				}
				const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_FILE_BYTES + 1));
				buffer.copy(larger, 0, 0, filled);
				buffer = larger;
			}
			step();
		});
	};
	step();
}

/** Files up to this size may be read on the calling thread (see QuickReads): about 0.1 ms of
 * copying from memory, and the loader's read-ahead of such files then holds at most 8 MB. */
export const QUICK_READ_MOST_BYTES = 256 * 1024;
/** A read that took this long came from a disk, not from memory (or was held up by a garbage
 * collection, or by another thread on the core: a few are). */
export const SLOW_READ_MS = 4;
/** This many slow reads among the last READS_WINDOW: the files come from a disk, and reads go
 * back to the pool. One slow read alone in a first run at 30,000 files was a collection. */
export const SLOW_READS_TO_STOP = 4;
export const READS_WINDOW = 16;

/**
 * Small files read on the calling thread while they come from memory, as they do when the
 * system has them cached (any folder read before, by this or another program). On the thread
 * pool, a file's open, fstat, read and close are four hand-offs between threads and four
 * callbacks: at 30,000 files of a first run that was a fifth of the listing, and the pool's
 * threads took the cores from the main thread and the store's writer (in a 2-core virtual
 * machine each hand-off wakes a core). Once SLOW_READS_TO_STOP of the last READS_WINDOW reads took
 * SLOW_READ_MS or more (a disk, a network file system), every later one goes to the pool
 * (readBytes), so keys are not held up by disks. A disk as quick as this VM's (100 µs a small
 * file with the system's cache dropped) is not seen as one: 0.2 ms, 6 of 16, switched in the
 * first 2,000 reads with the files cached too (a worker starting on the other core slows the
 * main thread's reads), and the store bench's first runs took 65.5–68.3 s against 51.0–60.9.
 * Only for files already stat'ed on the calling thread (the loader with a store), so opening
 * one does not wait for the disk either.
 */
export class QuickReads {
	private quick = true;
	private reads = 0;
	/** The numbers of the slow reads among the last READS_WINDOW, oldest first. */
	private readonly slow: number[] = [];

	constructor(private readonly now: () => number = () => performance.now()) {}

	/** Whether reads are still quick: a file of `size` bytes is then read by `read`. */
	takes(size: number): boolean {
		return this.quick && size > 0 && size <= QUICK_READ_MOST_BYTES;
	}

	/**
	 * Reads the file as readBytes would, here and now; undefined when it is no longer a small
	 * file of known size (it grew since its stat, or its file system says size 0): readBytes
	 * reads it then.
	 */
	read(path: string | Buffer): FileRead | undefined {
		const started = this.now();
		try {
			return readHere(path);
		} finally {
			this.reads++;
			if (this.now() - started >= SLOW_READ_MS) this.noteSlow();
		}
	}

	private noteSlow(): void {
		while (this.slow.length > 0 && this.slow[0]! <= this.reads - READS_WINDOW) this.slow.shift();
		this.slow.push(this.reads);
		if (this.slow.length >= SLOW_READS_TO_STOP) this.quick = false;
	}
}

function readHere(path: string | Buffer): FileRead | undefined {
	return readOnThisThread(path, QUICK_READ_MOST_BYTES);
}

/**
 * Reads a file on the calling thread, by readBytes's rules (a non-blocking open, the same
 * refusals, the size fstat gives, or to the end when it says 0, but not past MAX_FILE_BYTES):
 * for reads nothing can wait for, a command's, or a stored document's text as its file holds
 * it (see core/store/open.ts).
 */
export function readBytesNow(path: string | Buffer): FileRead {
	return readOnThisThread(path, undefined)!;
}

/** Whether a read or stat failed because the file is not there (any more). */
export function isGone(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return code === 'ENOENT' || code === 'ENOTDIR';
}

/** A failed read in the words a skipped file's detail and a command's message use. */
export function describeRead(error: Error): string {
	return error instanceof TooLargeError ? tooLarge(error.bytes) : describeError(error);
}

/** With `most`, undefined for a file of unknown size or over `most` bytes (left to the pool). */
function readOnThisThread(path: string | Buffer, most: number | undefined): FileRead | undefined {
	let fd: number;
	try {
		fd = openSync(path, OPEN_FLAGS);
	} catch (error) {
		return asError(error);
	}
	try {
		const stats = fstatSync(fd);
		const refused = refusal(stats);
		if (refused) return refused;
		if (most !== undefined && (stats.size === 0 || stats.size > most)) return undefined;
		const {size} = stats;
		let buffer = Buffer.allocUnsafe(size > 0 ? size : UNKNOWN_SIZE_CHUNK);
		let filled = 0;
		// As readOpenFile: fewer bytes if the file shrank since fstat.
		for (;;) {
			const count = readSync(fd, buffer, filled, buffer.length - filled, null);
			filled += count;
			if (count === 0 || (size > 0 && filled === size)) break;
			if (filled === buffer.length) {
				if (filled > MAX_FILE_BYTES) return new TooLargeError(filled);
				const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_FILE_BYTES + 1));
				buffer.copy(larger, 0, 0, filled);
				buffer = larger;
			}
		}
		return {bytes: buffer.subarray(0, filled), stamp: stampOf(stats)};
	} catch (error) {
		return asError(error);
	} finally {
		try {
			closeSync(fd);
		} catch {
			// The bytes (or error) are the answer whatever closing says.
		}
	}
}

function asError(error: unknown): Error {
	return error instanceof Error ? error : new Error(String(error));
}
