import {finish, type Steps} from '../steps.js';
import {anchoredDiffSteps} from './anchored-diff.js';
import type {Budget} from './budget.js';
import {mergeShortEqualities} from './edit-script.js';
import {slideChanges} from './slide.js';
import {KIND_WORD} from './word-tokens.js';

/** The edit script of two token sequences: aligned, each change put in its one place, and
 * short equal runs of punctuation between changes folded into them. `kindsA`: the KIND_* of
 * each token of `a`. */
export function alignTokens(
	a: Int32Array,
	b: Int32Array,
	idCount: number,
	budget: Budget,
	kindsA: Uint8Array,
): readonly number[] {
	return finish(alignTokensSteps(a, b, idCount, budget, kindsA));
}

/** alignTokens a piece at a time (anchoredDiffSteps, then sliding, then folding). */
export function* alignTokensSteps(
	a: Int32Array,
	b: Int32Array,
	idCount: number,
	budget: Budget,
	kindsA: Uint8Array,
): Steps<readonly number[]> {
	const words = (start: number, count: number) => {
		let found = 0;
		for (let i = start; i < start + count; i++) if (kindsA[i] === KIND_WORD) found++;
		return found;
	};
	const aligned = yield* anchoredDiffSteps(a, b, idCount, budget);
	yield;
	const slid = slideChanges(aligned, a, b);
	yield;
	return mergeShortEqualities(slid, words);
}
