/**
 * The diff tokenizer's one scanner (see word-tokens.ts): UTF-8 in, interned tokens out, with
 * UTF-16 offsets (or, for bytes alone, byte offsets and marks to work them out), a chunk at a
 * time, the second text of a pair guided by the first.
 */
import {characterKind, SEPARATOR, SPACE_CHARACTER, WORD_CHARACTER} from '../text/words.js';
import {sanitiseText} from '../text/sanitise.js';
import type {ParagraphRule} from './paragraph-rule.js';
import {FNV_PRIME, FNV_START, hashBytes, mixHash, TokenIds} from './token-ids.js';
import {
	GAP_NONE,
	GAP_PARAGRAPH,
	GAP_SPACE,
	KIND_BREAK,
	KIND_PUNCTUATION,
	KIND_WORD,
} from './token-kinds.js';

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

/** What a scan found: the token arrays (longer than `count`) and the text's measures. */
export interface Scan {
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
export function scanUtf8(
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
export class Guide {
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
