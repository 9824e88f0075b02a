/**
 * The word tokenizer for diffs. jsdiff's own word tokenizer knows Latin letters only, so an
 * edited Arabic or Persian sentence would come out as letter soup; here a word is a run of
 * word characters with apostrophes between them, as core/text/words.ts defines them for every
 * figure of the app ("Iran’s" is one word), and every other visible character is a token of its
 * own. Whitespace is not a token: it only records whether a token follows a space or a
 * paragraph break, so re-wrapping and runs of spaces compare equal.
 *
 * There is one scanner, and it reads UTF-8: a file `diff --json` compares is scanned as read,
 * never decoded whole (decoding 5 MB took longer than diffing it), and a text the app holds as
 * a string is encoded first (encodeInto: a millisecond for a megabyte). ASCII, nearly all of
 * most articles, is a table read per byte; a longer sequence is decoded once, where it is read.
 * Offsets are in UTF-16 code units either way, as everywhere else in the app.
 */
import {Buffer} from 'node:buffer';
import {sanitiseText} from '../text/sanitise.js';
import {characterKind, SEPARATOR, SPACE_CHARACTER, WORD_CHARACTER} from '../text/words.js';
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
	readonly length: number;
	/** Interned token ids, comparable between the lists made with one `TokenIds`. */
	readonly ids: Int32Array;
	/** UTF-16 offsets of each token in its text; a break token spans its whitespace. */
	readonly starts: Int32Array;
	readonly ends: Int32Array;
	/** GAP_* before each token, in this text's own layout. */
	readonly gaps: Uint8Array;
	/** KIND_* of each token. */
	readonly kinds: Uint8Array;
	readonly wordCount: number;
	/** The whole text's length in UTF-16 units. */
	readonly textLength: number;
	/** starts[index], without working out every token's offsets (see Utf8Tokens). */
	offsetOf(index: number): number;
	/** The text from token `first`'s start to token `end - 1`'s end, as the app shows it. */
	spell(first: number, end: number): string;
}

/**
 * Interns tokens to small integers so that comparing tokens is comparing numbers. Tokens are
 * looked up by their place in the bytes being scanned, in an open-addressing table on typed
 * arrays: slicing every token into a string for a Map cost more than the whole alignment. A
 * slot is a hash and an id, 8 bytes, so that the slots of the common tokens stay in the cache
 * (a lookup that missed it was a third of the scan); each id's bytes sit in a pool of their own.
 */
export class TokenIds {
	/** Id of every paragraph-break token. */
	static readonly BREAK = 0;
	/** [hash, id] per slot; id 0 marks free. */
	private slots: Int32Array;
	private mask: number;
	/** Per id: where its bytes start in the pool; the next id's start is where they end. */
	private poolStarts: Int32Array;
	private pool: Uint8Array;
	private poolLength = 0;
	private count = 1;

	/** `bytes`: how long the texts to intern are, together, when known: the table starts at
	 * the size they will likely need, rather than growing to it (each growth copies the table
	 * into fresh memory, which is slow to come by: see Utf8Tokens). */
	constructor(bytes = 0) {
		const expected = expectedDistinct(bytes);
		let capacity = 16;
		while (capacity < expected * 2) capacity *= 2;
		this.slots = new Int32Array(2 * capacity);
		this.mask = capacity - 1;
		this.pool = new Uint8Array(Math.max(64, expected * 8));
		this.poolStarts = new Int32Array(capacity / 2 + 2);
	}

	get size(): number {
		return this.count;
	}

	/** The id of bytes[start, end), whose `hashBytes` is `hash`: the scanner hashes as it reads. */
	idOf(bytes: Uint8Array, start: number, end: number, hash: number): number {
		const slots = this.slots;
		let slot = hash & this.mask;
		for (;;) {
			const id = slots[2 * slot + 1]!;
			if (id === 0) return this.add(2 * slot, bytes, start, end - start, hash);
			if (slots[2 * slot] === hash) {
				const poolStarts = this.poolStarts;
				const from = poolStarts[id]!;
				if (poolStarts[id + 1]! - from === end - start) {
					const pool = this.pool;
					const shift = from - start;
					let k = start;
					while (k < end && pool[shift + k] === bytes[k]) k++;
					if (k === end) return id;
				}
			}
			slot = (slot + 1) & this.mask;
		}
	}

	private add(at: number, bytes: Uint8Array, start: number, length: number, hash: number): number {
		if (this.poolLength + length > this.pool.length) {
			const larger = new Uint8Array(Math.max(this.pool.length * 2, this.poolLength + length));
			larger.set(this.pool);
			this.pool = larger;
		}
		// Byte by byte: a subarray of a file's Buffer is a Buffer, made by a JavaScript constructor,
		// and one per new token was a tenth of diff --json's time.
		const pool = this.pool;
		for (let k = 0; k < length; k++) pool[this.poolLength + k] = bytes[start + k]!;
		const id = this.count++;
		if (id + 2 > this.poolStarts.length) {
			const larger = new Int32Array(this.poolStarts.length * 2);
			larger.set(this.poolStarts);
			this.poolStarts = larger;
		}
		this.poolStarts[id] = this.poolLength;
		this.poolLength += length;
		this.poolStarts[id + 1] = this.poolLength;
		this.slots[at] = hash;
		this.slots[at + 1] = id;
		if (this.count * 2 > this.mask + 1) this.rehash();
		return id;
	}

	private rehash(): void {
		const old = this.slots;
		const capacity = (this.mask + 1) * 2;
		const slots = new Int32Array(capacity * 2);
		const mask = capacity - 1;
		for (let from = 0; from < old.length; from += 2) {
			if (old[from + 1] === 0) continue;
			let slot = old[from]! & mask;
			while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
			slots[2 * slot] = old[from]!;
			slots[2 * slot + 1] = old[from + 1]!;
		}
		this.slots = slots;
		this.mask = mask;
	}
}

/** About how many distinct tokens texts of `bytes` bytes hold: Heaps' law, fitted to the
 * bench's pairs and the seeds (prose runs about 5.5 bytes a token), erring low. */
function expectedDistinct(bytes: number): number {
	return Math.ceil(16 * Math.pow(bytes / 5.5, 0.55));
}

const FNV_START = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** FNV-1a's last step: the table's slot is the hash's low bits, which FNV alone spreads poorly. */
function mixHash(hash: number): number {
	hash ^= hash >>> 15;
	hash = Math.imul(hash, 0x2c1b3c6d);
	return hash ^ (hash >>> 12);
}

/** The hash the scanner gives bytes[start, end) (FNV-1a over the bytes, then mixed). */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
	let hash = FNV_START;
	for (let at = start; at < end; at++) hash = Math.imul(hash ^ bytes[at]!, FNV_PRIME);
	return mixHash(hash);
}

/**
 * The characters' kinds (words.ts's WORD_CHARACTER, SPACE_CHARACTER or SEPARATOR) as the app
 * shows them: a file's bytes are diffed as the text sanitiseText makes of them, where a tab is
 * a space and every other control character a visible stand-in (a separator). Per ASCII byte;
 * longer sequences are decoded and looked up (C1 controls are separators there already).
 */
const ASCII_KIND = new Uint8Array(128);
for (let byte = 0; byte < 128; byte++) {
	const control = byte < 0x20 || byte === 0x7f;
	ASCII_KIND[byte] =
		byte === 0x09 || byte === 0x0a ? SPACE_CHARACTER : control ? SEPARATOR : characterKind(byte);
}

const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;

/**
 * The UTF-8 of each control character's stand-in (sanitiseText's), three bytes each, at
 * 3·standInIndex: a control in a file is interned as its stand-in, so that it equals the
 * stand-in, and another control with the same stand-in, as they do in the text shown.
 */
const STAND_INS = new Uint8Array(3 * (0x20 + 1 + 0x20));
const STAND_IN_HASHES = new Int32Array(0x20 + 1 + 0x20);
for (let index = 0; index < STAND_IN_HASHES.length; index++) {
	const code = index < 0x20 ? index : index === 0x20 ? 0x7f : 0x80 + index - 0x21;
	const standIn = sanitiseText(String.fromCharCode(code));
	STAND_INS.set(new TextEncoder().encode(standIn.padEnd(1)), 3 * index);
	STAND_IN_HASHES[index] = hashBytes(STAND_INS, 3 * index, 3 * index + 3);
}

/** standInIndex of the control character at `at` (a separator), or -1 when it is none. */
function standInIndex(bytes: Uint8Array, at: number): number {
	const lead = bytes[at]!;
	if (lead < 0x20) return lead;
	if (lead === 0x7f) return 0x20;
	if (lead === 0xc2 && bytes[at + 1]! < 0xa0) return 0x21 + bytes[at + 1]! - 0x80;
	return -1;
}

export interface TokenizeOptions {
	/** Emit paragraph breaks as KIND_BREAK tokens (for layout diffs). */
	readonly breakTokens: boolean;
	/** Where to start (UTF-16 offset): a token's start, or whitespace before one. Default 0. */
	readonly from?: number;
	/** Tell paragraph breaks from spaces (GAP_PARAGRAPH). Default true; without it every gap is
	 * GAP_SPACE or GAP_NONE and the text's layout is never read. Not with breakTokens. */
	readonly paragraphs?: boolean;
}

/** What a scan found: the token arrays (longer than `count`) and the text's measures. */
interface Scan {
	readonly count: number;
	readonly ids: Int32Array;
	readonly kinds: Uint8Array;
	/** UTF-16 offsets and gaps, made by a scan of a text (not of bytes alone). */
	readonly starts: Int32Array;
	readonly ends: Int32Array;
	readonly gaps: Uint8Array;
	/** Byte offset of each token. */
	readonly byteStarts: Int32Array;
	/** [token, surplus, …]: from that token on, bytes less UTF-16 units before a token's start
	 * are `surplus` (up to the next pair); made by a scan of bytes alone. */
	readonly marks: readonly number[];
	readonly wordCount: number;
	/** UTF-16 units in the bytes scanned, `from` included. */
	readonly units: number;
}

/** Splits `text` into tokens (see the module comment), interned with `ids`. */
export function tokenizeWords(text: string, ids: TokenIds, options: TokenizeOptions): TokenList {
	return tokenizeText(text, ids, options, 0, undefined).list;
}

/**
 * Splits two texts into tokens, as tokenizeWords splits each, the second read with the first
 * as its guide (see Guide): where the two are mostly the same, most of B's ids are A's, found
 * where A has them rather than looked up.
 */
export function tokenizeTexts(
	textA: string,
	textB: string,
	ids: TokenIds,
	options: TokenizeOptions,
): [TokenList, TokenList] {
	const a = tokenizeText(textA, ids, options, 0, undefined);
	const b = tokenizeText(textB, ids, options, 1, new Guide(a.bytes, a.scan, ids.size));
	return [a.list, b.list];
}

function tokenizeText(
	text: string,
	ids: TokenIds,
	options: TokenizeOptions,
	slot: number,
	guide: Guide | undefined,
) {
	const from = options.from ?? 0;
	const bytes = encode(text, slot);
	const rule = options.paragraphs === false ? undefined : new ParagraphRule(text);
	const scan = scanUtf8(
		bytes,
		from === 0 ? 0 : utf8Length(text, from),
		from,
		ids,
		rule,
		options.breakTokens,
		false,
		guide,
	);
	return {list: new TextTokens(text, scan), bytes, scan};
}

/**
 * Splits the text of UTF-8 `bytes` into tokens, as tokenizeWords splits the text they decode
 * to once sanitised (the text the app shows: see ASCII_KIND), without decoding them: each token
 * spelled is decoded on its own. The bytes must be valid UTF-8 (as plainUtf8 passes them, or
 * as encoding a string makes them). Content only: no paragraph breaks, as the layout of a text
 * is read from the text (see ParagraphRule).
 */
export function tokenizeUtf8(bytes: Uint8Array, ids: TokenIds): TokenList {
	const plain = plainBytes(bytes);
	return new Utf8Tokens(plain, scanUtf8(plain, 0, 0, ids, undefined, false, true, undefined));
}

/** tokenizeUtf8 of two texts' bytes, the second guided by the first (see tokenizeTexts). */
export function tokenizeUtf8Pair(
	bytesA: Uint8Array,
	bytesB: Uint8Array,
	ids: TokenIds,
): [TokenList, TokenList] {
	const [plainA, plainB] = [plainBytes(bytesA), plainBytes(bytesB)];
	const a = scanUtf8(plainA, 0, 0, ids, undefined, false, true, undefined);
	const guide = new Guide(plainA, a, ids.size);
	const b = scanUtf8(plainB, 0, 0, ids, undefined, false, true, guide);
	return [new Utf8Tokens(plainA, a), new Utf8Tokens(plainB, b)];
}

/** The same bytes as a plain Uint8Array: the scanner reads a file's Buffer and an encoded
 * string's bytes alike, and V8 compiles it for one kind of array, not two. */
function plainBytes(bytes: Uint8Array): Uint8Array {
	return Object.getPrototypeOf(bytes) === Uint8Array.prototype
		? bytes
		: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

class TextTokens implements TokenList {
	readonly length: number;
	readonly ids: Int32Array;
	readonly starts: Int32Array;
	readonly ends: Int32Array;
	readonly gaps: Uint8Array;
	readonly kinds: Uint8Array;
	readonly wordCount: number;
	readonly textLength: number;

	constructor(
		private readonly text: string,
		scan: Scan,
	) {
		const count = scan.count;
		this.length = count;
		this.ids = scan.ids.subarray(0, count);
		this.starts = scan.starts.subarray(0, count);
		this.ends = scan.ends.subarray(0, count);
		this.gaps = scan.gaps.subarray(0, count);
		this.kinds = scan.kinds.subarray(0, count);
		this.wordCount = scan.wordCount;
		this.textLength = text.length;
	}

	offsetOf(index: number): number {
		return this.starts[index]!;
	}

	spell(first: number, end: number): string {
		return this.text.slice(this.starts[first], this.ends[end - 1]);
	}
}

/**
 * Tokens of UTF-8 bytes alone, as lean as the summary of a 5 MB pair needs: ids, kinds and
 * byte offsets are written as they are scanned (fresh memory is slow to come by: a megabyte of
 * arrays cost as much as diffing a megabyte), and the rest is worked out when asked for, which
 * the summary does only for its edits.
 */
class Utf8Tokens implements TokenList {
	readonly length: number;
	readonly ids: Int32Array;
	readonly kinds: Uint8Array;
	readonly wordCount: number;
	readonly textLength: number;
	private readonly buffer: Buffer;
	private readonly byteStarts: Int32Array;
	private readonly marks: readonly number[];
	private offsets: {starts: Int32Array; ends: Int32Array; gaps: Uint8Array} | undefined;

	constructor(
		private readonly bytes: Uint8Array,
		scan: Scan,
	) {
		const count = scan.count;
		this.length = count;
		this.ids = scan.ids.subarray(0, count);
		this.kinds = scan.kinds.subarray(0, count);
		this.wordCount = scan.wordCount;
		this.textLength = scan.units;
		this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		this.byteStarts = scan.byteStarts.subarray(0, count);
		this.marks = scan.marks;
	}

	get starts(): Int32Array {
		return this.allOffsets().starts;
	}

	get ends(): Int32Array {
		return this.allOffsets().ends;
	}

	get gaps(): Uint8Array {
		return this.allOffsets().gaps;
	}

	/** The UTF-16 offset of token `index`'s start. */
	offsetOf(index: number): number {
		return this.byteStarts[index]! - this.surplusAt(index);
	}

	spell(first: number, end: number): string {
		// To the next token's start, less the whitespace before it: sanitised, that whitespace
		// is what trimEnd trims (a tab is a space; \v, \f and \r are stand-ins, tokens).
		const to = end < this.length ? this.byteStarts[end]! : this.bytes.length;
		return sanitiseText(this.buffer.toString('utf8', this.byteStarts[first], to)).trimEnd();
	}

	/** Bytes less UTF-16 units before token `index`'s start (see Scan.marks). */
	private surplusAt(index: number): number {
		const marks = this.marks;
		let low = 0;
		let high = marks.length / 2;
		// The last mark at or before `index`.
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (marks[2 * middle]! <= index) low = middle + 1;
			else high = middle;
		}
		return low === 0 ? 0 : marks[2 * low - 1]!;
	}

	private allOffsets() {
		if (this.offsets !== undefined) return this.offsets;
		const starts = new Int32Array(this.length);
		const ends = new Int32Array(this.length);
		const gaps = new Uint8Array(this.length);
		for (let i = 0; i < this.length; i++) {
			starts[i] = this.offsetOf(i);
			ends[i] = starts[i]! + this.spell(i, i + 1).length;
			if (i > 0 && starts[i]! > ends[i - 1]!) gaps[i] = GAP_SPACE;
		}
		this.offsets = {starts, ends, gaps};
		return this.offsets;
	}
}

/** Buffers to encode texts into (two: a pair's first text is read while the second is
 * scanned), kept between calls up to this size. */
const KEPT_SCRATCH = 32 << 20;
const scratch = [new Uint8Array(0), new Uint8Array(0)];
const encoder = new TextEncoder();

/** The UTF-8 of `text`, in scratch buffer `slot`: a lone surrogate becomes U+FFFD, as the UTF-8
 * the app reads from files never holds one. The bytes are good until the slot's next use. */
function encode(text: string, slot: number): Uint8Array {
	// Prose is nearly all ASCII; a text that is not needs a second, larger go.
	let bytes = roomFor(text.length + (text.length >> 3) + 16, slot);
	let {read, written} = encoder.encodeInto(text, bytes);
	if (read < text.length) {
		const larger = roomFor(written + 3 * (text.length - read), slot);
		larger.set(bytes.subarray(0, written));
		bytes = larger;
		written += encoder.encodeInto(text.slice(read), bytes.subarray(written)).written;
		read = text.length;
	}
	return bytes.subarray(0, written);
}

function roomFor(size: number, slot: number): Uint8Array {
	if (scratch[slot]!.length >= size) return scratch[slot]!;
	const bytes = new Uint8Array(size);
	if (size <= KEPT_SCRATCH) scratch[slot] = bytes;
	return bytes;
}

/** Bytes of the UTF-8 of text[0, units). */
function utf8Length(text: string, units: number): number {
	let bytes = 0;
	for (let at = 0; at < units; at++) {
		const code = text.charCodeAt(at);
		if (code < 0x80) bytes++;
		else if (code < 0x800) bytes += 2;
		else if (code >= 0xd800 && code <= 0xdbff && at + 1 < units) {
			const low = text.charCodeAt(at + 1);
			if (low >= 0xdc00 && low <= 0xdfff) {
				bytes += 4;
				at++;
			} else {
				bytes += 3;
			}
		} else bytes += 3;
	}
	return bytes;
}

function widen<T extends Int32Array | Uint8Array>(from: T, length: number): T {
	const to = new (from.constructor as new (length: number) => T)(length);
	to.set(from);
	return to;
}

/** Bytes in the UTF-8 sequence that starts with `lead`. */
function sequenceLength(lead: number): number {
	return lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

/** The code point of the (valid, longer than one byte) UTF-8 sequence at `at`. */
function codePointAt(bytes: Uint8Array, at: number): number {
	const lead = bytes[at]!;
	const second = bytes[at + 1]! & 0x3f;
	if (lead < 0xe0) return ((lead & 0x1f) << 6) | second;
	const third = bytes[at + 2]! & 0x3f;
	if (lead < 0xf0) return ((lead & 0x0f) << 12) | (second << 6) | third;
	return ((lead & 0x07) << 18) | (second << 12) | (third << 6) | (bytes[at + 3]! & 0x3f);
}

/** The kind of the character at `at` (a whole sequence) of bytes[…, end). */
function kindAt(bytes: Uint8Array, at: number): number {
	const lead = bytes[at]!;
	return lead < 0x80 ? ASCII_KIND[lead]! : characterKind(codePointAt(bytes, at));
}

/** Whether the character at `at` is an apostrophe that a word character follows (inside a
 * word, it joins the word: "Iran’s"). */
function joinsWord(bytes: Uint8Array, at: number, end: number): boolean {
	const lead = bytes[at]!;
	let size: number;
	if (lead === APOSTROPHE) size = 1;
	else if (lead === 0xe2 && codePointAt(bytes, at) === RIGHT_SINGLE_QUOTE) size = 3;
	else return false;
	return at + size < end && kindAt(bytes, at + size) === WORD_CHARACTER;
}

/** Bytes scanned per call of Scanner.scan (see scanUtf8). */
const CHUNK = 1 << 16;

/**
 * Splits bytes[at, end) into word and punctuation tokens and interns them (`units`: the UTF-16
 * offset of byte `at`). The scan goes a chunk at a time: V8 compiles a function that has run
 * to its end with everything it met on the way, where a single call over 5 MB was compiled
 * while it ran (on-stack replacement) and thrown away again at its first return, so the next
 * text began in the interpreter.
 */
function scanUtf8(
	bytes: Uint8Array,
	at: number,
	units: number,
	ids: TokenIds,
	rule: ParagraphRule | undefined,
	breakTokens: boolean,
	bytesAlone: boolean,
	guide: Guide | undefined,
): Scan {
	const end = bytes.length;
	const scanner = new Scanner(bytes, at, at - units, ids, rule, breakTokens, bytesAlone, guide);
	while (scanner.at < end) scanner.scan(Math.min(end, scanner.at + CHUNK));
	return scanner;
}

/**
 * What the scan of a pair's second text reads of the first's, to find most of its ids without
 * the table: two versions of an article hold the same token at the same place, give or take
 * the edits. The scan of B asks for the token of A after the last one it matched; where that
 * is the same bytes, its id is B's. Where it is not, the table is asked, and the guide moves on
 * to the token's place in A when that is plain: a few tokens on, or the token's only place in
 * A. A wrong guess costs only a look-up, so the ids are the table's either way.
 */
class Guide {
	/** The token of A that B's next token is likely to be. */
	private next = 0;
	/** Per id of A: its index in A when it occurs there once, else -1 (never, or more often). */
	private readonly onlyAt: Int32Array;
	private readonly byteStarts: Int32Array;
	private readonly ids: Int32Array;
	private readonly count: number;

	constructor(
		private readonly bytes: Uint8Array,
		scan: Scan,
		idCount: number,
	) {
		this.byteStarts = scan.byteStarts;
		this.ids = scan.ids;
		this.count = scan.count;
		const onlyAt = new Int32Array(idCount).fill(-1);
		const seen = new Uint8Array(idCount);
		for (let i = 0; i < this.count; i++) {
			const id = this.ids[i]!;
			onlyAt[id] = seen[id] === 0 ? i : -1;
			seen[id] = 1;
		}
		this.onlyAt = onlyAt;
	}

	/** The id of bytes[start, end) when it is the token of A the guide expects, else -1. */
	follow(bytes: Uint8Array, start: number, end: number): number {
		let k = this.next;
		const ids = this.ids;
		while (k < this.count && ids[k] === TokenIds.BREAK) k++;
		if (k >= this.count) return -1;
		const from = this.byteStarts[k]!;
		const to = from + (end - start);
		const a = this.bytes;
		if (to > a.length) return -1;
		// A's token ends where B's does: the next token or whitespace starts there.
		const ends =
			to === a.length ||
			(k + 1 < this.count && this.byteStarts[k + 1] === to) ||
			(a[to]! < 0x80 && ASCII_KIND[a[to]!] === SPACE_CHARACTER);
		if (!ends) return -1;
		for (let i = 0; i < end - start; i++) if (a[from + i] !== bytes[start + i]) return -1;
		this.next = k + 1;
		return ids[k]!;
	}

	/** B's token `id` was not the one expected: where to expect the next. */
	missed(id: number): void {
		const ids = this.ids;
		for (let k = this.next; k < this.next + LOOK_AHEAD && k < this.count; k++) {
			if (ids[k] === id) {
				this.next = k + 1;
				return;
			}
		}
		const only = id < this.onlyAt.length ? this.onlyAt[id]! : -1;
		if (only !== -1) this.next = only + 1;
	}
}

/** Tokens of A the guide looks through for a token B has where A has another. */
const LOOK_AHEAD = 4;

/** A scan's state between chunks, and its result (Scan). */
class Scanner implements Scan {
	count = 0;
	wordCount = 0;
	ids: Int32Array;
	kinds: Uint8Array;
	starts: Int32Array;
	ends: Int32Array;
	gaps: Uint8Array;
	byteStarts: Int32Array;
	marks: number[] = [];
	/** Bytes less UTF-16 units before `at`: the UTF-16 offset of byte `at` is at - surplus. */
	surplus: number;
	/** The surplus of the last mark. */
	marked = 0;
	/** Where the whitespace before the next token starts (UTF-16, and its byte), or -1. */
	spaceStart = -1;
	/** Line breaks in that whitespace. */
	newlines = 0;

	private readonly end: number;

	constructor(
		private readonly bytes: Uint8Array,
		public at: number,
		surplus: number,
		private readonly tokenIds: TokenIds,
		private readonly rule: ParagraphRule | undefined,
		private readonly breakTokens: boolean,
		/** Scanning bytes alone: marks, not UTF-16 offsets and gaps. */
		private readonly bytesAlone: boolean,
		private readonly guide: Guide | undefined,
	) {
		const end = bytes.length;
		this.end = end;
		this.surplus = surplus;
		// Prose averages well over four bytes per token. Pages of the arrays never written are
		// never touched, so room to spare costs nothing.
		const capacity = Math.max(64, (end - at) >> 2);
		this.ids = new Int32Array(capacity);
		this.kinds = new Uint8Array(capacity);
		const textCapacity = bytesAlone ? 0 : capacity;
		this.starts = new Int32Array(textCapacity);
		this.ends = new Int32Array(textCapacity);
		this.gaps = new Uint8Array(textCapacity);
		// Both kinds of scan: a pair's second text is read with the first's (Guide).
		this.byteStarts = new Int32Array(capacity);
		if (surplus !== 0) this.mark(0, surplus);
	}

	get units(): number {
		return this.end - this.surplus;
	}

	/**
	 * Scans the tokens that start before byte `limit` (the last may run on past it), in one
	 * pass over their bytes: each token is hashed as it is read, so the only second look at its
	 * bytes is the comparison with the interned token of the same hash. The loop works on
	 * locals, calls nothing per ASCII byte, and nothing that differs from one text to another.
	 */
	scan(limit: number): void {
		const {bytes, end, tokenIds, rule, breakTokens, bytesAlone, guide} = this;
		let {at, surplus, spaceStart, newlines, count, wordCount} = this;
		let {ids, kinds, starts, ends, gaps, byteStarts} = this;
		while (at < limit) {
			let lead = bytes[at]!;
			let kind: number;
			let size = 1;
			if (lead < 0x80) {
				kind = ASCII_KIND[lead]!;
			} else {
				kind = characterKind(codePointAt(bytes, at));
				size = sequenceLength(lead);
			}
			if (kind === SPACE_CHARACTER) {
				if (spaceStart === -1) spaceStart = at - surplus;
				if (lead === 0x0a) newlines++;
				surplus += size > 3 ? size - 2 : size - 1;
				at += size;
				continue;
			}
			// Room for this token and a break before it.
			if (count + 2 > ids.length) {
				this.grow();
				({ids, kinds, starts, ends, gaps, byteStarts} = this);
			}
			const position = at - surplus;
			let gap = GAP_NONE;
			if (spaceStart !== -1 && count > 0) {
				const single = newlines === 0 && position - spaceStart === 1;
				gap =
					!single && rule !== undefined && rule.isBreak(spaceStart, position, newlines)
						? GAP_PARAGRAPH
						: GAP_SPACE;
				if (gap === GAP_PARAGRAPH && breakTokens) {
					// Break tokens keep id 0, TokenIds.BREAK, and span the whitespace.
					starts[count] = spaceStart;
					ends[count] = position;
					gaps[count] = GAP_NONE;
					kinds[count] = KIND_BREAK;
					byteStarts[count] = at;
					count++;
				}
			}
			byteStarts[count] = at;
			if (bytesAlone && surplus !== this.marked) this.mark(count, surplus);
			spaceStart = -1;
			newlines = 0;
			const start = at;
			let hash = FNV_START;
			for (let k = 0; k < size; k++) hash = Math.imul(hash ^ bytes[at + k]!, FNV_PRIME);
			surplus += size > 3 ? size - 2 : size - 1;
			at += size;
			if (kind === WORD_CHARACTER) {
				// Word characters, and apostrophes between them.
				while (at < end) {
					lead = bytes[at]!;
					if (lead < 0x80) {
						if (
							ASCII_KIND[lead] !== WORD_CHARACTER &&
							!(lead === APOSTROPHE && joinsWord(bytes, at, end))
						) {
							break;
						}
						hash = Math.imul(hash ^ lead, FNV_PRIME);
						at++;
						continue;
					}
					if (
						characterKind(codePointAt(bytes, at)) !== WORD_CHARACTER &&
						!joinsWord(bytes, at, end)
					) {
						break;
					}
					size = sequenceLength(lead);
					for (let k = 0; k < size; k++) hash = Math.imul(hash ^ bytes[at + k]!, FNV_PRIME);
					surplus += size > 3 ? size - 2 : size - 1;
					at += size;
				}
				wordCount++;
			}
			const control = kind === SEPARATOR ? standInIndex(bytes, start) : -1;
			let id: number;
			if (control !== -1) {
				id = tokenIds.idOf(STAND_INS, 3 * control, 3 * control + 3, STAND_IN_HASHES[control]!);
			} else {
				id = guide === undefined ? -1 : guide.follow(bytes, start, at);
				if (id === -1) {
					id = tokenIds.idOf(bytes, start, at, mixHash(hash));
					if (guide !== undefined) guide.missed(id);
				}
			}
			ids[count] = id;
			kinds[count] = kind === WORD_CHARACTER ? KIND_WORD : KIND_PUNCTUATION;
			if (!bytesAlone) {
				starts[count] = position;
				ends[count] = at - surplus;
				gaps[count] = gap;
			}
			count++;
		}
		this.at = at;
		this.surplus = surplus;
		this.spaceStart = spaceStart;
		this.newlines = newlines;
		this.count = count;
		this.wordCount = wordCount;
	}

	private mark(token: number, surplus: number): void {
		this.marks.push(token, surplus);
		this.marked = surplus;
	}

	private grow(): void {
		const capacity = this.ids.length * 2 + 2;
		this.ids = widen(this.ids, capacity);
		this.kinds = widen(this.kinds, capacity);
		this.byteStarts = widen(this.byteStarts, capacity);
		if (!this.bytesAlone) {
			this.starts = widen(this.starts, capacity);
			this.ends = widen(this.ends, capacity);
			this.gaps = widen(this.gaps, capacity);
		}
	}
}

/** The text of token `index` as it appears in its document ('¶' for a paragraph break). */
export function tokenText(tokens: TokenList, index: number): string {
	if (tokens.kinds[index] === KIND_BREAK) return '¶';
	return tokens.spell(index, index + 1);
}

/**
 * Every path of the scanner, taken once on a few bytes as the module loads. V8 compiles the
 * scan for the paths it has seen; a path first taken in compiled code (a text's paragraph
 * rule after a file's bytes, a guide, a control character, the arrays growing) threw the
 * compiled code away, a dozen times in a process that diffs both ways, each time running
 * slowly again until it was compiled anew.
 */
function takeEveryPath(): void {
	const sample = 'Iran’s “naïve” 🎉 rock’n’roll,\n\nx\u0007y \u00a0z. '.repeat(12);
	tokenizeTexts(sample, sample.replace('naïve', 'naïf'), new TokenIds(), {breakTokens: true});
	tokenizeTexts(sample, sample, new TokenIds(), {breakTokens: false, paragraphs: false});
	const bytes = new TextEncoder().encode(sample);
	const [a, b] = tokenizeUtf8Pair(bytes, bytes.subarray(0, bytes.length >> 1), new TokenIds());
	a.spell(0, a.length);
	b.offsetOf(b.length - 1);
}
takeEveryPath();
