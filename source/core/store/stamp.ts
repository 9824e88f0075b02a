import type {FileStamp} from './types.js';

/** Whether a file is as it was stored: the same size and modification time. */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
	return a.size === b.size && a.mtimeMs === b.mtimeMs;
}
