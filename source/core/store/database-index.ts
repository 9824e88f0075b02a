/**
 * The database store's search and versions side: what a document adds to the term index and
 * the version facts when it is written, and the queries narrow() and versionFacts() answer. It
 * needs core/search's tokeniser and matcher, the MinHash signatures and the dateline parser,
 * which the library's first frame does not: DatabaseStore loads this module on first use
 * (loadIndexing), so that code stays out of start-up (test/bundle.test.ts checks it does).
 */
import {Buffer} from 'node:buffer';
import type BetterSqlite3 from 'better-sqlite3';
import {parseDatelineDate, type DatelineDate} from '../history/dateline-date.js';
import {matchingOrder, narrowingUnits} from '../search/narrowing.js';
import type {FolderStatistics, WordStatistics} from '../search/narrowing.js';
import {parseQuery, queryUnits, type QueryUnit, type QueryWord} from '../search/query.js';
import {finish, type Steps} from '../steps.js';
import type {Document} from '../types.js';
import {SIGNATURE_BINS, SignatureBuilder} from '../versions/minhash.js';
import {readShingles} from '../versions/stepwise.js';
import {PIECE_CHARACTERS} from '../versions/version-index.js';
import type {MetadataRow} from './database.js';
import {keepNamedFile} from './keep-file.js';
import {keptVocabularyBytes, readKeptVocabulary} from './kept-vocabulary.js';
import {littleEndianBytes, uint32sOf} from './little-endian.js';
import {decodeSequence, StoredVocabulary, TermReader, termWords} from './term-index.js';
import type {
	KnownFacts,
	KnownTerms,
	KnownVersionFacts,
	KnownWords,
	VersionFactsSteps,
	Narrowing,
	StoredSequences,
} from './types.js';

export {encodeSequence, TermReader, termWords} from './term-index.js';
export {FactsWriter} from './facts-writer.js';
export {signer} from './signer.js';

type Database = BetterSqlite3.Database;

/**
 * A query word matching more terms than this ('s' being typed) narrows little and would make a
 * slow FTS5 query: it is left out of the narrowing, which only lets more documents through.
 */
const MOST_TERMS = 512;

/** What a document adds to the database besides its metadata and body. */
export interface WrittenFacts {
	/** Its distinct folded search terms, in the order they first occur. */
	readonly terms: readonly string[];
	/** Its word sequence as places in `terms` and -1 for breaks (see documentTermsSteps). */
	readonly sequence: Int32Array;
	/** Its terms' numbers in a numbering of the giver's, when known (see KnownTerms.keys). */
	readonly keys?: KnownTerms['keys'];
	/** Its word sequence in the giver's numbering (see KnownFacts.words), when asked for by it:
	 * `terms` and `sequence` are then empty, and termsOfWords makes them. */
	readonly words?: KnownWords;
	/** Its word sequence's length as core/search counts it (BM25's average length). */
	readonly sequenceWords: number;
	/** Its version signature (column `signature`); undefined when it has no shingles. */
	readonly signature: Uint32Array | undefined;
	/** Its dateline's date; undefined when it has none that can be read. */
	readonly date: DatelineDate | undefined;
}

export function documentFacts(document: Document, reader?: TermReader): WrittenFacts {
	return finish(documentFactsSteps(document, Number.POSITIVE_INFINITY, undefined, reader));
}

/**
 * documentFacts a piece at a time, yielding after about `pieceCharacters` of text read: the app
 * writes the facts it is missing between keys (a 5 MB article's took 200–300 ms in one go).
 */
export function* documentFactsSteps(
	document: Document,
	pieceCharacters: number = PIECE_CHARACTERS,
	known?: KnownFacts,
	reader = new TermReader(),
	/** Its word sequence rather than its terms, when `known` has them (see WrittenFacts.words). */
	byWords = false,
): Steps<WrittenFacts> {
	const words = byWords ? known?.words?.(document.id, document.hash) : undefined;
	// What is known already is taken as it is: the text is then not read for it.
	const {terms, sequence, keys}: KnownTerms =
		words === undefined
			? (known?.terms(document.id, document.hash) ??
				(yield* reader.steps(document, pieceCharacters)))
			: NO_TERMS;
	let signature = known?.signature(document.id, document.hash);
	if (signature === undefined) {
		const builder = new SignatureBuilder();
		yield* readShingles(document.text, pieceCharacters, builder);
		signature = builder.finish() ?? null;
	}
	return {
		terms,
		sequence,
		...(keys === undefined ? {} : {keys}),
		...(words === undefined ? {} : {words}),
		sequenceWords: words === undefined ? sequence.length : words.words.length,
		signature: signature ?? undefined,
		date: document.dateline === undefined ? undefined : parseDatelineDate(document.dateline),
	};
}

const NO_TERMS: KnownTerms = {terms: [], sequence: new Int32Array(0)};

/**
 * The terms and sequence of a document known by its word sequence (see KnownFacts.words), as
 * KnownFacts.terms gives them (core/search's SearchIndex.storedTerms): its distinct terms in the
 * order they first occur, its sequence as places among them, and their numbers as keys.
 */
export function termsOfWords({space, words, terms}: KnownWords): KnownTerms {
	const placeOf = new Map<number, number>();
	const keys: number[] = [];
	const sequence = new Int32Array(words.length);
	for (let index = 0; index < words.length; index++) {
		const word = words[index]!;
		if (word < 0) {
			sequence[index] = word;
			continue;
		}
		let place = placeOf.get(word);
		if (place === undefined) {
			place = keys.length;
			placeOf.set(word, place);
			keys.push(word);
		}
		sequence[index] = place;
	}
	return {
		terms: keys.map((key) => terms[key]!),
		sequence,
		keys: {space, of: Int32Array.from(keys)},
	};
}

/** Bins as little-endian bytes, whatever the machine's order: a copy, as they lie in memory
 * where that is little-endian (a write per bin was 0.15 s of a first run's main thread at
 * 10,000 documents). */
export function signatureBytes(bins: Uint32Array): Buffer {
	return Buffer.from(littleEndianBytes(bins));
}

/** A stored hash's bytes (SHA-1, see core/corpus/hash.ts: 40 hex digits). */
const HASH_BYTES = 20;
const SIGNATURE_BYTES = SIGNATURE_BINS * 4;
const NO_DATE = -1;
/** A signature as this version writes it: none (no shingles), or every bin. */
const WHOLE_SIGNATURE = `typeof(signature) = 'blob' AND length(signature) IN (0, ${SIGNATURE_BYTES})`;

/**
 * The version_facts rows after rowid `?`, at most `?` of them, read as one row of aggregates
 * (see readFactsPage): the last rowid and the count; the ids and the hashes as JSON arrays; the
 * signatures' bytes one after another, and each one's length; the datelines' times and whether
 * each has a time of day, as JSON arrays (SQLite writes a REAL in JSON as the shortest text that
 * reads back the same). A value a row (a Buffer for each signature) made 100,000 rows take
 * 0.4–0.5 s to read here, these pages 0.16–0.23 s. One aggregate step sees the rows in one order,
 * so the i-th of each list is the same row's. A signature is appended as text, which is its bytes
 * as they are in a database whose encoding is UTF-8, the only one made here (in another, the
 * lengths would not add up, and the page is not taken). A value not of the kind this version
 * writes is read as one no row has (a blob would fail the JSON functions, and a signature of
 * another length would put the ones after it off the 4-byte boundaries they are read at), so
 * only its own row is skipped.
 */
const FACTS_PAGE_SQL = `SELECT max(rowid), count(*),
		json_group_array(CASE WHEN typeof(id) = 'text' THEN id END),
		json_group_array(CASE WHEN typeof(hash) = 'text' THEN hash END),
		CAST(group_concat(CASE WHEN ${WHOLE_SIGNATURE} THEN signature ELSE x'' END, '') AS BLOB),
		group_concat(CASE WHEN ${WHOLE_SIGNATURE} THEN length(signature) ELSE -1 END),
		json_group_array(CASE WHEN typeof(dateline_ms) IN ('real', 'integer', 'null')
			THEN dateline_ms ELSE 'not a time' END),
		json_group_array(CASE WHEN typeof(dateline_has_time) = 'integer' THEN dateline_has_time END)
	FROM (SELECT rowid, id, hash, signature, dateline_ms, dateline_has_time FROM version_facts
		WHERE rowid > ? ORDER BY rowid LIMIT ?)`;

/** A page of rows as FACTS_PAGE_SQL reads it. */
type FactsPage = [
	last: number | null,
	count: number,
	ids: string,
	hashes: string,
	signatures: Uint8Array | null,
	lengths: string | null,
	datelines: string,
	hasTimes: string,
];

/**
 * The signatures and dateline dates kept, as they are read: the signatures in the pages they
 * were read in, the rest in one array each, not an object and a typed array per document (at
 * 100,000 documents a signature's own buffer, view and facts object cost about 200 bytes beside
 * its 512, and the hashes as strings 6 MB). Grown by doubling when more rows come than it was
 * made for.
 */
class FactsTable {
	private readonly slots = new Map<string, number>();
	/** The signatures as read, a page's in one array (see uint32sOf): not copied again into one
	 * table, whose 51 MB at 100,000 documents were as many fresh pages to fault in (0.15 s). */
	private readonly pages: Uint32Array[] = [];
	/** Per slot, the page its signature is in and where (in bins); page -1 when the text has no
	 * signature (no shingles). */
	private signaturePages: Int32Array;
	private signatureAt: Int32Array;
	private hashes: Uint8Array;
	/** Per slot, whether its dateline has a time of day: NO_DATE (no dateline date), 0 or 1. */
	private times: Int8Array;
	private datelines: Float64Array;
	private size = 0;

	constructor(room: number) {
		const slots = Math.max(16, room);
		this.signaturePages = new Int32Array(slots);
		this.signatureAt = new Int32Array(slots);
		this.hashes = new Uint8Array(slots * HASH_BYTES);
		this.times = new Int8Array(slots);
		this.datelines = new Float64Array(slots);
	}

	/**
	 * Adds the rows of a page read by FACTS_PAGE_SQL; false when its lists do not hold together
	 * (then none of it was added).
	 */
	addPage([
		,
		count,
		idList,
		hashList,
		bytes,
		lengthList,
		datelineList,
		hasTimeList,
	]: FactsPage): boolean {
		const ids: unknown = JSON.parse(idList);
		const hashes: unknown = JSON.parse(hashList);
		const datelines: unknown = JSON.parse(datelineList);
		const hasTimes: unknown = JSON.parse(hasTimeList);
		const lengths = lengthList === null ? [] : lengthList.split(',').map(Number);
		const all = [ids, hashes, datelines, hasTimes];
		if (!all.every((list) => Array.isArray(list) && list.length === count)) return false;
		if (lengths.length !== count) return false;
		const total = lengths.reduce((sum, length) => sum + Math.max(0, length), 0);
		if (total !== (bytes?.length ?? 0)) return false;
		const words = uint32sOf(bytes ?? new Uint8Array(0));
		if (words === undefined) return false;
		const page = this.pages.push(words) - 1;
		let offset = 0;
		for (let row = 0; row < count; row++) {
			const length = lengths[row]!;
			const at = offset;
			offset += Math.max(0, length);
			const id = (ids as unknown[])[row];
			const hash = (hashes as unknown[])[row];
			const wallMs = (datelines as unknown[])[row];
			const hasTime = (hasTimes as unknown[])[row];
			// Anything else is not what this version writes: left unknown, so worked out again.
			if (typeof id !== 'string' || typeof hash !== 'string') continue;
			if (length !== 0 && length !== SIGNATURE_BYTES) continue;
			if (wallMs !== null && typeof wallMs !== 'number') continue;
			this.add(id, hash, length === 0 ? -1 : page, at / 4, wallMs, hasTime === 1);
		}
		return true;
	}

	/** Adds a row whose signature is in page `page` from bin `at` (page -1: it has none). */
	private add(
		id: string,
		hash: string,
		page: number,
		at: number,
		wallMs: number | null,
		hasTime: boolean,
	): void {
		if (this.size === this.datelines.length) this.grow();
		const slot = this.size;
		if (!hexInto(hash, this.hashes, slot * HASH_BYTES)) return;
		this.signaturePages[slot] = page;
		this.signatureAt[slot] = at;
		this.times[slot] = wallMs === null ? NO_DATE : hasTime ? 1 : 0;
		this.datelines[slot] = wallMs ?? 0;
		this.slots.set(id, slot);
		this.size++;
	}

	private grow(): void {
		const widen = <Array extends Int32Array | Uint8Array | Int8Array | Float64Array>(
			array: Array,
		): Array => {
			const wider = new (array.constructor as new (length: number) => Array)(array.length * 2);
			wider.set(array);
			return wider;
		};
		this.signaturePages = widen(this.signaturePages);
		this.signatureAt = widen(this.signatureAt);
		this.hashes = widen(this.hashes);
		this.times = widen(this.times);
		this.datelines = widen(this.datelines);
	}

	facts(): KnownVersionFacts {
		const {slots, hashes, times, pages, signaturePages, signatureAt, datelines} = this;
		const current = (document: Document): number | undefined => {
			const slot = slots.get(document.id);
			return slot !== undefined && sameHash(document.hash, hashes, slot * HASH_BYTES)
				? slot
				: undefined;
		};
		return {
			signature(document) {
				const slot = current(document);
				if (slot === undefined) return undefined;
				if (signaturePages[slot] === -1) return null;
				const at = signatureAt[slot]!;
				return pages[signaturePages[slot]!]!.subarray(at, at + SIGNATURE_BINS);
			},
			datelineDate(document) {
				const slot = current(document);
				if (slot === undefined) return undefined;
				const hasTime = times[slot];
				return hasTime === NO_DATE ? null : {wallMs: datelines[slot]!, hasTime: hasTime === 1};
			},
		};
	}
}

/** Rows a page of readVersionFacts: big enough that a page costs little more than its rows,
 * small enough that no page holds much (4 MB). */
const FACTS_PAGE_IN_ONE_GO = 8192;

/** Rows a page of versionFactsSteps: about a millisecond here. */
const FACTS_PAGE = 256;

/** Reads the page of rows after rowid `after` into `table`; the last rowid read, or undefined
 * when there were none left. Throws when a page does not hold together. */
function readFactsPage(
	page: BetterSqlite3.Statement,
	after: number,
	most: number,
	table: FactsTable,
): {last: number; count: number} | undefined {
	const read = page.get(after, most) as FactsPage;
	const [last, count] = read;
	if (last === null || count === 0) return undefined;
	if (!table.addPage(read)) throw new Error('version facts that do not hold together');
	return {last, count};
}

/**
 * The signatures and dateline dates kept for the documents as they are now (each checked against
 * the document's hash), read in one go; undefined (said) when they cannot be read. Read a page of
 * rows at a time, so they are not all held at once.
 */
export function readVersionFacts(db: Database, failed: ReadFailure): KnownVersionFacts | undefined {
	try {
		// One read transaction: the rows counted are the rows read.
		return db.transaction(() => {
			const count = db.prepare('SELECT count(*) FROM version_facts').pluck().get() as number;
			const table = new FactsTable(count);
			const page = db.prepare(FACTS_PAGE_SQL).raw();
			let after = -1;
			for (;;) {
				const read = readFactsPage(page, after, FACTS_PAGE_IN_ONE_GO, table);
				if (read === undefined) break;
				after = read.last;
			}
			return table.facts();
		})();
	} catch (error) {
		failed(error, 'reading files directly');
		return undefined;
	}
}

/**
 * readVersionFacts a page of rows at a time, by rowid, until each step's deadline (the app's,
 * between keys: at 100,000 documents the read in one go held them for about 0.7 s). Each page
 * is its own statement run to its end: a statement left open between steps would make the
 * connection busy for every other query meanwhile. A row written between two steps may be
 * missed or read as it was: its document is then not known as it is now and its facts are
 * worked out again, as for any document the store does not know.
 */
export function versionFactsSteps(db: Database, failed: ReadFailure): VersionFactsSteps {
	let table: FactsTable | undefined;
	let page: BetterSqlite3.Statement | undefined;
	let after = -1;
	let done = false;
	let facts: KnownVersionFacts | undefined;
	return {
		step(deadline) {
			if (done) return true;
			try {
				if (table === undefined) {
					const last = db.prepare('SELECT max(rowid) FROM version_facts').pluck().get() as
						number | null;
					table = new FactsTable(Math.min(last ?? 0, 1 << 20));
					page = db.prepare(FACTS_PAGE_SQL).raw();
					// A step of its own: the table's arrays (at 100,000 documents 3.7 MB) are zeroed as
					// they are made.
					return false;
				}
				const reading = table;
				do {
					const read = readFactsPage(page!, after, FACTS_PAGE, reading);
					if (read !== undefined) after = read.last;
					if (read === undefined || read.count < FACTS_PAGE) {
						done = true;
						facts = reading.facts();
						table = undefined;
						page = undefined;
					}
				} while (!done && !deadline());
			} catch (error) {
				failed(error, 'reading files directly');
				done = true;
				facts = undefined;
			}
			return done;
		},
		get facts() {
			return facts;
		},
	};
}

/** Writes the hex digest `hash` as bytes at `at`; false when it is not HASH_BYTES of hex. */
function hexInto(hash: string, into: Uint8Array, at: number): boolean {
	if (hash.length !== HASH_BYTES * 2) return false;
	for (let byte = 0; byte < HASH_BYTES; byte++) {
		const high = hexDigit(hash.charCodeAt(byte * 2));
		const low = hexDigit(hash.charCodeAt(byte * 2 + 1));
		if (high < 0 || low < 0) return false;
		into[at + byte] = high * 16 + low;
	}
	return true;
}

/** Whether the hex digest `hash` is the bytes at `at`. */
function sameHash(hash: string, bytes: Uint8Array, at: number): boolean {
	if (hash.length !== HASH_BYTES * 2) return false;
	for (let byte = 0; byte < HASH_BYTES; byte++) {
		const high = hexDigit(hash.charCodeAt(byte * 2));
		const low = hexDigit(hash.charCodeAt(byte * 2 + 1));
		if (high < 0 || low < 0 || bytes[at + byte] !== high * 16 + low) return false;
	}
	return true;
}

/** A lower-case hex digit's value (as hashText writes them), else -1. */
function hexDigit(code: number): number {
	if (code >= 48 && code <= 57) return code - 48;
	if (code >= 97 && code <= 102) return code - 87;
	return -1;
}

const NO_STATISTICS: WordStatistics = {postings: 0, documents: 0};

/** Told when the database could not be read, and what is done instead (the store says it, or
 * drops a database that reports itself damaged). */
export type ReadFailure = (error: unknown, instead: string) => void;

/** What narrowing needs of the documents' rows: their number and lengths, and the documents of
 * rowids the term index gives. */
export interface RowSource {
	/** The documents, and the words in all their sequences. */
	totals(): {documents: number; sequenceWords: number};
	/** The ids of the documents `rowids` (any that are gone left out). */
	idsOf(rowids: readonly number[]): string[];
	/** The words in the sequences of the documents `rowids`. */
	sequenceWordsOf(rowids: readonly number[]): number;
	/** Forgets what was worked out: rows were written or dropped. */
	forget(): void;
}

/**
 * Up to how many rowids are looked up by going through the rows once, rather than through a map
 * of every row by rowid: at 100,000 documents making that map took about 30 ms, a query's
 * first through the store (its candidates are at most a few hundred), and going through the rows
 * about 8 ms (both profiled).
 */
const FEW_ROWIDS = 1000;

/** The rows as the store holds them (its own map, as it stands). */
export function rowsInMemory(rows: ReadonlyMap<string, MetadataRow>): RowSource {
	let byRowid: Map<number, MetadataRow> | undefined;
	/** Calls `visit` with each row of `rowids`, in their order (any that are gone left out). */
	const eachRow = (rowids: readonly number[], visit: (row: MetadataRow) => void): void => {
		if (byRowid === undefined && rowids.length <= FEW_ROWIDS) {
			const wanted = new Map<number, MetadataRow | undefined>();
			for (const rowid of rowids) wanted.set(rowid, undefined);
			for (const row of rows.values()) {
				if (wanted.has(row.rowid)) wanted.set(row.rowid, row);
			}
			for (const row of wanted.values()) if (row !== undefined) visit(row);
			return;
		}
		if (byRowid === undefined) {
			byRowid = new Map();
			for (const row of rows.values()) byRowid.set(row.rowid, row);
		}
		for (const rowid of rowids) {
			const row = byRowid.get(rowid);
			if (row !== undefined) visit(row);
		}
	};
	return {
		totals() {
			let sequenceWords = 0;
			for (const row of rows.values()) sequenceWords += row.sequence_words;
			return {documents: rows.size, sequenceWords};
		},
		idsOf(rowids) {
			const ids: string[] = [];
			eachRow(rowids, (row) => ids.push(row.id));
			return ids;
		},
		sequenceWordsOf(rowids) {
			let total = 0;
			eachRow(rowids, (row) => (total += row.sequence_words));
			return total;
		},
		forget() {
			byRowid = undefined;
		},
	};
}

/** What DatabaseStore.confirmListing records (folder key 'listing'). */
export interface ConfirmedListing {
	/** The database's write count it was confirmed at. */
	readonly generation: number;
	readonly fingerprint: string;
	readonly documents: number;
	readonly sequenceWords: number;
}

/** The rows of a database confirmed to hold the folder as it is (see
 * DatabaseStore.unchangedFolder), read from it as they are needed, never all at once. */
export function rowsInDatabase(db: Database, listing: ConfirmedListing): RowSource {
	return {
		totals: () => ({documents: listing.documents, sequenceWords: listing.sequenceWords}),
		idsOf(rowids) {
			return db
				.prepare('SELECT id FROM documents WHERE rowid IN (SELECT value FROM json_each(?))')
				.pluck()
				.all(JSON.stringify(rowids)) as string[];
		},
		sequenceWordsOf(rowids) {
			return db
				.prepare(
					'SELECT total(sequence_words) FROM documents WHERE rowid IN (SELECT value FROM json_each(?))',
				)
				.pluck()
				.get(JSON.stringify(rowids)) as number;
		},
		forget() {},
	};
}

/**
 * Answers narrow() from the stored term index and the documents' rows (`rows`). Caches the stored vocabulary and each query word's terms and figures;
 * the store calls forget() whenever documents are written or dropped.
 */
export class TermQueries {
	private vocabulary: StoredVocabulary | undefined;
	private readonly wordCache = new Map<string, {numbers: number[]; statistics: WordStatistics}>();
	/**
	 * The queries found to have more candidates than were wanted, each as the most wanted and
	 * the query (see narrow): the library asks again each time it is drawn until its index
	 * answers, and at 100,000 documents finding that a common word ('said') has too many took
	 * 50–200 ms each time (FTS5 reads every matching term's list), a quarter of the main
	 * thread's first two seconds.
	 */
	private readonly tooMany = new Set<string>();

	constructor(
		private readonly db: Database,
		private readonly rows: RowSource,
		private readonly failed: ReadFailure,
		/** Where the vocabulary is kept (see kept-vocabulary.ts). */
		private readonly vocabularyFile: string,
		/** Whether the database holds the whole folder as confirmed (see
		 * DatabaseStore.confirmedFolder): the vocabulary read is then kept, when it was not. */
		private readonly confirmed = false,
	) {}

	forget(): void {
		this.vocabulary = undefined;
		this.wordCache.clear();
		this.tooMany.clear();
		this.rows.forget();
	}

	/** See CorpusStore.narrow; the store has written everything it holds. */
	narrow(query: string, mostCandidates?: number): Narrowing | undefined {
		const asked = `${mostCandidates} ${query}`;
		if (this.tooMany.has(asked)) return undefined;
		try {
			const folder = this.folderStatistics();
			const units = queryUnits(parseQuery(query));
			if (units.length === 0) return {candidates: new Set(), folder, terms: new Set()};
			const rule = narrowingUnits(matchingOrder(units, (word) => folder.word(word).postings));
			const terms = this.unitTerms(units);
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
			if (alternatives.length === 0) return {candidates, folder, terms};
			// One more than the most wanted is enough to tell there are too many.
			const rowids = this.db
				.prepare('SELECT rowid FROM term_index WHERE term_index MATCH ? LIMIT ?')
				.pluck()
				.all(
					alternatives.map((alternative) => `(${alternative})`).join(' OR '),
					mostCandidates === undefined ? -1 : mostCandidates + 1,
				) as number[];
			if (mostCandidates !== undefined && rowids.length > mostCandidates) {
				this.tooMany.add(asked);
				return undefined;
			}
			for (const id of this.rows.idsOf(rowids)) candidates.add(id);
			return {candidates, folder, terms};
		} catch (error) {
			this.failed(error, 'searching every document');
			return undefined;
		}
	}

	/**
	 * Every stored term the units can match, as core/search matches them: a word within its
	 * typo budget (and as a prefix while typed), a phrase's words exactly (its last as a prefix
	 * while typed). A narrowed index of the candidates needs these terms only.
	 */
	private unitTerms(units: readonly QueryUnit[]): Set<number> {
		const terms = new Set<number>();
		const add = (word: QueryWord) => {
			for (const number of this.wordTerms(word).numbers) terms.add(number);
		};
		for (const unit of units) {
			if (unit.kind === 'word') add(unit);
			else {
				unit.words.forEach((text, index) =>
					add({
						kind: 'word',
						text,
						maxTypos: 0,
						prefix: unit.prefix && index === unit.words.length - 1,
					}),
				);
			}
		}
		return terms;
	}

	/** See CorpusStore.sequences: read in one query, each checked against its document's
	 * hash; undefined when one is missing or cannot be read. */
	sequences(documents: readonly Document[]): StoredSequences | undefined {
		if (documents.length === 0) return {sequences: [], termOf: () => ''};
		try {
			this.vocabulary ??= this.storedVocabulary();
			const vocabulary = this.vocabulary;
			const rows = this.db
				.prepare(
					`SELECT d.id, d.hash, s.words FROM documents d JOIN sequences s ON s.id = d.rowid
						WHERE d.id IN (SELECT value FROM json_each(?))`,
				)
				.raw()
				.all(JSON.stringify(documents.map((document) => document.id))) as [
				string,
				string,
				Uint8Array,
			][];
			const byId = new Map<string, {hash: string; words: Uint8Array}>();
			for (const [id, hash, words] of rows) byId.set(id, {hash, words});
			const sequences: Int32Array[] = [];
			for (const document of documents) {
				const kept = byId.get(document.id);
				if (kept?.hash !== document.hash) return undefined;
				const sequence = decodeSequence(kept.words);
				if (sequence === undefined) return undefined;
				sequences.push(sequence);
			}
			return {sequences, termOf: (number) => vocabulary.termOf(number)};
		} catch (error) {
			this.failed(error, 'reading the texts');
			return undefined;
		}
	}

	/**
	 * The folder's figures from the stored rows and term index, as they stand. They are asked for
	 * while ranking, after narrow has answered: when the database fails then (it was found
	 * damaged and closed), a figure is given as none, which only moves a rank.
	 */
	private folderStatistics(): FolderStatistics {
		const {documents, sequenceWords} = this.rows.totals();
		return {
			documents,
			sequenceWords,
			word: (word) => this.orElse(() => this.wordTerms(word).statistics, NO_STATISTICS),
			runningWords: (words) => this.orElse(() => this.runningWords(words), 0),
		};
	}

	private orElse<T>(read: () => T, fallback: T): T {
		try {
			return read();
		} catch (error) {
			this.failed(error, 'searching every document');
			return fallback;
		}
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
		return this.rows.sequenceWordsOf(rowids);
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
	 * each counted only when first asked for (the index asks for few words; a narrowing given
	 * up, none; a lone word is not ordered). Counting the postings of every term a word being
	 * typed matches reads each one's whole list (at 100,000 documents, 'the': 0.1 s). */
	private termStatistics(numbers: readonly number[]): WordStatistics {
		if (numbers.length === 0) return {postings: 0, documents: 0};
		let postings: number | undefined;
		let documents: number | undefined;
		// A failure to count gives none, as a word no document holds (see failed).
		const countPostings = () => (postings ??= this.orElse(() => this.postingsOf(numbers), 0));
		// Asked for while ranking (see folderStatistics): a failure gives the bound postings are.
		const countDocuments = () =>
			(documents ??=
				this.orElse<number | undefined>(() => this.holding(numbers), undefined) ?? countPostings());
		return {
			get postings() {
				return countPostings();
			},
			get documents() {
				return countDocuments();
			},
		};
	}

	/** Postings (documents per term) summed over `numbers`. */
	private postingsOf(numbers: readonly number[]): number {
		this.db.exec(
			"CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_counts USING fts5vocab(main, term_index, 'row')",
		);
		const words = JSON.stringify(numbers.map((number) => `t${number}`));
		return this.db
			.prepare(
				'SELECT coalesce(sum(doc), 0) FROM temp.term_counts WHERE term IN (SELECT value FROM json_each(?))',
			)
			.pluck()
			.get(words) as number;
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

	/** The stored vocabulary, for expanding query words: as kept (see keepVocabulary), and the
	 * terms numbered since. */
	private storedVocabulary(): StoredVocabulary {
		return (this.confirmed && this.keepVocabulary()) || this.withTermsAfter(this.keptVocabulary());
	}

	/** The vocabulary as keepVocabulary last kept it; undefined when there is none to read. */
	private keptVocabulary(): StoredVocabulary | undefined {
		let identity: unknown;
		try {
			identity = this.db
				.prepare("SELECT value FROM folder WHERE key = 'kept_vocabulary'")
				.pluck()
				.get();
		} catch {
			return undefined;
		}
		if (typeof identity !== 'string' || identity === '') return undefined;
		const kept = readKeptVocabulary(this.vocabularyFile, identity);
		return kept && StoredVocabulary.fromKept(kept);
	}

	/** `vocabulary` (none: an empty one) and the terms numbered after it. */
	private withTermsAfter(vocabulary = StoredVocabulary.fromTerms([], [])): StoredVocabulary {
		// Two strings rather than a row per term: tens of thousands of rows cost ten times more.
		// Terms hold no line breaks (they are runs of letters and digits).
		const [terms, numbers] = this.db
			.prepare(
				`SELECT group_concat(term, char(10)), group_concat(number, char(10))
					FROM (SELECT term, number FROM terms WHERE number > ? ORDER BY number)`,
			)
			.raw()
			.get(vocabulary.through) as [string | null, string | null];
		if (terms === null || numbers === null) return vocabulary;
		return vocabulary.extendedBy(terms.split('\n'), numbers.split('\n').map(Number));
	}

	/**
	 * Keeps the vocabulary in its file (see kept-vocabulary.ts) when terms were numbered since it
	 * was last kept, so the next command reads it whole instead of a term at a time (see
	 * StoredVocabulary), and gives it. Like the confirmed listing, only a shortcut: it does not
	 * count as a write, and a failure to keep it is not said (undefined when it could not be
	 * read).
	 */
	keepVocabulary(): StoredVocabulary | undefined {
		let vocabulary: StoredVocabulary | undefined;
		try {
			const newest = this.db.prepare('SELECT max(number) FROM terms').pluck().get() as
				number | null;
			const kept = this.keptVocabulary();
			if (kept !== undefined && kept.through === (newest ?? 0)) return kept;
			vocabulary = this.withTermsAfter(kept);
			const bytes = Buffer.concat(keptVocabularyBytes(vocabulary.keptForm()));
			const fresh = vocabulary;
			// Immediate: the write lock is held from the check on, so another instance that kept a
			// vocabulary as new meanwhile is seen, and not written over with an older one.
			this.db
				.transaction(() => {
					const current = this.keptVocabulary();
					if (current !== undefined && current.through >= fresh.through) return;
					// Kept in the database by earlier versions: dropped, its pages free again.
					this.db.exec('DROP TABLE IF EXISTS vocabulary');
					keepNamedFile(this.db, 'kept_vocabulary', this.vocabularyFile, bytes);
				})
				.immediate();
		} catch {
			// Read from the terms table next time, as before it was kept.
		}
		return vocabulary;
	}
}
