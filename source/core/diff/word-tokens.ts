/**
 * The word tokenizer for diffs. jsdiff's own word tokenizer knows Latin letters only, so an
 * edited Arabic or Persian sentence would come out as letter soup; here a word is a run of
 * letters, marks and digits in any script (plus the zero-width joiners Persian writes inside
 * words, and an apostrophe between letters, so "Iran’s" stays one word), and every other
 * visible character is a token of its own. Whitespace is not a token: it only records whether a
 * token follows a space or a paragraph break, so re-wrapping and runs of spaces compare equal.
 */
import {ParagraphRule} from './paragraph-rule.js';

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
 * looked up by their place in a text, in an open-addressing table on typed arrays: slicing every token into a string for a Map cost more
 * than the whole alignment. Each slot holds the hash, id, and where the token's characters
 * sit in a pool of their own, side by side, so a lookup touches one cache line and a small
 * pool rather than a first occurrence anywhere in a 5 MB text (that comparison was half the
 * tokenizer's time); the texts themselves are not kept.
 */
export class TokenIds {
	/** Id of every paragraph-break token. */
	static readonly BREAK = 0;
	// The table and pool start tiny, so that they have grown (and their fields been written
	// again) before V8 optimizes the tokenizer: an optimization that assumed them fixed was
	// thrown away when a later growth replaced them, after ~30 ms of compiling on a busy machine.
	/** [hash, id, pool offset, length] per slot; id 0 (the break, never looked up) marks free. */
	private slots: Int32Array;
	private mask: number;
	/** The characters of every token interned so far, one after another. */
	private pool: Uint16Array;
	private poolLength = 0;
	private count = 1;

	/** `expected`: how many distinct tokens to make room for at once, when that is known to be
	 * few (a window of a long text), so that the table never grows. */
	constructor(expected = 8) {
		const capacity = tableCapacity(expected);
		this.slots = new Int32Array(SLOT_FIELDS * capacity);
		this.mask = capacity - 1;
		this.pool = new Uint16Array(expected * 8);
	}

	/** Forgets every token, to intern about `expected` new ones in the same table: a caller that
	 * interns many small windows one after another allocates nothing per window. */
	reset(expected: number): void {
		const capacity = tableCapacity(expected);
		if (capacity === this.mask + 1) {
			this.slots.fill(0);
		} else {
			this.slots = new Int32Array(SLOT_FIELDS * capacity);
			this.mask = capacity - 1;
		}
		this.poolLength = 0;
		this.count = 1;
	}

	get size(): number {
		return this.count;
	}

	/** The id of text[start, end). */
	idOf(text: string, start: number, end: number): number {
		return this.idOfHashed(text, start, end, hashOf(text, start, end));
	}

	/** The id of text[start, end), whose `hashOf` is `hash`: the tokenizer hashes as it scans. */
	idOfHashed(text: string, start: number, end: number, hash: number): number {
		const slots = this.slots;
		const length = end - start;
		let slot = hash & this.mask;
		for (;;) {
			const at = slot * SLOT_FIELDS;
			const id = slots[at + 1]!;
			if (id === 0) return this.add(at, text, start, length, hash);
			if (slots[at] === hash && slots[at + 3] === length) {
				const pool = this.pool;
				const from = slots[at + 2]!;
				let k = 0;
				while (k < length && pool[from + k] === text.charCodeAt(start + k)) k++;
				if (k === length) return id;
			}
			slot = (slot + 1) & this.mask;
		}
	}

	private add(at: number, text: string, start: number, length: number, hash: number): number {
		if (this.poolLength + length > this.pool.length) {
			const larger = new Uint16Array(Math.max(this.pool.length * 2, this.poolLength + length));
			larger.set(this.pool);
			this.pool = larger;
		}
		const from = this.poolLength;
		for (let k = 0; k < length; k++) this.pool[from + k] = text.charCodeAt(start + k);
		this.poolLength += length;
		const id = this.count++;
		const slots = this.slots;
		slots[at] = hash;
		slots[at + 1] = id;
		slots[at + 2] = from;
		slots[at + 3] = length;
		if (this.count * 2 > this.mask + 1) this.rehash();
		return id;
	}

	private rehash(): void {
		const old = this.slots;
		const capacity = (this.mask + 1) * 2;
		const slots = new Int32Array(capacity * SLOT_FIELDS);
		const mask = capacity - 1;
		for (let from = 0; from < old.length; from += SLOT_FIELDS) {
			if (old[from + 1] === 0) continue;
			let slot = old[from]! & mask;
			while (slots[slot * SLOT_FIELDS + 1] !== 0) slot = (slot + 1) & mask;
			// Field by field: a subarray per entry made growing the table cost milliseconds.
			const to = slot * SLOT_FIELDS;
			slots[to] = old[from]!;
			slots[to + 1] = old[from + 1]!;
			slots[to + 2] = old[from + 2]!;
			slots[to + 3] = old[from + 3]!;
		}
		this.slots = slots;
		this.mask = mask;
	}
}

const SLOT_FIELDS = 4;

/** Slots for `expected` tokens: a power of two, at most half full. */
function tableCapacity(expected: number): number {
	let capacity = 16;
	while (capacity < expected * 2) capacity *= 2;
	return capacity;
}

function widen<T extends Int32Array | Uint8Array>(from: T, length = from.length * 2): T {
	const to = new (from.constructor as new (length: number) => T)(length);
	to.set(from);
	return to;
}

/** FNV-1a over the code units of text[start, end), then mixed: the table's slot is its low
 * bits, which FNV alone spreads poorly. */
function hashOf(text: string, start: number, end: number): number {
	let hash = FNV_START;
	for (let at = start; at < end; at++) hash = Math.imul(hash ^ text.charCodeAt(at), FNV_PRIME);
	return mixHash(hash);
}

const FNV_START = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

function mixHash(hash: number): number {
	hash ^= hash >>> 15;
	hash = Math.imul(hash, 0x2c1b3c6d);
	return hash ^ (hash >>> 12);
}

export const CLASS_UNKNOWN = 0;
export const CLASS_WORD = 1;
export const CLASS_SPACE = 2;
export const CLASS_OTHER = 3;
const WORD_CHARACTER = /^[\p{L}\p{M}\p{N}\u200c\u200d]$/u;
const SPACE_CHARACTER = /^\s$/u;
// Classifying a character needs a regular expression; prose reuses few characters, so the
// answer is kept per BMP code unit and the scanner's common case is one table read. ASCII is
// filled in up front; high surrogates stay unknown, as their class depends on the next unit.
// Exported for other scanners' hot loops, where CLASS_UNKNOWN means "ask codePointClass": read
// it, never write it.
export const bmpClass = new Uint8Array(0x10000);
for (let code = 0; code < 128; code++) {
	const word =
		(code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
	bmpClass[code] = word
		? CLASS_WORD
		: code === 32 || (code >= 9 && code <= 13)
			? CLASS_SPACE
			: CLASS_OTHER;
}

/** The CLASS_* of the character at `index`, whose first code unit is `code` (for a surrogate
 * pair, of the pair). */
function classify(text: string, index: number, code: number): number {
	const known = bmpClass[code]!;
	return known === CLASS_UNKNOWN ? classifySlowly(text, index, code) : known;
}

/** The CLASS_* of a code point. */
export function codePointClass(codePoint: number): number {
	if (codePoint < 0x10000) {
		const known = bmpClass[codePoint]!;
		return known === CLASS_UNKNOWN ? classifySlowly('', 0, codePoint) : known;
	}
	const pair = String.fromCodePoint(codePoint);
	return classifySlowly(pair, 0, pair.charCodeAt(0));
}

function classifySlowly(text: string, index: number, code: number): number {
	if (code >= 0xd800 && code <= 0xdbff) {
		const pair = text.slice(index, index + 2);
		return WORD_CHARACTER.test(pair) ? CLASS_WORD : CLASS_OTHER;
	}
	const character = String.fromCharCode(code);
	const known = WORD_CHARACTER.test(character)
		? CLASS_WORD
		: SPACE_CHARACTER.test(character) || code === 0xfeff
			? CLASS_SPACE
			: CLASS_OTHER;
	bmpClass[code] = known;
	return known;
}

export function isApostrophe(code: number): boolean {
	return code === 39 || code === 0x2019;
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

export interface TokenizeOptions {
	/** Emit paragraph breaks as KIND_BREAK tokens (for layout diffs). */
	readonly breakTokens: boolean;
	/** Where to start: a token's start (or whitespace before one). Default 0. */
	readonly from?: number;
	/** Stop after this many tokens. Default: the whole text. */
	readonly maxTokens?: number;
	/** Tell paragraph breaks from spaces (GAP_PARAGRAPH). Default true; without it every gap is
	 * GAP_SPACE or GAP_NONE and the text's layout is never read, which is what a caller that
	 * tokenizes a few words at a time of a long text wants. Not with breakTokens. */
	readonly paragraphs?: boolean;
}

/**
 * Token arrays that a caller keeps and fills again and again (see scanTokens), so that a window
 * of a few tokens costs no allocation: the arrays are longer than `length`, and grow as needed.
 */
export class TokenBuffer implements TokenList {
	text = '';
	length = 0;
	wordCount = 0;
	ids: Int32Array;
	starts: Int32Array;
	ends: Int32Array;
	gaps: Uint8Array;
	kinds: Uint8Array;

	constructor(capacity: number) {
		this.ids = new Int32Array(capacity);
		this.starts = new Int32Array(capacity);
		this.ends = new Int32Array(capacity);
		this.gaps = new Uint8Array(capacity);
		this.kinds = new Uint8Array(capacity);
	}
}

/** Splits `text` into tokens (see scanTokens), in arrays of their own. */
export function tokenizeWords(text: string, ids: TokenIds, options: TokenizeOptions): TokenList {
	// Prose averages well over four characters per token.
	const estimate = Math.max(256, (text.length - (options.from ?? 0)) >> 2);
	const tokens = scanTokens(
		text,
		ids,
		options,
		new TokenBuffer(Math.min(estimate, (options.maxTokens ?? Infinity) + 2)),
	);
	const count = tokens.length;
	return {
		text,
		length: count,
		ids: tokens.ids.subarray(0, count),
		starts: tokens.starts.subarray(0, count),
		ends: tokens.ends.subarray(0, count),
		gaps: tokens.gaps.subarray(0, count),
		kinds: tokens.kinds.subarray(0, count),
		wordCount: tokens.wordCount,
	};
}

/**
 * Splits `text` into word and punctuation tokens (see the module comment) and interns them, in
 * one pass over its characters, into `into`: each token is hashed as it is scanned, so the only
 * second look at its characters is the comparison with the interned token of the same hash.
 * The loop is flat, with no call per character, and calls only methods that are the same for
 * every text, so V8 optimizes it early in a long text and keeps it for the next one (on a 5 MB
 * pair, a scan pass then an intern pass, guided for the second text, took about an eighth
 * longer).
 */
export function scanTokens(
	text: string,
	ids: TokenIds,
	options: TokenizeOptions,
	into: TokenBuffer,
): TokenBuffer {
	const breakTokens = options.breakTokens;
	const rule = options.paragraphs === false ? undefined : new ParagraphRule(text);
	const length = text.length;
	const maxTokens = options.maxTokens ?? Infinity;
	let capacity = into.ids.length;
	let tokenIds = into.ids;
	let starts = into.starts;
	let ends = into.ends;
	let gaps = into.gaps;
	let kinds = into.kinds;
	let count = 0;
	let wordCount = 0;
	let position = options.from ?? 0;
	let spaceStart = -1;
	let newlines = 0;

	while (position < length) {
		let code = text.charCodeAt(position);
		let kind = bmpClass[code]!;
		if (kind === CLASS_UNKNOWN) kind = classifySlowly(text, position, code);
		if (kind === CLASS_SPACE) {
			if (spaceStart === -1) spaceStart = position;
			if (code === 10) newlines++;
			position++;
			continue;
		}
		if (count >= maxTokens) break;
		// Room for this token and a break before it.
		if (count + 2 > capacity) {
			capacity = capacity * 2 + 2;
			tokenIds = widen(tokenIds, capacity);
			starts = widen(starts, capacity);
			ends = widen(ends, capacity);
			gaps = widen(gaps, capacity);
			kinds = widen(kinds, capacity);
		}
		let gap = GAP_NONE;
		if (spaceStart !== -1 && count > 0) {
			const single = newlines === 0 && position - spaceStart === 1;
			gap =
				!single && rule !== undefined && rule.isBreak(spaceStart, position, newlines)
					? GAP_PARAGRAPH
					: GAP_SPACE;
			if (gap === GAP_PARAGRAPH && breakTokens) {
				// Break tokens keep id 0, TokenIds.BREAK.
				starts[count] = spaceStart;
				ends[count] = position;
				gaps[count] = GAP_NONE;
				kinds[count] = KIND_BREAK;
				count++;
			}
		}
		spaceStart = -1;
		newlines = 0;
		const start = position;
		let hash = Math.imul(FNV_START ^ code, FNV_PRIME);
		position++;
		// A high surrogate takes the next unit with it, whatever that is.
		if (position < length && isHighSurrogate(code)) {
			hash = Math.imul(hash ^ text.charCodeAt(position), FNV_PRIME);
			position++;
		}
		if (kind === CLASS_WORD) {
			// Word characters, and apostrophes between them (as in wordEnd).
			while (position < length) {
				code = text.charCodeAt(position);
				let next = bmpClass[code]!;
				if (next === CLASS_UNKNOWN) next = classifySlowly(text, position, code);
				if (
					next !== CLASS_WORD &&
					!(isApostrophe(code) && position + 1 < length && isWordAt(text, position + 1))
				) {
					break;
				}
				hash = Math.imul(hash ^ code, FNV_PRIME);
				position++;
				if (position < length && isHighSurrogate(code)) {
					hash = Math.imul(hash ^ text.charCodeAt(position), FNV_PRIME);
					position++;
				}
			}
			wordCount++;
		}
		tokenIds[count] = ids.idOfHashed(text, start, position, mixHash(hash));
		starts[count] = start;
		ends[count] = position;
		gaps[count] = gap;
		kinds[count] = kind === CLASS_WORD ? KIND_WORD : KIND_PUNCTUATION;
		count++;
	}

	into.text = text;
	into.length = count;
	into.wordCount = wordCount;
	into.ids = tokenIds;
	into.starts = starts;
	into.ends = ends;
	into.gaps = gaps;
	into.kinds = kinds;
	return into;
}

function isWordAt(text: string, index: number): boolean {
	return classify(text, index, text.charCodeAt(index)) === CLASS_WORD;
}

/** The text of token `index` as it appears in its document ('¶' for a paragraph break). */
export function tokenText(tokens: TokenList, index: number): string {
	if (tokens.kinds[index] === KIND_BREAK) return '¶';
	return tokens.text.slice(tokens.starts[index], tokens.ends[index]);
}
