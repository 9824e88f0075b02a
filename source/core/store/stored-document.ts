import type {Buffer} from 'node:buffer';
import type {Document, TextEncodingName} from '../types.js';

/**
 * A document's metadata as the database keeps it (a row of its documents table, see
 * database.ts's MetadataRow): a StoredDocument reads its fields from this object, shared with
 * the store, rather than copying them.
 */
export interface MetadataRecord {
	readonly id: string;
	/** The file's size in bytes. */
	readonly size: number;
	readonly hash: string;
	readonly file_name: string;
	readonly title: string;
	/** 1 when the title is the document's headline. */
	readonly title_from_headline: number;
	readonly dateline: string | null;
	readonly source: string | null;
	/** How many paragraphs. */
	readonly paragraphs: number;
	readonly words: number;
	readonly reading_minutes: number;
	readonly encoding: string;
	/** Writes the keyDigest of its documentKey (see core/search/document-key.ts) at `into[at]`
	 * and `into[at + 1]`, when it was kept with the record (see kept-rows.ts). */
	keyDigestInto?(into: Int32Array, at: number): void;
}

/** Reads a stored document's paragraphs and text back. */
export interface BodySource {
	/** With keep false, what is read is not kept among the recent bodies (see RecentBodies). */
	paragraphsOf(document: StoredDocument, keep?: boolean): readonly string[];
	textOf(document: StoredDocument): string;
}

/**
 * A Document whose paragraphs and text stay in the store until asked for, and are not kept
 * after (the store keeps those it read last, see recent-bodies.ts, so a screen that reads them
 * again and again gets the same arrays). The rest is metadata, read from the store's record of it; its path is made
 * from the folder's when it is that folder and its id. Small enough to hold for 100,000
 * documents: a copy of every field, and every path, took about 200 bytes a document more.
 */
export class StoredDocument implements Document {
	readonly id: string;
	readonly rawPath?: Buffer;
	private readonly record: MetadataRecord;
	/** Its path when that is not the folder's prefix and its id. */
	private readonly ownPath: string | undefined;
	private readonly prefix: string;

	/** `prefix` is the folder's path and a separator; `file.path` is that and the id when not
	 * given. */
	constructor(
		record: MetadataRecord,
		file: {
			readonly path?: string;
			readonly rawPath?: Buffer | undefined;
			readonly inFolder?: string | undefined;
		},
		private readonly bodies: BodySource,
		prefix: string,
	) {
		this.id = record.id;
		this.record = record;
		if (file.rawPath) this.rawPath = file.rawPath;
		const {path} = file;
		// Told by the scan when it can be (a path made of two strings is joined into one by the
		// first comparison of it: 100,000 of them at a second start).
		const made =
			path === undefined ||
			(file.inFolder === prefix && path.length === prefix.length + record.id.length) ||
			(path.length === prefix.length + record.id.length &&
				path.endsWith(record.id) &&
				path.startsWith(prefix));
		this.ownPath = made ? undefined : path;
		this.prefix = prefix;
	}

	get path(): string {
		return this.ownPath ?? this.prefix + this.id;
	}

	get fileName(): string {
		return this.record.file_name;
	}

	get title(): string {
		return this.record.title;
	}

	get titleFromHeadline(): boolean {
		return this.record.title_from_headline === 1;
	}

	get dateline(): string | undefined {
		return this.record.dateline ?? undefined;
	}

	get source(): string | undefined {
		return this.record.source ?? undefined;
	}

	get paragraphCount(): number {
		return this.record.paragraphs;
	}

	get words(): number {
		return this.record.words;
	}

	get readingMinutes(): number {
		return this.record.reading_minutes;
	}

	get encoding(): TextEncodingName {
		return this.record.encoding as TextEncodingName;
	}

	get hash(): string {
		return this.record.hash;
	}

	get bytes(): number {
		return this.record.size;
	}

	get paragraphs(): readonly string[] {
		return this.bodies.paragraphsOf(this);
	}

	paragraphsForOnePass(): readonly string[] {
		return this.bodies.paragraphsOf(this, false);
	}

	get text(): string {
		return this.bodies.textOf(this);
	}

	/** Writes its documentKey's digest when the store kept it with the metadata (see
	 * MetadataRecord.keyDigestInto); false when it did not. */
	keptKeyDigest(into: Int32Array, at: number): boolean {
		if (this.record.keyDigestInto === undefined) return false;
		this.record.keyDigestInto(into, at);
		return true;
	}
}

/** How many paragraphs a document has, without reading a stored document's body. */
export function paragraphCount(document: Document): number {
	return document instanceof StoredDocument ? document.paragraphCount : document.paragraphs.length;
}
