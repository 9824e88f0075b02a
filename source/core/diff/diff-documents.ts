import {Buffer} from 'node:buffer';
import {sanitiseText} from '../text/sanitise.js';
import type {Document} from '../types.js';
import {linkAddresses, linkChanges} from '../markdown/links.js';
import {finish, type Steps} from '../steps.js';
import {alignTokensSteps} from './align.js';
import {Budget, BudgetExceeded} from './budget.js';
import {DELETE, EQUAL, INSERT} from './edit-script.js';
import {paragraphDiff} from './paragraph-diff.js';
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
import {
	KIND_BREAK,
	KIND_WORD,
	TokenIds,
	tokenizeTexts,
	tokenizeTextsSteps,
	tokenizeUtf8Pair,
	type TokenList,
} from './word-tokens.js';

export const DEFAULT_TIME_BUDGET_MS = 300;

/**
 * The alignment's budget a setting gives (READING_ROOM_DIFF_BUDGET_MS, read by the caller):
 * whole milliseconds above zero, else DEFAULT_TIME_BUDGET_MS. Milliseconds of the development
 * machine: the budget counts work (UNITS_PER_MS a millisecond), not the clock, so a pair gets the
 * same diff on any machine and under any load.
 */
export function timeBudgetFrom(setting: string | undefined): number {
	const value = setting === undefined ? Number.NaN : Number(setting);
	return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_TIME_BUDGET_MS;
}

/** Word diff of two documents' whole text (see diffTexts); between two Markdown articles, also
 * where their links lead (the text has the links' words only). */
export function diffDocuments(a: Document, b: Document, options: DiffOptions = {}): DiffResult {
	const result = diffTexts(a.text, b.text, options);
	const links =
		a.markdown && b.markdown
			? linkChanges(linkAddresses(a.markdown), linkAddresses(b.markdown))
			: undefined;
	return links === undefined ? result : {...result, identical: false, links};
}

/**
 * Word diff of two texts: words and punctuation, ignoring wrapping and runs of spaces; with
 * `layout`, paragraph breaks too. Exact (equal + deleted parts spell A's tokens, equal +
 * inserted spell B's) and minimal wherever the two texts share anchors; when aligning the
 * tokens costs more than the budget (counted in work, see Budget) it becomes a paragraph diff with `fallback` set.
 *
 * This is the one diff of the app: the screen, `diff --print`, `diff --json` (summariseUtf8)
 * and the story history all tokenize (word-tokens.ts), align (align.ts) and read the edit
 * script the same way, whatever the texts' length.
 */
export function diffTexts(textA: string, textB: string, options: DiffOptions = {}): DiffResult {
	const layout = options.layout ?? false;
	const ids = new TokenIds(textA.length + textB.length);
	const [a, b] = tokenizeTexts(textA, textB, ids, {breakTokens: layout});
	ids.release();
	const aligned = alignLists(a, b, ids.size, options.timeBudgetMs);
	const runs = aligned ?? paragraphDiff(a, b);
	const {parts, changes} = buildParts(a, b, runs);
	return {
		a,
		b,
		layout,
		parts,
		changes,
		stats: diffStats(a, b, runs),
		identical: changes.length === 0,
		fallback: aligned === undefined,
	};
}

/** The edit script of two token lists, or undefined when aligning them (not reading them)
 * costs more than `timeBudgetMs` × UNITS_PER_MS units of work. */
function alignLists(
	a: TokenList,
	b: TokenList,
	idCount: number,
	timeBudgetMs = DEFAULT_TIME_BUDGET_MS,
): readonly number[] | undefined {
	return finish(alignListsSteps(a, b, idCount, timeBudgetMs));
}

/** alignLists a piece at a time. The budget counts work, not time, so however long the app
 * waits between steps, the result is alignLists'. */
function* alignListsSteps(
	a: TokenList,
	b: TokenList,
	idCount: number,
	timeBudgetMs = DEFAULT_TIME_BUDGET_MS,
): Steps<readonly number[] | undefined> {
	// Only the alignment is budgeted: tokenizing is linear and always finishes.
	const budget = new Budget(timeBudgetMs);
	try {
		return yield* alignTokensSteps(a.ids, b.ids, idCount, budget, a.kinds);
	} catch (error) {
		if (!(error instanceof BudgetExceeded)) throw error;
		return undefined;
	}
}

/** The content diff of two texts (diffTexts without layout) as its edits and statistics, for
 * callers that show no rows. */
export function summariseTexts(
	textA: string,
	textB: string,
	options: Pick<DiffOptions, 'timeBudgetMs'> = {},
): DiffSummary {
	return finish(summariseSteps(textA, textB, options));
}

/**
 * summariseTexts a piece at a time, for the app to diff versions between keys (a 5 MB pair
 * took 500–800 ms in one go): the texts are tokenized a chunk per step and aligned a stretch
 * per step (anchoredDiffSteps). The budget counts work, not time, so however long the
 * app waits between them, the result is summariseTexts'.
 */
export function summariseTextsSteps(
	textA: string,
	textB: string,
	options: Pick<DiffOptions, 'timeBudgetMs'> = {},
): Steps<DiffSummary> {
	return summariseSteps(textA, textB, options);
}

function* summariseSteps(
	textA: string,
	textB: string,
	options: Pick<DiffOptions, 'timeBudgetMs'>,
): Steps<DiffSummary> {
	const ids = new TokenIds(textA.length + textB.length);
	const [a, b] = yield* tokenizeTextsSteps(textA, textB, ids, {breakTokens: false});
	ids.release();
	yield;
	const aligned = yield* alignListsSteps(a, b, ids.size, options.timeBudgetMs);
	if (aligned !== undefined) return summaryOf(a, b, aligned, false);
	yield;
	const runs = paragraphDiff(a, b);
	yield;
	return summaryOf(a, b, runs, true);
}

/**
 * summariseTexts for two files' bytes, as plainUtf8 passes them, by the same diff: the bytes
 * are tokenized as they are (tokenizeUtf8), and only the edits' texts are decoded, sanitised,
 * so the result is that of the texts the loader would make of them. Only when the alignment
 * runs out of budget are the texts decoded whole, for the paragraph diff, which reads their
 * layout.
 */
export function summariseUtf8(
	bytesA: Uint8Array,
	bytesB: Uint8Array,
	options: Pick<DiffOptions, 'timeBudgetMs'> = {},
): DiffSummary {
	const ids = new TokenIds(bytesA.length + bytesB.length);
	const [a, b] = tokenizeUtf8Pair(bytesA, bytesB, ids);
	ids.release();
	const aligned = alignLists(a, b, ids.size, options.timeBudgetMs);
	if (aligned !== undefined) return summaryOf(a, b, aligned, false);
	const textIds = new TokenIds();
	const [textA, textB] = tokenizeTexts(plainUtf8Text(bytesA), plainUtf8Text(bytesB), textIds, {
		breakTokens: false,
	});
	textIds.release();
	return summaryOf(textA, textB, paragraphDiff(textA, textB), true);
}

function summaryOf(
	a: TokenList,
	b: TokenList,
	runs: readonly number[],
	fallback: boolean,
): DiffSummary {
	return {
		edits: editsOfRuns(a, b, runs),
		stats: diffStats(a, b, runs),
		fallback,
		lengthA: a.textLength,
		lengthB: b.textLength,
	};
}

/** The text of bytes plainUtf8 passed, as the loader makes it: decoded and sanitised. */
export function plainUtf8Text(bytes: Uint8Array): string {
	return sanitiseText(
		Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
	);
}

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

/** UTF-16 units of valid UTF-8 `bytes`: one a sequence, two for a four-byte one. */
function utf8Units(bytes: Uint8Array): number {
	let length = 0;
	for (let at = 0; at < bytes.length; at++) {
		const byte = bytes[at]!;
		if ((byte & 0xc0) !== 0x80) length += byte >= 0xf0 ? 2 : 1;
	}
	return length;
}

/** The deletions and insertions of a diff, in order. */
export function editsOf(result: DiffResult): DiffEdit[] {
	const edits: DiffEdit[] = [];
	for (const {type, text, offsetA, offsetB} of result.parts) {
		if (type !== 'equal') edits.push({type, text, offsetA, offsetB});
	}
	return edits;
}

/** The deletions and insertions of an edit script, as buildParts makes its parts, without
 * spelling the equal text in between. */
function editsOfRuns(a: TokenList, b: TokenList, runs: readonly number[]): DiffEdit[] {
	const edits: DiffEdit[] = [];
	let atA = 0;
	let atB = 0;
	for (let k = 0; k < runs.length; k += 2) {
		const operation = runs[k]!;
		const count = runs[k + 1]!;
		if (operation === DELETE) {
			edits.push({
				type: 'delete',
				text: a.spell(atA, atA + count),
				offsetA: offsetOf(a, atA),
				offsetB: offsetOf(b, atB),
			});
		} else if (operation === INSERT) {
			edits.push({
				type: 'insert',
				text: b.spell(atB, atB + count),
				offsetA: offsetOf(a, atA),
				offsetB: offsetOf(b, atB),
			});
		}
		if (operation !== INSERT) atA += count;
		if (operation !== DELETE) atB += count;
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
			text: source.spell(start, end),
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
	return index < tokens.length ? tokens.offsetOf(index) : tokens.textLength;
}
