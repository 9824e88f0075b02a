import type {Document} from '../types.js';
import type {DiffStats, DiffSummary} from '../diff/types.js';
import {formatWordChange} from '../text/numbers.js';
import {
	folderBoilerplateOf,
	formatRegionSummary,
	splitRegions,
	summariseRegions,
} from '../diff/regions.js';

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

/**
 * The diff's per-region summary as a history step's line: "body identical · headline added ·
 * dateline added · footer replaced", or "body: 2 changes (−5 +96 words) · headline changed" —
 * the line `diff` prints last for the same two versions. `recurring`: the folder's boilerplate
 * (folderBoilerplate in diff/regions.ts).
 */
export function regionStepLine(recurring?: ReadonlySet<string>): RegionSummary {
	return (older, newer, diff) => {
		if (diff.edits.length === 0) return wordChangeLine(diff);
		const a = {regions: splitRegions(older.text, recurring)};
		const b = {regions: splitRegions(newer.text, recurring)};
		return formatRegionSummary(summariseRegions(a, b, diff.edits, diff.stats));
	};
}

/**
 * regionStepLine with the boilerplate of the folder `documents` are (folderBoilerplate, the
 * rule `diff` follows), found when the first step is summarised: what the app's histories and
 * `reading-room history` both summarise steps with.
 */
export function folderStepLine(documents: readonly Document[]): RegionSummary {
	let stepLine: RegionSummary | undefined;
	return (older, newer, diff) => {
		stepLine ??= regionStepLine(folderBoilerplateOf(documents));
		return stepLine(older, newer, diff);
	};
}

/** Deleted and inserted words, "−5 +96 words" (formatWordChange), or what a change of neither
 * is. */
export function wordChangeLine(diff: Pick<DiffSummary, 'stats' | 'edits'>): string {
	const {deleted, inserted} = diff.stats;
	return (
		formatWordChange(deleted, inserted) ??
		(diff.edits.length === 0 ? 'no change' : 'punctuation only')
	);
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
