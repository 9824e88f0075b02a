import type {Buffer} from 'node:buffer';
import type {Document, TextEncodingName} from '../types.js';

/** A Document's fields other than its paragraphs and text (and Markdown blocks, which are not
 * stored), which a store reads back on demand; with how many paragraphs there are. */
export type DocumentMetadata = Omit<Document, 'paragraphs' | 'text' | 'markdown'> & {
	readonly paragraphCount: number;
};

/** Reads a stored document's paragraphs and text back. */
export interface BodySource {
	paragraphsOf(document: StoredDocument): readonly string[];
	textOf(document: StoredDocument): string;
}

/**
 * A Document whose paragraphs and text stay in the store until asked for, and are not kept
 * after (the store keeps the last few it read, so a screen that reads them again and again gets
 * the same arrays). The rest is metadata, small enough to hold for 100,000 documents.
 */
export class StoredDocument implements Document {
	readonly id: string;
	readonly path: string;
	readonly rawPath?: Buffer;
	readonly fileName: string;
	readonly title: string;
	readonly titleFromHeadline: boolean;
	readonly dateline: string | undefined;
	readonly source: string | undefined;
	readonly paragraphCount: number;
	readonly words: number;
	readonly readingMinutes: number;
	readonly encoding: TextEncodingName;
	readonly hash: string;
	readonly bytes: number;

	constructor(
		metadata: DocumentMetadata,
		private readonly bodies: BodySource,
	) {
		this.id = metadata.id;
		this.path = metadata.path;
		if (metadata.rawPath) this.rawPath = metadata.rawPath;
		this.fileName = metadata.fileName;
		this.title = metadata.title;
		this.titleFromHeadline = metadata.titleFromHeadline;
		this.dateline = metadata.dateline;
		this.source = metadata.source;
		this.paragraphCount = metadata.paragraphCount;
		this.words = metadata.words;
		this.readingMinutes = metadata.readingMinutes;
		this.encoding = metadata.encoding;
		this.hash = metadata.hash;
		this.bytes = metadata.bytes;
	}

	get paragraphs(): readonly string[] {
		return this.bodies.paragraphsOf(this);
	}

	get text(): string {
		return this.bodies.textOf(this);
	}
}

/** How many paragraphs a document has, without reading a stored document's body. */
export function paragraphCount(document: Document): number {
	return document instanceof StoredDocument ? document.paragraphCount : document.paragraphs.length;
}
