/**
 * A laid-out diff as the screen shows it: folded like a review tool (core/diff/folds), the rows
 * shown counted with each fold as one row. Folds are found on the whole layout, so it is
 * measured first (counting rows is cheap next to drawing them: only the rows on screen are
 * drawn). A fold is known by the change above it (-1 for the first), which names the same
 * stretch of text in every mode and width, so a fold opened stays open through `s` and resizes.
 */
import {CONTEXT_LINES, FoldView, findFolds, type Fold} from './folds.js';
import type {DiffLayout, DiffRow, Passage} from './rows.js';

/** Which folds are open: every one, or those listed by their key (see FoldedRows). */
export interface FoldSetting {
	readonly showAll: boolean;
	readonly opened: readonly number[];
}

export const ALL_FOLDED: FoldSetting = {showAll: false, opened: []};

export type ShownDiffRow =
	| {readonly kind: 'row'; readonly row: DiffRow}
	| {readonly kind: 'fold'; readonly hidden: number; readonly key: number};

/** The folds of a layout (measured whole) and each fold's key, the change above it or -1. */
export interface LayoutFolds {
	readonly folds: readonly Fold[];
	readonly keys: readonly number[];
}

export function layoutFolds(
	layout: DiffLayout,
	changes: number,
	context: number = CONTEXT_LINES,
): LayoutFolds {
	layout.measureAll();
	const total = layout.rowCount;
	const changed = new Uint8Array(total);
	const firstRows: number[] = [];
	for (let change = 0; change < changes; change++) {
		const first = layout.rowOfChange(change);
		firstRows.push(first);
		if (first < 0) continue;
		changed.fill(1, first, Math.min(total, layout.lastRowOfChange(change) + 1));
	}
	const folds = findFolds(total, (row) => changed[row] === 1, context);
	let change = -1;
	const keys = folds.map((fold) => {
		while (change + 1 < changes && firstRows[change + 1]! < fold.start) change++;
		return change;
	});
	return {folds, keys};
}

export class FoldedRows {
	private readonly view: FoldView;

	constructor(
		readonly layout: DiffLayout,
		private readonly found: LayoutFolds,
		setting: FoldSetting,
	) {
		const opened = new Set<number>();
		found.keys.forEach((key, index) => {
			if (setting.opened.includes(key)) opened.add(index);
		});
		this.view = new FoldView(found.folds, {showAll: setting.showAll, opened}, layout.rowCount);
	}

	/** Rows shown: the layout's, each closed fold counting one. */
	get length(): number {
		return this.view.length;
	}

	/** How many folds the layout has (open or not). */
	get foldCount(): number {
		return this.found.folds.length;
	}

	/** Shown rows [start, end): the layout's rows drawn, folds as their labels. */
	rows(start: number, end: number): ShownDiffRow[] {
		const out: ShownDiffRow[] = [];
		const last = Math.min(end, this.length);
		let shown = Math.max(0, start);
		while (shown < last) {
			const at = this.view.at(shown);
			if (at.kind === 'fold') {
				out.push({kind: 'fold', hidden: at.hidden, key: this.found.keys[at.fold]!});
				shown++;
				continue;
			}
			// A run of the layout's rows up to the next fold, drawn at once.
			let run = 1;
			while (shown + run < last && this.view.at(shown + run).kind === 'row') run++;
			for (const row of this.layout.rows(at.row, at.row + run)) out.push({kind: 'row', row});
			shown += run;
		}
		return out;
	}

	/** The key of the fold shown at row `shown`, when a closed fold is shown there. */
	foldAt(shown: number): number | undefined {
		if (shown < 0 || shown >= this.length) return undefined;
		const at = this.view.at(shown);
		return at.kind === 'fold' ? this.found.keys[at.fold] : undefined;
	}

	/** The layout's row shown at `shown` (a fold's first hidden row). */
	layoutRow(shown: number): number {
		const at = this.view.at(Math.max(0, shown));
		return at.kind === 'row' ? at.row : this.found.folds[at.fold]!.start;
	}

	/** The shown row of the layout's row `row` (its fold's row when it is hidden). */
	shownRow(row: number): number {
		return row < 0 ? -1 : this.view.shownRowOf(row);
	}

	rowOfChange(index: number): number {
		return this.shownRow(this.layout.rowOfChange(index));
	}

	passageAt(shown: number): Passage {
		return this.layout.passageAt(this.layoutRow(shown));
	}

	rowOfPassage(passage: Passage): number {
		return this.shownRow(this.layout.rowOfPassage(passage));
	}
}
