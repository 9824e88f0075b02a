/**
 * Finds the paragraphs of a plain-text article, whatever way it was saved:
 * - 'blank-lines': paragraphs separated by blank lines; a paragraph's own line breaks are wrapping
 *   and become spaces, unless its lines are too long to be wrapping (then each is a paragraph);
 * - 'hard-wrapped': no blank lines, every line short (wrapped at some width): lines are joined
 *   back into paragraphs, see `endsParagraph`;
 * - 'line-per-paragraph': no blank lines, long lines: each line is a paragraph;
 * - 'space-runs': the whole article on one line, paragraphs separated by runs of 2+ spaces, as
 *   some web scrapers save it.
 */
import {finish, type Steps} from '../steps.js';

export type Layout = 'blank-lines' | 'hard-wrapped' | 'line-per-paragraph' | 'space-runs';

/** Lines wrapped by a person or a tool are at most this long; longer lines are paragraphs. */
export const WRAP_LIMIT = 100;

const BLANK_LINE = /\n[^\S\n]*\n/;
const LEADING_BLANK_LINES = /^(?:[^\S\n]*\n)+/;
const BLANK_LINES = /\n[^\S\n]*\n\s*/;
// Two or more spaces, no-break spaces included (scrapers turn &nbsp; into U+00A0).
const SPACE_RUN = /[ \u00a0]{2,}/;
// Only runs and whitespace other than a plain space: most gaps are one space already, and leaving
// them alone makes this ten times faster than replacing every /\s+/.
const UNUSUAL_WHITESPACE = /[^\S ]\s*| \s+/g;
const SENTENCE_END = /[.!?…]["'”’»)\]]*$/;
// A sentence starts with a capital, a digit, or an opening quote or bracket before one of those.
const SENTENCE_START = /^["'“‘«([]*[\p{Lu}\p{Lt}\p{N}]/u;
const SINGLE_SPACED_SENTENCE_END = /[.!?…]["'”’»)\]]* [\p{Lu}\p{Lt}]/u;
const LEADING_WHITESPACE = /^\s*/;
const STARTS_LOWERCASE = /^\p{Ll}/u;

/** Paragraphs of `text` (LF line endings), whitespace collapsed and trimmed, none empty. */
export function splitParagraphs(text: string): string[] {
	const trimmed = trimBlankLines(text);
	if (trimmed === '') return [];
	switch (detectLayout(trimmed)) {
		case 'blank-lines':
			return finish(blankLineParagraphs(trimmed, Number.POSITIVE_INFINITY));
		case 'space-runs':
			return splitAtSpaceRuns(trimmed).map(collapseWhitespace).filter(nonEmpty);
		case 'line-per-paragraph':
			return trimmed.split('\n').map(collapseWhitespace).filter(nonEmpty);
		case 'hard-wrapped':
			return reflow(trimmed.split('\n')).filter(nonEmpty);
	}
}

/** Characters split into paragraphs between two yields of splitParagraphsSteps: about a
 * millisecond. */
const SPLIT_PIECE = 1 << 16;

/**
 * splitParagraphs a piece at a time, for work done between keys (a 5 MB text took 25–75 ms in
 * one go): a text of blank-line paragraphs, nearly all of them, is split SPLIT_PIECE characters
 * or so per step, as `split` and `blockParagraphs` split it; a text of another layout, which
 * must be read whole, in one step.
 */
export function* splitParagraphsSteps(text: string): Steps<string[]> {
	const trimmed = trimBlankLines(text);
	if (trimmed.length <= SPLIT_PIECE || detectLayout(trimmed) !== 'blank-lines') {
		return splitParagraphs(text);
	}
	yield;
	return yield* blankLineParagraphs(trimmed, SPLIT_PIECE);
}

/** The paragraphs of a blank-line text (trimmed): its blocks between blank lines, each split by
 * blockParagraphs, none empty; a step every `piece` characters or so. */
function* blankLineParagraphs(trimmed: string, piece: number): Steps<string[]> {
	const paragraphs: string[] = [];
	const breaks = new RegExp(BLANK_LINES.source, 'g');
	let from = 0;
	let since = 0;
	for (;;) {
		breaks.lastIndex = from;
		const found = breaks.exec(trimmed);
		const end = found === null ? trimmed.length : found.index;
		for (const paragraph of blockParagraphs(trimmed.slice(from, end)))
			if (nonEmpty(paragraph)) paragraphs.push(paragraph);
		if (found === null) return paragraphs;
		since += found.index + found[0].length - from;
		from = found.index + found[0].length;
		if (since >= piece) {
			since = 0;
			yield;
		}
	}
}

/** Removes blank lines at the start and whitespace at the end, but not the first line's indent,
 * which may mark a paragraph start. */
export function trimBlankLines(text: string): string {
	return text.replace(LEADING_BLANK_LINES, '').trimEnd();
}

/** Which way `text` (trimmed, LF line endings) separates its paragraphs; see the module comment. */
export function detectLayout(text: string): Layout {
	if (BLANK_LINE.test(text)) return 'blank-lines';
	if (!text.includes('\n')) {
		// Where every sentence ends with two spaces, that is a typing habit, not a layout.
		const spaceRuns = SPACE_RUN.test(text) && SINGLE_SPACED_SENTENCE_END.test(text);
		return spaceRuns ? 'space-runs' : 'line-per-paragraph';
	}
	return longestLineIn(text) <= WRAP_LIMIT ? 'hard-wrapped' : 'line-per-paragraph';
}

/** Runs of whitespace (no-break spaces and line breaks too) become one space; ends trimmed. */
export function collapseWhitespace(text: string): string {
	return text.replace(UNUSUAL_WHITESPACE, ' ').trim();
}

/** Whether `line` ends a sentence: . ! ? or …, maybe followed by closing quotes or brackets. */
export function endsSentence(line: string): boolean {
	return SENTENCE_END.test(line.trimEnd());
}

export function startsSentence(line: string): boolean {
	return SENTENCE_START.test(line.trimStart());
}

/** Length of the longest line, in UTF-16 units: widths here are estimates, not layout. */
export function longestLine(lines: readonly string[]): number {
	let longest = 0;
	for (const line of lines) longest = Math.max(longest, line.trimEnd().length);
	return longest;
}

/** Like longestLine(text.split('\n')) without building the lines. */
export function longestLineIn(text: string): number {
	let longest = 0;
	let start = 0;
	while (start <= text.length) {
		let end = text.indexOf('\n', start);
		if (end === -1) end = text.length;
		let visibleEnd = end;
		while (visibleEnd > start && isTrailingSpace(text.charCodeAt(visibleEnd - 1))) visibleEnd--;
		longest = Math.max(longest, visibleEnd - start);
		start = end + 1;
	}
	return longest;
}

function isTrailingSpace(code: number): boolean {
	return code === 0x20 || code === 0x09 || code === 0xa0;
}

/** Whether the first word of `next` would have fitted on `line` at this wrap width: if so, the
 * line was not broken by wrapping, so its end was meant. */
export function nextWordWouldFit(line: string, next: string | undefined, width: number): boolean {
	if (next === undefined) return false;
	const trimmedNext = next.trim();
	const space = trimmedNext.indexOf(' ');
	const firstWord = space === -1 ? trimmedNext : trimmedNext.slice(0, space);
	return line.trimEnd().length + 1 + firstWord.length <= width;
}

/**
 * Whether a paragraph ends after `lines[index]` in hard-wrapped text. It does before an indented
 * line, and when the line ends
 * a sentence, the next line starts one, and the break was not forced by the wrap width: either
 * the next word would have fitted on the line, or the next line is itself cut short in
 * mid-sentence, which is what a first line looks like once its indent was stripped (seed 003).
 * A greedy wrapper never leaves room for the next word inside a paragraph, so sentences that
 * merely end at a line end stay in their paragraph.
 */
export function endsParagraph(lines: readonly string[], index: number, width: number): boolean {
	const line = lines[index]!;
	const next = lines[index + 1];
	if (next === undefined) return true;
	if (indentOf(next) > indentOf(line)) return true;
	if (!endsSentence(line) || !startsSentence(next)) return false;
	if (nextWordWouldFit(line, next, width)) return true;
	return !endsSentence(next) && nextWordWouldFit(next, lines[index + 2], width);
}

function indentOf(line: string): number {
	return LEADING_WHITESPACE.exec(line)![0].length;
}

function reflow(lines: readonly string[]): string[] {
	const width = longestLine(lines);
	const paragraphs: string[] = [];
	let start = 0;
	for (let index = 0; index < lines.length; index++) {
		if (endsParagraph(lines, index, width)) {
			paragraphs.push(collapseWhitespace(lines.slice(start, index + 1).join(' ')));
			start = index + 1;
		}
	}
	return paragraphs;
}

function blockParagraphs(block: string): string[] {
	// Lines longer than any wrap width are paragraphs that lost the blank line between them. The
	// lines but the last are measured untrimmed first, where they lie in the block: a line within
	// the width is within it trimmed too, and only a longer one makes the block's lines (strings
	// the collector had to sweep, about one per 70 characters of every text loaded).
	let longest = 0;
	let start = 0;
	for (let end = block.indexOf('\n'); end !== -1; end = block.indexOf('\n', start)) {
		longest = Math.max(longest, end - start);
		start = end + 1;
	}
	if (longest > WRAP_LIMIT) {
		const lines = block.split('\n');
		if (longestLine(lines.slice(0, -1)) > WRAP_LIMIT) return lines.map(collapseWhitespace);
	}
	return [collapseWhitespace(block)];
}

/** Splits at runs of 2+ spaces, except before a lowercase letter: a paragraph does not start
 * mid-sentence, so such a run is a stray double space (seed 000: "coronavirus,  which"). */
function splitAtSpaceRuns(text: string): string[] {
	const pieces = text.split(SPACE_RUN);
	const paragraphs: string[] = [];
	for (const piece of pieces) {
		if (paragraphs.length > 0 && STARTS_LOWERCASE.test(piece)) {
			paragraphs[paragraphs.length - 1] += ' ' + piece;
		} else {
			paragraphs.push(piece);
		}
	}
	return paragraphs;
}

function nonEmpty(paragraph: string): boolean {
	return paragraph !== '';
}
