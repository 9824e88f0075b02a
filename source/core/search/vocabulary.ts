import {codePoints, foldWord} from './normalise.js';
import {HASHED_LENGTH, asciiWordHash, termHash} from './tokenise.js';
import {ownString} from '../text/own-string.js';
import {Trie, type TrieState} from './trie.js';

/** Words longer than this are cut to it: nothing real is that long, and it bounds both the
 * trie's depth and the cost of comparing a pasted blob against the vocabulary. */
export const MAX_TERM_LENGTH = HASHED_LENGTH;

// Non-ASCII spellings go through Unicode normalisation, which is slow; prose repeats the same
// spellings, so each one's term is remembered. The bound keeps a corpus of one-off tokens from
// growing the cache without limit.
const SPELLING_CACHE_LIMIT = 200_000;

/** Cuts a folded word to the indexed length without splitting a surrogate pair. */
export function clampTerm(folded: string): string {
	if (folded.length <= MAX_TERM_LENGTH) return folded;
	const code = folded.charCodeAt(MAX_TERM_LENGTH - 1);
	return folded.slice(0, code >= 0xd800 && code <= 0xdbff ? MAX_TERM_LENGTH - 1 : MAX_TERM_LENGTH);
}

function lowerAscii(code: number): number {
	return code >= 65 && code <= 90 ? code | 0x20 : code;
}

/**
 * The distinct folded words of the corpus, each with a dense id (its index in `terms`).
 *
 * Indexing looks up every word of the corpus, millions of them, and slicing each out of its
 * text to ask a Map (an allocation, a hash and a few cache misses per word) dominated the build.
 * So terms live in an open-addressing hash table whose slots hold the hash beside the id, with
 * every term's characters packed in one array: an ASCII word is looked up straight from the
 * text, lower-cased as it is hashed, touching two places in memory, and a string is made only
 * for a new term.
 */
/** A vocabulary as it is, for a snapshot: its terms, trie and hash table. */
export interface VocabularyState {
	readonly terms: readonly string[];
	readonly trie: TrieState;
	/** The whole hash table (slots are placed by hash, so its size is part of it). */
	readonly table: Int32Array;
	/** The terms' code units, back to back, and where each starts (one more than terms). */
	readonly characters: Uint16Array;
	readonly starts: Int32Array;
}

export class Vocabulary {
	readonly terms: string[] = [];
	// Replaced only by fromState.
	trie = new Trie();
	/** Pairs of (hash, term id + 1); id 0 marks an empty slot. Kept under half full. */
	private table: Int32Array = new Int32Array(2 << 16);
	/** Each term's UTF-16 code units, back to back; term `id` starts at `starts[id]`. */
	private characters: Uint16Array = new Uint16Array(1 << 18);
	private starts: Int32Array = new Int32Array(1 << 15);
	private used = 0;
	private readonly spellings = new Map<string, number>();
	/** False for a vocabulary that only numbers terms (a store's, see core/store/term-index.ts):
	 * its trie stays empty. */
	private readonly withTrie: boolean;

	constructor(options: {readonly trie?: boolean} = {}) {
		this.withTrie = options.trie ?? true;
	}

	get size(): number {
		return this.terms.length;
	}

	/** The vocabulary as it is (views, not copies), for a snapshot (see snapshot.ts). */
	state(): VocabularyState {
		return {
			terms: this.terms.slice(),
			trie: this.trie.state(),
			table: this.table,
			characters: this.characters.subarray(0, this.used),
			starts: this.starts.subarray(0, this.terms.length + 1),
		};
	}

	/** A vocabulary over a snapshot's terms: its arrays are used as they are (not copied) until
	 * a new term makes larger ones. */
	static fromState(state: VocabularyState): Vocabulary {
		const vocabulary = new Vocabulary();
		// One at a time: spreading hundreds of thousands of arguments overflows the stack.
		for (const term of state.terms) vocabulary.terms.push(term);
		vocabulary.trie = Trie.fromState(state.trie);
		vocabulary.table = state.table;
		vocabulary.characters = state.characters;
		vocabulary.used = state.characters.length;
		vocabulary.starts = state.starts;
		return vocabulary;
	}

	/** The id of the word text[start, end), which must be ASCII letters and digits; adds it when
	 * new. `hash` is its asciiWordHash when the caller has it already. */
	internAscii(text: string, start: number, end: number, hash?: number): number {
		return this.probeAscii(text, start, end, hash ?? asciiWordHash(text, start, end), true);
	}

	/** Like internAscii, but -1 for a word the corpus does not have. */
	findAscii(text: string, start: number, end: number): number {
		return this.probeAscii(text, start, end, asciiWordHash(text, start, end), false);
	}

	private probeAscii(text: string, start: number, end: number, hash: number, add: boolean): number {
		const stop = Math.min(end, start + MAX_TERM_LENGTH);
		const table = this.table;
		const mask = (table.length >> 1) - 1;
		const length = stop - start;
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const entry = table[2 * slot + 1]!;
			if (entry === 0) {
				return add ? this.addTerm(text.slice(start, stop).toLowerCase(), hash, slot) : -1;
			}
			if (table[2 * slot] !== hash) continue;
			const from = this.starts[entry - 1]!;
			if (this.starts[entry]! - from !== length) continue;
			let offset = 0;
			while (
				offset < length &&
				this.characters[from + offset] === lowerAscii(text.charCodeAt(start + offset))
			)
				offset++;
			if (offset === length) return entry - 1;
		}
	}

	/** The id of the folded form of any spelling, adding it when new; -1 when it folds to
	 * nothing (a lone combining mark). */
	intern(spelling: string): number {
		let id = this.spellings.get(spelling);
		if (id !== undefined) return id;
		const folded = clampTerm(foldWord(spelling));
		id = folded === '' ? -1 : this.internFolded(folded, true);
		if (this.spellings.size >= SPELLING_CACHE_LIMIT) this.spellings.clear();
		this.spellings.set(spelling, id);
		return id;
	}

	/** The id of the folded form of `spelling` if the corpus has it, else -1. Adds nothing. */
	find(spelling: string): number {
		const known = this.spellings.get(spelling);
		if (known !== undefined) return known;
		return this.idOf(clampTerm(foldWord(spelling))) ?? -1;
	}

	/** The id of a term already folded (as a store keeps it: see core/store/term-index.ts),
	 * adding it when new. */
	internTerm(term: string): number {
		return this.internFolded(term, true);
	}

	/** The id of a folded term, if the corpus has it. */
	idOf(term: string): number | undefined {
		const id = this.internFolded(term, false);
		return id < 0 ? undefined : id;
	}

	private internFolded(term: string, add: boolean): number {
		const hash = termHash(term);
		const mask = (this.table.length >> 1) - 1;
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const entry = this.table[2 * slot + 1]!;
			if (entry === 0) return add ? this.addTerm(term, hash, slot) : -1;
			if (this.table[2 * slot] === hash && this.terms[entry - 1] === term) return entry - 1;
		}
	}

	private addTerm(term: string, hash: number, slot: number): number {
		const id = this.terms.length;
		// Every term lives as long as the vocabulary: not as a slice keeping its text alive.
		this.terms.push(ownString(term));
		if (id + 2 >= this.starts.length) this.starts = widen(this.starts, this.starts.length * 2);
		if (this.used + term.length > this.characters.length) {
			this.characters = widen(this.characters, (this.used + term.length) * 2);
		}
		for (let offset = 0; offset < term.length; offset++) {
			this.characters[this.used++] = term.charCodeAt(offset);
		}
		this.starts[id + 1] = this.used;
		this.table[2 * slot] = hash;
		this.table[2 * slot + 1] = id + 1;
		if (this.withTrie) this.trie.insert(codePoints(term), id);
		if (this.terms.length * 4 > this.table.length) this.rehash();
		return id;
	}

	private rehash(): void {
		const table = new Int32Array(this.table.length * 2);
		const mask = (table.length >> 1) - 1;
		for (let slot = 0; slot < this.table.length >> 1; slot++) {
			const entry = this.table[2 * slot + 1]!;
			if (entry === 0) continue;
			const hash = this.table[2 * slot]!;
			let target = hash & mask;
			while (table[2 * target + 1] !== 0) target = (target + 1) & mask;
			table[2 * target] = hash;
			table[2 * target + 1] = entry;
		}
		this.table = table;
	}
}

function widen<Array extends Int32Array | Uint16Array>(array: Array, size: number): Array {
	const wider = new (array.constructor as new (size: number) => Array)(size);
	wider.set(array);
	return wider;
}
