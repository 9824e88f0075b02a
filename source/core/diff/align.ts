import {anchoredDiff} from './anchored-diff.js';
import type {Budget} from './budget.js';
import {DELETE, EditScript, EQUAL, mergeShortEqualities} from './edit-script.js';
import {slideChanges} from './slide.js';
import {FIRST_WINDOW, MAX_WINDOW, windowEnd} from './windows.js';
import {GAP_NONE, type TokenList} from './word-tokens.js';

/** The edit script of two token sequences: aligned, each change put in its one place, and
 * short equal runs between changes folded into them. */
export function alignTokens(
	a: Int32Array,
	b: Int32Array,
	idCount: number,
	budget: Budget,
): readonly number[] {
	return mergeShortEqualities(slideChanges(anchoredDiff(a, b, idCount, budget), a, b));
}

/**
 * The edit script of two token lists aligned a window at a time (see windows.ts), walking the
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
		const resumed = alignWindows(a, b, safeA, safeB, idCount, budget, script);
		if (resumed === undefined) return undefined;
		if (resumed === FINISHED) return [...script.finish()];
		[i, j] = resumed;
		safeA = i;
		safeB = j;
		written = i;
	}
}

const FINISHED = 'finished';

/** Aligns windows from (fromA, fromB), growing them until windowEnd says where to walk on;
 * appends what to keep to `script`. */
function alignWindows(
	a: TokenList,
	b: TokenList,
	fromA: number,
	fromB: number,
	idCount: number,
	budget: Budget,
	script: EditScript,
): [number, number] | typeof FINISHED | undefined {
	for (let window = FIRST_WINDOW; window <= MAX_WINDOW; window *= 4) {
		budget.tick();
		const windowA = a.ids.subarray(fromA, Math.min(a.length, fromA + window));
		const windowB = b.ids.subarray(fromB, Math.min(b.length, fromB + window));
		const runs = alignTokens(windowA, windowB, idCount, budget);
		const ended = windowA.length < window && windowB.length < window;
		const end = windowEnd(runs, ended);
		if (end.kind === 'grow') continue;
		const keep = end.kind === 'resume' ? end.keep : runs.length;
		for (let k = 0; k < keep; k += 2) {
			const count = runs[k + 1]!;
			if (runs[k] === EQUAL) script.equal(count);
			else if (runs[k] === DELETE) script.delete(count);
			else script.insert(count);
		}
		if (end.kind === 'finished') return FINISHED;
		if (end.kind === 'after') return [fromA + windowA.length, fromB + windowB.length];
		return [fromA + end.atA, fromB + end.atB];
	}
	return undefined;
}
