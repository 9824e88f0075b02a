import type {Document, Range} from '../types.js';
import {cellWidth, graphemeClusters} from '../text/width.js';
import {findMatches} from './matching.js';
import type {QueryMatcher, SearchResult} from './result.js';

/** One line of body text around a result's matches, and where they are in it. */
export interface Snippet {
	readonly text: string;
	/** Matched words in `text`, sorted. */
	readonly ranges: readonly Range[];
}

const ELLIPSIS = '…';
/** Share of the width given to words before the first match, so it is read in context. */
const LEAD_SHARE = 1 / 3;

interface Chunk {
	readonly start: number;
	readonly end: number;
	readonly width: number;
}

function bodyLines(document: Document): string[] {
	const lines = [...document.paragraphs];
	if (document.source !== undefined) lines.unshift(document.source);
	if (document.dateline !== undefined) lines.unshift(document.dateline);
	return lines.filter((line) => line.trim() !== '');
}

/**
 * The line of the document's body that matches the most query units (the first such), cut at
 * spaces to at most `width` terminal cells around its first match, with '…' where it was cut.
 * Whitespace runs become single spaces; a word wider than the whole snippet is cut between
 * characters. A result that matched only in its title gets the opening of the body.
 */
export function snippetFor(result: SearchResult, width: number): Snippet {
	const cells = Math.floor(width);
	if (!(cells > 0)) return {text: '', ranges: []};
	const lines = bodyLines(result.document);
	const wanted = result.matcher.units.length;
	let line = lines[0] ?? '';
	let ranges: readonly Range[] = [];
	let mostUnits = 0;
	const mayMatch = linesThatMayMatch(result.matcher);
	for (const candidate of lines) {
		if (mayMatch !== undefined && !mayMatch(candidate)) continue;
		const matches = findMatches(candidate, result.matcher);
		if (matches.units > mostUnits) {
			mostUnits = matches.units;
			line = candidate;
			ranges = matches.ranges;
			if (mostUnits === wanted) break;
		}
	}
	return cutAround(line, ranges, cells);
}

/** At most this many terms are looked for in a line before it is tokenised (a word being
 * typed may match thousands: then every line is tokenised). */
const MOST_LOOKED_FOR = 64;
/** A character outside ASCII, or the apostrophe: a line without any holds only words of ASCII
 * letters and digits (an apostrophe between letters makes one word that is folded without
 * it: "didn't" is "didnt"). */
const NOT_PLAIN = /['\u0080-\uffff]/;
const NOT_ASCII = /[\u0080-\uffff]/;

const lineTests = new WeakMap<QueryMatcher, ((line: string) => boolean) | undefined>();

/**
 * A quick test that passes every line in which some unit of `matcher` can match, so the lines
 * that fail it need not be tokenised (snippetFor tokenised every line of a result up to the
 * best, most of a command's snippets): a line of ASCII only, without apostrophes, can hold a
 * word of a unit only if one of its ASCII terms is in the line lower-cased, since such a word's
 * term is the word lower-cased (cut to MAX_TERM_LENGTH, which keeps it a part of the word). A
 * phrase needs its first word. Other lines always pass. Undefined when the matcher cannot tell its terms' text,
 * or they are too many to look for.
 */
function linesThatMayMatch(matcher: QueryMatcher): ((line: string) => boolean) | undefined {
	if (lineTests.has(matcher)) return lineTests.get(matcher);
	let test: ((line: string) => boolean) | undefined;
	const termText = matcher.termText?.bind(matcher);
	if (termText !== undefined) {
		const wanted: string[] = [];
		for (const unit of matcher.units) {
			const ids = unit.kind === 'word' ? unit.terms : (unit.positions[0] ?? new Set<number>());
			for (const id of ids) {
				const text = termText(id);
				if (text !== '' && !NOT_ASCII.test(text)) wanted.push(text);
			}
		}
		if (wanted.length <= MOST_LOOKED_FOR) {
			test = (line) => {
				if (NOT_PLAIN.test(line)) return true;
				const lowered = line.toLowerCase();
				return wanted.some((text) => lowered.includes(text));
			};
		}
	}
	lineTests.set(matcher, test);
	return test;
}

/** Cuts `line` to `width` cells at spaces around the first of `ranges` (see snippetFor). */
export function cutAround(line: string, ranges: readonly Range[], width: number): Snippet {
	const chunks: Chunk[] = [];
	for (const match of line.matchAll(/\S+/g)) {
		chunks.push({
			start: match.index,
			end: match.index + match[0].length,
			width: cellWidth(match[0]),
		});
	}
	if (chunks.length === 0 || width <= 0) return {text: '', ranges: []};
	const last = chunks.length - 1;
	const first = ranges[0];
	const anchor =
		first === undefined
			? 0
			: Math.max(
					0,
					chunks.findIndex((chunk) => chunk.end > first.start),
				);

	// Cells of chunks [0, i) with the spaces after them, so a window's width is a subtraction.
	const before = [0];
	for (const chunk of chunks) before.push(before.at(-1)! + chunk.width + 1);
	const cost = (low: number, high: number) =>
		before[high + 1]! - before[low]! - 1 + (low > 0 ? 1 : 0) + (high < last ? 1 : 0);

	if (cost(anchor, anchor) > width) return cutInsideChunk(line, chunks[anchor]!, first, width);

	let low = anchor;
	let high = anchor;
	const lead = Math.floor(width * LEAD_SHARE);
	while (low > 0 && before[anchor]! - before[low - 1]! - 1 <= lead && cost(low - 1, high) <= width)
		low--;
	while (high < last && cost(low, high + 1) <= width) high++;
	while (low > 0 && cost(low - 1, high) <= width) low--;

	const prefix = low > 0 ? ELLIPSIS : '';
	let text = prefix;
	const outputStart: number[] = [];
	for (let index = low; index <= high; index++) {
		if (index > low) text += ' ';
		outputStart.push(text.length);
		text += line.slice(chunks[index]!.start, chunks[index]!.end);
	}
	if (high < last) text += ELLIPSIS;

	const windowStart = chunks[low]!.start;
	const windowEnd = chunks[high]!.end;
	// Where an offset of `line` inside the window lands in `text`; `side` picks the chunk whose
	// edge an offset on the boundary between two chunks belongs to.
	const place = (offset: number, side: 'start' | 'end'): number => {
		let index = low;
		if (side === 'start') while (index < high && chunks[index]!.end <= offset) index++;
		else while (index < high && chunks[index + 1]!.start < offset) index++;
		const chunk = chunks[index]!;
		const clamped = Math.min(Math.max(offset, chunk.start), chunk.end);
		return outputStart[index - low]! + clamped - chunk.start;
	};
	const placed: Range[] = [];
	for (const range of ranges) {
		const start = Math.max(range.start, windowStart);
		const end = Math.min(range.end, windowEnd);
		if (start >= end) continue;
		const from = place(start, 'start');
		const to = place(end, 'end');
		if (to > from) placed.push({start: from, end: to});
	}
	return {text, ranges: placed};
}

/** A snippet from inside one word too wide for the whole width: from the word's start when the
 * match still shows, else from the match. */
function cutInsideChunk(
	line: string,
	chunk: Chunk,
	match: Range | undefined,
	width: number,
): Snippet {
	let from = chunk.start;
	if (match !== undefined && match.start > chunk.start) {
		const upToMatchEnd = cellWidth(line.slice(chunk.start, Math.min(match.end, chunk.end)));
		if (upToMatchEnd + (chunk.start > 0 ? 1 : 0) + 1 > width) from = match.start;
	}
	const leading = from > 0 && width >= 3 ? ELLIPSIS : '';
	const room = width - cellWidth(leading) - (width >= 3 ? 1 : 0);
	const piece = line.slice(from, chunk.end);
	let used = 0;
	let end = from;
	for (const {segment, index} of graphemeClusters(piece)) {
		const cells = cellWidth(segment);
		if (used + cells > room) break;
		used += cells;
		end = from + index + segment.length;
	}
	const trailing = end < line.length && width >= 3 ? ELLIPSIS : '';
	const text = leading + line.slice(from, end) + trailing;
	const ranges: Range[] = [];
	if (match !== undefined) {
		const start = Math.max(match.start, from);
		const stop = Math.min(match.end, end);
		if (stop > start) {
			ranges.push({start: start - from + leading.length, end: stop - from + leading.length});
		}
	}
	return {text, ranges};
}
