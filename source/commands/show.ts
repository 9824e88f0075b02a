import type {Document} from '../core/types.js';
import {wrapText} from '../core/text/wrap.js';

export interface ShowOptions {
	readonly document: Document;
	readonly width: number;
	readonly write: (text: string) => void;
}

function wrapped(text: string, width: number): string {
	return wrapText(text, width)
		.map((range) => text.slice(range.start, range.end))
		.join('\n');
}

/** `reading-room show`: the article reflowed to the width, paragraphs separated by a blank line. */
export function showCommand({document, width, write}: ShowOptions): number {
	const blocks: string[] = [];
	const header = [document.title, document.dateline, document.source]
		.filter((line): line is string => Boolean(line))
		.map((line) => wrapped(line, width));
	blocks.push(header.join('\n'));
	if (document.paragraphs.length === 0 && document.words === 0)
		blocks.push('(this document is empty)');
	for (const paragraph of document.paragraphs) blocks.push(wrapped(paragraph, width));
	// Write paragraph by paragraph so a long article streams instead of building one huge string.
	blocks.forEach((block, index) => write((index > 0 ? '\n' : '') + block + '\n'));
	return 0;
}
