import type {FileStamp} from './types.js';

/** Whether a file is as it was stored: the same size and modification time. */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
	return stampedAs(a.size, a.mtimeMs, b);
}

/** sameStamp for a stamp held as its two numbers (a database row's `size` and `mtime`), so that
 * the rows' hot paths make no object to compare. */
export function stampedAs(size: number, mtimeMs: number, stamp: FileStamp): boolean {
	return size === stamp.size && mtimeMs === stamp.mtimeMs;
}
