import {type Budget, BudgetExceeded} from './budget.js';
import type {EditScript} from './edit-script.js';
import type {IdTable} from './unique-anchors.js';

/**
 * An exact longest common subsequence of a[a0, a1) and b[b0, b1), written to `script` as an
 * edit script, computed 32 cells at a time (Hyyrö's bit-parallel LCS). Anchors (words unique
 * to both sides) are how long, mostly equal texts are aligned fast; but on heavily revised
 * text from a small vocabulary a lone anchor in a moved sentence can tie two far-apart places
 * together and lose thousands of common words. So any gap of at most EXACT_CELLS cells is
 * solved here instead: 8,000 tokens a side in a few milliseconds and 8 MB.
 *
 * Bit i of row j's vector V_j is 0 exactly when the LCS of a's first i+1 tokens and b's first
 * j tokens is one longer than that of a's first i tokens: the traceback reads only those bits.
 */
export const EXACT_CELLS = 1 << 26;

/**
 * exactAlign's arrays, kept from one gap to the next of an alignment: between the anchors of a
 * long, mostly equal pair there are a hundred small gaps to solve (110 on the bench's 5 MB
 * pair), and fresh typed arrays for each cost more than solving them.
 */
export class ExactScratch {
	/** The match masks, all zero between uses. */
	match = new Int32Array(0);
	rows = new Int32Array(0);
	/** The traceback's steps, last first. */
	steps = new Uint8Array(0);

	/** Makes each array at least the size given (contents then undefined, but `match` zero). */
	reserve(match: number, rows: number, steps: number): void {
		if (this.match.length < match) this.match = new Int32Array(larger(this.match.length, match));
		if (this.rows.length < rows) this.rows = new Int32Array(larger(this.rows.length, rows));
		if (this.steps.length < steps) this.steps = new Uint8Array(larger(this.steps.length, steps));
	}
}

/** A size of at least `needed`, and while small at least twice `current`: a few growths,
 * not one a gap, and never much more than the largest gap needs. */
function larger(current: number, needed: number): number {
	return Math.max(needed, Math.min(2 * current, 1 << 16));
}

export function exactAlign(
	a: Int32Array,
	a0: number,
	a1: number,
	b: Int32Array,
	b0: number,
	b1: number,
	ids: IdTable,
	script: EditScript,
	budget: Budget,
	scratch: ExactScratch = new ExactScratch(),
): void {
	const n = a1 - a0;
	const m = b1 - b0;
	const words = (n + 31) >>> 5;
	// A match mask per distinct token of a: bit i set where a[a0 + i] is that token, at the
	// token's dense index. The table is the aligner's, sized by the id space once and left as
	// it was found: filling one per gap cost more than the gaps of a long, mostly equal pair.
	const masks = ids.tallyA(a, a0, a1);
	scratch.reserve(masks * words, (m + 1) * words, n + m);
	const {match, rows, steps} = scratch;
	for (let i = 0; i < n; i++) {
		match[ids.indexOf(a[a0 + i]!) * words + (i >>> 5)]! |= 1 << (i & 31);
	}
	// rows[j * words …]: V after j tokens of b; V_0 is all ones. Every later row is written
	// whole before it is read.
	rows.fill(-1, 0, words);
	for (let j = 1; j <= m; j++) {
		// A gap of 8,000 tokens a side takes milliseconds: its rows are counted 256 at a time.
		if ((j & 255) === 0 && budget.remaining() < 256 * words) {
			ids.clearA(a, a0, a1);
			match.fill(0, 0, masks * words);
			throw new BudgetExceeded();
		}
		if ((j & 255) === 0) budget.spend(256 * words);
		const previous = (j - 1) * words;
		const current = j * words;
		const mask = ids.indexOf(b[b0 + j - 1]!);
		if (mask === -1) {
			rows.copyWithin(current, previous, current);
			continue;
		}
		const at = mask * words;
		let carry = 0;
		for (let w = 0; w < words; w++) {
			const v = rows[previous + w]!;
			const u = v & match[at + w]!;
			// (V + U) | (V − U) per 32-bit word, the sum carried to the next word.
			const low = (v & 0xffff) + (u & 0xffff) + carry;
			const high = (v >>> 16) + (u >>> 16) + (low >>> 16);
			carry = high >>> 16;
			const sum = ((high & 0xffff) << 16) | (low & 0xffff);
			rows[current + w] = sum | (v & ~u);
		}
	}
	ids.clearA(a, a0, a1);
	match.fill(0, 0, masks * words);
	// The rows since the last count, the masks and the traceback.
	budget.spend((m & 255) * words + n + m);
	// Traceback from the end, collecting steps backwards.
	let count = 0;
	let i = n;
	let j = m;
	while (i > 0 || j > 0) {
		if (i > 0 && j > 0 && a[a0 + i - 1] === b[b0 + j - 1]) {
			steps[count++] = EQUAL_STEP;
			i--;
			j--;
		} else if (i > 0 && (j === 0 || bit(rows, j * words, i - 1))) {
			steps[count++] = DELETE_STEP;
			i--;
		} else {
			steps[count++] = INSERT_STEP;
			j--;
		}
	}
	// Written a run at a time: the script is the same as a step at a time.
	for (let k = count - 1; k >= 0;) {
		const step = steps[k]!;
		let run = 1;
		while (k - run >= 0 && steps[k - run] === step) run++;
		k -= run;
		if (step === EQUAL_STEP) script.equal(run);
		else if (step === DELETE_STEP) script.delete(run);
		else script.insert(run);
	}
}

const EQUAL_STEP = 0;
const DELETE_STEP = 1;
const INSERT_STEP = 2;

/** Bit `index` of the vector at `from`: 1 when a's token `index` adds nothing to the LCS. */
function bit(rows: Int32Array, from: number, index: number): boolean {
	return ((rows[from + (index >>> 5)]! >>> (index & 31)) & 1) === 1;
}
