// 32-bit hashing for shingles and MinHash. Everything stays in int32/uint32 arithmetic
// (Math.imul, >>>) so V8 keeps it in registers; no strings or BigInts are built per word.

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** Murmur3's finaliser: spreads every input bit over the whole 32-bit result. */
export function mix32(value: number): number {
	let h = value | 0;
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** Murmur3's per-block scramble, applied once per word so a shingle hash costs only a few
 * operations per word it covers. */
export function scrambleBlock(value: number): number {
	let k = Math.imul(value, 0xcc9e2d51);
	k = (k << 15) | (k >>> 17);
	return Math.imul(k, 0x1b873593);
}

/** Folds one scrambled block into a running Murmur3 state. Order-sensitive. */
export function foldBlock(state: number, scrambled: number): number {
	let h = state ^ scrambled;
	h = (h << 13) | (h >>> 19);
	return (Math.imul(h, 5) + 0xe6546b64) | 0;
}
