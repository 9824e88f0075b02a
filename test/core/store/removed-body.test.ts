/**
 * Found by the exploratory tester: an article whose file is removed while the app runs loses
 * its text. Documents read back from the store are StoredDocuments, whose text and paragraphs
 * stay in SQLite until asked for; retainOnly (the live folder's removal) deletes the rows and
 * forgets the remembered bodies, and textOf then falls through to '' without a word.
 * What a person sees (a cached folder; the bundled seeds are not cached, so the seed tests
 * cannot see it):
 * - reader on v1.txt, `rm v1.txt`: "the file was removed: shown as it was read"; resize the
 *   terminal: "this document is empty", lines 1–4 of 4, the status still saying "shown as it
 *   was read".
 * - history (h) of six versions, `rm v3.txt`, Enter on v3: the diff v2 → v3 says "−1,266 words
 *   · 0.0% similar · headline removed · dateline removed · footer removed", while the history's
 *   row for v3 still says "body: 1 change (−1 +1 words)".
 * A plain document's text is no longer kept in the database at all (see database.ts
 * storedText): it is its file's, read back when asked for, and its words as read once the file
 * no longer holds it.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import Sqlite from 'better-sqlite3';
import {rm, utimes, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadAll} from '../../../source/core/corpus/load.js';
import {openStore, type CorpusStore} from '../../../source/core/store/open.js';
import {StoredDocument} from '../../../source/core/store/stored-document.js';
import type {Document} from '../../../source/core/types.js';
import {hasMkfifo, makeTempFolder, type TempFolder} from '../../fixtures/temp-folder.js';

const PAST = new Date(Date.now() - 86_400_000);
const SEED_001 = new URL('../../../seeds/001_2da24b835264bdcc.txt', import.meta.url);

let folder: TempFolder;
let cacheHome: string;
let warnings: string[];
const stores: CorpusStore[] = [];

beforeEach(async () => {
	folder = await makeTempFolder();
	cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-removed-body-'));
	warnings = [];
});

afterEach(async () => {
	for (const store of stores.splice(0)) store.close();
	await folder.remove();
	rmSync(cacheHome, {recursive: true, force: true});
});

async function run() {
	const store = openStore({
		folder: folder.root,
		useCache: true,
		cacheHome,
		warn: (message) => warnings.push(message),
	});
	stores.push(store);
	await store.loadIndexing();
	return {store, ...(await loadAll(folder.root, {store}))};
}

/** The files written (a day old, so the store keeps them), cached by a first run: the second
 * run's store and documents, read back from the database. */
async function secondRun(files: Record<string, string>) {
	for (const [name, text] of Object.entries(files)) {
		await utimes(await folder.write(name, text), PAST, PAST);
	}
	(await run()).store.close();
	return run();
}

describe('a stored article whose file is removed while it is shown', () => {
	it('keeps the text it was read with', async () => {
		const {store, documents} = await secondRun({
			'a.txt': 'Alpha headline\n\nThe first story.',
			'b.txt': 'Beta headline\n\nThe second story.',
		});
		const a = documents.find((document) => document.id === 'a.txt')!;
		expect(a).toBeInstanceOf(StoredDocument);
		// Shown: its text read once (the reader's first layout), then the file goes.
		expect(a.text).toBe('Alpha headline\n\nThe first story.');
		expect(a.paragraphs).toEqual(['The first story.']);
		await rm(join(folder.root, 'a.txt'));
		store.retainOnly(new Set(['b.txt']));
		// A second layout (a resize) or a diff asks again (before the fix: '' and []).
		expect(a.text).toBe('Alpha headline\n\nThe first story.');
		expect(a.paragraphs).toEqual(['The first story.']);
	});

	it('keeps a text never read before its file went, until the store closes', async () => {
		const {store, documents} = await secondRun({
			'a.txt': 'Alpha headline\n\nThe first story.',
			'b.txt': 'Beta headline\n\nThe second story.',
		});
		const b = documents.find((document) => document.id === 'b.txt')!;
		await rm(join(folder.root, 'b.txt'));
		store.retainOnly(new Set(['a.txt']));
		// Read from the database, where its body stays for the rest of the run.
		expect(b.paragraphs).toEqual(['The second story.']);
		expect(b.text).toBe('Beta headline\n\nThe second story.');
		store.close();
		// The next run lists only a.txt, and the removed body is gone from the database.
		const next = await run();
		expect(next.documents.map((document) => document.id)).toEqual(['a.txt']);
		const database = new Sqlite(databaseFile(), {readonly: true});
		try {
			expect(database.prepare('SELECT id FROM bodies ORDER BY id').pluck().all()).toEqual([
				'a.txt',
			]);
		} finally {
			database.close();
		}
	});
});

/** The one database file under the test's cache home. */
function databaseFile(): string {
	const found = readdirSync(cacheHome, {recursive: true, encoding: 'utf8'}).filter((name) =>
		name.endsWith('.sqlite'),
	);
	expect(found).toHaveLength(1);
	return join(cacheHome, found[0]!);
}

describe('a stored article whose file changes while it is shown', () => {
	it('keeps the text it was read with; the new version has its own', async () => {
		const {store, documents} = await secondRun({'a.txt': 'Alpha headline\n\nThe first story.'});
		const before = documents[0]!;
		expect(before.paragraphs).toEqual(['The first story.']);
		// The file changes; the live folder reads it and stores it under the same id.
		await folder.write('a.txt', 'Alpha headline\n\nThe story, rewritten.');
		// Its fields one by one: a stored document's metadata are read through getters, which
		// spreading it would not copy.
		const changed = {
			id: before.id,
			path: before.path,
			fileName: before.fileName,
			title: before.title,
			titleFromHeadline: before.titleFromHeadline,
			dateline: before.dateline,
			source: before.source,
			words: before.words,
			readingMinutes: before.readingMinutes,
			encoding: before.encoding,
			bytes: before.bytes,
			hash: 'changed',
			text: 'Alpha headline\n\nThe story, rewritten.',
			paragraphs: ['The story, rewritten.'],
		};
		const after = store.save(changed, {size: 40, mtimeMs: Date.now()});
		store.flush();
		expect(after.paragraphs).toEqual(['The story, rewritten.']);
		// A resize lays the shown version out again, from the paragraphs it was read with. (A
		// text of the old version never read is its words as read: see below.)
		expect(before.paragraphs).toEqual(['The first story.']);
	});
});

/** A document read back from the database. */
function byId(documents: readonly Document[], id: string): Document {
	const document = documents.find((each) => each.id === id)!;
	expect(document).toBeInstanceOf(StoredDocument);
	return document;
}

/** Each body's id and stored text (null: not stored). */
function storedTexts(): [string, string | null][] {
	const database = new Sqlite(databaseFile(), {readonly: true});
	try {
		return database.prepare('SELECT id, text FROM bodies ORDER BY id').raw().all() as [
			string,
			string | null,
		][];
	} finally {
		database.close();
	}
}

/** The words of a text, as a person would list them. */
const wordsOf = (text: string) => text.split(/\s+/).filter((word) => word !== '');

describe('a stored plain document’s text', () => {
	it('is not kept in the database but read from its file; a Markdown one’s rendered text is', async () => {
		const {documents} = await secondRun({
			'a.txt': 'Alpha headline\n\nThe first\nstory.\r\n\r\nSecond one.',
			'b.md': '# Beta\n\nSome *emphasis* here.',
		});
		expect(storedTexts()).toEqual([
			['a.txt', null],
			['b.md', 'Beta\n\nSome emphasis here.'],
		]);
		// As the file decodes, its line endings made LF, as the loader gave it.
		expect(byId(documents, 'a.txt').text).toBe(
			'Alpha headline\n\nThe first\nstory.\n\nSecond one.',
		);
		// (A Markdown document is read again from its file, for its blocks.)
		expect(documents.find((document) => document.id === 'b.md')!.text).toBe(
			'Beta\n\nSome emphasis here.',
		);
		expect(warnings).toEqual([]);
	});

	it('is its words as read once the file changed since: headline, dateline and paragraphs', async () => {
		const seed = readFileSync(SEED_001, 'utf8');
		const {documents} = await secondRun({'story.txt': seed});
		await writeFile(join(folder.root, 'story.txt'), 'Rewritten since.\n');
		const text = byId(documents, 'story.txt').text;
		expect(
			text.startsWith('Prospects of Iran-Iraq ties\n\nJuly 20, 2020 - 21:8\n\nIn his first'),
		).toBe(true);
		expect(wordsOf(text)).toEqual(wordsOf(seed));
		expect(text).not.toContain('Rewritten');
		expect(warnings).toEqual([]);
	});

	it('is its words as read once the file is gone', async () => {
		const {documents} = await secondRun({
			'a.txt': 'Alpha headline\n\nThe first\nstory.\n\nSecond one.',
		});
		await rm(join(folder.root, 'a.txt'));
		expect(byId(documents, 'a.txt').text).toBe('Alpha headline\n\nThe first story.\n\nSecond one.');
	});

	it.skipIf(!hasMkfifo())('does not wait for a named pipe put in the file’s place', async () => {
		const {documents} = await secondRun({'a.txt': 'Alpha headline\n\nThe first story.'});
		await rm(join(folder.root, 'a.txt'));
		execFileSync('mkfifo', [join(folder.root, 'a.txt')]);
		expect(byId(documents, 'a.txt').text).toBe('Alpha headline\n\nThe first story.');
	});
});
