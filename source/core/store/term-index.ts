/**
 * The stored term index: which documents hold which search terms, and the folder's figures
 * narrowing.ts asks for, answered from the database without loading the folder's texts, so
 * `reading-room search` indexes only the documents that can matter to its query and still ranks
 * them as a search of every document would (see core/search/narrowing.ts; tested).
 *
 * It uses core/search's own tokeniser, folding and fuzzy matcher, never rules of its own: a
 * document's terms are the folded words the search index would file it under (title, dateline,
 * source, paragraphs), and a query word's terms are those core/search's matchTerms finds for it
 * in the stored vocabulary, with the same typo budgets.
 *
 * Terms are numbered in a table of their own and each document's term numbers go into an FTS5
 * table (contentless, no positions) as words "t<number>", so FTS5 only ever sees ASCII tokens
 * and its tokeniser cannot disagree with ours.
 */
import {Buffer} from 'node:buffer';
import {matchTerms} from '../search/fuzzy.js';
import {codePoints} from '../search/normalise.js';
import type {QueryWord} from '../search/query.js';
import {matchingTypos} from '../search/narrowing.js';
import {forEachToken} from '../search/tokenise.js';
import {Trie} from '../search/trie.js';
import {Vocabulary} from '../search/vocabulary.js';
import type {Document} from '../types.js';

/**
 * The distinct folded terms `document` is indexed under, folded as core/search's Vocabulary
 * folds them (an ASCII word lower-cased, any other folded by foldWord; both cut by clampTerm),
 * in the order they first occur; and its word sequence as core/search's SearchIndex makes it
 * (every word, and a break after each text: title, dateline, source, each paragraph), each word
 * as its place in `terms` and a break as -1. Its length is the document's length for BM25.
 * Kept in the database (see encodeSequence), so a search indexes a candidate from its stored
 * sequence without tokenising its text again. It yields after every `pieceCharacters` or so of
 * text, so a long document's terms can be found between keys. A TermReader kept for many
 * documents finds them faster (see there).
 */
export function documentTermsSteps(
	document: Document,
	pieceCharacters: number,
): Generator<void, DocumentTerms> {
	return new TermReader().steps(document, pieceCharacters);
}

/**
 * Finds documents' terms (see documentTermsSteps) through a Vocabulary of the terms seen so far,
 * as core/search's index does: an ASCII word is looked up straight from the text by the hash the
 * tokeniser made while scanning it, where slicing, lower-casing and asking a Map for every word
 * took as long as the rest of writing a document. Its vocabulary grows no trie (one that did took
 * three times as long as loading the documents); one reader serves a store's writes.
 */
export class TermReader {
	private readonly vocabulary = new Vocabulary({trie: false});
	/** Each term id's place among the current document's terms, -1 between documents. */
	private placeOf = new Int32Array(1 << 12).fill(-1);
	/** A document's steps are under way with placeOf: another's meanwhile gets places of its own. */
	private busy = false;

	*steps(document: Document, pieceCharacters: number): Generator<void, DocumentTerms> {
		const vocabulary = this.vocabulary;
		const ids: number[] = [];
		const parts = [document.title];
		if (document.dateline !== undefined) parts.push(document.dateline);
		if (document.source !== undefined) parts.push(document.source);
		parts.push(...document.paragraphs);
		let sequence = new Int32Array(64);
		let length = 0;
		const push = (value: number) => {
			if (length === sequence.length) {
				const wider = new Int32Array(sequence.length * 2);
				wider.set(sequence);
				sequence = wider;
			}
			sequence[length++] = value;
		};
		let sincePause = 0;
		const own = this.busy;
		let places = own ? new Int32Array(vocabulary.size + 64).fill(-1) : this.placeOf;
		this.busy = true;
		try {
			for (const text of parts) {
				forEachToken(text, (start, end, _ideograph, ascii, hash) => {
					const id = ascii
						? vocabulary.internAscii(text, start, end, hash)
						: vocabulary.intern(text.slice(start, end));
					if (id < 0) return;
					if (id >= places.length) {
						const wider = new Int32Array(Math.max(id + 1, places.length * 2)).fill(-1);
						wider.set(places);
						places = wider;
						if (!own) this.placeOf = wider;
					}
					let place = places[id]!;
					if (place < 0) {
						place = ids.length;
						places[id] = place;
						ids.push(id);
					}
					push(place);
				});
				push(BREAK);
				sincePause += text.length;
				if (sincePause >= pieceCharacters) {
					sincePause = 0;
					yield;
				}
			}
		} finally {
			// Left as found, even when the steps are dropped unfinished.
			for (const id of ids) places[id] = -1;
			if (!own) this.busy = false;
		}
		const terms = vocabulary.terms;
		return {terms: ids.map((id) => terms[id]!), sequence: sequence.slice(0, length)};
	}
}

/** What documentTermsSteps finds in a document. */
export interface DocumentTerms {
	/** Its distinct folded terms, in the order they first occur. */
	readonly terms: readonly string[];
	/** Its word sequence: places in `terms`, -1 after each text. Its length is BM25's. */
	readonly sequence: Int32Array;
}

/** Marks the end of a text in a word sequence (core/search's own mark). */
const BREAK = -1;

/**
 * A word sequence of database term numbers (each at least 1; -1 for a break) as bytes: each
 * value as an unsigned LEB128 varint, a break as 0. About 2.5 bytes a word, where the text
 * takes six. With `numberAt`, `numbers` are places in it (as WrittenFacts' sequence is), each
 * written as the number there, without a sequence of numbers made first.
 */
export function encodeSequence(numbers: ArrayLike<number>, numberAt?: ArrayLike<number>): Buffer {
	const bytes = Buffer.allocUnsafe(numbers.length * 5);
	let at = 0;
	for (let index = 0; index < numbers.length; index++) {
		let value = numbers[index]!;
		if (value === BREAK) value = 0;
		else {
			if (numberAt !== undefined) value = numberAt[value]!;
			if (!(value >= 1)) throw new RangeError(`not a term number: ${value}`);
		}
		while (value >= 0x80) {
			bytes[at++] = (value & 0x7f) | 0x80;
			value >>>= 7;
		}
		bytes[at++] = value;
	}
	return Buffer.from(bytes.subarray(0, at));
}

/** The term numbers (and -1 for breaks) encodeSequence wrote; undefined for bytes it cannot
 * have written (cut short). */
export function decodeSequence(bytes: Uint8Array): Int32Array | undefined {
	const numbers = new Int32Array(bytes.length);
	let count = 0;
	let value = 0;
	let shift = 0;
	for (let index = 0; index < bytes.length; index++) {
		const byte = bytes[index]!;
		value |= (byte & 0x7f) << shift;
		if (byte & 0x80) {
			shift += 7;
			if (shift > 28) return undefined;
			continue;
		}
		numbers[count++] = value === 0 ? BREAK : value;
		value = 0;
		shift = 0;
	}
	if (shift !== 0) return undefined;
	return numbers.slice(0, count);
}

/** The stored vocabulary, for finding a query word's terms. */
export class StoredVocabulary {
	constructor(
		private readonly terms: readonly string[],
		/** Database term number per term, in ascending order. */
		private readonly numbers: readonly number[],
	) {}

	/** The term numbered `number` ('' when there is none): a binary search, the numbers being
	 * in ascending order (as storedVocabulary reads them). */
	termOf(number: number): string {
		let low = 0;
		let high = this.numbers.length - 1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const found = this.numbers[middle]!;
			if (found === number) return this.terms[middle]!;
			if (found < number) low = middle + 1;
			else high = middle - 1;
		}
		return '';
	}

	/** The numbers of the terms `word` matches, as core/search's SearchIndex matches it: within
	 * its typo budget, and as a prefix with the prefix budget when it is being typed. */
	matching(word: QueryWord): number[] {
		const {maxTypos, prefixTypos} = matchingTypos(word);
		return this.within(codePoints(word.text), maxTypos, prefixTypos);
	}

	/** The numbers of the terms within `maxTypos` of `word`, or beginning with something
	 * within `prefixTypos` of it: core/search's matchTerms over the terms left by couldMatch. */
	private within(word: readonly number[], maxTypos: number, prefixTypos?: number): number[] {
		const trie = new Trie();
		const kept: number[] = [];
		const letters = new LetterCounts(word);
		const prefix = prefixTypos !== undefined;
		for (let index = 0; index < this.terms.length; index++) {
			const term = this.terms[index]!;
			if (!couldMatch(term, word.length, letters, maxTypos, prefix)) continue;
			trie.insert(codePoints(term), kept.length);
			kept.push(this.numbers[index]!);
		}
		return matchTerms(trie, word, maxTypos, prefixTypos).map((match) => kept[match.term]!);
	}
}

/**
 * How often each distinct code point occurs in a query word, by slot, and a scratch count per
 * slot to compare a term with. Typed arrays, not maps: couldMatch looks at every letter of
 * tens of thousands of terms, and Map lookups made it most of a search command's narrowing.
 */
export class LetterCounts {
	/** Slot + 1 of each code point below 0x10000 in the word, 0 for the others. */
	private readonly basic = new Int32Array(0x10000);
	/** Slots of the word's code points above 0xffff (rare: a map is fine). */
	private readonly astral = new Map<number, number>();
	readonly wanted: Int32Array;
	readonly seen: Int32Array;

	constructor(word: readonly number[]) {
		const wanted: number[] = [];
		for (const point of word) {
			let slot = this.slotOf(point);
			if (slot < 0) {
				slot = wanted.length;
				wanted.push(0);
				if (point < 0x10000) this.basic[point] = slot + 1;
				else this.astral.set(point, slot);
			}
			wanted[slot]!++;
		}
		this.wanted = Int32Array.from(wanted);
		this.seen = new Int32Array(wanted.length);
	}

	/** The slot of `point`, or -1 when the word does not hold it. */
	slotOf(point: number): number {
		return point < 0x10000 ? this.basic[point]! - 1 : (this.astral.get(point) ?? -1);
	}
}

/**
 * False only when `term` cannot be within `maxTypos` edits of a word of `wordLength` code points
 * with `letters` (or, with `prefix`, cannot begin with something that is): its length is out of
 * reach, or more than `maxTypos` of the word's letters are missing from it (from its first
 * wordLength + maxTypos letters, for a prefix). Each edit (insertion, deletion, substitution,
 * swap of neighbours) takes at most one of the word's letters away, so these are necessary
 * conditions: nothing that matches is dropped.
 */
export function couldMatch(
	term: string,
	wordLength: number,
	letters: LetterCounts,
	maxTypos: number,
	prefix: boolean,
): boolean {
	const shortest = wordLength - maxTypos;
	const longest = wordLength + maxTypos;
	// A string has at most as many code points as UTF-16 units, and at least half as many.
	if (term.length < shortest || (!prefix && term.length > 2 * longest)) return false;
	const {wanted, seen} = letters;
	seen.fill(0);
	let points = 0;
	for (let index = 0; index < term.length; index++) {
		let point = term.charCodeAt(index);
		if (point >= 0xd800 && point <= 0xdbff && index + 1 < term.length) {
			point = term.codePointAt(index)!;
			index++;
		}
		if (points < longest) {
			const slot = letters.slotOf(point);
			if (slot >= 0) seen[slot]!++;
		}
		points++;
		if (!prefix && points > longest) return false;
	}
	if (points < shortest) return false;
	let missing = 0;
	for (let slot = 0; slot < wanted.length; slot++) {
		const short = wanted[slot]! - seen[slot]!;
		if (short > 0) {
			missing += short;
			if (missing > maxTypos) return false;
		}
	}
	return true;
}

/** Term numbers as FTS5 words, joined by `separator` (a space for a document's text, ' OR '
 * for a query). */
export function termWords(numbers: readonly number[], separator = ' '): string {
	return numbers.map((number) => `t${number}`).join(separator);
}
