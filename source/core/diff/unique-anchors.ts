/**
 * The aligner's per-id scratch, sized by the id space once and left cleared after each use, so
 * a use costs O(range). One pass over a range of A (`tallyA`) gives every id found there its
 * count, its last position and a dense index in order of first sight: what anchors need (ids
 * once on each side), and what the exact alignment of a gap needs (a match mask per distinct
 * token of A: exact-lcs.ts). The passes jump about the id space, so an id's fields sit side by
 * side: one cache line per id instead of one per array.
 */
export class IdTable {
	/** Per id: its count in A, its count in B, its (last) position in A, and its dense index
	 * plus one (0: not seen). */
	private readonly table: Int32Array;

	constructor(idCount: number) {
		this.table = new Int32Array(idCount * FIELDS);
	}

	/** The setup run: counts, positions and dense indices of the ids of a[from, to); how many
	 * distinct ids it holds. Clear with `clear` (or `clearA`) before the next use. */
	tallyA(a: Int32Array, from: number, to: number): number {
		return tallyA(this.table, a, from, to);
	}

	/** The dense index tallyA gave `id`, or -1 when it is not in the range tallied. */
	indexOf(id: number): number {
		return this.table[id * FIELDS + 3]! - 1;
	}

	/** Forgets what tallyA recorded of a[from, to). */
	clearA(a: Int32Array, from: number, to: number): void {
		const table = this.table;
		for (let i = from; i < to; i++) {
			const at = a[i]! * FIELDS;
			table[at] = 0;
			table[at + 2] = 0;
			table[at + 3] = 0;
		}
	}

	/** Anchor pairs as a flat [i, j, i, j, …] in increasing order: ids occurring exactly once
	 * in a[a0, a1) and once in b[b0, b1), reduced to the longest run whose positions increase
	 * on both sides. `span` is how many tokens an id stands for (a gram of `span` tokens must
	 * fit in the range). */
	anchors(
		a: Int32Array,
		a0: number,
		a1: number,
		b: Int32Array,
		b0: number,
		b1: number,
		span: number,
	): number[] {
		const table = this.table;
		const lastA = a1 - span + 1;
		const lastB = b1 - span + 1;
		// One loop per function: the first call runs over a whole text, and V8 optimizes a long
		// loop while it runs, for what that loop has seen. With the passes in one function, each
		// later pass found code that had never seen it and fell back, a few times over.
		tallyA(table, a, a0, lastA);
		countB(table, b, b0, lastB);
		const candidates = uniquePairs(table, b, b0, lastB);
		// Zeroing what was touched costs two more passes over the range; over a whole text it is
		// cheaper to clear the table in one sweep.
		if (lastA - a0 + (lastB - b0) > table.length / FIELDS) table.fill(0);
		else clear(table, a, a0, lastA, b, b0, lastB);
		return longestIncreasing(candidates);
	}
}

function tallyA(table: Int32Array, a: Int32Array, from: number, to: number): number {
	let distinct = 0;
	for (let i = from; i < to; i++) {
		const at = a[i]! * FIELDS;
		if (table[at]!++ === 0) table[at + 3] = ++distinct;
		table[at + 2] = i;
	}
	return distinct;
}

function countB(table: Int32Array, b: Int32Array, from: number, to: number): void {
	for (let j = from; j < to; j++) table[b[j]! * FIELDS + 1]!++;
}

function uniquePairs(table: Int32Array, b: Int32Array, from: number, to: number): number[] {
	const pairs: number[] = [];
	for (let j = from; j < to; j++) {
		const at = b[j]! * FIELDS;
		if (table[at] === 1 && table[at + 1] === 1) pairs.push(table[at + 2]!, j);
	}
	return pairs;
}

function clear(
	table: Int32Array,
	a: Int32Array,
	a0: number,
	lastA: number,
	b: Int32Array,
	b0: number,
	lastB: number,
): void {
	for (let i = a0; i < lastA; i++) {
		const at = a[i]! * FIELDS;
		table[at] = 0;
		table[at + 3] = 0;
	}
	for (let j = b0; j < lastB; j++) table[b[j]! * FIELDS + 1] = 0;
}

const FIELDS = 4;

/** Patience sorting: the longest subsequence of [i, j] pairs (sorted by j) increasing in i. */
export function longestIncreasing(pairs: readonly number[]): number[] {
	const count = pairs.length / 2;
	if (count === 0) return [];
	const previous = new Int32Array(count);
	const {last, length} = patience(pairs, previous);
	return backtrack(pairs, previous, last, length);
}

/** The sorting pass: links each pair to the one before it in a longest run ending there. The
 * two passes are functions of their own for V8's sake, like the counting in `anchors`. */
function patience(pairs: readonly number[], previous: Int32Array) {
	const count = previous.length;
	const tails = new Int32Array(count);
	let length = 0;
	for (let k = 0; k < count; k++) {
		const i = pairs[2 * k]!;
		let low = 0;
		let high = length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (pairs[2 * tails[middle]!]! < i) low = middle + 1;
			else high = middle;
		}
		previous[k] = low > 0 ? tails[low - 1]! : -1;
		tails[low] = k;
		if (low === length) length++;
	}
	return {last: tails[length - 1]!, length};
}

function backtrack(
	pairs: readonly number[],
	previous: Int32Array,
	last: number,
	length: number,
): number[] {
	const result = new Array<number>(length * 2);
	for (let k = last, at = length - 1; at >= 0; k = previous[k]!, at--) {
		result[2 * at] = pairs[2 * k]!;
		result[2 * at + 1] = pairs[2 * k + 1]!;
	}
	return result;
}
