import type {Document} from '../types.js';
import {fileModified} from '../corpus/modified.js';
import {parseDatelineDate} from '../history/dateline-date.js';

// Apart from core/library/sort, which the first frame loads (for the header's order names):
// dates are wanted only once the list is ordered by them.
/** When a document was written, for the newest-first order: its dateline's date (the wall clock
 * it shows, see core/history/dateline-date), else its file's time; undefined when neither. */
export function documentDate(document: Document): number | undefined {
	const written = document.dateline ? parseDatelineDate(document.dateline) : undefined;
	if (written) return written.wallMs;
	const modified = fileModified(document);
	return 'modifiedMs' in modified ? modified.modifiedMs : undefined;
}
