import {DELETE, EditScript, EQUAL} from './edit-script.js';

/**
 * Puts each change that only inserts or only deletes in one chosen place among the places it
 * could equally go, as git's diff does (xdl_change_compact). "not kept and be" against
 * "not and and be" can be read as "kept" deleted then the second "and" inserted, or as "kept"
 * replaced by "and": the same counts, but the second reads as one change, not two. So a change
 * that can slide up to the change before it joins it; one that cannot slides down as far as it
 * goes, joining the change after it if it reaches it. Sliding moves a change along a run of
 * tokens equal to its own, so the tokens each side spells are unchanged.
 *
 * Which of the equally good places an alignment found depends on where the diff happened to
 * cut the problem (at anchors, or in exact gaps); this makes the choice independent of that.
 */
export function slideChanges(runs: readonly number[], a: Int32Array, b: Int32Array): number[] {
	// equal[g] tokens, then change g (deleted[g], inserted[g]), …, then equal[last].
	const equal = [0];
	const deleted: number[] = [];
	const inserted: number[] = [];
	for (let k = 0; k < runs.length; k += 2) {
		const operation = runs[k]!;
		const count = runs[k + 1]!;
		if (operation === EQUAL) {
			if (equal.length === deleted.length) equal.push(0);
			equal[equal.length - 1]! += count;
			continue;
		}
		if (deleted.length < equal.length) {
			deleted.push(0);
			inserted.push(0);
		}
		if (operation === DELETE) deleted[deleted.length - 1]! += count;
		else inserted[inserted.length - 1]! += count;
	}
	if (equal.length === deleted.length) equal.push(0);

	let atA = 0;
	let atB = 0;
	for (let g = 0; g < deleted.length; g++) {
		atA += equal[g]!;
		atB += equal[g]!;
		const onlyDeletes = inserted[g] === 0;
		if (onlyDeletes || deleted[g] === 0) {
			const [tokens, start, size] = onlyDeletes ? [a, atA, deleted[g]!] : [b, atB, inserted[g]!];
			const above = equal[g]!;
			let up = 0;
			while (up < above && tokens[start - 1 - up] === tokens[start + size - 1 - up]) up++;
			// Up to the change before (not merely to the top of the text): join it. `0 - up`, not
			// `-up`: -0 is not a small integer to V8, and one in `equal` made every count after it a
			// boxed number, which threw the compiled edit scripts away (EditScript's deopts).
			const shift = up === above && g > 0 ? 0 - up : slideDown(tokens, start, size, equal[g + 1]!);
			equal[g]! += shift;
			equal[g + 1]! -= shift;
			atA += shift;
			atB += shift;
		}
		atA += deleted[g]!;
		atB += inserted[g]!;
	}

	const script = new EditScript();
	for (let g = 0; g < deleted.length; g++) {
		script.equal(equal[g]!);
		script.delete(deleted[g]!);
		script.insert(inserted[g]!);
	}
	script.equal(equal[deleted.length]!);
	return [...script.finish()];
}

/** How far the `size` tokens at `start` can slide down into the `below` equal tokens after them. */
function slideDown(tokens: Int32Array, start: number, size: number, below: number): number {
	let down = 0;
	while (down < below && tokens[start + down] === tokens[start + size + down]) down++;
	return down;
}
