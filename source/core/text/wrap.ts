import type {Range} from '../types.js';
import {cellWidth, graphemeClusters} from './width.js';

/** Lines wrapped so far and where the next line starts, so wrapping can resume later. */
export interface WrapSlice {
	readonly lines: Range[];
	/** Offset where the next line starts; `text.length` once the text is done. */
	readonly next: number;
}

const SPACE = 32;

/**
 * Breaks a paragraph into lines of at most `width` terminal cells, at spaces where it can and
 * inside a word only when the word alone is wider than a line. Returns ranges into `text`; a
 * line's text is `text.slice(start, end)` and never starts or ends with the breaking space.
 * Runs of spaces are expected to be collapsed already (core/corpus does that for paragraphs).
 */
export function wrapText(text: string, width: number): Range[] {
	return wrapSlice(text, width, 0, Number.POSITIVE_INFINITY).lines;
}

/**
 * Wraps `text` from offset `from` (which must be where a line starts) and stops after about
 * `maxLines` lines. Greedy wrapping only looks forward, so resuming at `next` gives exactly the
 * lines one call over the whole text would: this is what lets the reader lay out a huge
 * article a screenful at a time. A word cut into pieces may add a few lines past `maxLines`.
 */
export function wrapSlice(text: string, width: number, from: number, maxLines: number): WrapSlice {
	const lines: Range[] = [];
	const lineWidth = Math.max(1, Math.floor(width));
	let lineStart = -1;
	let lineEnd = 0;
	let used = 0;
	let position = from;
	const length = text.length;

	while (position < length) {
		if (text.charCodeAt(position) === SPACE) {
			position++;
			continue;
		}
		// Scan the word by hand: most prose is printable ASCII, whose width is its length, and
		// slicing every word only to measure it is the bulk of the cost on a long article.
		let wordEnd = position;
		let plain = true;
		for (; wordEnd < length; wordEnd++) {
			const code = text.charCodeAt(wordEnd);
			if (code === SPACE) break;
			if (code < 0x20 || code > 0x7e) plain = false;
		}
		const wordWidth = plain ? wordEnd - position : cellWidth(text.slice(position, wordEnd));

		if (lineStart !== -1 && used + 1 + wordWidth <= lineWidth) {
			used += 1 + wordWidth;
			lineEnd = wordEnd;
		} else {
			if (lineStart !== -1) {
				lines.push({start: lineStart, end: lineEnd});
				if (lines.length >= maxLines) return {lines, next: position};
			}
			if (wordWidth <= lineWidth) {
				lineStart = position;
				lineEnd = wordEnd;
				used = wordWidth;
			} else {
				const last = plain
					? cutPlainWord(position, wordEnd, lineWidth, lines)
					: cutWord(text, position, wordEnd, lineWidth, lines);
				lineStart = last.start;
				lineEnd = wordEnd;
				used = last.width;
			}
		}
		position = wordEnd;
	}
	if (lineStart !== -1) lines.push({start: lineStart, end: lineEnd});
	return {lines, next: length};
}

interface Piece {
	readonly start: number;
	readonly width: number;
}

/** Cuts a word wider than the line between characters, never inside one; pushes all full
 * pieces and returns the last, which later words may join. */
function cutWord(
	text: string,
	start: number,
	end: number,
	lineWidth: number,
	lines: Range[],
): Piece {
	let pieceStart = start;
	let pieceWidth = 0;
	for (const {segment, index} of graphemeClusters(text.slice(start, end))) {
		const w = cellWidth(segment);
		if (pieceWidth + w > lineWidth && pieceWidth > 0) {
			lines.push({start: pieceStart, end: start + index});
			pieceStart = start + index;
			pieceWidth = 0;
		}
		pieceWidth += w;
	}
	return {start: pieceStart, width: pieceWidth};
}

/** Printable ASCII is one cell per code unit, so it can be cut by counting; a grapheme
 * segmenter over a 100,000-character word would be the slowest thing in the reader. */
function cutPlainWord(start: number, end: number, lineWidth: number, lines: Range[]): Piece {
	let pieceStart = start;
	while (end - pieceStart > lineWidth) {
		lines.push({start: pieceStart, end: pieceStart + lineWidth});
		pieceStart += lineWidth;
	}
	return {start: pieceStart, width: end - pieceStart};
}
