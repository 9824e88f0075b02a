import {detectLayout, endsParagraph, longestLine, WRAP_LIMIT} from '../corpus/paragraphs.js';

const STARTS_LOWERCASE = /^\p{Ll}/u;
const SPACE_RUN = /^[ \u00a0]{2,}$/;

/**
 * Where a text's paragraphs break, by the same reading of its layout as the corpus uses for
 * Document.paragraphs (see core/corpus/paragraphs), but as a test on a run of whitespace
 * [spaceStart, spaceEnd) holding `newlines` line breaks, so the tokenizer can ask while it scans.
 * The tokenizer only asks about runs of two or more characters: one space never breaks.
 *
 * One class, whose fields say which layout and hold its data, rather than a closure per
 * layout and text: the tokenizer calls `isBreak` from its hot loop, and a different closure for
 * the second text of a diff made V8 throw away the loop's optimized code and compile it again
 * (a tenth of that text's tokenizing). One method of one class stays optimized.
 */
export class ParagraphRule {
	private readonly layout: number;
	/** blank-lines: newlines that break a paragraph on their own (see blankLineBreaks). */
	private readonly unwrapped: Set<number>;
	/** hard-wrapped: newlines that end a paragraph (see hardWrappedBreaks). */
	private readonly breaks: Set<number>;

	constructor(private readonly text: string) {
		const layout = detectLayout(text.trim());
		this.layout = LAYOUTS.indexOf(layout);
		this.unwrapped = layout === 'blank-lines' ? blankLineBreaks(text) : NONE;
		this.breaks = layout === 'hard-wrapped' ? hardWrappedBreaks(text) : NONE;
	}

	/**
	 * The layout, as the scanner (source/wasm/scanner.ts) reads it: 1 blank lines, 2 a line per
	 * paragraph, 3 runs of spaces, 4 hard-wrapped, 5 blank lines with no line too long to be
	 * wrapped. The scanner answers 2 and 5, and the plain cases of 1 and 4 (no line break, or
	 * two or more), itself, and asks isBreak only for the rest.
	 */
	get code(): number {
		return this.layout === BLANK_LINES && this.unwrapped.size === 0 ? 5 : this.layout + 1;
	}

	/** Whether the whitespace [start, end), holding `newlines` line breaks, breaks a paragraph. */
	isBreak(start: number, end: number, newlines: number): boolean {
		const text = this.text;
		switch (this.layout) {
			case BLANK_LINES: {
				if (newlines === 0) return false;
				if (newlines >= 2) return true;
				const unwrapped = this.unwrapped;
				return unwrapped.size > 0 && unwrapped.has(text.indexOf('\n', start));
			}
			case LINE_PER_PARAGRAPH:
				return newlines > 0;
			case SPACE_RUNS:
				// A run before a lowercase letter is a stray double space, not a paragraph.
				return (
					SPACE_RUN.test(text.slice(start, end)) && !STARTS_LOWERCASE.test(text.slice(end, end + 1))
				);
			default: {
				// Hard-wrapped.
				if (newlines === 0) return false;
				for (let at = newlineIn(text, start, end); at !== -1; at = newlineIn(text, at + 1, end)) {
					if (this.breaks.has(at)) return true;
				}
				return false;
			}
		}
	}
}

const LAYOUTS = ['blank-lines', 'line-per-paragraph', 'space-runs', 'hard-wrapped'] as const;
const BLANK_LINES = 0;
const LINE_PER_PARAGRAPH = 1;
const SPACE_RUNS = 2;
const NONE: Set<number> = new Set();

/** Newlines that break a paragraph in a blank-line text though single: a single line break is
 * wrapping, unless a line next to it is too long to be wrapped. */
function blankLineBreaks(text: string): Set<number> {
	const unwrapped = new Set<number>();
	let lineStart = 0;
	let previousLong = false;
	for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
		const long = at - lineStart > WRAP_LIMIT;
		if (long) unwrapped.add(at);
		if (long || previousLong) unwrapped.add(lineStart - 1);
		previousLong = long;
		lineStart = at + 1;
	}
	if (text.length - lineStart > WRAP_LIMIT) unwrapped.add(lineStart - 1);
	return unwrapped;
}

/** Newlines that end a paragraph of a hard-wrapped text. */
function hardWrappedBreaks(text: string): Set<number> {
	const lines = text.split('\n');
	const width = longestLine(lines);
	const breaks = new Set<number>();
	let offset = 0;
	for (let index = 0; index < lines.length; index++) {
		offset += lines[index]!.length;
		if (endsParagraph(lines, index, width)) breaks.add(offset);
		offset++;
	}
	return breaks;
}

function newlineIn(text: string, start: number, end: number): number {
	const at = text.indexOf('\n', start);
	return at !== -1 && at < end ? at : -1;
}
