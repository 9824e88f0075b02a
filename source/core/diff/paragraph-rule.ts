import {detectLayout, endsParagraph, longestLine, WRAP_LIMIT} from '../corpus/paragraphs.js';

/**
 * Where a text's paragraphs break, by the same reading of its layout as the corpus uses for
 * Document.paragraphs (see core/corpus/paragraphs), but as a test on a run of whitespace
 * [spaceStart, spaceEnd) holding `newlines` line breaks, so the tokenizer can ask while it scans.
 * The tokenizer only asks about runs of two or more characters: one space never breaks.
 */
export type ParagraphBreakTest = (
	spaceStart: number,
	spaceEnd: number,
	newlines: number,
) => boolean;

const STARTS_LOWERCASE = /^\p{Ll}/u;
const SPACE_RUN = /^[ \u00a0]{2,}$/;

export function paragraphRule(text: string): ParagraphBreakTest {
	switch (detectLayout(text.trim())) {
		case 'blank-lines':
			return blankLineRule(text);
		case 'line-per-paragraph':
			return (_start, _end, newlines) => newlines > 0;
		case 'space-runs':
			// A run before a lowercase letter is a stray double space, not a paragraph.
			return (start, end) =>
				SPACE_RUN.test(text.slice(start, end)) && !STARTS_LOWERCASE.test(text.slice(end, end + 1));
		case 'hard-wrapped':
			return hardWrappedRule(text);
	}
}

function blankLineRule(text: string): ParagraphBreakTest {
	// A single line break is wrapping, unless a line next to it is too long to be wrapped.
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
	return (start, end, newlines) => {
		if (newlines === 0) return false;
		if (newlines >= 2) return true;
		return unwrapped.size > 0 && unwrapped.has(text.indexOf('\n', start));
	};
}

function hardWrappedRule(text: string): ParagraphBreakTest {
	const lines = text.split('\n');
	const width = longestLine(lines);
	const breaks = new Set<number>();
	let offset = 0;
	for (let index = 0; index < lines.length; index++) {
		offset += lines[index]!.length;
		if (endsParagraph(lines, index, width)) breaks.add(offset);
		offset++;
	}
	return (start, end, newlines) => {
		if (newlines === 0) return false;
		for (let at = newlineIn(text, start, end); at !== -1; at = newlineIn(text, at + 1, end)) {
			if (breaks.has(at)) return true;
		}
		return false;
	};
}

function newlineIn(text: string, start: number, end: number): number {
	const at = text.indexOf('\n', start);
	return at !== -1 && at < end ? at : -1;
}
