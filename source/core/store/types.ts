import type {SnapshotSource} from '../search/snapshot.js';
import type {Buffer} from 'node:buffer';
import type {BigIntStats} from 'node:fs';
import type {FolderStatistics} from '../search/narrowing.js';
import type {DatelineDate} from '../history/dateline-date.js';
import type {Document} from '../types.js';
import type {ScanKeeper} from '../corpus/kept-scan.js';

/** What the quick scan learns about a file without reading it. */
export interface FileStamp {
	readonly size: number;
	/** Modification time in milliseconds, as fs.Stats.mtimeMs gives it. */
	readonly mtimeMs: number;
}

/**
 * Where what was learnt about a folder's documents is kept between runs: the database in the
 * cache folder, or memory (--no-cache, or when the database cannot be used). The loader and the
 * commands talk to this interface only, so search, versions and the screens get Documents
 * whichever store answered.
 *
 * A store is a cache: any answer may be "unknown", and every write may be dropped (another
 * instance holds the database, the disk is full); the loader then reads the file itself.
 */
export interface CorpusStore {
	readonly kind: 'database' | 'memory';
	/** Every document known from an earlier run, in no particular order. */
	known(): readonly StoredDocumentInfo[];
	/** The size and modification time the document `id` was stored with (undefined when
	 * unknown): known()'s stamp of one document, without making an object of every one. */
	stampOf(id: string): FileStamp | undefined;
	/**
	 * The document `id` as stored, when the file still has the size and modification time it
	 * had when it was read; undefined when unknown or changed.
	 */
	unchanged(file: StoredFile, stamp: FileStamp): Document | undefined;
	/**
	 * The document `id` as it was stored, whatever its file is like now (undefined when
	 * unknown): what the library lists while a changed file is read again.
	 */
	stored(file: StoredFile): Document | undefined;
	/**
	 * Keeps `document`, read from a file with `stamp`. Returns the Document to hold on to: the
	 * database's holds metadata only and reads its paragraphs and text back when asked, so the
	 * texts of a large folder are not all kept in memory.
	 */
	save(document: Document, stamp: FileStamp): Document;
	/** Drops every document whose id is not in `present` (removed or renamed files). */
	retainOnly(present: ReadonlySet<string>): void;
	/** How many documents it holds (the loader asks no retainOnly when it listed every one). */
	storedCount(): number;
	/**
	 * The documents a search for `query` must index, from the stored term index without reading
	 * any text, and the folder's figures for ranking them as a search of every document would
	 * (see core/search/narrowing.ts); undefined when this store cannot narrow (then every
	 * document is indexed), or when there would be more than `mostCandidates` documents.
	 * core/search still decides what matches and how it ranks.
	 */
	narrow(query: string, mostCandidates?: number): Narrowing | undefined;
	/**
	 * The word sequences kept for `documents` (see core/search's SearchIndex.addSequences), in
	 * their order, and the terms their numbers stand for; undefined when one of them has none
	 * kept as it is now (then the documents are indexed from their texts).
	 */
	sequences?(documents: readonly Document[]): StoredSequences | undefined;
	/**
	 * What finding and ordering versions needs, kept from when each document was read: its
	 * signature and its dateline's date, for the documents whose text is as it was then;
	 * undefined when this store keeps none (then they are worked out from the texts).
	 */
	versionFacts(): KnownVersionFacts | undefined;
	/** versionFacts read a piece at a time, for a caller that must not wait for all of it at
	 * once (the app, between keys). */
	versionFactsInSteps(): VersionFactsSteps;
	/**
	 * Loads the code narrow and versionFacts need (the term index, version signatures, dateline
	 * dates), kept out of the library's first frame. Until it resolves they answer undefined,
	 * and documents are kept without their terms and facts (written once it has loaded).
	 */
	loadIndexing(): Promise<void>;
	/**
	 * Writes the terms and version facts of documents stored without them, a piece at a time
	 * until `deadline()`; true when none are missing (or none can be written). For a store
	 * opened to write them in the background (the app's), which calls it between keys. What
	 * `known` gives of a document (the app's indexes hold them once built) is written as it is,
	 * and its text is then neither read nor tokenised again.
	 */
	writeMissingFactsStep(deadline: () => boolean, known?: KnownFacts): boolean;
	/** The bytes of the search index snapshot kept for this folder (see
	 * core/search/snapshot.ts), read without blocking; undefined when there is none. */
	readSearchSnapshot(): Promise<Uint8Array | undefined>;
	/** The search index snapshot's file, opened to be read in pieces (see
	 * core/search/snapshot.ts, decodeSnapshotFrom): the index taken up from it reads its word
	 * sequences there while it is used, so it stays open until closed or the store is (reads
	 * after that find nothing). Undefined when there is none. */
	openSearchSnapshot(): Promise<SnapshotSource | undefined>;
	/** Keeps a search index snapshot for the next start, written whole or not at all; a cache
	 * that cannot be written is passed over in silence. */
	writeSearchSnapshot(parts: readonly Uint8Array[]): Promise<void>;
	/**
	 * When the folder's files are exactly those of the listing last confirmed with
	 * confirmListing (the same fingerprint, see core/corpus/listing.ts) and the store was not
	 * written since: its documents, answered without reading every document's metadata or any
	 * file. Undefined otherwise, or when this store cannot tell.
	 */
	unchangedFolder?(fingerprint: string): Promise<UnchangedFolder | undefined>;
	/**
	 * The folder as its listing was last confirmed, when the store was not written since,
	 * whatever the files are like now: for working an answer out while the folder is being
	 * listed, to be given only if the listing's fingerprint is the folder's (and it is still
	 * current). Undefined when there is none.
	 */
	confirmedFolder?(): Promise<UnchangedFolder | undefined>;
	/**
	 * Records, when it is so, that the folder's files are those of `listing` and every one is
	 * stored as it is now, for the next unchangedFolder. Nothing when it is not so.
	 */
	confirmListing?(listing: {
		readonly fingerprint: string;
		readonly files: ReadonlyMap<string, FileStamp>;
		/**
		 * The listing as the next command takes it in two halves (see core/corpus/listing.ts):
		 * its fingerprint then, recorded instead, and the names the second half is to stat,
		 * kept beside the database. Without it (or when the names cannot be written),
		 * `fingerprint` is recorded and no names are kept. With them, the directory record
		 * that vouches for the names (see core/corpus/listing.ts, directoryRecord), kept after
		 * them when there is one.
		 */
		readonly split?: {
			readonly fingerprint: string;
			readonly names: Uint8Array;
			readonly directories?: (namesFile: BigIntStats) => string;
		};
	}): void;
	/** Where the folder's scan is kept for the next start (see core/corpus/kept-scan.ts); none
	 * without a cache folder. */
	readonly scanKeeper?: ScanKeeper;
	/** Writes what was saved since the last flush (one transaction). */
	flush(): void;
	close(): void;
}

/** A file the scan found: its id in the folder and its absolute path (which may differ from
 * what the id suggests, the id being sanitised). */
export interface StoredFile {
	readonly id: string;
	readonly path: string;
	/** The path's bytes, when not valid UTF-8 (see Document.rawPath). */
	readonly rawPath?: Buffer | undefined;
	/** When `path` is this and the id (see FoundFile.inFolder). */
	readonly inFolder?: string | undefined;
}

/** A document's metadata as a store keeps it. */
export interface StoredDocumentInfo {
	readonly id: string;
	readonly title: string;
	readonly words: number;
	readonly paragraphCount: number;
	readonly stamp: FileStamp;
}

/** A folder unchanged since its listing was confirmed (see CorpusStore.unchangedFolder). */
export interface UnchangedFolder {
	/** The fingerprint of the listing confirmed (see core/corpus/listing.ts). */
	readonly fingerprint: string;
	/** Whether the store is still as confirmed (nothing written since). */
	current(): boolean;
	/** How many documents the folder has. */
	readonly documents: number;
	/** As CorpusStore.narrow. */
	narrow(query: string): Narrowing | undefined;
	/** The stored documents `ids` (every one when undefined), in no particular order. */
	stored(ids?: Iterable<string>): Document[];
}

/** Word sequences as a store keeps them: see CorpusStore.sequences. */
export interface StoredSequences {
	readonly sequences: readonly Int32Array[];
	termOf(number: number): string;
}

/** What narrow answers: the ids to index, and the folder's figures to rank them with. */
export interface Narrowing {
	readonly candidates: ReadonlySet<string>;
	readonly folder: FolderStatistics;
	/** The numbers of every stored term the query's words and phrases can match, in the
	 * numbering of CorpusStore.sequences: a narrowed index of the candidates needs no others. */
	readonly terms?: ReadonlySet<number>;
}

/** Version signatures and dateline dates as kept: each undefined for a document not known as
 * it is now, null for one known to have none. */
export interface KnownVersionFacts {
	signature(document: Document): Uint32Array | null | undefined;
	datelineDate(document: Document): DatelineDate | null | undefined;
}

/** What CorpusStore.versionFactsInSteps reads. */
export interface VersionFactsSteps {
	/** Reads on until `deadline()` (at least a page of rows); true when all is read. */
	step(deadline: () => boolean): boolean;
	/** Once a step has said true: versionFacts' answer. */
	readonly facts: KnownVersionFacts | undefined;
}

/** A store's versionFactsInSteps when it keeps none. */
export const NO_VERSION_FACTS: VersionFactsSteps = {step: () => true, facts: undefined};

/**
 * A document's terms and signature as already worked out elsewhere (the app's search and
 * versions indexes), looked up by its id and hash; undefined when not known.
 */
export interface KnownFacts {
	/** Its terms and word sequence, as core/store/term-index.ts documentTermsSteps makes them. */
	terms(id: string, hash: string): KnownTerms | undefined;
	/** Its version signature; null when its text has no shingles. */
	signature(id: string, hash: string): Uint32Array | null | undefined;
	/**
	 * False while the giver is still working out this document's facts (the app's indexes,
	 * still being built): writing them then waits for it, rather than reading, tokenising and
	 * shingling the text a second time. Always ready when not given.
	 */
	ready?(id: string, hash: string): boolean;
	/**
	 * Its word sequence in the giver's numbering, for the store's writer to work its terms out
	 * from on its own thread (see core/store/facts-writer.ts): the main thread then only copies
	 * the sequence. Undefined when not known; `terms` is asked then.
	 */
	words?(id: string, hash: string): KnownWords | undefined;
}

/** A document's word sequence as KnownFacts.words gives it. */
export interface KnownWords {
	/** The numbering: a number always stands for the same term within it (see KnownTerms.keys). */
	readonly space: object;
	/** Its words as numbers of `space`, -1 after each text; the store's to keep (and hand over). */
	readonly words: Int32Array;
	/** The terms of `space` by number, at least as many as `words` names (it may grow). */
	readonly terms: readonly string[];
}

/** A document's terms and word sequence as KnownFacts gives them. */
export interface KnownTerms {
	/** Its distinct terms, in the order they first occur. */
	readonly terms: readonly string[];
	/** Its word sequence: places in `terms`, -1 after each text. */
	readonly sequence: Int32Array;
	/**
	 * Each term's number in a numbering of the giver's own (`keys.of[i]` is `terms[i]`'s), in
	 * which a number always stands for the same term within `keys.space` (a search index's
	 * vocabulary). The store then learns its own number for each once and looks no term up by
	 * its string again: at 10,000 documents that was about 3 million Map lookups, and a third
	 * of writing the terms and facts.
	 */
	readonly keys?: {readonly space: object; readonly of: Int32Array};
}
