/**
 * Searching a few documents as if searching the whole folder: what a store must supply so that
 * a SearchIndex built over only the documents that can matter to a query (the store's
 * candidates, read from the database) finds and ranks them exactly as an index of every
 * document would, scores and all.
 *
 * An index of every document needs the folder for three things: BM25's document count and
 * average length, each query word's rarity (the documents holding one of its terms), and each
 * word's postings in all, which orders the words and decides, for each word after the first,
 * whether its hits are read from its posting lists or from the running documents' word
 * sequences (and the two count a word's occurrences differently). The store answers all three
 * from its term index (FolderStatistics), the last as the words of the documents matching the
 * words before; a phrase's documents it cannot tell without positions, so with phrases the
 * narrowed index holds every document that may contain one and counts for itself. That is the
 * rule narrowingUnits states.
 */
import type {QueryPhrase, QueryUnit, QueryWord} from './query.js';

/** A word being typed matches as a prefix with at most this many edits: with two, five typed
 * letters already match the openings of a great many unrelated words ('rohani', 'mohan…'). */
export const MAX_PREFIX_TYPOS = 1;

/** The folder's figures for BM25, for an index that holds only some of its documents. */
export interface FolderStatistics {
	/** Documents in the folder. */
	readonly documents: number;
	/** Words in all their word sequences (each text's words plus one break per text). */
	readonly sequenceWords: number;
	/** The folder's terms matching `word` as the index matches them (see matchingTypos): their
	 * postings (documents per term) summed, and the documents holding at least one. */
	word(word: QueryWord): WordStatistics;
	/** The words in the sequences of the folder's documents matching every one of `words`. */
	runningWords(words: readonly QueryWord[]): number;
}

export interface WordStatistics {
	readonly postings: number;
	readonly documents: number;
}

/** How a word matches terms: within maxTypos edits, and for a word being typed, as the start
 * of a term within prefixTypos edits. */
export function matchingTypos(word: QueryWord): {maxTypos: number; prefixTypos?: number} {
	return word.prefix
		? {maxTypos: word.maxTypos, prefixTypos: Math.min(word.maxTypos, MAX_PREFIX_TYPOS)}
		: {maxTypos: word.maxTypos};
}

/** The order units are matched in: phrases first, then words from the fewest postings (ties
 * keep the query's order). A lone word's postings are not asked for: the store counts them
 * over every term it matches (at 100,000 documents, 'the' typed: 0.12 s, for an order of one). */
export function matchingOrder(
	units: readonly QueryUnit[],
	postingsOf: (word: QueryWord) => number,
): QueryUnit[] {
	const words = units.filter((unit): unit is QueryWord => unit.kind === 'word');
	if (words.length < 2) return [...units.filter((unit) => unit.kind === 'phrase'), ...words];
	const postings = new Map(words.map((word) => [word, postingsOf(word)]));
	return [
		...units.filter((unit) => unit.kind === 'phrase'),
		...words.sort((a, b) => postings.get(a)! - postings.get(b)!),
	];
}

/**
 * Which documents a narrowed index must hold (at least) to search as the whole folder's does,
 * given the units in matching order:
 * - with phrases, every document holding all the words of one of them ('any-phrase'): a
 *   phrase's rarity is counted in the index itself, and the running documents' words too (the
 *   index holds every document still running after the phrases);
 * - else every document matching all the words ('every-word'): the running documents' words
 *   come from the folder (FolderStatistics.runningWords).
 * Any more documents do no harm: they only cost reading.
 */
export function narrowingUnits(
	order: readonly QueryUnit[],
):
	| {readonly kind: 'any-phrase'; readonly phrases: readonly QueryPhrase[]}
	| {readonly kind: 'every-word'; readonly words: readonly QueryWord[]} {
	const phrases = order.filter((unit): unit is QueryPhrase => unit.kind === 'phrase');
	if (phrases.length > 0) return {kind: 'any-phrase', phrases};
	return {kind: 'every-word', words: order as readonly QueryWord[]};
}
