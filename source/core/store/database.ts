import {Buffer} from 'node:buffer';
import {unlinkSync} from 'node:fs';
import {createRequire} from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type {Document, TextEncodingName} from '../types.js';
import {StoredDocument, type BodySource, type DocumentMetadata} from './stored-document.js';
import {matchingOrder, narrowingUnits} from '../search/narrowing.js';
import type {FolderStatistics, WordStatistics} from '../search/narrowing.js';
import {parseQuery, queryUnits, type QueryWord} from '../search/query.js';
import {parseDatelineDate, type DatelineDate} from '../history/dateline-date.js';
import {versionSignature} from '../versions/version-index.js';
import {documentTerms, StoredVocabulary, termWords} from './term-index.js';
import type {
	CorpusStore,
	FileStamp,
	KnownVersionFacts,
	Narrowing,
	StoredDocumentInfo,
	StoredFile,
} from './types.js';

/**
 * Bumped whenever what is stored, or how a file becomes a Document (decoding, paragraphs,
 * titles, word counts), or how its terms are cut and folded (core/search's tokenise and
 * normalise) changes: a database of another version is dropped and rebuilt, never misread.
 * 3: words counted by core/text/words.ts, "Iran’s" one term "iran", Markdown documents.
 * 4: each document's search word-sequence length (BM25 over the folder, see narrowing.ts).
 * 5: each document's version signature and dateline date (version_facts).
 */
export const SCHEMA_VERSION = 5;
/** Marks the file as ours, so a database of some other program is never taken for a cache. */
const APPLICATION_ID = 0x52524d31; // 'RRM1'
/**
 * How long a write waits for another instance's transaction. Writes happen on the main thread
 * between keystrokes, so the wait is short: a batch that cannot be written is simply read from
 * its files again next time.
 */
const BUSY_TIMEOUT_MS = 150;
/** Bodies read back and kept, so a screen asking again and again gets the same arrays. */
const RECENT_BODIES = 16;
/**
 * A query word matching more terms than this ('s' being typed) narrows little and would make a
 * slow FTS5 query: it is left out of the narrowing, which only lets more documents through.
 */
const MOST_TERMS = 512;

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
	CREATE TABLE IF NOT EXISTS bodies (
		id TEXT PRIMARY KEY,
		hash TEXT NOT NULL,
		paragraphs TEXT NOT NULL,
		text TEXT NOT NULL
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
	-- Each document's term numbers as words t<number>, under the document's rowid.
	CREATE VIRTUAL TABLE IF NOT EXISTS term_index USING fts5(
		terms, content = '', contentless_delete = 1, tokenize = 'ascii', detail = 'none'
	);
`;

type Database = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement;

interface MetadataRow {
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
}

let sqlite: typeof BetterSqlite3 | undefined;
/** better-sqlite3 and its native binding load on first use, not with the app. */
function loadSqlite(): typeof BetterSqlite3 {
	sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
	return sqlite;
}

/**
 * The persisted store: one SQLite database per folder (see open.ts for where), in WAL mode so
 * a second instance on the same folder reads while the first writes. Metadata is read into
 * memory once per run (all rows, a few hundred milliseconds at 100,000 documents); paragraphs
 * and texts are read back one document at a time when asked for.
 */
export class DatabaseStore implements CorpusStore, BodySource {
	readonly kind = 'database';
	private readonly db: Database;
	private readonly rows = new Map<string, MetadataRow>();
	private readonly pending: {
		document: Document;
		stamp: FileStamp;
		terms: Set<string>;
		sequenceWords: number;
		signature: Uint32Array | undefined;
	}[] = [];
	/** The stored vocabulary and each query word's terms and figures, read once per query word
	 * and forgotten whenever documents are written. */
	private vocabulary: StoredVocabulary | undefined;
	private readonly wordCache = new Map<string, {numbers: number[]; statistics: WordStatistics}>();
	private byRowid: Map<number, MetadataRow> | undefined;
	/** Documents held but not in the database (their write failed): always search candidates. */
	private readonly unindexed = new Set<string>();
	/** Stored term numbers, read the first time a document is written. */
	private termNumbers: Map<string, number> | undefined;
	private readonly recent = new Map<string, {paragraphs?: readonly string[]; text?: string}>();
	private readonly statements: {
		putDocument: Statement;
		rowidOf: Statement;
		putTerms: Statement;
		dropTerms: Statement;
		addTerms: Statement;
		termNumbers: Statement;
		putBody: Statement;
		putFacts: Statement;
		dropFacts: Statement;
		drop: Statement;
		dropBody: Statement;
		paragraphs: Statement;
		text: Statement;
	};
	private readonly reread: DatabaseStoreOptions['reread'];
	private writable = true;
	private warn: ((message: string) => void) | undefined;

	/** Opens (creating, or rebuilding when corrupt or of another version) the database at
	 * `file`; throws StoreUnusable when it cannot be used at all. */
	constructor(file: string, options: DatabaseStoreOptions) {
		this.warn = options.warn;
		this.reread = options.reread;
		const {db, rows} = openDatabase(file, options.folder, (message) => this.say(message));
		this.db = db;
		for (const row of rows) this.rows.set(row.id, row);
		this.statements = {
			putDocument: this.db.prepare(
				`INSERT INTO documents VALUES (@id, @size, @mtime, @hash, @file_name, @title,
					@title_from_headline, @dateline, @source, @paragraphs, @words, @reading_minutes, @encoding,
					@sequence_words)`,
			),
			rowidOf: this.db.prepare('SELECT rowid FROM documents WHERE id = ?').pluck(),
			putTerms: this.db.prepare('INSERT INTO term_index (rowid, terms) VALUES (?, ?)'),
			dropTerms: this.db.prepare('DELETE FROM term_index WHERE rowid = ?'),
			// New terms go in with one statement per batch: one per term cost more than the rest
			// of the write.
			addTerms: this.db.prepare(
				'INSERT INTO terms (term) SELECT value FROM json_each(?) WHERE true ON CONFLICT DO NOTHING',
			),
			termNumbers: this.db.prepare(
				'SELECT term, number FROM terms WHERE term IN (SELECT value FROM json_each(?))',
			),
			putBody: this.db.prepare('INSERT OR REPLACE INTO bodies VALUES (?, ?, ?, ?)'),
			putFacts: this.db.prepare('INSERT OR REPLACE INTO version_facts VALUES (?, ?, ?, ?, ?)'),
			dropFacts: this.db.prepare('DELETE FROM version_facts WHERE id = ?'),
			drop: this.db.prepare('DELETE FROM documents WHERE id = ?'),
			dropBody: this.db.prepare('DELETE FROM bodies WHERE id = ?'),
			paragraphs: this.db
				.prepare('SELECT paragraphs FROM bodies WHERE id = ? AND hash = ?')
				.pluck(),
			text: this.db.prepare('SELECT text FROM bodies WHERE id = ? AND hash = ?').pluck(),
		};
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

	unchanged(file: StoredFile, stamp: FileStamp): Document | undefined {
		const row = this.rows.get(file.id);
		if (row === undefined || row.size !== stamp.size || row.mtime !== stamp.mtimeMs) {
			return undefined;
		}
		return new StoredDocument(this.metadata(row, file.path), this);
	}

	save(document: Document, stamp: FileStamp): Document {
		// One paragraph per line: a paragraph's whitespace is collapsed to spaces, so it has no
		// line break; one that had would not come back the same, so it is not stored.
		if (!this.writable || document.paragraphs.some((paragraph) => paragraph.includes('\n'))) {
			this.unindexed.add(document.id);
			return document;
		}
		const {terms, sequenceWords} = documentTerms(document);
		const signature = versionSignature(document.text);
		this.pending.push({document, stamp, terms, sequenceWords, signature});
		const row = toRow(document, stamp, sequenceWords);
		this.rows.set(row.id, row);
		this.recent.delete(row.id);
		this.unindexed.delete(row.id);
		return new StoredDocument(this.metadata(row, document.path), this);
	}

	retainOnly(present: ReadonlySet<string>): void {
		const gone = [...this.rows.keys()].filter((id) => !present.has(id));
		if (gone.length === 0) return;
		for (const id of gone) {
			this.rows.delete(id);
			this.recent.delete(id);
		}
		this.write(() => {
			for (const id of gone) this.dropWritten(id);
		});
		this.wordCache.clear();
		this.byRowid = undefined;
	}

	flush(): void {
		if (this.pending.length === 0) return;
		const batch = this.pending.splice(0);
		const rowids: number[] = [];
		const written = this.write(() => {
			const numbers = this.knownTerms();
			const added = new Set<string>();
			for (const {terms} of batch)
				for (const term of terms) if (!numbers.has(term)) added.add(term);
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
			for (const {document, stamp, terms, sequenceWords, signature} of batch) {
				this.dropWritten(document.id);
				const {rowid: _unwritten, ...values} = toRow(document, stamp, sequenceWords);
				const rowid = Number(this.statements.putDocument.run(values).lastInsertRowid);
				rowids.push(rowid);
				this.statements.putBody.run(
					document.id,
					document.hash,
					document.paragraphs.join('\n'),
					document.text,
				);
				const termNumbers: number[] = [];
				for (const term of terms) termNumbers.push(numbers.get(term)!);
				this.statements.putTerms.run(rowid, termWords(termNumbers));
				const date =
					document.dateline === undefined ? undefined : parseDatelineDate(document.dateline);
				this.statements.putFacts.run(
					document.id,
					document.hash,
					signature ? signatureBytes(signature) : Buffer.alloc(0),
					date?.wallMs ?? null,
					date === undefined ? null : date.hasTime ? 1 : 0,
				);
			}
		});
		this.vocabulary = undefined;
		this.wordCache.clear();
		this.byRowid = undefined;
		if (written) {
			batch.forEach(({document}, index) => {
				const row = this.rows.get(document.id);
				if (row) row.rowid = rowids[index]!;
			});
		} else {
			// Not in the database after all: those documents keep their bodies in memory.
			this.termNumbers = undefined;
			for (const {document} of batch) {
				this.rows.delete(document.id);
				this.unindexed.add(document.id);
				this.recent.set(document.id, {paragraphs: document.paragraphs, text: document.text});
			}
		}
	}

	/**
	 * The documents a search for `query` must index to rank as a search of the whole folder, and
	 * the folder's figures to rank them with (see core/search/narrowing.ts); undefined when the
	 * database cannot say (then every document is indexed), or there are more than
	 * `mostCandidates`.
	 */
	narrow(query: string, mostCandidates?: number): Narrowing | undefined {
		this.flush();
		// Documents held but not in the database would be missing from the figures.
		if (this.unindexed.size > 0) return undefined;
		try {
			const folder = this.folderStatistics();
			const units = queryUnits(parseQuery(query));
			if (units.length === 0) return {candidates: new Set(), folder};
			const rule = narrowingUnits(matchingOrder(units, (word) => folder.word(word).postings));
			// Per group, the term numbers any of which a candidate holds; all groups required.
			const groupsPerAlternative: number[][][] =
				rule.kind === 'every-word'
					? [rule.words.map((word) => this.wordTerms(word).numbers)]
					: rule.phrases.map((phrase) =>
							phrase.words.map(
								(text, index) =>
									this.wordTerms({
										kind: 'word',
										text,
										maxTypos: 0,
										prefix: phrase.prefix && index === phrase.words.length - 1,
									}).numbers,
							),
						);
			const alternatives: string[] = [];
			for (const groups of groupsPerAlternative) {
				// A word no document holds: nothing from this alternative.
				if (groups.some((numbers) => numbers.length === 0)) continue;
				const kept = groups.filter((numbers) => numbers.length <= MOST_TERMS);
				if (kept.length === 0) return undefined; // every document: no narrowing
				alternatives.push(
					kept.map((numbers) => '(' + termWords(numbers, ' OR ') + ')').join(' AND '),
				);
			}
			const candidates = new Set<string>();
			if (alternatives.length === 0) return {candidates, folder};
			// One more than the most wanted is enough to tell there are too many.
			const rowids = this.db
				.prepare('SELECT rowid FROM term_index WHERE term_index MATCH ? LIMIT ?')
				.pluck()
				.all(
					alternatives.map((alternative) => `(${alternative})`).join(' OR '),
					mostCandidates === undefined ? -1 : mostCandidates + 1,
				) as number[];
			if (mostCandidates !== undefined && rowids.length > mostCandidates) return undefined;
			const byRowid = this.rowsByRowid();
			for (const rowid of rowids) {
				const id = byRowid.get(rowid)?.id;
				if (id !== undefined) candidates.add(id);
			}
			return {candidates, folder};
		} catch (error) {
			this.say(`cache: ${describe(error)}; searching every document`);
			return undefined;
		}
	}

	/** The folder's figures from the stored rows and term index, as they stand. */
	private folderStatistics(): FolderStatistics {
		let sequenceWords = 0;
		for (const row of this.rows.values()) sequenceWords += row.sequence_words;
		return {
			documents: this.rows.size,
			sequenceWords,
			word: (word) => this.wordTerms(word).statistics,
			runningWords: (words) => this.runningWords(words),
		};
	}

	/** The words in the sequences of the documents matching every one of `words`. */
	private runningWords(words: readonly QueryWord[]): number {
		const groups = words.map((word) => this.wordTerms(word).numbers);
		if (groups.length === 0 || groups.some((numbers) => numbers.length === 0)) return 0;
		const expression = groups.map((numbers) => `(${termWords(numbers, ' OR ')})`).join(' AND ');
		const rowids = this.db
			.prepare('SELECT rowid FROM term_index WHERE term_index MATCH ?')
			.pluck()
			.all(expression) as number[];
		const byRowid = this.rowsByRowid();
		let total = 0;
		for (const rowid of rowids) total += byRowid.get(rowid)?.sequence_words ?? 0;
		return total;
	}

	/** The rows by database rowid, made again whenever rows were written or dropped. */
	private rowsByRowid(): Map<number, MetadataRow> {
		if (this.byRowid === undefined) {
			this.byRowid = new Map();
			for (const row of this.rows.values()) this.byRowid.set(row.rowid, row);
		}
		return this.byRowid;
	}

	/** The stored terms `word` matches, their postings in all and the documents holding one. */
	private wordTerms(word: QueryWord): {numbers: number[]; statistics: WordStatistics} {
		const key = `${word.prefix ? '>' : '='}${word.maxTypos} ${word.text}`;
		let known = this.wordCache.get(key);
		if (known === undefined) {
			this.vocabulary ??= this.storedVocabulary();
			const numbers = this.vocabulary.matching(word);
			known = {numbers, statistics: this.termStatistics(numbers)};
			this.wordCache.set(key, known);
		}
		return known;
	}

	/** Postings (documents per term) summed over `numbers`, and the documents holding any:
	 * counted only when asked for (the index asks for few words; a narrowing given up, none). */
	private termStatistics(numbers: readonly number[]): WordStatistics {
		if (numbers.length === 0) return {postings: 0, documents: 0};
		this.db.exec(
			"CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_counts USING fts5vocab(main, term_index, 'row')",
		);
		const words = JSON.stringify(numbers.map((number) => `t${number}`));
		const postings = this.db
			.prepare(
				'SELECT coalesce(sum(doc), 0) FROM temp.term_counts WHERE term IN (SELECT value FROM json_each(?))',
			)
			.pluck()
			.get(words) as number;
		let documents: number | undefined;
		const count = () => this.holding(numbers);
		return {
			postings,
			get documents() {
				documents ??= count();
				return documents;
			},
		};
	}

	/** The documents holding any of the terms `numbers`. */
	private holding(numbers: readonly number[]): number {
		// One document may hold several of the terms: counted once, a slice of terms at a time.
		const holding = new Set<number>();
		const rowids = this.db.prepare('SELECT rowid FROM term_index WHERE term_index MATCH ?').pluck();
		for (let from = 0; from < numbers.length; from += MOST_TERMS) {
			const slice = numbers.slice(from, from + MOST_TERMS);
			if (from === 0 && slice.length === numbers.length) {
				const count = this.db
					.prepare('SELECT count(*) FROM term_index WHERE term_index MATCH ?')
					.pluck()
					.get(termWords(slice, ' OR ')) as number;
				return count;
			}
			for (const rowid of rowids.all(termWords(slice, ' OR ')) as number[]) holding.add(rowid);
		}
		return holding.size;
	}

	/** The signatures and dateline dates kept for the documents as they are now (each checked
	 * against the document's hash), read in one go; undefined when they cannot be read. */
	versionFacts(): KnownVersionFacts | undefined {
		this.flush();
		let rows: [string, string, Uint8Array, number | null, number | null][];
		try {
			rows = this.db
				.prepare('SELECT id, hash, signature, dateline_ms, dateline_has_time FROM version_facts')
				.raw()
				.all() as typeof rows;
		} catch (error) {
			this.say(`cache: ${describe(error)}; reading files directly`);
			return undefined;
		}
		const byId = new Map<
			string,
			{hash: string; signature: Uint32Array | null; date: DatelineDate | null}
		>();
		for (const [id, hash, bytes, wallMs, hasTime] of rows) {
			byId.set(id, {
				hash,
				signature: bytes.length === 0 ? null : signatureFrom(bytes),
				date: wallMs === null ? null : {wallMs, hasTime: hasTime === 1},
			});
		}
		const current = (document: Document) => {
			const known = byId.get(document.id);
			return known?.hash === document.hash ? known : undefined;
		};
		return {
			signature: (document) => current(document)?.signature,
			datelineDate: (document) => current(document)?.date,
		};
	}

	close(): void {
		this.flush();
		try {
			this.db.close();
		} catch {
			// Closing is best effort: the data written is already committed.
		}
	}

	paragraphsOf(document: StoredDocument): readonly string[] {
		const kept = this.remembered(document.id);
		if (kept.paragraphs) return kept.paragraphs;
		const stored = this.flushAndGet(this.statements.paragraphs, document);
		const paragraphs =
			stored === undefined
				? (this.reread?.(document)?.paragraphs ?? [])
				: stored === ''
					? []
					: stored.split('\n');
		kept.paragraphs = paragraphs;
		return paragraphs;
	}

	textOf(document: StoredDocument): string {
		const kept = this.remembered(document.id);
		if (kept.text !== undefined) return kept.text;
		const stored = this.flushAndGet(this.statements.text, document);
		const text = stored ?? this.reread?.(document)?.text ?? '';
		kept.text = text;
		return text;
	}

	/** Deletes the document `id`'s rows, its terms first (they are keyed by its rowid). */
	private dropWritten(id: string): void {
		const rowid = this.statements.rowidOf.get(id) as number | undefined;
		if (rowid === undefined) return;
		this.statements.dropTerms.run(rowid);
		this.statements.drop.run(id);
		this.statements.dropBody.run(id);
		this.statements.dropFacts.run(id);
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

	/** The stored vocabulary, for expanding query words. */
	private storedVocabulary(): StoredVocabulary {
		// Two strings rather than a row per term: tens of thousands of rows cost ten times more.
		// Terms hold no line breaks (they are runs of letters and digits).
		const [terms, numbers] = this.db
			.prepare(
				`SELECT group_concat(term, char(10)), group_concat(number, char(10))
					FROM (SELECT term, number FROM terms ORDER BY number)`,
			)
			.raw()
			.get() as [string | null, string | null];
		if (terms === null || numbers === null) return new StoredVocabulary([], []);
		return new StoredVocabulary(terms.split('\n'), numbers.split('\n').map(Number));
	}

	/** A body read from the database, or undefined when it is not there (or cannot be read). */
	private flushAndGet(statement: Statement, document: StoredDocument): string | undefined {
		if (this.pending.some((entry) => entry.document.id === document.id)) this.flush();
		try {
			return statement.get(document.id, document.hash) as string | undefined;
		} catch (error) {
			this.say(`cache: ${describe(error)}; reading files directly`);
			return undefined;
		}
	}

	/** The kept bodies of `id`, made the most recent; the oldest are forgotten. */
	private remembered(id: string): {paragraphs?: readonly string[]; text?: string} {
		let kept = this.recent.get(id);
		if (kept) this.recent.delete(id);
		else kept = {};
		this.recent.set(id, kept);
		while (this.recent.size > RECENT_BODIES) this.recent.delete(this.recent.keys().next().value!);
		return kept;
	}

	/** Runs `work` in one transaction; false (said once) when the database refused it. */
	private write(work: () => void): boolean {
		if (!this.writable) return false;
		try {
			this.db.transaction(work)();
			return true;
		} catch (error) {
			const code = (error as {code?: string}).code ?? '';
			// Another instance is writing: this batch is read from its files next time.
			if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return false;
			this.writable = false;
			this.say(`cache not updated (${describe(error)}); it is used as it is`);
			return false;
		}
	}

	private metadata(row: MetadataRow, path: string): DocumentMetadata {
		return {
			id: row.id,
			path,
			fileName: row.file_name,
			title: row.title,
			titleFromHeadline: row.title_from_headline === 1,
			dateline: row.dateline ?? undefined,
			source: row.source ?? undefined,
			paragraphCount: row.paragraphs,
			words: row.words,
			readingMinutes: row.reading_minutes,
			encoding: row.encoding as TextEncodingName,
			hash: row.hash,
			bytes: row.size,
		};
	}

	private say(message: string): void {
		this.warn?.(message);
		this.warn = undefined;
	}
}

function toRow(document: Document, stamp: FileStamp, sequenceWords: number): MetadataRow {
	return {
		rowid: 0,
		id: document.id,
		size: stamp.size,
		mtime: stamp.mtimeMs,
		hash: document.hash,
		file_name: document.fileName,
		title: document.title,
		title_from_headline: document.titleFromHeadline ? 1 : 0,
		dateline: document.dateline ?? null,
		source: document.source ?? null,
		paragraphs: document.paragraphs.length,
		words: document.words,
		reading_minutes: document.readingMinutes,
		encoding: document.encoding,
		sequence_words: sequenceWords,
	};
}

/** Every document's metadata. Read as arrays and made into objects here: better-sqlite3's
 * objects cost two to three times as long (10,000 rows: about 60 ms against 150). */
function readRows(db: Database): MetadataRow[] {
	const arrays = db
		.prepare(
			`SELECT rowid, id, size, mtime, hash, file_name, title, title_from_headline, dateline,
				source, paragraphs, words, reading_minutes, encoding, sequence_words FROM documents`,
		)
		.raw()
		.all() as [
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
	][];
	return arrays.map(
		([
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
		]) => ({
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
		}),
	);
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
): {db: Database; rows: MetadataRow[]} {
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
function openChecked(file: string, folder: string): {db: Database; rows: MetadataRow[]} {
	const Sqlite = loadSqlite();
	let db: Database;
	try {
		db = new Sqlite(file, {timeout: BUSY_TIMEOUT_MS});
	} catch (error) {
		throw new StoreUnusable(`cannot open the cache (${describe(error)})`);
	}
	try {
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		const applicationId = db.pragma('application_id', {simple: true}) as number;
		const version = db.pragma('user_version', {simple: true}) as number;
		const tables = db
			.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
			.pluck()
			.get() as number;
		if (tables > 0 && applicationId !== APPLICATION_ID) throw new Error('not our database');
		if (tables > 0 && version !== SCHEMA_VERSION) {
			throw new Error(`written by another version (${version})`);
		}
		if (tables === 0) {
			db.transaction(() => {
				db.exec(SCHEMA);
				db.pragma(`application_id = ${APPLICATION_ID}`);
				db.pragma(`user_version = ${SCHEMA_VERSION}`);
				db.prepare("INSERT INTO folder VALUES ('path', ?)").run(folder);
			})();
		}
		const stored = db.prepare("SELECT value FROM folder WHERE key = 'path'").pluck().get();
		if (stored !== folder) throw new Error('made for another folder');
		return {db, rows: readRows(db)};
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

/** Bins as little-endian bytes, whatever the machine's order. */
function signatureBytes(bins: Uint32Array): Buffer {
	const bytes = Buffer.alloc(bins.length * 4);
	bins.forEach((bin, index) => bytes.writeUInt32LE(bin, index * 4));
	return bytes;
}

function signatureFrom(bytes: Uint8Array): Uint32Array {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const bins = new Uint32Array(bytes.byteLength >> 2);
	for (let index = 0; index < bins.length; index++) bins[index] = view.getUint32(index * 4, true);
	return bins;
}

function describe(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message
		.split('\n')[0]!
		.replace(/[^\x20-\x7e]/g, '?')
		.slice(0, 120);
}
