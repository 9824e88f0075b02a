import {paragraphCount} from '../store/stored-document.js';
import type {Document} from '../types.js';

/**
 * What a document is indexed from besides its id: its text's hash, and the title, dateline,
 * source and paragraph count read from it (which the rules that read them could change while
 * the text stays the same). An index entry kept from an earlier run (see snapshot.ts) is taken
 * up only for a document with the same key. Reads no text.
 */
export function documentKey(document: Document): string {
	return [
		document.hash,
		document.title,
		document.dateline ?? '',
		document.source ?? '',
		paragraphCount(document),
	].join('\u0000');
}
