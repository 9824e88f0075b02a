import {foldWord, typoBudget} from './normalise.js';
import {tokenise} from './tokenise.js';
import {clampTerm} from './vocabulary.js';

/** A loose query word, matched fuzzily; `prefix` when it is the word being typed. */
export interface QueryWord {
	readonly kind: 'word';
	/** Folded (see normalise.ts). */
	readonly text: string;
	readonly maxTypos: number;
	readonly prefix: boolean;
}

/** Words that must appear consecutively and exactly: a quoted phrase, or a run of CJK
 * characters. `prefix` when its last word is being typed (an unclosed quote). */
export interface QueryPhrase {
	readonly kind: 'phrase';
	readonly words: readonly string[];
	readonly prefix: boolean;
}

export type QueryUnit = QueryWord | QueryPhrase;

export interface ParsedQuery {
	readonly words: readonly QueryWord[];
	readonly phrases: readonly QueryPhrase[];
	/** The folded word being typed: the last word when the query does not end in a space or a
	 * closing quote. */
	readonly typing: string | undefined;
}

const QUOTES = new Set(['"', '“', '”', '„']);

/** Every unit of a query, words first: all of them must match. */
export function queryUnits(query: ParsedQuery): QueryUnit[] {
	return [...query.words, ...query.phrases];
}

/** Reads a search query: words, "quoted phrases" (an unclosed quote runs to the end), and the
 * word being typed. Never throws; a query with no letters or digits has no units. */
export function parseQuery(query: string): ParsedQuery {
	const words = new Map<string, QueryWord>();
	const phrases = new Map<string, QueryPhrase>();
	let typing: string | undefined;

	const addPhrase = (terms: string[], prefix: boolean) => {
		if (terms.length === 0) return;
		if (terms.length === 1) {
			addWord(terms[0]!, 0, prefix);
			return;
		}
		phrases.set(`${prefix ? '>' : '='}${terms.join(' ')}`, {kind: 'phrase', words: terms, prefix});
	};
	const addWord = (text: string, maxTypos: number, prefix: boolean) => {
		words.set(`${prefix ? '>' : '='}${maxTypos}${text}`, {kind: 'word', text, maxTypos, prefix});
	};

	let segmentStart = 0;
	let quoted = false;
	for (let index = 0; index <= query.length; index++) {
		const atEnd = index === query.length;
		if (!atEnd && !QUOTES.has(query[index]!)) continue;
		const segment = query.slice(segmentStart, index);
		const terms: string[] = [];
		let ideographs: string[] = [];
		let lastEnd = -1;
		let typedHere: string | undefined;
		const flushIdeographs = () => {
			addPhrase(ideographs, false);
			ideographs = [];
		};
		for (const token of tokenise(segment)) {
			const folded = clampTerm(foldWord(segment.slice(token.start, token.end)));
			if (folded === '') continue;
			const endsQuery = atEnd && segmentStart + token.end === query.length;
			if (endsQuery) typedHere = folded;
			if (quoted) terms.push(folded);
			else if (token.ideograph) {
				if (token.start !== lastEnd) flushIdeographs();
				ideographs.push(folded);
			} else {
				flushIdeographs();
				addWord(folded, typoBudget(folded), endsQuery);
			}
			lastEnd = token.end;
		}
		if (quoted) addPhrase(terms, typedHere !== undefined);
		else flushIdeographs();
		if (atEnd) typing = typedHere;
		quoted = !quoted;
		segmentStart = index + 1;
	}
	return {words: [...words.values()], phrases: [...phrases.values()], typing};
}
