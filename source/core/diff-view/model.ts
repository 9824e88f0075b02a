import type {DiffRequest} from '../app/state.js';
import type {FoldedRows} from '../diff/folded-rows.js';
import type {MatchTarget} from '../diff/search.js';
import type {DiffResult} from '../diff/types.js';
import type {DiffView} from './state.js';

/** What the diff screen's step knows of its rows (core/diff-view/state's DiffView), from a
 * folded layout and a search's matches: the screen and the step's tests make it alike. */
export function diffViewModel(
	request: DiffRequest,
	result: DiffResult,
	folded: FoldedRows,
	targets: readonly MatchTarget[],
): DiffView {
	const {layout} = folded;
	return {
		columns: request.columns,
		rows: folded.length,
		height: request.height,
		changes: result.changes.length,
		rowOfChange: (index) => folded.rowOfChange(index),
		passageAt: (row) => folded.passageAt(row),
		rowOfPassage: (passage) => folded.rowOfPassage(passage),
		foldAt: (row) => folded.foldAt(row),
		matches: targets.length,
		rowOfMatch: (index) => {
			const target = targets[index];
			if (target === undefined) return -1;
			return folded.rowOfPassage(layout.passageOfToken(target.side, target.token));
		},
	};
}
