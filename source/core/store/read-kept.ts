/**
 * Reading what is kept in the cache beside the database (see keep-file.ts). Its own module, with
 * nothing but node:fs: dist/cli.js reads the commands' names file before the bundle loads.
 */
import {closeSync, constants, fstatSync, openSync, readFileSync} from 'node:fs';

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
