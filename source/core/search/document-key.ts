import {paragraphCount, StoredDocument} from '../store/stored-document.js';
import {keyDigest, keyOfParts} from '../store/key-digest.js';
import type {Document} from '../types.js';

export {keyDigest} from '../store/key-digest.js';

/**
 * What a document is indexed from besides its id: its text's hash, and the title, dateline,
 * source and paragraph count read from it (which the rules that read them could change while
 * the text stays the same). An index entry kept from an earlier run (see snapshot.ts) is taken
 * up only for a document with the same key. Reads no text.
 */
export function documentKey(document: Document): string {
	return keyOfParts(
		document.hash,
		document.title,
		document.dateline,
		document.source,
		paragraphCount(document),
	);
}

/**
 * keyDigest of `document`'s documentKey, written at `into[at]` and `into[at + 1]`: the one the
 * store kept with a stored document's metadata when there is one (see kept-rows.ts; making and
 * hashing 100,000 keys was 60–80 ms of a second start's take-up of the search index), else
 * worked out.
 */
export function documentKeyDigest(document: Document, into: Int32Array, at: number): void {
	if (document instanceof StoredDocument && document.keptKeyDigest(into, at)) return;
	keyDigest(documentKey(document), into, at);
}
