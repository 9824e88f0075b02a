/**
 * A plain document's text is not kept in the database (see database.ts storedText): it is its
 * file's, read back when asked for; a Markdown document's rendered text is kept. When the file
 * no longer holds the text the document was read with, its words as read are given.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {rm, utimes, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Sqlite from 'better-sqlite3';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadAll} from '../../../source/core/corpus/load.js';
import {openStore, type CorpusStore} from '../../../source/core/store/open.js';
import {StoredDocument} from '../../../source/core/store/stored-document.js';
import {hasMkfifo, makeTempFolder, type TempFolder} from '../../fixtures/temp-folder.js';

const PAST = new Date(Date.now() - 86_400_000);
const SEED_001 = new URL('../../../seeds/001_2da24b835264bdcc.txt', import.meta.url);

let folder: TempFolder;
let cacheHome: string;
let warnings: string[];
const stores: CorpusStore[] = [];

beforeEach(async () => {
	folder = await makeTempFolder();
	cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-unstored-text-'));
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
 * run's documents, read back from the database. */
async function secondRun(files: Record<string, string>) {
	for (const [name, text] of Object.entries(files)) {
		await utimes(await folder.write(name, text), PAST, PAST);
	}
	(await run()).store.close();
	const again = await run();
	const byId = (id: string) => {
		const document = again.documents.find((each) => each.id === id)!;
		expect(document).toBeInstanceOf(StoredDocument);
		return document;
	};
	return {...again, byId};
}

/** Each body's id and stored text (null: not stored). */
function storedTexts(): [string, string | null][] {
	const found = readdirSync(cacheHome, {recursive: true, encoding: 'utf8'}).filter((name) =>
		name.endsWith('.sqlite'),
	);
	expect(found).toHaveLength(1);
	const database = new Sqlite(join(cacheHome, found[0]!), {readonly: true});
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
		const {byId, documents} = await secondRun({
			'a.txt': 'Alpha headline\n\nThe first\nstory.\r\n\r\nSecond one.',
			'b.md': '# Beta\n\nSome *emphasis* here.',
		});
		expect(storedTexts()).toEqual([
			['a.txt', null],
			['b.md', 'Beta\n\nSome emphasis here.'],
		]);
		// As the file decodes, its line endings made LF, as the loader gave it.
		expect(byId('a.txt').text).toBe('Alpha headline\n\nThe first\nstory.\n\nSecond one.');
		// (A Markdown document is read again from its file, for its blocks.)
		expect(documents.find((document) => document.id === 'b.md')!.text).toBe(
			'Beta\n\nSome emphasis here.',
		);
		expect(warnings).toEqual([]);
	});

	it('is its words as read once the file changed since: headline, dateline and paragraphs', async () => {
		const seed = readFileSync(SEED_001, 'utf8');
		const {byId} = await secondRun({'story.txt': seed});
		await writeFile(join(folder.root, 'story.txt'), 'Rewritten since.\n');
		const text = byId('story.txt').text;
		expect(
			text.startsWith('Prospects of Iran-Iraq ties\n\nJuly 20, 2020 - 21:8\n\nIn his first'),
		).toBe(true);
		expect(wordsOf(text)).toEqual(wordsOf(seed));
		expect(text).not.toContain('Rewritten');
		expect(warnings).toEqual([]);
	});

	it('is its words as read once the file is gone', async () => {
		const {byId} = await secondRun({'a.txt': 'Alpha headline\n\nThe first\nstory.\n\nSecond one.'});
		await rm(join(folder.root, 'a.txt'));
		expect(byId('a.txt').text).toBe('Alpha headline\n\nThe first story.\n\nSecond one.');
	});

	it.skipIf(!hasMkfifo())('does not wait for a named pipe put in the file’s place', async () => {
		const {byId} = await secondRun({'a.txt': 'Alpha headline\n\nThe first story.'});
		await rm(join(folder.root, 'a.txt'));
		execFileSync('mkfifo', [join(folder.root, 'a.txt')]);
		expect(byId('a.txt').text).toBe('Alpha headline\n\nThe first story.');
	});
});
