/**
 * Where the reader is in a diff, for the status line: the rows on screen, how far through,
 * and which change is current or nearest the top ("lines 120–150 of 340 · 44% · near change
 * 1/2"). Pure: the screen passes the rows and each change's first row.
 */
import {formatCount} from '../text/numbers.js';

export interface DiffPlace {
	/** First and last row on screen, counted from 1. */
	readonly first: number;
	readonly last: number;
	readonly total: number;
	/** How far the bottom of the screen is through the rows, as less counts it. */
	readonly percent: number;
	/** The change nearest the top of the screen (see nearestChange), or undefined. */
	readonly near: number | undefined;
	/** Whether `total` (and so `percent`) is an estimate: a long diff not yet measured whole. */
	readonly estimated: boolean;
}

/**
 * The place of a screen of `height` rows from row `top` in `total` rows. `rowOfChange(k)` is
 * change k's first row (-1 when it draws nothing), for `changes` changes.
 */
export function placeOf(
	top: number,
	height: number,
	total: number,
	changes: number,
	rowOfChange: (index: number) => number,
	estimated = false,
): DiffPlace {
	const last = Math.min(total, top + height);
	return {
		first: total === 0 ? 0 : top + 1,
		last,
		total,
		percent: total === 0 ? 100 : Math.round((100 * last) / total),
		near: nearestChange(top, height, changes, rowOfChange),
		estimated,
	};
}

/**
 * The change nearest the top of the screen: the first one starting on screen, else the last
 * one starting above it (the reader is inside or past it), else the first one below.
 */
export function nearestChange(
	top: number,
	height: number,
	changes: number,
	rowOfChange: (index: number) => number,
): number | undefined {
	let above: number | undefined;
	for (let index = 0; index < changes; index++) {
		const row = rowOfChange(index);
		if (row < 0) continue;
		if (row < top) above = index;
		else if (row < top + height) return index;
		else return above ?? index;
	}
	return above;
}

/** "lines 120–150 of 340 · 44% · change 2/5", or "… · near change 1/2" when the current change
 * (the one last jumped to) is not on screen or there is none. */
export function formatPlace(
	place: DiffPlace,
	changes: number,
	current: number | undefined,
	currentOnScreen: boolean,
): string {
	// An estimated total is marked, as less marks nothing it has not counted: "of ~3,400 · ~1%".
	const about = place.estimated ? '~' : '';
	const lines =
		place.total === 0
			? 'no lines'
			: `lines ${formatCount(place.first)}–${formatCount(place.last)} of ${about}${formatCount(place.total)} · ${about}${place.percent}%`;
	if (changes === 0) return lines;
	const of = formatCount(changes);
	if (current !== undefined && currentOnScreen)
		return `${lines} · change ${formatCount(current + 1)}/${of}`;
	if (place.near === undefined) return lines;
	return `${lines} · near change ${formatCount(place.near + 1)}/${of}`;
}
