/** Number of values two sorted, duplicate-free arrays have in common (a linear merge). */
export function sharedCount(a: Uint32Array, b: Uint32Array): number {
	let shared = 0;
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		const x = a[i]!;
		const y = b[j]!;
		if (x === y) {
			shared++;
			i++;
			j++;
		} else if (x < y) i++;
		else j++;
	}
	return shared;
}

/** Jaccard similarity |A ∩ B| / |A ∪ B| of two sorted shingle sets; 0 when both are empty,
 * because two texts with nothing to compare are not versions of each other. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
	const shared = sharedCount(a, b);
	const union = a.length + b.length - shared;
	return union === 0 ? 0 : shared / union;
}

/** Share of the smaller set found in the larger one; 0 when either is empty. */
export function containment(a: Uint32Array, b: Uint32Array): number {
	const smaller = Math.min(a.length, b.length);
	return smaller === 0 ? 0 : sharedCount(a, b) / smaller;
}
