/**
 * Which documents a search query can match, answered from the database without loading the
 * folder's texts: the narrowing that lets `reading-room search` index only the few documents
 * that can match, instead of all of them.
 *
 * It uses core/search's own tokeniser, folding and fuzzy matcher, never rules of its own: a
 * document's terms are the folded words the search index would file it under (title, dateline,
 * source, paragraphs), and a query word's terms are those within its typo budget in the stored
 * vocabulary, as a prefix too with the same budget (the search index allows fewer typos in a
 * prefix, so this is a superset). A document is a candidate when, for every query unit, it
 * holds one of that unit's terms. Matching and ranking are then left to core/search, run over
 * the candidates: a document's match and score depend only on its own words, so the results,
 * their order and the total are those of searching every document (tested).
 *
 * Terms are numbered in a table of their own and each document's term numbers go into an FTS5
 * table (contentless, no positions) as words "t<number>", so FTS5 only ever sees ASCII tokens
 * and its tokeniser cannot disagree with ours.
 */
import {matchTerms} from '../search/fuzzy.js';
import {codePoints} from '../search/normalise.js';
import {parseQuery, queryUnits} from '../search/query.js';
import {forEachToken} from '../search/tokenise.js';
import {Vocabulary} from '../search/vocabulary.js';
import type {Document} from '../types.js';

/** The distinct folded terms `document` is indexed under, as core/search folds them. */
export function documentTerms(document: Document, scratch: Vocabulary): Set<string> {
	const ids = new Set<number>();
	const parts = [document.title];
	if (document.dateline !== undefined) parts.push(document.dateline);
	if (document.source !== undefined) parts.push(document.source);
	parts.push(...document.paragraphs);
	for (const text of parts) {
		forEachToken(text, (start, end, _ideograph, ascii, hash) => {
			const id = ascii
				? scratch.internAscii(text, start, end, hash)
				: scratch.intern(text.slice(start, end));
			if (id >= 0) ids.add(id);
		});
	}
	const terms = new Set<string>();
	for (const id of ids) terms.add(scratch.terms[id]!);
	return terms;
}

/** The stored vocabulary, with the trie core/search's fuzzy matcher walks. */
export class StoredVocabulary {
	private readonly vocabulary = new Vocabulary();
	/** Database term number per vocabulary id. */
	private readonly numbers: number[] = [];

	/** Adds a stored term; false when it does not fold to itself (stored by other rules). */
	add(term: string, number: number): boolean {
		const id = this.vocabulary.intern(term);
		if (id !== this.numbers.length || this.vocabulary.terms[id] !== term) return false;
		this.numbers.push(number);
		return true;
	}

	/**
	 * An FTS5 query for the documents that can match `query`: one group of term words per query
	 * unit, all groups required. Undefined when the query has no units (nothing matches), and
	 * 'none' when some unit matches no stored term.
	 */
	ftsQuery(query: string): string | 'none' | undefined {
		const units = queryUnits(parseQuery(query));
		if (units.length === 0) return undefined;
		const groups: string[] = [];
		for (const unit of units) {
			const words = unit.kind === 'word' ? [unit.text] : unit.words;
			// A phrase needs all its words; each is one group.
			for (const [index, text] of words.entries()) {
				const last = index === words.length - 1;
				const maxTypos = unit.kind === 'word' ? unit.maxTypos : 0;
				const prefix = unit.prefix && last;
				const matches = matchTerms(
					this.vocabulary.trie,
					codePoints(text),
					maxTypos,
					prefix ? maxTypos : undefined,
				);
				if (matches.length === 0) return 'none';
				groups.push(
					'(' + matches.map((match) => `t${this.numbers[match.term]}`).join(' OR ') + ')',
				);
			}
		}
		return groups.join(' AND ');
	}
}

/** A document's terms as FTS5 text. */
export function termWords(numbers: readonly number[]): string {
	return numbers.map((number) => `t${number}`).join(' ');
}
