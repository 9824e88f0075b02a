/**
 * The first run's terms and facts written by the store's worker (core/store/facts-writer.ts):
 * the database it leaves is the one the main thread's own writes leave, row for row.
 */
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {rm, utimes} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {signerCode} from '../../../scripts/build-options.mjs';
import {loadAll} from '../../../source/core/corpus/load.js';
import {SearchIndex} from '../../../source/core/search/index.js';
import {DatabaseStore} from '../../../source/core/store/database.js';
import {termsOfWords} from '../../../source/core/store/database-index.js';
import {databasePlace} from '../../../source/core/store/open.js';
import {KeySignal} from '../../../source/core/store/key-signal.js';
import {signer as sourcesSigner, type Signer} from '../../../source/core/store/signer.js';
import type {KnownFacts, KnownVersionFacts} from '../../../source/core/store/types.js';
import type {Document} from '../../../source/core/types.js';
import {versionSignature} from '../../../source/core/versions/signature.js';
import {VersionIndex} from '../../../source/core/versions/version-index.js';
import {paragraphs} from '../../fixtures/prose.js';
import {makeTempFolder, type TempFolder} from '../../fixtures/temp-folder.js';

const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

/** A day ago: files older than the loader's settling time are trusted by size and mtime. */
const PAST = new Date(Date.now() - 86_400_000);

let folder: TempFolder;
let cacheHome: string;
const stores: DatabaseStore[] = [];
let warnings: string[];

beforeEach(async () => {
	folder = await makeTempFolder();
	cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-facts-writer-test-'));
	warnings = [];
	const texts = paragraphs(60);
	// Forty documents sharing words in changing company, one too short for a shingle, one with
	// a dated dateline, one in Persian and one with accents: terms first met in many of them.
	for (let number = 0; number < 40; number++) {
		const body = texts.slice(number, number + 1 + (number % 5)).join('\n\n');
		await write(`${String(number).padStart(2, '0')}.txt`, `Story ${number}\n\n${body}`);
	}
	await write('short.txt', 'Short.');
	await write('dated.txt', 'Dated story\n\nTuesday, July 21, 2020 10:15 AM\n\nThe body of it.');
	await write('persian.txt', 'خبر امروز\n\nسلام دنیا، این یک متن فارسی است.');
	await write('accents.txt', 'Café crème\n\nUne histoire déjà lue à Zürich.');
});

afterEach(async () => {
	for (const store of stores.splice(0)) store.close();
	await folder.remove();
	rmSync(cacheHome, {recursive: true, force: true});
});

async function write(name: string, text: string): Promise<void> {
	const path = await folder.write(name, text);
	await utimes(path, PAST, PAST);
}

/** A database of its own under `name` for the folder, opened as the app opens its store. */
function appStore(
	name: string,
	factsWriterFrom: number,
	factsWriterBatchTerms?: number,
	documentsWriterFrom = Number.POSITIVE_INFINITY,
	signer?: Signer | false,
	keys?: KeySignal,
): {store: DatabaseStore; file: string} {
	const place = databasePlace(folder.root, join(cacheHome, name));
	if ('problem' in place) throw new Error(place.problem);
	mkdirSync(place.directory, {recursive: true});
	const store = new DatabaseStore(place.file, {
		folder: place.folder,
		factsInBackground: true,
		factsWriterFrom,
		...(factsWriterBatchTerms === undefined ? {} : {factsWriterBatchTerms}),
		keepRowsFrom: 1,
		documentsWriterFrom,
		...(signer === undefined ? {} : {signer}),
		...(keys === undefined ? {} : {keys}),
		warn: (message) => warnings.push(message),
	});
	stores.push(store);
	return {store, file: place.file};
}

/** The folder loaded and both indexes built, as the app's first run does; with `batchBytes`, in
 * loader batches of that size (1: a file a batch). */
async function loaded(store: DatabaseStore, batchBytes?: number) {
	await store.loadIndexing();
	const {documents} = await loadAll(folder.root, {
		store,
		...(batchBytes === undefined ? {} : {batchBytes}),
	});
	const search = new SearchIndex();
	search.add(documents);
	const versions = new VersionIndex();
	versions.add(documents);
	const known: KnownFacts = {
		terms: (id, hash) => search.storedTerms(id, hash),
		signature: (id, hash) => versions.signatureOf(id, hash),
		words: (id, hash) => search.storedWords(id, hash),
	};
	return {documents, search, versions, known};
}

/** Every step until done, a piece a call (a deadline already passed). */
function writeAll(store: DatabaseStore, known?: KnownFacts): number {
	let calls = 1;
	while (!store.writeMissingFactsStep(() => true, known)) calls++;
	return calls;
}

/** What the database holds, table by table, the write count apart; and the write count. */
function contents(file: string) {
	const db = new Sqlite(file, {readonly: true});
	try {
		db.exec("CREATE VIRTUAL TABLE temp.term_rows USING fts5vocab(main, 'term_index', 'instance')");
		const all = (sql: string) => db.prepare(sql).raw().all();
		return {
			tables: {
				documents: all('SELECT rowid, * FROM documents ORDER BY rowid'),
				bodies: all('SELECT * FROM bodies ORDER BY id'),
				facts: all(
					'SELECT id, hash, hex(signature), dateline_ms, dateline_has_time FROM version_facts ORDER BY id',
				),
				terms: all('SELECT number, term FROM terms ORDER BY number'),
				sequences: all('SELECT id, hex(words) FROM sequences ORDER BY id'),
				termIndex: all('SELECT term, doc FROM term_rows ORDER BY term, doc'),
				folder: all(
					"SELECT * FROM folder WHERE key NOT IN ('generation', 'kept_rows') ORDER BY key",
				),
			},
			generation: Number(
				db.prepare("SELECT value FROM folder WHERE key = 'generation'").pluck().get(),
			),
			/** The write count the rows were kept whole at on close (see kept-rows.ts: the
			 * generation in their file's header). */
			keptAt: db.prepare("SELECT value FROM folder WHERE key = 'kept_rows'").pluck().get()
				? readFileSync(`${file}-rows`).readDoubleLE(8)
				: undefined,
		};
	} finally {
		db.close();
	}
}

describe('the facts writer', () => {
	it('leaves the database the main thread’s writes leave, in one transaction where they took one a document', async () => {
		const inWorker = appStore('worker', 1);
		const onMain = appStore('main', Number.POSITIVE_INFINITY);
		const fromWorker = await loaded(inWorker.store);
		const fromMain = await loaded(onMain.store);
		expect(fromWorker.documents).toHaveLength(44);
		const before = contents(inWorker.file).generation;
		expect(contents(onMain.file).generation).toBe(before);
		writeAll(inWorker.store, fromWorker.known);
		writeAll(onMain.store, fromMain.known);
		// Both answer a search through the store alike, with the same figures for BM25 (each
		// document's sequence length, as the rows held in memory have it).
		expect([...inWorker.store.narrow('café ')!.candidates]).toEqual(['accents.txt']);
		expect([...onMain.store.narrow('café ')!.candidates]).toEqual(['accents.txt']);
		const figures = (store: DatabaseStore) => {
			const {documents, sequenceWords} = store.narrow('story ')!.folder;
			return {documents, sequenceWords};
		};
		expect(figures(inWorker.store)).toEqual(figures(onMain.store));
		expect(figures(inWorker.store).documents).toBe(44);
		inWorker.store.close();
		onMain.store.close();
		const worker = contents(inWorker.file);
		const main = contents(onMain.file);
		expect(worker.tables.terms).toHaveLength(111);
		expect(worker.tables.termIndex).toHaveLength(1_725);
		expect(worker.tables.sequences).toHaveLength(44);
		expect(worker.tables.facts).toHaveLength(44);
		expect(worker.tables).toEqual(main.tables);
		// The worker wrote all 44 in one transaction; the main thread a document a call.
		expect(worker.generation).toBe(before + 1);
		expect(main.generation).toBe(before + 44);
		// Each store knew every write was its own, so kept its rows as written at close.
		expect(worker.keptAt).toBe(worker.generation);
		expect(main.keptAt).toBe(main.generation);
		expect(warnings).toEqual([]);
	});

	it('writes a document’s facts only once its giver is ready, in the folder’s order, in batches a few at a time', async () => {
		// On the main thread, a document a call: what waits is seen in the database at once.
		const gated = appStore('main', Number.POSITIVE_INFINITY);
		// In batches of about 200 terms, two at a time with the worker.
		const inWorker = appStore('worker', 1, 200);
		const fromGated = await loaded(gated.store);
		const fromWorker = await loaded(inWorker.store);
		// Ready up to the tenth document, as indexes still being built are.
		let readyUpTo = 10;
		const order = fromGated.documents.map((document) => document.id);
		const known: KnownFacts = {
			...fromGated.known,
			ready: (id) => order.indexOf(id) < readyUpTo,
		};
		for (let call = 0; call < 60; call++) {
			expect(gated.store.writeMissingFactsStep(() => true, known)).toBe(false);
		}
		const factsOf = () => contents(gated.file).tables.facts.map((row) => (row as string[])[0]);
		expect(factsOf()).toEqual(order.slice(0, 10));
		expect(gated.store.narrow('café ')).toBeUndefined();
		readyUpTo = order.length;
		writeAll(gated.store, known);
		expect(factsOf()).toEqual([...order].sort());
		expect(writeAll(inWorker.store, fromWorker.known)).toBeGreaterThan(1);
		gated.store.close();
		inWorker.store.close();
		const worker = contents(inWorker.file);
		expect(worker.tables).toEqual(contents(gated.file).tables);
		// More than one batch: terms first met in one batch are numbered on in the next.
		expect(worker.generation - (contents(gated.file).generation - 44)).toBeGreaterThan(2);
		expect(worker.keptAt).toBe(worker.generation);
	});

	it('writes terms and facts once keys rest, and at once when the main thread waits for it', async () => {
		const keys = new KeySignal();
		const {store, file} = appStore('keys', 1, 200, Number.POSITIVE_INFINITY, undefined, keys);
		const {documents, known} = await loaded(store);
		// Keys pressed a minute from now: the writer waits for them to rest until then.
		keys.note(Date.now() + 60_000);
		// As while the indexes are built: the store posts batches and never waits for them.
		const building: KnownFacts = {...known, ready: () => true};
		for (let call = 0; call < 50; call++) store.writeMissingFactsStep(() => true, building);
		// Time for the worker to write a batch, had it not waited (a few ms each).
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(contents(file).tables.facts).toEqual([]);
		// The main thread waiting for the writer (all posted, nothing left to work out) hurries it.
		writeAll(store, known);
		expect(contents(file).tables.facts).toHaveLength(documents.length);
	});

	it('works out the terms of documents known by their word sequences on its own thread, numbered as the main thread numbers them, beside documents known otherwise', async () => {
		const inWorker = appStore('worker', 1, 200);
		const onMain = appStore('main', Number.POSITIVE_INFINITY);
		const fromWorker = await loaded(inWorker.store);
		const fromMain = await loaded(onMain.store);
		// A second index over the same documents, the last first: another numbering of the terms.
		const other = new SearchIndex();
		other.add([...fromWorker.documents].reverse());
		const order = fromWorker.documents.map((document) => document.id);
		const asked: string[] = [];
		const known: KnownFacts = {
			...fromWorker.known,
			// By the first index's words, the second's, or (every third) by their terms only.
			words: (id, hash) => {
				const place = order.indexOf(id);
				asked.push(id);
				if (place % 3 === 2) return undefined;
				return (place % 6 < 3 ? fromWorker.search : other).storedWords(id, hash);
			},
		};
		// Both give what storedTerms gives, by their own numbers.
		const accents = fromWorker.documents.find(({id}) => id === 'accents.txt')!;
		expect(termsOfWords(other.storedWords(accents.id, accents.hash)!)).toEqual(
			other.storedTerms(accents.id, accents.hash),
		);
		const {terms, sequence} = termsOfWords(other.storedWords(accents.id, accents.hash)!);
		expect(terms).toEqual(['cafe', 'creme', 'une', 'histoire', 'deja', 'lue', 'a', 'zurich']);
		expect([...sequence]).toEqual([0, 1, -1, 2, 3, 4, 5, 6, 7, -1]);
		expect(writeAll(inWorker.store, known)).toBeGreaterThan(1);
		writeAll(onMain.store, fromMain.known);
		expect(asked).toHaveLength(44);
		inWorker.store.close();
		onMain.store.close();
		const worker = contents(inWorker.file);
		expect(worker.tables.terms).toHaveLength(111);
		expect(worker.tables).toEqual(contents(onMain.file).tables);
		expect(warnings).toEqual([]);
	});

	it('while the indexes are built, writes the facts of the documents both hold, in the folder’s order', async () => {
		const inWorker = appStore('worker', 1, 200);
		const onMain = appStore('main', Number.POSITIVE_INFINITY);
		const fromWorker = await loaded(inWorker.store);
		const fromMain = await loaded(onMain.store);
		let readyUpTo = 20;
		const order = fromWorker.documents.map((document) => document.id);
		const known: KnownFacts = {...fromWorker.known, ready: (id) => order.indexOf(id) < readyUpTo};
		const factsOf = () => contents(inWorker.file).tables.facts.map((row) => (row as string[])[0]);
		// Until the worker has written a batch of them; never one not ready.
		let calls = 0;
		while (factsOf().length === 0) {
			expect(inWorker.store.writeMissingFactsStep(() => true, known)).toBe(false);
			calls++;
		}
		expect(calls).toBeGreaterThan(1);
		const written = factsOf();
		expect(written.length).toBeLessThanOrEqual(20);
		expect(written).toEqual([...order.slice(0, written.length)].sort());
		expect(inWorker.store.narrow('café ')).toBeUndefined();
		readyUpTo = order.length;
		writeAll(inWorker.store, known);
		writeAll(onMain.store, fromMain.known);
		expect([...inWorker.store.narrow('café ')!.candidates]).toEqual(['accents.txt']);
		inWorker.store.close();
		onMain.store.close();
		expect(contents(inWorker.file).tables).toEqual(contents(onMain.file).tables);
		expect(warnings).toEqual([]);
	});

	it('numbers new terms after those another instance wrote between two of its batches', async () => {
		const {store, file} = appStore('worker', 1, 200);
		const {documents, known} = await loaded(store);
		const order = documents.map((document) => document.id);
		let readyUpTo = 20;
		const gated: KnownFacts = {...known, ready: (id) => order.indexOf(id) < readyUpTo};
		const factsOf = () => contents(file).tables.facts.length;
		while (factsOf() === 0) expect(store.writeMissingFactsStep(() => true, gated)).toBe(false);
		// Holding the write lock from the read on: the worker may still be writing a batch.
		const other = new Sqlite(file, {timeout: 10_000});
		const highest = other
			.transaction(() => {
				const stored = other.prepare('SELECT max(number) FROM terms').pluck().get() as number;
				other.prepare('INSERT INTO terms (number, term) VALUES (?, ?)').run(stored + 1, 'okapi');
				other.prepare("UPDATE folder SET value = value + 1 WHERE key = 'generation'").run();
				return stored;
			})
			.immediate();
		other.close();
		readyUpTo = order.length;
		writeAll(store, gated);
		store.close();
		const {terms, facts} = contents(file).tables;
		expect(facts).toHaveLength(44);
		expect(terms).toHaveLength(112);
		expect(terms[highest]).toEqual([highest + 1, 'okapi']);
		expect(new Set(terms.map((row) => (row as [number, string])[1])).size).toBe(112);
		expect(warnings).toEqual([]);
	});

	it('a batch it cannot write (another instance holds the write lock) leaves the facts missing for the next run, unsaid', async () => {
		const {store, file} = appStore('worker', 1);
		const {known} = await loaded(store);
		const other = new Sqlite(file, {timeout: 0});
		try {
			other.prepare('BEGIN IMMEDIATE').run();
			// Done: nothing more is written this run.
			writeAll(store, known);
			expect(store.narrow('café ')).toBeUndefined();
		} finally {
			other.prepare('ROLLBACK').run();
			other.close();
		}
		store.close();
		expect(contents(file).tables.facts).toEqual([]);
		expect(warnings).toEqual([]);
		// The next run finds them missing and writes them.
		const next = appStore('worker', 1);
		const again = await loaded(next.store);
		writeAll(next.store, again.known);
		expect([...next.store.narrow('café ')!.candidates]).toEqual(['accents.txt']);
		next.store.close();
		expect(contents(file).tables.facts).toHaveLength(44);
	});

	it('writes the documents’ rows and bodies in a first run from the documentsWriterFrom-th, leaving the tables the main thread’s writes leave, on a changed folder too', async () => {
		// A file a batch, from the third document saved: the first two on the main thread, the
		// rest by the worker.
		const inWorker = appStore('worker', 1, undefined, 3);
		const onMain = appStore('main', Number.POSITIVE_INFINITY);
		const fromWorker = await loaded(inWorker.store, 1);
		const fromMain = await loaded(onMain.store, 1);
		// Read back as they were read, whether their rows are written yet or not.
		const bodies = (documents: readonly {paragraphs: readonly string[]; text: string}[]) =>
			documents.map(({paragraphs, text}) => ({paragraphs: [...paragraphs], text}));
		expect(bodies(fromWorker.documents)).toEqual(bodies(fromMain.documents));
		expect(fromWorker.documents[41]!.text).toBe(
			'Dated story\n\nTuesday, July 21, 2020 10:15 AM\n\nThe body of it.',
		);
		writeAll(inWorker.store, fromWorker.known);
		writeAll(onMain.store, fromMain.known);
		inWorker.store.close();
		onMain.store.close();
		const first = contents(inWorker.file);
		expect(first.tables.documents).toHaveLength(44);
		expect(first.tables.bodies).toHaveLength(44);
		expect(first.tables).toEqual(contents(onMain.file).tables);
		// A transaction a loader's batch either way; then the facts, by the worker in one, on the
		// main thread a document a call.
		expect(first.generation).toBe(44 + 1);
		expect(contents(onMain.file).generation).toBe(44 + 44);

		// The next run: one file changed, one added, one removed; each written in place of its
		// rows (its terms, sequence and facts dropped first), as the main thread writes them.
		await write('07.txt', 'Story seven, told again\n\nA zebra crossed the road at noon.');
		await write('new.txt', 'A new story\n\nWith a quokka in it.');
		await rm(join(folder.root, '12.txt'));
		const again = appStore('worker', 1, undefined, 1);
		const mainAgain = appStore('main', Number.POSITIVE_INFINITY);
		const next = await loaded(again.store);
		const nextMain = await loaded(mainAgain.store);
		expect(next.documents.find(({id}) => id === '07.txt')!.paragraphs).toEqual([
			'A zebra crossed the road at noon.',
		]);
		writeAll(again.store, next.known);
		writeAll(mainAgain.store, nextMain.known);
		expect([...again.store.narrow('zebra ')!.candidates]).toEqual(['07.txt']);
		again.store.close();
		mainAgain.store.close();
		const second = contents(again.file);
		expect(second.tables.documents).toHaveLength(44);
		expect(second.tables).toEqual(contents(mainAgain.file).tables);
		expect(warnings).toEqual([]);
	});

	it('a batch of documents it cannot write (another instance holds the write lock) keeps their texts in memory and leaves them for the next run, unsaid', async () => {
		const {store, file} = appStore('worker', 1, undefined, 1);
		await store.loadIndexing();
		const other = new Sqlite(file, {timeout: 0});
		let documents;
		try {
			other.prepare('BEGIN IMMEDIATE').run();
			({documents} = await loadAll(folder.root, {store}));
			// The writer's batch meets the lock (the step waits for it before anything else).
			expect(store.writeMissingFactsStep(() => true)).toBe(true);
		} finally {
			other.prepare('ROLLBACK').run();
			other.close();
		}
		// Their texts, though none is in the database.
		expect(documents.find(({id}) => id === 'accents.txt')!.text).toBe(
			'Café crème\n\nUne histoire déjà lue à Zürich.',
		);
		expect(documents.find(({id}) => id === 'persian.txt')!.paragraphs).toEqual([
			'سلام دنیا، این یک متن فارسی است.',
		]);
		store.close();
		expect(contents(file).tables.documents).toEqual([]);
		expect(warnings).toEqual([]);
		// The next run reads the files and writes them.
		const next = appStore('worker', 1, undefined, 1);
		const again = await loaded(next.store);
		writeAll(next.store, again.known);
		next.store.close();
		expect(contents(file).tables.documents).toHaveLength(44);
		expect(contents(file).tables.facts).toHaveLength(44);
	});
	describe('works out the version signatures of the documents it writes in a first run', () => {
		/** The signatures `facts` gives of `documents`, as versionSignature gives them (null as
		 * undefined): undefined where it gives none. */
		const given = (facts: KnownVersionFacts, documents: readonly Document[]) =>
			documents.map((document) => {
				const signature = facts.signature(document);
				return signature === undefined ? 'none' : (signature ?? undefined);
			});

		it.each<[string, () => Promise<Signer | undefined>, number | undefined, number]>([
			// A file a batch, from the third document saved: the first two on the main thread.
			['from the sources, bundled by the thread', async () => sourcesSigner(), 1, 2],
			// The loader's one batch of all 44 documents, in the worker.
			['from the build’s code', async () => ({code: await signerCode()}), undefined, 0],
		])(
			'%s: those the versions index works out, taken as known',
			async (_, signer, batchBytes, onMain) => {
				const {store, file} = appStore('worker', 1, undefined, 3, await signer());
				const {documents, versions: fromTexts, known} = await loaded(store, batchBytes);
				expect(documents).toHaveLength(44);
				const facts = store.versionFacts()!;
				// Each batch's once the worker has written it and worked them out.
				await vi.waitFor(() => expect(given(facts, documents).slice(onMain)).not.toContain('none'));
				const expected = documents.map(({text}) => versionSignature(text));
				expect(given(facts, documents)).toEqual([
					...Array<string>(onMain).fill('none'),
					...expected.slice(onMain),
				]);
				const accents = documents.find(({id}) => id === 'accents.txt')!;
				expect(accents.text).toBe('Café crème\n\nUne histoire déjà lue à Zürich.');
				expect([...facts.signature(accents)!.subarray(0, 4)]).toEqual([
					413980196, 3424674820, 1100932278, 3493573849,
				]);
				// Too short for a shingle: known to have none.
				expect(facts.signature(documents.find(({id}) => id === 'short.txt')!)).toBeNull();
				// Of that text only.
				expect(facts.signature({...accents, hash: '0'.repeat(40)})).toBeUndefined();

				// The versions index given them files every document as it files them from the texts.
				const versions = new VersionIndex({
					knownSignature: (document) => facts.signature(document),
				});
				versions.add(documents);
				for (const document of documents) {
					expect(versions.signatureOf(document.id, document.hash) ?? undefined).toEqual(
						versionSignature(document.text),
					);
				}
				expect(versions.groups()).toEqual(fromTexts.groups());
				writeAll(store, {...known, signature: (id, hash) => versions.signatureOf(id, hash)});
				store.close();
				const main = appStore('main', Number.POSITIVE_INFINITY);
				writeAll(main.store, (await loaded(main.store, batchBytes)).known);
				main.store.close();
				expect(contents(file).tables).toEqual(contents(main.file).tables);
				expect(warnings).toEqual([]);
			},
		);

		it.each<[string, Signer | false]>([
			['none asked for', false],
			['a signer whose code does not load', {code: 'throw new Error("broken");'}],
			[
				'a signer that fails',
				{code: 'var versionSignatures = {packedSignatures() { throw new Error("no"); }};'},
			],
			[
				'a source file that is not there',
				{...sourcesSigner()!, file: join(tmpdir(), 'no-such-signature.ts')} as Signer,
			],
		])('%s: the main thread works them out, the documents written as before', async (_, signer) => {
			const {store, file} = appStore('worker', 1, undefined, 3, signer);
			const {documents, versions: fromTexts, known} = await loaded(store, 1);
			const facts = store.versionFacts()!;
			// The batches written meanwhile, no signature given for any.
			writeAll(store, known);
			expect(given(facts, documents).filter((signature) => signature !== 'none')).toEqual([]);
			const versions = new VersionIndex({knownSignature: (document) => facts.signature(document)});
			versions.add(documents);
			expect(versions.groups()).toEqual(fromTexts.groups());
			store.close();
			const onMain = appStore('main', Number.POSITIVE_INFINITY);
			writeAll(onMain.store, (await loaded(onMain.store, 1)).known);
			onMain.store.close();
			const written = contents(file);
			expect(written.tables.documents).toHaveLength(44);
			expect(written.tables).toEqual(contents(onMain.file).tables);
			expect(warnings).toEqual([]);
		});
	});
});
