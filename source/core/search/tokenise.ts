/**
 * Splits text into words for searching. Word boundaries are those of core/text/words.ts, the
 * rule every count in the app follows (letters, marks and digits in any script, Persian
 * joiners, an apostrophe between letters: "Iran’s" is one word). On top of it, Han, Hiragana
 * and Katakana characters are indexed one by one, because those scripts do not separate words
 * with spaces; a run of them in a query is then matched as a phrase. How a word is folded for
 * matching ("Iran’s" → "iran") is normalise.ts's job.
 */
import {WORD_CHARACTER, characterClass, isApostrophe} from '../text/words.js';

const SEPARATOR = 1;
const WORD = 2;
const IDEOGRAPH = 3;

const IDEOGRAPHIC = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;

// Classifying a character with a Unicode property regex is slow compared with reading a table,
// and indexing visits every character of the corpus, so each BMP character is classified once.
const bmpKinds = new Uint8Array(0x10000);
const astralKinds = new Map<number, number>();

function classify(character: string): number {
	if (characterClass(character, 0) !== WORD_CHARACTER) return SEPARATOR;
	return IDEOGRAPHIC.test(character) ? IDEOGRAPH : WORD;
}

for (let code = 0; code < 0x80; code++) bmpKinds[code] = classify(String.fromCharCode(code));

function bmpKind(code: number): number {
	let kind = bmpKinds[code]!;
	if (kind === 0) {
		kind = classify(String.fromCharCode(code));
		bmpKinds[code] = kind;
	}
	return kind;
}

function astralKind(codePoint: number): number {
	let kind = astralKinds.get(codePoint);
	if (kind === undefined) {
		kind = classify(String.fromCodePoint(codePoint));
		astralKinds.set(codePoint, kind);
	}
	return kind;
}

/** Whether the character at `index` continues a word (a word character, not an ideograph). */
function continuesWord(text: string, index: number): boolean {
	if (index >= text.length) return false;
	const code = text.charCodeAt(index);
	if (code >= 0xd800 && code <= 0xdbff) {
		const low = index + 1 < text.length ? text.charCodeAt(index + 1) : 0;
		if (low < 0xdc00 || low > 0xdfff) return false;
		return astralKind(((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000) === WORD;
	}
	return bmpKind(code) === WORD;
}

/** Called for each word with its [start, end) UTF-16 offsets; `ideograph` marks a one-character
 * CJK word, `ascii` a word of ASCII letters and digits only, and for those `hash` is
 * asciiWordHash of it (computed while scanning, so indexing need not read the word twice). */
export type TokenVisitor = (
	start: number,
	end: number,
	ideograph: boolean,
	ascii: boolean,
	hash: number,
) => void;

/** Words are hashed up to this many characters (the vocabulary cuts longer ones there). */
export const HASHED_LENGTH = 64;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const LOWER = Uint8Array.from({length: 0x80}, (_, code) =>
	code >= 65 && code <= 90 ? code | 0x20 : code,
);
/** Per ASCII character: its LOWER code when it is a word character (a letter or digit), else 0
 * (no word character is NUL). */
const ASCII_WORD_HASHED = Uint8Array.from({length: 0x80}, (_, code) =>
	bmpKinds[code] === WORD ? LOWER[code]! : 0,
);

/** FNV-1a of the lower-cased first HASHED_LENGTH code units of an ASCII word text[start, end). */
export function asciiWordHash(text: string, start: number, end: number): number {
	let hash = FNV_OFFSET;
	const stop = Math.min(end, start + HASHED_LENGTH);
	for (let index = start; index < stop; index++) {
		hash = Math.imul(hash ^ LOWER[text.charCodeAt(index)]!, FNV_PRIME);
	}
	return hash;
}

/** FNV-1a of a folded term's code units; equals asciiWordHash for an ASCII term. */
export function termHash(term: string): number {
	let hash = FNV_OFFSET;
	for (let index = 0; index < term.length; index++) {
		hash = Math.imul(hash ^ term.charCodeAt(index), FNV_PRIME);
	}
	return hash;
}

/** A word still open where a scan of part of a text stopped, for the scan of the next part. */
export interface TokenCarry {
	/** Where the open word starts in the text, or -1 when the scan stopped between words. */
	start: number;
	ascii: boolean;
	hash: number;
}

export function newTokenCarry(): TokenCarry {
	return {start: -1, ascii: true, hash: FNV_OFFSET};
}

/**
 * Visits the words of `text` in order; with `from`, `to` and `carry`, only those of
 * text[from, to), so a long text can be scanned a piece at a time between keystrokes. A word
 * running past `to` is not visited but left in `carry`, and the scan of text[to, …) with the same
 * carry finishes it, so scanning the pieces in order visits exactly the words of one whole scan.
 * `to` must not split a surrogate pair (see pieceEnd).
 */
export function forEachToken(
	text: string,
	visit: TokenVisitor,
	from = 0,
	to = text.length,
	carry?: TokenCarry,
): void {
	const length = to;
	let start = carry === undefined ? -1 : carry.start;
	let ascii = carry === undefined ? true : carry.ascii;
	let hash = carry === undefined ? FNV_OFFSET : carry.hash;
	let index = from;
	while (index < length) {
		const code = text.charCodeAt(index);
		if (code < 0x80) {
			// ASCII, most of any text, kept short: one table read says whether the character
			// continues (or starts) a word, and what it hashes as.
			const lower = ASCII_WORD_HASHED[code]!;
			if (lower !== 0) {
				if (start < 0) {
					start = index;
					ascii = true;
					hash = FNV_OFFSET;
				}
				if (index - start < HASHED_LENGTH) hash = Math.imul(hash ^ lower, FNV_PRIME);
			} else if (start >= 0) {
				if (code === 0x27 && continuesWord(text, index + 1)) {
					// "don't": one word, which takes the folding path (normalise.ts drops the
					// apostrophe).
					ascii = false;
				} else {
					visit(start, index, false, ascii, hash);
					start = -1;
				}
			}
			index++;
			continue;
		}
		let size = 1;
		let kind: number;
		if (code >= 0xd800 && code <= 0xdbff && index + 1 < length) {
			const low = text.charCodeAt(index + 1);
			if (low >= 0xdc00 && low <= 0xdfff) {
				size = 2;
				kind = astralKind(((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
			} else kind = SEPARATOR;
		} else kind = bmpKind(code);

		if (kind === SEPARATOR && start >= 0 && isApostrophe(code) && continuesWord(text, index + 1)) {
			// "Iran’s": one word, which takes the folding path (normalise.ts drops the apostrophe).
			ascii = false;
			index++;
			continue;
		}
		if (kind === WORD) {
			if (start < 0) {
				start = index;
				hash = FNV_OFFSET;
			}
			ascii = false;
		} else {
			if (start >= 0) {
				visit(start, index, false, ascii, hash);
				start = -1;
			}
			if (kind === IDEOGRAPH) visit(index, index + size, true, false, 0);
		}
		index += size;
	}
	if (carry !== undefined && to < text.length) {
		carry.start = start;
		carry.ascii = ascii;
		carry.hash = hash;
		return;
	}
	if (start >= 0) visit(start, length, false, ascii, hash);
	if (carry !== undefined) carry.start = -1;
}

/** Where a piece of `text` starting at `from` and about `size` code units long should end: never
 * inside a surrogate pair, and always past `from` so a scan in pieces makes progress. */
export function pieceEnd(text: string, from: number, size: number): number {
	if (size >= text.length - from) return text.length;
	let end = from + Math.max(1, Math.floor(size));
	const code = text.charCodeAt(end - 1);
	if (code >= 0xd800 && code <= 0xdbff) end++;
	return end;
}

export interface Token {
	readonly start: number;
	readonly end: number;
	readonly ideograph: boolean;
	readonly ascii: boolean;
}

/** The words of `text` as a list (for short texts: queries, titles, one paragraph). */
export function tokenise(text: string): Token[] {
	const tokens: Token[] = [];
	forEachToken(text, (start, end, ideograph, ascii) => tokens.push({start, end, ideograph, ascii}));
	return tokens;
}
