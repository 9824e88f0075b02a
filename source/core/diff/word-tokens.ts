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
import type {TokenIds} from './token-ids.js';
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
	return finish(tokenizeTextSteps(text, ids, options, undefined)).list;
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
	return finish(tokenizeTextsSteps(textA, textB, ids, options));
}

/** tokenizeTexts a piece at a time: each text's layout is read in a step, then its bytes are
 * scanned a chunk per step (scanUtf8Steps). Each text is encoded into the memory of `ids`'
 * scanner, so another diff may run between its steps. */
export function* tokenizeTextsSteps(
	textA: string,
	textB: string,
	ids: TokenIds,
	options: TokenizeOptions,
): Steps<[TokenList, TokenList]> {
	const a = yield* tokenizeTextSteps(textA, ids, options, undefined);
	yield;
	const guide = new Guide(a.scan);
	yield;
	const b = yield* tokenizeTextSteps(textB, ids, options, guide);
	return [a.list, b.list];
}

function* tokenizeTextSteps(
	text: string,
	ids: TokenIds,
	options: TokenizeOptions,
	guide: Guide | undefined,
) {
	const from = options.from ?? 0;
	const bytes = ids.encode(text);
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
	return {list: new TextTokens(text, scan), scan};
}

/**
 * Splits the text of UTF-8 `bytes` into tokens, as tokenizeWords splits the text they decode
 * to once sanitised (the text the app shows: see ASCII_KIND), without decoding them: each token
 * spelled is decoded on its own. The bytes must be valid UTF-8 (as plainUtf8 passes them, or
 * as encoding a string makes them). Content only: no paragraph breaks, as the layout of a text
 * is read from the text (see ParagraphRule).
 */
export function tokenizeUtf8(bytes: Uint8Array, ids: TokenIds): TokenList {
	return new Utf8Tokens(bytes, scanUtf8(bytes, 0, 0, ids, undefined, false, true, undefined));
}

/** tokenizeUtf8 of two texts' bytes, the second guided by the first (see tokenizeTexts). */
export function tokenizeUtf8Pair(
	bytesA: Uint8Array,
	bytesB: Uint8Array,
	ids: TokenIds,
): [TokenList, TokenList] {
	const a = scanUtf8(bytesA, 0, 0, ids, undefined, false, true, undefined);
	const b = scanUtf8(bytesB, 0, 0, ids, undefined, false, true, new Guide(a));
	return [new Utf8Tokens(bytesA, a), new Utf8Tokens(bytesB, b)];
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

	/** A scan of a text holds its arrays (copied out of the scanner's memory). */
	constructor(
		private readonly text: string,
		scan: Scan,
	) {
		this.length = scan.count;
		this.ids = scan.ids;
		this.starts = scan.starts;
		this.ends = scan.ends;
		this.gaps = scan.gaps;
		this.kinds = scan.kinds;
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
/** The arrays are the scan's, views of the scanner's memory (see ScannerScan), read through. */
class Utf8Tokens implements TokenList {
	readonly length: number;
	readonly wordCount: number;
	readonly textLength: number;
	private readonly buffer: Buffer;
	private offsets: {starts: Int32Array; ends: Int32Array; gaps: Uint8Array} | undefined;

	constructor(
		private readonly bytes: Uint8Array,
		private readonly scan: Scan,
	) {
		this.length = scan.count;
		this.wordCount = scan.wordCount;
		this.textLength = scan.units;
		this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}

	get ids(): Int32Array {
		return this.scan.ids;
	}

	get kinds(): Uint8Array {
		return this.scan.kinds;
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
		return this.scan.byteStarts[index]! - surplusAt(this.scan.marks, index);
	}

	spell(first: number, end: number): string {
		// To the next token's start, less the whitespace before it: sanitised, that whitespace
		// is what trimEnd trims (a tab is a space; \v, \f and \r are stand-ins, tokens).
		const byteStarts = this.scan.byteStarts;
		const from = byteStarts[first]!;
		const to = end < this.length ? byteStarts[end]! : this.bytes.length;
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
