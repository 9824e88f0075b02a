import {Buffer} from 'node:buffer';
import type {Budget} from './budget.js';
import {DELETE, EQUAL, INSERT} from './edit-script.js';
import {countWords} from './stats.js';
import {alignWindows, FIRST_WINDOW} from './windows.js';
import {sanitiseText} from '../text/sanitise.js';
import type {DiffEdit, DiffSummary} from './types.js';
import {
	bmpClass,
	CLASS_OTHER,
	CLASS_SPACE,
	CLASS_WORD,
	codePointClass,
	isApostrophe,
	scanTokens,
	TokenBuffer,
	TokenIds,
} from './word-tokens.js';

/**
 * The content diff of two long texts that are mostly the same, which reads only where they
 * differ. `diff --json` on a 5 MB pair spent most of its time decoding the files and turning
 * 1.8 million tokens into ids, nearly all of them the same on both sides. Here the two texts'
 * UTF-8 bytes are walked side by side, byte against byte (equal bytes are equal characters),
 * and any run of whitespace matches any other: whitespace only separates tokens in a content
 * diff, so re-wrapping costs nothing. Where the texts first differ, windows of tokens from the
 * last place both were at a token after whitespace are decoded, tokenized and aligned, and the
 * walk goes on where windowEnd says (see windows.ts).
 *
 * The screen's diff walks its token lists by the same rules (windowedAlign), so the two report
 * the same changes (the tests compare them on the seeds and on generated pairs, edits crowded
 * or scattered). When the texts differ too much for windows of MAX_WINDOW tokens this gives up:
 * undefined, and both are aligned whole.
 *
 * The bytes must be valid UTF-8 with no CR (see plainUtf8), and are diffed as the text that
 * decoding and sanitiseText make of them, the text the rest of the app shows: a control
 * character counts as its visible stand-in (sanitiseText keeps a text's length, so offsets are
 * the same), and windows are sanitised before they are tokenized. Offsets in the result are in
 * UTF-16 code units of that text, as everywhere else.
 */
export function sparseDiff(a: Uint8Array, b: Uint8Array, budget: Budget): DiffSummary | undefined {
	return new Walk(a, b, budget).run();
}

/** Bytes decoded per window token at first: prose averages under six. */
const BYTES_PER_TOKEN = 8;

/** What the word count needs of the character before: a word or an apostrophe right after one
 * (a word character there continues the word, as in "Iran’s"), or anything else. */
const AFTER_OTHER = 0;
const AFTER_WORD = 1;
const AFTER_APOSTROPHE = 2;

/** The CLASS_* of a code point as sanitiseText shows it: a control character is its visible
 * stand-in, a tab a space. */
function shownClass(codePoint: number): number {
	if (codePoint >= 0xa0 || (codePoint >= 0x20 && codePoint < 0x7f))
		return codePointClass(codePoint);
	return codePointClass(sanitiseText(String.fromCharCode(codePoint)).charCodeAt(0));
}

/** CLASS_* of each ASCII byte as shown; CLASS_UNKNOWN for the bytes of longer sequences. */
const BYTE_CLASS = new Uint8Array(256);
for (let byte = 0; byte < 0x80; byte++) BYTE_CLASS[byte] = shownClass(byte);

/** How a window's alignment ends: walk on from a pair of byte offsets, or the texts are done. */
interface Resolution {
	readonly finished: boolean;
	readonly resumeA: number;
	readonly resumeB: number;
}

/** One side: its bytes, the same bytes as a one-byte string (charCodeAt on a string is the
 * fastest read V8 offers a loop), and where the walk is in it. */
class Side {
	readonly buffer: Buffer;
	readonly bytes: string;
	readonly length: number;
	/** The walk's byte offset, and how many more bytes than UTF-16 units lie before it. */
	at = 0;
	surplus = 0;
	/** The same at the last place the walk was at a token start on both sides. */
	safe = 0;
	safeSurplus = 0;
	/** The window decoded at the last alignment: its text starts at byte `windowStart`, which
	 * is character `windowChar`. */
	readonly window = new TokenBuffer(FIRST_WINDOW + 2);
	windowStart = 0;
	windowChar = 0;
	/** The window's text before sanitising (the same length). */
	windowDecoded = '';

	constructor(bytes: Uint8Array) {
		this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		this.bytes = this.buffer.toString('latin1');
		this.length = bytes.byteLength;
	}

	/** Passes the character at the walk's place: `length` bytes, one or two UTF-16 units. */
	pass(length: number, codePoint: number): void {
		this.at += length;
		this.surplus += length - (codePoint > 0xffff ? 2 : 1);
	}

	/** The CLASS_* of the character at the walk's place (CLASS_SPACE at the end). */
	classHere(): number {
		if (this.at >= this.length) return CLASS_SPACE;
		const lead = this.bytes.charCodeAt(this.at);
		return lead < 0x80 ? BYTE_CLASS[lead]! : shownClass(codePointAt(this.bytes, this.at));
	}

	skipSpaces(): void {
		while (this.at < this.length && this.classHere() === CLASS_SPACE) {
			const lead = this.bytes.charCodeAt(this.at);
			this.pass(sequenceLength(lead), lead < 0x80 ? lead : codePointAt(this.bytes, this.at));
		}
	}

	markSafe(): void {
		this.safe = this.at;
		this.safeSurplus = this.surplus;
	}

	/**
	 * Decodes and tokenizes up to `count` tokens from the last safe place into `window`. The
	 * decoded stretch ends at whitespace (or the text's end), so its last token is whole.
	 */
	tokenize(ids: TokenIds, count: number): TokenBuffer {
		const start = this.safe;
		const options = {breakTokens: false, paragraphs: false, maxTokens: count};
		for (let size = count * BYTES_PER_TOKEN; ; size *= 2) {
			let end = start + size;
			if (end >= this.length) {
				end = this.length;
			} else {
				while (end > start && BYTE_CLASS[this.bytes.charCodeAt(end)] !== CLASS_SPACE) end--;
				// No whitespace in reach: one long token.
				if (end === start) continue;
			}
			this.windowDecoded = this.buffer.toString('utf8', start, end);
			scanTokens(sanitiseText(this.windowDecoded), ids, options, this.window);
			if (this.window.length === count || end === this.length) break;
		}
		this.windowStart = start;
		this.windowChar = start - this.safeSurplus;
		return this.window;
	}

	/** Moves the walk to character `offset` of the window's text (a token's start or end). */
	resumeAt(offset: number): void {
		// Measured in the text as decoded: a stand-in for a one-byte control takes three.
		const bytes = Buffer.byteLength(this.windowDecoded.slice(0, offset), 'utf8');
		this.at = this.windowStart + bytes;
		this.surplus = this.at - (this.windowChar + offset);
	}

	/** The text offset of window token `index`'s start; past the last token, the window's end
	 * (which is then the text's end: see windowEnd). */
	offsetOf(index: number): number {
		const window = this.window;
		return this.windowChar + (index < window.length ? window.starts[index]! : window.text.length);
	}
}

class Walk {
	private readonly a: Side;
	private readonly b: Side;
	private readonly edits: DiffEdit[] = [];
	// Reused by every window: thousands of windows, each allocating its own, cost more in
	// allocation and garbage collection than in tokenizing.
	private readonly ids = new TokenIds(2 * FIRST_WINDOW);
	/** Words in equal stretches (the same on both sides), deleted, inserted, and of those the
	 * ones in a change that both deletes and inserts (DiffStats). */
	private shared = 0;
	private deleted = 0;
	private inserted = 0;
	private changedA = 0;
	private changedB = 0;
	/** Words the walk has counted since it last resumed, and up to the last safe place. */
	private words = 0;
	private safeWords = 0;
	private before = AFTER_OTHER;

	constructor(
		a: Uint8Array,
		b: Uint8Array,
		private readonly budget: Budget,
	) {
		this.a = new Side(a);
		this.b = new Side(b);
	}

	run(): DiffSummary | undefined {
		const {a, b} = this;
		for (;;) {
			this.walk();
			// Everything walk() leaves: a character of more than one byte, whitespace on one side
			// only or beyond ASCII, the end of a text, or a difference.
			const lead = a.at < a.length ? a.bytes.charCodeAt(a.at) : -1;
			if (lead >= 0x80 && b.at < b.length && lead === b.bytes.charCodeAt(b.at)) {
				const length = sequenceLength(lead);
				if (a.bytes.substr(a.at, length) === b.bytes.substr(b.at, length)) {
					const codePoint = codePointAt(a.bytes, a.at);
					const kind = shownClass(codePoint);
					if (kind !== CLASS_SPACE) {
						this.count(kind, codePoint);
						a.pass(length, codePoint);
						b.pass(length, codePoint);
						continue;
					}
				}
			}
			const kindA = a.classHere();
			const kindB = b.classHere();
			// Whitespace (or the end) on both sides, or whitespace on one where both are between
			// tokens anyway: any run of whitespace separates as well as any other, or as none.
			const spaceA = kindA === CLASS_SPACE && a.at < a.length;
			const spaceB = kindB === CLASS_SPACE && b.at < b.length;
			const between = a.at === a.safe && b.at === b.safe;
			if ((kindA === CLASS_SPACE && kindB === CLASS_SPACE) || (between && (spaceA || spaceB))) {
				a.skipSpaces();
				b.skipSpaces();
				if (a.at === a.length && b.at === b.length) break;
			} else {
				// They differ: align from the last token start both had, forgetting the words
				// counted since then, which the alignment counts.
				this.shared += this.safeWords;
				this.words = 0;
				const resolution = this.align();
				if (resolution === undefined) return undefined;
				if (resolution.finished) {
					// The windows ran to both texts' ends: walk there, for the texts' lengths.
					a.resumeAt(a.windowDecoded.length);
					b.resumeAt(b.windowDecoded.length);
					break;
				}
				// Never so, by windowEnd's rules; were it so, walking on would go round for ever.
				if (resolution.resumeA === 0 && resolution.resumeB === 0) return undefined;
				a.resumeAt(resolution.resumeA);
				b.resumeAt(resolution.resumeB);
			}
			a.markSafe();
			b.markSafe();
			this.safeWords = this.words;
			this.before = AFTER_OTHER;
		}
		this.shared += this.words;
		const wordsA = this.shared + this.deleted;
		const wordsB = this.shared + this.inserted;
		const total = wordsA + wordsB;
		return {
			edits: this.edits,
			stats: {
				wordsA,
				wordsB,
				common: this.shared,
				deleted: this.deleted,
				inserted: this.inserted,
				changedA: this.changedA,
				changedB: this.changedB,
				similarity: total === 0 ? 1 : (2 * this.shared) / total,
			},
			fallback: false,
			lengthA: a.length - a.surplus,
			lengthB: b.length - b.surplus,
		};
	}

	/**
	 * Walks on while the two sides agree in the common ways: the same character, or ASCII
	 * whitespace on both sides (a space against a line break, say). This loop runs over nearly
	 * every byte of both texts, so it is a small function of its own with its state in locals:
	 * inside run(), V8 compiled it before the rarer paths had run, threw the code away when they
	 * did, and ran it unoptimized meanwhile.
	 */
	private walk(): void {
		const {a, b} = this;
		const bytesA = a.bytes;
		const bytesB = b.bytes;
		const lengthA = a.length;
		const lengthB = b.length;
		let i = a.at;
		let j = b.at;
		let surplusA = a.surplus;
		let surplusB = b.surplus;
		let {safe: safeA, safeSurplus: safeSurplusA} = a;
		let {safe: safeB, safeSurplus: safeSurplusB} = b;
		let {words, before, safeWords} = this;
		while (i < lengthA && j < lengthB) {
			const code = bytesA.charCodeAt(i);
			const kind = BYTE_CLASS[code]!;
			if (code === bytesB.charCodeAt(j)) {
				if (kind === CLASS_WORD) {
					if (before === AFTER_OTHER) words++;
					before = AFTER_WORD;
					i++;
					j++;
					continue;
				}
				if (kind === CLASS_OTHER) {
					before = before === AFTER_WORD && code === APOSTROPHE ? AFTER_APOSTROPHE : AFTER_OTHER;
					i++;
					j++;
					continue;
				}
				// A two- or three-byte character (accented letters, Arabic, CJK, curly quotes) the
				// same on both sides, of a class already known; the rest is left to run().
				if (code >= 0xc0 && code < 0xf0) {
					const second = bytesA.charCodeAt(i + 1);
					if (second !== bytesB.charCodeAt(j + 1)) break;
					let codePoint: number;
					let length: number;
					if (code < 0xe0) {
						codePoint = ((code & 0x1f) << 6) | (second & 0x3f);
						length = 2;
					} else {
						const third = bytesA.charCodeAt(i + 2);
						if (third !== bytesB.charCodeAt(j + 2)) break;
						codePoint = ((code & 0x0f) << 12) | ((second & 0x3f) << 6) | (third & 0x3f);
						length = 3;
					}
					const known = bmpClass[codePoint]!;
					if (known === CLASS_WORD) {
						if (before === AFTER_OTHER) words++;
						before = AFTER_WORD;
					} else if (known === CLASS_OTHER) {
						before =
							before === AFTER_WORD && isApostrophe(codePoint) ? AFTER_APOSTROPHE : AFTER_OTHER;
					} else {
						break;
					}
					i += length;
					j += length;
					surplusA += length - 1;
					surplusB += length - 1;
					continue;
				}
			}
			if (kind !== CLASS_SPACE || BYTE_CLASS[bytesB.charCodeAt(j)] !== CLASS_SPACE) break;
			i++;
			j++;
			while (i < lengthA && BYTE_CLASS[bytesA.charCodeAt(i)] === CLASS_SPACE) i++;
			while (j < lengthB && BYTE_CLASS[bytesB.charCodeAt(j)] === CLASS_SPACE) j++;
			safeA = i;
			safeB = j;
			safeSurplusA = surplusA;
			safeSurplusB = surplusB;
			safeWords = words;
			before = AFTER_OTHER;
		}
		a.at = i;
		b.at = j;
		a.surplus = surplusA;
		b.surplus = surplusB;
		a.safe = safeA;
		b.safe = safeB;
		a.safeSurplus = safeSurplusA;
		b.safeSurplus = safeSurplusB;
		this.words = words;
		this.before = before;
		this.safeWords = safeWords;
	}

	/** Counts the character of class `kind` that the walk passes. */
	private count(kind: number, codePoint: number): void {
		if (kind === CLASS_WORD) {
			if (this.before === AFTER_OTHER) this.words++;
			this.before = AFTER_WORD;
		} else {
			this.before =
				this.before === AFTER_WORD && isApostrophe(codePoint) ? AFTER_APOSTROPHE : AFTER_OTHER;
		}
	}

	private align(): Resolution | undefined {
		const {ids, a, b} = this;
		const aligned = alignWindows((size) => {
			ids.reset(2 * size);
			const tokensA = a.tokenize(ids, size);
			const tokensB = b.tokenize(ids, size);
			return {
				a: tokensA.ids.subarray(0, tokensA.length),
				kindsA: tokensA.kinds.subarray(0, tokensA.length),
				b: tokensB.ids.subarray(0, tokensB.length),
				idCount: ids.size,
			};
		}, this.budget);
		if (aligned === undefined) return undefined;
		const {runs, end} = aligned;
		const tokensA = a.window;
		const tokensB = b.window;
		switch (end.kind) {
			case 'resume':
				this.commit(runs, end.keep);
				return {
					finished: false,
					resumeA: tokensA.starts[end.atA]!,
					resumeB: tokensB.starts[end.atB]!,
				};
			case 'after':
				// Walk on after the windows' last tokens (offsets are in the windows' texts).
				this.commit(runs, runs.length);
				return {
					finished: false,
					resumeA: tokensA.ends[tokensA.length - 1]!,
					resumeB: tokensB.ends[tokensB.length - 1]!,
				};
			case 'finished':
				this.commit(runs, runs.length);
				return {finished: true, resumeA: -1, resumeB: -1};
		}
	}

	/** Records runs [0, end) of the windows' alignment: edits and word counts. */
	private commit(runs: readonly number[], end: number): void {
		const a = this.a.window;
		const b = this.b.window;
		let atA = 0;
		let atB = 0;
		for (let k = 0; k < end; k += 2) {
			const operation = runs[k]!;
			const count = runs[k + 1]!;
			if (operation === EQUAL) {
				this.shared += countWords(a, atA, atA + count);
				atA += count;
				atB += count;
				continue;
			}
			const deleting = operation === DELETE;
			const side = deleting ? a : b;
			const start = deleting ? atA : atB;
			const words = countWords(side, start, start + count);
			this.edits.push({
				type: deleting ? 'delete' : 'insert',
				text: side.text.slice(side.starts[start], side.ends[start + count - 1]),
				offsetA: this.a.offsetOf(atA),
				offsetB: this.b.offsetOf(atB),
			});
			if (deleting) {
				this.deleted += words;
				if (runs[k + 2] === INSERT) this.changedA += words;
				atA += count;
			} else {
				this.inserted += words;
				if (runs[k - 2] === DELETE) this.changedB += words;
				atB += count;
			}
		}
	}
}

const APOSTROPHE = 0x27;

/** Bytes in the UTF-8 sequence that starts with `lead`. */
function sequenceLength(lead: number): number {
	return lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

/** The code point of the (valid) UTF-8 sequence at `at` of a one-byte string of bytes. */
function codePointAt(bytes: string, at: number): number {
	const lead = bytes.charCodeAt(at);
	if (lead < 0x80) return lead;
	const second = bytes.charCodeAt(at + 1) & 0x3f;
	if (lead < 0xe0) return ((lead & 0x1f) << 6) | second;
	const third = bytes.charCodeAt(at + 2) & 0x3f;
	if (lead < 0xf0) return ((lead & 0x0f) << 12) | (second << 6) | third;
	return ((lead & 0x07) << 18) | (second << 12) | (third << 6) | (bytes.charCodeAt(at + 3) & 0x3f);
}
