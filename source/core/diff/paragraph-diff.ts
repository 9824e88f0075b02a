import {DELETE, EditScript, EQUAL, INSERT} from './edit-script.js';
import {IdTable} from './unique-anchors.js';
import {GAP_PARAGRAPH, KIND_BREAK, type TokenList} from './word-tokens.js';

/**
 * The coarse diff used when the word diff runs out of time (two unrelated long texts): whole
 * paragraphs are equal or not. Equal paragraphs are found the patience way (common head and
 * tail, then paragraphs unique on both sides, recursively); whatever lies between is reported
 * as deleted and inserted without looking further, so this is O(n log n) and cannot hang.
 * Returns an edit script over tokens, like the word diff.
 */
export function paragraphDiff(a: TokenList, b: TokenList): readonly number[] {
	const keys = new ParagraphIds();
	const unitsA = paragraphUnits(a, keys);
	const unitsB = paragraphUnits(b, keys);
	const counter = new IdTable(keys.size);
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

/**
 * Gives paragraphs ids by their tokens, comparable between the two lists (tokens of both were
 * interned together, so equal ids mean equal text): a hash of the token ids, checked token by
 * token against the paragraphs already seen with that hash. Slicing and normalising each
 * paragraph's text into a Map key cost more than the whole word diff on a 5 MB pair.
 */
class ParagraphIds {
	private readonly byHash = new Map<
		number,
		{tokens: TokenList; start: number; end: number; id: number}[]
	>();
	size = 0;

	idOf(tokens: TokenList, start: number, end: number): number {
		let hash = end - start;
		for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + tokens.ids[i]!) | 0;
		let seen = this.byHash.get(hash);
		if (seen === undefined) {
			seen = [];
			this.byHash.set(hash, seen);
		}
		for (const other of seen) {
			if (other.end - other.start !== end - start) continue;
			let k = 0;
			while (k < end - start && other.tokens.ids[other.start + k] === tokens.ids[start + k]) k++;
			if (k === end - start) return other.id;
		}
		const id = this.size++;
		seen.push({tokens, start, end, id});
		return id;
	}
}

/** Splits a token list into paragraphs (a break token opens the paragraph after it) and gives
 * each an id by its tokens, whatever the wrapping. */
function paragraphUnits(tokens: TokenList, keys: ParagraphIds) {
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
		const end = u + 1 < starts.length ? starts[u + 1]! : tokens.length;
		ids[u] = keys.idOf(tokens, starts[u]!, end);
	}
	return {starts: Int32Array.from(starts), ids};
}
