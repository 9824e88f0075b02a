/**
 * The diff screen's status line: where the screen is ("lines 120–150 of 340 · 44%"), what n/N
 * go to (the change current or nearest the top, or the search's match), and the diff's figures.
 */
import {formatPlace, placeOf} from '../diff/place.js';
import type {DiffResult} from '../diff/types.js';
import {countOf, formatCount} from '../text/numbers.js';
import {searching, type DiffView, type DiffViewState} from './state.js';

export function diffStatus(
	state: DiffViewState,
	view: DiffView,
	result: Pick<DiffResult, 'stats' | 'identical' | 'fallback' | 'links'>,
	top: number,
): string {
	if (state.message) return state.message;
	const {changes, height} = view;
	const estimated = view.rowsExact === false;
	const place = placeOf(top, height, view.rows, changes, view.rowOfChange, estimated);
	const parts: string[] = [];
	if (result.fallback) parts.push('too different for a word diff: compared by paragraph');
	const search = searching(state) ? state.search : undefined;
	if (search) {
		parts.push(formatPlace(place, 0, undefined, false));
		const matches = view.matches ?? 0;
		// As in the reader: the match's place only while it is on screen, since n and N go on
		// from the screen once it was scrolled away.
		const row = search.current === undefined ? -1 : (view.rowOfMatch?.(search.current) ?? -1);
		parts.push(
			search.current !== undefined && row >= top && row < top + height
				? `match ${formatCount(search.current + 1)}/${formatCount(matches)} for “${search.query}”`
				: `${countOf(matches, 'match', 'matches')} for “${search.query}”`,
		);
	} else if (changes === 0) {
		parts.push(formatPlace(place, 0, undefined, false));
		parts.push(
			result.identical
				? 'identical in content'
				: result.links
					? 'the same words; links lead elsewhere'
					: 'no changes',
		);
	} else if (state.current === undefined && top === 0) {
		// Nothing visited yet (g would make the first change current): how many changes.
		parts.push(formatPlace(place, 0, undefined, false));
		parts.push(countOf(changes, 'change'));
	} else {
		const row = state.current === undefined ? -1 : view.rowOfChange(state.current);
		parts.push(formatPlace(place, changes, state.current, row >= top && row < top + height));
	}
	const {stats} = result;
	const words = view.shownWords ?? stats;
	parts.push(
		`−${formatCount(words.deleted)} +${formatCount(words.inserted)}`,
		`${(stats.similarity * 100).toFixed(1)}% similar`,
	);
	return parts.join(' · ');
}
