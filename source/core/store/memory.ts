import type {Document} from '../types.js';
import {
	NO_VERSION_FACTS,
	type CorpusStore,
	type FileStamp,
	type StoredDocumentInfo,
	type StoredFile,
	type VersionFactsSteps,
} from './types.js';
import {sameStamp} from './stamp.js';

/**
 * The store of --no-cache, and of a folder whose database cannot be used: what is saved lasts
 * as long as the process, and documents keep their texts in memory.
 */
export class MemoryStore implements CorpusStore {
	readonly kind = 'memory';
	private readonly documents = new Map<string, {document: Document; stamp: FileStamp}>();

	known(): StoredDocumentInfo[] {
		return [...this.documents.values()].map(({document, stamp}) => ({
			id: document.id,
			title: document.title,
			words: document.words,
			paragraphCount: document.paragraphs.length,
			stamp,
		}));
	}

	stampOf(id: string): FileStamp | undefined {
		return this.documents.get(id)?.stamp;
	}

	unchanged(file: StoredFile, stamp: FileStamp): Document | undefined {
		const entry = this.documents.get(file.id);
		return entry && sameStamp(entry.stamp, stamp) ? entry.document : undefined;
	}

	stored(file: StoredFile): Document | undefined {
		return this.documents.get(file.id)?.document;
	}

	save(document: Document, stamp: FileStamp): Document {
		this.documents.set(document.id, {document, stamp});
		return document;
	}

	storedCount(): number {
		return this.documents.size;
	}

	retainOnly(present: ReadonlySet<string>): void {
		for (const id of this.documents.keys()) if (!present.has(id)) this.documents.delete(id);
	}

	narrow(): undefined {
		return undefined;
	}

	versionFacts(): undefined {
		return undefined;
	}

	versionFactsInSteps(): VersionFactsSteps {
		return NO_VERSION_FACTS;
	}

	loadIndexing(): Promise<void> {
		return Promise.resolve();
	}

	writeMissingFactsStep(): boolean {
		return true;
	}

	readSearchSnapshot(): Promise<undefined> {
		return Promise.resolve(undefined);
	}

	openSearchSnapshot(): Promise<undefined> {
		return Promise.resolve(undefined);
	}

	writeSearchSnapshot(): Promise<void> {
		return Promise.resolve();
	}

	flush(): void {}

	close(): void {
		this.documents.clear();
	}
}
