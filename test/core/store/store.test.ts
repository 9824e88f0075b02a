import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	read,
	readFileSync,
	readSync,
	realpathSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import type * as NodeFs from 'node:fs';
import {execFileSync} from 'node:child_process';
import {Buffer} from 'node:buffer';
import {rename, rm, symlink, utimes} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import zlib from 'node:zlib';
import type BetterSqlite3 from 'better-sqlite3';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {loadAll, refreshFile} from '../../../source/core/corpus/load.js';
import {SearchIndex, snippetFor} from '../../../source/core/search/index.js';
import {parseQuery, queryUnits} from '../../../source/core/search/query.js';
import {decodeSnapshotFrom, encodeSnapshot} from '../../../source/core/search/snapshot.js';
import {
	cacheHomeFrom,
	databasePlace,
	MemoryStore,
	openStore,
	type CorpusStore,
} from '../../../source/core/store/open.js';
import {paragraphCount, StoredDocument} from '../../../source/core/store/stored-document.js';
import {keptVocabularyBytes} from '../../../source/core/store/kept-vocabulary.js';
import {fileIdentity} from '../../../source/core/store/read-kept.js';
import {StoredVocabulary} from '../../../source/core/store/term-index.js';
import {
	documentKey,
	documentKeyDigest,
	keyDigest,
} from '../../../source/core/search/document-key.js';
import {DatabaseStore} from '../../../source/core/store/database.js';
import {
	keepRows,
	keptRowsBytes,
	keptRowsFromBytes,
	keptRowsOf,
} from '../../../source/core/store/kept-rows.js';
import {
	rememberingStoreSearch,
	searchThroughStore,
	searchUnchangedFolderOrKept,
	KeptIndex,
} from '../../../source/core/store/narrowed-search.js';
import {listFolder} from '../../../source/core/corpus/listing.js';
import type {Document} from '../../../source/core/types.js';
import {SEEDS_FOLDER, seedFiles, seedText} from '../../fixtures/seeds.js';
import {paragraphs} from '../../fixtures/prose.js';
import {watchingTextReads} from '../../fixtures/text-reads.js';
import {
	findVersions,
	versionSignature,
	VersionIndex,
} from '../../../source/core/versions/version-index.js';
import {makeTempFolder, type TempFolder} from '../../fixtures/temp-folder.js';
import {rowFields} from '../../fixtures/metadata-row.js';

// The loader's reads pass through spies, so a test can tell whether files were read: on the
// thread pool (read) or, small files while reads are quick, on the main thread (readSync).
vi.mock('node:fs', async (importOriginal) => {
	const actual = await importOriginal<typeof NodeFs>();
	return {...actual, read: vi.fn(actual.read), readSync: vi.fn(actual.readSync)};
});

/** Reads of files since the last forgetReads (a small file's take one call). */
function fileReads(): number {
	return vi.mocked(read).mock.calls.length + vi.mocked(readSync).mock.calls.length;
}

function forgetReads(): void {
	vi.mocked(read).mockClear();
	vi.mocked(readSync).mockClear();
}

const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
/** Called with its database as this, by the spy of a test that records statements. */
const prepareOriginal = Sqlite.prototype.prepare;

/** A day ago: files older than the loader's settling time are trusted by size and mtime. */
const PAST = new Date(Date.now() - 86_400_000);

let folder: TempFolder;
let cacheHome: string;
const stores: CorpusStore[] = [];
let warnings: string[];

beforeEach(async () => {
	folder = await makeTempFolder();
	cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-store-test-'));
	warnings = [];
	forgetReads();
});

afterEach(async () => {
	for (const store of stores.splice(0)) store.close();
	await folder.remove();
	rmSync(cacheHome, {recursive: true, force: true});
});

function open(options: {useCache?: boolean; home?: string; root?: string} = {}): CorpusStore {
	const store = openStore({
		folder: options.root ?? folder.root,
		useCache: options.useCache ?? true,
		cacheHome: options.home ?? cacheHome,
		warn: (message) => warnings.push(message),
	});
	stores.push(store);
	return store;
}

async function write(name: string, text: string, when = PAST): Promise<void> {
	const path = await folder.write(name, text);
	await utimes(path, when, when);
}

/** Loads the folder through a fresh store, as a new run would; returns how many reads it made. */
async function run(
	options: {useCache?: boolean; bothEndsFrom?: number; bothEndsFirst?: boolean} = {},
) {
	const store = open(options);
	await store.loadIndexing();
	forgetReads();
	const loaded = await loadAll(folder.root, {
		store,
		...(options.bothEndsFrom === undefined ? {} : {bothEndsFrom: options.bothEndsFrom}),
		...(options.bothEndsFirst ? {bothEndsFirst: true} : {}),
	});
	return {store, ...loaded, reads: fileReads()};
}

/** a.txt, b.txt (the one with zebras) and c.txt loaded through a store, and the SQL the
 * database prepares from then on noted (`prepare.mockRestore()` stops noting). */
async function threeStoriesNoted() {
	await write('a.txt', 'Alpha headline\n\nThe first story.');
	await write('b.txt', 'Beta headline\n\nThe second story, with zebras.');
	await write('c.txt', 'Gamma headline\n\nThe third story.');
	const {store} = await run();
	const statements: string[] = [];
	const prepare = vi.spyOn(Sqlite.prototype, 'prepare');
	prepare.mockImplementation(function (this: BetterSqlite3.Database, source: string) {
		statements.push(source);
		return prepareOriginal.call(this, source);
	});
	return {store, statements, prepare};
}

/** Every field of a Document, read through its getters. */
function fields(document: Document) {
	return {
		id: document.id,
		path: document.path,
		fileName: document.fileName,
		title: document.title,
		titleFromHeadline: document.titleFromHeadline,
		dateline: document.dateline,
		source: document.source,
		paragraphs: [...document.paragraphs],
		words: document.words,
		readingMinutes: document.readingMinutes,
		text: document.text,
		encoding: document.encoding,
		hash: document.hash,
		bytes: document.bytes,
	};
}

const titles = (documents: readonly Document[]) =>
	documents.map((document) => [document.id, document.title]);

async function writeSeeds(): Promise<void> {
	for (const name of seedFiles) await write(name, seedText(name.slice(0, 3)));
}

/** A second run's store over the seeds, holding a snapshot of their index, and its bytes. */
async function seedsWithSnapshot() {
	await writeSeeds();
	(await run()).store.close();
	const {store, documents} = await run();
	const built = new SearchIndex();
	built.add(documents);
	const bytes = Buffer.concat((await encodeSnapshot(built))!);
	await store.writeSearchSnapshot([bytes]);
	return {store, documents, built, bytes};
}

describe('the database store', () => {
	it('gives back a text beyond ASCII and the BMP byte for byte (its body read as bytes)', async () => {
		const text = 'Café 😀 متن «Iran’s» — 𝔸\n\nSecond ¶ with ideographs 中文 and a lone é.';
		await write('wide.txt', text);
		(await run()).store.close();
		const second = await run();
		expect(second.reads).toBe(0);
		expect(second.documents[0]!.text).toBe(text);
		expect(second.documents[0]!.paragraphs).toEqual([
			'Second ¶ with ideographs 中文 and a lone é.',
		]);
		expect(second.documents[0]!.title).toBe('Café 😀 متن «Iran’s» — 𝔸');
	});

	it('gives back, unread, the documents the first run read, field for field', async () => {
		await writeSeeds();
		const first = await run();
		expect(first.store.kind).toBe('database');
		expect(first.reads).toBe(5);
		const direct = await loadAll(folder.root);
		expect(first.documents.map(fields)).toEqual(direct.documents.map(fields));
		first.store.close();

		const second = await run();
		expect(second.reads).toBe(0);
		expect(second.documents.every((document) => document instanceof StoredDocument)).toBe(true);
		expect(second.documents.map(fields)).toEqual(direct.documents.map(fields));
		expect(second.documents.map(paragraphCount)).toEqual([16, 21, 14, 15, 12]);
		expect(warnings).toEqual([]);
		// One database, in the cache folder, none in the folder read.
		expect(
			readdirSync(join(cacheHome, 'reading-room')).filter((name) => name.endsWith('.sqlite')),
		).toHaveLength(1);
		expect(readdirSync(folder.root).sort()).toEqual([...seedFiles].sort());
	});

	it('reads small files on the main thread and a large one on the thread pool', async () => {
		await write('a.txt', 'Alpha headline\n\nThe first story.');
		await write('b.txt', `Beta headline\n\n${'A long story. '.repeat(20_000)}`);
		await write('c.txt', 'Gamma headline\n\nThe third story.');
		const {documents, store} = await run();
		expect(documents.map((document) => document.title)).toEqual([
			'Alpha headline',
			'Beta headline',
			'Gamma headline',
		]);
		expect(store.storedCount()).toBe(3);
		// a and c in one readSync each; b (280,015 bytes) in reads of the pool.
		expect(vi.mocked(readSync).mock.calls.length).toBe(2);
		expect(vi.mocked(read).mock.calls.length).toBeGreaterThanOrEqual(1);
	});

	it('reads only what was added or changed, and drops what was removed or renamed', async () => {
		await write('a.txt', 'Alpha headline\n\nThe first story.');
		await write('b.txt', 'Beta headline\n\nThe second story.');
		await write('c.txt', 'Gamma headline\n\nThe third story.');
		(await run()).store.close();

		await write('b.txt', 'Beta rewritten\n\nThe second story, now with zebras.');
		await write('d.txt', 'Delta headline\n\nA new story.');
		await rm(join(folder.root, 'a.txt'));
		await rename(join(folder.root, 'c.txt'), join(folder.root, 'e.txt'));
		const second = await run();
		// b changed, d is new, e is c renamed: three reads; nothing else.
		expect(second.reads).toBe(3);
		expect(titles(second.documents)).toEqual([
			['b.txt', 'Beta rewritten'],
			['d.txt', 'Delta headline'],
			['e.txt', 'Gamma headline'],
		]);
		expect(second.documents[0]!.paragraphs).toEqual(['The second story, now with zebras.']);
		// a and c are dropped in this run already (the loader listed three files, as many as
		// the store held, but two of them new).
		expect(
			second.store
				.known()
				.map((info) => info.id)
				.sort(),
		).toEqual(['b.txt', 'd.txt', 'e.txt']);
		second.store.close();

		const third = await run();
		expect(third.reads).toBe(0);
		expect(
			third.store
				.known()
				.map((info) => info.id)
				.sort(),
		).toEqual(['b.txt', 'd.txt', 'e.txt']);
		expect(third.documents[0]!.text).toBe('Beta rewritten\n\nThe second story, now with zebras.');
		// One document's stamp without the others': e.txt is c.txt renamed (32 bytes, a day ago,
		// as the file system keeps the time).
		const renamed = statSync(join(folder.root, 'e.txt')).mtimeMs;
		expect(Math.abs(renamed - PAST.getTime())).toBeLessThan(1);
		expect(third.store.stampOf('e.txt')).toEqual({size: 32, mtimeMs: renamed});
		expect(third.store.stampOf('a.txt')).toBeUndefined();
	});

	it.each([
		['the loader first', false],
		['the worker first', true],
	])(
		'with a worker statting from the last file back (%s), reads just the same files',
		async (_, first) => {
			const story = (at: number) => `Story ${at}\n\nThe text of story ${at}.`;
			for (let at = 0; at < 30; at++) await write(`${String(at).padStart(2, '0')}.txt`, story(at));
			(await run({bothEndsFrom: 1, bothEndsFirst: first})).store.close();
			// Changed at the start, the middle (same size, a later mtime) and the end; one added,
			// one removed.
			await write('00.txt', 'Story zero rewritten\n\nLonger than it was.');
			await write('15.txt', story(15).replace('The', 'Our'), new Date(PAST.getTime() + 1000));
			await write('29.txt', 'Story last rewritten\n\nLonger than it was.');
			await write('30.txt', story(30));
			await rm(join(folder.root, '07.txt'));
			const second = await run({bothEndsFrom: 1, bothEndsFirst: first});
			expect(second.reads).toBe(4);
			expect(second.documents).toHaveLength(30);
			const changed = new Set(['00.txt', '15.txt', '29.txt', '30.txt']);
			expect(titles(second.documents.filter((document) => changed.has(document.id)))).toEqual([
				['00.txt', 'Story zero rewritten'],
				['15.txt', 'Story 15'],
				['29.txt', 'Story last rewritten'],
				['30.txt', 'Story 30'],
			]);
			expect(second.documents.find((document) => document.id === '15.txt')!.paragraphs).toEqual([
				'Our text of story 15.',
			]);
			expect(second.documents.some((document) => document.id === '07.txt')).toBe(false);
			second.store.close();
			const third = await run({bothEndsFrom: 1, bothEndsFirst: first});
			expect(third.reads).toBe(0);
			expect(third.documents.map(fields)).toEqual(second.documents.map(fields));
		},
	);

	it('forgets a stored file that is no longer an article, every other file listed as stored', async () => {
		await write('a.txt', 'Alpha headline\n\nThe first story.');
		await write('b.txt', 'Beta headline\n\nThe second story.');
		(await run()).store.close();
		const path = join(folder.root, 'b.txt');
		writeFileSync(path, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x00]));
		await utimes(path, PAST, PAST);
		const second = await run();
		expect(titles(second.documents)).toEqual([['a.txt', 'Alpha headline']]);
		expect(second.skipped).toEqual([{id: 'b.txt', reason: 'binary'}]);
		expect(second.store.known().map((info) => info.id)).toEqual(['a.txt']);
	});

	it('a live refresh reads a changed file through the store, so the next start lists it unread', async () => {
		await write('a.txt', 'Alpha headline\n\nThe first story.');
		await write('b.txt', 'Beta headline\n\nThe second story.');
		const first = await run();
		// While the library is open: b changes on disk, the watcher names it.
		await write('b.txt', 'Beta rewritten\n\nNow with zebras.', new Date(PAST.getTime() + 1000));
		forgetReads();
		const refreshed = await refreshFile(
			{id: 'b.txt', path: join(folder.root, 'b.txt')},
			first.store,
		);
		expect(fileReads()).toBe(1);
		expect('reason' in refreshed ? refreshed.reason : refreshed.title).toBe('Beta rewritten');
		// Named again with no change, it comes from the store, unread.
		forgetReads();
		const again = await refreshFile({id: 'b.txt', path: join(folder.root, 'b.txt')}, first.store);
		expect(fileReads()).toBe(0);
		expect(again).toBeInstanceOf(StoredDocument);
		// a is removed: the watcher keeps only what is left.
		await rm(join(folder.root, 'a.txt'));
		first.store.retainOnly(new Set(['b.txt']));
		first.store.close();

		const second = await run();
		expect(second.reads).toBe(0);
		expect(titles(second.documents)).toEqual([['b.txt', 'Beta rewritten']]);
		expect(second.documents[0]!.text).toBe('Beta rewritten\n\nNow with zebras.');
		expect(second.store.known().map((info) => info.id)).toEqual(['b.txt']);
	});

	it('makes its term index hold a transaction of 16 MB of new terms in memory before writing them out', async () => {
		await write('a.txt', 'Alpha headline\n\nThe first story.');
		const store = open();
		await loadAll(folder.root, {store});
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		const reader = new Sqlite(place.file, {readonly: true});
		try {
			// FTS5's default is 1 MB, less than one of the facts writer's transactions.
			expect(
				reader.prepare("SELECT v FROM term_index_config WHERE k = 'hashsize'").pluck().get(),
			).toBe(16_777_216);
		} finally {
			reader.close();
		}
	});

	it('before its index code loads, lists, writes the documents, and adds their terms on loading', async () => {
		await write('a.txt', 'Alpha headline\n\nThe first story.');
		await write('b.txt', 'Beta headline\n\nThe second story, with zebras.');
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		const stored = (table: string) => {
			const reader = new Sqlite(place.file, {readonly: true});
			try {
				return reader.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
			} finally {
				reader.close();
			}
		};
		// As the library's first frame opens it, and a run that ends at once: no loadIndexing.
		const first = open();
		const {documents} = await loadAll(folder.root, {store: first});
		expect(titles(documents)).toEqual([
			['a.txt', 'Alpha headline'],
			['b.txt', 'Beta headline'],
		]);
		expect(documents[1]!.paragraphs).toEqual(['The second story, with zebras.']);
		expect(first.narrow('zebras ')).toBeUndefined();
		expect(first.versionFacts()).toBeUndefined();
		first.close();
		// The documents are written, so the next start reads neither file; their terms are not.
		expect([stored('documents'), stored('bodies'), stored('version_facts')]).toEqual([2, 2, 0]);

		const second = open();
		forgetReads();
		const again = await loadAll(folder.root, {store: second});
		expect(fileReads()).toBe(0);
		await second.loadIndexing();
		expect(stored('version_facts')).toBe(2);
		expect([...second.narrow('zebras ')!.candidates]).toEqual(['b.txt']);
		// Ranked with the right lengths, counted on loading: a title and a paragraph each, and
		// their words (2 + 3 and 2 + 5).
		expect(second.narrow('story ')!.folder).toMatchObject({documents: 2, sequenceWords: 16});
		expect(second.versionFacts()!.datelineDate(again.documents[0]!)).toBeNull();
		expect(again.documents[1]!.text).toBe('Beta headline\n\nThe second story, with zebras.');
	});

	it('gives up narrowing a lone word with too many documents without counting its postings', async () => {
		const {store, statements, prepare} = await threeStoriesNoted();
		try {
			// 'stor' is every document's: more than the one wanted. Its postings over every term
			// it matches are what reads each term's whole list (0.1 s for 'the' at 100,000).
			expect(store.narrow('stor', 1)).toBeUndefined();
			expect(statements.filter((sql) => sql.includes('term_counts'))).toEqual([]);
			// Two words are ordered by their postings: counted then.
			expect([...store.narrow('zebras stor')!.candidates]).toEqual(['b.txt']);
			expect(statements.filter((sql) => sql.includes('term_counts')).length).toBe(2);
		} finally {
			prepare.mockRestore();
		}
	});

	it('remembers that a query has too many candidates until a document is written or dropped', async () => {
		const {store, statements, prepare} = await threeStoriesNoted();
		const matches = () => statements.filter((sql) => sql.includes('MATCH')).length;
		try {
			expect(store.narrow('story', 2)).toBeUndefined();
			expect(matches()).toBe(1);
			// Asked again, as the library is drawn again: not looked up again.
			expect(store.narrow('story', 2)).toBeUndefined();
			expect(matches()).toBe(1);
			// Another limit is another question.
			expect(store.narrow('story', 3)!.candidates.size).toBe(3);
			expect(matches()).toBe(2);
			// Two documents dropped: one candidate now.
			await rm(join(folder.root, 'a.txt'));
			await rm(join(folder.root, 'c.txt'));
			await loadAll(folder.root, {store});
			expect([...store.narrow('story', 2)!.candidates]).toEqual(['b.txt']);
		} finally {
			prepare.mockRestore();
		}
	});

	it('opened for the app, writes terms and facts only between keys, a piece of a document at a time', async () => {
		await write('a.txt', 'Alpha headline\n\nThe first story.');
		await write('b.txt', 'Beta headline\n\nThe second story, with zebras.');
		const long = `Long headline\n\n${paragraphs(400).join('\n\n')}`;
		expect(long.length).toBeGreaterThan(8 * 8_192);
		await write('long.txt', long);
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		const factsStored = () => {
			const reader = new Sqlite(place.file, {readonly: true});
			try {
				return reader.prepare('SELECT count(*) FROM version_facts').pluck().get();
			} finally {
				reader.close();
			}
		};
		const store = openStore({
			folder: folder.root,
			useCache: true,
			cacheHome,
			warn: (message) => warnings.push(message),
			factsInBackground: true,
		});
		stores.push(store);
		await store.loadIndexing();
		const {documents} = await loadAll(folder.root, {store});
		// Written, listed and readable, but no terms or facts yet: narrowing waits for them.
		expect(titles(documents).map(([id]) => id)).toEqual(['a.txt', 'b.txt', 'long.txt']);
		expect(factsStored()).toBe(0);
		expect(store.narrow('zebras ')).toBeUndefined();
		// One piece per call with a deadline already passed: the long text takes several.
		let calls = 1;
		while (!store.writeMissingFactsStep(() => true)) {
			calls++;
			if (calls === 3) expect(store.narrow('zebras ')).toBeUndefined();
		}
		// About a piece of 8,192 characters per call, for the terms and again for the signature.
		expect(calls).toBeGreaterThan((2 * long.length) / 8_192);
		expect(factsStored()).toBe(3);
		expect([...store.narrow('zebras ')!.candidates]).toEqual(['b.txt']);
		const facts = store.versionFacts()!;
		for (const document of documents) {
			expect(facts.signature(document), document.id).toEqual(versionSignature(document.text));
		}
		// The same figures as a store that writes them as it goes (the commands'): the word
		// counts read a piece at a time are the counts read in one go.
		const figuresOf = (narrowing: ReturnType<CorpusStore['narrow']>) => {
			const {documents, sequenceWords} = narrowing!.folder;
			return {documents, sequenceWords, candidates: [...narrowing!.candidates].sort()};
		};
		const figures = figuresOf(store.narrow('story '));
		expect(figures.documents).toBe(3);
		store.close();
		rmSync(place.file);
		const inline = await run();
		expect(figuresOf(inline.store.narrow('story '))).toEqual(figures);
		expect(store.writeMissingFactsStep(() => true)).toBe(true);
	});

	it('writes the terms and signatures the app’s indexes hold as they are, without reading the texts again', async () => {
		await write('a.txt', 'Alpha headline\n\nThe first story.');
		await write('b.txt', 'Beta headline\n\nThe second story, with zebras.');
		// Too short for a shingle: its signature is known to be none.
		await write('c.txt', 'Short.');
		const long = `Long headline\n\n${paragraphs(400).join('\n\n')}`;
		await write('long.txt', long);
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		/** What the database holds per document: its sequence and facts; and per term, the
		 * documents its term index row lists. */
		const written = () => {
			const reader = new Sqlite(place.file, {readonly: true});
			try {
				const rows = reader
					.prepare(
						`SELECT d.id, d.sequence_words, hex(s.words), hex(f.signature), f.dateline_ms
						FROM documents d JOIN sequences s ON s.id = d.rowid JOIN version_facts f ON f.id = d.id
						ORDER BY d.id`,
					)
					.raw()
					.all();
				const holding = reader
					.prepare(
						`SELECT d.id FROM term_index t JOIN documents d ON d.rowid = t.rowid
						WHERE term_index MATCH ? ORDER BY d.id`,
					)
					.pluck();
				const terms = reader.prepare('SELECT number, term FROM terms').raw().all() as [
					number,
					string,
				][];
				const documentsOf = new Map(
					terms.map(([number, term]) => [term, holding.all(`t${number}`) as string[]]),
				);
				return {rows, documentsOf};
			} finally {
				reader.close();
			}
		};
		const build = async (fromIndexes: boolean) => {
			const store = openStore({
				folder: folder.root,
				useCache: true,
				cacheHome,
				factsInBackground: true,
			});
			stores.push(store);
			await store.loadIndexing();
			const {documents} = await loadAll(folder.root, {store});
			const search = new SearchIndex();
			search.add(documents);
			const versions = new VersionIndex();
			versions.add(documents);
			const known = {
				terms: (id: string, hash: string) => search.storedTerms(id, hash),
				signature: (id: string, hash: string) => versions.signatureOf(id, hash),
			};
			// One piece per call with a deadline already passed.
			let calls = 1;
			while (!store.writeMissingFactsStep(() => true, fromIndexes ? known : undefined)) calls++;
			const [a, , c] = documents;
			// What the versions index gives: none for a text without shingles, nothing for
			// another text than it holds.
			expect(versions.signatureOf(c!.id, c!.hash)).toBeNull();
			expect(versions.signatureOf(a!.id, a!.hash)).toEqual(versionSignature(a!.text));
			expect(versions.signatureOf(a!.id, c!.hash)).toBeUndefined();
			const narrowed = [...store.narrow('zebras ')!.candidates];
			store.close();
			return {calls, narrowed, ...written()};
		};
		const fromIndexes = await build(true);
		// A document a call: nothing read a piece at a time.
		expect(fromIndexes.calls).toBe(4);
		expect(fromIndexes.narrowed).toEqual(['b.txt']);
		expect(fromIndexes.rows.map((row) => (row as unknown[])[0])).toEqual([
			'a.txt',
			'b.txt',
			'c.txt',
			'long.txt',
		]);
		// c.txt's signature: none (an empty blob).
		expect((fromIndexes.rows[2] as unknown[])[3]).toBe('');
		// Each term's row words: terms met again in later documents are numbered from what
		// was learnt of their search index ids, and are the same terms.
		expect(fromIndexes.documentsOf.get('headline')).toEqual(['a.txt', 'b.txt', 'long.txt']);
		expect(fromIndexes.documentsOf.get('story')).toEqual(['a.txt', 'b.txt']);
		expect(fromIndexes.documentsOf.get('short')).toEqual(['c.txt']);
		rmSync(place.file);
		const fromTexts = await build(false);
		expect(fromTexts.calls).toBeGreaterThan((2 * long.length) / 8_192);
		expect(fromIndexes.rows).toEqual(fromTexts.rows);
		expect(fromIndexes.documentsOf).toEqual(fromTexts.documentsOf);
		expect(fromIndexes.documentsOf.size).toBeGreaterThan(50);
	});

	it('gives a changed file’s document as stored, for the library to list while it is read again', async () => {
		await write('a.txt', 'Alpha headline\n\nThe first story.');
		(await run()).store.close();
		await write(
			'a.txt',
			'Alpha rewritten\n\nThe first story, longer now.',
			new Date(PAST.getTime() + 1000),
		);
		const store = open();
		const file = {id: 'a.txt', path: join(folder.root, 'a.txt')};
		expect(store.unchanged(file, {size: 44, mtimeMs: PAST.getTime() + 1000})).toBeUndefined();
		const stored = store.stored(file)!;
		expect([stored.title, stored.words, stored.text]).toEqual([
			'Alpha headline',
			5,
			'Alpha headline\n\nThe first story.',
		]);
		expect(store.stored({id: 'b.txt', path: join(folder.root, 'b.txt')})).toBeUndefined();
	});

	it('reads a file again when it was modified too recently to trust its mtime', async () => {
		await write('a.txt', 'Alpha headline\n\nJust written.', new Date());
		(await run()).store.close();
		expect((await run()).reads).toBe(1);
	});

	it('sees a change that keeps the size when the mtime moves', async () => {
		await write('a.txt', 'Alpha headline\n\nThe cat sat.');
		(await run()).store.close();
		const later = new Date(PAST.getTime() + 1000);
		await write('a.txt', 'Alpha headline\n\nThe dog sat.', later);
		const second = await run();
		expect(second.reads).toBe(1);
		expect(second.documents[0]!.paragraphs).toEqual(['The dog sat.']);
	});

	it('empties the store when the folder is emptied', async () => {
		await write('a.txt', 'Alpha headline\n\nText.');
		(await run()).store.close();
		await rm(join(folder.root, 'a.txt'));
		(await run()).store.close();
		expect(open().known()).toEqual([]);
	});

	it('reads a stored document from its file when another instance replaced its body', async () => {
		await write('a.txt', 'Alpha headline\n\nOld text.');
		(await run()).store.close();
		const mine = await run();
		const stale = mine.documents[0]!;
		// Another instance sees the file changed and stores the new version.
		await write('a.txt', 'Alpha headline\n\nNew text.', new Date(PAST.getTime() + 5000));
		(await run()).store.close();
		expect(stale.paragraphs).toEqual(['New text.']);
	});

	it('lets two instances write the same database at once', async () => {
		for (let index = 0; index < 40; index++) {
			await write(`f${String(index).padStart(2, '0')}.txt`, `Headline ${index}\n\nBody ${index}.`);
		}
		const [one, two] = await Promise.all([run(), run()]);
		expect(one.documents).toHaveLength(40);
		expect(two.documents).toHaveLength(40);
		expect(two.documents[39]!.paragraphs).toEqual(['Body 39.']);
		one.store.close();
		two.store.close();
		const third = await run();
		expect(third.reads).toBe(0);
		expect(third.documents.map((document) => document.title)).toEqual(
			Array.from({length: 40}, (_, index) => `Headline ${index}`),
		);
	});

	it('two instances opening a new database at once: the second takes the one the first made, never deletes it', async () => {
		await write('a.txt', 'Alpha headline\n\nText.');
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		let made: number | undefined;
		let first: CorpusStore | undefined;
		let raced = false;
		const prepare = vi.spyOn(Sqlite.prototype, 'prepare');
		prepare.mockImplementation(function (this: BetterSqlite3.Database, source: string) {
			const statement = prepareOriginal.call(this, source);
			if (raced || !source.includes('sqlite_master')) return statement;
			// This instance has counted no tables; another instance, started at the same moment,
			// makes the database before this one makes it (two apps started together).
			const pluck = statement.pluck.bind(statement);
			statement.pluck = () => {
				const plucked = pluck();
				const get = plucked.get.bind(plucked);
				plucked.get = (...parameters: unknown[]) => {
					const counted = get(...parameters);
					raced = true;
					first = open();
					made = statSync(place.file).ino;
					return counted;
				};
				return plucked;
			};
			return statement;
		});
		let second: CorpusStore;
		try {
			second = open();
		} finally {
			prepare.mockRestore();
		}
		expect(first?.kind).toBe('database');
		expect(second.kind).toBe('database');
		expect(warnings).toEqual([]);
		// The database the first made and has open is the one the second opened, not deleted.
		expect(statSync(place.file).ino).toBe(made);
		const {documents} = await loadAll(folder.root, {store: first!});
		expect(documents.map((document) => document.title)).toEqual(['Alpha headline']);
		first!.close();
		second.close();
		// What the first wrote is kept: the next run reads no file.
		const next = await run();
		expect(next.reads).toBe(0);
		expect(warnings).toEqual([]);
	});

	it('closing the last instance removes the -wal and -shm files; closing one of two keeps them for the other', async () => {
		for (let index = 0; index < 12; index++)
			await write(`f${index}.txt`, `Headline ${index}\n\nBody.`);
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		const logs = () =>
			readdirSync(join(cacheHome, 'reading-room')).filter((name) => /-(wal|shm)$/.test(name));
		const [one, two] = await Promise.all([run(), run()]);
		expect(logs()).toHaveLength(2);
		one.store.close();
		// The other goes on: its log stays, and it still reads bodies and writes.
		expect(logs()).toHaveLength(2);
		expect(two.documents[11]!.paragraphs).toEqual(['Body.']);
		await write('new.txt', 'Added late\n\nText.');
		expect((await loadAll(folder.root, {store: two.store})).documents).toHaveLength(13);
		two.store.close();
		expect(logs()).toEqual([]);
		// And what both wrote is there for the next run, unread.
		expect((await run()).reads).toBe(0);
	});

	it('closes without an error while another instance holds the write lock', async () => {
		await write('a.txt', 'Alpha headline\n\nText.');
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		const {store} = await run();
		const other = new Sqlite(place.file);
		other.exec('BEGIN IMMEDIATE');
		try {
			expect(() => store.close()).not.toThrow();
		} finally {
			other.exec('ROLLBACK');
			other.close();
		}
		expect(warnings).toEqual([]);
	});

	it('goes on when another instance holds the write lock, and reads those files next time', async () => {
		await write('a.txt', 'Alpha headline\n\nText.');
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		open().close();
		const other = new Sqlite(place.file);
		other.exec('BEGIN IMMEDIATE');
		try {
			const blocked = await run();
			expect(titles(blocked.documents)).toEqual([['a.txt', 'Alpha headline']]);
			expect(blocked.documents[0]!.paragraphs).toEqual(['Text.']);
			// Not in the term index, so the folder's figures would miss it: no narrowing.
			expect(blocked.store.narrow('nothing like it ')).toBeUndefined();
			blocked.store.close();
		} finally {
			other.exec('ROLLBACK');
			other.close();
		}
		expect((await run()).reads).toBe(1);
		expect(warnings).toEqual([]);
	});
});

describe('the search index snapshot beside the database', () => {
	it('is written whole and read back; what an interrupted write left is tidied after a minute', async () => {
		await writeSeeds();
		const store = open();
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		expect(await store.readSearchSnapshot()).toBeUndefined();
		await store.writeSearchSnapshot([Buffer.from('first part, '), Buffer.from('second part')]);
		expect(Buffer.from((await store.readSearchSnapshot())!).toString()).toBe(
			'first part, second part',
		);
		expect(
			readdirSync(join(cacheHome, 'reading-room')).filter((name) => name.endsWith('.tmp')),
		).toEqual([]);
		const abandoned = `${place.file}-search.0123456789ab.tmp`;
		const writing = `${place.file}-search.ba9876543210.tmp`;
		writeFileSync(abandoned, 'half');
		writeFileSync(writing, 'half');
		const longAgo = new Date(Date.now() - 5 * 60_000);
		await utimes(abandoned, longAgo, longAgo);
		await store.readSearchSnapshot();
		await vi.waitFor(() => expect(existsSync(abandoned)).toBe(false));
		expect(existsSync(writing)).toBe(true);
	});

	it('taken up from its file, the index reads its word sequences there until the store closes', async () => {
		const ranking = (found: ReturnType<SearchIndex['search']>) => ({
			total: found.total,
			results: found.slice(0, found.total).map((result) => [result.document.id, result.score]),
		});
		const {store, documents, built} = await seedsWithSnapshot();
		const file = (await store.openSearchSnapshot())!;
		const decoded = await decodeSnapshotFrom(file);
		if ('problem' in decoded) throw new Error(decoded.problem);
		const index = SearchIndex.restore(decoded.state, documents)!;
		// Phrases are found in the word sequences, read from the file.
		for (const query of ['"prime minister"', '"the relations between"', 'kadimi zarif']) {
			expect(ranking(index.search(query)), query).toEqual(ranking(built.search(query)));
		}
		expect(index.search('"prime minister"').total).toBe(5);
		// Another snapshot written over it (aside, then renamed): the open file still answers.
		await store.writeSearchSnapshot([Buffer.from('another run')]);
		expect(ranking(index.search('"foreign minister"'))).toEqual(
			ranking(built.search('"foreign minister"')),
		);
		expect(index.search('"foreign minister"').total).toBeGreaterThan(0);
		store.close();
		// Closed with the store: what is not read already reads as nothing (here all of it was,
		// in one window), and no search throws.
		expect(index.search('"iraqi prime minister"').total).toBe(5);
		expect(index.search('iraqi').total).toBe(built.search('iraqi').total);
	});

	it('its file is hashed in a worker: a damaged byte, or another file renamed over it, is not taken up', async () => {
		const {store, bytes} = await seedsWithSnapshot();
		const file = (await store.openSearchSnapshot())!;
		// The checksums' bytes (8 to 12, 12 to 16) are the CRC-32s of everything after them (16 on)
		// up to the word sequences (where they start is at 16), and of the word sequences, each
		// worked out in a worker of its own; the first also hands over the bytes it read, cut
		// where asked.
		const sequencesAt = bytes.readUIntLE(16, 6);
		expect(sequencesAt).toBeGreaterThan(28);
		expect(sequencesAt).toBeLessThan(bytes.length);
		const held = await file.checkRange!(16, sequencesAt, [28, 100]);
		expect(Buffer.from(held!.digest).readUInt32LE()).toBe(
			zlib.crc32(bytes.subarray(16, sequencesAt)),
		);
		expect(held!.pieces!.map((piece) => Buffer.from(piece))).toEqual([
			bytes.subarray(16, 28),
			bytes.subarray(28, 100),
			bytes.subarray(100, sequencesAt),
		]);
		const rest = await file.checkRange!(sequencesAt, bytes.length);
		expect(Buffer.from(rest!.digest).readUInt32LE()).toBe(zlib.crc32(bytes.subarray(sequencesAt)));
		expect(rest!.pieces).toBeUndefined();
		expect(bytes.readUInt32LE(8)).toBe(zlib.crc32(bytes.subarray(16, sequencesAt)));
		expect(bytes.readUInt32LE(12)).toBe(zlib.crc32(bytes.subarray(sequencesAt)));
		expect('state' in (await decodeSnapshotFrom(file))).toBe(true);
		// A byte of the word sequences (the last sections, left in the file) flipped.
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		const damaged = Buffer.from(bytes);
		damaged[damaged.length - 3]! ^= 0x10;
		writeFileSync(`${place.file}-search`, damaged);
		expect(await decodeSnapshotFrom((await store.openSearchSnapshot())!)).toEqual({
			problem: 'a damaged snapshot',
		});
		// A byte of the first section (the trie's code points, after the header: the first part)
		// flipped.
		const sectionsAt = 28 + bytes.readUInt32LE(24) + 3 - ((28 + bytes.readUInt32LE(24) + 3) % 4);
		expect(sectionsAt + 1).toBeLessThan(sequencesAt);
		const early = Buffer.from(bytes);
		early[sectionsAt + 1]! ^= 0x10;
		writeFileSync(`${place.file}-search`, early);
		expect(await decodeSnapshotFrom((await store.openSearchSnapshot())!)).toEqual({
			problem: 'a damaged snapshot',
		});
		// Opened, then another written (aside and renamed over it) before it is hashed.
		await store.writeSearchSnapshot([bytes]);
		const opened = (await store.openSearchSnapshot())!;
		await store.writeSearchSnapshot([bytes]);
		expect(await opened.checkRange!(16, 60)).toBeUndefined();
		expect(await opened.checkRange!(16, 60, [28])).toBeUndefined();
		expect(await decodeSnapshotFrom(opened)).toEqual({problem: 'a damaged snapshot'});
		expect('state' in (await decodeSnapshotFrom((await store.openSearchSnapshot())!))).toBe(true);
	});

	it('a file whose checksums held has its word sequences summed no more while it is that file, changed long enough before', async () => {
		await writeSeeds();
		(await run()).store.close();
		const {store: loaded, documents} = await run();
		loaded.close();
		const built = new SearchIndex();
		built.add(documents);
		const bytes = Buffer.concat((await encodeSnapshot(built))!);
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		const snapshotFile = `${place.file}-search`;
		const checkedFile = `${place.file}-search-checked`;
		const sequencesAt = bytes.readUIntLE(16, 6);
		const storeSettling = (settleMs: number) => {
			const store = openStore({folder: folder.root, useCache: true, cacheHome, settleMs});
			stores.push(store);
			return store;
		};
		/** Opens and decodes the snapshot: whether it was taken as checked, whether it was taken
		 * up, and the ranges whose checksums were worked out. */
		const decodes = async (store: CorpusStore) => {
			const file = (await store.openSearchSnapshot())!;
			const summed: number[][] = [];
			const decoded = await decodeSnapshotFrom({
				...file,
				checkRange: (from, to, cuts) => {
					summed.push([from, to]);
					return file.checkRange!(from, to, cuts);
				},
			});
			return {checked: file.checked, taken: 'state' in decoded, summed};
		};
		const both = [
			[16, sequencesAt],
			[sequencesAt, bytes.length],
		];
		const heldOnly = [[16, sequencesAt]];
		// The file's identity as the store keeps it: device, inode, size, modification and change
		// times.
		const identity = () => {
			const stats = statSync(snapshotFile, {bigint: true});
			return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
		};
		// Changed within the time to settle (an hour): summed whole at each open, nothing kept
		// (it could change again within its times' granularity).
		const settling = storeSettling(3_600_000);
		await settling.writeSearchSnapshot([bytes]);
		expect(await decodes(settling)).toEqual({checked: false, taken: true, summed: both});
		expect(await decodes(settling)).toEqual({checked: false, taken: true, summed: both});
		expect(existsSync(checkedFile)).toBe(false);
		// Changed before the open (nothing to settle): once its checksums held, its identity is
		// kept, and the next open sums the held part only.
		const store = storeSettling(0);
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(await decodes(store)).toEqual({checked: false, taken: true, summed: both});
		expect(readFileSync(checkedFile, 'utf8')).toBe(identity());
		expect(await decodes(store)).toEqual({checked: true, taken: true, summed: heldOnly});
		// Written into since: summed whole again, and a damaged word sequence found. Its change
		// time counts too: a record with its modification time as it is now (as cp -p would put an
		// old one back) but the change time it had does not name it.
		const damagedSequences = Buffer.from(bytes);
		damagedSequences[damagedSequences.length - 3]! ^= 0x10;
		const before = statSync(snapshotFile, {bigint: true});
		writeFileSync(snapshotFile, damagedSequences);
		const after = statSync(snapshotFile, {bigint: true});
		expect(after.ctimeNs).not.toBe(before.ctimeNs);
		writeFileSync(
			checkedFile,
			`${after.dev}:${after.ino}:${after.size}:${after.mtimeNs}:${before.ctimeNs}`,
		);
		expect(await decodes(store)).toEqual({checked: false, taken: false, summed: both});
		// Under a kept identity a damaged word sequence goes unseen (it only reads as other words),
		// but a damaged held section is still found: a damaged link there could loop a search.
		writeFileSync(checkedFile, identity());
		expect(await decodes(store)).toEqual({checked: true, taken: true, summed: heldOnly});
		// Before a new snapshot copies them, though, they are summed: none is written, and the
		// file is not taken as checked again (the next start finds the damage and builds anew).
		const takenUp = async () => {
			const decoded = await decodeSnapshotFrom((await store.openSearchSnapshot())!);
			if ('problem' in decoded) throw new Error(decoded.problem);
			return SearchIndex.restore(decoded.state, documents)!;
		};
		expect(await encodeSnapshot(await takenUp())).toBeUndefined();
		expect(existsSync(checkedFile)).toBe(false);
		expect(await decodes(store)).toEqual({checked: false, taken: false, summed: both});
		const sectionsAt = 28 + bytes.readUInt32LE(24) + 3 - ((28 + bytes.readUInt32LE(24) + 3) % 4);
		const damagedHeld = Buffer.from(bytes);
		damagedHeld[sectionsAt + 1]! ^= 0x10;
		writeFileSync(snapshotFile, damagedHeld);
		writeFileSync(checkedFile, identity());
		expect(await decodes(store)).toEqual({checked: true, taken: false, summed: heldOnly});
		// Another file renamed over it (another run's, the same bytes): another inode, summed whole.
		await store.writeSearchSnapshot([bytes]);
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(await decodes(store)).toEqual({checked: false, taken: true, summed: both});
		expect(await decodes(store)).toEqual({checked: true, taken: true, summed: heldOnly});
		// Whole, they are copied into the new snapshot, the same bytes as built: summed from the
		// file taken up, though another was renamed over it since (the worker, which opens the
		// file by its name, finds another file there); and summed once for every snapshot after.
		const index = await takenUp();
		await store.writeSearchSnapshot([Buffer.from('another run')]);
		expect(Buffer.concat((await encodeSnapshot(index))!).equals(bytes)).toBe(true);
		expect(Buffer.concat((await encodeSnapshot(index))!).equals(bytes)).toBe(true);
		expect(existsSync(checkedFile)).toBe(true);
	});

	it('its file is hashed and handed over megabytes at a time, cut anywhere', async () => {
		await writeSeeds();
		const {store} = await run();
		// Not a snapshot: any bytes, 3.5 MB of them, so each piece spans several reads.
		const bytes = Buffer.alloc(3_500_000);
		for (let at = 0, value = 7; at < bytes.length; at++) {
			value = (value * 1_103_515_245 + 12_345) >>> 0;
			bytes[at] = value >>> 24;
		}
		await store.writeSearchSnapshot([bytes]);
		const file = (await store.openSearchSnapshot())!;
		const to = bytes.length - 7;
		const cut = 1_500_003;
		const held = await file.checkRange!(5, to, [cut]);
		expect(Buffer.from(held!.digest).readUInt32LE()).toBe(zlib.crc32(bytes.subarray(5, to)));
		// Compared as bytes: toEqual compares megabytes element by element (about 10 s here).
		expect(held!.pieces!.map((piece) => piece.length)).toEqual([cut - 5, to - cut]);
		expect(Buffer.from(held!.pieces![0]!).equals(bytes.subarray(5, cut))).toBe(true);
		expect(Buffer.from(held!.pieces![1]!).equals(bytes.subarray(cut, to))).toBe(true);
		const whole = await file.checkRange!(1, bytes.length);
		expect(Buffer.from(whole!.digest).readUInt32LE()).toBe(zlib.crc32(bytes.subarray(1)));
		file.close();
		store.close();
	});

	it('the memory store keeps none', async () => {
		const store: CorpusStore = new MemoryStore();
		await store.writeSearchSnapshot([Buffer.from('anything')]);
		expect(await store.readSearchSnapshot()).toBeUndefined();
	});
});

describe('a database that cannot be used as it is', () => {
	async function cachedOnce(): Promise<string> {
		await write('a.txt', 'Alpha headline\n\nText.');
		(await run()).store.close();
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		return place.file;
	}

	it('rebuilds a corrupt database, saying so in one line', async () => {
		const file = await cachedOnce();
		for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, {force: true});
		writeFileSync(file, 'this is not a database '.repeat(500));
		const again = await run();
		expect(again.store.kind).toBe('database');
		expect(titles(again.documents)).toEqual([['a.txt', 'Alpha headline']]);
		expect(again.reads).toBe(1);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/^cache rebuilt \(/);
		again.store.close();
		expect((await run()).reads).toBe(0);
	});

	it('rebuilds a database of another version', async () => {
		const file = await cachedOnce();
		const db = new Sqlite(file);
		db.pragma('user_version = 99');
		db.close();
		const again = await run();
		expect(again.reads).toBe(1);
		expect(warnings).toEqual(['cache rebuilt (written by another version (99))']);
	});

	it('rebuilds a database that is not ours', async () => {
		const file = await cachedOnce();
		rmSync(file);
		for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, {force: true});
		const foreign = new Sqlite(file);
		foreign.exec('CREATE TABLE documents (anything)');
		foreign.close();
		const again = await run();
		expect(again.store.kind).toBe('database');
		expect(again.documents).toHaveLength(1);
		expect(warnings).toEqual(['cache rebuilt (not our database)']);
	});

	/** The cached database, written out in its file (its WAL checkpointed), with `change` made
	 * to its bytes. */
	async function damagedOnce(change: (bytes: Buffer, db: BetterSqlite3.Database) => void) {
		await write('a.txt', 'Alpha headline\n\niran iran alpha\n\nSecond paragraph.');
		await write('b.txt', 'Beta headline\n\nUntouched text.');
		(await run()).store.close();
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		const {file} = place;
		const db = new Sqlite(file);
		db.pragma('wal_checkpoint(TRUNCATE)');
		const bytes = readFileSync(file);
		change(bytes, db);
		db.close();
		writeFileSync(file, bytes);
		for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, {force: true});
		return file;
	}

	/** Overwrites every copy of `from` in `bytes` with `to` (as long). */
	function replaceBytes(bytes: Buffer, from: string, to: Buffer): number {
		let count = 0;
		for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + 1)) {
			to.copy(bytes, at);
			count++;
		}
		return count;
	}

	const DAMAGED_LINE =
		'cache damaged (a stored text does not match its checksum); reading files directly, it is rebuilt at the next start';
	const REBUILT_LINE = 'cache rebuilt (found damaged)';
	const versionOf = (file: string) => {
		const db = new Sqlite(file, {readonly: true});
		const version = db.pragma('user_version', {simple: true}) as number;
		db.close();
		return version;
	};
	const MALFORMED_LINE =
		'cache damaged (database disk image is malformed); reading files directly, it is rebuilt at the next start';

	it('gives the file’s text, not a stored text whose bytes were changed in the file, and rebuilds', async () => {
		const file = await damagedOnce((bytes) => {
			// Stored once, as the paragraphs: the text is the file's own, not stored. The header
			// stays valid.
			expect(
				replaceBytes(bytes, 'iran iran alpha', Buffer.from('iran ira\xff alpha', 'latin1')),
			).toBe(1);
		});
		const again = await run();
		expect(again.reads).toBe(0);
		const a = again.documents.find((document) => document.id === 'a.txt')!;
		expect(a.paragraphs).toEqual(['iran iran alpha', 'Second paragraph.']);
		expect(paragraphCount(a)).toBe(2);
		expect(a.text).toBe('Alpha headline\n\niran iran alpha\n\nSecond paragraph.');
		expect(warnings).toEqual([DAMAGED_LINE]);
		// Every body is read from its file from then on, the one not damaged too.
		const b = again.documents.find((document) => document.id === 'b.txt')!;
		expect(b.paragraphs).toEqual(['Untouched text.']);
		expect(versionOf(file)).toBe(-1);
		again.store.close();
		warnings = [];
		const next = await run();
		expect(next.reads).toBe(2);
		expect(next.documents.find((document) => document.id === 'a.txt')!.paragraphs).toEqual([
			'iran iran alpha',
			'Second paragraph.',
		]);
		expect(warnings).toEqual([REBUILT_LINE]);
		next.store.close();
		expect((await run()).reads).toBe(0);
	});

	it('gives the file’s text, not a stored body changed without its checksum', async () => {
		const file = await damagedOnce(() => {});
		const db = new Sqlite(file);
		db.prepare(
			"UPDATE bodies SET paragraphs = 'iran ira? alpha', text = 'Alpha' WHERE id = 'a.txt'",
		).run();
		db.close();
		const again = await run();
		const a = again.documents.find((document) => document.id === 'a.txt')!;
		expect(a.text).toBe('Alpha headline\n\niran iran alpha\n\nSecond paragraph.');
		expect(a.paragraphs).toEqual(['iran iran alpha', 'Second paragraph.']);
		expect(warnings).toEqual([DAMAGED_LINE]);
	});

	/** Makes the bodies table's page unreadable: SQLite says the database is malformed. */
	function breakBodiesPage(bytes: Buffer, db: BetterSqlite3.Database): void {
		const page = db
			.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'bodies'")
			.pluck()
			.get() as number;
		const size = db.pragma('page_size', {simple: true}) as number;
		// The page's type byte: 13 (a table's leaf) becomes none.
		expect(bytes[(page - 1) * size]).toBe(13);
		bytes[(page - 1) * size] = 0;
	}

	it('drops a database SQLite finds malformed when reading a text, in one line, and rebuilds it', async () => {
		const file = await damagedOnce(breakBodiesPage);
		const again = await run();
		expect(again.reads).toBe(0);
		expect(warnings).toEqual([]);
		const a = again.documents.find((document) => document.id === 'a.txt')!;
		expect(a.paragraphs).toEqual(['iran iran alpha', 'Second paragraph.']);
		expect(a.text).toBe('Alpha headline\n\niran iran alpha\n\nSecond paragraph.');
		expect(warnings).toEqual([MALFORMED_LINE]);
		expect(versionOf(file)).toBe(-1);
		again.store.close();
		warnings = [];
		expect((await run()).reads).toBe(2);
		expect(warnings).toEqual([REBUILT_LINE]);
	});

	it('drops a database SQLite finds malformed when writing, in one line, and rebuilds it', async () => {
		const file = await damagedOnce(breakBodiesPage);
		await write('a.txt', 'Alpha headline\n\niran iran beta', new Date(PAST.getTime() + 5000));
		const again = await run();
		expect(again.reads).toBe(1);
		expect(warnings).toEqual([MALFORMED_LINE]);
		const a = again.documents.find((document) => document.id === 'a.txt')!;
		expect(a.paragraphs).toEqual(['iran iran beta']);
		expect(versionOf(file)).toBe(-1);
		again.store.close();
		warnings = [];
		expect((await run()).reads).toBe(2);
		expect(warnings).toEqual([REBUILT_LINE]);
	});

	it('deletes a damaged database it cannot mark (another instance is writing), and builds it again', async () => {
		const file = await damagedOnce(breakBodiesPage);
		const again = await run();
		const other = new Sqlite(file);
		other.exec('BEGIN IMMEDIATE');
		expect(again.documents.find((document) => document.id === 'a.txt')!.paragraphs).toEqual([
			'iran iran alpha',
			'Second paragraph.',
		]);
		expect(warnings).toEqual([MALFORMED_LINE]);
		expect(existsSync(file)).toBe(false);
		other.exec('ROLLBACK');
		other.close();
		again.store.close();
		warnings = [];
		expect((await run()).reads).toBe(2);
		expect(warnings).toEqual([]);
	});

	it('a search that finds the database damaged while ranking answers from the files', async () => {
		const file = await damagedOnce((bytes) => {
			replaceBytes(bytes, 'iran iran alpha', Buffer.from('iran ira\xff alpha', 'latin1'));
		});
		const {store, documents} = await run();
		// Another instance is writing: the mark cannot be written, the database is closed.
		const other = new Sqlite(file);
		other.exec('BEGIN IMMEDIATE');
		const found = searchThroughStore(store, documents, 'iran alpha')!;
		other.exec('ROLLBACK');
		other.close();
		expect(found.results.map((result) => result.document.id)).toEqual(['a.txt']);
		expect(found.results[0]!.document.paragraphs).toEqual(['iran iran alpha', 'Second paragraph.']);
		expect(warnings).toEqual([DAMAGED_LINE]);
	});

	it('reads a kept search index only from a plain file: none from a FIFO, a folder or nothing', async () => {
		await write('a.txt', 'Alpha headline\n\nText.');
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		const kept = `${place.file}-search`;
		const {store} = await run();
		expect(await store.readSearchSnapshot()).toBeUndefined();
		await store.writeSearchSnapshot([Uint8Array.of(1, 2, 3), Uint8Array.of(4)]);
		expect(await store.readSearchSnapshot()).toEqual(Buffer.from([1, 2, 3, 4]));
		rmSync(kept);
		await makeDirectory(kept);
		expect(await store.readSearchSnapshot()).toBeUndefined();
		rmSync(kept, {recursive: true});
		// A FIFO with no writer: opening it to read would wait for one for good.
		execFileSync('mkfifo', [kept]);
		expect(await store.readSearchSnapshot()).toBeUndefined();
		// And written over whole, as a damaged one is.
		await store.writeSearchSnapshot([Uint8Array.of(5)]);
		expect(statSync(kept).isFile()).toBe(true);
		expect(await store.readSearchSnapshot()).toEqual(Buffer.from([5]));
	});

	it('a kept search index being written when the store closes leaves no file behind', async () => {
		await write('a.txt', 'Alpha headline\n\nText.');
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		const cacheFolder = dirname(place.file);
		const leftovers = () => readdirSync(cacheFolder).filter((name) => name.includes('-search'));

		// Closed as soon as it starts: nothing is left either.
		const early = (await run()).store;
		const unfinished = early.writeSearchSnapshot([new Uint8Array(1 << 20)]);
		early.close();
		await unfinished;
		expect(leftovers()).toEqual([]);

		// Closed while it is being written (as q does): its temporary file is removed at once.
		const late = (await run()).store;
		let settled = false;
		const writing = late.writeSearchSnapshot([new Uint8Array(64 << 20)]).finally(() => {
			settled = true;
		});
		while (!settled && leftovers().length === 0) {
			await new Promise((resolve) => setImmediate(resolve));
		}
		expect(leftovers()).toEqual([expect.stringMatching(/-search\.[0-9a-f]{12}\.tmp$/)]);
		late.close();
		expect(leftovers()).toEqual([]);
		await writing;
		expect(leftovers()).toEqual([]);
	});

	it('goes without a cache it cannot create, in one line', async () => {
		await write('a.txt', 'Alpha headline\n\nText.');
		writeFileSync(join(cacheHome, 'reading-room'), 'a file where the cache folder would be');
		const {store, documents} = await run();
		expect(store.kind).toBe('memory');
		expect(titles(documents)).toEqual([['a.txt', 'Alpha headline']]);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/reading files directly$/);
	});

	it('goes without a database it cannot open', async () => {
		await write('a.txt', 'Alpha headline\n\nText.');
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		// A folder where the database file would be.
		await makeDirectory(place.file);
		const {store, documents} = await run();
		expect(store.kind).toBe('memory');
		expect(documents).toHaveLength(1);
		expect(warnings).toEqual([
			expect.stringMatching(/^cannot open the cache .*reading files directly$/),
		]);
	});
});

async function makeDirectory(path: string): Promise<void> {
	const {mkdir} = await import('node:fs/promises');
	await mkdir(path, {recursive: true});
}

describe('without the cache (--no-cache)', () => {
	it('reads every file every time and writes nothing', async () => {
		await writeSeeds();
		const first = await run({useCache: false});
		expect(first.store.kind).toBe('memory');
		expect(first.reads).toBe(5);
		expect((await run({useCache: false})).reads).toBe(5);
		expect(existsSync(join(cacheHome, 'reading-room'))).toBe(false);
		expect(warnings).toEqual([]);
	});

	it('the memory store answers like the database for what it was given', async () => {
		const memory = new MemoryStore();
		await write('a.txt', 'Alpha headline\n\nText.');
		const {documents} = await loadAll(folder.root, {store: memory});
		const stamp = memory.known()[0]!.stamp;
		expect(memory.unchanged({id: 'a.txt', path: documents[0]!.path}, stamp)).toBe(documents[0]);
		expect(
			memory.unchanged({id: 'a.txt', path: documents[0]!.path}, {...stamp, size: stamp.size + 1}),
		).toBeUndefined();
		expect(memory.stampOf('a.txt')).toEqual(stamp);
		expect(memory.stampOf('b.txt')).toBeUndefined();
		memory.retainOnly(new Set());
		expect(memory.known()).toEqual([]);
	});
});

describe('where the database goes', () => {
	it('follows XDG_CACHE_HOME when absolute, else ~/.cache', () => {
		expect(cacheHomeFrom({XDG_CACHE_HOME: '/x/cache', HOME: '/home/u'})).toBe('/x/cache');
		expect(cacheHomeFrom({XDG_CACHE_HOME: 'relative/cache', HOME: '/home/u'})).toBe(
			'/home/u/.cache',
		);
		expect(cacheHomeFrom({HOME: '/home/u'})).toBe('/home/u/.cache');
		expect(cacheHomeFrom({HOME: 'relative'})).toBeUndefined();
		expect(cacheHomeFrom({})).toBeUndefined();
	});

	it('is one database per real folder, whatever path reaches it', async () => {
		const link = join(cacheHome, 'link-to-folder');
		await symlink(folder.root, link);
		const direct = databasePlace(folder.root, cacheHome);
		const linked = databasePlace(link, cacheHome);
		expect(linked).toEqual(direct);
		const other = databasePlace(SEEDS_FOLDER, cacheHome);
		expect('file' in other && 'file' in direct && other.file !== direct.file).toBe(true);
	});

	it('is never inside the folder being read', () => {
		expect(databasePlace(folder.root, join(folder.root, '.cache'))).toEqual({
			problem: 'the cache folder is inside the folder being read',
		});
		expect(databasePlace(folder.root, folder.root)).toHaveProperty('problem');
		const store = open({home: join(folder.root, '.cache')});
		expect(store.kind).toBe('memory');
		expect(existsSync(join(folder.root, '.cache'))).toBe(false);
		expect(warnings).toEqual(['not caching: the cache folder is inside the folder being read']);
	});
});

describe('narrowing a search to its candidates', () => {
	const queries = [
		'kadhimi',
		'kadimi zarif', // a typo
		'khadimi', // a swapped pair of letters
		'kadh', // the word being typed, as a prefix
		'zarif teh',
		'zarif tehran iran ',
		'the iran',
		'iran the ',
		'prime minister visit',
		'"prime minister"',
		'"prime minis', // an unclosed phrase being typed
		'"prime minister" iran',
		'"prime minister" "the iranian"',
		'baghdad tehran visit',
		'iran',
		'soleimany',
		'noSuchWordAnywhere',
		'iran noSuchWordAnywhere',
		'the',
		's',
		'Café',
		'cafe', // accents never matter
		'東京', // a run of CJK characters matches as a phrase
		'20',
		'july 20',
		'',
	];

	/** Every result of a search, in rank order, with its score and highlights. */
	const ranking = (found: ReturnType<SearchIndex['search']>) => ({
		total: found.total,
		results: found
			.slice(0, found.total)
			.map((result) => [result.document.id, result.score, result.titleRanges]),
	});

	it('ranks its candidates, with the folder’s figures, exactly as a search of every document ranks them', async () => {
		await writeSeeds();
		await write(
			'extra/cafe.txt',
			'Café culture in Tehran\n\nA visit to 東京 and back, on July 20.',
		);
		await write('extra/plain.txt', 'Notes\n\nThe prime minister of Ruritania visited no one.');
		await write('extra/iran.txt', 'Iran, Iran and Iraq\n\nThe Iranian prime minister: Iran.');
		(await run()).store.close();
		const {store, documents} = await run();
		const all = new SearchIndex();
		all.add(documents);
		let narrowed = 0;
		for (const query of queries) {
			const narrowing = store.narrow(query);
			expect(narrowing, query).toBeDefined();
			const {candidates, folder} = narrowing!;
			expect(folder.documents).toBe(8);
			if (candidates.size < documents.length) narrowed++;
			const some = new SearchIndex({folder});
			some.add(documents.filter((document) => candidates.has(document.id)));
			expect(ranking(some.search(query)), query).toEqual(ranking(all.search(query)));
		}
		expect(narrowed).toBeGreaterThan(queries.length / 2);
		// It does narrow: a rare word leaves only the documents holding it.
		expect([...store.narrow('東京')!.candidates]).toEqual(['extra/cafe.txt']);
		// (A trailing space: the word is no longer being typed, so it is not also a prefix.)
		expect([...store.narrow('ruritania ')!.candidates]).toEqual(['extra/plain.txt']);
		expect(store.narrow('noSuchWordAnywhere')!.candidates.size).toBe(0);
	});

	it('searchThroughStore indexes the candidates from their kept word sequences, reading no text, and ranks, highlights and cuts snippets as a search of every document', async () => {
		await writeSeeds();
		await write(
			'extra/cafe.txt',
			'Café culture in Tehran\n\nA visit to 東京 and back, on July 20.',
		);
		await write('extra/plain.txt', 'Notes\n\nThe prime minister of Ruritania visited no one.');
		await write('extra/iran.txt', 'Iran, Iran and Iraq\n\nThe Iranian prime minister: Iran.');
		(await run()).store.close();
		const {store, documents} = await run();
		const all = new SearchIndex();
		all.add(documents);
		const sequences = vi.spyOn(store, 'sequences');
		const passages = (found: ReturnType<SearchIndex['search']>) =>
			found.slice(0, found.total).map((result) => snippetFor(result, 60));
		for (const query of queries) {
			sequences.mockClear();
			const found = searchThroughStore(store, documents, query)!;
			expect(ranking(found), query).toEqual(ranking(all.search(query)));
			expect(passages(found), query).toEqual(passages(all.search(query)));
			if (queryUnits(parseQuery(query)).length > 0) {
				expect(sequences, query).toHaveBeenCalledTimes(1);
				expect(sequences.mock.results[0]!.value, query).toBeDefined();
			}
		}
		// Not one body read from the database to index them: the results' bodies only, for
		// their snippets (each once at most).
		const bodies = vi.spyOn(store as unknown as {body: () => unknown}, 'body');
		const found = searchThroughStore(store, documents, 'ruritania prime ')!;
		expect(found.results.map((result) => result.document.id)).toEqual(['extra/plain.txt']);
		expect(bodies).not.toHaveBeenCalled();
		snippetFor(found.results[0]!, 60);
		expect(bodies.mock.calls.length).toBeLessThanOrEqual(1);
	});

	// Past the first word, core/search reads a word's hits from its posting lists or from the
	// running documents' word sequences, whichever is less to read, and the two count a word's
	// occurrences differently (postings stop at 16): here the common word is read both ways.
	it('ranks as a search of every document when a common word is read from the running documents', async () => {
		const filler = (count: number) => Array.from({length: count}, (_, index) => `w${index}`);
		for (let index = 0; index < 700; index++) {
			await write(
				`common/${String(index).padStart(3, '0')}.txt`,
				`Note ${index}\n\nA common note.`,
			);
		}
		// Long documents holding 'zyxtal': together a little more words (764) than 'common ' has
		// postings (704), so missing any one of them would change how it is read.
		for (let index = 0; index < 5; index++) {
			const extra = index === 0 ? Array(20).fill('common commons').join(' ') : 'plain';
			await write(`long/${index}.txt`, `Zyxtal ${index}\n\n${filler(140).join(' ')} ${extra}`);
		}
		// Short documents holding 'qwvbn': fewer words than 'common' has postings.
		await write('short/0.txt', `Qwvbn one\n\n${Array(20).fill('common').join(' ')} commons`);
		await write('short/1.txt', 'Qwvbn two\n\nNothing else.');
		(await run()).store.close();
		const {store, documents} = await run();
		const all = new SearchIndex();
		all.add(documents);
		const word = (text: string) => ({kind: 'word', text, maxTypos: 2, prefix: false}) as const;
		const {folder: figures} = store.narrow('zyxtal common ')!;
		expect(figures.runningWords([word('zyxtal')])).toBe(764);
		expect(figures.word(word('common')).postings).toBe(704);
		for (const query of ['zyxtal common ', 'qwvbn common ', 'common qwvbn', 'zyxtal comm']) {
			const {candidates, folder} = store.narrow(query)!;
			expect(candidates.size, query).toBeLessThan(10);
			const some = new SearchIndex({folder});
			some.add(documents.filter((document) => candidates.has(document.id)));
			expect(ranking(some.search(query)), query).toEqual(ranking(all.search(query)));
		}
	});

	it('without the folder’s figures, the candidates alone rank differently', async () => {
		await writeSeeds();
		await write('extra/plain.txt', 'Notes\n\nThe prime minister of Ruritania visited no one.');
		(await run()).store.close();
		const {store, documents} = await run();
		const all = new SearchIndex();
		all.add(documents);
		const {candidates} = store.narrow('zarif iran ')!;
		const alone = new SearchIndex();
		alone.add(documents.filter((document) => candidates.has(document.id)));
		const scores = (index: SearchIndex) =>
			index.search('zarif iran ').results.map((result) => result.score);
		expect(scores(alone)).not.toEqual(scores(all));
	});

	it('searchThroughStore answers as an index of every document, or not at all', async () => {
		await writeSeeds();
		(await run()).store.close();
		const {store, documents} = await run();
		const all = new SearchIndex();
		all.add(documents);
		for (const query of ['kadimi zarif', '"prime minister"', 'tehr']) {
			expect(ranking(searchThroughStore(store, documents, query)!), query).toEqual(
				ranking(all.search(query)),
			);
		}
		// Too many candidates for the caller, or figures not of these documents: no answer.
		expect(searchThroughStore(store, documents, 'iran', {mostCandidates: 2})).toBeUndefined();
		expect(store.narrow('iran', 2)).toBeUndefined();
		expect(store.narrow('iran', 5)!.candidates.size).toBe(all.search('iran').total);
		expect(searchThroughStore(store, documents.slice(1), 'iran')).toBeUndefined();
		expect(searchThroughStore(new MemoryStore(), documents, 'iran')).toBeUndefined();
	});

	it('rememberingStoreSearch works an answer out once per store, documents and query, and asks again when there was none', async () => {
		await writeSeeds();
		(await run()).store.close();
		const {store, documents} = await run();
		const narrow = vi.spyOn(store, 'narrow');
		const search = rememberingStoreSearch({mostCandidates: 200});
		const first = search(store, documents, 'kadimi zarif');
		// Asked again as the library is drawn again while the index moves on: the same answer.
		expect(search(store, documents, 'kadimi zarif')).toBe(first);
		expect(narrow).toHaveBeenCalledTimes(1);
		expect(ranking(first!)).toEqual(ranking(searchThroughStore(store, documents, 'kadimi zarif')!));
		narrow.mockClear();
		// Another query, other documents or another store: worked out again.
		expect(ranking(search(store, documents, 'tehr')!)).toEqual(
			ranking(searchThroughStore(store, documents, 'tehr')!),
		);
		const fewer = documents.slice(1);
		expect(search(store, fewer, 'tehr')).toBeUndefined();
		expect(narrow).toHaveBeenCalledTimes(3);
		// No answer is not remembered: the store may answer later.
		expect(search(store, fewer, 'tehr')).toBeUndefined();
		expect(narrow).toHaveBeenCalledTimes(4);
		expect(search(new MemoryStore(), fewer, 'tehr')).toBeUndefined();
	});

	it('a changed document is found by its new words only', async () => {
		await write('a.txt', 'Alpha headline\n\nDolphins swim.');
		(await run()).store.close();
		await write('a.txt', 'Alpha headline\n\nGiraffes walk.', new Date(PAST.getTime() + 1000));
		const {store} = await run();
		expect([...store.narrow('giraffes ')!.candidates]).toEqual(['a.txt']);
		expect(store.narrow('dolphins ')!.candidates.size).toBe(0);
		expect(store.narrow('alpha ')!.folder).toMatchObject({documents: 1, sequenceWords: 6});
	});

	it('answers from a confirmed listing only while the files and the database are as confirmed', async () => {
		await writeSeeds();
		await write('extra/plain.txt', 'Notes\n\nThe prime minister of Ruritania visited no one.');
		(await run()).store.close();
		const root = realpathSync(folder.root);
		const listing = (await listFolder(root))!;
		expect(listing.plain).toBe(true);
		const deferred = () => {
			const store = openStore({folder: folder.root, useCache: true, cacheHome, deferRows: true});
			stores.push(store);
			return store;
		};
		const first = await run();
		// A stamp that is not the stored one: nothing is recorded.
		const other = new Map(listing.files);
		const stamp = other.get('extra/plain.txt')!;
		other.set('extra/plain.txt', {size: stamp.size, mtimeMs: stamp.mtimeMs + 1});
		first.store.confirmListing!({fingerprint: 'other', files: other});
		expect(await deferred().unchangedFolder!('other')).toBeUndefined();
		// One file short: nothing either.
		const fewer = new Map(listing.files);
		fewer.delete('extra/plain.txt');
		first.store.confirmListing!({fingerprint: 'fewer', files: fewer});
		expect(await deferred().unchangedFolder!('fewer')).toBeUndefined();
		first.store.confirmListing!(listing);
		const all = new SearchIndex();
		all.add(first.documents);
		first.store.close();

		let store = deferred();
		expect(await store.unchangedFolder!('other')).toBeUndefined();
		const unchanged = (await store.unchangedFolder!(listing.fingerprint))!;
		expect(unchanged.documents).toBe(first.documents.length);
		for (const query of ['ruritania', 'kadimi zarif', '"prime minister"', 'tehr', 'nothingsuch']) {
			// No kept index, and no query common: the candidates indexed.
			const found = await searchUnchangedFolderOrKept(store, unchanged, query, {
				keptIndexFrom: Number.POSITIVE_INFINITY,
				keptIndex: new KeptIndex(store),
				stillUnchanged: async () => true,
			});
			expect(ranking(found!), query).toEqual(ranking(all.search(query)));
		}
		store.close();

		// Another instance writes (here: drops a document) though the files did not change: the
		// listing no longer speaks for the database.
		const writer = await run();
		writer.store.retainOnly(new Set(first.documents.slice(1).map((document) => document.id)));
		writer.store.close();
		store = deferred();
		expect(await store.unchangedFolder!(listing.fingerprint)).toBeUndefined();
	});

	it('keeps the vocabulary whole when a listing is confirmed, and answers the same from it, with terms added since, or damaged', async () => {
		await writeSeeds();
		(await run()).store.close();
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		const db = () => new Sqlite(place.file);
		const vocabularyFile = `${place.file}-vocabulary`;
		/** The identity of the file the database names as its kept vocabulary ('' or none). */
		const named = () => {
			const reader = db();
			try {
				return (
					(reader
						.prepare("SELECT value FROM folder WHERE key = 'kept_vocabulary'")
						.pluck()
						.get() as string | undefined) ?? 'none'
				);
			} finally {
				reader.close();
			}
		};
		const identity = () => fileIdentity(statSync(vocabularyFile, {bigint: true}));
		/** The term number the kept vocabulary goes through, from its file's header (see
		 * kept-vocabulary.ts), when the database names that file; 'none' otherwise. */
		const keptThrough = () => {
			if (!existsSync(vocabularyFile) || named() !== identity()) return 'none';
			const header = readFileSync(vocabularyFile).subarray(0, 32);
			expect(header.toString('latin1', 0, 4)).toBe('RRKV');
			return header.readUInt32LE(8);
		};
		const newestTerm = () => {
			const reader = db();
			try {
				return reader.prepare('SELECT max(number) FROM terms').pluck().get() as number;
			} finally {
				reader.close();
			}
		};
		expect(keptThrough()).toBe('none');
		const first = await run();
		first.store.confirmListing!((await listFolder(realpathSync(folder.root)))!);
		first.store.close();
		expect(keptThrough()).toBe(newestTerm());
		// Confirmed again with no term numbered since: the file kept is read, and not written again.
		const keptIn = identity();
		const again = await run();
		again.store.confirmListing!((await listFolder(realpathSync(folder.root)))!);
		again.store.close();
		expect(identity()).toBe(keptIn);

		// New words after it was kept: found through the terms numbered since.
		await write('extra.txt', 'Quixotically headline\n\nThe zanzibarian envoy tehrann visited.');
		const {store, documents} = await run();
		expect(newestTerm()).toBeGreaterThan(keptThrough() as number);
		const all = new SearchIndex();
		all.add(documents);
		const queries = ['zanzibarian', 'zanzibar', 'quixoticaly', 'tehran', 'kadimi zarif', 'tehr'];
		for (const query of queries) {
			expect(ranking(searchThroughStore(store, documents, query)!), query).toEqual(
				ranking(all.search(query)),
			);
		}
		const found = searchThroughStore(store, documents, 'zanzibarian')!;
		expect(found.results.map((result) => result.document.id)).toEqual(['extra.txt']);
		store.close();

		// A kept trie whose first node points back at the root, the database naming the file as
		// it is now: read from the terms instead, and kept again at the next confirmed listing.
		const bytes = readFileSync(vocabularyFile);
		const [starts, numbers, trie] = [16, 20, 24].map((at) => bytes.readUInt32LE(at)) as [
			number,
			number,
			number,
		];
		const firstChildOfRoot = 32 + starts + numbers + trie / 4;
		expect(bytes.readInt32LE(firstChildOfRoot)).toBeGreaterThan(0);
		bytes.writeInt32LE(0, firstChildOfRoot);
		writeFileSync(vocabularyFile, bytes);
		const writer = db();
		writer.prepare("UPDATE folder SET value = ? WHERE key = 'kept_vocabulary'").run(identity());
		writer.close();
		const damaged = await run();
		for (const query of queries) {
			expect(ranking(searchThroughStore(damaged.store, damaged.documents, query)!), query).toEqual(
				ranking(all.search(query)),
			);
		}
		damaged.store.confirmListing!((await listFolder(realpathSync(folder.root)))!);
		damaged.store.close();
		expect(keptThrough()).toBe(newestTerm());
		expect(readFileSync(vocabularyFile).readInt32LE(firstChildOfRoot)).toBeGreaterThan(0);
		// A vocabulary file that holds together but is not the one named (the terms' numbers
		// turned round, with a time of its own): not taken up, so the answers stay right; named,
		// it would be (the terms' numbers are then wrong), which the answers show.
		const terms = (() => {
			const reader = db();
			try {
				return reader.prepare('SELECT term, number FROM terms ORDER BY number').all() as {
					term: string;
					number: number;
				}[];
			} finally {
				reader.close();
			}
		})();
		const turned = StoredVocabulary.fromTerms(
			terms.map(({term}) => term).reverse(),
			terms.map(({number}) => number),
		).keptForm();
		rmSync(vocabularyFile);
		writeFileSync(vocabularyFile, Buffer.concat(keptVocabularyBytes(turned)));
		utimesSync(vocabularyFile, 1_600_000_000, 1_600_000_000);
		expect(keptThrough()).toBe('none');
		const other = await run();
		for (const query of queries) {
			expect(ranking(searchThroughStore(other.store, other.documents, query)!), query).toEqual(
				ranking(all.search(query)),
			);
		}
		other.store.close();
		const naming = db();
		naming.prepare("UPDATE folder SET value = ? WHERE key = 'kept_vocabulary'").run(identity());
		naming.close();
		const takenUp = await run();
		expect(
			queries.some(
				(query) =>
					JSON.stringify(ranking(searchThroughStore(takenUp.store, takenUp.documents, query)!)) !==
					JSON.stringify(ranking(all.search(query))),
			),
		).toBe(true);
	});

	it('does not write its vocabulary over one as new that another instance kept meanwhile', async () => {
		await writeSeeds();
		(await run()).store.close();
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		const vocabularyFile = `${place.file}-vocabulary`;
		const identity = () => fileIdentity(statSync(vocabularyFile, {bigint: true}));
		const first = await run();
		first.store.confirmListing!((await listFolder(realpathSync(folder.root)))!);
		first.store.close();
		const keptIn = identity();
		// This instance finds no kept vocabulary (as if it looked before the other kept its own)
		// and makes one from the terms; under the write lock it finds the one kept, as new.
		const {TermQueries} = await import('../../../source/core/store/database-index.js');
		// The private method the check reads the kept vocabulary with, watched.
		const looks = vi
			.spyOn(TermQueries.prototype as unknown as {keptVocabulary(): unknown}, 'keptVocabulary')
			.mockReturnValueOnce(undefined);
		try {
			const second = await run();
			second.store.confirmListing!((await listFolder(realpathSync(folder.root)))!);
			second.store.close();
			expect(looks.mock.calls.length).toBeGreaterThanOrEqual(2);
		} finally {
			looks.mockRestore();
		}
		expect(identity()).toBe(keptIn);
	});

	it('keeps the rows whole at close, takes them up while the database is as kept, and reads the table when it is not', async () => {
		await writeSeeds();
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		mkdirSync(place.directory, {recursive: true});
		const keeping = (options: {deferRows?: boolean; factsInBackground?: boolean} = {}) => {
			const store = new DatabaseStore(place.file, {
				folder: place.folder,
				keepRowsFrom: 1,
				warn: (message) => warnings.push(message),
				...options,
			});
			stores.push(store);
			return store;
		};
		const load = async (store: CorpusStore) => {
			await store.loadIndexing();
			forgetReads();
			const loaded = await loadAll(folder.root, {store});
			return {...loaded, reads: fileReads()};
		};
		const db = () => new Sqlite(place.file);
		const rowsFile = `${place.file}-rows`;
		/** The kept rows' file as the database names it: device, inode, size, mtime (ns). */
		const rowsFileNamed = () => {
			const stats = statSync(rowsFile, {bigint: true});
			return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}`;
		};
		/** The kept rows' generation, count and whether their facts were complete, read from
		 * their file's header (see kept-rows.ts), when the database names that file. */
		const keptRow = () => {
			const reader = db();
			try {
				const named = reader
					.prepare("SELECT value FROM folder WHERE key = 'kept_rows'")
					.pluck()
					.get();
				if (named !== rowsFileNamed()) return named;
				const header = readFileSync(rowsFile).subarray(0, 24);
				return [header.readDoubleLE(8), header.readUInt32LE(20), header.readUInt32LE(16)];
			} finally {
				reader.close();
			}
		};
		/** Writes `bytes` as the kept rows' file, and has the database name it. */
		const keepAs = (bytes: Uint8Array) => {
			writeFileSync(rowsFile, bytes);
			const writer = db();
			writer.prepare("UPDATE folder SET value = ? WHERE key = 'kept_rows'").run(rowsFileNamed());
			writer.close();
		};
		const generation = () => {
			const reader = db();
			try {
				return Number(
					reader.prepare("SELECT value FROM folder WHERE key = 'generation'").pluck().get(),
				);
			} finally {
				reader.close();
			}
		};
		const first = keeping();
		const direct = (await load(first)).documents.map(fields);
		first.close();
		// Kept at close, at the write count the first run left, every document with its facts.
		expect(keptRow()).toEqual([generation(), 5, 1]);

		// Kept rows made to say another title for the first seed: they are what the next start lists.
		const keptFile = keptRowsFromBytes(readFileSync(rowsFile))!;
		const rows = [...keptRowsOf(keptFile.columns)!.values()];
		const [firstRow] = rows.splice(0, 1);
		const retitled = keepRows([
			{...rowFields(firstRow!), title: 'A title only the kept row has'},
			...rows,
		])!;
		keepAs(Buffer.concat(keptRowsBytes({...keptFile, columns: retitled})));
		const second = keeping();
		const listed = await load(second);
		expect(listed.reads).toBe(0);
		// Their key digests (see core/search/document-key.ts) are the ones kept with the rows, and
		// the same as worked out from their fields.
		for (const document of listed.documents) {
			expect((document as StoredDocument).keptKeyDigest(new Int32Array(2), 0)).toBe(true);
			const kept = new Int32Array(2);
			documentKeyDigest(document, kept, 0);
			const worked = new Int32Array(2);
			keyDigest(documentKey(document), worked, 0);
			expect([...kept], document.id).toEqual([...worked]);
		}
		expect(titles(listed.documents)[0]).toEqual([direct[0]!.id, 'A title only the kept row has']);
		expect(listed.documents.slice(1).map(fields)).toEqual(direct.slice(1));
		// Its documents' facts are known complete: narrowing needs no query over every row.
		expect(second.narrow('zarif')?.candidates.size).toBeGreaterThan(0);
		second.close();
		// Rows read when first asked for (the commands') come from it too.
		const deferred = keeping({deferRows: true});
		expect(deferred.known().find((info) => info.id === direct[0]!.id)?.title).toBe(
			'A title only the kept row has',
		);
		deferred.close();

		// Another instance writes: the kept row is behind, and the table is read.
		await write('extra.txt', 'Extra headline\n\nA story added since.');
		const other = await run();
		other.store.close();
		const third = keeping();
		const after = await load(third);
		expect(after.reads).toBe(0);
		expect(after.documents.map(fields)).toEqual([
			...direct,
			...(await loadAll(folder.root)).documents.slice(5).map(fields),
		]);
		third.close();
		expect(keptRow()).toEqual([generation(), 6, 1]);

		// Damaged (its bounds out of order, in a file of the same length the database names): not
		// taken up, and nothing is said.
		const damagedBytes = readFileSync(rowsFile);
		const boundsAt = 48 + damagedBytes.readUInt32LE(24);
		damagedBytes.writeInt32LE(damagedBytes.readInt32LE(boundsAt + 8) + 1000, boundsAt + 4);
		keepAs(damagedBytes);
		const fourth = keeping();
		const damaged = await load(fourth);
		expect(damaged.reads).toBe(0);
		expect(damaged.documents.map(fields)).toEqual(after.documents.map(fields));
		expect(warnings).toEqual([]);
		fourth.close();
		expect(keptRow()).toEqual([generation(), 6, 1]);

		// Kept with a document still without its facts (the app writes them between keys): said
		// so, and the next store finds and writes them.
		await write('late.txt', 'Late headline\n\nThe zyzzyva story.');
		const app = keeping({factsInBackground: true});
		expect((await load(app)).reads).toBe(1);
		app.close();
		expect(keptRow()).toEqual([generation(), 7, 0]);
		const fifth = keeping();
		expect((await load(fifth)).reads).toBe(0);
		expect(fifth.narrow('zyzzyva')?.candidates).toEqual(new Set(['late.txt']));
	});

	it('the memory store does not narrow', () => {
		expect(new MemoryStore().narrow()).toBeUndefined();
	});
});

describe('version facts kept with the metadata', () => {
	it('keeps each document’s version signature and dateline date, and forgets changed ones', async () => {
		await writeSeeds();
		await write('short.txt', 'Short\n\nFour words only.');
		await write(
			'dated.txt',
			'Dated story\n\nTuesday, July 21, 2020 10:15 AM\n\nThe body of it here.',
		);
		(await run()).store.close();
		const {store, documents} = await run();
		const facts = store.versionFacts()!;
		const byId = new Map(documents.map((document) => [document.id, document]));
		for (const document of documents) {
			const signature = versionSignature(document.text);
			expect(facts.signature(document), document.id).toEqual(signature ?? null);
		}
		expect(facts.signature(byId.get('short.txt')!)).toBeNull();
		expect(facts.signature(byId.get(seedFiles[0]!)!)).toHaveLength(128);
		// 001's dateline, "July 20, 2020 - 21:8", and one with a weekday and AM.
		expect(facts.datelineDate(byId.get(seedFiles[1]!)!)).toEqual({
			wallMs: Date.UTC(2020, 6, 20, 21, 8),
			hasTime: true,
		});
		expect(facts.datelineDate(byId.get('dated.txt')!)).toEqual({
			wallMs: Date.UTC(2020, 6, 21, 10, 15),
			hasTime: true,
		});
		expect(facts.datelineDate(byId.get('short.txt')!)).toBeNull();
		store.close();

		// Changed: the new text's; removed: nothing kept.
		await write(
			'dated.txt',
			'Dated story\n\n2020-07-22\n\nA new body.',
			new Date(PAST.getTime() + 1000),
		);
		await rm(join(folder.root, 'short.txt'));
		const again = await run();
		expect(again.reads).toBe(1);
		const later = again.store.versionFacts()!;
		const dated = again.documents.find((document) => document.id === 'dated.txt')!;
		expect(later.datelineDate(dated)).toEqual({wallMs: Date.UTC(2020, 6, 22), hasTime: false});
		expect(later.signature(dated)).toEqual(versionSignature(dated.text));
		expect(later.signature(byId.get('short.txt')!)).toBeUndefined();
		// A document whose text is not the one kept gets nothing: the text before the change
		// (another hash of the same length), or none of the kind.
		expect(byId.get('dated.txt')!.hash).not.toBe(dated.hash);
		expect(later.signature(byId.get('dated.txt')!)).toBeUndefined();
		expect(later.datelineDate(byId.get('dated.txt')!)).toBeUndefined();
		expect(later.signature({...dated, hash: 'other'})).toBeUndefined();
	});

	it('finds the same versions from kept signatures, reading only the texts it compares', async () => {
		await writeSeeds();
		for (let index = 0; index < 30; index++) {
			await write(
				`other-${index}.txt`,
				`Other ${index}\n\n${paragraphs(3, index + 11).join('\n\n')}`,
			);
		}
		(await run()).store.close();
		const {store, documents} = await run();
		const expected = findVersions(documents);
		expect(expected.map((group) => group.documents)).toEqual([[seedFiles[0], seedFiles[1]]]);
		const facts = store.versionFacts()!;
		const {watched, read} = watchingTextReads(documents);
		const found = findVersions(watched, {knownSignature: (document) => facts.signature(document)});
		expect(found).toEqual(expected);
		expect([...read].sort()).toEqual([seedFiles[0], seedFiles[1]]);
	});

	it('read a page of rows at a time, gives what the read in one go gives', async () => {
		await writeSeeds();
		// 600 documents: three pages of 256 rows; two are short (no signature), one dated.
		for (let index = 0; index < 593; index++) {
			await write(
				`p-${String(index).padStart(3, '0')}.txt`,
				`Piece ${index}\n\n${paragraphs(1, index).join('')}`,
			);
		}
		await write('short.txt', 'Short\n\nFour words only.');
		await write('dated.txt', 'Dated story\n\n2020-07-22\n\nThe body.');
		(await run()).store.close();
		const {store, documents} = await run();
		expect(documents).toHaveLength(600);
		const steps = store.versionFactsInSteps();
		expect(steps.facts).toBeUndefined();
		let calls = 1;
		// A deadline always passed: one page a step, after a step that makes the arrays.
		while (!steps.step(() => true)) calls++;
		expect(calls).toBe(4);
		expect(steps.step(() => true)).toBe(true);
		const inSteps = steps.facts!;
		const inOneGo = store.versionFacts()!;
		for (const document of documents) {
			expect(inSteps.signature(document), document.id).toEqual(inOneGo.signature(document));
			expect(inSteps.datelineDate(document), document.id).toEqual(inOneGo.datelineDate(document));
		}
		const byId = new Map(documents.map((document) => [document.id, document]));
		expect(inSteps.signature(byId.get('short.txt')!)).toBeNull();
		expect(inSteps.signature(byId.get('p-592.txt')!)).toEqual(
			versionSignature(byId.get('p-592.txt')!.text),
		);
		expect(inSteps.datelineDate(byId.get('dated.txt')!)).toEqual({
			wallMs: Date.UTC(2020, 6, 22),
			hasTime: false,
		});
		// Between two steps the connection is free: another query runs.
		const again = store.versionFactsInSteps();
		again.step(() => true);
		expect(store.narrow('piece ')).toBeDefined();
		while (!again.step(() => true));
		expect(again.facts!.signature(byId.get('p-000.txt')!)).toEqual(
			inOneGo.signature(byId.get('p-000.txt')!),
		);
	});

	it('skips the rows that are not as this version writes them, and reads the rest', async () => {
		await writeSeeds();
		const others = ['a', 'b', 'c', 'd', 'e'].map((name) => `${name}.txt`);
		for (const [index, name] of others.entries()) {
			await write(name, `Story ${name}\n\n${paragraphs(2, index + 5).join('\n\n')}`);
		}
		await write('dated.txt', 'Dated story\n\n2020-07-22\n\nThe body of it, long enough.');
		(await run()).store.close();
		const place = databasePlace(folder.root, cacheHome);
		if ('problem' in place) throw new Error(place.problem);
		const writer = new Sqlite(place.file);
		const set = (column: string, value: string, id: string) =>
			writer.prepare(`UPDATE version_facts SET ${column} = ${value} WHERE id = ?`).run(id).changes;
		// Read as they are, and not one of them fails the page: a.txt's row, its id a blob, is no
		// row of a.txt's (its facts are written again), and d.txt has no dateline for a time.
		const spoilt = ['e.txt', ...seedFiles.slice(0, 4), 'b.txt', 'c.txt'];
		const changed = [
			// Read first: a signature of a length no signature has, before every other.
			set('signature', 'zeroblob(3)', 'e.txt'),
			set('rowid', '0', 'e.txt'),
			set('signature', "'text, not bytes'", seedFiles[0]!),
			set('signature', 'zeroblob(100)', seedFiles[1]!),
			set('hash', "'zz'", seedFiles[2]!),
			set('dateline_ms', "'soon'", seedFiles[3]!),
			set('id', 'CAST(id AS BLOB)', 'a.txt'),
			set('hash', 'CAST(hash AS BLOB)', 'b.txt'),
			set('dateline_ms', "x'00'", 'c.txt'),
			set('dateline_has_time', "x'01'", 'd.txt'),
			set('dateline_ms', '1595412345678.25', 'dated.txt'),
		];
		writer.close();
		expect(changed).toEqual(Array.from({length: 11}, () => 1));
		const {store, documents} = await run();
		const byId = new Map(documents.map((document) => [document.id, document]));
		const steps = store.versionFactsInSteps();
		while (!steps.step(() => true));
		const intact = [...seedFiles, ...others, 'dated.txt'].filter((id) => !spoilt.includes(id));
		expect(intact.length).toBeGreaterThanOrEqual(2);
		for (const facts of [store.versionFacts()!, steps.facts!]) {
			for (const id of spoilt) {
				expect(facts.signature(byId.get(id)!), id).toBeUndefined();
				expect(facts.datelineDate(byId.get(id)!), id).toBeUndefined();
			}
			for (const id of intact) {
				expect(facts.signature(byId.get(id)!), id).toEqual(versionSignature(byId.get(id)!.text));
			}
			// Read back exactly, fraction and all.
			expect(facts.datelineDate(byId.get('dated.txt')!)).toEqual({
				wallMs: 1595412345678.25,
				hasTime: false,
			});
		}
	});

	it('the memory store keeps none', () => {
		expect(new MemoryStore().versionFacts()).toBeUndefined();
		const steps = new MemoryStore().versionFactsInSteps();
		expect(steps.step(() => false)).toBe(true);
		expect(steps.facts).toBeUndefined();
	});
});
