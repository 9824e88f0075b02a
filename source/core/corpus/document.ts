import {basename} from 'node:path';
import type {Document, TextEncodingName} from '../types.js';
import {sanitiseLine, sanitiseText} from '../text/sanitise.js';
import {normaliseNewlines} from './decode.js';
import {hashText} from './hash.js';
import {isDateline, openingTitle, splitHeading} from './heading.js';
import {splitParagraphs, trimBlankLines} from './paragraphs.js';
import {findSource} from './source.js';
import {countWords, readingMinutes} from '../text/words.js';

export interface DocumentInput {
	readonly id: string;
	/** Absolute path of the file. */
	readonly path: string;
	readonly bytes: number;
	/** Decoded text, not yet sanitised. */
	readonly text: string;
	readonly encoding: TextEncodingName;
}

export const EMPTY_TITLE = '(empty)';

/** Builds a Document from decoded text: sanitises it, then finds its title, dateline, source and
 * paragraphs (see heading.ts, paragraphs.ts and source.ts for the rules). */
export function parseDocument(input: DocumentInput): Document {
	const text = sanitiseText(normaliseNewlines(input.text));
	const heading = splitHeading(trimBlankLines(text));
	const paragraphs = splitParagraphs(heading.body);
	let dateline = heading.dateline;
	// Text without line breaks (seed 000) can only show its dateline once split into paragraphs.
	if (dateline === undefined && paragraphs.length > 1 && isDateline(paragraphs[0]!)) {
		dateline = paragraphs.shift();
	}
	const titleFromHeadline = heading.headline !== undefined;
	const title =
		heading.headline ?? (paragraphs[0] === undefined ? EMPTY_TITLE : openingTitle(paragraphs[0]));
	// Every word of the text, headline, dateline and footer included: the figure the diff's
	// statistics give for the same file (a derived title repeats the body and is not counted).
	const words = countWords(text);

	return {
		id: input.id,
		path: input.path,
		fileName: sanitiseLine(basename(input.path)),
		title,
		titleFromHeadline,
		dateline,
		source: findSource(paragraphs),
		paragraphs,
		words,
		readingMinutes: readingMinutes(words),
		text,
		encoding: input.encoding,
		hash: hashText(text),
		bytes: input.bytes,
	};
}
