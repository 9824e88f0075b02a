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
	private slots = new Int32Array(SLOT_FIELDS * 16);
	private mask = 16 - 1;
	/** The characters of every token interned so far, one after another. */
	private pool = new Uint16Array(64);
	private poolLength = 0;
	private count = 1;

	get size(): number {
		return this.count;
	}

	/** The id of text[start, end). */
	idOf(text: string, start: number, end: number): number {
		const slots = this.slots;
		const length = end - start;
		const hash = hashOf(text, start, end);
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

function widen<T extends Int32Array | Uint8Array>(from: T): T {
	const to = new (from.constructor as new (length: number) => T)(from.length * 2);
	to.set(from);
	return to;
}

/** FNV-1a over the code units of text[start, end), then mixed: the table's slot is its low
 * bits, which FNV alone spreads poorly. */
function hashOf(text: string, start: number, end: number): number {
	let hash = 0x811c9dc5 | 0;
	for (let at = start; at < end; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 16777619);
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
// Classifying a character needs a regular expression; prose reuses few characters, so the
// answer is kept per BMP code unit and the scanner's common case is one table read. ASCII is
// filled in up front; high surrogates stay unknown, as their class depends on the next unit.
const bmpClass = new Uint8Array(0x10000);
for (let code = 0; code < 128; code++) {
	const word =
		(code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
	bmpClass[code] = word
		? CLASS_WORD
		: code === 32 || (code >= 9 && code <= 13)
			? CLASS_SPACE
			: CLASS_OTHER;
}

/** The CLASS_* of the character at `index`, whose first code unit is `code`. */
function classify(text: string, index: number, code: number): number {
	const known = bmpClass[code]!;
	return known === CLASS_UNKNOWN ? classifySlowly(text, index, code) : known;
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

function isApostrophe(code: number): boolean {
	return code === 39 || code === 0x2019;
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

class Growable {
	starts: Int32Array;
	ends: Int32Array;
	gaps: Uint8Array;
	kinds: Uint8Array;
	length = 0;

	constructor(capacity: number) {
		this.starts = new Int32Array(capacity);
		this.ends = new Int32Array(capacity);
		this.gaps = new Uint8Array(capacity);
		this.kinds = new Uint8Array(capacity);
	}

	push(start: number, end: number, gap: number, kind: number): void {
		if (this.length === this.starts.length) {
			this.starts = widen(this.starts);
			this.ends = widen(this.ends);
			this.gaps = widen(this.gaps);
			this.kinds = widen(this.kinds);
		}
		const i = this.length++;
		this.starts[i] = start;
		this.ends[i] = end;
		this.gaps[i] = gap;
		this.kinds[i] = kind;
	}
}

export interface TokenizeOptions {
	/** Emit paragraph breaks as KIND_BREAK tokens (for layout diffs). */
	readonly breakTokens: boolean;
	/** Tokens of a text this one is likely much like, made with the same `TokenIds` (the other
	 * version, in a diff): see `Guide`. Only speeds things up; the ids are the same without. */
	readonly like?: TokenList;
}

/**
 * Splits `text` into word and punctuation tokens (see the module comment). Finding the tokens
 * and interning them are separate passes, each a small loop of its own: a diff tokenizes a
 * long text once, and V8 compiles a small loop sooner, and throws it away less often for a
 * branch it had not seen, than one loop doing both (on a 5 MB pair, a fifth of the time).
 */
export function tokenizeWords(text: string, ids: TokenIds, options: TokenizeOptions): TokenList {
	const found = findTokens(text, options.breakTokens);
	const {starts, ends, kinds} = found;
	// Break tokens keep id 0, TokenIds.BREAK.
	const tokenIds = new Int32Array(found.length);
	if (options.like === undefined) internAll(text, starts, ends, kinds, tokenIds, ids);
	else new Guide(options.like).internAll(text, starts, ends, kinds, tokenIds, ids);
	return {
		text,
		length: found.length,
		ids: tokenIds,
		starts,
		ends,
		gaps: found.gaps,
		kinds,
		wordCount: found.wordCount,
	};
}

function findTokens(text: string, breakTokens: boolean) {
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
			if (gap === GAP_PARAGRAPH && breakTokens) {
				out.push(spaceStart, position, GAP_NONE, KIND_BREAK);
			}
		}
		spaceStart = -1;
		newlines = 0;
		const start = position;
		position++;
		// A high surrogate takes the next unit with it, whatever that is.
		if (position < length && isHighSurrogate(code)) position++;
		if (kind === CLASS_WORD) {
			position = wordEnd(text, position);
			wordCount++;
		}
		out.push(start, position, gap, kind === CLASS_WORD ? KIND_WORD : KIND_PUNCTUATION);
	}

	return {
		length: out.length,
		starts: out.starts.subarray(0, out.length),
		ends: out.ends.subarray(0, out.length),
		gaps: out.gaps.subarray(0, out.length),
		kinds: out.kinds.subarray(0, out.length),
		wordCount,
	};
}

/** Fills `out` with the id of every token but the breaks. */
function internAll(
	text: string,
	starts: Int32Array,
	ends: Int32Array,
	kinds: Uint8Array,
	out: Int32Array,
	ids: TokenIds,
): void {
	for (let i = 0; i < out.length; i++) {
		if (kinds[i] !== KIND_BREAK) out[i] = ids.idOf(text, starts[i]!, ends[i]!);
	}
}

/** Where the word continuing at `position` ends: word characters, and apostrophes between them. */
function wordEnd(text: string, position: number): number {
	const length = text.length;
	while (position < length) {
		const next = text.charCodeAt(position);
		const continues =
			classify(text, position, next) === CLASS_WORD ||
			(isApostrophe(next) &&
				position + 1 < length &&
				classify(text, position + 1, text.charCodeAt(position + 1)) === CLASS_WORD);
		if (!continues) break;
		position++;
		if (position < length && isHighSurrogate(next)) position++;
	}
	return position;
}

/** Tokens past the expected one that a prediction also tries: a word or two replaced. */
const LOOK_AHEAD = 2;
/** How far either way `Guide.resync` looks for where the text picks up again. */
const RESYNC_WINDOW = 32;

/**
 * Predicts the tokens of a text from a like one, already tokenized: the next token is expected
 * to be the one after the last token matched there. A prediction is checked character by
 * character against the like text, so a right one is the same token and takes its id; the
 * comparison runs along both texts in order, where a hash table lookup lands anywhere in a
 * table of the whole vocabulary. On two versions of an article nearly every prediction is
 * right. A wrong one costs a lookup, and a search nearby for the last two tokens, which finds
 * where the texts agree again after an edit (one token alone would often be a common word
 * found in the wrong place).
 */
class Guide {
	private readonly text: string;
	private readonly ids: Int32Array;
	private readonly starts: Int32Array;
	private readonly ends: Int32Array;
	private readonly kinds: Uint8Array;
	/** The like text's token expected next. */
	private next = 0;
	/** The id of the token before, in the text being tokenized. */
	private previous = -1;

	constructor(like: TokenList) {
		this.text = like.text;
		this.ids = like.ids;
		this.starts = like.starts;
		this.ends = like.ends;
		this.kinds = like.kinds;
	}

	/** Like the plain `internAll`, with predictions. */
	internAll(
		text: string,
		starts: Int32Array,
		ends: Int32Array,
		kinds: Uint8Array,
		out: Int32Array,
		ids: TokenIds,
	): void {
		for (let i = 0; i < out.length; i++) {
			if (kinds[i] === KIND_BREAK) continue;
			const start = starts[i]!;
			const end = ends[i]!;
			let id = this.predict(text, start, end);
			if (id === -1) {
				id = ids.idOf(text, start, end);
				this.resync(id);
			}
			out[i] = id;
		}
	}

	/** The id of text[start, end) if it is the token expected next or one of the LOOK_AHEAD
	 * after it (and then carries on after it), else -1. */
	private predict(text: string, start: number, end: number): number {
		let next = this.next;
		const count = this.ids.length;
		// Paragraph breaks are layout, which differs between versions: passed over.
		while (next < count && this.kinds[next] === KIND_BREAK) next++;
		this.next = next;
		const last = Math.min(next + LOOK_AHEAD, count - 1);
		for (let at = next; at <= last; at++) {
			if (this.matches(at, text, start, end)) {
				this.next = at + 1;
				this.previous = this.ids[at]!;
				return this.previous;
			}
		}
		return -1;
	}

	/** After a wrong prediction, the token `id` came: carry on after the nearest place around
	 * the expected one where the like text has this token after the one before it too. */
	private resync(id: number): void {
		const {ids, next, previous} = this;
		this.previous = id;
		for (let distance = 0; distance < RESYNC_WINDOW; distance++) {
			const ahead = next + distance;
			if (ahead < ids.length && ids[ahead] === id && ids[ahead - 1] === previous) {
				this.next = ahead + 1;
				return;
			}
			const behind = next - distance - 1;
			if (behind > 0 && ids[behind] === id && ids[behind - 1] === previous) {
				this.next = behind + 1;
				return;
			}
		}
	}

	private matches(at: number, text: string, start: number, end: number): boolean {
		const from = this.starts[at]!;
		const length = end - start;
		if (this.ends[at]! - from !== length) return false;
		const like = this.text;
		for (let k = 0; k < length; k++) {
			if (like.charCodeAt(from + k) !== text.charCodeAt(start + k)) return false;
		}
		return true;
	}
}

/** The text of token `index` as it appears in its document ('¶' for a paragraph break). */
export function tokenText(tokens: TokenList, index: number): string {
	if (tokens.kinds[index] === KIND_BREAK) return '¶';
	return tokens.text.slice(tokens.starts[index], tokens.ends[index]);
}
