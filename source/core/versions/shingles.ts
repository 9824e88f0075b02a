import {foldBlock, mix32, scrambleBlock} from './hash.js';
import {wordHashes} from './words.js';

/** Words per shingle. Five is long enough that unrelated news articles rarely share a shingle
 * outside quoted or boilerplate sentences, and short enough that one edited word disturbs
 * only five shingles. */
export const SHINGLE_WORDS = 5;

const SEED = 0x5eed5eed;

/** Hashes of every run of SHINGLE_WORDS consecutive words, in reading order and with repeats.
 * Texts shorter than one shingle have none. */
export function shingleHashes(words: Uint32Array): Uint32Array {
	const count = words.length - SHINGLE_WORDS + 1;
	if (count <= 0) return new Uint32Array(0);
	const scrambled = new Int32Array(words.length);
	for (let index = 0; index < words.length; index++) {
		scrambled[index] = scrambleBlock(words[index]!);
	}
	const shingles = new Uint32Array(count);
	for (let start = 0; start < count; start++) {
		let state = SEED;
		for (let offset = 0; offset < SHINGLE_WORDS; offset++) {
			state = foldBlock(state, scrambled[start + offset]!);
		}
		shingles[start] = mix32(state ^ (SHINGLE_WORDS * 4));
	}
	return shingles;
}

/**
 * Shingles of a text whose words come a part at a time (a long text is read in pieces between
 * keystrokes). It keeps the last SHINGLE_WORDS - 1 words, which begin the shingles that the next
 * part's words complete, so the parts' shingles in order are shingleHashes of all the words.
 */
export class ShingleStream {
	readonly #tail = new Uint32Array(SHINGLE_WORDS - 1);
	#kept = 0;

	/** The shingles that end in `words`, the next words of the text. */
	push(words: Uint32Array): Uint32Array {
		let all = words;
		if (this.#kept > 0) {
			all = new Uint32Array(this.#kept + words.length);
			all.set(this.#tail.subarray(0, this.#kept));
			all.set(words, this.#kept);
		}
		this.#kept = Math.min(SHINGLE_WORDS - 1, all.length);
		this.#tail.set(all.subarray(all.length - this.#kept));
		return shingleHashes(all);
	}
}

/** The shingle hashes of a text. */
export function textShingles(text: string): Uint32Array {
	return shingleHashes(wordHashes(text));
}

/** Sorted, duplicate-free copy of `shingles`: the set exact similarity compares. */
export function shingleSet(shingles: Uint32Array): Uint32Array {
	const sorted = Uint32Array.from(shingles).sort();
	let unique = 0;
	for (let index = 0; index < sorted.length; index++) {
		if (index === 0 || sorted[index] !== sorted[unique - 1]) sorted[unique++] = sorted[index]!;
	}
	return sorted.subarray(0, unique);
}
