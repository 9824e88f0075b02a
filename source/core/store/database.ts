// Imported, not import()ed: the commands' bundle runs in node:vm, where import() fails (the
// snapshot's checksums were then never worked out, and it read as damaged).
import {Worker} from 'node:worker_threads';
import {Buffer} from 'node:buffer';
import {constants, existsSync, readSync, unlinkSync, type BigIntStats} from 'node:fs';
import {open, readdir, rename, rm, stat, type FileHandle} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {basename, dirname, join, sep} from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import {crypto} from '../corpus/hash.js';
import {SETTLE_MS, settledBefore} from '../corpus/settled.js';
import {directoriesFileOf, namesFileOfDatabase, scanFileOfDatabase} from './cache-home.js';
import {keepFile, keepNamedFile} from './keep-file.js';
import {fileIdentity, readKept} from './read-kept.js';
import type {ScanKeeper} from '../corpus/kept-scan.js';
import {ownString} from '../text/own-string.js';
import {widened} from '../widened.js';
import type {Document, TextEncodingName} from '../types.js';
import type {CheckedRange, SnapshotSource} from '../search/snapshot.js';
import {StoredDocument, type BodySource} from './stored-document.js';
import {keepRows, keptRowsBytes, keptRowsOf, readKeptRows} from './kept-rows.js';
import {stampedAs} from './stamp.js';
import {readInPieces} from './read-pieces.js';
// Types only: the writer loads with the index module (see loadIndexing).
import type {
	DocumentItem,
	FactsBatch,
	FactsItem,
	FactsStatements,
	FactsWriter,
	FactsWritten,
} from './facts-writer.js';
import type {KeySignal} from './key-signal.js';
import type {Signer} from './signer.js';
import {bodySumWith, textSumFromHash} from './body-sum.js';
// Types only: the module itself loads on first use (see loadIndexing).
import type * as DatabaseIndex from './database-index.js';
import type {ReadFailure, TermQueries, WrittenFacts} from './database-index.js';

type IndexModule = typeof DatabaseIndex;
import {
	NO_VERSION_FACTS,
	type CorpusStore,
	type FileStamp,
	type KnownFacts,
	type KnownVersionFacts,
	type Narrowing,
	type StoredDocumentInfo,
	type StoredFile,
	type StoredSequences,
	type UnchangedFolder,
	type VersionFactsSteps,
} from './types.js';
import type {ConfirmedListing} from './database-index.js';
import {RecentBodies} from './recent-bodies.js';

/**
 * Bumped whenever what is stored, or how a file becomes a Document (decoding, paragraphs,
 * titles, word counts), or how its terms are cut and folded (core/search's tokenise and
 * normalise) changes: a database of another version is dropped and rebuilt, never misread.
 * 3: words counted by core/text/words.ts, "Iran’s" one term "iran", Markdown documents.
 * 4: each document's search word-sequence length (BM25 over the folder, see narrowing.ts).
 * 5: each document's version signature and dateline date (version_facts).
 * 6: a checksum beside each stored body (SQLite does not notice bytes changed on disk).
 * 7: each document's word sequence (sequences), so a search does not tokenise its candidates.
 */
export const SCHEMA_VERSION = 8;
/** Written as the version of a database found damaged: the next start rebuilds it. */
const DAMAGED_VERSION = -1;
/** Marks the file as ours, so a database of some other program is never taken for a cache. */
const APPLICATION_ID = 0x52524d31; // 'RRM1'
/**
 * How long a write waits for another instance's transaction. Writes happen on the main thread
 * between keystrokes, so the wait is short: a batch that cannot be written is simply read from
 * its files again next time.
 */
const BUSY_TIMEOUT_MS = 150;
/** A snapshot being written this long ago was abandoned (see removeAbandonedSnapshots). */
const ABANDONED_AFTER_MS = 60_000;

/** Fewer documents are read row by row in a few milliseconds: not worth a kept copy. */
const KEEP_ROWS_FROM = 1_000;
/** Fewer documents' facts are written in under a second: not worth a worker's start. */
const FACTS_WRITER_FROM = 1_000;
/** Documents saved in a run from which, with factsInBackground, their rows and bodies are
 * written by the facts writer's worker (a first run's loading). */
const DOCUMENTS_WRITER_FROM = 1_000;
/** The statements that write a document's row and body, terms, sequence and facts, and the
 * write count: the store's, and the facts writer's (see facts-writer.ts), which numbers no terms
 * itself. */
export const FACTS_SQL: FactsStatements = {
	putDocument: `INSERT INTO documents VALUES (@id, @size, @mtime, @hash, @file_name, @title,
		@title_from_headline, @dateline, @source, @paragraphs, @words, @reading_minutes, @encoding,
		@sequence_words)`,
	putBody: 'INSERT OR REPLACE INTO bodies VALUES (?, ?, ?, ?, ?, ?)',
	rowidOf: 'SELECT rowid FROM documents WHERE id = ?',
	dropTerms: 'DELETE FROM term_index WHERE rowid = ?',
	dropSequence: 'DELETE FROM sequences WHERE id = ?',
	drop: 'DELETE FROM documents WHERE id = ?',
	dropBody: 'DELETE FROM bodies WHERE id = ?',
	dropFacts: 'DELETE FROM version_facts WHERE id = ?',
	addTerm: 'INSERT INTO terms (number, term) VALUES (?, ?)',
	terms: 'SELECT term, number FROM terms',
	// A document's sequence goes under its rowid only while a row has that rowid, and its facts
	// (which say it has its terms and sequence: MISSING_FACTS) only while its row has its
	// sequence: another instance may have saved the document again meanwhile (two
	// first runs at once), under another rowid, and facts written beside terms under the old one
	// kept every run from writing them again. OR IGNORE, not OR REPLACE: a statement that may
	// replace rows takes a statement journal, whose savepoint has FTS5 flush the terms it holds
	// in memory, every document (4 times the writes' time). Its terms are checked before they are
	// written, by the worker (writerThread) and the main thread (writeFacts).
	putTerms: 'INSERT INTO term_index (rowid, terms) VALUES (?, ?)',
	putSequence: `INSERT OR IGNORE INTO sequences SELECT r, w FROM (SELECT ? AS r, ? AS w)
		WHERE EXISTS (SELECT 1 FROM documents WHERE rowid = r)`,
	putFacts: `INSERT OR IGNORE INTO version_facts
		SELECT i, h, s, m, t FROM (SELECT ? AS i, ? AS h, ? AS s, ? AS m, ? AS t)
		WHERE EXISTS (SELECT 1 FROM documents d JOIN sequences q ON q.id = d.rowid WHERE d.id = i)`,
	putSequenceWords: 'UPDATE documents SET sequence_words = ? WHERE id = ?',
	generation: "SELECT value FROM folder WHERE key = 'generation'",
	setGeneration: "INSERT OR REPLACE INTO folder VALUES ('generation', ?)",
};
/** The documents stored without their terms and version facts. */
const MISSING_FACTS =
	'SELECT d.id, d.rowid FROM documents d LEFT JOIN version_facts f ON f.id = d.id WHERE f.id IS NULL';

/** See SCHEMA's term_index: more than the facts writer's largest transaction holds. */
const FTS5_HASH_BYTES = 16 * 1024 * 1024;

const SCHEMA = `
	CREATE TABLE IF NOT EXISTS documents (
		id TEXT PRIMARY KEY,
		size INTEGER NOT NULL,
		mtime REAL NOT NULL,
		hash TEXT NOT NULL,
		file_name TEXT NOT NULL,
		title TEXT NOT NULL,
		title_from_headline INTEGER NOT NULL,
		dateline TEXT,
		source TEXT,
		paragraphs INTEGER NOT NULL,
		words INTEGER NOT NULL,
		reading_minutes INTEGER NOT NULL,
		encoding TEXT NOT NULL,
		-- Its word sequence's length as core/search counts it, for BM25's average length.
		sequence_words INTEGER NOT NULL
	);
	-- Apart from the metadata, so listing reads small rows only.
	-- Each body with its checksum (see bodySum): one that does not match is read from its file.
	-- The text is null where it is the file's own (see storedText): read from the file.
	CREATE TABLE IF NOT EXISTS bodies (
		id TEXT PRIMARY KEY,
		hash TEXT NOT NULL,
		paragraphs TEXT NOT NULL,
		text TEXT,
		paragraphs_sum TEXT NOT NULL,
		text_sum TEXT NOT NULL
	);
	-- What finding and ordering versions needs of a document, so that is not worked out again:
	-- its MinHash signature (128 little-endian 32-bit bins; empty when it has no shingles) and
	-- its dateline's date (null when it has none that can be read).
	CREATE TABLE IF NOT EXISTS version_facts (
		id TEXT PRIMARY KEY,
		hash TEXT NOT NULL,
		signature BLOB NOT NULL,
		dateline_ms REAL,
		dateline_has_time INTEGER
	);
	CREATE TABLE IF NOT EXISTS folder (key TEXT PRIMARY KEY, value TEXT NOT NULL);
	-- The search vocabulary (see term-index.ts): numbers are never reused or changed.
	CREATE TABLE IF NOT EXISTS terms (number INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
	-- Each document's word sequence as core/search makes it, as term numbers (see
	-- term-index.ts encodeSequence), under the document's rowid: a search indexes its
	-- candidates from these without reading or tokenising their texts.
	CREATE TABLE IF NOT EXISTS sequences (id INTEGER PRIMARY KEY, words BLOB NOT NULL);
	-- Each document's term numbers as words t<number>, under the document's rowid.
	CREATE VIRTUAL TABLE IF NOT EXISTS term_index USING fts5(
		terms, content = '', contentless_delete = 1, tokenize = 'ascii', detail = 'none'
	);
	-- FTS5 holds a transaction's new terms in memory and writes them out when it holds more
	-- than 'hashsize' bytes (1 MB by default), and at commit. The facts writer's transactions
	-- (WRITER_BATCH_TERMS) hold more than 1 MB: at 100,000 documents its inserts took 15.5 s
	-- of its 33.5 s, and 7.7 of 28.8 s with this.
	INSERT INTO term_index (term_index, rank) VALUES ('hashsize', ${FTS5_HASH_BYTES});
`;

type Database = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement;

export interface MetadataRow {
	/** The documents table's rowid, which keys its terms in term_index; 0 until written. */
	rowid: number;
	id: string;
	size: number;
	mtime: number;
	hash: string;
	file_name: string;
	title: string;
	title_from_headline: number;
	dateline: string | null;
	source: string | null;
	paragraphs: number;
	words: number;
	reading_minutes: number;
	encoding: string;
	sequence_words: number;
}

/** Why a database could not be used: said in one line, then the app goes on without it. */
export class StoreUnusable extends Error {}

export interface DatabaseStoreOptions {
	/** The folder's real path, recorded in the database: one made for another folder is not used. */
	readonly folder: string;
	/** Called once with a line for the user when the database had to be rebuilt. */
	readonly warn?: (message: string) => void;
	/** Reads a document whose stored body is gone (another instance replaced it). */
	readonly reread?: (document: StoredDocument) => Document | undefined;
	/** The text a document's file holds now, as a plain document's text (see storedText);
	 * undefined when it cannot be read. */
	readonly fileText?: (document: StoredDocument) => string | undefined;
	/**
	 * Documents' terms and version facts are written only by writeMissingFactsStep, a piece at a
	 * time (the app, which calls it between keys), never while writing or narrowing: a 5 MB
	 * article's took 200–300 ms in one go. Until they are all written, narrow answers undefined.
	 */
	readonly factsInBackground?: boolean;
	/** The metadata rows are read when first needed, not when opening: a command asks
	 * unchangedFolder first, which needs none of them, and the app's loader reads them while
	 * its worker stats the files (see core/corpus/load.ts). */
	readonly deferRows?: boolean;
	/** Rows are kept whole (see kept-rows.ts) from this many documents; 1,000 when not given. */
	readonly keepRowsFrom?: number;
	/** writeMissingFactsStep writes through a worker thread (see facts-writer.ts) from this
	 * many documents missing their facts; 1,000 when not given. */
	readonly factsWriterFrom?: number;
	/** Terms of the documents the writer writes in one transaction; WRITER_BATCH_TERMS when not
	 * given. */
	readonly factsWriterBatchTerms?: number;
	/** With factsInBackground, documents' rows and bodies are written through the facts writer's
	 * worker once this many were saved in the run (the loader goes on meanwhile); 1,000 when not
	 * given. */
	readonly documentsWriterFrom?: number;
	/** How the writer's worker loads the code that works out the version signatures of the
	 * documents it writes (see signer.ts); false: the main thread's versions index works them
	 * out. The build's or the sources' when not given. */
	readonly signer?: Signer | false;
	/** When keys were pressed (the app's): see KeySignal. */
	readonly keys?: KeySignal;
	/** How long before a check of the search snapshot began its file must have been written for
	 * the check to vouch for it (see openSearchSnapshot); SETTLE_MS when not given. */
	readonly settleMs?: number;
}

let sqlite: {Database: typeof BetterSqlite3; addon: string | undefined} | undefined;
/**
 * better-sqlite3 and its native binding load on first use, not with the app. The binding is
 * given by its path where better-sqlite3's build puts it: found by better-sqlite3 itself (the
 * `bindings` package: the caller's file from a stack trace, then two other places tried first,
 * each a failed require), it cost about 3 ms more of a command's start. Where it is not there,
 * better-sqlite3 finds it.
 */
function loadSqlite(): {Database: typeof BetterSqlite3; addon: string | undefined} {
	if (sqlite === undefined) {
		const require = createRequire(import.meta.url);
		let addon: string | undefined;
		try {
			const built = join(
				dirname(require.resolve('better-sqlite3/package.json')),
				'build',
				'Release',
				'better_sqlite3.node',
			);
			if (existsSync(built)) addon = built;
		} catch {
			// Found by better-sqlite3.
		}
		sqlite = {Database: require('better-sqlite3') as typeof BetterSqlite3, addon};
	}
	return sqlite;
}

/**
 * The persisted store: one SQLite database per folder (see open.ts for where), in WAL mode so
 * a second instance on the same folder reads while the first writes. Metadata is read into
 * memory once per run (all rows, a few hundred milliseconds at 100,000 documents); paragraphs
 * and texts are read back one document at a time when asked for.
 *
 * What the library's first frame needs (opening, the rows, unchanged, save) is here; the term
 * index, the version facts and the search code they need are in ./database-index.ts, loaded by
 * loadIndexing. Until then documents are written without their terms and version facts, which
 * are written when it loads.
 */
export class DatabaseStore implements CorpusStore, BodySource {
	readonly kind = 'database';
	private readonly db: Database;
	/** Every document's metadata, read on first use (see DatabaseStoreOptions.deferRows). */
	private rowMap: Map<string, MetadataRow> | undefined;
	/** Saved, not yet written: held until the next flush. */
	private readonly pending: {document: Document; stamp: FileStamp}[] = [];
	private indexLoad: Promise<void> | undefined;
	/** Some documents are stored without their terms and version facts (written before the
	 * index module loaded, in the background, or writing them failed). */
	private factsMissing = false;
	private readonly factsInBackground: boolean;
	/** writeMissingFactsStep's work: the documents still to do, and the one under way. */
	private factsJob:
		| {
				readonly queue: string[];
				/** The next of `queue` to do: taken by place, as shift() moves every id left behind
				 * (100,000 of them: 7 s of moving). */
				next: number;
				current?: {
					readonly row: MetadataRow;
					readonly rowid: number;
					readonly steps: Generator<void, WrittenFacts>;
					readonly document: StoredDocument;
				};
				/** Done, not yet written (see WRITE_BATCH_TERMS). */
				readonly done: {row: MetadataRow; rowid: number; document: Document; facts: WrittenFacts}[];
				doneTerms: number;
		  }
		| undefined;
	/** The folder's real path: where a stored document's file is. */
	private readonly folder: string;
	/** The folder's path and a separator: a stored document's path is this and its id. */
	private readonly prefix: string;
	/** ./database-index.ts, once loaded. */
	private index:
		| {module: IndexModule; queries: TermQueries; readonly reader: DatabaseIndex.TermReader}
		| undefined;
	/** Documents held but not in the database (their write failed): always search candidates. */
	private readonly unindexed = new Set<string>();
	/** Stored term numbers, read the first time a document is written. */
	private termNumbers: Map<string, number> | undefined;
	/**
	 * The stored numbers of terms given with keys (see KnownTerms.keys), by key (0: not known
	 * yet), for the one numbering last given. Forgotten with termNumbers: a write that failed
	 * may have numbered terms that were then rolled back.
	 */
	private keyNumbers: {readonly space: object; numbers: Int32Array} | undefined;
	/** Bodies read back and kept, so a screen asking again and again gets the same arrays. */
	private readonly recent = new RecentBodies();
	/** Documents removed from the folder during the run, whose bodies are kept until close. */
	private readonly removedBodies = new Set<string>();
	private readonly statements: {
		putDocument: Statement;
		rowidOf: Statement;
		putTerms: Statement;
		dropTerms: Statement;
		putSequence: Statement;
		dropSequence: Statement;
		addTerms: Statement;
		termNumbers: Statement;
		putBody: Statement;
		putFacts: Statement;
		putSequenceWords: Statement;
		dropFacts: Statement;
		drop: Statement;
		dropBody: Statement;
		paragraphs: Statement;
		text: Statement;
		generation: Statement;
		setGeneration: Statement;
	};
	private readonly reread: DatabaseStoreOptions['reread'];
	private readonly fileText: DatabaseStoreOptions['fileText'];
	private writable = true;
	/** The database reported itself damaged, or a body did not match its checksum: it is marked
	 * to be rebuilt (see drop), and texts are read from the files for the rest of the run. */
	private damaged = false;
	private readonly file: string;
	readonly scanKeeper: ScanKeeper;
	private warn: ((message: string) => void) | undefined;
	/**
	 * The database's write count (folder key 'generation', one more for every write
	 * transaction of any instance) as of the rows this run holds: a confirmed listing records
	 * it, and is trusted only while it is still the database's (see unchangedFolder).
	 */
	private generation: number;
	/** Another instance wrote since the rows were read: what this run holds may be stale, so it
	 * confirms no listing. */
	private othersWrote = false;
	/** The write count at which the rows kept whole had every document's terms and facts. */
	private factsCompleteAt: number | undefined;
	/** Rows are kept whole from this many documents (see kept-rows.ts). */
	private readonly keepRowsFrom: number;
	/** The write count the rows were last kept whole at (see keepRowsIfBehind). */
	private keptAt: number | undefined;
	/** A write failed: the rows held may no longer be the database's, so they are not kept. */
	private rowsDiverged = false;
	/** writeMissingFactsStep writes through a worker from this many documents. */
	private readonly factsWriterFrom: number;
	private readonly factsWriterBatchTerms: number;
	/** The worker writing terms and facts (see facts-writer.ts), while a job is under way. */
	private writer: FactsWriter | undefined;
	/** Per batch posted to the writer and not yet answered, in order: the rows whose sequence
	 * lengths it writes, or the documents whose rows and bodies it writes (their bodies are read
	 * from here meanwhile). */
	private readonly writing: Posted[] = [];
	/** Documents saved (flushed) this run: from documentsWriterFrom, the writer writes them. */
	private documentsSaved = 0;
	private readonly documentsWriterFrom: number;
	/** The writer was closed (its facts job done, a write failed, the store closed): documents
	 * are written on the main thread again, so a file refreshed later starts no worker. */
	private writerRetired = false;
	private readonly signerGiven: Signer | false | undefined;
	private readonly keys: KeySignal | undefined;
	private readonly settleMs: number;
	/** Batches of documents the writer was asked to sign (see postDocuments), by their number,
	 * until it gives their signatures back. */
	private readonly signing = new Map<number, readonly Pick<Document, 'id' | 'hash'>[]>();
	private signingNext = 0;
	/**
	 * The version signatures the writer worked out this run, by id with the hash of the text
	 * they are of: versionFacts gives them as known, so the versions index neither reads those
	 * texts back nor shingles them (at 10,000 documents about 1 s of the main thread). Dropped
	 * once every document's facts are written (the database then has them).
	 */
	private readonly signed = new Map<string, {hash: string; signature: Uint32Array | null}>();
	/** The numbering of KnownWords the writer was last given terms of (see postDone): the
	 * writer, the numbering, the number it goes by there, and how many of its terms it has. */
	private writerVocabulary:
		{writer: FactsWriter; space: object; number: number; sent: number} | undefined;

	/** Opens (creating, or rebuilding when corrupt or of another version) the database at
	 * `file`; throws StoreUnusable when it cannot be used at all. */
	constructor(file: string, options: DatabaseStoreOptions) {
		this.warn = options.warn;
		this.reread = options.reread;
		this.fileText = options.fileText;
		this.folder = options.folder;
		this.prefix = options.folder.endsWith(sep) ? options.folder : options.folder + sep;
		this.factsInBackground = options.factsInBackground ?? false;
		this.keepRowsFrom = options.keepRowsFrom ?? KEEP_ROWS_FROM;
		this.factsWriterFrom = options.factsWriterFrom ?? FACTS_WRITER_FROM;
		this.factsWriterBatchTerms = options.factsWriterBatchTerms ?? WRITER_BATCH_TERMS;
		this.documentsWriterFrom = options.documentsWriterFrom ?? DOCUMENTS_WRITER_FROM;
		this.signerGiven = options.signer;
		this.keys = options.keys;
		this.settleMs = options.settleMs ?? SETTLE_MS;
		this.file = file;
		const scanFile = scanFileOfDatabase(file);
		this.scanKeeper = {
			read: () => readKept(scanFile),
			keep: (record) => void keepFile(scanFile, record),
		};
		const {db, generation} = openDatabase(file, options.folder, (message) => this.say(message));
		this.db = db;
		this.generation = generation;
		if (!options.deferRows) this.rowMap = this.readRows();
		this.statements = {
			putDocument: this.db.prepare(FACTS_SQL.putDocument),
			rowidOf: this.db.prepare(FACTS_SQL.rowidOf).pluck(),
			putTerms: this.db.prepare(FACTS_SQL.putTerms),
			dropTerms: this.db.prepare(FACTS_SQL.dropTerms),
			putSequence: this.db.prepare(FACTS_SQL.putSequence),
			dropSequence: this.db.prepare(FACTS_SQL.dropSequence),
			// New terms go in with one statement per batch: one per term cost more than the rest
			// of the write.
			addTerms: this.db.prepare(
				'INSERT INTO terms (term) SELECT value FROM json_each(?) WHERE true ON CONFLICT DO NOTHING',
			),
			termNumbers: this.db.prepare(
				'SELECT term, number FROM terms WHERE term IN (SELECT value FROM json_each(?))',
			),
			putBody: this.db.prepare(FACTS_SQL.putBody),
			putFacts: this.db.prepare(FACTS_SQL.putFacts),
			putSequenceWords: this.db.prepare(FACTS_SQL.putSequenceWords),
			dropFacts: this.db.prepare(FACTS_SQL.dropFacts),
			drop: this.db.prepare(FACTS_SQL.drop),
			dropBody: this.db.prepare(FACTS_SQL.dropBody),
			// Read as bytes: their checksum is then worked out without encoding the text again (a
			// quarter of the time a 5 MB body took), and they are decoded once.
			paragraphs: this.db
				.prepare(
					'SELECT CAST(paragraphs AS BLOB), paragraphs_sum FROM bodies WHERE id = ? AND hash = ?',
				)
				.raw(),
			text: this.db
				.prepare('SELECT CAST(text AS BLOB), text_sum FROM bodies WHERE id = ? AND hash = ?')
				.raw(),
			// Every write transaction reads and writes it: prepared once, not per transaction.
			generation: generationStatement(this.db),
			setGeneration: setGenerationStatement(this.db),
		};
	}

	/** The rows, read now if they were deferred; a read that fails drops the database (said),
	 * and the files are read instead. */
	private get rows(): Map<string, MetadataRow> {
		if (this.rowMap === undefined) {
			try {
				this.rowMap = this.readRows();
			} catch (error) {
				this.rowMap = new Map();
				this.readFailed(error, 'reading files directly');
				// Whatever the failure, rows that could not be read must not be written over.
				this.writable = false;
				this.index = undefined;
			}
		}
		return this.rowMap;
	}

	/**
	 * Every document's row, by id: as kept whole when that is as the database now is (see
	 * kept-rows.ts), else read from the table row by row (and kept whole at close).
	 */
	private readRows(): Map<string, MetadataRow> {
		return this.keptRows() ?? readRows(this.db);
	}

	/**
	 * The rows as kept whole, when they were kept at the database's write count as it is now
	 * and hold together; undefined otherwise (none kept, behind, damaged: the table is read).
	 */
	private keptRows(): Map<string, MetadataRow> | undefined {
		let found: [string | null, string | null] | undefined;
		try {
			found = this.db
				.prepare(
					`SELECT (SELECT value FROM folder WHERE key = 'generation'),
						(SELECT value FROM folder WHERE key = 'kept_rows')`,
				)
				.raw()
				.get() as typeof found;
		} catch {
			return undefined;
		}
		const [current, identity] = found ?? [null, null];
		if (identity === null) return undefined;
		const kept = readKeptRows(this.keptRowsFile, identity);
		if (kept?.generation !== (current === null ? 0 : Number(current))) return undefined;
		const rows = keptRowsOf(kept.columns);
		if (rows === undefined) return undefined;
		this.keptAt = kept.generation;
		if (kept.factsComplete) this.factsCompleteAt = kept.generation;
		return rows;
	}

	/** Where the rows are kept whole (see kept-rows.ts). */
	private get keptRowsFile(): string {
		return `${this.file}-rows`;
	}

	/** Where the search vocabulary is kept (see kept-vocabulary.ts). */
	private get keptVocabularyFile(): string {
		return `${this.file}-vocabulary`;
	}

	/**
	 * Keeps the rows whole for the next start (see kept-rows.ts) when the kept row is not of the
	 * database as it is now (none, behind, or this run wrote) and the rows held are: nothing
	 * written by another instance, every write of this run's done, none left pending. Not counted
	 * as a write; a failure is not said (the next start reads the table, as without it).
	 */
	private keepRowsIfBehind(): void {
		const rows = this.rowMap;
		if (rows === undefined || this.keptAt === this.generation) return;
		if (this.damaged || !this.writable || this.othersWrote || this.rowsDiverged) return;
		if (this.pending.length > 0 || rows.size < this.keepRowsFrom) return;
		const columns = keepRows(rows.values());
		if (columns === undefined) return;
		try {
			this.db.transaction(() => {
				if (readGeneration(this.statements.generation) !== this.generation) return;
				const factsComplete = this.db.prepare(`${MISSING_FACTS} LIMIT 1`).get() === undefined;
				// Kept in the database by earlier versions: dropped, its pages free again.
				this.db.exec('DROP TABLE IF EXISTS kept_rows');
				keepNamedFile(
					this.db,
					'kept_rows',
					this.keptRowsFile,
					Buffer.concat(keptRowsBytes({generation: this.generation, factsComplete, columns})),
				);
				this.keptAt = this.generation;
			})();
		} catch {
			// Only a shortcut for the next start.
		}
	}

	known(): StoredDocumentInfo[] {
		return [...this.rows.values()].map((row) => ({
			id: row.id,
			title: row.title,
			words: row.words,
			paragraphCount: row.paragraphs,
			stamp: {size: row.size, mtimeMs: row.mtime},
		}));
	}

	stampOf(id: string): FileStamp | undefined {
		const row = this.rows.get(id);
		return row && {size: row.size, mtimeMs: row.mtime};
	}

	unchanged(file: StoredFile, stamp: FileStamp): Document | undefined {
		const row = this.rows.get(file.id);
		if (row === undefined || !stampedAs(row.size, row.mtime, stamp)) return undefined;
		return this.document(row, file);
	}

	stored(file: StoredFile): Document | undefined {
		const row = this.rows.get(file.id);
		return row && this.document(row, file);
	}

	save(document: Document, stamp: FileStamp): Document {
		// One paragraph per line: a paragraph's whitespace is collapsed to spaces, so it has no
		// line break; one that had would not come back the same, so it is not stored.
		if (!this.writable || document.paragraphs.some((paragraph) => paragraph.includes('\n'))) {
			this.unindexed.add(document.id);
			return document;
		}
		this.pending.push({document, stamp});
		// Its sequence length is counted when its terms are written (see flush).
		const row = toRow(document, stamp, 0);
		this.rows.set(row.id, row);
		this.unindexed.delete(row.id);
		return this.document(row, document);
	}

	storedCount(): number {
		return this.rows.size;
	}

	retainOnly(present: ReadonlySet<string>): void {
		const gone = [...this.rows.keys()].filter((id) => !present.has(id));
		if (gone.length === 0) return;
		// Their texts stay readable for the rest of the run: a reader still shows a removed article
		// "as it was read", and a history or a diff may still hold it. The bodies go at close.
		for (const id of gone) {
			this.rows.delete(id);
			this.removedBodies.add(id);
		}
		this.write(() => {
			for (const id of gone) this.dropWritten(id, {keepBody: true});
		});
		this.index?.queries.forget();
	}

	/**
	 * Loads the term index and version facts code (./database-index.ts), which narrow and
	 * versionFacts need, and writes the terms and facts of the documents written without them.
	 */
	loadIndexing(): Promise<void> {
		this.indexLoad ??= import('./database-index.js').then((module) => {
			if (this.damaged) return;
			this.index = {
				module,
				queries: new module.TermQueries(
					this.db,
					module.rowsInMemory(this.rows),
					this.readFailed,
					this.keptVocabularyFile,
				),
				reader: new module.TermReader(),
			};
			this.flush();
			this.factsMissing = this.factsInBackground
				? this.missingFactsCount() !== 0
				: !this.writeMissingFacts();
		});
		return this.indexLoad;
	}

	/**
	 * Writes what was saved since the last flush, in one transaction: each document's metadata
	 * and body, and, once the index module is loaded, its terms and version facts. Documents
	 * written before it loaded (in this run, or in one that ended first) get theirs when it
	 * loads: a start that ends at once still spares the next one reading those files.
	 */
	flush(): void {
		if (this.pending.length === 0) return;
		const index = this.factsInBackground ? undefined : this.index;
		const writer = this.documentsWriter(this.pending.length);
		if (writer !== undefined) {
			this.postDocuments(writer);
			return;
		}
		const batch = this.pending.splice(0);
		this.documentsSaved += batch.length;
		const facts = index
			? batch.map(({document}) => index.module.documentFacts(document, index.reader))
			: undefined;
		// Written without them: writeMissingFactsStep (or loadIndexing) writes them.
		if (this.index !== undefined && index === undefined) {
			this.factsMissing = true;
			this.factsJob = undefined;
		}
		const rowids: number[] = [];
		const written = this.write(() => {
			batch.forEach(({document, stamp}, at) => {
				this.dropWritten(document.id);
				const sequenceWords = facts?.[at]!.sequenceWords ?? 0;
				const {rowid: _unwritten, ...values} = toRow(document, stamp, sequenceWords);
				rowids.push(Number(this.statements.putDocument.run(values).lastInsertRowid));
				const paragraphs = document.paragraphs.join('\n');
				const textSum = textSumFromHash(document);
				this.statements.putBody.run(
					document.id,
					document.hash,
					paragraphs,
					storedText(document.text, textSum),
					bodySum(paragraphs),
					textSum ?? bodySum(document.text),
				);
			});
			if (index && facts) {
				this.writeFacts(
					index,
					batch.map(({document}, at) => ({document, rowid: rowids[at]!, facts: facts[at]!})),
				);
			}
		});
		index?.queries.forget();
		if (written) {
			batch.forEach(({document}, at) => {
				const row = this.rows.get(document.id);
				if (!row) return;
				row.rowid = rowids[at]!;
				if (facts) row.sequence_words = facts[at]!.sequenceWords;
			});
		} else {
			// Not in the database after all: those documents keep their bodies in memory.
			this.termNumbers = undefined;
			this.keyNumbers = undefined;
			for (const {document} of batch) {
				this.rows.delete(document.id);
				this.unindexed.add(document.id);
				this.recent.keep(recentKey(document), {
					paragraphs: document.paragraphs,
					text: document.text,
				});
			}
		}
	}

	/**
	 * The writer to hand documents' rows and bodies to (see flush): with factsInBackground, once
	 * documentsWriterFrom documents were saved this run (a first run's loading; the one
	 * writing the facts, when there is one), until the writer is retired.
	 */
	private documentsWriter(count: number): FactsWriter | undefined {
		if (this.writer !== undefined) return this.writer;
		if (!this.factsInBackground || this.index === undefined || this.writerRetired) return undefined;
		if (this.damaged || !this.writable || this.closed) return undefined;
		if (this.documentsSaved + count < this.documentsWriterFrom) return undefined;
		this.writer = this.startWriter();
		if (this.writer === undefined) this.writerRetired = true;
		return this.writer;
	}

	private startWriter(): FactsWriter | undefined {
		const index = this.index;
		if (index === undefined) return undefined;
		const signer = this.signerGiven ?? index.module.signer();
		return index.module.FactsWriter.start({
			file: this.file,
			busyTimeoutMs: BUSY_TIMEOUT_MS,
			statements: FACTS_SQL,
			...(signer === false ? {} : {signer}),
			keys: this.keys,
		});
	}

	/**
	 * Hands what was saved since the last flush to the writer, to write as flush would (without
	 * terms and facts: only with factsInBackground), and goes on: its rows get their rowids when
	 * the writer says it wrote them (see settle), and their bodies are read from here till then.
	 * At most MOST_DOCUMENT_BATCHES_IN_FLIGHT at once (their texts are held meanwhile).
	 */
	private postDocuments(writer: FactsWriter): void {
		const batch = this.pending.splice(0);
		this.documentsSaved += batch.length;
		if (this.index !== undefined) {
			this.factsMissing = true;
			this.factsJob = undefined;
		}
		const saved = batch.map(({document, stamp}) => ({
			document,
			row: this.rows.get(document.id),
			paragraphs: document.paragraphs.join('\n'),
			stamp,
		}));
		const documents = saved.map(({document, stamp, paragraphs}): DocumentItem => {
			const {rowid: _unwritten, ...values} = toRow(document, stamp, 0);
			const textSum = textSumFromHash(document);
			return {
				id: document.id,
				hash: document.hash,
				values,
				paragraphs,
				text: document.text,
				...(textSum === undefined ? {} : {textSum}),
			};
		});
		this.writing.push({documents: saved});
		if (this.signerGiven === false) writer.post({documents});
		else {
			const signing = this.signingNext++;
			this.signing.set(
				signing,
				documents.map(({id, hash}) => ({id, hash})),
			);
			writer.post({documents, signing});
		}
		const until = performance.now() + LONGEST_DOCUMENTS_WAIT_MS;
		while (this.writer === writer && writer.inFlight >= MOST_DOCUMENT_BATCHES_IN_FLIGHT) {
			if (performance.now() >= until) {
				this.settleWriter();
				break;
			}
			writer.waitFor(LONGEST_DOCUMENTS_WAIT_MS);
			this.settle(writer.results());
		}
	}

	/** Takes the signatures the writer has worked out so far (see signed). */
	private takeSignatures(writer: FactsWriter): void {
		for (const {signing, signatures} of writer.signatures()) {
			const documents = this.signing.get(signing);
			this.signing.delete(signing);
			if (signatures.length === 0) continue;
			documents?.forEach(({id, hash}, at) => {
				this.signed.set(id, {hash, signature: signatures[at]!});
			});
		}
	}

	/** The signature the writer worked out for `document` as it is now (null: it has no
	 * shingles); undefined when it did not (yet). */
	private signedBy(document: Document): Uint32Array | null | undefined {
		let signed = this.signed.get(document.id);
		if (signed === undefined && this.writer !== undefined && this.signing.size > 0) {
			this.takeSignatures(this.writer);
			signed = this.signed.get(document.id);
		}
		return signed?.hash === document.hash ? signed.signature : undefined;
	}

	/** `facts` (read from the database), and the signatures the writer worked out this run. */
	private withSigned(facts: KnownVersionFacts | undefined): KnownVersionFacts | undefined {
		// Only a store that hands documents to the writer (the app's) has any.
		if (!this.factsInBackground) return facts;
		return {
			signature: (document) => {
				const signed = this.signedBy(document);
				return signed === undefined ? facts?.signature(document) : signed;
			},
			datelineDate: (document) => facts?.datelineDate(document),
		};
	}

	/** A batch of documents the writer wrote: their rows (those still held) get their rowids. */
	private documentsWritten(saved: PostedDocuments['documents'], rowids: readonly number[]): void {
		saved.forEach(({document, row}, at) => {
			if (row !== undefined && this.rows.get(document.id) === row) row.rowid = rowids[at]!;
		});
	}

	/** A batch of documents the writer did not write: as a flush that failed, they are not in
	 * the database after all, and keep their bodies in memory. */
	private documentsNotWritten(saved: PostedDocuments['documents']): void {
		this.termNumbers = undefined;
		this.keyNumbers = undefined;
		for (const {document, row} of saved) {
			if (row !== undefined && this.rows.get(document.id) === row) this.rows.delete(document.id);
			this.unindexed.add(document.id);
			this.recent.keep(recentKey(document), {paragraphs: document.paragraphs, text: document.text});
		}
	}

	/** Writes documents' terms (under their rowids) and version facts; in a transaction. */
	private writeFacts(
		index: NonNullable<DatabaseStore['index']>,
		items: readonly {document: Document; rowid: number; facts: WrittenFacts}[],
	): void {
		const numbers = this.knownTerms();
		// Each item's term numbers: from the keys' numbers learnt before where it has keys, else
		// (and for terms not numbered yet, 0 here) by looking its terms up.
		const itemNumbers = items.map(({facts}) => this.keyedNumbers(facts));
		const added = new Set<string>();
		items.forEach(({facts}, at) => {
			const known = itemNumbers[at]!;
			facts.terms.forEach((term, place) => {
				if (known[place] === 0 && !numbers.has(term)) added.add(term);
			});
		});
		if (added.size > 0) {
			const json = JSON.stringify([...added]);
			this.statements.addTerms.run(json);
			for (const [term, number] of this.statements.termNumbers.raw().all(json) as [
				string,
				number,
			][]) {
				numbers.set(term, number);
			}
		}
		items.forEach(({document, rowid, facts}, at) => {
			const termNumbers = itemNumbers[at]!;
			this.learnNumbers(facts, termNumbers, numbers);
			// Saved again by another instance since, under another rowid: its terms are that
			// one's to write (see FACTS_SQL's putSequence).
			if (this.statements.rowidOf.get(document.id) !== rowid) return;
			this.statements.putTerms.run(rowid, index.module.termWords(termNumbers));
			this.statements.putSequence.run(
				rowid,
				index.module.encodeSequence(facts.sequence, termNumbers),
			);
			const {signature, date} = facts;
			this.statements.putFacts.run(
				document.id,
				document.hash,
				signature ? index.module.signatureBytes(signature) : Buffer.alloc(0),
				date?.wallMs ?? null,
				date === undefined ? null : date.hasTime ? 1 : 0,
			);
		});
	}

	/** The database numbers of `facts`' terms known by their keys (0 for the others, and for
	 * all without keys). */
	private keyedNumbers(facts: WrittenFacts): Int32Array {
		const numbers = new Int32Array(facts.terms.length);
		const keys = facts.keys;
		const learnt = this.keyNumbers;
		if (keys === undefined || learnt?.space !== keys.space) return numbers;
		const byKey = learnt.numbers;
		keys.of.forEach((key, place) => {
			if (key < byKey.length) numbers[place] = byKey[key]!;
		});
		return numbers;
	}

	/** Fills in the numbers of `facts`' terms keyedNumbers did not know (numbered by now),
	 * and remembers each by its key. */
	private learnNumbers(
		facts: WrittenFacts,
		termNumbers: Int32Array,
		numbers: ReadonlyMap<string, number>,
	): void {
		const keys = facts.keys;
		if (keys !== undefined && this.keyNumbers?.space !== keys.space) {
			// Another numbering (a new search index): what was learnt of the old one is dropped.
			this.keyNumbers = {space: keys.space, numbers: new Int32Array(0)};
		}
		const learnt = keys === undefined ? undefined : this.keyNumbers!;
		facts.terms.forEach((term, place) => {
			if (termNumbers[place] !== 0) return;
			const number = numbers.get(term)!;
			termNumbers[place] = number;
			if (learnt === undefined) return;
			const key = keys!.of[place]!;
			if (key >= learnt.numbers.length) {
				learnt.numbers = widened(learnt.numbers, Math.max(key + 1, 1024));
			}
			learnt.numbers[key] = number;
		});
	}

	/**
	 * Writes the terms and version facts of the documents stored without them (written before
	 * the index module loaded); false when some are still missing (the write failed).
	 */
	private writeMissingFacts(): boolean {
		const index = this.index;
		if (index === undefined) return false;
		const ids = this.missingFacts();
		if (ids === undefined) return false;
		const items = ids.flatMap((id) => {
			const row = this.rows.get(id)!;
			const document = this.document(row, {path: join(this.folder, id)});
			return [
				{
					row,
					document,
					rowid: row.rowid,
					facts: index.module.documentFacts(document, index.reader),
				},
			];
		});
		return this.writeMissing(index, items);
	}

	/** The ids of the documents held and stored without their terms and facts (another
	 * instance writes its own); undefined when they cannot be read (said). A document held with
	 * the text stored is held with the row stored: another instance that saved it again (two
	 * first runs at once) gave it another rowid, which its terms go under. */
	private missingFacts(): string[] | undefined {
		const ids: string[] = [];
		try {
			// None, when the rows were kept at the database's write count with none missing (the
			// query reads every row: 30–140 ms at 100,000 documents).
			if (this.factsCompleteAt === readGeneration(this.statements.generation)) return [];
			const missing = this.db.prepare(MISSING_FACTS).raw().all() as [string, number][];
			let hashOf: Statement | undefined;
			for (const [id, rowid] of missing) {
				const row = this.rows.get(id);
				if (row === undefined || row.rowid === 0) continue;
				if (row.rowid !== rowid) {
					hashOf ??= this.db.prepare('SELECT hash FROM documents WHERE rowid = ?').pluck();
					if (hashOf.get(rowid) !== row.hash) continue;
					row.rowid = rowid;
				}
				ids.push(id);
			}
		} catch (error) {
			this.readFailed(error, 'searching every document');
			return undefined;
		}
		return ids;
	}

	/** How many documents are stored without their facts (-1 when that cannot be read). */
	private missingFactsCount(): number {
		return this.missingFacts()?.length ?? -1;
	}

	/**
	 * Writes the terms and version facts of documents stored without them, a piece of a document
	 * at a time until `deadline()` (at least one piece): what the app calls between keys when
	 * the store was opened with factsInBackground. True when none are missing any more (or the
	 * database cannot take them: then narrow keeps answering undefined).
	 */
	writeMissingFactsStep(deadline: () => boolean, known?: KnownFacts): boolean {
		const index = this.index;
		if (index === undefined || this.damaged || !this.writable) return true;
		if (this.writer !== undefined) this.settle(this.writer.results());
		if (this.damaged || !this.writable) return true;
		if (!this.factsMissing && this.factsJob === undefined) return true;
		if (this.factsJob === undefined) {
			// Documents still with the writer have no rowids yet: their rows first. Not waited
			// for while the giver is still working facts out: asked again meanwhile.
			if (this.writer !== undefined && known?.ready !== undefined) {
				this.settle(this.writer.results());
				if (this.writer !== undefined && this.writer.inFlight > 0) return false;
			}
			this.settleWriter();
			if (this.damaged || !this.writable) return true;
			const queue = this.missingFacts() ?? [];
			this.factsJob = {queue, next: 0, done: [], doneTerms: 0};
			// Many: written by a worker, on the other core (see facts-writer.ts); the one that
			// wrote the documents, when there is one.
			if (queue.length >= this.factsWriterFrom) this.writer ??= this.startWriter();
		}
		const job = this.factsJob;
		const writer = this.writer;
		const queued = () => job.current !== undefined || job.next < job.queue.length;
		do {
			if (writer !== undefined && writer.inFlight >= MOST_BATCHES_IN_FLIGHT) {
				// Far enough ahead: what it has not written yet is held in memory meanwhile. Not
				// waited for while the giver is still working facts out (the indexes being built):
				// the main thread has that to do.
				this.waitForWriter(writer, false, known?.ready === undefined ? 1 : 0);
				if (this.factsJob !== job) return true;
				if (writer.inFlight >= MOST_BATCHES_IN_FLIGHT) break;
			}
			if (job.current === undefined) {
				if (job.next >= job.queue.length) break;
				const id = job.queue[job.next]!;
				const row = this.rows.get(id);
				// In order (new terms are numbered as they first come): later, from the first not
				// ready.
				if (row !== undefined && known?.ready?.(id, row.hash) === false) break;
				job.next++;
				if (row === undefined || row.rowid === 0) continue;
				const document = this.document(row, {path: join(this.folder, id)});
				job.current = {
					row,
					rowid: row.rowid,
					document,
					// With a writer, by its word sequence where known: the worker works its terms out.
					steps: index.module.documentFactsSteps(
						document,
						undefined,
						known,
						index.reader,
						writer !== undefined,
					),
				};
			}
			const current = job.current;
			const next = current.steps.next();
			if (next.done === true) {
				job.current = undefined;
				job.done.push({...current, facts: next.value});
				job.doneTerms += termsIn(next.value);
			}
			const last = deadline();
			if (writer !== undefined) {
				// In batches of many documents: the worker's transactions keep no key waiting.
				if (job.doneTerms >= this.factsWriterBatchTerms) this.postDone(index, writer, job);
			} else if (job.doneTerms >= WRITE_BATCH_TERMS || (last && job.done.length > 0)) {
				// Written within the slice's time, a few documents at a time: all of a slice's
				// written after its deadline made slices of 12 ms (p95 26, FTS5's inserts) where 5
				// were asked, and keys typed meanwhile waited; one transaction a document took half
				// as long again.
				if (!this.writeDone(index, job)) {
					this.factsJob = undefined;
					return true;
				}
			}
			if (last) break;
		} while (queued());
		if (writer !== undefined) {
			if (queued()) return false;
			if (job.done.length > 0) this.postDone(index, writer, job);
			this.waitForWriter(writer, true);
			if (this.factsJob !== job) return true;
			if (writer.inFlight > 0) return false;
			this.closeWriter();
		} else if (job.done.length > 0 && !this.writeDone(index, job)) {
			this.factsJob = undefined;
			return true;
		}
		if (queued()) return false;
		this.factsJob = undefined;
		const left = this.missingFactsCount();
		this.factsMissing = left !== 0;
		if (left === 0) this.signed.clear();
		// Ones written meanwhile (a refresh) make a new job; unreadable, there is nothing to do.
		return left <= 0;
	}

	/**
	 * Waits a moment for the writer (for a batch to be done, or with `all` for every batch
	 * posted), and takes what it wrote. Once, for at most a millisecond: the main thread has
	 * other work meanwhile (the indexes, still being built), which waiting out the slice took
	 * half of the main thread from; a step that says it is not done is called again at once.
	 */
	private waitForWriter(writer: FactsWriter, all = false, ms = 1): void {
		if (all ? writer.inFlight === 0 : writer.inFlight < MOST_BATCHES_IN_FLIGHT) return;
		writer.waitFor(ms);
		this.settle(writer.results());
	}

	/**
	 * Hands the documents writeMissingFactsStep has done (those whose rows are still the ones
	 * read) to the writer in one batch, which numbers their new terms as writeFacts would (in
	 * the order they first occur, after the highest number stored) and works out their term
	 * index rows and sequences: from their word sequences where they are known by them (see
	 * KnownFacts.words), with the terms of that numbering the writer does not have yet.
	 */
	private postDone(
		index: NonNullable<DatabaseStore['index']>,
		writer: FactsWriter,
		job: NonNullable<DatabaseStore['factsJob']>,
	): void {
		const done = job.done
			.splice(0)
			.filter(({row, rowid}) => this.rows.get(row.id) === row && row.rowid === rowid);
		job.doneTerms = 0;
		if (done.length === 0) return;
		// The writer numbers terms the main thread's own maps do not know: read again when next
		// needed (see knownTerms).
		this.termNumbers = undefined;
		this.keyNumbers = undefined;
		let vocabulary: FactsBatch['vocabulary'];
		let batchSpace: object | undefined;
		const items = done.map(({document, rowid, facts}): FactsItem => {
			const {signature, date} = facts;
			const common = {
				id: document.id,
				hash: document.hash,
				rowid,
				sequenceWords: facts.sequenceWords,
				// A copy of its own: handed over to the worker, not copied for it.
				signature: signature
					? new Uint8Array(index.module.signatureBytes(signature))
					: new Uint8Array(0),
				datelineMs: date?.wallMs ?? null,
				datelineHasTime: date === undefined ? null : date.hasTime ? 1 : 0,
			};
			const known = facts.words;
			if (known === undefined || (batchSpace !== undefined && known.space !== batchSpace)) {
				// Not known by its words, or by those of another numbering than the batch's (the
				// writer is given the terms of one a batch).
				const {terms, sequence} = known ? index.module.termsOfWords(known) : facts;
				return {...common, terms, sequence};
			}
			batchSpace = known.space;
			let given = this.writerVocabulary;
			if (given?.writer !== writer || given.space !== known.space) {
				// A new writer knows no terms; another numbering starts again from its first.
				given = {writer, space: known.space, number: (given?.number ?? 0) + 1, sent: 0};
				this.writerVocabulary = given;
			}
			if (given.sent < known.terms.length) {
				vocabulary ??= {space: given.number, from: given.sent, terms: []};
				for (let key = given.sent; key < known.terms.length; key++) {
					vocabulary.terms.push(known.terms[key]!);
				}
				given.sent = known.terms.length;
			}
			return {...common, words: known.words};
		});
		this.writing.push({
			facts: done.map(({row, facts}) => ({row, sequenceWords: facts.sequenceWords})),
		});
		writer.post({...(vocabulary === undefined ? {} : {vocabulary}), items});
	}

	/**
	 * Takes what the writer did, in order: a batch written moves the write count on (another
	 * instance's write meanwhile is noticed as in write) and gives its rows their sequence
	 * lengths; one not written is a failed write (as in write), and the job ends: the documents
	 * after it keep missing their facts this run, as when writeDone fails.
	 */
	private settle(results: readonly FactsWritten[]): void {
		for (const result of results) {
			const posted = this.writing.shift();
			if (result.written) {
				if (result.before !== this.generation) this.othersWrote = true;
				this.generation = result.before + 1;
				if (posted !== undefined && 'documents' in posted) {
					this.documentsWritten(posted.documents, result.rowids ?? []);
				} else {
					for (const {row, sequenceWords} of posted?.facts ?? []) {
						row.sequence_words = sequenceWords;
					}
				}
				this.index?.queries.forget();
				continue;
			}
			// The batches after it were not written either (see facts-writer.ts).
			const writer = this.writer;
			this.writer = undefined;
			this.writerRetired = true;
			const lost = [posted, ...this.writing.splice(0)];
			writer?.drain();
			// Of the texts, whether written or not: still theirs.
			if (writer !== undefined) this.takeSignatures(writer);
			this.signing.clear();
			writer?.close();
			for (const batch of lost) {
				if (batch !== undefined && 'documents' in batch) this.documentsNotWritten(batch.documents);
			}
			// Its numbering of new terms may be ahead of the database's.
			this.termNumbers = undefined;
			this.keyNumbers = undefined;
			this.factsJob = undefined;
			this.rowsDiverged = true;
			this.writeFailed(Object.assign(new Error(result.message), {code: result.code}));
			return;
		}
	}

	/** Waits for the writer to write what it was given, and takes it (before another write). */
	private settleWriter(): void {
		if (this.writer !== undefined) this.settle(this.writer.drain());
	}

	/** Waits for the writer to write what it was given, and ends it. */
	private closeWriter(): void {
		this.settleWriter();
		const writer = this.writer;
		if (writer === undefined) return;
		this.writer = undefined;
		this.writerRetired = true;
		this.writing.length = 0;
		this.signing.clear();
		writer.close();
	}

	/** Writes the documents writeMissingFactsStep has done, those whose rows are still the ones
	 * read (a refresh rewrites a changed one); false when the write failed. */
	private writeDone(
		index: NonNullable<DatabaseStore['index']>,
		job: NonNullable<DatabaseStore['factsJob']>,
	): boolean {
		const done = job.done
			.splice(0)
			.filter(({row, rowid}) => this.rows.get(row.id) === row && row.rowid === rowid);
		job.doneTerms = 0;
		return this.writeMissing(index, done);
	}

	/** Writes documents' missing terms and facts, with their sequence lengths; false when the
	 * write failed. */
	private writeMissing(
		index: NonNullable<DatabaseStore['index']>,
		items: readonly {row: MetadataRow; document: Document; rowid: number; facts: WrittenFacts}[],
	): boolean {
		if (items.length === 0) return true;
		const written = this.write(() => {
			this.writeFacts(
				index,
				// Known by their words for a writer that is gone: their terms as it would have.
				items.map((item) =>
					item.facts.words === undefined
						? item
						: {...item, facts: {...item.facts, ...index.module.termsOfWords(item.facts.words)}},
				),
			);
			for (const {row, facts} of items) {
				this.statements.putSequenceWords.run(facts.sequenceWords, row.id);
			}
		});
		index.queries.forget();
		if (!written) {
			this.termNumbers = undefined;
			this.keyNumbers = undefined;
			return false;
		}
		for (const {row, facts} of items) row.sequence_words = facts.sequenceWords;
		return true;
	}

	/**
	 * The documents a search for `query` must index to rank as a search of the whole folder, and
	 * the folder's figures to rank them with (see core/search/narrowing.ts); undefined when the
	 * database cannot say (then every document is indexed), or there are more than
	 * `mostCandidates`, or the index module is not loaded yet.
	 */
	narrow(query: string, mostCandidates?: number): Narrowing | undefined {
		if (this.index === undefined || this.damaged) return undefined;
		this.flush();
		// Documents held but not in the database, or in it without their terms, would be
		// missing from the figures.
		if (this.unindexed.size > 0) return undefined;
		if (this.factsMissing && !this.factsInBackground) {
			this.factsMissing = !this.writeMissingFacts();
		}
		if (this.factsMissing || this.damaged) return undefined;
		const narrowing = this.index.queries.narrow(query, mostCandidates);
		return this.damaged ? undefined : narrowing;
	}

	sequences(documents: readonly Document[]): StoredSequences | undefined {
		if (this.index === undefined || this.damaged) return undefined;
		this.flush();
		if (this.damaged) return undefined;
		return this.index.queries.sequences(documents);
	}

	/**
	 * Records that the folder's files are `listing` (see core/corpus/listing.ts) and that every
	 * one of them is stored as it is now, when that is so: each listed file is a stored
	 * document with the listing's size and modification time and nothing else is stored, all
	 * written with their terms, sequences and facts, and nothing was written by another instance
	 * meanwhile. Otherwise (or when the database cannot be written) nothing is recorded.
	 */
	confirmListing(listing: {
		fingerprint: string;
		files: ReadonlyMap<string, FileStamp>;
		split?: {
			fingerprint: string;
			names: Uint8Array;
			directories?: (namesFile: BigIntStats) => string;
		};
	}): void {
		this.settleWriter();
		if (this.damaged || !this.writable || this.othersWrote || this.index === undefined) return;
		this.flush();
		if (this.pending.length > 0 || this.unindexed.size > 0 || this.factsMissing) return;
		const rows = this.rows;
		if (rows.size !== listing.files.size || this.damaged) return;
		let sequenceWords = 0;
		for (const [id, stamp] of listing.files) {
			const row = rows.get(id);
			if (row === undefined || row.rowid === 0) return;
			if (!stampedAs(row.size, row.mtime, stamp)) return;
			sequenceWords += row.sequence_words;
		}
		// The names first: a split fingerprint recorded without them would never be taken. The
		// directory record that vouches for them after them, the one before removed first.
		// The record is made for the very file the names were written to.
		const namesFile = namesFileOfDatabase(this.file);
		const directoriesFile = directoriesFileOf(namesFile);
		keepFile(directoriesFile, undefined);
		const kept = listing.split && keepFile(namesFile, listing.split.names);
		const split = kept !== undefined;
		if (!split) keepFile(namesFile, undefined);
		else if (listing.split!.directories !== undefined) {
			keepFile(directoriesFile, listing.split!.directories(kept));
		}
		const record: ConfirmedListing = {
			generation: this.generation,
			fingerprint: split ? listing.split!.fingerprint : listing.fingerprint,
			documents: rows.size,
			sequenceWords,
		};
		try {
			this.db.transaction(() => {
				// Written only if no instance wrote since this run's rows were its own.
				if (readGeneration(this.statements.generation) !== this.generation) return;
				this.db
					.prepare("INSERT OR REPLACE INTO folder VALUES ('listing', ?)")
					.run(JSON.stringify(record));
			})();
		} catch {
			// Only a shortcut for the next command: it reads the folder as before.
		}
		this.index.queries.keepVocabulary();
	}

	/**
	 * The folder as the listing last confirmed it (see confirmListing), when nothing was written
	 * since: the stored documents, answered from the database alone without reading the
	 * metadata of all of them. Whether the files are still those is for the caller to tell, by
	 * the fingerprint. Undefined when there is no such listing.
	 */
	async confirmedFolder(): Promise<UnchangedFolder | undefined> {
		if (this.damaged) return undefined;
		let record: ConfirmedListing;
		try {
			const [listing, generation] = this.confirmedRecord();
			if (listing === null) return undefined;
			record = JSON.parse(listing) as ConfirmedListing;
			if (record.generation !== generation) return undefined;
		} catch {
			return undefined;
		}
		const module = await import('./database-index.js');
		if (this.damaged) return undefined;
		const rows = module.rowsInDatabase(this.db, record);
		// Written confirmed: every document has its terms, sequence and facts. (When the folder
		// turns out to have changed, loadIndexing puts queries over the rows in their place.)
		this.index = {
			module,
			queries: new module.TermQueries(
				this.db,
				rows,
				this.readFailed,
				this.keptVocabularyFile,
				true,
			),
			reader: new module.TermReader(),
		};
		return {
			fingerprint: record.fingerprint,
			documents: record.documents,
			current: () => {
				try {
					return !this.damaged && this.confirmedRecord()[1] === record.generation;
				} catch {
					return false;
				}
			},
			narrow: (query) => (this.damaged ? undefined : this.index?.queries.narrow(query)),
			stored: (ids) => this.storedDocuments(ids),
		};
	}

	/** confirmedFolder when its fingerprint is `fingerprint`. */
	async unchangedFolder(fingerprint: string): Promise<UnchangedFolder | undefined> {
		const folder = await this.confirmedFolder();
		return folder?.fingerprint === fingerprint ? folder : undefined;
	}

	/** The confirmed listing's record (JSON) and the database's write count, read together. */
	private confirmedRecord(): [string | null, number] {
		const [listing, generation] = this.db
			.prepare(
				`SELECT (SELECT value FROM folder WHERE key = 'listing'),
					(SELECT value FROM folder WHERE key = 'generation')`,
			)
			.raw()
			.get() as [string | null, string | null];
		return [listing, generation === null ? 0 : Number(generation)];
	}

	/** The stored documents `ids` (those there are; all without), in no particular order. Made
	 * straight from the rows' arrays: at 100,000 documents each object fewer a row is tens of
	 * milliseconds of collecting garbage fewer. */
	private storedDocuments(ids?: Iterable<string>): Document[] {
		const documents: Document[] = [];
		if (ids === undefined) {
			// Every row: as kept whole when it is current (else read, and kept at close).
			for (const row of this.rows.values()) {
				documents.push(new StoredDocument(row, {}, this, this.prefix));
			}
			return documents;
		}
		try {
			for (const raw of readRawRows(this.db, [...ids])) {
				// Its path is the folder's and its id, joined as the scan joins (ids are relative
				// and normal): path.join normalising 100,000 paths again took longer than reading.
				documents.push(new StoredDocument(metadataRow(raw), {}, this, this.prefix));
			}
		} catch (error) {
			this.readFailed(error, 'reading files directly');
			return [];
		}
		return documents;
	}

	/** The signatures and dateline dates kept for the documents as they are now, read in one go;
	 * undefined when they cannot be read, or the index module is not loaded yet. */
	versionFacts(): KnownVersionFacts | undefined {
		if (this.index === undefined || this.damaged) return undefined;
		this.flush();
		if (this.damaged) return undefined;
		return this.withSigned(this.index.module.readVersionFacts(this.db, this.readFailed));
	}

	versionFactsInSteps(): VersionFactsSteps {
		if (this.index === undefined || this.damaged) return NO_VERSION_FACTS;
		this.flush();
		if (this.damaged) return NO_VERSION_FACTS;
		const steps = this.index.module.versionFactsSteps(this.db, this.readFailed);
		let facts: KnownVersionFacts | undefined;
		return {
			step: (deadline) => {
				const done = steps.step(deadline);
				if (done) facts ??= this.withSigned(steps.facts);
				return done;
			},
			get facts() {
				return facts;
			},
		};
	}

	/** Set by close: nothing is written after it. */
	private closed = false;
	/** The temporary file a snapshot is being written to, until it is renamed or removed. */
	private snapshotBeingWritten: string | undefined;

	/** The search index snapshot's file, beside the database (see core/search/snapshot.ts). */
	private get snapshotFile(): string {
		return `${this.file}-search`;
	}

	/** The identity of the snapshot file last found whole (see openSearchSnapshot). */
	private get checkedSnapshotFile(): string {
		return `${this.file}-search-checked`;
	}

	async readSearchSnapshot(): Promise<Uint8Array | undefined> {
		if (this.damaged) return undefined;
		void this.removeAbandonedSnapshots();
		let handle: FileHandle | undefined;
		try {
			// Opened without waiting and read only when a plain file: a FIFO in its place would
			// hold a thread of libuv's pool in open() for good, and the process could then never
			// end, not even on q or SIGTERM (it joins the pool's threads on the way out).
			handle = await open(this.snapshotFile, constants.O_RDONLY | constants.O_NONBLOCK);
			if (!(await handle.stat()).isFile()) return undefined;
			return await handle.readFile();
		} catch {
			return undefined;
		} finally {
			await handle?.close().catch(() => undefined);
		}
	}

	/** Snapshot files open for the index taken up from them: closed with the store. */
	private readonly openSnapshots = new Set<() => void>();

	async openSearchSnapshot(): Promise<SnapshotSource | undefined> {
		if (this.damaged || this.closed) return undefined;
		void this.removeAbandonedSnapshots();
		let handle: FileHandle | undefined;
		let size: number;
		let identity: FileIdentity;
		let stats: BigIntStats;
		const openedAt = Date.now();
		try {
			// As readSearchSnapshot: opened without waiting, used only when a plain file.
			handle = await open(this.snapshotFile, constants.O_RDONLY | constants.O_NONBLOCK);
			stats = await handle.stat({bigint: true});
			size = Number(stats.size);
			identity = {dev: Number(stats.dev), ino: Number(stats.ino), size};
			if (!stats.isFile() || this.closed) {
				await handle.close();
				return undefined;
			}
		} catch {
			await handle?.close().catch(() => undefined);
			return undefined;
		}
		const file = handle;
		// Its word sequences are summed once: a check that held keeps the file's identity, and a
		// file that still has it was not written since (it is written aside and renamed into
		// place, never into). With its change time, which no program sets: a copy made in place
		// with the old modification time put back (cp -p, rsync --inplace -t) still moves it.
		// Kept only when the file changed settleMs before it was opened, as git takes a file
		// changed within its timestamps' granularity of the check as racy: bytes changed in place
		// just after could keep the same times.
		const checkedAs = `${fileIdentity(stats)}:${stats.ctimeNs}`;
		const checkedFile = this.checkedSnapshotFile;
		const checked = readKept(checkedFile) === checkedAs;
		const {settleMs} = this;
		let open_ = true;
		/** Workers hashing it: stopped when it is closed (the store closing, the app ending). */
		const hashing = new Set<{terminate(): unknown}>();
		const close = () => {
			if (!open_) return;
			open_ = false;
			for (const worker of hashing) void worker.terminate();
			this.openSnapshots.delete(close);
			void file.close().catch(() => undefined);
		};
		this.openSnapshots.add(close);
		return {
			size,
			// Never after close: the descriptor's number could then be another file's.
			readSync: (into, position) => {
				if (!open_) return 0;
				try {
					return readSync(file.fd, into, 0, into.length, position);
				} catch {
					return 0;
				}
			},
			read: async (position, length) =>
				open_ ? readInPieces(file, position, length) : new Uint8Array(0),
			checkRange: (from, to, cuts) =>
				open_
					? checkInWorker(this.snapshotFile, identity, {from, to, cuts}, hashing)
					: Promise.resolve(undefined),
			checked,
			checksHeld: () => {
				if (!checked && settledBefore(stats.ctimeNs, openedAt, settleMs)) {
					keepFile(checkedFile, checkedAs);
				}
			},
			// Removed only while it still names this file (another run may have checked another).
			checksFailed: () => {
				if (readKept(checkedFile) === checkedAs) keepFile(checkedFile, undefined);
			},
			close,
		};
	}

	/** Removes what a run that ended while writing its snapshot left (writes take a second at
	 * most: one a minute old is nobody's). */
	private async removeAbandonedSnapshots(): Promise<void> {
		const folder = dirname(this.snapshotFile);
		const prefix = `${basename(this.snapshotFile)}.`;
		try {
			for (const name of await readdir(folder)) {
				if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
				const path = join(folder, name);
				const {mtimeMs} = await stat(path);
				if (Date.now() - mtimeMs > ABANDONED_AFTER_MS) await rm(path, {force: true});
			}
		} catch {
			// Only tidying.
		}
	}

	async writeSearchSnapshot(parts: readonly Uint8Array[]): Promise<void> {
		if (this.damaged || !this.writable || this.closed) return;
		// Written aside and renamed over the old one, so a reader never sees half of it.
		const temporary = `${this.snapshotFile}.${crypto().randomBytes(6).toString('hex')}.tmp`;
		this.snapshotBeingWritten = temporary;
		let length = 0;
		for (const part of parts) length += part.length;
		try {
			const handle = await open(temporary, 'w', 0o600);
			try {
				const {bytesWritten} = await handle.writev([...parts]);
				if (bytesWritten !== length) throw new Error('short write');
			} finally {
				await handle.close();
			}
			if (this.closed) throw new Error('closed while writing');
			await rename(temporary, this.snapshotFile);
		} catch {
			// Only a cache: the next start builds the index from the texts, as without one.
			await rm(temporary, {force: true}).catch(() => undefined);
		} finally {
			if (this.snapshotBeingWritten === temporary) this.snapshotBeingWritten = undefined;
		}
	}

	close(): void {
		this.closeWriter();
		this.closed = true;
		for (const closeSnapshot of [...this.openSnapshots]) closeSnapshot();
		// The app ends right after: a snapshot half written would stay beside the database for
		// good (65 MB at 10,000 documents), under a name no later run looks for.
		if (this.snapshotBeingWritten !== undefined) {
			try {
				unlinkSync(this.snapshotBeingWritten);
			} catch {
				// Not created yet, or already gone: writeSearchSnapshot sees `closed` and stops.
			}
		}
		this.flush();
		if (!this.damaged) this.dropRemovedBodies();
		this.keepRowsIfBehind();
		try {
			this.db.close();
		} catch {
			// Closing is best effort: the data written is already committed.
		}
	}

	/**
	 * With keep false (an index being built, see Document.paragraphsForOnePass), what is read is
	 * not kept: kept, each of a first run's bodies outlived the young generation, and at 30,000
	 * documents everything was kept for the next start about 1 s later (the collector's work
	 * and the recent bodies' own).
	 */
	paragraphsOf(document: StoredDocument, keep = true): readonly string[] {
		const key = recentKey(document);
		const kept = this.recent.get(key)?.paragraphs;
		if (kept) return kept;
		const paragraphs = this.waiting(document)?.paragraphs ?? this.storedParagraphs(document);
		if (keep) this.recent.keep(key, {paragraphs});
		return paragraphs;
	}

	private storedParagraphs(document: StoredDocument): readonly string[] {
		const stored = this.body(this.statements.paragraphs, document);
		if (stored === undefined) return this.reread?.(document)?.paragraphs ?? [];
		return stored === '' ? [] : stored.split('\n');
	}

	textOf(document: StoredDocument): string {
		const key = recentKey(document);
		const kept = this.recent.get(key)?.text;
		if (kept !== undefined) return kept;
		const text =
			this.waiting(document)?.text ??
			this.body(this.statements.text, document) ??
			this.reread?.(document)?.text ??
			'';
		this.recent.keep(key, {text});
		return text;
	}

	/** Deletes the document `id`'s rows, its terms first (they are keyed by its rowid); with
	 * keepBody, not its text (see retainOnly). */
	private dropWritten(id: string, {keepBody = false} = {}): void {
		const rowid = this.statements.rowidOf.get(id) as number | undefined;
		if (rowid === undefined) return;
		this.statements.dropTerms.run(rowid);
		this.statements.dropSequence.run(rowid);
		this.statements.drop.run(id);
		if (!keepBody) this.statements.dropBody.run(id);
		this.statements.dropFacts.run(id);
	}

	/**
	 * The bodies of the documents removed during the run, unless their ids came back. Not counted
	 * as a write (see write): a body without its document's row is nothing any reader of the
	 * database can see, so a listing confirmed meanwhile still holds.
	 */
	private dropRemovedBodies(): void {
		if (this.removedBodies.size === 0 || !this.writable) return;
		try {
			const drop = this.db.prepare(
				'DELETE FROM bodies WHERE id = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE id = ?)',
			);
			this.db.transaction(() => {
				for (const id of this.removedBodies) drop.run(id, id);
			})();
		} catch {
			// Busy, or refused: the bodies stay, unseen, until their ids are stored again.
		}
		this.removedBodies.clear();
	}

	private knownTerms(): Map<string, number> {
		if (this.termNumbers === undefined) {
			this.termNumbers = new Map();
			const rows = this.db.prepare('SELECT term, number FROM terms').raw().all() as [
				string,
				number,
			][];
			for (const [term, number] of rows) this.termNumbers.set(term, number);
		}
		return this.termNumbers;
	}

	/** The document saved as `document` and not written yet. */
	private waiting(document: StoredDocument): Document | undefined {
		for (let index = this.pending.length - 1; index >= 0; index--) {
			const saved = this.pending[index]!.document;
			if (saved.id === document.id) return saved.hash === document.hash ? saved : undefined;
		}
		// With the writer (see postDocuments), the latest first.
		for (let batch = this.writing.length - 1; batch >= 0; batch--) {
			const posted = this.writing[batch]!;
			if (!('documents' in posted)) continue;
			for (let index = posted.documents.length - 1; index >= 0; index--) {
				const saved = posted.documents[index]!.document;
				if (saved.id === document.id) return saved.hash === document.hash ? saved : undefined;
			}
		}
		return undefined;
	}

	/**
	 * A body read from the database, or undefined when it is not there, cannot be read, or does
	 * not match its checksum (then the database is dropped: see drop).
	 */
	private body(statement: Statement, document: StoredDocument): string | undefined {
		if (this.damaged) return undefined;
		// The body is null for a text not stored (see storedText).
		let found: [Buffer | null, string] | undefined;
		try {
			found = statement.get(document.id, document.hash) as [Buffer | null, string] | undefined;
		} catch (error) {
			this.readFailed(error, 'reading files directly');
			return undefined;
		}
		if (found === undefined) return undefined;
		const [body, sum] = found;
		if (body === null) return this.unstoredText(document, sum);
		if (bodySum(body) !== sum) {
			this.drop('a stored text does not match its checksum');
			return undefined;
		}
		return body.toString('utf8');
	}

	/**
	 * A text not stored (see storedText): the file's, while it still holds the text the document
	 * was read with (`sum` is that text's checksum); else, the file changed or removed since, its
	 * words as read (see wordsAsRead).
	 */
	private unstoredText(document: StoredDocument, sum: string): string {
		const text = this.fileText?.(document);
		if (text !== undefined && bodySum(text) === sum) return text;
		return wordsAsRead(document, this.paragraphsOf(document, false));
	}

	/** A read that failed: a damaged database is dropped, anything else is said once. */
	private readonly readFailed: ReadFailure = (error, instead) => {
		if (reportsDamage(error)) this.drop(describe(error));
		else this.say(`cache: ${describe(error)}; ${instead}`);
	};

	/**
	 * Stops using a damaged database, said in one line: SQLite checks no checksums, so what else
	 * it holds may be wrong too. The documents held read their texts from their files from now
	 * on, and nothing is written but a mark that has the next start rebuild it (as a database of
	 * another version is: deleted under an instance still using it, that instance's connection
	 * would later delete the new database's WAL by name). When even the mark cannot be written
	 * (another instance is writing), the database is deleted now.
	 */
	private drop(reason: string): void {
		if (this.damaged) return;
		this.damaged = true;
		this.writable = false;
		this.index = undefined;
		this.say(`cache damaged (${reason}); reading files directly, it is rebuilt at the next start`);
		try {
			this.db.pragma(`user_version = ${DAMAGED_VERSION}`);
			return;
		} catch {
			// Deleted below instead.
		}
		try {
			this.db.close();
		} catch {
			// Closed or not, it is not used again.
		}
		for (const suffix of ['', '-wal', '-shm']) {
			try {
				unlinkSync(this.file + suffix);
			} catch {
				// Gone already, or it stays damaged: its texts are still checked when read.
			}
		}
	}

	/** Runs `work` in one transaction; false (said once) when the database refused it. */
	private write(work: () => void): boolean {
		// The worker's batches first: one writer at a time, in the order they were made.
		this.settleWriter();
		if (!this.writable) {
			this.rowsDiverged = true;
			return false;
		}
		const diverged = this.rowsDiverged;
		// Held for good: a write that failed may leave the rows held and the database's apart.
		this.rowsDiverged = true;
		try {
			const before = this.db.transaction(() => {
				const generation = readGeneration(this.statements.generation);
				work();
				this.statements.setGeneration.run(String(generation + 1));
				return generation;
			})();
			if (before !== this.generation) this.othersWrote = true;
			this.generation = before + 1;
			this.rowsDiverged = diverged;
			return true;
		} catch (error) {
			this.writeFailed(error);
			return false;
		}
	}

	/** A write the database refused: another instance writing (nothing said: the batch is read
	 * from its files next time), damage (the database dropped), or anything else (said once, and
	 * nothing more is written). */
	private writeFailed(error: unknown): void {
		const code = (error as {code?: string}).code ?? '';
		if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return;
		if (reportsDamage(error)) {
			this.drop(describe(error));
			return;
		}
		this.writable = false;
		this.say(`cache not updated (${describe(error)}); it is used as it is`);
	}

	/** The stored document of `row`, for the file at `file`'s path. */
	private document(
		row: MetadataRow,
		file: Pick<StoredFile, 'path' | 'rawPath' | 'inFolder'>,
	): StoredDocument {
		return new StoredDocument(row, file, this, this.prefix);
	}

	private say(message: string): void {
		this.warn?.(message);
		this.warn = undefined;
	}
}

/** Terms (FTS5 rows' words) of the documents writeMissingFactsStep writes in one transaction:
 * about 2 ms of writing here, so a slice runs at most that much past its deadline, and as few
 * transactions as that allows (each makes FTS5 a segment to merge later). */
const WRITE_BATCH_TERMS = 2_000;
/** Terms of the documents the facts writer writes in one transaction (a few hundred documents):
 * FTS5 makes a segment of each transaction, and merges them as they pile up. */
const WRITER_BATCH_TERMS = 100_000;
/** Batches handed to the writer and not yet written, at most. */
const MOST_BATCHES_IN_FLIGHT = 2;
/** Batches of documents (a loader's batch each, about 256 KB of text) handed to the writer and
 * not yet written, at most: the loader waits for the writer beyond it. Their documents are held
 * meanwhile, long enough to outlive the young generation: with 8, a first run at 100,000 took
 * 2.5 s more CPU (13.8 s of the main thread's until listed, against 13.1) and was no sooner. */
const MOST_DOCUMENT_BATCHES_IN_FLIGHT = 3;
/** How long flush waits for the writer to take a batch of documents before it waits for all. */
const LONGEST_DOCUMENTS_WAIT_MS = 1_000;

/** A document's distinct terms, for the size of a batch; known by its words, taken as half of
 * them (0.54 in the bench's 10,000 documents), not counted on the main thread. */
function termsIn(facts: WrittenFacts): number {
	return facts.words === undefined ? facts.terms.length : facts.words.words.length >> 1;
}

/** A batch with the writer: see DatabaseStore.writing. */
type Posted = PostedFacts | PostedDocuments;
interface PostedFacts {
	readonly facts: readonly {row: MetadataRow; sequenceWords: number}[];
}
interface PostedDocuments {
	readonly documents: readonly {
		document: Document;
		/** Its row as saved (undefined when none was held). */
		row: MetadataRow | undefined;
		paragraphs: string;
		stamp: FileStamp;
	}[];
}

/** A stored body's checksum. SHA-1 because node:crypto has it natively (zlib.crc32 is not in
 * every Node 20); about 13 µs for 10 kB. */
/** Recent bodies are kept by version: a document shown as it was read keeps its text when its
 * file changes and the new version is stored under the same id. */
function recentKey(document: Pick<Document, 'id' | 'hash'>): string {
	return `${document.id}\u0000${document.hash}`;
}

/**
 * The text a body keeps: none (null) for a text whose checksum is its document's hash (see
 * textSumFromHash), which is what its file decodes to, read from the file when asked for
 * (DatabaseStore.unstoredText). Stored, the texts were half of a first run's writes (at
 * 100,000 documents 600 MB, about 3 s of the 50 s). A Markdown document's text is rendered, and
 * kept. The facts writer's worker follows the same rule (see facts-writer.ts writeDocuments).
 */
export function storedText(text: string, textSum: string | undefined): string | null {
	return textSum === undefined ? text : null;
}

/**
 * A plain document's text rebuilt from what is stored of it when its file no longer holds it:
 * its headline (when its title is one), dateline and paragraphs, a blank line between. The words
 * and their order are the text's; line breaks within a paragraph are spaces, which neither the
 * diff nor a version's signature counts.
 */
export function wordsAsRead(document: Document, paragraphs: readonly string[]): string {
	const parts: string[] = [];
	if (document.titleFromHeadline) parts.push(document.title);
	if (document.dateline !== undefined) parts.push(document.dateline);
	return [...parts, ...paragraphs].join('\n\n');
}

function bodySum(body: string | Uint8Array): string {
	return bodySumWith(crypto(), body);
}

/** The database's write count (see DatabaseStore.generation); 0 before the first write, read
 * through generationStatement's statement. */
function readGeneration(statement: Statement): number {
	const value = statement.get() as string | undefined;
	return value === undefined ? 0 : Number(value);
}

function generationStatement(db: Database): Statement {
	return db.prepare(FACTS_SQL.generation).pluck();
}

/** Sets the write count: run with it as a string. */
function setGenerationStatement(db: Database): Statement {
	return db.prepare(FACTS_SQL.setGeneration);
}

/** SQLite found the database damaged (it checks its structure as it reads, not its contents). */
function reportsDamage(error: unknown): boolean {
	const code = (error as {code?: unknown}).code;
	return (
		typeof code === 'string' &&
		(code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'))
	);
}

function toRow(document: Document, stamp: FileStamp, sequenceWords: number): MetadataRow {
	return {
		rowid: 0,
		id: document.id,
		size: stamp.size,
		mtime: stamp.mtimeMs,
		hash: document.hash,
		file_name: ownString(document.fileName),
		title: ownString(document.title),
		title_from_headline: document.titleFromHeadline ? 1 : 0,
		dateline: document.dateline === undefined ? null : ownString(document.dateline),
		source: document.source === undefined ? null : ownString(document.source),
		paragraphs: document.paragraphs.length,
		words: document.words,
		reading_minutes: document.readingMinutes,
		encoding: document.encoding,
		sequence_words: sequenceWords,
	};
}

/** Every document's metadata. Read as arrays and made into objects here: better-sqlite3's
 * objects cost two to three times as long (10,000 rows: about 60 ms against 150). */
/** A documents row as readRawRows gives it (the columns of MetadataRow, in its order). */
type RawRow = [
	number,
	string,
	number,
	number,
	string,
	string,
	string,
	number,
	string | null,
	string | null,
	number,
	number,
	number,
	string,
	number,
];

/** Every document's row as an array (or those of `ids`), one at a time: taken up as they come,
 * each array is garbage while young, where 100,000 of them read at once all lived through
 * several collections (at 100,000 rows the collector took longer than reading them). */
function readRawRows(db: Database, ids?: readonly string[]): IterableIterator<RawRow> {
	const columns = `SELECT rowid, id, size, mtime, hash, file_name, title, title_from_headline,
		dateline, source, paragraphs, words, reading_minutes, encoding, sequence_words FROM documents`;
	const statement = db
		.prepare(
			ids === undefined ? columns : `${columns} WHERE id IN (SELECT value FROM json_each(?))`,
		)
		.raw();
	return (
		ids === undefined ? statement.iterate() : statement.iterate(JSON.stringify(ids))
	) as IterableIterator<RawRow>;
}

/** Every document's metadata, by id. */
function readRows(db: Database): Map<string, MetadataRow> {
	const rows = new Map<string, MetadataRow>();
	for (const raw of readRawRows(db)) {
		const row = metadataRow(raw);
		rows.set(row.id, row);
	}
	return rows;
}

function metadataRow([
	rowid,
	id,
	size,
	mtime,
	hash,
	file_name,
	title,
	title_from_headline,
	dateline,
	source,
	paragraphs,
	words,
	reading_minutes,
	encoding,
	sequence_words,
]: RawRow): MetadataRow {
	return {
		rowid,
		id,
		size,
		mtime,
		hash,
		file_name,
		title,
		title_from_headline,
		dateline,
		source,
		paragraphs,
		words,
		reading_minutes,
		encoding: knownEncoding(encoding),
		sequence_words,
	};
}

const ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'];

/** The encoding's name as one string shared by every row, not a copy of it per row (SQLite
 * gives each its own). */
function knownEncoding(name: string): string {
	return ENCODINGS.find((known) => known === name) ?? name;
}

/**
 * Opens the database, checking it is ours, of this version and for this folder, and reads its
 * metadata; one that is corrupt, foreign or of another version is deleted and built again (said
 * once). Throws StoreUnusable when there can be no database (unwritable, busy).
 */
function openDatabase(
	file: string,
	folder: string,
	say: (message: string) => void,
): {db: Database; generation: number} {
	try {
		return openChecked(file, folder);
	} catch (error) {
		if (error instanceof StoreUnusable) throw error;
		say(`cache rebuilt (${describe(error)})`);
	}
	for (const suffix of ['', '-wal', '-shm']) {
		try {
			unlinkSync(file + suffix);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
				throw new StoreUnusable(`cannot rebuild the cache (${describe(error)})`);
			}
		}
	}
	try {
		return openChecked(file, folder);
	} catch (error) {
		throw error instanceof StoreUnusable
			? error
			: new StoreUnusable(`cannot rebuild the cache (${describe(error)})`);
	}
}

/** Opens and checks the database (see openDatabase); any error but StoreUnusable means it
 * should be deleted and built again. */
function openChecked(file: string, folder: string): {db: Database; generation: number} {
	let db: Database;
	try {
		// A module that cannot be loaded (not installed, or built for another Node) says nothing
		// of the database: the cache is bypassed and left as it is, never deleted as damaged.
		const {Database: Sqlite, addon} = loadSqlite();
		db = new Sqlite(file, {
			timeout: BUSY_TIMEOUT_MS,
			...(addon === undefined ? {} : {nativeBinding: addon}),
		});
	} catch (error) {
		throw new StoreUnusable(`cannot open the cache (${describe(error)})`);
	}
	try {
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		const countTables = () =>
			db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
		if (countTables() === 0) {
			// Holding the write lock, counted again: another instance started at the same moment
			// (two apps opened together) may have made it since. Made twice, the second's row
			// of the folder's path failed as a duplicate, and the database the first had open
			// was deleted as damaged.
			db.transaction(() => {
				if (countTables() > 0) return;
				db.exec(SCHEMA);
				db.pragma(`application_id = ${APPLICATION_ID}`);
				db.pragma(`user_version = ${SCHEMA_VERSION}`);
				db.prepare("INSERT INTO folder VALUES ('path', ?)").run(folder);
			}).immediate();
		}
		const applicationId = db.pragma('application_id', {simple: true}) as number;
		const version = db.pragma('user_version', {simple: true}) as number;
		if (applicationId !== APPLICATION_ID) throw new Error('not our database');
		if (version === DAMAGED_VERSION) throw new Error('found damaged');
		if (version !== SCHEMA_VERSION) throw new Error(`written by another version (${version})`);
		const stored = db.prepare("SELECT value FROM folder WHERE key = 'path'").pluck().get();
		if (stored !== folder) throw new Error('made for another folder');
		return {db, generation: readGeneration(generationStatement(db))};
	} catch (error) {
		db.close();
		const code = (error as {code?: string}).code ?? '';
		if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
			throw new StoreUnusable('the cache is busy in another instance');
		}
		if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
			throw new StoreUnusable(`cannot write the cache (${describe(error)})`);
		}
		throw error;
	}
}

export function describe(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	// Node's own words for a native module built for another Node put the module's path on the
	// first line and the versions on the next ones.
	const versions = NATIVE_VERSIONS.exec(message);
	if (versions) {
		return `better-sqlite3 was built for another Node.js (NODE_MODULE_VERSION ${versions[1]}, this one needs ${versions[2]}): npm rebuild better-sqlite3`;
	}
	return message
		.split('\n')[0]!
		.replace(/[^\x20-\x7e]/g, '?')
		.slice(0, 120);
}

const NATIVE_VERSIONS =
	/NODE_MODULE_VERSION (\d+)\. This version of Node\.js requires\s+NODE_MODULE_VERSION (\d+)/;

/** Which file a descriptor was opened on, to know the same one when it is opened again. */
interface FileIdentity {
	readonly dev: number;
	readonly ino: number;
	readonly size: number;
}

/** What checkInWorker is asked for (see SnapshotSource.checkRange). */
interface AskedRange {
	readonly from: number;
	readonly to: number;
	readonly cuts?: readonly number[] | undefined;
}

/**
 * The CRC-32 of the file at `path` from byte `from` up to `to` (a u32, little-endian, as
 * core/search/snapshot.ts's crc32), and with `cuts` the bytes read, in pieces cut there (see
 * SnapshotSource.checkRange), worked out in a worker thread (off the main thread, on another
 * core when there is one; a snapshot's two parts in two at once); undefined when the file there
 * is no longer the one `identity` describes (a new snapshot renamed over it) or cannot be read.
 */
async function checkInWorker(
	path: string,
	identity: FileIdentity,
	range: AskedRange,
	/** Where the worker is kept while it runs, for its file's close to stop it. */
	running: Set<{terminate(): unknown}>,
): Promise<CheckedRange | undefined> {
	try {
		return await new Promise((resolve) => {
			// Kept referenced: a command awaiting the digest has nothing else keeping it alive.
			const worker = new Worker(CHECK_WORKER, {
				eval: true,
				workerData: {path, ...range, ...identity},
			});
			running.add(worker);
			const done = (checked: CheckedRange | undefined) => {
				running.delete(worker);
				resolve(checked);
			};
			worker.once('message', (message: unknown) => done(checkedRangeOf(message, range)));
			worker.once('error', () => done(undefined));
			worker.once('exit', () => done(undefined));
		});
	} catch {
		return undefined;
	}
}

/** The worker's message as a CheckedRange, when it is one of the range asked for. */
function checkedRangeOf(message: unknown, {from, to, cuts}: AskedRange): CheckedRange | undefined {
	if (typeof message !== 'object' || message === null) return undefined;
	const {digest, pieces} = message as {digest?: unknown; pieces?: unknown};
	if (!(digest instanceof Uint8Array)) return undefined;
	if (cuts === undefined) return {digest};
	if (!Array.isArray(pieces) || pieces.length !== cuts.length + 1) return undefined;
	const ends = [...cuts, to];
	let at = from;
	for (const [index, piece] of pieces.entries()) {
		if (!(piece instanceof Uint8Array) || piece.length !== ends[index]! - at) return undefined;
		at = ends[index]!;
	}
	return {digest, pieces: pieces as Uint8Array[]};
}

/** checkInWorker's worker: opened without waiting (a FIFO put in its place would hold the
 * thread in open()), and only the same file checked, with zlib's CRC-32 as snapshot.ts's crc32
 * (Node's own): read a megabyte at a time into one buffer, or with cuts into a buffer a piece,
 * each handed over to the main thread with the digest. */
const CHECK_WORKER = `
const {workerData, parentPort} = require('node:worker_threads');
const {closeSync, constants, fstatSync, openSync, readSync} = require('node:fs');
const zlib = require('node:zlib');
const {path, from, to, cuts, dev, ino, size} = workerData;
let fd;
let message = null;
try {
	fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
	const stats = fstatSync(fd);
	if (stats.isFile() && stats.dev === dev && stats.ino === ino && stats.size === size && to <= size) {
		let crc = 0;
		const pieces = [];
		// A megabyte at a time, each summed as soon as it is read, while it is still in the
		// processor's cache: the 137 MB held at 100,000 documents read whole and then summed took
		// 105–128 ms, read and summed a megabyte at a time 68–76.
		const step = 1 << 20;
		const fill = (buffer, at) => {
			for (let filled = 0; filled < buffer.length; ) {
				const end = Math.min(buffer.length, filled + step);
				for (let got = filled; got < end; ) {
					const read = readSync(fd, buffer, got, end - got, at + got);
					if (read <= 0) return false;
					got += read;
				}
				crc = zlib.crc32(buffer.subarray(filled, end), crc);
				filled = end;
			}
			return true;
		};
		let whole = true;
		if (cuts) {
			const ends = [...cuts, to];
			let at = from;
			for (const end of ends) {
				const piece = new Uint8Array(Math.max(0, end - at));
				if (!fill(piece, at)) {
					whole = false;
					break;
				}
				pieces.push(piece);
				at = end;
			}
		} else {
			const buffer = Buffer.allocUnsafe(step);
			for (let at = from; at < to && whole; at += buffer.length) {
				whole = fill(buffer.subarray(0, Math.min(buffer.length, to - at)), at);
			}
		}
		if (whole) {
			const digest = Buffer.alloc(4);
			digest.writeUInt32LE(crc >>> 0);
			message = cuts ? {digest, pieces} : {digest};
		}
	}
} catch {
	message = null;
} finally {
	if (fd !== undefined) closeSync(fd);
}
// The pieces' memory handed over, not copied.
const transfer = message && message.pieces ? message.pieces.map((piece) => piece.buffer) : [];
parentPort.postMessage(message, transfer);
`;
