/**
 * Band keys that no other document shares, for grouping a whole corpus in one batch (see
 * findVersions). LSH proposes a pair only through a band key both documents have, so when no
 * document is added after the batch, a key only one document has can neither find a candidate
 * nor be found by one: it need not be looked up or filed. In a corpus of mostly unrelated
 * articles that is almost every key, and looking each one up in the buckets (6.4 million at
 * 100,000 documents, each a probe into tens of megabytes) was most of the grouping's time.
 *
 * Counted a band at a time in a table of that band's keys alone, about two entries a document:
 * small enough to stay in the processor's cache, where the buckets of every band are not.
 */
import {BANDS, bandKey} from './minhash.js';

/** What lonelyBands found. */
export interface LonelyBands {
	/** At i * BANDS + band: 1 when document i's key for that band is no other document's, 0
	 * when another has it too, or when document i has no signature. */
	readonly lonely: Uint8Array;
	/** How many keys some other document shares (each counted once per document holding it):
	 * the most filings the buckets will take (fewer when a bucket is full, or a document
	 * repeated with the same text is not added again). */
	readonly shared: number;
	/** Every key, a band's side by side: band b's key of document i at b * count + i. Signed, as
	 * the table's are: a key is compared only with keys from these arrays, never with bandKeys'
	 * unsigned ones. */
	readonly keys: Int32Array;
}

/** Which band keys of `signatures` (undefined: a text with no shingles) no other has. */
export function lonelyBands(signatures: readonly (Uint32Array | undefined)[]): LonelyBands {
	const count = signatures.length;
	const lonely = new Uint8Array(count * BANDS);
	// Every key worked out once, a band's keys side by side.
	const keys = new Int32Array(count * BANDS);
	signatures.forEach((bins, at) => {
		if (bins === undefined) return;
		for (let band = 0; band < BANDS; band++) keys[band * count + at] = bandKey(bins, band);
	});
	let size = 16;
	while (size < count * 2) size *= 2;
	const mask = size - 1;
	// Per slot, a key and how many documents have it (0: an empty slot), side by side so that a
	// look-up touches one place. Keys are hashes already: their low bits are as good as any.
	const table = new Int32Array(size * 2);
	// The slot of `key`: where it is, or the empty one its run ends at.
	const slotOf = (key: number): number => {
		let slot = key & mask;
		while (table[slot * 2 + 1] !== 0 && table[slot * 2] !== key) slot = (slot + 1) & mask;
		return slot;
	};
	let shared = 0;
	for (let band = 0; band < BANDS; band++) {
		table.fill(0);
		const from = band * count;
		for (let at = 0; at < count; at++) {
			if (signatures[at] === undefined) continue;
			const slot = slotOf(keys[from + at]!);
			table[slot * 2] = keys[from + at]!;
			table[slot * 2 + 1]! += 1;
		}
		for (let at = 0; at < count; at++) {
			if (signatures[at] === undefined) continue;
			if (table[slotOf(keys[from + at]!) * 2 + 1] === 1) lonely[at * BANDS + band] = 1;
			else shared++;
		}
	}
	return {lonely, shared, keys};
}

/**
 * The documents that can be in one group of versions with document `from`: it, those sharing a
 * band key with it, those sharing one with them, and so on; their places in ascending order. LSH
 * proposes no pair that shares no key, so no other document can join them, and the buckets of
 * their keys hold only them.
 */
export function sharingWith(
	from: number,
	signatures: readonly (Uint32Array | undefined)[],
	{lonely, keys}: LonelyBands,
): number[] {
	const count = signatures.length;
	// Per band, the documents whose key for it another has, in the order of their keys.
	const byBand = Array.from({length: BANDS}, (_, band) => {
		const sharing: number[] = [];
		for (let at = 0; at < count; at++) {
			if (signatures[at] !== undefined && lonely[at * BANDS + band] === 0) sharing.push(at);
		}
		const bandAt = band * count;
		return sharing.sort((a, b) => keys[bandAt + a]! - keys[bandAt + b]! || a - b);
	});
	const reached = new Uint8Array(count);
	reached[from] = 1;
	const queue = [from];
	for (let next = 0; next < queue.length; next++) {
		const at = queue[next]!;
		if (signatures[at] === undefined) continue;
		for (let band = 0; band < BANDS; band++) {
			if (lonely[at * BANDS + band] === 1) continue;
			const sharing = byBand[band]!;
			const key = keys[band * count + at]!;
			// The first of the documents with this key, then each of them.
			let low = 0;
			let high = sharing.length;
			while (low < high) {
				const middle = (low + high) >>> 1;
				if (keys[band * count + sharing[middle]!]! < key) low = middle + 1;
				else high = middle;
			}
			for (let place = low; place < sharing.length; place++) {
				const other = sharing[place]!;
				if (keys[band * count + other] !== key) break;
				if (reached[other] === 1) continue;
				reached[other] = 1;
				queue.push(other);
			}
		}
	}
	return queue.sort((a, b) => a - b);
}
