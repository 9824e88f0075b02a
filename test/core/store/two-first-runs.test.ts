/**
 * Two apps' first runs on one folder at once, sharing one new database: each saves the folder's
 * documents (the second replacing the first's rows, so they get other rowids), and each then
 * writes the terms and facts of the documents it holds. The terms and word sequences are keyed by
 * the documents' rowids, the version facts by their ids: terms written under a rowid another
 * instance has since replaced belong to no document, and the facts written beside them made the
 * document count as done, so no run wrote its terms again and every narrowed search (the
 * `search` command's) missed it for good.
 */
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {utimes} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadAll} from '../../../source/core/corpus/load.js';
import {DatabaseStore} from '../../../source/core/store/database.js';
import {databasePlace, openStore, type CorpusStore} from '../../../source/core/store/open.js';
import {makeTempFolder, type TempFolder} from '../../fixtures/temp-folder.js';

const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

/** A day ago: files older than the loader's settling time are trusted by size and mtime. */
const PAST = new Date(Date.now() - 86_400_000);

let folder: TempFolder;
let cacheHome: string;
let warnings: string[];
const stores: CorpusStore[] = [];

beforeEach(async () => {
	folder = await makeTempFolder();
	cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-two-runs-'));
	warnings = [];
	const texts: Record<string, string> = {
		'a.txt': 'Alpha headline\n\nThe first story, about geese.',
		'b.txt': 'Beta headline\n\nThe second story, with zebras.',
		'c.txt': 'Gamma headline\n\nThe third story, with zebras and geese.',
	};
	for (const [name, text] of Object.entries(texts)) {
		await utimes(await folder.write(name, text), PAST, PAST);
	}
});

afterEach(async () => {
	for (const store of stores.splice(0)) store.close();
	await folder.remove();
	rmSync(cacheHome, {recursive: true, force: true});
});

/** A store as the app opens it (its facts written in the background), with the facts writer's
 * worker from `factsWriterFrom` documents missing their facts. */
function app(factsWriterFrom: number): DatabaseStore {
	const place = databasePlace(folder.root, cacheHome);
	if ('problem' in place) throw new Error(place.problem);
	mkdirSync(place.directory, {recursive: true});
	const store = new DatabaseStore(place.file, {
		folder: place.folder,
		factsInBackground: true,
		factsWriterFrom,
		// A batch a document, for the worker: the second's rows can replace the first's while
		// the first's batches are still to be written.
		factsWriterBatchTerms: 1,
		warn: (message) => warnings.push(message),
	});
	stores.push(store);
	return store;
}

/** What the database holds: per document, whether its row has its terms and its sequence;
 * then the terms and sequences under a rowid no document has. */
function keyedByRow(): string[] {
	const place = databasePlace(folder.root, cacheHome);
	if ('problem' in place) throw new Error(place.problem);
	const reader = new Sqlite(place.file, {readonly: true});
	try {
		const documents = reader
			.prepare(
				`SELECT d.id || ' terms ' || (SELECT count(*) FROM term_index_docsize t WHERE t.id = d.rowid)
					|| ' sequence ' || (SELECT count(*) FROM sequences s WHERE s.id = d.rowid)
					|| ' facts ' || (SELECT count(*) FROM version_facts f WHERE f.id = d.id)
				FROM documents d ORDER BY d.id`,
			)
			.pluck()
			.all() as string[];
		const orphans = reader
			.prepare(
				`SELECT 'of no document: terms ' || (SELECT count(*) FROM term_index_docsize t
						WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.rowid = t.id))
					|| ' sequences ' || (SELECT count(*) FROM sequences s
						WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.rowid = s.id))`,
			)
			.pluck()
			.get() as string;
		return [...documents, orphans];
	} finally {
		reader.close();
	}
}

describe.each([
	['on the main thread', 1_000],
	['by the facts writer’s worker', 1],
])('two first runs at once, their facts written %s', (_, factsWriterFrom) => {
	it.each([
		['before the first writes any facts', 0],
		['after the first wrote its first document’s facts', 1],
	])(
		'leave every document with its terms under its own row, the second saving %s',
		async (_, firstSteps) => {
			// Both open the new database before either has saved a document (started together).
			const first = app(factsWriterFrom);
			const second = app(factsWriterFrom);
			await first.loadIndexing();
			await second.loadIndexing();
			await loadAll(folder.root, {store: first});
			// A step with its deadline passed does a document.
			for (let step = 0; step < firstSteps; step++) first.writeMissingFactsStep(() => true);
			// The second saves the same files again: its rows replace the first's, new rowids.
			await loadAll(folder.root, {store: second});
			// The first writes the facts of the documents it holds, then the second. (How many
			// steps the worker's writes take depends on its pace; a first that kept trying the
			// rows it holds would never be done.)
			let steps = 0;
			while (!first.writeMissingFactsStep(() => true)) expect(++steps).toBeLessThan(10_000);
			while (!second.writeMissingFactsStep(() => true)) expect(++steps).toBeLessThan(20_000);
			first.close();
			second.close();
			expect(warnings).toEqual([]);
			const held = keyedByRow();
			expect(held.slice(0, 3)).toEqual([
				'a.txt terms 1 sequence 1 facts 1',
				'b.txt terms 1 sequence 1 facts 1',
				'c.txt terms 1 sequence 1 facts 1',
			]);
			// No terms are left under rowids no document has (they would be found by no search but
			// counted in the term statistics), on the main thread or in the worker, which checks
			// each document's rowid as it writes (facts-writer.ts).
			expect(held[3]).toBe('of no document: terms 0 sequences 0');

			// A command's store, as `search zebras` opens it, narrows to both documents.
			const command = openStore({folder: folder.root, useCache: true, cacheHome, deferRows: true});
			stores.push(command);
			await command.loadIndexing();
			await loadAll(folder.root, {store: command});
			expect([...command.narrow('zebras ')!.candidates].sort()).toEqual(['b.txt', 'c.txt']);
		},
	);

	it('leave a document changed in between with the terms of the text the second saved, not the first’s', async () => {
		const first = app(factsWriterFrom);
		const second = app(factsWriterFrom);
		await first.loadIndexing();
		await second.loadIndexing();
		await loadAll(folder.root, {store: first});
		// Edited before the second reads it: the second saves the new text.
		const edited = await folder.write(
			'a.txt',
			'Alpha headline\n\nThe first story, about ostriches.',
		);
		await utimes(edited, PAST, new Date(PAST.getTime() + 60_000));
		await loadAll(folder.root, {store: second});
		let steps = 0;
		while (!first.writeMissingFactsStep(() => true)) expect(++steps).toBeLessThan(10_000);
		while (!second.writeMissingFactsStep(() => true)) expect(++steps).toBeLessThan(20_000);
		first.close();
		second.close();
		expect(warnings).toEqual([]);
		expect(keyedByRow().slice(0, 3)).toEqual([
			'a.txt terms 1 sequence 1 facts 1',
			'b.txt terms 1 sequence 1 facts 1',
			'c.txt terms 1 sequence 1 facts 1',
		]);
		const command = openStore({folder: folder.root, useCache: true, cacheHome, deferRows: true});
		stores.push(command);
		await command.loadIndexing();
		await loadAll(folder.root, {store: command});
		expect([...command.narrow('ostriches ')!.candidates]).toEqual(['a.txt']);
		expect([...command.narrow('geese ')!.candidates]).toEqual(['c.txt']);
	});
});
