/**
 * A document's key and its digest (see core/search/document-key.ts, which says what the key is
 * for), here apart from the search code: the store works the digests of its rows out when it
 * keeps them (kept-rows.ts), and what loads before the library's first frame holds no search
 * code (test/bundle.test.ts).
 */

/** The documentKey of a document with these fields (see core/search/document-key.ts; a stored
 * row's: see kept-rows.ts). */
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
