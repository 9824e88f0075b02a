/**
 * Folding a diff like a review tool: unchanged stretches of rows fold to one row saying what
 * they hide ("⋯ 38 unchanged lines"), with CONTEXT_LINES rows of context kept around each
 * change. Pure: the rows are the layout's (any mode), the folds are computed from which rows
 * draw a change, and a FoldView maps the rows shown (fold rows included) to the layout's rows
 * for a FoldState that can show everything or open single folds.
 */

import {formatCount} from '../text/numbers.js';

/** Rows of context kept above and below each change. */
export const CONTEXT_LINES = 3;

/** Rows [start, end) of the layout hidden behind one fold row. */
export interface Fold {
	readonly start: number;
	readonly end: number;
}

/**
 * The folds of `rowCount` rows of which `changed(row)` draw a change: every maximal stretch
 * farther than `context` rows from any changed row, when it hides at least two rows (a fold
 * row in place of one row would hide nothing). `context` 'all' folds nothing.
 */
export function findFolds(
	rowCount: number,
	changed: (row: number) => boolean,
	context: number | 'all' = CONTEXT_LINES,
): Fold[] {
	if (context === 'all') return [];
	const keep = new Uint8Array(rowCount);
	let lastChanged = -Infinity;
	for (let row = 0; row < rowCount; row++) {
		if (changed(row)) lastChanged = row;
		if (row - lastChanged <= context) keep[row] = 1;
	}
	let nextChanged = Infinity;
	for (let row = rowCount - 1; row >= 0; row--) {
		if (changed(row)) nextChanged = row;
		if (nextChanged - row <= context) keep[row] = 1;
	}
	const folds: Fold[] = [];
	let start = -1;
	for (let row = 0; row <= rowCount; row++) {
		const hidden = row < rowCount && keep[row] === 0;
		if (hidden && start === -1) start = row;
		if (!hidden && start !== -1) {
			if (row - start >= 2) folds.push({start, end: row});
			start = -1;
		}
	}
	return folds;
}

/** Which folds are open: all of them, or those listed (by their index in the folds). */
export interface FoldState {
	readonly showAll: boolean;
	readonly opened: ReadonlySet<number>;
}

export const FOLDED: FoldState = {showAll: false, opened: new Set()};

export function toggleAll(state: FoldState): FoldState {
	return {...state, showAll: !state.showAll};
}

export function openFold(state: FoldState, fold: number): FoldState {
	return {...state, opened: new Set([...state.opened, fold])};
}

/** A row as shown: one of the layout's rows, or a fold standing for several. */
export type ShownRow =
	| {readonly kind: 'row'; readonly row: number}
	| {readonly kind: 'fold'; readonly fold: number; readonly hidden: number};

/** "⋯ 38 unchanged lines". */
export function foldLabel(hidden: number): string {
	return `⋯ ${formatCount(hidden)} unchanged ${hidden === 1 ? 'line' : 'lines'}`;
}

/**
 * The rows shown for some folds in some state, and the mapping both ways between shown rows
 * and the layout's rows. O(folds) to build; lookups are binary searches.
 */
export class FoldView {
	/** The closed folds, in order, with the shown row each becomes. */
	private readonly closed: readonly Fold[];
	private readonly closedIndex: readonly number[];
	/** Shown row of each closed fold. */
	private readonly shownAt: Int32Array;
	readonly length: number;

	constructor(
		folds: readonly Fold[],
		state: FoldState,
		readonly rowCount: number,
	) {
		const closed: Fold[] = [];
		const closedIndex: number[] = [];
		if (!state.showAll) {
			folds.forEach((fold, index) => {
				if (!state.opened.has(index)) {
					closed.push(fold);
					closedIndex.push(index);
				}
			});
		}
		this.closed = closed;
		this.closedIndex = closedIndex;
		this.shownAt = new Int32Array(closed.length);
		let hiddenBefore = 0;
		for (let k = 0; k < closed.length; k++) {
			this.shownAt[k] = closed[k]!.start - hiddenBefore;
			hiddenBefore += closed[k]!.end - closed[k]!.start - 1;
		}
		this.length = rowCount - hiddenBefore;
	}

	/** What shown row `shown` is. */
	at(shown: number): ShownRow {
		// The last closed fold shown at or above `shown`.
		let low = 0;
		let high = this.closed.length - 1;
		let found = -1;
		while (low <= high) {
			const middle = (low + high) >> 1;
			if (this.shownAt[middle]! <= shown) {
				found = middle;
				low = middle + 1;
			} else {
				high = middle - 1;
			}
		}
		if (found === -1) return {kind: 'row', row: shown};
		const fold = this.closed[found]!;
		if (this.shownAt[found] === shown) {
			return {kind: 'fold', fold: this.closedIndex[found]!, hidden: fold.end - fold.start};
		}
		return {kind: 'row', row: fold.end + (shown - this.shownAt[found]! - 1)};
	}

	/** The shown row of layout row `row`: its own, or its fold's when it is hidden. */
	shownRowOf(row: number): number {
		// The last closed fold starting at or above `row`.
		let low = 0;
		let high = this.closed.length - 1;
		let found = -1;
		while (low <= high) {
			const middle = (low + high) >> 1;
			if (this.closed[middle]!.start <= row) {
				found = middle;
				low = middle + 1;
			} else {
				high = middle - 1;
			}
		}
		if (found === -1) return row;
		const fold = this.closed[found]!;
		if (row < fold.end) return this.shownAt[found]!;
		// Rows hidden before this fold, then this fold's, less the row it shows as.
		const hiddenBefore = fold.start - this.shownAt[found]!;
		return row - hiddenBefore - (fold.end - fold.start - 1);
	}
}
