import type {Document, Range} from '../types.js';

/** What one query unit matched, as vocabulary term ids: a word's fuzzy matches, or for a
 * phrase, the terms allowed at each position. */
export type UnitMatcher =
	| {readonly kind: 'word'; readonly terms: ReadonlySet<number>}
	| {readonly kind: 'phrase'; readonly positions: readonly ReadonlySet<number>[]};

/** Recognises the matched words of a query in any text of the corpus (titles, snippets). */
export interface QueryMatcher {
	readonly units: readonly UnitMatcher[];
	/** The term id the word text[start, end) folds to, or -1 when the vocabulary does not have
	 * it; `ascii` when the word is ASCII letters and digits only (as the tokeniser reports). */
	termOf(text: string, start: number, end: number, ascii: boolean): number;
	/** The folded text of term `id`, when the matcher can tell it (see snippet.ts's linesThat). */
	termText?(id: number): string;
}

export interface SearchResult {
	/** The document's place: its position in insertion order (for an index taken up from a
	 * snapshot, in the documents it was taken up for: see SearchIndex.restore). */
	readonly ordinal: number;
	readonly document: Document;
	/** Larger ranks higher; compare only within one search. */
	readonly score: number;
	/** Matched words in `document.title`, sorted, not overlapping. */
	readonly titleRanges: readonly Range[];
	/** What matched, for snippetFor. */
	readonly matcher: QueryMatcher;
}
