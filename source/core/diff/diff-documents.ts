import {Buffer} from 'node:buffer';
import {sanitiseText} from '../text/sanitise.js';
import type {Document} from '../types.js';
import {alignTokens} from './align.js';
import {Budget, BudgetExceeded} from './budget.js';
import {DELETE, EQUAL, INSERT} from './edit-script.js';
import {paragraphDiff} from './paragraph-diff.js';
import {sparseDiff} from './sparse-diff.js';
import {windowedAlign} from './windows.js';
import {diffStats} from './stats.js';
import type {
	DiffChange,
	DiffEdit,
	DiffOptions,
	DiffPart,
	DiffResult,
	DiffSummary,
} from './types.js';
import type {TextEnds} from './regions.js';
import {KIND_BREAK, KIND_WORD, TokenIds, tokenizeWords, type TokenList} from './word-tokens.js';

export const DEFAULT_TIME_BUDGET_MS = 300;

/**
 * Texts up to this many UTF-16 units a side (about 50,000 tokens of prose) are aligned whole,
 * which finds the minimal alignment's common words (within a fraction of a percent on text
 * rewritten by half); longer ones a window at a time (windows.ts), which is as fast and as good
 * where they are mostly the same, but on heavily revised text lost up to 2% of the common words
 * to windows that paired a repeated word differently. `diff --json` and the screen decide by the
 * same length (see wholeAlignment), so they report the same changes.
 */
export const WHOLE_ALIGNMENT_LENGTH = 400_000;

/** Whether texts of these lengths (UTF-16 units) are aligned whole (WHOLE_ALIGNMENT_LENGTH). */
export function wholeAlignment(lengthA: number, lengthB: number): boolean {
	return Math.max(lengthA, lengthB) <= WHOLE_ALIGNMENT_LENGTH;
}

/** Word diff of two documents' whole text (see diffTexts). */
export function diffDocuments(a: Document, b: Document, options: DiffOptions = {}): DiffResult {
	return diffTexts(a.text, b.text, options);
}

/**
 * Word diff of two texts: words and punctuation, ignoring wrapping and runs of spaces; with
 * `layout`, paragraph breaks too. Exact (equal + deleted parts spell A's tokens, equal +
 * inserted spell B's) and minimal wherever the two texts share anchors; when aligning the
 * tokens takes longer than the time budget it becomes a paragraph diff with `fallback` set.
 */
export function diffTexts(textA: string, textB: string, options: DiffOptions = {}): DiffResult {
	const layout = options.layout ?? false;
	const ids = new TokenIds();
	const a = tokenizeWords(textA, ids, {breakTokens: layout});
	const b = tokenizeWords(textB, ids, {breakTokens: layout});
	// Only the alignment is budgeted: tokenizing is linear and always finishes, and counting it
	// made a 5 MB pair fall back on a busy machine although its alignment takes 30 ms.
	const budget = new Budget(options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
	let runs: readonly number[];
	let fallback = false;
	try {
		// Long content is aligned a window at a time, as `diff --json` aligns it (see windows.ts), so
		// the two agree; layout, with its break tokens, article-size texts and texts too different
		// for windows, whole.
		const windowed = !layout && (options.windowed ?? !wholeAlignment(textA.length, textB.length));
		runs =
			(windowed ? windowedAlign(a, b, ids.size, budget) : undefined) ??
			alignTokens(a.ids, b.ids, ids.size, budget, a.kinds);
	} catch (error) {
		if (!(error instanceof BudgetExceeded)) throw error;
		runs = paragraphDiff(a, b);
		fallback = true;
	}
	const {parts, changes} = buildParts(a, b, runs);
	return {
		a,
		b,
		layout,
		parts,
		changes,
		stats: diffStats(a, b, runs),
		identical: changes.length === 0,
		fallback,
	};
}

/**
 * The content diff of two texts (diffTexts without layout) as its edits and statistics, for
 * callers that show no rows: by sparseDiff, which reads only where the texts differ, when they
 * are alike enough for it, else from diffTexts. The texts are a Document's, sanitised.
 */
export function summariseTexts(
	textA: string,
	textB: string,
	options: Pick<DiffOptions, 'timeBudgetMs'> = {},
): DiffSummary {
	// sparseDiff works on UTF-8, which has no lone surrogates (encoding makes them U+FFFD), and
	// sanitises as it goes, which would change a text not sanitised yet.
	const sparseWillDo = (text: string) => !LONE_SURROGATE.test(text) && sanitiseText(text) === text;
	if (!sparseWillDo(textA) || !sparseWillDo(textB)) return fullSummary(textA, textB, options);
	return summariseUtf8(Buffer.from(textA, 'utf8'), Buffer.from(textB, 'utf8'), options);
}

/** summariseTexts for two files' bytes, as plainUtf8 passes them: decoded and sanitised only
 * if sparseDiff gives way to the full diff. */
export function summariseUtf8(
	a: Uint8Array,
	b: Uint8Array,
	options: Pick<DiffOptions, 'timeBudgetMs'> = {},
): DiffSummary {
	if (wholeAlignment(utf16Length(a), utf16Length(b))) {
		return fullSummary(plainUtf8Text(a), plainUtf8Text(b), options);
	}
	try {
		const summary = sparseDiff(a, b, new Budget(options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS));
		if (summary !== undefined) return summary;
	} catch (error) {
		if (!(error instanceof BudgetExceeded)) throw error;
	}
	return fullSummary(plainUtf8Text(a), plainUtf8Text(b), options);
}

/** The text of bytes plainUtf8 passed, as the loader makes it: decoded and sanitised. */
export function plainUtf8Text(bytes: Uint8Array): string {
	return sanitiseText(
		Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
	);
}

const LONE_SURROGATE = /\p{Cs}/u;

/** The two ends of the text of bytes plainUtf8 passed, for splitRegions, decoding only them.
 * `length`: the text's length in UTF-16 units when known (DiffSummary has it), else counted. */
export function utf8Ends(bytes: Uint8Array, length = utf8Units(bytes)): TextEnds {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return {
		length,
		// A character cut at the head's end is a U+FFFD past what is read; its own length.
		head: (units) =>
			units >= length ? plainUtf8Text(bytes) : sanitiseText(buffer.toString('utf8', 0, units)),
		tail: (units) => {
			if (units >= length) return plainUtf8Text(bytes);
			// At least `units` units lie in the last 3·units bytes; start at a character.
			let from = Math.max(0, bytes.length - 3 * units);
			while (from < bytes.length && (bytes[from]! & 0xc0) === 0x80) from++;
			const text = sanitiseText(buffer.toString('utf8', from));
			return text.slice(Math.max(0, text.length - units));
		},
	};
}

/** The UTF-16 length of valid UTF-8 `bytes`: a unit per sequence, two for a four-byte one. A
 * sequence is at most 3 bytes per unit, so only lengths near WHOLE_ALIGNMENT_LENGTH are counted. */
function utf16Length(bytes: Uint8Array): number {
	if (bytes.length <= WHOLE_ALIGNMENT_LENGTH) return bytes.length;
	if (bytes.length > 3 * WHOLE_ALIGNMENT_LENGTH) return bytes.length / 3;
	let units = 0;
	for (let at = 0; at < bytes.length; at++) {
		const byte = bytes[at]!;
		if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
	}
	return units;
}

/** UTF-16 units of valid UTF-8 `bytes`: one a sequence, two for a four-byte one. */
function utf8Units(bytes: Uint8Array): number {
	let length = 0;
	for (let at = 0; at < bytes.length; at++) {
		const byte = bytes[at]!;
		if ((byte & 0xc0) !== 0x80) length += byte >= 0xf0 ? 2 : 1;
	}
	return length;
}

function fullSummary(
	textA: string,
	textB: string,
	options: Pick<DiffOptions, 'timeBudgetMs'>,
): DiffSummary {
	const result = diffTexts(textA, textB, options);
	return {
		edits: editsOf(result),
		stats: result.stats,
		fallback: result.fallback,
		lengthA: textA.length,
		lengthB: textB.length,
	};
}

/** The deletions and insertions of a diff, in order. */
export function editsOf(result: DiffResult): DiffEdit[] {
	const edits: DiffEdit[] = [];
	for (const {type, text, offsetA, offsetB} of result.parts) {
		if (type !== 'equal') edits.push({type, text, offsetA, offsetB});
	}
	return edits;
}

function buildParts(a: TokenList, b: TokenList, runs: readonly number[]) {
	const parts: DiffPart[] = [];
	const changes: DiffChange[] = [];
	let atA = 0;
	let atB = 0;
	let changeStart = -1;
	const closeChange = () => {
		if (changeStart === -1) return;
		const first = parts[changeStart]!;
		let deletedWords = 0;
		let insertedWords = 0;
		let layoutOnly = true;
		for (let p = changeStart; p < parts.length; p++) {
			const part = parts[p]!;
			const side = part.type === 'delete' ? a : b;
			const [start, end] =
				part.type === 'delete' ? [part.startA, part.endA] : [part.startB, part.endB];
			for (let i = start; i < end; i++) {
				const kind = side.kinds[i];
				if (kind !== KIND_BREAK) layoutOnly = false;
				if (kind !== KIND_WORD) continue;
				if (part.type === 'delete') deletedWords++;
				else insertedWords++;
			}
		}
		changes.push({
			index: changes.length,
			firstPart: changeStart,
			endPart: parts.length,
			offsetA: first.offsetA,
			offsetB: first.offsetB,
			deletedWords,
			insertedWords,
			layoutOnly,
		});
		changeStart = -1;
	};

	for (let k = 0; k < runs.length; k += 2) {
		const operation = runs[k]!;
		const count = runs[k + 1]!;
		const endA = operation === INSERT ? atA : atA + count;
		const endB = operation === DELETE ? atB : atB + count;
		if (operation === EQUAL) closeChange();
		else if (changeStart === -1) changeStart = parts.length;
		const source = operation === INSERT ? b : a;
		const [start, end] = operation === INSERT ? [atB, endB] : [atA, endA];
		const part: DiffPart = {
			type: operation === EQUAL ? 'equal' : operation === DELETE ? 'delete' : 'insert',
			startA: atA,
			endA,
			startB: atB,
			endB,
			offsetA: offsetOf(a, atA),
			offsetB: offsetOf(b, atB),
			text: source.text.slice(source.starts[start], source.ends[end - 1]),
			...(operation === EQUAL ? {} : {change: changes.length}),
		};
		parts.push(part);
		atA = endA;
		atB = endB;
	}
	closeChange();
	return {parts, changes};
}

function offsetOf(tokens: TokenList, index: number): number {
	return index < tokens.length ? tokens.starts[index]! : tokens.text.length;
}
