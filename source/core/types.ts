import type {Buffer} from 'node:buffer';
import type {MarkdownBlock} from './markdown/types.js';
/** A decoded, sanitised article. Every string here is safe to print: control characters were
 * replaced by visible placeholders when the file was decoded (see core/text/sanitise). */
export interface Document {
	/** Path relative to the library folder, with '/' separators. Unique in a corpus. */
	readonly id: string;
	/** Absolute path on disk. Not sanitised: never print it, print `id` or `fileName`. */
	readonly path: string;
	/**
	 * The path's bytes, when a name on it is not valid UTF-8 (a Latin-1 `caf\xe9.txt`): `path`
	 * then holds the name decoded for display, which the file system would not find. Open the
	 * file through `openablePath`.
	 */
	readonly rawPath?: Buffer;
	/** Base name of the file, sanitised for display. */
	readonly fileName: string;
	readonly title: string;
	/** Whether `title` is the document's own first line (a headline) or derived from its opening. */
	readonly titleFromHeadline: boolean;
	readonly dateline: string | undefined;
	readonly source: string | undefined;
	/** Body paragraphs in reading order, whitespace collapsed to single spaces, without the
	 * headline and dateline (those are shown as a header). */
	readonly paragraphs: readonly string[];
	/**
	 * Its paragraphs for one pass over many documents (an index being built), where reading them
	 * costs: a stored document's are read without being kept among the store's recent bodies,
	 * which are for what screens show again and again. Absent: `paragraphs` serves.
	 */
	paragraphsForOnePass?(): readonly string[];
	/** A Markdown document's blocks, one per paragraph: how the reader draws each. */
	readonly markdown?: readonly MarkdownBlock[];
	/** Words in title + body. */
	readonly words: number;
	readonly readingMinutes: number;
	/** The whole decoded text, newlines normalised to \n, sanitised; what the diff compares. */
	readonly text: string;
	/** Encoding the bytes were decoded from. */
	readonly encoding: TextEncodingName;
	/** Hex digest of the decoded text, to recognise a changed article. */
	readonly hash: string;
	/** Size of the file in bytes. */
	readonly bytes: number;
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type SkipReason = 'binary' | 'unreadable' | 'too large';

export interface SkippedFile {
	/** Path relative to the folder, sanitised for display. */
	readonly id: string;
	readonly reason: SkipReason;
	/** One line saying what went wrong, for the user. */
	readonly detail?: string;
}

/** A half-open range [start, end) of UTF-16 code unit offsets into some string. */
export interface Range {
	readonly start: number;
	readonly end: number;
}

/** A run of text with one look. Screens draw lines as arrays of segments; core decides the
 * roles, the UI maps roles to colours and to a second, colour-free cue. */
export interface Segment {
	readonly text: string;
	readonly role?: SegmentRole;
	/** A link's address (sanitised): drawn as an OSC 8 hyperlink where the terminal has them. */
	readonly href?: string;
}

export type SegmentRole =
	| 'title'
	| 'dim'
	| 'match'
	| 'current-match'
	/** Markdown: strong emphasis, emphasis, code, a link's text, struck-out text, raw HTML. */
	| 'strong'
	| 'emphasis'
	| 'code'
	| 'link'
	| 'struck'
	| 'deleted'
	/** Text that was there and is gone, shown for the record (struck out and dim). */
	| 'removed'
	| 'inserted'
	/** The deleted and inserted text of the diff's current change: stronger (bold too). */
	| 'current-deleted'
	| 'current-inserted'
	| 'layout'
	| 'marker'
	/** The line under the cursor in a list. */
	| 'selected'
	/** A search match on the line under the cursor. */
	| 'selected-match'
	/** The status bar. */
	| 'status';

export type StyledLine = readonly Segment[];

/** What to open, stat or hand to another program for `document`'s file: its path's bytes
 * when the name is not valid UTF-8, else its path. */
export function openablePath(document: Pick<Document, 'path' | 'rawPath'>): string | Buffer {
	return document.rawPath ?? document.path;
}
