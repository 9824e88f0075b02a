import {anchoredDiff} from './anchored-diff.js';
import type {Budget} from './budget.js';
import {mergeShortEqualities} from './edit-script.js';
import {slideChanges} from './slide.js';

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
