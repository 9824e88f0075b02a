import {DELETE, EQUAL} from './edit-script.js';

/**
 * Aligning two mostly equal texts a window at a time: walk while they agree; where they first
 * differ, align a window of tokens from the last place both were at a token start after
 * whitespace (the "safe" place), keep that alignment up to a run of equal tokens, and walk on
 * from there. sparse-diff.ts walks the files' bytes this way, windowedAlign (align.ts) the
 * token lists the screen needs; the rules here are shared, so both align every change alike.
 */

/** The first window, in tokens per side; a window with no place to walk on from grows 4×. */
export const FIRST_WINDOW = 16;
/** Windows stop growing here: texts that differ this much are aligned whole. */
export const MAX_WINDOW = 1 << 15;
/** The fewest equal tokens a walk resumes on: fewer could be a chance match inside a change. */
const MIN_RESUME = 8;

/** What to do with a window's alignment (an edit script over its tokens). */
export type WindowEnd =
	/** Keep runs [0, keep), then walk on from tokens (atA, atB) of the windows. */
	| {readonly kind: 'resume'; readonly keep: number; readonly atA: number; readonly atB: number}
	/** The windows agree throughout: keep it all and walk on after their last tokens. */
	| {readonly kind: 'after'}
	/** The windows ran to the ends of both texts: keep it all; done. */
	| {readonly kind: 'finished'}
	/** No place to walk on from: try a larger window. */
	| {readonly kind: 'grow'};

/**
 * Where a walk can resume in a window's alignment: at the first equal run after a change that
 * is at least MIN_RESUME tokens and at least as long as that change, which mergeShortEqualities
 * would never fold into the change (it folds only runs shorter than the changes on both sides),
 * so no alignment of the whole texts would either. `ended`: both windows reach their texts' ends.
 */
export function windowEnd(runs: readonly number[], ended: boolean): WindowEnd {
	let atA = 0;
	let atB = 0;
	let changed = false;
	let deleted = 0;
	let inserted = 0;
	for (let k = 0; k < runs.length; k += 2) {
		const operation = runs[k]!;
		const count = runs[k + 1]!;
		if (operation === EQUAL) {
			if (changed && count >= Math.max(MIN_RESUME, deleted, inserted)) {
				return {kind: 'resume', keep: k, atA, atB};
			}
			deleted = 0;
			inserted = 0;
			atA += count;
			atB += count;
		} else {
			changed = true;
			if (operation === DELETE) {
				deleted += count;
				atA += count;
			} else {
				inserted += count;
				atB += count;
			}
		}
	}
	if (ended) return {kind: 'finished'};
	// The same tokens on both sides all through (the walk stopped at whitespace on one side only,
	// as in "a,b" against "a, b"): walk on after them.
	return changed ? {kind: 'grow'} : {kind: 'after'};
}
