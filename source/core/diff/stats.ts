import {DELETE, EQUAL, INSERT} from './edit-script.js';
import type {DiffStats} from './types.js';
import {KIND_WORD, type TokenList} from './word-tokens.js';

/** Counts words per operation of an edit script (see DiffStats). */
export function diffStats(a: TokenList, b: TokenList, runs: readonly number[]): DiffStats {
	let deleted = 0;
	let inserted = 0;
	let changedA = 0;
	let changedB = 0;
	let atA = 0;
	let atB = 0;
	for (let k = 0; k < runs.length; k += 2) {
		const operation = runs[k]!;
		const count = runs[k + 1]!;
		if (operation === EQUAL) {
			atA += count;
			atB += count;
		} else if (operation === DELETE) {
			const words = countWords(a, atA, atA + count);
			deleted += words;
			if (runs[k + 2] === INSERT) changedA += words;
			atA += count;
		} else {
			const words = countWords(b, atB, atB + count);
			inserted += words;
			if (runs[k - 2] === DELETE) changedB += words;
			atB += count;
		}
	}
	// A's tokens are its equal and deleted runs, so the equal words need no counting: on a
	// near-identical pair that is almost every token.
	const common = a.wordCount - deleted;
	const total = a.wordCount + b.wordCount;
	return {
		wordsA: a.wordCount,
		wordsB: b.wordCount,
		common,
		deleted,
		inserted,
		changedA,
		changedB,
		similarity: total === 0 ? 1 : (2 * common) / total,
	};
}

/** Words among tokens [start, end). */
export function countWords(tokens: TokenList, start: number, end: number): number {
	let words = 0;
	for (let i = start; i < end; i++) if (tokens.kinds[i] === KIND_WORD) words++;
	return words;
}

/** `part` as a whole percentage of `whole` (0 when there is no whole). */
export function percent(part: number, whole: number): number {
	return whole === 0 ? 0 : Math.round((100 * part) / whole);
}

/** The statistics as two lines in dwdiff's style, one per version, and the similarity. */
export function formatStats(stats: DiffStats, nameA: string, nameB: string): string[] {
	const {wordsA, wordsB, common} = stats;
	const pureDeleted = stats.deleted - stats.changedA;
	const pureInserted = stats.inserted - stats.changedB;
	const figure = (count: number, whole: number, label: string) =>
		`${count.toLocaleString('en')} ${percent(count, whole)}% ${label}`;
	return [
		`${nameA}: ${wordsA.toLocaleString('en')} words  ${figure(common, wordsA, 'common')}  ${figure(pureDeleted, wordsA, 'deleted')}  ${figure(stats.changedA, wordsA, 'changed')}`,
		`${nameB}: ${wordsB.toLocaleString('en')} words  ${figure(common, wordsB, 'common')}  ${figure(pureInserted, wordsB, 'inserted')}  ${figure(stats.changedB, wordsB, 'changed')}`,
		`similarity ${(stats.similarity * 100).toFixed(1)}%`,
	];
}
