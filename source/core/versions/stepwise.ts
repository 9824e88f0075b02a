// The versions index's work on one document, cut into steps so a long text never holds the main
// thread for long: generators that yield after each bounded unit of work (a piece of text, a
// run of a merge), which the index's job resumes between keystrokes. Run to the end without
// pausing, each gives what its one-piece counterpart gives (textShingles, shingleSet, jaccard).
import type {SignatureBuilder} from './minhash.js';
import {ShingleStream, shingleSet} from './shingles.js';
import {newWordCarry, pieceEnd, wordHashes} from './words.js';

/** Values merged or compared between two yields: well under a millisecond. */
const STEP_VALUES = 1 << 16;

/** The shingles of `text` in reading order, as parts of about `pieceSize` characters each, read
 * one part per step; each part also goes into `signature` when given. */
export function* readShingles(
	text: string,
	pieceSize: number,
	signature?: SignatureBuilder,
): Generator<void, Uint32Array[]> {
	const carry = newWordCarry();
	const stream = new ShingleStream();
	const parts: Uint32Array[] = [];
	for (let offset = 0; offset < text.length;) {
		const end = pieceEnd(text, offset, pieceSize);
		const shingles = stream.push(wordHashes(text, offset, end, carry));
		signature?.add(shingles);
		if (shingles.length > 0) parts.push(shingles);
		offset = end;
		if (offset < text.length) yield;
	}
	return parts;
}

/** The sorted, duplicate-free set of the shingles in `parts` (shingleSet of them all): each
 * part sorted in a step, then merged pairwise a run at a time. */
export function* sortedSetOf(parts: readonly Uint32Array[]): Generator<void, Uint32Array> {
	// One part (a short text, or a text read in one piece) is one native sort, as before.
	if (parts.length <= 1) return shingleSet(parts[0] ?? new Uint32Array(0));
	let runs: Uint32Array[] = [];
	for (const part of parts) {
		runs.push(shingleSet(part));
		yield;
	}
	while (runs.length > 1) {
		const merged: Uint32Array[] = [];
		for (let index = 0; index + 1 < runs.length; index += 2) {
			merged.push(yield* mergeUnique(runs[index]!, runs[index + 1]!));
			// Between merges too: hundreds of short runs merged at once would be a long step.
			yield;
		}
		if (runs.length % 2 === 1) merged.push(runs[runs.length - 1]!);
		runs = merged;
	}
	return runs[0]!;
}

/** The union of two sorted, duplicate-free arrays, likewise. */
function* mergeUnique(a: Uint32Array, b: Uint32Array): Generator<void, Uint32Array> {
	const out = new Uint32Array(a.length + b.length);
	let i = 0;
	let j = 0;
	let k = 0;
	let budget = STEP_VALUES;
	while (i < a.length && j < b.length) {
		const x = a[i]!;
		const y = b[j]!;
		if (x <= y) {
			out[k++] = x;
			i++;
			if (x === y) j++;
		} else {
			out[k++] = y;
			j++;
		}
		if (--budget === 0) {
			budget = STEP_VALUES;
			yield;
		}
	}
	out.set(a.subarray(i), k);
	k += a.length - i;
	out.set(b.subarray(j), k);
	k += b.length - j;
	return out.subarray(0, k);
}

/** Jaccard similarity of two sorted shingle sets, as jaccard() computes it. */
export function* jaccardOf(a: Uint32Array, b: Uint32Array): Generator<void, number> {
	let shared = 0;
	let i = 0;
	let j = 0;
	let budget = STEP_VALUES;
	while (i < a.length && j < b.length) {
		const x = a[i]!;
		const y = b[j]!;
		if (x === y) {
			shared++;
			i++;
			j++;
		} else if (x < y) i++;
		else j++;
		if (--budget === 0) {
			budget = STEP_VALUES;
			yield;
		}
	}
	const union = a.length + b.length - shared;
	return union === 0 ? 0 : shared / union;
}
