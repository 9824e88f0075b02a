import {foldBlock, mix32, scrambleBlock} from './hash.js';

// One-permutation MinHash (Li, Owen and Zhang 2012) with optimal densification (Shrivastava
// 2017): each shingle is hashed once, the top bits of its hash pick one of SIGNATURE_BINS bins
// and the bin keeps its smallest hash. Two sets then agree on a bin with probability equal to
// their Jaccard similarity, as with 128 separate MinHash permutations, at the cost of one pass.
// Empty bins (short texts) borrow the value of a non-empty bin chosen by a probe sequence that
// is the same for every document, which keeps that property.

export const SIGNATURE_BINS = 128;
const BIN_SHIFT = 32 - Math.log2(SIGNATURE_BINS);

/** Rows per LSH band and number of bands. Two signatures become candidates when all rows of
 * some band agree: probability 1 - (1 - J^2)^64, which is 0.9976 at J = 0.3, 0.99999 at J = 0.4
 * and 0.47 at J = 0.1, and 0.006 at the J of 0.01 that unrelated articles stay below. */
export const BAND_ROWS = 2;
export const BANDS = Math.floor(SIGNATURE_BINS / BAND_ROWS);

/**
 * A signature built from shingles given a part at a time (a long text is read in pieces between
 * keystrokes): each bin's minimum over the parts is its minimum over the whole, so the result
 * equals signature() of all the shingles at once.
 */
export class SignatureBuilder {
	readonly #bins = new Uint32Array(SIGNATURE_BINS);
	readonly #filled = new Uint8Array(SIGNATURE_BINS);
	#empty = true;

	add(shingles: Uint32Array): void {
		const bins = this.#bins;
		const filled = this.#filled;
		if (shingles.length > 0) this.#empty = false;
		for (let index = 0; index < shingles.length; index++) {
			const hash = shingles[index]!;
			const bin = hash >>> BIN_SHIFT;
			if (filled[bin] === 0) {
				filled[bin] = 1;
				bins[bin] = hash;
			} else if (hash < bins[bin]!) bins[bin] = hash;
		}
	}

	/** The signature of every shingle added, or undefined when there were none. Once: it fills
	 * the empty bins in place (a builder is made per document, so nothing is copied). */
	finish(): Uint32Array | undefined {
		if (this.#empty) return undefined;
		const bins = this.#bins;
		const filled = this.#filled;
		for (let bin = 0; bin < SIGNATURE_BINS; bin++) {
			if (filled[bin] === 1) continue;
			for (let attempt = 1; ; attempt++) {
				const donor = mix32(Math.imul(bin + 1, 0x9e3779b9) ^ attempt) >>> BIN_SHIFT;
				if (filled[donor] === 1) {
					bins[bin] = bins[donor]!;
					break;
				}
			}
		}
		return bins;
	}
}

/** MinHash signature of a set of shingle hashes (repeats allowed), or undefined when there are
 * no shingles: an empty text has nothing to resemble. */
export function signature(shingles: Uint32Array): Uint32Array | undefined {
	const builder = new SignatureBuilder();
	builder.add(shingles);
	return builder.finish();
}

/** One key per LSH band: a hash of the band's rows and of the band's number. */
export function bandKeys(bins: Uint32Array): Uint32Array {
	const keys = new Uint32Array(BANDS);
	for (let band = 0; band < BANDS; band++) keys[band] = bandKey(bins, band);
	return keys;
}

/** The key of one band, as bandKeys gives it. */
export function bandKey(bins: Uint32Array, band: number): number {
	let state = band;
	for (let row = 0; row < BAND_ROWS; row++) {
		state = foldBlock(state, scrambleBlock(bins[band * BAND_ROWS + row]!));
	}
	return mix32(state);
}

/** Share of bins two signatures agree on: an estimate of their sets' Jaccard similarity. */
export function estimatedSimilarity(a: Uint32Array, b: Uint32Array): number {
	let agreeing = 0;
	for (let bin = 0; bin < SIGNATURE_BINS; bin++) if (a[bin] === b[bin]) agreeing++;
	return agreeing / SIGNATURE_BINS;
}
