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
import {ParagraphRule} from './paragraph-rule.js';
import {finish, type Steps} from '../steps.js';
import {Guide, type Scan, scanUtf8, scanUtf8Steps, surplusAt} from './scan-utf8.js';
import {TokenIds} from './token-ids.js';
import {GAP_SPACE, KIND_BREAK} from './token-kinds.js';

export {TokenIds} from './token-ids.js';
export * from './token-kinds.js';

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

export interface TokenizeOptions {
	/** Emit paragraph breaks as KIND_BREAK tokens (for layout diffs). */
	readonly breakTokens: boolean;
	/** Where to start (UTF-16 offset): a token's start, or whitespace before one. Default 0. */
	readonly from?: number;
	/** Tell paragraph breaks from spaces (GAP_PARAGRAPH). Default true; without it every gap is
	 * GAP_SPACE or GAP_NONE and the text's layout is never read. Not with breakTokens. */
	readonly paragraphs?: boolean;
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
	return finish(tokenizeTextsSteps(textA, textB, ids, options, {scratch: true}));
}

/** tokenizeTexts a piece at a time: each text's layout is read in a step, then its bytes are
 * scanned a chunk per step (scanUtf8Steps). Its bytes are its own, as another diff may run
 * between its steps; `scratch`: encode into the scratch buffers, for a run to the end without
 * pausing (fresh memory is slow to come by). */
export function* tokenizeTextsSteps(
	textA: string,
	textB: string,
	ids: TokenIds,
	options: TokenizeOptions,
	{scratch = false}: {readonly scratch?: boolean} = {},
): Steps<[TokenList, TokenList]> {
	const a = yield* tokenizeTextSteps(textA, ids, options, scratch ? 0 : undefined, undefined);
	yield;
	const guide = new Guide(a.bytes, a.scan, ids.size);
	yield;
	const b = yield* tokenizeTextSteps(textB, ids, options, scratch ? 1 : undefined, guide);
	return [a.list, b.list];
}

function tokenizeText(
	text: string,
	ids: TokenIds,
	options: TokenizeOptions,
	slot: number,
	guide: Guide | undefined,
) {
	return finish(tokenizeTextSteps(text, ids, options, slot, guide));
}

/** `slot`: the scratch buffer to encode into, or undefined for bytes of its own. */
function* tokenizeTextSteps(
	text: string,
	ids: TokenIds,
	options: TokenizeOptions,
	slot: number | undefined,
	guide: Guide | undefined,
) {
	const from = options.from ?? 0;
	const bytes = encode(text, slot);
	yield;
	const rule = options.paragraphs === false ? undefined : new ParagraphRule(text);
	yield;
	const scan = yield* scanUtf8Steps(
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
		return this.byteStarts[index]! - surplusAt(this.marks, index);
	}

	spell(first: number, end: number): string {
		// To the next token's start, less the whitespace before it: sanitised, that whitespace
		// is what trimEnd trims (a tab is a space; \v, \f and \r are stand-ins, tokens).
		const from = this.byteStarts[first]!;
		const to = end < this.length ? this.byteStarts[end]! : this.bytes.length;
		return (
			plainAscii(this.bytes, from, to) ?? sanitiseText(this.buffer.toString('utf8', from, to))
		).trimEnd();
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

/** Up to this many bytes, plainAscii reads them; longer texts are decoded natively. */
const SHORT_TEXT = 64;

/**
 * The text of bytes[from, to) when it is short and printable ASCII or line breaks (what
 * sanitiseText leaves as it is), else undefined. Most edits of a diff are a word or two: a
 * native decode and a sanitising test each cost more than reading their bytes here.
 */
function plainAscii(bytes: Uint8Array, from: number, to: number): string | undefined {
	if (to - from > SHORT_TEXT) return undefined;
	let text = '';
	for (let at = from; at < to; at++) {
		const byte = bytes[at]!;
		if ((byte < 0x20 && byte !== 0x0a) || byte > 0x7e) return undefined;
		text += String.fromCharCode(byte);
	}
	return text;
}

/** Buffers to encode texts into (two: a pair's first text is read while the second is
 * scanned), kept between calls up to this size. */
const KEPT_SCRATCH = 32 << 20;
const scratch = [new Uint8Array(0), new Uint8Array(0)];
const encoder = new TextEncoder();

/** The UTF-8 of `text`, in scratch buffer `slot` (undefined: in bytes of its own): a lone
 * surrogate becomes U+FFFD, as the UTF-8 the app reads from files never holds one. The bytes
 * are good until the slot's next use. */
function encode(text: string, slot: number | undefined): Uint8Array {
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

function roomFor(size: number, slot: number | undefined): Uint8Array {
	if (slot === undefined) return new Uint8Array(size);
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

/** The text of token `index` as it appears in its document ('¶' for a paragraph break). */
export function tokenText(tokens: TokenList, index: number): string {
	if (tokens.kinds[index] === KIND_BREAK) return '¶';
	return tokens.spell(index, index + 1);
}

/**
 * Small objects of the classes the scanner's compiled code reads (a ParagraphRule, a Scanner, a
 * Guide, TokenIds, the token lists), kept as long as the module is. Compiled code checks an
 * object's hidden class and holds the classes it checks weakly: once no object of one is left,
 * the first full collection drops the class and throws the code away. `diff --json` of the 5 MB
 * pair has no ParagraphRule, and the collection came while its regions were read: the whole
 * scan was compiled twice more (OSR, then whole) for the few kilobytes they tokenize.
 */
const keptForTheirMaps: object[] = [];

/**
 * Every path of the scanner, taken once on a few bytes as the module loads. V8 compiles the
 * scan for the paths it has seen; a path first taken in compiled code (a text's paragraph
 * rule after a file's bytes, a guide, a control character, the arrays growing) threw the
 * compiled code away, a dozen times in a process that diffs both ways, each time running
 * slowly again until it was compiled anew.
 */
function takeEveryPath(): void {
	const sample = 'Iran’s “naïve” 🎉 rock’n’roll,\n\nx\u0007y \u00a0z. '.repeat(12);
	const texts = tokenizeTexts(sample, sample.replace('naïve', 'naïf'), new TokenIds(), {
		breakTokens: true,
	});
	tokenizeTexts(sample, sample, new TokenIds(), {breakTokens: false, paragraphs: false});
	const bytes = new TextEncoder().encode(sample);
	const [a, b] = tokenizeUtf8Pair(bytes, bytes.subarray(0, bytes.length >> 1), new TokenIds());
	a.spell(0, a.length);
	b.offsetOf(b.length - 1);
	// One of each kind of object the compiled scan reads, kept for good (see keptForTheirMaps).
	const ids = new TokenIds();
	const scan = scanUtf8(bytes, 0, 0, ids, undefined, false, true, undefined);
	const guide = new Guide(bytes, scan, ids.size);
	const rule = new ParagraphRule(sample);
	const guided = scanUtf8(bytes, 0, 0, ids, rule, true, false, guide);
	keptForTheirMaps.push(texts[0], a, ids, scan, guide, rule, guided);
	// B re-wrapped, a run of spaces longer on either side, a word edited, the ends apart and
	// together: every way Guide.lockstep's walk ends.
	const rewrapped = new TextEncoder().encode(
		sample.replaceAll(' “', '\n“').replaceAll(',\n\n', ',\n').replaceAll('🎉 ', '🎉  ') + '\n',
	);
	const edited = new TextEncoder().encode(sample.replace('rock’n’roll', 'rock') + 'x');
	for (const [first, second] of [
		[bytes, rewrapped],
		[rewrapped, bytes],
		[bytes, edited],
		[edited, bytes],
	] as const) {
		tokenizeUtf8Pair(first, second, new TokenIds());
	}
}
takeEveryPath();
