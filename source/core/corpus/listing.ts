/**
 * The folder's article files with their sizes and modification times, listed by one `find`
 * process (GNU find's -printf) instead of a stat call per file from JavaScript: what the commands
 * compare with the store to know whether anything changed. 10,000 files took 20–30 ms in the
 * child, on the other core, against 40–60 ms of statSync and its garbage on the main thread.
 *
 * The fingerprint covers every regular file under the folder, articles or not: a file that is
 * not an article changing only sends the next command the long way.
 *
 * Only a shortcut: where find is missing or is not GNU find, fails, or the folder holds anything
 * the scan treats specially (a symbolic link, a name that is not UTF-8, a date before 1970), the
 * listing is undefined or not `plain`, and the commands do what they did without it.
 */
import {Buffer} from 'node:buffer';
import {spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {fstatSync, readSync} from 'node:fs';
import type {FileStamp} from '../store/types.js';
import {startFind, type FindOptions, type FindRun} from './find-run.js';
import {isArticleName} from './scan.js';

export {findArguments} from './find-run.js';

export interface FolderListing {
	/**
	 * A digest of the whole listing: the same digest, the same files, sizes and times. Worked
	 * out at once; the rest is read from the listing when first asked for (a command that
	 * finds the fingerprint it confirmed last time needs nothing else: 100,000 entries took
	 * about 100 ms to read).
	 */
	readonly fingerprint: string;
	/** Each article file by its path relative to the folder ('/' separators). */
	readonly files: ReadonlyMap<string, FileStamp>;
	/**
	 * No symbolic link anywhere under the folder (the scan follows them, find does not) and every
	 * name UTF-8: then `files` are exactly the files the scan finds, by the same ids (unless
	 * sanitising changes one, which a caller compares).
	 */
	readonly plain: boolean;
}

const STRICT_UTF8 = new TextDecoder('utf-8', {fatal: true});

/** How often find's output is read and hashed while it runs. */
const READ_EVERY_MS = 10;

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
	options: FindOptions & {readonly started?: FindRun | undefined} = {},
): Promise<FolderListing | undefined> {
	const run = options.started ?? startFind(root, spawn, options);
	if (run === undefined) return undefined;
	const output = new GrowingFile(run.output);
	const timer = setInterval(() => {
		try {
			output.catchUp();
		} catch {
			// Read again when find is done.
		}
	}, READ_EVERY_MS);
	// find itself holds the process while the command waits for it.
	timer.unref();
	try {
		if (!(await run.done)) return undefined;
		output.catchUp();
		return listingFrom(() => output.bytes(), output.digest());
	} catch {
		return undefined;
	} finally {
		clearInterval(timer);
		run.drop();
	}
}

/** A file being appended to, read and hashed as it grows (see listFolder). */
export class GrowingFile {
	private readonly hash = createHash('sha1');
	private readonly chunks: Buffer[] = [];
	private read = 0;

	constructor(private readonly descriptor: number) {}

	/** Reads and hashes what was appended since the last time. */
	catchUp(): void {
		const size = fstatSync(this.descriptor).size;
		if (size <= this.read) return;
		const chunk = Buffer.allocUnsafe(size - this.read);
		let filled = 0;
		while (filled < chunk.length) {
			const count = readSync(
				this.descriptor,
				chunk,
				filled,
				chunk.length - filled,
				this.read + filled,
			);
			if (count === 0) break;
			filled += count;
		}
		const got = chunk.subarray(0, filled);
		this.hash.update(got);
		this.chunks.push(got);
		this.read += filled;
	}

	/** The SHA-1 (base64) of everything read: once only. */
	digest(): string {
		return this.hash.digest('base64');
	}

	/** Everything read, in one buffer. */
	bytes(): Buffer {
		return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
	}
}

/** A listing from find's output (see findArguments): its entries read when first asked for. */
export function listingOf(output: Buffer): FolderListing {
	return listingFrom(() => output, createHash('sha1').update(output).digest('base64'));
}

/** The listing of find's output (`output`, asked for only when the entries are) whose SHA-1 is
 * `fingerprint`. */
function listingFrom(output: () => Buffer, fingerprint: string): FolderListing {
	let parsed: {files: Map<string, FileStamp>; plain: boolean} | null | undefined;
	const entries = () => (parsed ??= parseListing(output()) ?? null);
	return {
		fingerprint,
		// Output not of the expected form speaks for nothing.
		get files() {
			return entries()?.files ?? new Map<string, FileStamp>();
		},
		get plain() {
			return entries()?.plain ?? false;
		},
	};
}

/** The entries of find's output (see findArguments); undefined when it is not in that form. */
export function parseListing(
	output: Buffer,
): {files: Map<string, FileStamp>; plain: boolean} | undefined {
	const files = new Map<string, FileStamp>();
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
		const parsed = parseFileEntry(entry);
		if (parsed === undefined) return undefined;
		if (parsed === 'unusual') {
			plain = false;
			continue;
		}
		const slash = parsed.path.lastIndexOf('/');
		if (isArticleName(parsed.path.slice(slash + 1))) files.set(parsed.path, parsed.stamp);
	}
	return {files, plain};
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
