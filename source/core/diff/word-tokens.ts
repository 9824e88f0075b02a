/**
 * The word tokenizer for diffs. jsdiff's own word tokenizer knows Latin letters only, so an
 * edited Arabic or Persian sentence would come out as letter soup; here a word is a run of
 * letters, marks and digits in any script (plus the zero-width joiners Persian writes inside
 * words, and an apostrophe between letters, so "Iran’s" stays one word), and every other
 * visible character is a token of its own. Whitespace is not a token: it only records whether a
 * token follows a space or a paragraph break, so re-wrapping and runs of spaces compare equal.
 */
import {paragraphRule} from './paragraph-rule.js';

/** What separates a token from the token before it in its own text. */
export const GAP_NONE = 0;
export const GAP_SPACE = 1;
export const GAP_PARAGRAPH = 2;

export const KIND_WORD = 0;
export const KIND_PUNCTUATION = 1;
/** A paragraph break made into a token, so that layout changes can be diffed (layout mode). */
export const KIND_BREAK = 2;

export interface TokenList {
	readonly text: string;
	readonly length: number;
	/** Interned token ids, comparable between the lists made with one `TokenIds`. */
	readonly ids: Int32Array;
	/** Character offsets of each token in `text`; a break token spans its whitespace. */
	readonly starts: Int32Array;
	readonly ends: Int32Array;
	/** GAP_* before each token, in this text's own layout. */
	readonly gaps: Uint8Array;
	/** KIND_* of each token. */
	readonly kinds: Uint8Array;
	readonly wordCount: number;
}

/**
 * Interns tokens to small integers so that comparing tokens is comparing numbers. Tokens are
 * looked up by their place in a text and a hash the tokenizer computes while scanning, in an
 * open-addressing table: slicing every token into a string and hashing it again in a Map was
 * most of the cost of a diff.
 */
export class TokenIds {
	/** Id of every paragraph-break token. */
	static readonly BREAK = 0;
	private table = new Int32Array(1 << 12);
	private texts: string[] = [''];
	private starts = new Int32Array(1024);
	private lengths = new Int32Array(1024);
	private hashes = new Int32Array(1024);
	private count = 1;

	get size(): number {
		return this.count;
	}

	/** The id of text[start, end), whose hash (see `tokenHash`) is `hash`. */
	idOf(text: string, start: number, end: number, hash: number): number {
		const mask = this.table.length - 1;
		const length = end - start;
		let slot = hash & mask;
		for (;;) {
			const entry = this.table[slot]!;
			if (entry === 0) break;
			if (this.hashes[entry] === hash && this.lengths[entry] === length) {
				const other = this.texts[entry]!;
				const otherStart = this.starts[entry]!;
				let k = 0;
				while (k < length && other.charCodeAt(otherStart + k) === text.charCodeAt(start + k)) k++;
				if (k === length) return entry;
			}
			slot = (slot + 1) & mask;
		}
		return this.add(slot, text, start, length, hash);
	}

	private add(slot: number, text: string, start: number, length: number, hash: number): number {
		const id = this.count++;
		if (id === this.starts.length) {
			this.starts = widen(this.starts);
			this.lengths = widen(this.lengths);
			this.hashes = widen(this.hashes);
		}
		this.texts[id] = text;
		this.starts[id] = start;
		this.lengths[id] = length;
		this.hashes[id] = hash;
		this.table[slot] = id;
		if (this.count * 2 > this.table.length) this.rehash();
		return id;
	}

	private rehash(): void {
		this.table = new Int32Array(this.table.length * 2);
		const mask = this.table.length - 1;
		for (let id = 1; id < this.count; id++) {
			let slot = this.hashes[id]! & mask;
			while (this.table[slot] !== 0) slot = (slot + 1) & mask;
			this.table[slot] = id;
		}
	}
}

function widen<T extends Int32Array | Uint8Array>(from: T): T {
	const to = new (from.constructor as new (length: number) => T)(from.length * 2);
	to.set(from);
	return to;
}

const HASH_SEED = 0x811c9dc5 | 0;

/** FNV-1a step over one UTF-16 unit; tokens are hashed unit by unit as they are scanned. */
function hashStep(hash: number, code: number): number {
	return Math.imul(hash ^ code, 16777619);
}

/** Spreads FNV's low bits, which the table uses as its slot. */
function finishHash(hash: number): number {
	hash ^= hash >>> 15;
	hash = Math.imul(hash, 0x2c1b3c6d);
	return hash ^ (hash >>> 12);
}

const CLASS_UNKNOWN = 0;
const CLASS_WORD = 1;
const CLASS_SPACE = 2;
const CLASS_OTHER = 3;
const WORD_CHARACTER = /^[\p{L}\p{M}\p{N}\u200c\u200d]$/u;
const SPACE_CHARACTER = /^\s$/u;
// Classifying a BMP character needs a regular expression; prose reuses few characters, so the
// answer is kept per code unit.
const bmpClass = new Uint8Array(0x10000);

function classify(text: string, index: number, code: number): number {
	if (code < 128) {
		if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) {
			return CLASS_WORD;
		}
		return code === 32 || (code >= 9 && code <= 13) ? CLASS_SPACE : CLASS_OTHER;
	}
	if (code >= 0xd800 && code <= 0xdbff) {
		const pair = text.slice(index, index + 2);
		return WORD_CHARACTER.test(pair) ? CLASS_WORD : CLASS_OTHER;
	}
	let known = bmpClass[code] ?? CLASS_UNKNOWN;
	if (known === CLASS_UNKNOWN) {
		const character = String.fromCharCode(code);
		known = WORD_CHARACTER.test(character)
			? CLASS_WORD
			: SPACE_CHARACTER.test(character) || code === 0xfeff
				? CLASS_SPACE
				: CLASS_OTHER;
		bmpClass[code] = known;
	}
	return known;
}

function isApostrophe(code: number): boolean {
	return code === 39 || code === 0x2019;
}

function unitLength(code: number): number {
	return code >= 0xd800 && code <= 0xdbff ? 2 : 1;
}

class Growable {
	ids: Int32Array;
	starts: Int32Array;
	ends: Int32Array;
	gaps: Uint8Array;
	kinds: Uint8Array;
	length = 0;

	constructor(capacity: number) {
		this.ids = new Int32Array(capacity);
		this.starts = new Int32Array(capacity);
		this.ends = new Int32Array(capacity);
		this.gaps = new Uint8Array(capacity);
		this.kinds = new Uint8Array(capacity);
	}

	push(id: number, start: number, end: number, gap: number, kind: number): void {
		if (this.length === this.ids.length) {
			this.ids = widen(this.ids);
			this.starts = widen(this.starts);
			this.ends = widen(this.ends);
			this.gaps = widen(this.gaps);
			this.kinds = widen(this.kinds);
		}
		const i = this.length++;
		this.ids[i] = id;
		this.starts[i] = start;
		this.ends[i] = end;
		this.gaps[i] = gap;
		this.kinds[i] = kind;
	}
}

export interface TokenizeOptions {
	/** Emit paragraph breaks as KIND_BREAK tokens (for layout diffs). */
	readonly breakTokens: boolean;
}

/** Splits `text` into word and punctuation tokens (see the module comment). */
export function tokenizeWords(text: string, ids: TokenIds, options: TokenizeOptions): TokenList {
	const isBreak = paragraphRule(text);
	// Prose averages well over four characters per token.
	const out = new Growable(Math.max(256, text.length >> 2));
	const length = text.length;
	let wordCount = 0;
	let position = 0;
	let spaceStart = -1;
	let newlines = 0;

	while (position < length) {
		const code = text.charCodeAt(position);
		const kind = classify(text, position, code);
		if (kind === CLASS_SPACE) {
			if (spaceStart === -1) spaceStart = position;
			if (code === 10) newlines++;
			position++;
			continue;
		}
		let gap = GAP_NONE;
		if (spaceStart !== -1 && out.length > 0) {
			const single = newlines === 0 && position - spaceStart === 1;
			gap = !single && isBreak(spaceStart, position, newlines) ? GAP_PARAGRAPH : GAP_SPACE;
			if (gap === GAP_PARAGRAPH && options.breakTokens) {
				out.push(TokenIds.BREAK, spaceStart, position, GAP_NONE, KIND_BREAK);
			}
		}
		spaceStart = -1;
		newlines = 0;
		const start = position;
		let hash = hashStep(HASH_SEED, code);
		position++;
		if (position < length && unitLength(code) === 2) {
			hash = hashStep(hash, text.charCodeAt(position));
			position++;
		}
		if (kind === CLASS_WORD) {
			while (position < length) {
				const next = text.charCodeAt(position);
				const continues =
					classify(text, position, next) === CLASS_WORD ||
					(isApostrophe(next) &&
						position + 1 < length &&
						classify(text, position + 1, text.charCodeAt(position + 1)) === CLASS_WORD);
				if (!continues) break;
				hash = hashStep(hash, next);
				position++;
				if (position < length && unitLength(next) === 2) {
					hash = hashStep(hash, text.charCodeAt(position));
					position++;
				}
			}
			wordCount++;
		}
		const id = ids.idOf(text, start, position, finishHash(hash));
		out.push(id, start, position, gap, kind === CLASS_WORD ? KIND_WORD : KIND_PUNCTUATION);
	}

	return {
		text,
		length: out.length,
		ids: out.ids.subarray(0, out.length),
		starts: out.starts.subarray(0, out.length),
		ends: out.ends.subarray(0, out.length),
		gaps: out.gaps.subarray(0, out.length),
		kinds: out.kinds.subarray(0, out.length),
		wordCount,
	};
}

/** The text of token `index` as it appears in its document ('¶' for a paragraph break). */
export function tokenText(tokens: TokenList, index: number): string {
	if (tokens.kinds[index] === KIND_BREAK) return '¶';
	return tokens.text.slice(tokens.starts[index], tokens.ends[index]);
}
