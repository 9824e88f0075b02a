import {alignTokens} from './align.js';
import type {Budget} from './budget.js';
import {DELETE, EditScript, EQUAL} from './edit-script.js';
import {GAP_NONE, type TokenList} from './word-tokens.js';

/**
 * Aligning two mostly equal texts a window at a time: walk while they agree; where they first
 * differ, align a window of tokens from the last place both were at a token start after
 * whitespace (the "safe" place), keep that alignment up to a run of equal tokens, and walk on
 * from there. sparse-diff.ts walks the files' bytes this way, windowedAlign (below) the
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

/** Windows to align: the two sides' token ids, and how many ids there are. */
export interface WindowPair {
	readonly a: Int32Array;
	/** KIND_* of each token of `a`. */
	readonly kindsA: Uint8Array;
	readonly b: Int32Array;
	readonly idCount: number;
}

/**
 * Aligns windows of FIRST_WINDOW tokens per side, then windows 4× larger, until windowEnd
 * finds where to walk on; `windowsOf(size)` gives the windows of that size (fewer tokens where
 * a text ends). Undefined past MAX_WINDOW.
 */
export function alignWindows(
	windowsOf: (size: number) => WindowPair,
	budget: Budget,
): (WindowPair & {runs: readonly number[]; end: Exclude<WindowEnd, {kind: 'grow'}>}) | undefined {
	for (let size = FIRST_WINDOW; size <= MAX_WINDOW; size *= 4) {
		budget.tick();
		const windows = windowsOf(size);
		const runs = alignTokens(windows.a, windows.b, windows.idCount, budget, windows.kindsA);
		// A window shorter than asked for ran to the end of its text.
		const end = windowEnd(runs, windows.a.length < size && windows.b.length < size);
		if (end.kind !== 'grow') return {...windows, runs, end};
	}
	return undefined;
}

/**
 * The edit script of two token lists aligned a window at a time (see above), walking the
 * lists the way sparseDiff walks the texts' bytes, so that the screen's diff and `diff --json`
 * agree change for change: equal tokens are walked over; whitespace before a token on one side
 * only is a difference, except where both sides were already between tokens; and where they
 * differ, windows from the last token both had whitespace before are aligned. Undefined when the
 * texts differ too much for windows of MAX_WINDOW tokens. Content only: gaps, not break tokens.
 */
export function windowedAlign(
	a: TokenList,
	b: TokenList,
	idCount: number,
	budget: Budget,
): number[] | undefined {
	const script = new EditScript();
	const idsA = a.ids;
	const idsB = b.ids;
	let i = 0;
	let j = 0;
	// The last place both were at a token after whitespace (or where a window left off), and
	// how far the script has got on A: up to there both sides are equal.
	let safeA = 0;
	let safeB = 0;
	let written = 0;
	for (;;) {
		// As the bytes are walked: the whitespace before a token first (the end of a text counts
		// as whitespace), then the token.
		while (i < a.length || j < b.length) {
			const spaceA = i === a.length || a.gaps[i] !== GAP_NONE;
			const spaceB = j === b.length || b.gaps[j] !== GAP_NONE;
			if (spaceA && spaceB) {
				safeA = i;
				safeB = j;
			} else if (spaceA !== spaceB && (i !== safeA || j !== safeB)) {
				break;
			}
			if (i === a.length || j === b.length || idsA[i] !== idsB[j]) break;
			i++;
			j++;
		}
		if (i === a.length && j === b.length) {
			script.equal(i - written);
			return [...script.finish()];
		}
		script.equal(safeA - written);
		const fromA = safeA;
		const fromB = safeB;
		const aligned = alignWindows((size) => {
			const endA = Math.min(a.length, fromA + size);
			const windowA = a.ids.subarray(fromA, endA);
			const windowB = b.ids.subarray(fromB, Math.min(b.length, fromB + size));
			return {a: windowA, kindsA: a.kinds.subarray(fromA, endA), b: windowB, idCount};
		}, budget);
		if (aligned === undefined) return undefined;
		const {runs, end, a: windowA, b: windowB} = aligned;
		const keep = end.kind === 'resume' ? end.keep : runs.length;
		for (let k = 0; k < keep; k += 2) {
			const count = runs[k + 1]!;
			if (runs[k] === EQUAL) script.equal(count);
			else if (runs[k] === DELETE) script.delete(count);
			else script.insert(count);
		}
		if (end.kind === 'finished') return [...script.finish()];
		[i, j] =
			end.kind === 'after'
				? [fromA + windowA.length, fromB + windowB.length]
				: [fromA + end.atA, fromB + end.atB];
		safeA = i;
		safeB = j;
		written = i;
	}
}
