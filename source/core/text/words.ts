/**
 * What a word is, for every figure and every search in the reading room: the word counts of
 * `list`, the library, the reader and `--json`, the reading time, the search's word boundaries
 * and the versions' shingles all follow this one rule.
 *
 * A word is a run of letters, combining marks and digits in any script (Unicode \p{L}, \p{M},
 * \p{N}), with the zero-width (non-)joiners Persian writes inside words, and an apostrophe
 * (' or ’) between two such characters: "Iran’s" and "don't" are one word each, "al-Kadhimi" is
 * two, "14.6" is two, "日本語" is one (scripts without spaces have no boundaries to see).
 * Everything else (spaces, punctuation, symbols, emoji) separates words.
 *
 * The diff's tokenizer (core/diff/word-tokens.ts) reads characters through this module's
 * classes, so its words are these, and its statistics count the same words;
 * test/core/text/words.test.ts checks the counts agree on the seeds and on generated text.
 *
 * Scanning classifies each code unit from a table filled on first sight (a Unicode property
 * regex per character is several times slower, and every article is counted as it loads).
 */

/** Not yet classified. */
const UNKNOWN = 0;
export const WORD_CHARACTER = 1;
/** Any character that is not a word character: whitespace, punctuation, symbols. */
export const SEPARATOR = 2;
/** A separator that is whitespace (Unicode White_Space, as /\s/u reads it): the diff's
 * tokenizer drops it, where other separators are tokens of their own. characterClass reports
 * it as SEPARATOR; characterKind tells it apart. */
export const SPACE_CHARACTER = 3;

const WORD_PATTERN = /^[\p{L}\p{M}\p{N}\u200c\u200d]$/u;
const SPACE_PATTERN = /^\s$/u;

function kindOf(character: string): number {
	if (WORD_PATTERN.test(character)) return WORD_CHARACTER;
	return SPACE_PATTERN.test(character) ? SPACE_CHARACTER : SEPARATOR;
}

// Per BMP code unit: UNKNOWN until first seen. High surrogates are never stored: their class
// depends on the unit after them.
const bmpClasses = new Uint8Array(0x10000);
for (let code = 0; code < 0x80; code++) bmpClasses[code] = kindOf(String.fromCharCode(code));
const astralClasses = new Map<number, number>();

function classifyBmp(code: number): number {
	const found = kindOf(String.fromCharCode(code));
	bmpClasses[code] = found;
	return found;
}

function classifyAstral(codePoint: number): number {
	let found = astralClasses.get(codePoint);
	if (found === undefined) {
		found = kindOf(String.fromCodePoint(codePoint));
		astralClasses.set(codePoint, found);
	}
	return found;
}

/** WORD_CHARACTER, SPACE_CHARACTER or SEPARATOR (any other character) for a code point;
 * a surrogate code point, which no valid text holds alone, is a SEPARATOR. */
export function characterKind(codePoint: number): number {
	if (codePoint >= 0x10000) return classifyAstral(codePoint);
	if (codePoint >= 0xd800 && codePoint <= 0xdfff) return SEPARATOR;
	const known = bmpClasses[codePoint]!;
	return known === UNKNOWN ? classifyBmp(codePoint) : known;
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

/** WORD_CHARACTER or SEPARATOR for the character at `index` (of `limit` code units). A high
 * surrogate and the unit after it are one character, a word character only when they make a
 * valid pair of one. */
export function characterClass(text: string, index: number, limit = text.length): number {
	const code = text.charCodeAt(index);
	if (isHighSurrogate(code)) {
		if (index + 1 >= limit) return SEPARATOR;
		const low = text.charCodeAt(index + 1);
		if (low < 0xdc00 || low > 0xdfff) return SEPARATOR;
		return classifyAstral(((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000) === WORD_CHARACTER
			? WORD_CHARACTER
			: SEPARATOR;
	}
	if (code >= 0xdc00 && code <= 0xdfff) return SEPARATOR;
	let known = bmpClasses[code]!;
	if (known === UNKNOWN) known = classifyBmp(code);
	return known === WORD_CHARACTER ? WORD_CHARACTER : SEPARATOR;
}

/** Code units the character at `index` takes: 2 for a surrogate pair, else 1 (a lone
 * surrogate is a character of its own, as UTF-8, which the diff's tokenizer reads, makes it
 * one U+FFFD). */
function characterSize(text: string, index: number, limit: number): number {
	if (!isHighSurrogate(text.charCodeAt(index)) || index + 1 >= limit) return 1;
	const low = text.charCodeAt(index + 1);
	return low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
}

export function isApostrophe(code: number): boolean {
	return code === 0x27 || code === 0x2019;
}

/** Called with each word's [start, end) UTF-16 offsets, in order. */
export type WordVisitor = (start: number, end: number) => void;

/** A word still open where a scan of part of a text stopped, for the scan of the next part. */
export interface WordScanCarry {
	/** Where the open word starts, or -1 when the scan stopped between words. */
	start: number;
}

export function newWordScanCarry(): WordScanCarry {
	return {start: -1};
}

/**
 * Visits the words of `text` in order; with `from`, `to` and `carry`, only those of
 * text[from, to): a word running past `to` is left in `carry` and finished by the scan of
 * text[to, …) with the same carry. `to` must not split a surrogate pair, and an apostrophe
 * right at `to` is decided by the character after it, which the scan reads.
 */
export function forEachWord(
	text: string,
	visit: WordVisitor,
	from = 0,
	to = text.length,
	carry?: WordScanCarry,
): void {
	const length = text.length;
	let start = carry === undefined ? -1 : carry.start;
	let index = from;
	while (index < to) {
		const code = text.charCodeAt(index);
		let kind = code < 0x80 ? bmpClasses[code]! : UNKNOWN;
		if (kind === UNKNOWN) kind = characterClass(text, index, length);
		if (kind === WORD_CHARACTER) {
			if (start < 0) start = index;
		} else if (start >= 0) {
			const joins =
				isApostrophe(code) &&
				index + 1 < length &&
				characterClass(text, index + 1, length) === WORD_CHARACTER;
			if (!joins) {
				visit(start, index);
				start = -1;
			}
		}
		index += code < 0x80 ? 1 : characterSize(text, index, length);
	}
	if (carry !== undefined && to < length) {
		carry.start = start;
		return;
	}
	if (start >= 0) visit(start, index);
	if (carry !== undefined) carry.start = -1;
}

// countWords reads every text loaded once (about 50 million characters at 10,000 documents),
// so it runs as a table-driven state machine without a branch per character: each code unit's
// kind for counting (COUNT_*), then the transition from the state before it, which says the
// state after it and whether a word starts there. States: between words, in a word, and just
// past an apostrophe inside a word (a word character next continues the word, anything else
// ends it before the apostrophe), the same rule as forEachWord's look-ahead.
const COUNT_SEPARATOR = 0;
const COUNT_WORD = 1;
const COUNT_APOSTROPHE = 2;
/** Not known yet, or a surrogate (its kind depends on the unit after it). */
const COUNT_SLOW = 3;
const countKinds = new Uint8Array(0x10000).fill(COUNT_SLOW);
const BETWEEN = 0;
const INSIDE = 1;
const PAST_APOSTROPHE = 2;
/** Per state << 2 | kind: the next state, plus 4 when a word starts. */
const COUNT_STEPS = new Uint8Array(12);
COUNT_STEPS[(BETWEEN << 2) | COUNT_SEPARATOR] = BETWEEN;
COUNT_STEPS[(BETWEEN << 2) | COUNT_WORD] = INSIDE | 4;
COUNT_STEPS[(BETWEEN << 2) | COUNT_APOSTROPHE] = BETWEEN;
COUNT_STEPS[(INSIDE << 2) | COUNT_SEPARATOR] = BETWEEN;
COUNT_STEPS[(INSIDE << 2) | COUNT_WORD] = INSIDE;
COUNT_STEPS[(INSIDE << 2) | COUNT_APOSTROPHE] = PAST_APOSTROPHE;
COUNT_STEPS[(PAST_APOSTROPHE << 2) | COUNT_SEPARATOR] = BETWEEN;
COUNT_STEPS[(PAST_APOSTROPHE << 2) | COUNT_WORD] = INSIDE;
COUNT_STEPS[(PAST_APOSTROPHE << 2) | COUNT_APOSTROPHE] = BETWEEN;

/** The counting kind of the character at `index`, learnt from characterClass (and remembered
 * for a BMP character). */
function countKind(text: string, index: number, limit: number): number {
	const code = text.charCodeAt(index);
	if (isApostrophe(code)) return (countKinds[code] = COUNT_APOSTROPHE);
	const kind = characterClass(text, index, limit) === WORD_CHARACTER ? COUNT_WORD : COUNT_SEPARATOR;
	if (code < 0xd800 || code > 0xdfff) countKinds[code] = kind;
	return kind;
}

/** How many words `text` holds (see the module comment). */
export function countWords(text: string): number {
	const length = text.length;
	let count = 0;
	let state = BETWEEN;
	let index = 0;
	while (index < length) {
		let kind = countKinds[text.charCodeAt(index)]!;
		let size = 1;
		if (kind === COUNT_SLOW) {
			kind = countKind(text, index, length);
			size = characterSize(text, index, length);
		}
		const step = COUNT_STEPS[(state << 2) | kind]!;
		count += step >> 2;
		state = step & 3;
		index += size;
	}
	return count;
}

/** The words of a short text (a title, a query) as [start, end) offsets. */
export function wordRanges(text: string): {start: number; end: number}[] {
	const ranges: {start: number; end: number}[] = [];
	forEachWord(text, (start, end) => ranges.push({start, end}));
	return ranges;
}

/** Reading speed for every reading time shown, in words per minute. */
export const WORDS_PER_MINUTE = 230;

/** Minutes to read `words`, rounded up; 0 only when there is nothing to read. The library's
 * figure for a document and the reader's at its top are both this. */
export function readingMinutes(words: number): number {
	return words <= 0 ? 0 : Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
}
