/**
 * The diff tokenizer's one scanner (see word-tokens.ts): UTF-8 in, interned tokens out, with
 * UTF-16 offsets (or, for bytes alone, byte offsets and marks to work them out), a chunk at a
 * time, the second text of a pair guided by the first.
 */
import {finish, type Steps} from '../../../../source/core/steps.js';
import {Buffer} from 'node:buffer';
import {
	characterKind,
	SEPARATOR,
	SPACE_CHARACTER,
	WORD_CHARACTER,
} from '../../../../source/core/text/words.js';
import {sanitiseText} from '../../../../source/core/text/sanitise.js';
import type {ParagraphRule} from '../../../../source/core/diff/paragraph-rule.js';
import {FNV_PRIME, FNV_START, hashBytes, mixHash, TokenIds} from './token-ids-js.js';
import {
	GAP_NONE,
	GAP_PARAGRAPH,
	GAP_SPACE,
	KIND_BREAK,
	KIND_PUNCTUATION,
	KIND_WORD,
} from '../../../../source/core/diff/token-kinds.js';

/**
 * The characters' kinds (words.ts's WORD_CHARACTER, SPACE_CHARACTER or SEPARATOR) as the app
 * shows them: a file's bytes are diffed as the text sanitiseText makes of them, where a tab is
 * a space and every other control character a visible stand-in (a separator). Per byte: an
 * ASCII byte is its character; a byte from 0x80 on starts (or continues) a longer sequence,
 * NOT_ASCII, which is decoded and looked up (C1 controls are separators there already). One
 * look-up a byte tells an ASCII word character, where a test for ASCII came first.
 */
const BYTE_KIND = new Uint8Array(256);
/** BYTE_KIND of a byte from 0x80 on: none of words.ts's kinds. */
const NOT_ASCII = 0;
for (let byte = 0; byte < 128; byte++) {
	const control = byte < 0x20 || byte === 0x7f;
	BYTE_KIND[byte] =
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
	/** Tokens taken over from the guide's text rather than scanned (Guide.lockstep). */
	readonly takenOver: number;
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
	const kind = BYTE_KIND[lead]!;
	return kind !== NOT_ASCII ? kind : characterKind(codePointAt(bytes, at));
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
	return finish(scanUtf8Steps(bytes, at, units, ids, rule, breakTokens, bytesAlone, guide));
}

/** scanUtf8 a chunk (CHUNK bytes, well under a millisecond) per step. */
export function* scanUtf8Steps(
	bytes: Uint8Array,
	at: number,
	units: number,
	ids: TokenIds,
	rule: ParagraphRule | undefined,
	breakTokens: boolean,
	bytesAlone: boolean,
	guide: Guide | undefined,
): Steps<Scan> {
	const end = bytes.length;
	const scanner = new Scanner(bytes, at, at - units, ids, rule, breakTokens, bytesAlone, guide);
	while (scanner.at < end) {
		scanner.scan(Math.min(end, scanner.at + CHUNK));
		if (scanner.at < end) yield;
	}
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
	/** A's bytes, for comparing a stretch of them with B's in one native call. */
	private readonly buffer: Buffer;
	/** A's bytes, for comparing them with B's four at a time (lockstep). */
	private readonly wordsOfA: DataView;

	constructor(
		readonly bytesOfA: Uint8Array,
		/** A's scan, whose tokens B takes over where a stretch of its bytes is A's (stretchEnd). */
		readonly scan: Scan,
		idCount: number,
	) {
		this.byteStarts = scan.byteStarts;
		this.ids = scan.ids;
		this.count = scan.count;
		this.buffer = Buffer.from(bytesOfA.buffer, bytesOfA.byteOffset, bytesOfA.byteLength);
		this.wordsOfA = new DataView(bytesOfA.buffer, bytesOfA.byteOffset, bytesOfA.byteLength);
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
		const a = this.bytesOfA;
		if (to > a.length) return -1;
		// A's token ends where B's does: the next token or whitespace starts there.
		const ends =
			to === a.length ||
			(k + 1 < this.count && this.byteStarts[k + 1] === to) ||
			BYTE_KIND[a[to]!] === SPACE_CHARACTER;
		if (!ends) return -1;
		for (let i = 0; i < end - start; i++) if (a[from + i] !== bytes[start + i]) return -1;
		this.next = k + 1;
		return ids[k]!;
	}

	/** The token of A after the one `follow` last found: a stretch copied from A resumes there. */
	get expected(): number {
		return this.next;
	}

	/**
	 * After `follow` found B's token ending at byte `end` of `bytes` to be A's token k: the token
	 * m of A such that B's bytes from `end` on are A's from the end of token k to a little past the
	 * start of token m, so that A's tokens k+1 … m-1 are B's as they stand (ids, kinds, offsets
	 * moved, gaps) and the scan of B can go on from token m's start; -1 when that is not worth
	 * doing (fewer than MIN_STRETCH tokens). The bytes are compared, not scanned: the first few
	 * hundred in JavaScript, the rest natively (commonLength), so the long parts of B that are
	 * A's cost a memcmp and a copy of A's token arrays, not a scan.
	 *
	 * With a paragraph rule (`ruled`), a stretch stops at the first token whose whitespace before
	 * it the rule must judge (a line break, two or more spaces, a break token): B's rule reads B's
	 * own layout, so that token is scanned, and its gap judged, as usual.
	 */
	stretchEnd(
		bytes: Uint8Array,
		buffer: Buffer,
		start: number,
		end: number,
		ruled: boolean,
	): number {
		const k = this.next - 1;
		const byteStarts = this.byteStarts;
		const a = this.bytesOfA;
		let last = Math.min(this.count - 1, k + MAX_STRETCH);
		if (last - k - 1 < MIN_STRETCH) return -1;
		if (ruled) {
			const {kinds, starts, ends} = this.scan;
			for (let j = k + 1; j < last; j++) {
				const space = starts[j]! - ends[j - 1]!;
				if (
					kinds[j] === KIND_BREAK ||
					space > 1 ||
					(space === 1 && a[byteStarts[j]! - 1] === 0x0a)
				) {
					if (j - k - 1 < MIN_STRETCH) return -1;
					last = j;
					break;
				}
			}
		}
		if (last - k - 1 < MIN_STRETCH) return -1;
		const from = byteStarts[k]! + (end - start);
		const reach = Math.min(byteStarts[last]! + LOOK_PAST, a.length);
		const most = Math.min(reach - from, bytes.length - end);
		const differs = from + commonLength(a, this.buffer, from, bytes, buffer, end, most);
		// Up to where a token's look past its start may reach: where the bytes differ, or where
		// one text ends and the other does not (as a difference); anywhere when both end there.
		let limit = differs;
		if (differs === a.length) {
			limit = end + (a.length - from) === bytes.length ? Number.MAX_SAFE_INTEGER : a.length - 1;
		}
		// The last token m whose look past its start stays within the limit.
		let low = k;
		let high = last + 1;
		while (high - low > 1) {
			const middle = (low + high) >>> 1;
			if (byteStarts[middle]! + LOOK_PAST <= limit) low = middle;
			else high = middle;
		}
		return low - k - 1 < MIN_STRETCH ? -1 : low;
	}

	/**
	 * stretchEnd for a scan of bytes alone, blind to how whitespace differs: after `follow`
	 * found B's token ending at byte `end` to be A's token k, walks A's bytes from that token's
	 * end and B's from `end` side by side, as long as they are the same bytes or both
	 * whitespace (runs of ASCII spaces, tabs and line breaks of any length, in any mix). Tokens
	 * depend only on the characters and on whether whitespace separates them, so over such a
	 * stretch B's tokens are A's, and only where they start differs: the walk writes B's start
	 * of A's tokens k+1, k+2, … into `starts` from index `to` on (room for all of A's tokens
	 * after k is the caller's to make). It returns the token m of A whose start in B, at
	 * starts[to + m - k - 1], the scan of B goes on from (tokens k+1 … m-1 are taken over),
	 * or A's count when both texts end in the stretch; -1 when no token is taken over.
	 * `diverged` is left at B's byte where the two differ.
	 *
	 * Bytes that differ otherwise, and whitespace that is not ASCII on either side where the
	 * two differ (a no-break space is one UTF-16 unit in two bytes), end the stretch. A token
	 * is taken over only when the bytes that decide where the token before it ends are within
	 * the stretch (LOOK_PAST), so a word that runs on in B past where the two differ is scanned.
	 * A re-wrapped text, whose bytes differ at every line, is so read a line break at a time
	 * rather than a token at a time: no hashing, no table. At most `room` tokens are taken over.
	 */
	lockstep(
		b: Uint8Array,
		start: number,
		end: number,
		starts: Int32Array,
		to: number,
		room: number,
	): number {
		const a = this.bytesOfA;
		const aStarts = this.byteStarts;
		const k = this.next - 1;
		// The walk takes over at most `room` tokens.
		const count = Math.min(this.count, k + 1 + Math.max(0, room));
		let pa = aStarts[k]! + (end - start);
		let pb = end;
		const aEnd = a.length;
		const bEnd = b.length;
		let j = k + 1;
		let next = j < count ? aStarts[j]! : aEnd;
		let out = to;
		// Within a run of the same bytes, B's byte is A's `shift` on.
		let shift = pb - pa;
		const wordsA = this.wordsOfA;
		const wordsB = new DataView(b.buffer, b.byteOffset, b.byteLength);
		for (;;) {
			// The same bytes, up to where they differ or either text ends: four at a time, then one.
			const stop = Math.min(aEnd, bEnd - shift);
			while (pa + 4 <= stop && wordsA.getInt32(pa) === wordsB.getInt32(pa + shift)) pa += 4;
			while (pa < stop && a[pa] === b[pa + shift]) pa++;
			// A's tokens that start in that run (a character that is not whitespace, the same in
			// B) start `shift` on in B.
			while (next < pa) {
				starts[out++] = next + shift;
				j++;
				next = j < count ? aStarts[j]! : aEnd;
			}
			if (pa === aEnd || pa + shift === bEnd) break;
			const x = a[pa]!;
			const y = b[pa + shift]!;
			pb = pa + shift;
			const spaceA = BYTE_KIND[x] === SPACE_CHARACTER;
			const spaceB = BYTE_KIND[y] === SPACE_CHARACTER;
			// Whitespace on both sides, or one side's run going on after both had some.
			if (
				(spaceA && spaceB) ||
				((spaceA || spaceB) && pa > 0 && isAsciiSpace(a[pa - 1]!) && isAsciiSpace(b[pb - 1]!))
			) {
				while (pa < aEnd && isAsciiSpace(a[pa]!)) pa++;
				while (pb < bEnd && isAsciiSpace(b[pb]!)) pb++;
				shift = pb - pa;
				continue;
			}
			break;
		}
		pb = pa + shift;
		this.diverged = pb;
		// Both texts end here, give or take trailing whitespace: every token of A is B's.
		let restA = pa;
		let restB = pb;
		while (restA < aEnd && isAsciiSpace(a[restA]!)) restA++;
		while (restB < bEnd && isAsciiSpace(b[restB]!)) restB++;
		if (restA === aEnd && restB === bEnd && j === this.count) {
			this.diverged = bEnd;
			return j;
		}
		// The last token m (never A's last: B may run on past it) whose look past its start
		// stays within the stretch, and whose start in B the walk wrote.
		let low = k;
		let high = j;
		while (high - low > 1) {
			const middle = (low + high) >>> 1;
			if (aStarts[middle]! + LOOK_PAST <= pa) low = middle;
			else high = middle;
		}
		return low - k - 1 < 1 ? -1 : low;
	}

	/** B's byte where the last lockstep found the two texts to differ. */
	diverged = 0;

	/** The stretch B took over: B's next token is expected to be A's token m. */
	resumeAt(m: number): void {
		this.next = m;
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
/** Fewest tokens worth copying from A as a stretch, and the most at one go. */
const MIN_STRETCH = 16;
const MAX_STRETCH = 1 << 14;
/** The most tokens the scan lets pass between tries at a stretch. */
const MAX_BACK_OFF = 64;
/** Bytes past a token's start that can decide where the token before it ends: the character
 * after a word (up to four bytes), or an apostrophe and the character after it. */
const LOOK_PAST = 8;

/** Whether `byte` is an ASCII space, tab or line break (whitespace to the scan). */
function isAsciiSpace(byte: number): boolean {
	return BYTE_KIND[byte] === SPACE_CHARACTER;
}

/** Index in `marks` ([token, surplus, …]) of the first mark of a token after `token`. */
function firstMarkAfter(marks: readonly number[], token: number): number {
	let low = 0;
	let high = marks.length / 2;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (marks[2 * middle]! <= token) low = middle + 1;
		else high = middle;
	}
	return 2 * low;
}

/** Bytes less UTF-16 units before token `token`'s start, by `marks` (see Scan.marks). */
export function surplusAt(marks: readonly number[], token: number): number {
	const after = firstMarkAfter(marks, token);
	return after === 0 ? 0 : marks[after - 1]!;
}

/** Line breaks in the `units` whitespace characters before byte `end` (each one UTF-16 unit,
 * of one to three bytes). */
function newlinesBefore(bytes: Uint8Array, end: number, units: number): number {
	let newlines = 0;
	let at = end;
	for (let left = units; left > 0; left--) {
		at--;
		while ((bytes[at]! & 0xc0) === 0x80) at--;
		if (bytes[at] === 0x0a) newlines++;
	}
	return newlines;
}

/** Bytes compared in JavaScript before handing over to native comparisons: most stretches of a
 * re-wrapped text end within a line, and a native call costs more than this many bytes. */
const QUICK_BYTES = 256;
/** The largest block compared natively at one go. */
const LARGEST_BLOCK = 1 << 16;

/**
 * How many bytes from a[from] and b[at] on are the same, up to `most`: byte by byte for the
 * first QUICK_BYTES, then natively (memcmp) in doubling blocks, the block that differs halved
 * until it is short enough to finish byte by byte. `aBuffer` and `bBuffer` are Buffers over
 * the same memory as `a` and `b`, which the byte loops read as plain arrays.
 */
function commonLength(
	a: Uint8Array,
	aBuffer: Buffer,
	from: number,
	b: Uint8Array,
	bBuffer: Buffer,
	at: number,
	most: number,
): number {
	const quick = Math.min(most, QUICK_BYTES);
	let same = 0;
	while (same < quick && a[from + same] === b[at + same]) same++;
	if (same < quick) return same;
	let block = QUICK_BYTES;
	while (same < most) {
		let high = same + Math.min(block, most - same);
		if (aBuffer.compare(bBuffer, at + same, at + high, from + same, from + high) === 0) {
			same = high;
			if (block < LARGEST_BLOCK) block *= 2;
			continue;
		}
		// They differ in [same, high).
		while (high - same > QUICK_BYTES) {
			const middle = (same + high) >>> 1;
			if (aBuffer.compare(bBuffer, at + same, at + middle, from + same, from + middle) === 0) {
				same = middle;
			} else high = middle;
		}
		while (a[from + same] === b[at + same]) same++;
		return same;
	}
	return same;
}

/** A scan's state between chunks, and its result (Scan). */
class Scanner implements Scan {
	count = 0;
	wordCount = 0;
	takenOver = 0;
	ids: Int32Array;
	kinds: Uint8Array;
	starts: Int32Array;
	ends: Int32Array;
	gaps: Uint8Array;
	byteStarts: Int32Array;
	marks: number[] = [];
	private buffer: Buffer | undefined;
	/** Tokens found by the guide before the next try at a stretch, and the wait after a miss. */
	private untilStretch = 0;
	private stretchBackOff = 1;
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
			let kind = BYTE_KIND[lead]!;
			let size = 1;
			if (kind === NOT_ASCII) {
				kind = characterKind(codePointAt(bytes, at));
				size = sequenceLength(lead);
			}
			if (kind === SPACE_CHARACTER) {
				if (spaceStart === -1) spaceStart = at - surplus;
				if (lead === 0x0a) newlines++;
				if (size > 1) surplus += size > 3 ? size - 2 : size - 1;
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
			let hash = Math.imul(FNV_START ^ lead, FNV_PRIME);
			if (size > 1) {
				for (let k = 1; k < size; k++) hash = Math.imul(hash ^ bytes[at + k]!, FNV_PRIME);
				surplus += size > 3 ? size - 2 : size - 1;
			}
			at += size;
			if (kind === WORD_CHARACTER) {
				// Word characters, and apostrophes between them.
				while (at < end) {
					lead = bytes[at]!;
					const next = BYTE_KIND[lead]!;
					if (next === WORD_CHARACTER) {
						hash = Math.imul(hash ^ lead, FNV_PRIME);
						at++;
						continue;
					}
					if (next !== NOT_ASCII) {
						if (lead !== APOSTROPHE || !joinsWord(bytes, at, end)) break;
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
			let followed = false;
			if (control !== -1) {
				id = tokenIds.idOf(STAND_INS, 3 * control, 3 * control + 3, STAND_IN_HASHES[control]!);
			} else {
				id = guide === undefined ? -1 : guide.follow(bytes, start, at);
				if (id === -1) {
					id = tokenIds.idOf(bytes, start, at, mixHash(hash));
					if (guide !== undefined) guide.missed(id);
				} else followed = true;
			}
			ids[count] = id;
			kinds[count] = kind === WORD_CHARACTER ? KIND_WORD : KIND_PUNCTUATION;
			if (!bytesAlone) {
				starts[count] = position;
				ends[count] = at - surplus;
				gaps[count] = gap;
			}
			count++;
			if (followed && bytesAlone) {
				// Past where the last walk found the two to differ: walk again.
				if (start >= guide!.diverged) {
					this.count = count;
					this.wordCount = wordCount;
					if (this.takeOver(guide!, start, at, start - position)) {
						({at, surplus, spaceStart, newlines, count, wordCount} = this);
						({ids, kinds, starts, ends, gaps, byteStarts} = this);
					}
				}
			} else if (followed && --this.untilStretch <= 0) {
				const resume = guide!.stretchEnd(bytes, this.bufferOf(), start, at, rule !== undefined);
				// Where stretches keep failing (a re-wrapped text differs at every line), try less often.
				this.stretchBackOff = resume === -1 ? Math.min(2 * this.stretchBackOff, MAX_BACK_OFF) : 1;
				this.untilStretch = this.stretchBackOff;
				if (resume !== -1) {
					this.count = count;
					this.wordCount = wordCount;
					this.copyStretch(guide!, resume, start, position);
					({at, surplus, spaceStart, newlines, count, wordCount} = this);
					({ids, kinds, starts, ends, gaps, byteStarts} = this);
				}
			}
		}
		this.at = at;
		this.surplus = surplus;
		this.spaceStart = spaceStart;
		this.newlines = newlines;
		this.count = count;
		this.wordCount = wordCount;
	}

	/** The bytes scanned as a Buffer, for the guide's native comparisons. */
	private bufferOf(): Buffer {
		const bytes = this.bytes;
		this.buffer ??= Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		return this.buffer;
	}

	/**
	 * For a scan of a text: takes A's tokens after the one just scanned, up to token `resume`,
	 * as B's (see Guide.stretchEnd), and sets the scan to go on at token `resume`'s start, with
	 * the whitespace before it still to be judged. The token just scanned started at byte
	 * `start` and UTF-16 unit `position`.
	 */
	private copyStretch(guide: Guide, resume: number, start: number, position: number): void {
		const a = guide.scan;
		const first = guide.expected;
		const copied = resume - first;
		while (this.count + copied + 2 > this.ids.length) this.grow();
		const to = this.count;
		const byteShift = start - a.byteStarts[first - 1]!;
		this.copyTokens(a, first, resume);
		const byteStarts = this.byteStarts;
		for (let j = first; j < resume; j++) byteStarts[to + j - first] = a.byteStarts[j]! + byteShift;
		this.at = a.byteStarts[resume]! + byteShift;
		const unitShift = position - a.starts[first - 1]!;
		const {starts, ends, gaps} = this;
		for (let j = first; j < resume; j++) {
			starts[to + j - first] = a.starts[j]! + unitShift;
			ends[to + j - first] = a.ends[j]! + unitShift;
		}
		gaps.set(a.gaps.subarray(first, resume), to);
		// A break token spans the whitespace before the token after it, where the scan goes on.
		const resumeUnits = a.kinds[resume] === KIND_BREAK ? a.ends[resume]! : a.starts[resume]!;
		const spaceUnits = resumeUnits - a.ends[resume - 1]!;
		this.surplus = this.at - (resumeUnits + unitShift);
		this.spaceStart = spaceUnits > 0 ? a.ends[resume - 1]! + unitShift : -1;
		this.newlines = newlinesBefore(guide.bytesOfA, a.byteStarts[resume]!, spaceUnits);
		guide.resumeAt(resume);
	}

	/**
	 * For a scan of bytes alone: takes over A's tokens after the one just scanned (bytes
	 * [start, end), with bytes less units `startSurplus` before it) as far as Guide.lockstep
	 * finds B to be A but for whitespace, and sets the scan to go on at the first token it did
	 * not take over. Whether any was taken over.
	 */
	private takeOver(guide: Guide, start: number, end: number, startSurplus: number): boolean {
		const a = guide.scan;
		const first = guide.expected;
		const to = this.count;
		// As many as there is room for (and a break before the next): the scan grows the arrays.
		const room = this.ids.length - to - 2;
		const resume = guide.lockstep(this.bytes, start, end, this.byteStarts, to, room);
		if (resume === -1) return false;
		const copied = resume - first;
		this.copyTokens(a, first, resume);
		this.takenOver += copied;
		const ended = resume === a.count;
		this.at = ended ? this.end : this.byteStarts[to + copied]!;
		// Bytes less units move by what they move by in A: the whitespace that differs is ASCII.
		const marks = a.marks;
		const base = surplusAt(marks, first - 1);
		for (let mark = firstMarkAfter(marks, first - 1); mark < marks.length; mark += 2) {
			const token = marks[mark]!;
			if (token >= resume) break;
			const surplus = startSurplus + marks[mark + 1]! - base;
			if (surplus !== this.marked) this.mark(to + token - first, surplus);
		}
		const surplusOfA = ended ? guide.bytesOfA.length - a.units : surplusAt(marks, resume);
		this.surplus = startSurplus + surplusOfA - base;
		this.spaceStart = -1;
		this.newlines = 0;
		guide.resumeAt(resume);
		return true;
	}

	/** A's tokens [first, resume) as B's next ones: their ids and kinds, and words counted. */
	private copyTokens(a: Scan, first: number, resume: number): void {
		const to = this.count;
		this.ids.set(a.ids.subarray(first, resume), to);
		this.kinds.set(a.kinds.subarray(first, resume), to);
		const kinds = a.kinds;
		let words = 0;
		for (let j = first; j < resume; j++) if (kinds[j] === KIND_WORD) words++;
		this.wordCount += words;
		this.count = to + resume - first;
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
