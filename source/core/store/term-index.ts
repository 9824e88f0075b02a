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
import {matchTerms} from '../search/fuzzy.js';
import {codePoints} from '../search/normalise.js';
import type {QueryWord} from '../search/query.js';
import {matchingTypos} from '../search/narrowing.js';
import {forEachToken} from '../search/tokenise.js';
import {Trie} from '../search/trie.js';
import {Vocabulary} from '../search/vocabulary.js';
import {widened} from '../widened.js';
import {int32sOf, littleEndianBytes} from './little-endian.js';
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
		// One by one: spread as a call's arguments, an article of more than about 120,000
		// paragraphs overflowed the stack, and no listing of its folder was ever kept.
		for (const paragraph of document.paragraphs) parts.push(paragraph);
		let sequence = new Int32Array(64);
		let length = 0;
		const push = (value: number) => {
			if (length === sequence.length) sequence = widened(sequence, 0);
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
						places = widened(places, id + 1, -1);
						if (!own) this.placeOf = places;
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

export {encodeSequence, termWords} from './term-words.js';

/** Marks the end of a text in a word sequence (core/search's own mark). */
const BREAK = -1;

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

/**
 * The bit of a term's letter mask (see StoredVocabulary) that `point` sets: a–z one each, the
 * digits two between them, any other code point one of four. Letters sharing a bit only let
 * more terms through the mask to couldMatch, never fewer.
 */
export function letterBit(point: number): number {
	if (point >= 0x61 && point <= 0x7a) return point - 0x61;
	if (point >= 0x30 && point <= 0x39) return 26 + (point & 1);
	return 28 + (point & 3);
}

/** The letter mask of `text` from `start` to `end` (UTF-16 offsets): a bit per letterBit. */
function letterMask(text: string, start: number, end: number): number {
	let mask = 0;
	for (let index = start; index < end; index++) {
		let point = text.charCodeAt(index);
		if (point >= 0xd800 && point <= 0xdbff && index + 1 < end) {
			point = text.codePointAt(index)!;
			index++;
		}
		mask |= 1 << letterBit(point);
	}
	return mask;
}

/** Set bits of a 32-bit mask. */
function bitCount(mask: number): number {
	let bits = mask - ((mask >>> 1) & 0x55555555);
	bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
	return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** What the database keeps of a StoredVocabulary (table vocabulary, see database.ts): read back
 * by StoredVocabulary.fromKept. The arrays are little-endian 32-bit integers. */
export interface KeptVocabulary {
	readonly format: number;
	/** The highest term number it holds (0 when none): terms numbered above it came later. */
	readonly through: number;
	/** Every term, one after another. */
	readonly text: string;
	/** Per term its first UTF-16 offset in text, and the end of the last at the end. */
	readonly starts: Uint8Array;
	/** Per term its database number, ascending. */
	readonly numbers: Uint8Array;
	/** A Trie of every term (its term ids being places in numbers): its four arrays one after
	 * another (see core/search/trie.ts TrieState). */
	readonly trie: Uint8Array;
}

/** Bumped whenever what keptForm writes changes: a kept vocabulary of another format is read
 * from the terms table instead. */
export const VOCABULARY_FORMAT = 1;

/**
 * A trie's nodes as kept, when they are a trie Trie.insert can have made of `terms` terms: each
 * node's first child and next sibling come after it (nodes are only appended), so a walk always
 * ends, and every index and term id is in range. Undefined otherwise.
 */
function trieOf(bytes: Uint8Array, terms: number): Trie | undefined {
	const values = int32sOf(bytes);
	if (values === undefined || values.length % 4 !== 0 || values.length === 0) return undefined;
	const nodes = values.length / 4;
	const state = {
		codePoint: values.subarray(0, nodes),
		firstChild: values.subarray(nodes, 2 * nodes),
		nextSibling: values.subarray(2 * nodes, 3 * nodes),
		term: values.subarray(3 * nodes),
	};
	const {firstChild, nextSibling, term} = state;
	for (let node = 0; node < nodes; node++) {
		const child = firstChild[node]!;
		const sibling = nextSibling[node]!;
		const id = term[node]!;
		if (child !== -1 && (child <= node || child >= nodes)) return undefined;
		if (sibling !== -1 && (sibling <= node || sibling >= nodes)) return undefined;
		if (id < -1 || id >= terms) return undefined;
	}
	return Trie.fromState(state);
}

function trieBytes(trie: Trie): Uint8Array {
	const {codePoint, firstChild, nextSibling, term} = trie.state();
	const values = new Int32Array(codePoint.length * 4);
	values.set(codePoint, 0);
	values.set(firstChild, codePoint.length);
	values.set(nextSibling, 2 * codePoint.length);
	values.set(term, 3 * codePoint.length);
	return littleEndianBytes(values);
}

/**
 * The stored vocabulary, for finding a query word's terms: every term in one string, where it
 * starts and its database number (ascending). A command is a fresh process, so this is read
 * and searched cold each time: a string and a row per term took about 15 ms to read at 10,000
 * documents (41,000 terms), and checking every term's letters against a word 25 ms more.
 *
 * So the database keeps it whole (see keptForm) with a trie of its terms, which core/search's
 * matcher walks as it walks the search index's, touching only the nodes near the word. Terms
 * numbered since it was kept (the tail) are checked one by one as before: their lengths and
 * letter masks (letterBit), then couldMatch, leave the few a trie of their own is made of.
 */
export class StoredVocabulary {
	private constructor(
		private readonly text: string,
		/** Per term its first UTF-16 offset in `text`, and the end of the last at the end. */
		private readonly starts: Int32Array,
		/** Per term its database number, ascending. */
		private readonly numbers: Int32Array,
		/** A trie of the first `inTrie` terms (term ids: their places), when kept. */
		private readonly trie: Trie | undefined,
		private readonly inTrie: number,
		/** The letter masks of the terms after the first `inTrie`. */
		private readonly tailMasks: Int32Array,
	) {}

	/** `terms` numbered `numbers` (ascending, from 1). */
	static fromTerms(terms: readonly string[], numbers: readonly number[]): StoredVocabulary {
		const empty = new StoredVocabulary(
			'',
			new Int32Array(1),
			new Int32Array(0),
			undefined,
			0,
			new Int32Array(0),
		);
		return empty.extendedBy(terms, numbers);
	}

	/** The vocabulary `kept` holds; undefined when it is not of this format or does not hold
	 * together (then it is read from the terms table). */
	static fromKept(kept: KeptVocabulary): StoredVocabulary | undefined {
		if (kept.format !== VOCABULARY_FORMAT) return undefined;
		const starts = int32sOf(kept.starts);
		const numbers = int32sOf(kept.numbers);
		if (starts === undefined || numbers === undefined) return undefined;
		const count = numbers.length;
		if (starts.length !== count + 1) return undefined;
		if (starts[0] !== 0 || starts[count] !== kept.text.length) return undefined;
		if ((count === 0 ? 0 : numbers[count - 1]) !== kept.through) return undefined;
		for (let index = 0; index < count; index++) {
			if (starts[index + 1]! <= starts[index]!) return undefined;
			if (numbers[index]! <= (index === 0 ? 0 : numbers[index - 1]!)) return undefined;
		}
		const trie = trieOf(kept.trie, count);
		if (trie === undefined) return undefined;
		return new StoredVocabulary(kept.text, starts, numbers, trie, count, new Int32Array(0));
	}

	/** What the database keeps of it (see fromKept): every term in the trie. */
	keptForm(): KeptVocabulary {
		let trie = this.trie;
		if (this.inTrie < this.size) {
			// Its own trie stays as it is: matching reads the tail's terms from the tail.
			const state = trie?.state();
			trie =
				state === undefined
					? new Trie()
					: Trie.fromState({
							codePoint: state.codePoint.slice(),
							firstChild: state.firstChild.slice(),
							nextSibling: state.nextSibling.slice(),
							term: state.term.slice(),
						});
			for (let index = this.inTrie; index < this.size; index++) {
				trie.insert(codePoints(this.termAt(index)), index);
			}
		}
		return {
			format: VOCABULARY_FORMAT,
			through: this.through,
			text: this.text,
			starts: littleEndianBytes(this.starts),
			numbers: littleEndianBytes(this.numbers),
			trie: trieBytes(trie ?? new Trie()),
		};
	}

	get size(): number {
		return this.numbers.length;
	}

	/** The highest term number held, 0 when none. */
	get through(): number {
		return this.numbers.length === 0 ? 0 : this.numbers[this.numbers.length - 1]!;
	}

	/** This vocabulary and `terms`, numbered `numbers` (ascending, above `through`). */
	extendedBy(terms: readonly string[], numbers: readonly number[]): StoredVocabulary {
		if (terms.length === 0) return this;
		const count = this.size + terms.length;
		const text = this.text + terms.join('');
		const starts = new Int32Array(count + 1);
		starts.set(this.starts);
		const allNumbers = new Int32Array(count);
		allNumbers.set(this.numbers);
		const tailMasks = new Int32Array(count - this.inTrie);
		tailMasks.set(this.tailMasks);
		let at = this.text.length;
		let last = this.through;
		for (let index = 0; index < terms.length; index++) {
			const slot = this.size + index;
			const number = numbers[index]!;
			if (!(number > last)) throw new RangeError(`term numbers out of order: ${number}`);
			last = number;
			allNumbers[slot] = number;
			tailMasks[slot - this.inTrie] = letterMask(text, at, at + terms[index]!.length);
			at += terms[index]!.length;
			starts[slot + 1] = at;
		}
		return new StoredVocabulary(text, starts, allNumbers, this.trie, this.inTrie, tailMasks);
	}

	private termAt(index: number): string {
		return this.text.slice(this.starts[index], this.starts[index + 1]);
	}

	/** The term numbered `number` ('' when there is none): a binary search, the numbers being
	 * in ascending order. */
	termOf(number: number): string {
		let low = 0;
		let high = this.numbers.length - 1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const found = this.numbers[middle]!;
			if (found === number) return this.termAt(middle);
			if (found < number) low = middle + 1;
			else high = middle - 1;
		}
		return '';
	}

	/** The numbers of the terms `word` matches, as core/search's SearchIndex matches it: within
	 * its typo budget, and as a prefix with the prefix budget when it is being typed. */
	matching(word: QueryWord): number[] {
		const {maxTypos, prefixTypos} = matchingTypos(word);
		const points = codePoints(word.text);
		const found =
			this.trie === undefined
				? []
				: matchTerms(this.trie, points, maxTypos, prefixTypos).map(
						(match) => this.numbers[match.term]!,
					);
		if (this.inTrie < this.size) found.push(...this.inTail(points, maxTypos, prefixTypos));
		return found;
	}

	/** The numbers of the tail's terms within `maxTypos` of `word`, or beginning with something
	 * within `prefixTypos` of it: core/search's matchTerms over the terms couldMatch leaves, which
	 * sees only those long enough and holding all but `maxTypos` of the word's letter bits (each
	 * letter missing from a term takes at least its bit away, so nothing that could match is kept
	 * from it). */
	private inTail(word: readonly number[], maxTypos: number, prefixTypos?: number): number[] {
		const trie = new Trie();
		const kept: number[] = [];
		const letters = new LetterCounts(word);
		const prefix = prefixTypos !== undefined;
		let wordMask = 0;
		for (const point of word) wordMask |= 1 << letterBit(point);
		const shortest = word.length - maxTypos;
		const {starts, tailMasks, numbers, inTrie} = this;
		for (let index = inTrie; index < numbers.length; index++) {
			// A term has at most as many code points as UTF-16 units.
			if (starts[index + 1]! - starts[index]! < shortest) continue;
			if (bitCount(wordMask & ~tailMasks[index - inTrie]!) > maxTypos) continue;
			const term = this.termAt(index);
			if (!couldMatch(term, word.length, letters, maxTypos, prefix)) continue;
			trie.insert(codePoints(term), kept.length);
			kept.push(numbers[index]!);
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
