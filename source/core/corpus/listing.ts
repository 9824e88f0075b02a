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
import {createHash, randomBytes} from 'node:crypto';
import {closeSync, fstatSync, openSync, readSync, unlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {FileStamp} from '../store/types.js';
import {isArticleName} from './scan.js';

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

/** Waits no longer than this for find: a folder on a hung network mount must not hang a
 * command that would otherwise answer from its own scan. */
const FIND_TIMEOUT_MS = 10_000;
const STRICT_UTF8 = new TextDecoder('utf-8', {fatal: true});

/**
 * The arguments: names starting with a dot and node_modules pruned, as the scan skips them;
 * regular files printed with size and modification time, symbolic links marked. Which files
 * are articles is decided here (isArticleName), not by find: three name tests a file took
 * longer than its stat. Entries end in NUL, so any name survives.
 */
export function findArguments(root: string): string[] {
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
		'-type',
		'f',
		'-printf',
		'f %s %T@ %P\\0',
		'-o',
		'-type',
		'l',
		'-printf',
		'l %P\\0',
	];
}

/**
 * Starts listing `root` (a real path) at once and resolves with the listing, or undefined when
 * find cannot give one (not there, not GNU, an error on the way such as a folder it cannot read,
 * too slow). Never rejects. find writes to a temporary file, not a pipe: a command busy with its
 * own work meanwhile would not empty a pipe, and find would wait for it (100,000 entries are
 * 6 MB, a pipe holds 64 KB).
 */
export function listFolder(
	root: string,
	options: {
		readonly command?: string;
		/** The child's environment (the caller's, with LC_ALL=C so the seconds' fraction is
		 * written with a point whatever the locale); inherited when not given. */
		readonly environment?: Readonly<Record<string, string | undefined>>;
	} = {},
): Promise<FolderListing | undefined> {
	const {command = 'find', environment} = options;
	return new Promise((resolve) => {
		// Opened, then unlinked at once: nothing is left behind however the process ends, and
		// the output is read back through this descriptor.
		const path = join(tmpdir(), `reading-room-listing-${randomBytes(8).toString('hex')}`);
		let output: number;
		try {
			output = openSync(path, 'wx+', 0o600);
		} catch {
			resolve(undefined);
			return;
		}
		try {
			unlinkSync(path);
		} catch {
			// Left for the system's temporary files to be cleared.
		}
		const finish = (listing: FolderListing | undefined) => {
			closeSync(output);
			resolve(listing);
		};
		let child: ReturnType<typeof spawn>;
		try {
			child = spawn(command, findArguments(root), {
				stdio: ['ignore', output, 'pipe'],
				...(environment ? {env: environment} : {}),
			});
		} catch {
			finish(undefined);
			return;
		}
		let failed = false;
		const timer = setTimeout(() => {
			failed = true;
			child.kill();
		}, FIND_TIMEOUT_MS);
		// Anything on stderr (a folder it could not read) means the listing may be short.
		child.stderr!.on('data', () => {
			failed = true;
		});
		child.on('error', () => {
			failed = true;
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			if (failed || code !== 0) {
				finish(undefined);
				return;
			}
			try {
				const bytes = Buffer.allocUnsafe(fstatSync(output).size);
				let filled = 0;
				while (filled < bytes.length) {
					const count = readSync(output, bytes, filled, bytes.length - filled, filled);
					if (count === 0) break;
					filled += count;
				}
				finish(listingOf(bytes.subarray(0, filled)));
			} catch {
				finish(undefined);
			}
		});
	});
}

/** A listing from find's output (see findArguments): its entries read when first asked for. */
export function listingOf(output: Buffer): FolderListing {
	let parsed: {files: Map<string, FileStamp>; plain: boolean} | null | undefined;
	const entries = () => (parsed ??= parseListing(output) ?? null);
	return {
		fingerprint: createHash('sha1').update(output).digest('base64'),
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
