import {collapseWhitespace, longestLineIn, nextWordWouldFit, startsSentence} from './paragraphs.js';
import {countWords} from '../text/words.js';

/** What stands above an article's body: a headline and a dateline, when it has them. */
export interface Heading {
	readonly headline: string | undefined;
	readonly dateline: string | undefined;
	/** The text below them. */
	readonly body: string;
}

/** Headlines are short; a longer first line is a paragraph. */
export const HEADLINE_MAX_LENGTH = 120;
const HEADLINE_MAX_WORDS = 20;
/** Derived titles are cut to this many characters, ellipsis included. */
export const TITLE_MAX_LENGTH = 80;
const DATELINE_MAX_LENGTH = 60;

const MONTH =
	'(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
const DATE = [
	`${MONTH}\\s+${DAY},?\\s+\\d{4}`,
	`${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+\\d{4}`,
	'\\d{4}-\\d{1,2}-\\d{1,2}',
	'\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}',
].join('|');
const TIME = '\\d{1,2}[:.]\\d{1,2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\.?)?(?:\\s*\\(?[a-z]{2,5}\\)?)?';
const LABEL = '(?:(?:published|updated|posted|last updated|date)(?:\\s+on)?\\s*:?\\s*)?';
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?';
const DATELINE = new RegExp(
	`^${LABEL}${WEEKDAY}(?:${DATE})(?:\\s*(?:[-–—|,@·]|at)?\\s*${TIME})?$`,
	'i',
);

// A first line ending like this is a sentence or runs on into the next line, not a headline.
const NOT_HEADLINE_END = /[.,;:\-–—]$/;
const STARTS_LOWERCASE = /^\p{Ll}/u;
// Headlines do not end on these; wrapped prose often does ("…on his visit to").
const FUNCTION_WORDS = new Set(
	(
		'a an the and or but nor of to in on at by for from with as into onto than that which who ' +
		'whose whom his her its their our my your is are was were be been has have had will would'
	).split(' '),
);
const LAST_WORD = /([\p{L}']+)\P{L}*$/u;
const BLANK_LINE = /\n[^\S\n]*\n/g;
/** The heading is in the first few lines; the rest of a long article need not be split. */
const HEADING_LINES = 8;

// A sentence ends at . ! ? … (and closing quotes) before a new sentence; see `openingTitle`.
const SENTENCE_BREAK = /[.!?…]["'”’»)\]]*(?=\s+["'“‘«([]*[\p{Lu}\p{N}])/gu;
const ABBREVIATION = new Set(
	'mr mrs ms dr prof st lt gen col maj capt sgt gov sen rep jr sr inc co corp ltd no vs'.split(' '),
);
const TRAILING_PUNCTUATION = /[\s,;:\-–—]+$/;

/** Whether a (collapsed) line is a date, maybe with a time: "July 20, 2020 - 21:8". */
export function isDateline(line: string): boolean {
	return line.length <= DATELINE_MAX_LENGTH && DATELINE.test(line);
}

/**
 * Takes a headline and a dateline off the top of `text` (LF line endings). The first
 * line is a headline when it reads as one (short, no sentence punctuation at its end, not
 * starting in lowercase or ending on "the", "of"…) and is set apart from what follows: by a blank
 * line, or by the next line starting a new sentence that would have fitted after it (so the
 * break was not wrapping). A dateline is a date line just before or after the headline.
 */
export function splitHeading(text: string): Heading {
	const {lines, offsets} = firstLines(text, HEADING_LINES);
	let index = nextFilled(lines, 0);
	let dateline: string | undefined;
	let headline: string | undefined;

	const takeDateline = (): void => {
		const line = shortLine(lines[index], DATELINE_MAX_LENGTH);
		const after = nextFilled(lines, index + 1);
		if (dateline === undefined && after < lines.length && isDateline(line)) {
			dateline = line;
			index = after;
		}
	};

	takeDateline();
	const candidate = shortLine(lines[index], HEADLINE_MAX_LENGTH);
	const after = nextFilled(lines, index + 1);
	if (after < lines.length && readsAsHeadline(candidate)) {
		const separated =
			after > index + 1 ||
			(startsSentence(lines[after]!) &&
				nextWordWouldFit(lines[index]!, lines[after], blockWidth(text, offsets[index]!)));
		if (separated) {
			headline = candidate;
			index = after;
			takeDateline();
		}
	}
	const body = index === 0 ? text : text.slice(offsets[index] ?? text.length);
	return {headline, dateline, body};
}

/** The longest line of the block (lines up to a blank line) starting at `start`: the wrap width
 * of that block, which in a document with blank lines may differ from the others'. */
function blockWidth(text: string, start: number): number {
	BLANK_LINE.lastIndex = start;
	const blank = BLANK_LINE.exec(text);
	return longestLineIn(text.slice(start, blank === null ? text.length : blank.index));
}

/** The first `count` lines of `text` and the offset where each starts. */
function firstLines(text: string, count: number): {lines: string[]; offsets: number[]} {
	const lines: string[] = [];
	const offsets: number[] = [];
	let start = 0;
	while (lines.length < count && start <= text.length) {
		let end = text.indexOf('\n', start);
		if (end === -1) end = text.length;
		lines.push(text.slice(start, end));
		offsets.push(start);
		start = end + 1;
	}
	return {lines, offsets};
}

/** The line collapsed, or '' when it is too long to be what we look for: the first line of an
 * unwrapped article can be the whole article, not worth copying. */
function shortLine(line: string | undefined, maxLength: number): string {
	if (line === undefined || line.length > maxLength * 2) return '';
	return collapseWhitespace(line);
}

function readsAsHeadline(line: string): boolean {
	if (line === '' || line.length > HEADLINE_MAX_LENGTH) return false;
	if (NOT_HEADLINE_END.test(line) || STARTS_LOWERCASE.test(line)) return false;
	if (countWords(line) > HEADLINE_MAX_WORDS) return false;
	const lastWord = LAST_WORD.exec(line)?.[1]?.toLowerCase();
	return lastWord === undefined || !FUNCTION_WORDS.has(lastWord);
}

function nextFilled(lines: readonly string[], from: number): number {
	let index = from;
	while (index < lines.length && lines[index]!.trim() === '') index++;
	return index;
}

/**
 * A title for an article without a headline: its first sentence, or when that is longer than
 * TITLE_MAX_LENGTH, its opening cut at a word boundary with '…'. Full stops after "Mr", "Lt" or
 * an initial do not end the sentence.
 */
export function openingTitle(paragraph: string): string {
	const sentence = firstSentence(paragraph);
	if (sentence.length <= TITLE_MAX_LENGTH) return sentence;
	const room = TITLE_MAX_LENGTH - 1;
	const space = sentence.lastIndexOf(' ', room);
	if (space > 0) return sentence.slice(0, space).replace(TRAILING_PUNCTUATION, '') + '…';
	return Array.from(sentence).slice(0, room).join('') + '…';
}

function firstSentence(paragraph: string): string {
	SENTENCE_BREAK.lastIndex = 0;
	for (let match = SENTENCE_BREAK.exec(paragraph); match; match = SENTENCE_BREAK.exec(paragraph)) {
		const before = paragraph.slice(0, match.index);
		const word = /(\p{L}+)$/u.exec(before)?.[1] ?? '';
		if (match[0].startsWith('.') && (word.length === 1 || ABBREVIATION.has(word.toLowerCase()))) {
			continue;
		}
		return paragraph.slice(0, match.index + match[0].length);
	}
	return paragraph;
}
