import type {Document} from '../types.js';
import type {DiffStats, DiffSummary} from '../diff/types.js';

/**
 * The one line that says what a step of a story's history changed.
 *
 * The seam for per-region summaries: when the diff engine can say which parts of an article a
 * diff touched ("headline changed · body +2 paragraphs (+96 words) · 1 correction"), a
 * RegionSummary that returns that line is passed to StoryHistory (see story.ts) and shown
 * instead; where it returns undefined, the word counts stand ("−5 +96 words").
 */
export type RegionSummary = (
	older: Document,
	newer: Document,
	diff: DiffSummary,
) => string | undefined;

const numberFormat = new Intl.NumberFormat('en-US');

/** Deleted and inserted words, "−5 +96 words"; a side with none is left out ("+96 words"). */
export function wordChangeLine(diff: Pick<DiffSummary, 'stats' | 'edits'>): string {
	const {deleted, inserted} = diff.stats;
	if (deleted === 0 && inserted === 0) {
		return diff.edits.length === 0 ? 'no change' : 'punctuation only';
	}
	const parts: string[] = [];
	// U+2212, a minus sign as wide as the plus, as the issue writes it.
	if (deleted > 0) parts.push(`\u2212${numberFormat.format(deleted)}`);
	if (inserted > 0) parts.push(`+${numberFormat.format(inserted)}`);
	return `${parts.join(' ')} ${deleted + inserted === 1 ? 'word' : 'words'}`;
}

/** How much a step changed, for the size of its bar: words deleted and inserted. */
export function changeSize(stats: DiffStats): number {
	return stats.deleted + stats.inserted;
}

/** The statistics as `diff --json` prints them. */
export function jsonStats(stats: DiffStats) {
	const {wordsA, wordsB, common, deleted, inserted, similarity} = stats;
	return {wordsA, wordsB, common, deleted, inserted, similarity};
}
