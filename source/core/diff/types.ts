import type {LinkChanges} from '../markdown/links.js';
import type {TokenList} from './word-tokens.js';

export type DiffPartType = 'equal' | 'delete' | 'insert';

/** A run of tokens that is the same on both sides, only in A, or only in B. */
export interface DiffPart {
	readonly type: DiffPartType;
	/** Token indices [startA, endA) in A; empty for an insertion, placed where it goes. */
	readonly startA: number;
	readonly endA: number;
	/** Token indices [startB, endB) in B; empty for a deletion. */
	readonly startB: number;
	readonly endB: number;
	/** Character offset in A's text where the part starts (for an insertion: where it goes,
	 * i.e. the start of the next token of A, or the text's length). */
	readonly offsetA: number;
	/** Character offset in B's text, likewise. */
	readonly offsetB: number;
	/** The part as written in its document (B for insertions, else A), first token to last. */
	readonly text: string;
	/** Index in DiffResult.changes, for deletions and insertions. */
	readonly change?: number;
}

/** A maximal run of deletions and insertions between two equal parts. */
export interface DiffChange {
	readonly index: number;
	/** Parts [firstPart, endPart) of DiffResult.parts. */
	readonly firstPart: number;
	readonly endPart: number;
	readonly offsetA: number;
	readonly offsetB: number;
	readonly deletedWords: number;
	readonly insertedWords: number;
	/** Only paragraph breaks changed here (layout mode). */
	readonly layoutOnly: boolean;
}

/** Word counts like dwdiff's. Punctuation and paragraph breaks are diffed but not counted. */
export interface DiffStats {
	readonly wordsA: number;
	readonly wordsB: number;
	/** Words in equal parts (the same on both sides). */
	readonly common: number;
	/** Words of A that are gone in B, whether replaced or not. */
	readonly deleted: number;
	/** Words of B that are new, whether replacing or not. */
	readonly inserted: number;
	/** Of the deleted words, those replaced by something (their change also inserts words). */
	readonly changedA: number;
	/** Of the inserted words, those replacing something. */
	readonly changedB: number;
	/** 2·common / (wordsA + wordsB): 1 for the same words, 0 for nothing in common (Dice's
	 * coefficient over the aligned words, like difflib's ratio); 1 when both are empty. */
	readonly similarity: number;
}

export interface DiffOptions {
	/** Also diff paragraph breaks, reported as '¶' tokens. Default false. */
	readonly layout?: boolean;
	/** When aligning the tokens (not reading them) costs more work than this many milliseconds
	 * of the development machine (UNITS_PER_MS units each; counted, never read off the clock),
	 * the word diff gives way to a paragraph diff. Default 300. */
	readonly timeBudgetMs?: number;
}

export interface DiffResult {
	readonly a: TokenList;
	readonly b: TokenList;
	readonly layout: boolean;
	readonly parts: readonly DiffPart[];
	readonly changes: readonly DiffChange[];
	readonly stats: DiffStats;
	/** True when there is no deletion or insertion (in layout mode, not even of a break), and,
	 * between two Markdown articles, their links lead to the same addresses. */
	readonly identical: boolean;
	/** The word diff ran out of time and this is a paragraph-level diff. */
	readonly fallback: boolean;
	/** Between two Markdown articles whose links lead elsewhere: how (core/markdown/links). */
	readonly links?: LinkChanges;
}

/** A deletion or an insertion, as `diff --json` reports it (see DiffPart for the offsets). */
export interface DiffEdit {
	readonly type: 'delete' | 'insert';
	readonly text: string;
	readonly offsetA: number;
	readonly offsetB: number;
}

/** What a content diff comes to without its token lists: its edits, in order, and statistics. */
export interface DiffSummary {
	readonly edits: readonly DiffEdit[];
	readonly stats: DiffStats;
	readonly fallback: boolean;
	/** The texts' lengths in UTF-16 units (the summary of two files' bytes knows them without
	 * decoding the files). */
	readonly lengthA: number;
	readonly lengthB: number;
}
