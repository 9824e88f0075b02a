import * as fs from 'node:fs';
import {dirname} from 'node:path';

/** What makeFolders needs of the file system (tests inject failures). */
export interface FolderMaker {
	readonly mkdirSync: typeof fs.mkdirSync;
	readonly statSync: typeof fs.statSync;
}

/**
 * mkdir -p, failing with the real reason. Node's recursive mkdir says ENOENT where a level fails
 * for another reason, a read-only file system (EROFS): it looks for the folder after the
 * failure, finds none, and reports that, so "no such file or directory" (or "no longer there")
 * was told for a cache or state folder on a read-only disk. On ENOENT the missing levels are
 * made one at a time from the top, and the first failure is thrown (none: they are made).
 */
export function makeFolders(
	path: string,
	options: {readonly mode?: number} = {},
	fileSystem: FolderMaker = fs,
): void {
	try {
		fileSystem.mkdirSync(path, {recursive: true, ...options});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		const reason = levelByLevel(path, options, fileSystem);
		if (reason !== undefined) throw reason;
	}
}

/** Why the missing levels of `path` cannot be made, made one at a time (undefined if they can). */
function levelByLevel(
	path: string,
	options: {readonly mode?: number},
	fileSystem: FolderMaker,
): unknown {
	const missing: string[] = [];
	for (let folder = path; ; folder = dirname(folder)) {
		try {
			fileSystem.statSync(folder);
			break;
		} catch {
			missing.unshift(folder);
		}
		if (dirname(folder) === folder) break;
	}
	for (const folder of missing) {
		try {
			fileSystem.mkdirSync(folder, options);
		} catch (error) {
			return error;
		}
	}
	return undefined;
}
