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
 * Folds an equal run into the changes around it when it is shorter than both of them, so that
 * a replaced sentence reads as one change instead of being split at a stray "a" or "the" that
 * both versions happen to share (diff-match-patch's semantic cleanup, counted in tokens). Single
 * word edits are never merged: an equal run is never shorter than a one-token change.
 */
export function mergeShortEqualities(runs: readonly number[]): readonly number[] {
	const script = new EditScript();
	let deleted = 0;
	let inserted = 0;
	for (let k = 0; k < runs.length; k += 2) {
		const operation = runs[k]!;
		const count = runs[k + 1]!;
		if (operation === DELETE) deleted += count;
		else if (operation === INSERT) inserted += count;
		else {
			const before = Math.max(deleted, inserted);
			const after = nextChangeSize(runs, k + 2);
			if (before > count && after > count) {
				deleted += count;
				inserted += count;
			} else {
				script.delete(deleted);
				script.insert(inserted);
				script.equal(count);
				deleted = 0;
				inserted = 0;
			}
		}
	}
	script.delete(deleted);
	script.insert(inserted);
	return script.finish();
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
