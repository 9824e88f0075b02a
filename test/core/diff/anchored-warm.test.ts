import {describe, expect, it} from 'vitest';
import {anchoredDiff} from '../../../source/core/diff/anchored-diff.js';
import {Budget} from '../../../source/core/diff/budget.js';
import {DELETE, EQUAL, INSERT} from '../../../source/core/diff/edit-script.js';
import {seededRandom} from '../../fixtures/prose.js';

/**
 * Before the first long alignment of a process, the aligner settles a few made-up gaps of every
 * kind (Aligner.takeEveryBranch), so that V8 compiles it with every branch seen. That must be
 * invisible: the long pair's script and the work it is charged are those of the same alignment
 * run again, when the made-up gaps are not settled again.
 */

/** A pair of 70,000 tokens a side (over the length that warms the aligner): words from a
 * vocabulary of 3,000, every 200th replaced, deleted or doubled in B, and a stretch of small
 * vocabulary rewritten (an exact gap). */
function longPair(): {a: Int32Array; b: Int32Array; idCount: number} {
	const random = seededRandom(13);
	const a: number[] = [];
	for (let i = 0; i < 70_000; i++) a.push(1 + Math.floor(random() * random() * 3000));
	const b: number[] = [];
	let fresh = 3001;
	a.forEach((id, i) => {
		if (i >= 30_000 && i < 30_400) b.push(1 + Math.floor(random() * 6));
		else if (i % 200 === 17) b.push(fresh++);
		else if (i % 200 === 91) return;
		else if (i % 200 === 150) b.push(id, id);
		else b.push(id);
	});
	return {a: Int32Array.from(a), b: Int32Array.from(b), idCount: fresh};
}

/** Tokens of A and of B the script accounts for. */
function spelled(script: readonly number[]): {a: number; b: number} {
	let a = 0;
	let b = 0;
	for (let k = 0; k < script.length; k += 2) {
		const [operation, count] = [script[k]!, script[k + 1]!];
		if (operation !== INSERT) a += count;
		if (operation !== DELETE) b += count;
		expect([EQUAL, DELETE, INSERT]).toContain(operation);
	}
	return {a, b};
}

describe('the aligner warmed before its first long pair', () => {
	it('gives the script and spends the budget the same alignment does when run again', () => {
		const {a, b, idCount} = longPair();
		const first = new Budget(1000);
		const warmed = anchoredDiff(a, b, idCount, first);
		const again = new Budget(1000);
		const later = anchoredDiff(a, b, idCount, again);
		expect(warmed).toEqual(later);
		expect(first.remaining()).toBe(again.remaining());
		expect(spelled(warmed)).toEqual({a: 70_000, b: b.length});
	});
});
