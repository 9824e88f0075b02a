import type {Document} from '../core/types.js';
import {wrapText} from '../core/text/wrap.js';
import {ReaderLayout, shownTitle} from '../core/reader/layout.js';
import {writeInPieces} from './write-pieces.js';

export interface ShowOptions {
	readonly document: Document;
	readonly width: number;
	/** The document as JSON instead of text: see showJson. */
	readonly json?: boolean;
	readonly write: (text: string) => void;
}

function wrapped(text: string, width: number): string {
	return wrapText(text, width)
		.map((range) => text.slice(range.start, range.end))
		.join('\n');
}

/**
 * `reading-room show --json`: the document as the app reads it, one JSON object (documented in
 * the readme): id, title, dateline and source (null when the article has none), its word count,
 * and its paragraphs, unwrapped. Text is sanitised as on screen.
 */
export function showJson(document: Document): string {
	return (
		JSON.stringify(
			{
				id: document.id,
				title: document.title,
				dateline: document.dateline ?? null,
				source: document.source ?? null,
				words: document.words,
				paragraphs: document.paragraphs,
			},
			null,
			2,
		) + '\n'
	);
}

/** `reading-room show`: the article reflowed to the width, paragraphs separated by a blank line. */
export function showCommand({document, width, json, write}: ShowOptions): number {
	if (json) {
		write(showJson(document));
		return 0;
	}
	if (document.markdown) return showLaidOut(document, width, write);
	const blocks: string[] = [];
	// The header the reader shows: a title made from the opening would print it twice.
	const header = [shownTitle(document), document.dateline, document.source]
		.filter((line): line is string => Boolean(line))
		.map((line) => wrapped(line, width));
	if (header.length > 0) blocks.push(header.join('\n'));
	if (document.paragraphs.length === 0 && document.words === 0)
		blocks.push('(this document is empty)');
	for (const paragraph of document.paragraphs) blocks.push(wrapped(paragraph, width));
	// In pieces, so a long article streams instead of building one huge string.
	writeInPieces(
		blocks.map((block, index) => (index > 0 ? '\n' : '') + block + '\n'),
		write,
	);
	return 0;
}

/** A Markdown article as the reader lays it out (bullets, quote bars, code indents, link
 * addresses), without colour; line by line, so a long article streams. */
function showLaidOut(document: Document, width: number, write: (text: string) => void): number {
	const layout = new ReaderLayout(document, width, width);
	writeInPieces(
		(function* () {
			for (let index = 0; index < layout.ensureLines(index + 1); index++) {
				const line = layout.line(index)!;
				yield (line.prefix + line.text).trimEnd() + '\n';
			}
		})(),
		write,
	);
	return 0;
}
