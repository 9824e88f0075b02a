import {statSync} from 'node:fs';
import {sanitiseLine} from '../text/sanitise.js';
import {openablePath, type Document} from '../types.js';
import {describeError} from './scan.js';

/** A document's file time for ordering versions, or why there is none to trust: the file
 * vanished or cannot be read, or its size changed since it was read (its time is another
 * text's). The history command and the history screen both order by it. */
export function fileModified(document: Document): {modifiedMs: number} | {problem: string} {
	try {
		const stats = statSync(openablePath(document));
		if (stats.size !== document.bytes) return {problem: 'changed since it was read'};
		return {modifiedMs: stats.mtimeMs};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {problem: code === 'ENOENT' ? 'vanished' : sanitiseLine(describeError(error))};
	}
}
