/**
 * Reading what is kept in the cache beside the database (see keep-file.ts). Its own module, with
 * nothing but node:fs: dist/cli.js reads the commands' names file before the bundle loads.
 */
import {
	closeSync,
	constants,
	fstatSync,
	openSync,
	readFileSync,
	readSync,
	type BigIntStats,
} from 'node:fs';

/**
 * A kept file's identity: device, inode, size and modification time (ns). What is kept is
 * written to a new file renamed into place (keep-file.ts), never written into, so the same
 * identity holds the same bytes: the names are not read and hashed again at every command
 * (3.5 MB at 100,000 files, about 5 ms), and the database knows its kept rows' file.
 */
export function fileIdentity(stats: BigIntStats): string {
	return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}`;
}

/**
 * A file kept in the cache, open for reading when it is a regular file; undefined otherwise or
 * when it cannot be opened. Opened without waiting: a pipe in its place (put there by hand) would
 * wait for a writer, and the command with it, for good.
 */
export function openKept(file: string): number | undefined {
	let fd: number;
	try {
		fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch {
		return undefined;
	}
	try {
		if (fstatSync(fd).isFile()) return fd;
	} catch {
		// Gone meanwhile: as not a file.
	}
	closeSync(fd);
	return undefined;
}

/** The text of `file` kept in the cache (see openKept), or undefined when there is none. */
export function readKept(file: string): string | undefined {
	const kept = openKept(file);
	if (kept === undefined) return undefined;
	try {
		return readFileSync(kept, 'utf8');
	} catch {
		return undefined;
	} finally {
		closeSync(kept);
	}
}

/** Fills `into` from byte `position` of the file open as `descriptor`, reading by position
 * until it is full or the file ends; how many bytes it filled. */
export function fillFrom(descriptor: number, into: Uint8Array, position: number): number {
	let filled = 0;
	while (filled < into.length) {
		const count = readSync(descriptor, into, filled, into.length - filled, position + filled);
		if (count === 0) break;
		filled += count;
	}
	return filled;
}

/**
 * What `read` makes of `file`, kept in the cache (see openKept), when it is the very file
 * `identity` names (see fileIdentity: the database keeps the identity of each file it wrote);
 * undefined when it is not, it cannot be read, or `read` gives nothing. The file is open only
 * while `read` runs (given its descriptor and size).
 */
export function readNamedKept<T>(
	file: string,
	identity: string,
	read: (descriptor: number, size: number) => T | undefined,
): T | undefined {
	const kept = openKept(file);
	if (kept === undefined) return undefined;
	try {
		const stats = fstatSync(kept, {bigint: true});
		if (fileIdentity(stats) !== identity) return undefined;
		return read(kept, Number(stats.size));
	} catch {
		return undefined;
	} finally {
		closeSync(kept);
	}
}
