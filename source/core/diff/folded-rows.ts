/**
 * A laid-out diff as the screen shows it: folded like a review tool (core/diff/folds), the rows
 * shown counted with each fold as one row. The layout is measured lazily, block by block
 * (core/diff/rows), and the folds are found as it is: each change measured fixes the fold before
 * it, so the folds above the last change measured never change again, and those below are
 * found when the screen (or a jump, or the background measuring) gets there. Until every block
 * is measured, the rows below the last change measured are counted unfolded, from the layout's
 * estimate. A fold is known by the change above it (-1 for the first), which names the same
 * stretch of text in every mode and width, so a fold opened stays open through `s` and resizes.
 */
import {CONTEXT_LINES, FoldView, type Fold} from './folds.js';
import type {DiffLayout, DiffRow, Passage} from './rows.js';
import type {DiffResult} from './types.js';

/** Which folds are open: every one, or those listed by their key (see FoldedRows). */
export interface FoldSetting {
	readonly showAll: boolean;
	readonly opened: readonly number[];
}

export const ALL_FOLDED: FoldSetting = {showAll: false, opened: []};

export type ShownDiffRow =
	| {readonly kind: 'row'; readonly row: DiffRow}
	| {readonly kind: 'fold'; readonly hidden: number; readonly key: number};

/** The folds of a layout and each fold's key, the change above it or -1. */
export interface LayoutFolds {
	readonly folds: readonly Fold[];
	readonly keys: readonly number[];
}

/** Blocks measured at a time while looking for the next change. */
const MEASURE_STEP = 16;

/**
 * Finds a layout's folds as its blocks are measured: the same folds as findFolds over the whole
 * layout (every stretch farther than `context` rows from every change's rows, when it hides at
 * least two rows), each fixed once the change after it is measured.
 */
export class FoldFinder implements LayoutFolds {
	readonly folds: Fold[] = [];
	readonly keys: number[] = [];
	/** The next change to take. */
	private next = 0;
	/** Rows before it are settled: kept, or in a fold found. */
	private keptUntil = 0;
	private lastChange = -1;
	private ended = false;

	/** `counts(change)`: whether a change keeps its rows unfolded (all do by default; hidden
	 * changes fold like unchanged text). */
	constructor(
		readonly layout: DiffLayout,
		private readonly changes: number,
		private readonly context: number = CONTEXT_LINES,
		private readonly counts: (change: number) => boolean = () => true,
	) {}

	/** Layout rows before this one are settled: no fold found later reaches above it. */
	get settled(): number {
		return this.keptUntil;
	}

	/** Whether every fold is found (the layout is measured whole). */
	get done(): boolean {
		return this.ended;
	}

	/** Takes the changes of the blocks measured since the last call. */
	update(): void {
		const {layout, context} = this;
		const measured = layout.measuredBlockCount;
		while (this.next < this.changes && layout.changeBlock(this.next) < measured) {
			const change = this.next++;
			if (!this.counts(change)) continue;
			const first = layout.rowOfChange(change);
			if (first < 0) continue;
			this.fold(this.keptUntil, first - context);
			this.keptUntil = Math.max(this.keptUntil, layout.lastRowOfChange(change) + context + 1);
			this.lastChange = change;
		}
		if (layout.complete && !this.ended && this.next >= this.changes) {
			this.ended = true;
			this.fold(this.keptUntil, layout.rowCount);
			this.keptUntil = Math.max(this.keptUntil, layout.rowCount);
		}
	}

	/** Measures until layout row `row` is settled (or everything is measured). */
	settle(row: number): void {
		this.update();
		while (this.keptUntil <= row && !this.ended) {
			this.layout.measureBlocks(MEASURE_STEP);
			this.update();
		}
	}

	private fold(start: number, end: number): void {
		if (end - start < 2) return;
		this.folds.push({start, end});
		this.keys.push(this.lastChange);
	}
}

/** Texts shorter than this (both together, in characters) are measured whole when their
 * diff opens: a few milliseconds for an article, and the first frame's figures are exact. */
export const MEASURE_WHOLE_BELOW = 400_000;

/** The fold finder a screen opens with: an article's layout measured whole, a long text's
 * left to be measured as it is shown. */
export function foldFinderFor(
	layout: DiffLayout,
	result: DiffResult,
	counts?: (change: number) => boolean,
): FoldFinder {
	const finder = new FoldFinder(layout, result.changes.length, CONTEXT_LINES, counts);
	if (result.a.textLength + result.b.textLength < MEASURE_WHOLE_BELOW) {
		layout.measureAll();
		finder.update();
	}
	return finder;
}

/** The folds of a whole layout (measuring all of it). */
export function layoutFolds(
	layout: DiffLayout,
	changes: number,
	context: number = CONTEXT_LINES,
): FoldFinder {
	const finder = new FoldFinder(layout, changes, context);
	layout.measureAll();
	finder.update();
	return finder;
}

export class FoldedRows {
	private view: FoldView | undefined;
	/** What the view was made from: the folds found and the layout's rows then. */
	private madeFrom = {folds: -1, rows: -1};
	readonly layout: DiffLayout;

	constructor(
		private readonly finder: FoldFinder,
		private readonly setting: FoldSetting,
	) {
		this.layout = finder.layout;
	}

	/** Rows shown: the layout's, each closed fold counting one (an estimate until the layout is
	 * measured whole). */
	get length(): number {
		return this.current().length;
	}

	/** Whether the rows and folds are all known, so that `length` is exact. */
	get complete(): boolean {
		this.finder.update();
		return this.layout.complete;
	}

	/** Measures for about `milliseconds` (the background work); returns whether complete. */
	measureFor(milliseconds: number): boolean {
		const done = this.layout.measureFor(milliseconds);
		this.finder.update();
		return done;
	}

	measureAll(): void {
		this.layout.measureAll();
		this.finder.update();
	}

	/** Shown rows [start, end): the layout's rows drawn, folds as their labels. */
	rows(start: number, end: number): ShownDiffRow[] {
		this.settleShown(end);
		const view = this.current();
		const out: ShownDiffRow[] = [];
		const last = Math.min(end, view.length);
		let shown = Math.max(0, start);
		while (shown < last) {
			const at = view.at(shown);
			if (at.kind === 'fold') {
				out.push({kind: 'fold', hidden: at.hidden, key: this.finder.keys[at.fold]!});
				shown++;
				continue;
			}
			// A run of the layout's rows up to the next fold, drawn at once.
			let run = 1;
			while (shown + run < last && view.at(shown + run).kind === 'row') run++;
			for (const row of this.layout.rows(at.row, at.row + run)) out.push({kind: 'row', row});
			shown += run;
		}
		return out;
	}

	/** The key of the fold shown at row `shown`, when a closed fold is shown there. */
	foldAt(shown: number): number | undefined {
		this.settleShown(shown + 1);
		const view = this.current();
		if (shown < 0 || shown >= view.length) return undefined;
		const at = view.at(shown);
		return at.kind === 'fold' ? this.finder.keys[at.fold] : undefined;
	}

	/** The layout's row shown at `shown` (a fold's first hidden row). */
	layoutRow(shown: number): number {
		this.settleShown(shown + 1);
		const at = this.current().at(Math.max(0, shown));
		return at.kind === 'row' ? at.row : this.finder.folds[at.fold]!.start;
	}

	/** The shown row of the layout's row `row` (its fold's row when it is hidden). */
	shownRow(row: number): number {
		if (row < 0) return -1;
		this.finder.settle(row);
		return this.current().shownRowOf(row);
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

	/** The token of A or of B that shown row `shown` starts with, about (DiffLayout.tokenAt). */
	tokenAt(side: 'a' | 'b', shown: number): number {
		return this.layout.tokenAt(side, this.layoutRow(shown));
	}

	/** The shown row of token `token` of A or of B (a fold's row when a fold hides it). */
	rowOfToken(side: 'a' | 'b', token: number): number {
		return this.shownRow(this.layout.rowOfToken(side, token));
	}

	/** Measures until shown rows [0, end) are settled (nothing to settle when all is shown). */
	private settleShown(end: number): void {
		if (this.setting.showAll) return;
		for (;;) {
			this.finder.update();
			if (this.finder.done) return;
			if (this.current().shownRowOf(this.finder.settled) >= end) return;
			this.finder.settle(this.finder.settled);
		}
	}

	private current(): FoldView {
		this.finder.update();
		const rows = this.layout.rowCount;
		const folds = this.finder.folds.length;
		if (this.view === undefined || this.madeFrom.folds !== folds || this.madeFrom.rows !== rows) {
			const opened = new Set<number>();
			this.finder.keys.forEach((key, index) => {
				if (this.setting.opened.includes(key)) opened.add(index);
			});
			this.view = new FoldView(this.finder.folds, {showAll: this.setting.showAll, opened}, rows);
			this.madeFrom = {folds, rows};
		}
		return this.view;
	}
}
