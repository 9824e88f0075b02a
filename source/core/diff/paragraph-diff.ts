import {DELETE, EditScript, EQUAL, INSERT} from './edit-script.js';
import {UniqueCounter} from './unique-anchors.js';
import {GAP_PARAGRAPH, KIND_BREAK, type TokenList} from './word-tokens.js';

/**
 * The coarse diff used when the word diff runs out of time (two unrelated long texts): whole
 * paragraphs are equal or not. Equal paragraphs are found the patience way (common head and
 * tail, then paragraphs unique on both sides, recursively); whatever lies between is reported
 * as deleted and inserted without looking further, so this is O(n log n) and cannot hang.
 * Returns an edit script over tokens, like the word diff.
 */
export function paragraphDiff(a: TokenList, b: TokenList): readonly number[] {
	const keys = new Map<string, number>();
	const unitsA = paragraphUnits(a, keys);
	const unitsB = paragraphUnits(b, keys);
	const counter = new UniqueCounter(keys.size);
	const unitScript = new EditScript();
	alignUnits(unitsA.ids, 0, unitsA.ids.length, unitsB.ids, 0, unitsB.ids.length);
	const runs = unitScript.finish();

	const script = new EditScript();
	let atA = 0;
	let atB = 0;
	for (let k = 0; k < runs.length; k += 2) {
		const operation = runs[k]!;
		const count = runs[k + 1]!;
		const tokensA = operation === INSERT ? 0 : tokenCount(unitsA.starts, atA, count, a.length);
		const tokensB = operation === DELETE ? 0 : tokenCount(unitsB.starts, atB, count, b.length);
		if (operation === EQUAL) script.equal(tokensA);
		else if (operation === DELETE) script.delete(tokensA);
		else script.insert(tokensB);
		if (operation !== INSERT) atA += count;
		if (operation !== DELETE) atB += count;
	}
	return script.finish();

	function alignUnits(
		x: Int32Array,
		x0: number,
		x1: number,
		y: Int32Array,
		y0: number,
		y1: number,
	) {
		let head = 0;
		while (x0 + head < x1 && y0 + head < y1 && x[x0 + head] === y[y0 + head]) head++;
		unitScript.equal(head);
		x0 += head;
		y0 += head;
		let tail = 0;
		while (x1 - tail > x0 && y1 - tail > y0 && x[x1 - tail - 1] === y[y1 - tail - 1]) tail++;
		x1 -= tail;
		y1 -= tail;
		const anchors = x0 < x1 && y0 < y1 ? counter.anchors(x, x0, x1, y, y0, y1, 1) : [];
		if (anchors.length === 0) {
			unitScript.delete(x1 - x0);
			unitScript.insert(y1 - y0);
		} else {
			let nextX = x0;
			let nextY = y0;
			for (let k = 0; k < anchors.length; k += 2) {
				alignUnits(x, nextX, anchors[k]!, y, nextY, anchors[k + 1]!);
				unitScript.equal(1);
				nextX = anchors[k]! + 1;
				nextY = anchors[k + 1]! + 1;
			}
			alignUnits(x, nextX, x1, y, nextY, y1);
		}
		unitScript.equal(tail);
	}
}

function tokenCount(starts: Int32Array, unit: number, units: number, tokens: number): number {
	const end = unit + units < starts.length ? starts[unit + units]! : tokens;
	return end - starts[unit]!;
}

/** Splits a token list into paragraphs (a break token opens the paragraph after it) and gives
 * each an id by its words, whatever the wrapping. */
function paragraphUnits(tokens: TokenList, keys: Map<string, number>) {
	const starts: number[] = [];
	for (let i = 0; i < tokens.length; i++) {
		const opens =
			i === 0 ||
			tokens.kinds[i] === KIND_BREAK ||
			(tokens.gaps[i] === GAP_PARAGRAPH && tokens.kinds[i - 1] !== KIND_BREAK);
		if (opens) starts.push(i);
	}
	const ids = new Int32Array(starts.length);
	for (let u = 0; u < starts.length; u++) {
		const first = starts[u]!;
		const last = (u + 1 < starts.length ? starts[u + 1]! : tokens.length) - 1;
		const key = tokens.text.slice(tokens.starts[first], tokens.ends[last]).replace(/\s+/g, ' ');
		let id = keys.get(key);
		if (id === undefined) {
			id = keys.size;
			keys.set(key, id);
		}
		ids[u] = id;
	}
	return {starts: Int32Array.from(starts), ids};
}
