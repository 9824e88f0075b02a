import {paragraphCount, StoredDocument} from '../store/stored-document.js';
import type {Document} from '../types.js';

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

/** The documentKey of a document with these fields (a stored row's: see kept-rows.ts). */
export function keyOfParts(
	hash: string,
	title: string,
	dateline: string | null | undefined,
	source: string | null | undefined,
	paragraphs: number,
): string {
	return [hash, title, dateline ?? '', source ?? '', paragraphs].join('\u0000');
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

/**
 * A 64-bit digest of `key` (a documentKey), as two 32-bit halves written at `into[at]` and
 * `into[at + 1]`: what a snapshot keeps of each entry's key (the keys themselves, about 160
 * characters each, made its header 17 MB at 100,000 documents, 0.26 s to parse). Not a
 * cryptographic hash: two keys of one document id that differ while their digests agree would
 * need about 2^32 changes of that file.
 */
export function keyDigest(key: string, into: Int32Array, at: number): void {
	// cyrb53's mixing, both halves kept.
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let index = 0; index < key.length; index++) {
		const code = key.charCodeAt(index);
		h1 = Math.imul(h1 ^ code, 2_654_435_761);
		h2 = Math.imul(h2 ^ code, 1_597_334_677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2_246_822_507);
	h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3_266_489_909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2_246_822_507);
	h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3_266_489_909);
	into[at] = h1;
	into[at + 1] = h2;
}
