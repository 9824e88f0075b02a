/**
 * Finds anchors: ids occurring exactly once in a[a0, a1) and once in b[b0, b1), reduced to the
 * longest run whose positions increase on both sides. Scratch arrays are sized by the id space
 * once and left zeroed after each call, so a call costs O(range).
 */
export class UniqueCounter {
	private readonly countA: Int32Array;
	private readonly countB: Int32Array;
	private readonly positionA: Int32Array;

	constructor(idCount: number) {
		this.countA = new Int32Array(idCount);
		this.countB = new Int32Array(idCount);
		this.positionA = new Int32Array(idCount);
	}

	/** Anchor pairs as a flat [i, j, i, j, …] in increasing order. `span` is how many tokens an
	 * id stands for (a gram of `span` tokens must fit in the range). */
	anchors(
		a: Int32Array,
		a0: number,
		a1: number,
		b: Int32Array,
		b0: number,
		b1: number,
		span: number,
	): number[] {
		const {countA, countB, positionA} = this;
		const lastA = a1 - span + 1;
		const lastB = b1 - span + 1;
		for (let i = a0; i < lastA; i++) {
			const id = a[i]!;
			countA[id]!++;
			positionA[id] = i;
		}
		for (let j = b0; j < lastB; j++) countB[b[j]!]!++;
		const candidates: number[] = [];
		for (let j = b0; j < lastB; j++) {
			const id = b[j]!;
			if (countA[id] === 1 && countB[id] === 1) candidates.push(positionA[id]!, j);
		}
		for (let i = a0; i < lastA; i++) countA[a[i]!] = 0;
		for (let j = b0; j < lastB; j++) countB[b[j]!] = 0;
		return longestIncreasing(candidates);
	}
}

/** Patience sorting: the longest subsequence of [i, j] pairs (sorted by j) increasing in i. */
export function longestIncreasing(pairs: readonly number[]): number[] {
	const count = pairs.length / 2;
	if (count === 0) return [];
	const tails = new Int32Array(count);
	const previous = new Int32Array(count);
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
	const result = new Array<number>(length * 2);
	for (let k = tails[length - 1]!, at = length - 1; at >= 0; k = previous[k]!, at--) {
		result[2 * at] = pairs[2 * k]!;
		result[2 * at + 1] = pairs[2 * k + 1]!;
	}
	return result;
}
