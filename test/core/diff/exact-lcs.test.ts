import {describe, expect, it} from 'vitest';
import {Budget} from '../../../source/core/diff/budget.js';
import {DELETE, EditScript, EQUAL, INSERT} from '../../../source/core/diff/edit-script.js';
import {exactAlign, ExactScratch} from '../../../source/core/diff/exact-lcs.js';
import {IdTable} from '../../../source/core/diff/unique-anchors.js';
import {seededRandom} from '../../fixtures/prose.js';

/** The length of a longest common subsequence, by the plain O(n·m) table. */
function lcsLength(a: readonly number[], b: readonly number[]): number {
	let previous = new Array<number>(b.length + 1).fill(0);
	for (const token of a) {
		const current = [0];
		for (let j = 1; j <= b.length; j++) {
			current[j] =
				token === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
		}
		previous = current;
	}
	return previous[b.length]!;
}

/** exactAlign of two whole sequences, as a list of runs. */
function align(a: number[], b: number[], ids: IdTable, scratch?: ExactScratch): number[] {
	const script = new EditScript();
	const [left, right] = [Int32Array.from(a), Int32Array.from(b)];
	exactAlign(left, 0, a.length, right, 0, b.length, ids, script, new Budget(1000), scratch);
	return [...script.finish()];
}

/** The tokens the runs say each side has, read back from a and b. */
function spelled(runs: readonly number[], a: readonly number[], b: readonly number[]) {
	const left: number[] = [];
	const right: number[] = [];
	let equal = 0;
	for (let k = 0; k < runs.length; k += 2) {
		const count = runs[k + 1]!;
		if (runs[k] === EQUAL) {
			for (let i = 0; i < count; i++) {
				expect(a[left.length]).toBe(b[right.length]);
				left.push(a[left.length]!);
				right.push(b[right.length]!);
			}
			equal += count;
		} else if (runs[k] === DELETE) {
			for (let i = 0; i < count; i++) left.push(a[left.length]!);
		} else {
			expect(runs[k]).toBe(INSERT);
			for (let i = 0; i < count; i++) right.push(b[right.length]!);
		}
	}
	return {left, right, equal};
}

describe('exactAlign', () => {
	it('writes a change as runs: "a b c d" against "a x c d y"', () => {
		const ids = new IdTable(10);
		expect(align([1, 2, 3, 4], [1, 5, 3, 4, 6], ids)).toEqual([
			EQUAL,
			1,
			DELETE,
			1,
			INSERT,
			1,
			EQUAL,
			2,
			INSERT,
			1,
		]);
	});

	it('is minimal on every gap when one scratch serves them all, in any order of sizes', () => {
		// Small vocabularies, so that each gap's dense indices and mask bits fall where the
		// gap before it left its own: a mask not cleared after a gap would match tokens that
		// are not there.
		const random = seededRandom(13);
		const ids = new IdTable(40);
		const scratch = new ExactScratch();
		for (let gap = 0; gap < 60; gap++) {
			const vocabulary = 2 + Math.floor(random() * 6);
			const base = Math.floor(random() * 30);
			const sequence = (length: number) =>
				Array.from({length}, () => base + Math.floor(random() * vocabulary));
			const a = sequence(1 + Math.floor(random() * 90));
			const b = sequence(1 + Math.floor(random() * 90));
			const runs = align(a, b, ids, scratch);
			const {left, right, equal} = spelled(runs, a, b);
			expect(left).toEqual(a);
			expect(right).toEqual(b);
			expect(equal).toBe(lcsLength(a, b));
			// The same script as a gap solved with arrays of its own.
			expect(runs).toEqual(align(a, b, new IdTable(40)));
		}
	});
});
