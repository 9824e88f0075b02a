import {diffArrays} from 'diff';
import {Budget, BudgetExceeded} from './budget.js';
import {EditScript} from './edit-script.js';
import {EXACT_CELLS, exactAlign, ExactScratch} from './exact-lcs.js';
import {GramIds} from './gram-ids.js';
import {IdTable} from './unique-anchors.js';
import {finish, type Steps} from '../steps.js';

/**
 * A minimal diff of two long token sequences, fast when they are mostly alike.
 *
 * Plain Myers (jsdiff) costs O((N+M)·D) and walks every token again for every edit; on a
 * megabyte pair that is hundreds of milliseconds. So, like git's patience diff: trim the common
 * head and tail, pair the tokens that occur exactly once on each side (in order: the longest
 * increasing run of such pairs), and recurse into the gaps between those anchors. Prose written
 * from a small vocabulary can have no unique words in a long stretch; then runs of four tokens
 * serve as anchors instead. Gaps of up to EXACT_CELLS cells are solved exactly (exactAlign),
 * small ones and long ones with no anchor at all by jsdiff's Myers, which is exact too.
 */
export function anchoredDiff(
	a: Int32Array,
	b: Int32Array,
	idCount: number,
	budget: Budget,
): readonly number[] {
	return finish(anchoredDiffSteps(a, b, idCount, budget));
}

/** anchoredDiff a piece at a time: it yields when about STEP_TOKENS tokens have been compared
 * or searched for anchors since the last yield, and after each exact gap. */
export function* anchoredDiffSteps(
	a: Int32Array,
	b: Int32Array,
	idCount: number,
	budget: Budget,
): Steps<readonly number[]> {
	if (a.length + b.length >= WARM_TOKENS) Aligner.takeEveryBranch();
	const script = new EditScript();
	yield* new Aligner(a, b, idCount, budget, script).align(0, a.length, 0, b.length);
	return script.finish();
}

/** Pairs this long (tokens of both) are aligned after Aligner.takeEveryBranch. */
const WARM_TOKENS = 1 << 17;
/** How often takeEveryBranch settles each of its gaps: enough calls for V8 to keep what each
 * function met (it records nothing for a function until it has run a while). */
const WARM_ROUNDS = 24;
/** Of which the last few settle its exact gap too. */
const EXACT_ROUNDS = 3;

/** Tokens compared or searched for anchors between two yields: well under a millisecond. */
const STEP_TOKENS = 1 << 16;

/** Gaps this small go straight to Myers: cheaper than counting, and minimal by construction. */
const SMALL_GAP = 64;
const GRAM = 4;
/** takeEveryBranch's budget: ample for its few gaps. */
const DEFAULT_WARM_BUDGET_MS = 300;
/** What settle returns when it solved its gap, tail and all. */
const SETTLED = -1;

class Aligner {
	private static warm = false;

	/**
	 * Every branch of settle, taken on small made-up gaps before the first long alignment of
	 * the process. V8 compiles settle on the first few thousand gaps of a long pair, nearly all
	 * equal runs or a word replaced; the first gap solved exactly, or by Myers, or with more
	 * than 256 rows, then met compiled code that had never seen that branch, which threw it
	 * away: settle, then exactAlign ran in the interpreter until compiled again (V8 records
	 * nothing for a function until it has run a while, so a branch must be taken in a later
	 * round to count). Once per process, and only before a long pair (WARM_TOKENS): it costs
	 * 3–4 ms and saved about 11 ms of the 5 MB pair's alignment (53 → 42 ms, warm-up included).
	 */
	static takeEveryBranch(): void {
		if (Aligner.warm) return;
		Aligner.warm = true;
		const a: number[] = [];
		const b: number[] = [];
		const gaps: number[] = [];
		let fresh = 16;
		const gap = (fromA: readonly number[], fromB: readonly number[]) => {
			gaps.push(a.length, a.length + fromA.length, b.length, b.length + fromB.length);
			a.push(...fromA);
			b.push(...fromB);
		};
		const few = (length: number, seed: number) =>
			Array.from({length}, (_, k) => 1 + ((k * 7 + seed) % 5));
		gap([1, 2, 3], [1, 2, 3]);
		gap([], [fresh++]);
		gap([fresh++], []);
		gap([fresh++], [fresh++]);
		gap([fresh++, 1, fresh++], [fresh++, 1, fresh++]);
		// Exact (more than SMALL_GAP tokens), with more than 256 rows of B: the dearest gap, so
		// only in the last rounds, once settle has been running long enough to record it.
		gap([fresh++, ...few(20, 1)], [fresh++, ...few(260, 3)]);
		const aligner = new Aligner(
			Int32Array.from(a),
			Int32Array.from(b),
			fresh,
			new Budget(DEFAULT_WARM_BUDGET_MS),
			new EditScript(),
		);
		for (let round = 0; round < WARM_ROUNDS; round++) {
			const last = round < WARM_ROUNDS - EXACT_ROUNDS ? gaps.length - 4 : gaps.length;
			for (let k = 0; k < last; k += 4) {
				aligner.settle(gaps[k]!, gaps[k + 1]!, gaps[k + 2]!, gaps[k + 3]!);
			}
		}
	}

	private grams: GramIds | undefined;
	/** Per-id scratch for anchors and exact gaps alike; made when first needed: most
	 * alignments of a few tokens need neither. */
	private idTable: IdTable | undefined;
	/** exactAlign's arrays, from one exact gap to the next. */
	private exactScratch: ExactScratch | undefined;
	/** Tokens looked at since the last yield. */
	private work = 0;
	/** The gap settle left for alignAtAnchors. */
	private gapA0 = 0;
	private gapA1 = 0;
	private gapB0 = 0;
	private gapB1 = 0;

	constructor(
		private readonly a: Int32Array,
		private readonly b: Int32Array,
		private readonly idCount: number,
		private readonly budget: Budget,
		private readonly script: EditScript,
	) {}

	*align(a0: number, a1: number, b0: number, b1: number): Steps<void> {
		if (this.work >= STEP_TOKENS) {
			this.work = 0;
			yield;
		}
		const tail = this.settle(a0, a1, b0, b1);
		if (tail === SETTLED) return;
		yield* this.alignAtAnchors(this.gapA0, this.gapA1, this.gapB0, this.gapB1);
		this.script.equal(tail);
	}

	/**
	 * align without the recursion: trims the common head and tail of a[a0, a1) and b[b0, b1)
	 * and solves what is left when that needs no anchors, tail included (SETTLED). Otherwise it
	 * leaves the trimmed gap in gapA0 … gapB1 for alignAtAnchors and returns the tail, which the
	 * caller writes after it. A plain method, not a generator: between the anchors of a long,
	 * mostly equal pair nearly every gap is settled here (12,869 on the bench's 5 MB pair), and a
	 * generator each cost more than the gap.
	 */
	private settle(a0: number, a1: number, b0: number, b1: number): number {
		const {a, b, script} = this;
		this.budget.tick();
		let head = 0;
		while (a0 + head < a1 && b0 + head < b1 && a[a0 + head] === b[b0 + head]) head++;
		script.equal(head);
		a0 += head;
		b0 += head;
		let tail = 0;
		while (a1 - tail > a0 && b1 - tail > b0 && a[a1 - tail - 1] === b[b1 - tail - 1]) tail++;
		a1 -= tail;
		b1 -= tail;
		this.budget.spend(head + tail);
		this.work += head + tail;

		if (a0 === a1) script.insert(b1 - b0);
		else if (b0 === b1) script.delete(a1 - a0);
		else if (a1 - a0 + (b1 - b0) <= SMALL_GAP) this.smallGap(a0, a1, b0, b1);
		else if ((a1 - a0) * (b1 - b0) <= EXACT_CELLS) {
			this.exact(a0, a1, b0, b1);
			this.work = STEP_TOKENS;
		} else {
			this.gapA0 = a0;
			this.gapA1 = a1;
			this.gapB0 = b0;
			this.gapB1 = b1;
			return tail;
		}
		script.equal(tail);
		return SETTLED;
	}

	private *alignAtAnchors(a0: number, a1: number, b0: number, b1: number): Steps<void> {
		// Finding anchors reads both ranges (a token a unit).
		this.budget.spend(a1 - a0 + (b1 - b0));
		this.idTable ??= new IdTable(this.idCount);
		this.work += a1 - a0 + (b1 - b0);
		let anchors = this.idTable.anchors(this.a, a0, a1, this.b, b0, b1, 1);
		if (anchors.length === 0) {
			if (this.grams === undefined) {
				yield;
				this.grams = new GramIds(this.a, this.b, GRAM, this.budget);
				this.work = STEP_TOKENS;
			}
			anchors = this.grams.counter.anchors(this.grams.a, a0, a1, this.grams.b, b0, b1, GRAM);
		}
		if (anchors.length === 0) {
			this.myers(a0, a1, b0, b1);
			return;
		}
		let nextA = a0;
		let nextB = b0;
		for (let k = 0; k < anchors.length; k += 2) {
			const i = anchors[k]!;
			const j = anchors[k + 1]!;
			// align(nextA, i, nextB, j), a generator only for a gap that needs anchors of its own.
			if (this.work >= STEP_TOKENS) {
				this.work = 0;
				yield;
			}
			const tail = this.settle(nextA, i, nextB, j);
			if (tail !== SETTLED) {
				yield* this.alignAtAnchors(this.gapA0, this.gapA1, this.gapB0, this.gapB1);
				this.script.equal(tail);
			}
			this.script.equal(1);
			nextA = i + 1;
			nextB = j + 1;
		}
		yield* this.align(nextA, a1, nextB, b1);
	}

	/** A gap solved exactly (exactAlign counts its work as it goes). */
	private exact(a0: number, a1: number, b0: number, b1: number): void {
		this.idTable ??= new IdTable(this.idCount);
		this.exactScratch ??= new ExactScratch();
		const {a, b, idTable, script, budget, exactScratch} = this;
		exactAlign(a, a0, a1, b, b0, b1, idTable, script, budget, exactScratch);
	}

	/** Most small gaps are a word or two replaced by others: no token in common, so the minimal
	 * script is plain (delete one side, insert the other) and Myers, whose set-up costs more
	 * than the comparing on gaps this size, need not run. */
	private smallGap(a0: number, a1: number, b0: number, b1: number): void {
		const {a, b} = this;
		this.budget.spend((a1 - a0) * (b1 - b0));
		for (let i = a0; i < a1; i++) {
			for (let j = b0; j < b1; j++) {
				if (a[i] === b[j]) {
					this.myers(a0, a1, b0, b1);
					return;
				}
			}
		}
		this.script.delete(a1 - a0);
		this.script.insert(b1 - b0);
	}

	/** Myers costs about (N + M) units per edit: it may make as many edits as the budget left
	 * pays for, and is charged for those it made. */
	private myers(a0: number, a1: number, b0: number, b1: number): void {
		const length = a1 - a0 + (b1 - b0);
		const maxEditLength = Math.floor(this.budget.remaining() / length);
		if (maxEditLength <= 0) throw new BudgetExceeded();
		const changes = diffArrays(
			Array.from(this.a.subarray(a0, a1)),
			Array.from(this.b.subarray(b0, b1)),
			{maxEditLength},
		);
		if (changes === undefined) throw new BudgetExceeded();
		let edits = 0;
		for (const change of changes) {
			if (change.added) this.script.insert(change.count);
			else if (change.removed) this.script.delete(change.count);
			else this.script.equal(change.count);
			if (change.added || change.removed) edits += change.count;
		}
		this.budget.spend(length * Math.max(1, edits));
	}
}
