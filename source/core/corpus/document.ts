import type {Buffer} from 'node:buffer';
import {basename} from 'node:path';
import type {Document, TextEncodingName} from '../types.js';
import {sanitiseHeading, sanitiseLine, sanitiseText} from '../text/sanitise.js';
import {normaliseNewlines} from './decode.js';
import {hashText} from './hash.js';
import {isDateline, openingTitle, splitHeading} from './heading.js';
import {splitParagraphs, trimBlankLines} from './paragraphs.js';
import {findSource} from './source.js';
import {countWords, readingMinutes} from '../text/words.js';
import type {RenderMarkdown} from '../markdown/load.js';
import type {MarkdownBlock} from '../markdown/types.js';

export interface DocumentInput {
	readonly id: string;
	/** Absolute path of the file. */
	readonly path: string;
	/** The path's bytes, when not valid UTF-8 (see Document.rawPath). */
	readonly rawPath?: Buffer | undefined;
	readonly bytes: number;
	/** Decoded text, not yet sanitised. */
	readonly text: string;
	readonly encoding: TextEncodingName;
	/** Read the text as Markdown with this renderer (see core/markdown). */
	readonly markdown?: RenderMarkdown;
}

export const EMPTY_TITLE = '(empty)';
/** Markdown longer than this is shown as plain text, see markdownParts. */
export const MAX_MARKDOWN_CHARACTERS = 1_000_000;

/** A document's text from its file's decoded text (a Markdown document's is rendered instead):
 * what its hash is of, and what the store reads back from the file (see core/store/open.ts). */
export function documentText(decoded: string): string {
	return sanitiseText(normaliseNewlines(decoded));
}

/** Builds a Document from decoded text: sanitises it, then finds its title, dateline, source and
 * paragraphs (see heading.ts, paragraphs.ts and source.ts for the rules). */
export function parseDocument(input: DocumentInput): Document {
	const text = documentText(input.text);
	const parts = (input.markdown && markdownParts(input.text, input.markdown)) || plainParts(text);
	const {paragraphs} = parts;
	const title = sanitiseHeading(
		parts.headline ?? (paragraphs[0] === undefined ? EMPTY_TITLE : openingTitle(paragraphs[0])),
	);
	// Every word of the text, headline, dateline and footer included: the figure the diff's
	// statistics give for the same file (a derived title repeats the body and is not counted).
	const words = countWords(parts.text ?? text);

	return {
		id: input.id,
		path: input.path,
		...(input.rawPath ? {rawPath: input.rawPath} : {}),
		fileName: sanitiseLine(basename(input.path)),
		title,
		titleFromHeadline: parts.headline !== undefined,
		dateline: headingOrNone(parts.dateline),
		source: headingOrNone(findSource(paragraphs)),
		paragraphs,
		...(parts.markdown ? {markdown: parts.markdown} : {}),
		words,
		readingMinutes: readingMinutes(words),
		text: parts.text ?? text,
		encoding: input.encoding,
		hash: hashText(text),
		bytes: input.bytes,
	};
}

interface DocumentParts {
	readonly headline: string | undefined;
	readonly dateline: string | undefined;
	readonly paragraphs: string[];
	/** For Markdown, the blocks beside `paragraphs`, and the rendered text the diff reads. */
	readonly markdown?: MarkdownBlock[];
	readonly text?: string;
}

function plainParts(text: string): DocumentParts {
	const heading = splitHeading(trimBlankLines(text));
	const paragraphs = splitParagraphs(heading.body);
	let dateline = heading.dateline;
	// Text without line breaks (seed 000) can only show its dateline once split into paragraphs.
	if (dateline === undefined && paragraphs.length > 1 && isDateline(paragraphs[0]!)) {
		dateline = paragraphs.shift();
	}
	return {headline: heading.headline, dateline, paragraphs};
}

/**
 * A Markdown document: a first heading is its headline, a dateline may follow it; every other
 * block is a paragraph, its text without Markdown syntax (a code block's line breaks become
 * spaces, so offsets into the paragraph are offsets into the block). The rendered text, not
 * the source, is what the diff and the versions compare, so a Markdown article and a plain
 * copy of it are versions of each other.
 */
function markdownParts(source: string, render: RenderMarkdown): DocumentParts | undefined {
	// Rendering costs about a second a megabyte, in one piece: a larger file is read as plain
	// text (still searchable, still in the diff), and so is one marked cannot parse (quotes
	// nested thousands deep overflow its stack).
	if (source.length > MAX_MARKDOWN_CHARACTERS) return undefined;
	let blocks: MarkdownBlock[];
	try {
		blocks = render(normaliseNewlines(source));
	} catch {
		return undefined;
	}
	let headline: string | undefined;
	if (blocks[0]?.kind === 'heading') headline = blocks.shift()!.text;
	let dateline: string | undefined;
	if (blocks.length > 1 && blocks[0]!.kind === 'paragraph' && isDateline(blocks[0]!.text)) {
		dateline = blocks.shift()!.text;
	}
	const paragraphs = blocks.map((block) => block.text.replace(/\n/g, ' '));
	const lines = [headline, dateline, ...paragraphs].filter((part) => part !== undefined);
	return {headline, dateline, paragraphs, markdown: blocks, text: lines.join('\n\n')};
}

function headingOrNone(text: string | undefined): string | undefined {
	return text === undefined ? undefined : sanitiseHeading(text);
}
