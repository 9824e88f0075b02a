import type {Document} from '../types.js';
import {alignTokens} from './align.js';
import {Budget, BudgetExceeded} from './budget.js';
import {DELETE, EQUAL, INSERT} from './edit-script.js';
import {paragraphDiff} from './paragraph-diff.js';
import {diffStats} from './stats.js';
import type {DiffChange, DiffOptions, DiffPart, DiffResult} from './types.js';
import {KIND_BREAK, KIND_WORD, TokenIds, tokenizeWords, type TokenList} from './word-tokens.js';

export const DEFAULT_TIME_BUDGET_MS = 300;

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
		runs = alignTokens(a.ids, b.ids, ids.size, budget);
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
