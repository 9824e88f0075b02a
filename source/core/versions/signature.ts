/**
 * A document's version signature from its text, on its own: what the versions index files a
 * document under, and what the store keeps for the next run. Also bundled on its own for the
 * store's writer thread (see core/store/facts-writer.ts), which works out a first run's
 * signatures from the texts it writes, so the main thread need not read each text back.
 */
import {SIGNATURE_BINS, SignatureBuilder} from './minhash.js';
import {readShingles} from './stepwise.js';

/** The MinHash signature the index files `text` under (undefined when it has no shingles), for a
 * store to keep and give back as a KnownSignature. */
export function versionSignature(text: string): Uint32Array | undefined {
	const builder = new SignatureBuilder();
	const reading = readShingles(text, Number.POSITIVE_INFINITY, builder);
	while (reading.next().done !== true);
	return builder.finish();
}

/** Signatures of many texts in two arrays a thread can hand over without copying. */
export interface PackedSignatures {
	/** Text i's signature at [i * SIGNATURE_BINS, (i + 1) * SIGNATURE_BINS); zeros when it has
	 * none. */
	readonly bins: Uint32Array<ArrayBuffer>;
	/** 1 where text i has a signature, 0 where it has no shingles. */
	readonly shingled: Uint8Array<ArrayBuffer>;
}

/** versionSignature of each of `texts`, packed. */
export function packedSignatures(texts: readonly string[]): PackedSignatures {
	const bins = new Uint32Array(texts.length * SIGNATURE_BINS);
	const shingled = new Uint8Array(texts.length);
	texts.forEach((text, at) => {
		const signature = versionSignature(text);
		if (signature === undefined) return;
		bins.set(signature, at * SIGNATURE_BINS);
		shingled[at] = 1;
	});
	return {bins, shingled};
}

/** Text `at`'s signature in `packed` (a view, not a copy): null when it has no shingles. */
export function unpackedSignature(packed: PackedSignatures, at: number): Uint32Array | null {
	if (packed.shingled[at] !== 1) return null;
	return packed.bins.subarray(at * SIGNATURE_BINS, (at + 1) * SIGNATURE_BINS);
}
