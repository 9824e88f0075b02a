import type {DiffRequest} from '../app/state.js';
import type {FoldedRows} from '../diff/folded-rows.js';
import type {MatchTarget} from '../diff/search.js';
import type {DiffResult} from '../diff/types.js';
import type {DiffLayout, DiffRow} from '../diff/rows.js';
import type {QueryMatcher} from '../search/index.js';
import {findMatches} from '../search/matching.js';
import type {StyledLine} from '../types.js';
import type {DiffView} from './state.js';

/** What the diff screen's step knows of its rows (core/diff-view/state's DiffView), from a
 * folded layout and a search's matches: the screen and the step's tests make it alike. */
export function diffViewModel(
	request: DiffRequest,
	result: DiffResult,
	folded: FoldedRows,
	targets: readonly MatchTarget[],
	matcher?: QueryMatcher,
	/** The changes n/N visit, by the diff's index: all of them unless some are hidden. */
	shown?: readonly number[],
): DiffView {
	const {layout} = folded;
	const rowOfTarget = (target: MatchTarget) => {
		const passage = layout.passageOfToken(target.side, target.token);
		const estimate = layout.rowOfPassage(passage);
		return matcher
			? nearestRowShowing(layout, passage.block, estimate, target.side, matcher)
			: estimate;
	};
	return {
		columns: request.columns,
		// Read when used: jumps and the screen measure more of a long layout, which settles more
		// of its folds and makes the total exact in the end.
		get rows() {
			return folded.length;
		},
		get rowsExact() {
			return folded.complete;
		},
		measureAll: () => folded.measureAll(),
		height: request.height,
		changes: shown ? shown.length : result.changes.length,
		...(shown ? {shownWords: wordsOf(result, shown)} : {}),
		changeAt: (index) => (shown ? (shown[index] ?? -1) : index),
		rowOfChange: (index) => folded.rowOfChange(shown ? (shown[index] ?? -1) : index),
		passageAt: (row) => folded.passageAt(row),
		rowOfPassage: (passage) => folded.rowOfPassage(passage),
		tokenAt: (side, row) => folded.tokenAt(side, row),
		rowOfToken: (side, token) => folded.rowOfToken(side, token),
		foldAt: (row) => folded.foldAt(row),
		matches: targets.length,
		rowOfMatch: (index) => {
			const target = targets[index];
			if (target === undefined) return -1;
			return folded.shownRow(rowOfTarget(target));
		},
	};
}

/**
 * A match's row is estimated from how far through its block's tokens it is; the row of the
 * block nearest that estimate that shows a match on the match's side is where it is drawn
 * (the estimate itself when none does, as when a word is cut across rows).
 */
function nearestRowShowing(
	layout: DiffLayout,
	block: number,
	estimate: number,
	side: 'a' | 'b',
	matcher: QueryMatcher,
): number {
	const {first, end} = layout.blockRowRange(block);
	const rows = layout.rows(first, end);
	const shows = (row: DiffRow) => findMatches(plain(sideOf(row, side)), matcher).ranges.length > 0;
	for (let distance = 0; distance < rows.length; distance++) {
		for (const row of [estimate - distance, estimate + distance]) {
			const drawn = rows[row - first];
			if (drawn !== undefined && shows(drawn)) return row;
		}
	}
	return estimate;
}

function sideOf(row: DiffRow, side: 'a' | 'b'): StyledLine {
	if ('line' in row) return row.line;
	return side === 'a' ? row.left : row.right;
}

const plain = (line: StyledLine) => line.map((segment) => segment.text).join('');

/** The words changes `shown` (by the diff's index) delete and insert. */
function wordsOf(result: DiffResult, shown: readonly number[]) {
	let deleted = 0;
	let inserted = 0;
	for (const index of shown) {
		const change = result.changes[index];
		if (change === undefined) continue;
		deleted += change.deletedWords;
		inserted += change.insertedWords;
	}
	return {deleted, inserted};
}
