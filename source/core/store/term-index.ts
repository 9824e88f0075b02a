/**
 * Which documents a search query can match, answered from the database without loading the
 * folder's texts: a narrowing that could let `reading-room search` index only the few documents
 * that can match, instead of all of them.
 *
 * It uses core/search's own tokeniser, folding and fuzzy matcher, never rules of its own: a
 * document's terms are the folded words the search index would file it under (title, dateline,
 * source, paragraphs), and a query word's terms are those within its typo budget in the stored
 * vocabulary, as a prefix too with the same budget (the search index allows fewer typos in a
 * prefix, so this is a superset). A document is a candidate when, for every query unit, it
 * holds one of that unit's terms. Matching is then left to core/search: run over the
 * candidates it finds the documents, and as many, as over every document (tested). Not their
 * order: core/search's BM25 weighs a word by its rarity among the documents indexed, and a
 * document by its length against their average, so `reading-room search` does not narrow yet.
 *
 * Terms are numbered in a table of their own and each document's term numbers go into an FTS5
 * table (contentless, no positions) as words "t<number>", so FTS5 only ever sees ASCII tokens
 * and its tokeniser cannot disagree with ours.
 */
import {matchTerms} from '../search/fuzzy.js';
import {codePoints, foldWord} from '../search/normalise.js';
import {parseQuery, queryUnits} from '../search/query.js';
import {forEachToken} from '../search/tokenise.js';
import {Trie} from '../search/trie.js';
import {clampTerm, MAX_TERM_LENGTH} from '../search/vocabulary.js';
import type {Document} from '../types.js';

/**
 * The distinct folded terms `document` is indexed under, folded as core/search's Vocabulary
 * folds them (an ASCII word lower-cased, any other folded by foldWord; both cut by clampTerm).
 * Not through a Vocabulary: one that grows a trie for every new term took three times as long
 * as loading the documents.
 */
export function documentTerms(document: Document): Set<string> {
	const terms = new Set<string>();
	const parts = [document.title];
	if (document.dateline !== undefined) parts.push(document.dateline);
	if (document.source !== undefined) parts.push(document.source);
	parts.push(...document.paragraphs);
	for (const text of parts) {
		forEachToken(text, (start, end, _ideograph, ascii) => {
			const term = ascii
				? text.slice(start, Math.min(end, start + MAX_TERM_LENGTH)).toLowerCase()
				: clampTerm(foldWord(text.slice(start, end)));
			if (term !== '') terms.add(term);
		});
	}
	return terms;
}

const MOST_TERMS = 512;

export class StoredVocabulary {
	constructor(
		private readonly terms: readonly string[],
		/** Database term number per term. */
		private readonly numbers: readonly number[],
	) {}

	/**
	 * An FTS5 query for the documents that can match `query`: one group of term words per query
	 * word (each word of a phrase too), all groups required. Undefined when the query has no
	 * units (nothing matches), 'none' when some word matches no stored term, and 'all' when
	 * every word matches too many terms to narrow.
	 */
	ftsQuery(query: string): string | 'none' | 'all' | undefined {
		const units = queryUnits(parseQuery(query));
		if (units.length === 0) return undefined;
		const groups: string[] = [];
		for (const unit of units) {
			const words = unit.kind === 'word' ? [unit.text] : unit.words;
			for (const [index, text] of words.entries()) {
				const maxTypos = unit.kind === 'word' ? unit.maxTypos : 0;
				const prefix = unit.prefix && index === words.length - 1;
				const numbers = this.matching(codePoints(text), maxTypos, prefix);
				if (numbers.length === 0) return 'none';
				// A word matching very many terms ('s' being typed) narrows little and makes a slow
				// FTS5 query: it is left out, which only lets more documents through.
				if (numbers.length > MOST_TERMS) continue;
				groups.push('(' + numbers.map((number) => `t${number}`).join(' OR ') + ')');
			}
		}
		return groups.length === 0 ? 'all' : groups.join(' AND ');
	}

	/** The numbers of the terms within `maxTypos` of `word`, or beginning with something
	 * within `maxTypos` of it when `prefix`: core/search's matchTerms over the terms left by
	 * couldMatch. */
	private matching(word: readonly number[], maxTypos: number, prefix: boolean): number[] {
		const trie = new Trie();
		const kept: number[] = [];
		const letters = new LetterCounts(word);
		for (let index = 0; index < this.terms.length; index++) {
			const term = this.terms[index]!;
			if (!couldMatch(term, word, letters, maxTypos, prefix)) continue;
			trie.insert(codePoints(term), kept.length);
			kept.push(this.numbers[index]!);
		}
		return matchTerms(trie, word, maxTypos, prefix ? maxTypos : undefined).map(
			(match) => kept[match.term]!,
		);
	}
}

/** How often each code point occurs in a query word, and a scratch count to compare with. */
class LetterCounts {
	readonly wanted = new Map<number, number>();
	readonly seen = new Map<number, number>();

	constructor(word: readonly number[]) {
		for (const point of word) this.wanted.set(point, (this.wanted.get(point) ?? 0) + 1);
	}
}

/**
 * False only when `term` cannot be within `maxTypos` edits of `word` (or, with `prefix`, cannot
 * begin with something that is): its length is out of reach, or more than `maxTypos` of the
 * word's letters are missing from it (from its first word.length + maxTypos letters, for a
 * prefix). Each edit (insertion, deletion, substitution, swap of neighbours) takes at most one
 * of the word's letters away, so these are necessary conditions: nothing that matches is
 * dropped.
 */
function couldMatch(
	term: string,
	word: readonly number[],
	letters: LetterCounts,
	maxTypos: number,
	prefix: boolean,
): boolean {
	const shortest = word.length - maxTypos;
	const longest = word.length + maxTypos;
	// A string has at most as many code points as UTF-16 units, and at least half as many.
	if (term.length < shortest || (!prefix && term.length > 2 * longest)) return false;
	const {wanted, seen} = letters;
	seen.clear();
	let points = 0;
	for (let index = 0; index < term.length; index++) {
		let point = term.charCodeAt(index);
		if (point >= 0xd800 && point <= 0xdbff && index + 1 < term.length) {
			point = term.codePointAt(index)!;
			index++;
		}
		if (points < longest && wanted.has(point)) seen.set(point, (seen.get(point) ?? 0) + 1);
		points++;
		if (!prefix && points > longest) return false;
	}
	if (points < shortest) return false;
	let missing = 0;
	for (const [point, count] of wanted) {
		const have = seen.get(point) ?? 0;
		if (have < count) {
			missing += count - have;
			if (missing > maxTypos) return false;
		}
	}
	return true;
}

/** A document's terms as FTS5 text. */
export function termWords(numbers: readonly number[]): string {
	return numbers.map((number) => `t${number}`).join(' ');
}
