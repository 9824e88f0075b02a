/** Operation codes of an edit script. */
export const EQUAL = 0;
export const DELETE = 1;
export const INSERT = 2;

/**
 * Collects an edit script as runs, in order. Within a change (the edits between two equal
 * runs) all deletions come first and then all insertions, the way git and dwdiff print them.
 */
export class EditScript {
	/** Flat [operation, count, operation, count, …]. */
	readonly runs: number[] = [];
	private deleted = 0;
	private inserted = 0;

	equal(count: number): void {
		if (count <= 0) return;
		this.flush();
		this.push(EQUAL, count);
	}

	delete(count: number): void {
		this.deleted += count;
	}

	insert(count: number): void {
		this.inserted += count;
	}

	/** Ends the script; call once after the last operation. */
	finish(): readonly number[] {
		this.flush();
		return this.runs;
	}

	private flush(): void {
		if (this.deleted > 0) this.push(DELETE, this.deleted);
		if (this.inserted > 0) this.push(INSERT, this.inserted);
		this.deleted = 0;
		this.inserted = 0;
	}

	private push(operation: number, count: number): void {
		const last = this.runs.length - 2;
		if (last >= 0 && this.runs[last] === operation) this.runs[last + 1]! += count;
		else this.runs.push(operation, count);
	}
}

/**
 * Folds a short equal run into the changes around it so that a replaced sentence reads as one
 * change instead of being split at a stray "a" or comma both versions happen to share
 * (diff-match-patch's semantic cleanup, counted in tokens): a run with no word when it is
 * shorter than both changes, a run with one word when both changes are ONE_WORD_FOLD times its
 * length ("licensed under a Creative Commons …" against "Leave a Comment"), and never a run
 * with more words. Folding any run shorter than its changes, as this once did, dropped a
 * twentieth of the common words on text rewritten by half; this way the common words stay
 * within 1% of the minimal alignment's (test/core/diff/minimal.test.ts).
 * `words(start, count)`: the words among A's tokens [start, start + count).
 */
export function mergeShortEqualities(
	runs: readonly number[],
	words: (start: number, count: number) => number,
): readonly number[] {
	const script = new EditScript();
	let deleted = 0;
	let inserted = 0;
	let atA = 0;
	for (let k = 0; k < runs.length; k += 2) {
		const operation = runs[k]!;
		const count = runs[k + 1]!;
		if (operation === DELETE) {
			deleted += count;
			atA += count;
		} else if (operation === INSERT) {
			inserted += count;
		} else {
			const before = Math.max(deleted, inserted);
			const after = nextChangeSize(runs, k + 2);
			// A run folds only when shorter than both changes: the words of the long runs
			// between (nearly all of a long, mostly equal pair) are never counted.
			if (count < Math.min(before, after) && folds(count, before, after, words(atA, count))) {
				deleted += count;
				inserted += count;
			} else {
				script.delete(deleted);
				script.insert(inserted);
				script.equal(count);
				deleted = 0;
				inserted = 0;
			}
			atA += count;
		}
	}
	script.delete(deleted);
	script.insert(inserted);
	return script.finish();
}

/** An equal run holding one word folds only between changes this many times its length. */
const ONE_WORD_FOLD = 6;

function folds(count: number, before: number, after: number, words: number): boolean {
	if (words === 0) return before > count && after > count;
	return words === 1 && Math.min(before, after) >= ONE_WORD_FOLD * count;
}

function nextChangeSize(runs: readonly number[], from: number): number {
	let deleted = 0;
	let inserted = 0;
	for (let k = from; k < runs.length && runs[k] !== EQUAL; k += 2) {
		if (runs[k] === DELETE) deleted += runs[k + 1]!;
		else inserted += runs[k + 1]!;
	}
	return Math.max(deleted, inserted);
}
