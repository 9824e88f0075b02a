import type {Range} from '../types.js';
import {cellWidth, graphemeClusters} from './width.js';

/**
 * Breaks a paragraph into lines of at most `width` terminal cells, at spaces where it can and
 * inside a word only when the word alone is wider than a line. Returns ranges into `text`; a
 * line's text is `text.slice(start, end)` and never starts or ends with the breaking space.
 * Runs of spaces are expected to be collapsed already (core/corpus does that for paragraphs).
 */
export function wrapText(text: string, width: number): Range[] {
	const lines: Range[] = [];
	const lineWidth = Math.max(1, Math.floor(width));
	let lineStart = -1;
	let lineEnd = 0;
	let used = 0;
	let position = 0;

	while (position < text.length) {
		if (text.charCodeAt(position) === 32) {
			position++;
			continue;
		}
		let wordEnd = text.indexOf(' ', position);
		if (wordEnd === -1) wordEnd = text.length;
		const word = text.slice(position, wordEnd);
		const wordWidth = cellWidth(word);

		if (lineStart !== -1 && used + 1 + wordWidth <= lineWidth) {
			used += 1 + wordWidth;
			lineEnd = wordEnd;
		} else {
			if (lineStart !== -1) lines.push({start: lineStart, end: lineEnd});
			if (wordWidth <= lineWidth) {
				lineStart = position;
				lineEnd = wordEnd;
				used = wordWidth;
			} else {
				// A word wider than the line: cut it between characters, never inside one.
				let pieceStart = position;
				let pieceWidth = 0;
				for (const {segment, index} of graphemeClusters(word)) {
					const w = cellWidth(segment);
					if (pieceWidth + w > lineWidth && pieceWidth > 0) {
						lines.push({start: pieceStart, end: position + index});
						pieceStart = position + index;
						pieceWidth = 0;
					}
					pieceWidth += w;
				}
				lineStart = pieceStart;
				lineEnd = wordEnd;
				used = pieceWidth;
			}
		}
		position = wordEnd;
	}
	if (lineStart !== -1) lines.push({start: lineStart, end: lineEnd});
	return lines;
}
