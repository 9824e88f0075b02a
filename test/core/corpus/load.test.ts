import {Buffer} from 'node:buffer';
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, read, readdirSync, rmSync} from 'node:fs';
import type * as NodeFs from 'node:fs';
import {chmod, rm, truncate, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {
	FIRST_BATCH_DOCUMENTS,
	isSkipped,
	loadAll,
	loadCorpus,
	loadFile,
} from '../../../source/core/corpus/load.js';
import type {CorpusBatch} from '../../../source/core/corpus/load.js';
import {MAX_FILE_BYTES, scanFolder} from '../../../source/core/corpus/scan.js';
import {openStore} from '../../../source/core/store/open.js';
import type {Document} from '../../../source/core/types.js';
import {paragraphs} from '../../fixtures/prose.js';
import {SEEDS_FOLDER, seedDocument} from '../../fixtures/seeds.js';
import {hasMkfifo, makeTempFolder} from '../../fixtures/temp-folder.js';
import type {TempFolder} from '../../fixtures/temp-folder.js';

// The loader's reads pass through a spy, so a test can tell which lengths were read.
vi.mock('node:fs', async (importOriginal) => {
	const actual = await importOriginal<typeof NodeFs>();
	return {...actual, read: vi.fn(actual.read)};
});
beforeEach(() => {
	vi.mocked(read).mockClear();
});

let folder: TempFolder | undefined;
afterEach(async () => {
	await folder?.remove();
	folder = undefined;
});

async function collect(batches: AsyncGenerator<CorpusBatch>): Promise<CorpusBatch[]> {
	const all: CorpusBatch[] = [];
	for await (const batch of batches) all.push(batch);
	return all;
}

/** Bytes in the batch's documents. */
const bytesOf = (batch: CorpusBatch): number =>
	batch.documents.reduce((sum, document) => sum + document.bytes, 0);

/** Open file descriptors of this process (Linux). */
const openFiles = (): number => readdirSync('/proc/self/fd').length;

/** A folder of `count` generated articles, about 2 KB each, named 1.txt … count.txt. */
async function articles(count: number): Promise<TempFolder> {
	const files: Record<string, string> = {};
	for (let index = 1; index <= count; index++) {
		files[`${index}.txt`] = `Article number ${index}\n\n${paragraphs(4, index).join('\n\n')}`;
	}
	return makeTempFolder(files);
}

describe('loadAll', () => {
	it('loads the seeds in scan order, parsed as parseDocument does', async () => {
		const {documents, skipped} = await loadAll(SEEDS_FOLDER);
		expect(skipped).toEqual([]);
		expect(documents.map((document) => document.id.slice(0, 3))).toEqual([
			'000',
			'001',
			'002',
			'003',
			'004',
		]);
		for (const document of documents) {
			expect(document).toEqual(seedDocument(document.id.slice(0, 3)));
		}
	});

	it('skips binary files, keeps empty ones, and decodes each encoding', async () => {
		folder = await makeTempFolder({
			'a-empty.txt': '',
			'b-blank.txt': ' \n\n \t',
			'c-binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
			'd-latin.txt': Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0d, 0x0a, 0x93, 0x71, 0x94]),
			'e-utf16.txt': Buffer.concat([
				Buffer.from([0xff, 0xfe]),
				Buffer.from('Wide text', 'utf16le'),
			]),
			'f-utf16-no-bom.txt': Buffer.from('Wide text, no mark', 'utf16le').swap16(),
		});
		const {documents, skipped} = await loadAll(folder.root);
		expect(skipped).toEqual([{id: 'c-binary.txt', reason: 'binary'}]);
		expect(documents.map((document) => [document.id, document.title, document.encoding])).toEqual([
			['a-empty.txt', '(empty)', 'utf-8'],
			['b-blank.txt', '(empty)', 'utf-8'],
			['d-latin.txt', 'Café “q”', 'windows-1252'],
			['e-utf16.txt', 'Wide text', 'utf-16le'],
			['f-utf16-no-bom.txt', 'Wide text, no mark', 'utf-16be'],
		]);
		expect(documents[2]!.text).toBe('Café\n“q”');
	});

	it('reads a Markdown file the scan told apart from another as " (2)" as Markdown, with a store too', async () => {
		folder = await makeTempFolder();
		// Plain prose, which only the .md name makes Markdown.
		await writeFile(join(folder.root, 'bad\x1b[2Jnotes.md'), 'First notes\n\nPlain words here.\n');
		await writeFile(join(folder.root, 'bad␛[2Jnotes.md'), 'Second notes\n\nPlain words too.\n');
		const cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-load-test-'));
		try {
			for (const run of ['no store', 'first run', 'second run']) {
				const store =
					run === 'no store'
						? undefined
						: openStore({folder: folder.root, useCache: true, cacheHome});
				try {
					const {documents} = await loadAll(folder.root, store ? {store} : {});
					expect([
						run,
						documents.map((document) => [document.id, document.markdown !== undefined]),
					]).toEqual([
						run,
						[
							['bad␛[2Jnotes.md', true],
							['bad␛[2Jnotes.md (2)', true],
						],
					]);
				} finally {
					store?.close();
				}
			}
		} finally {
			rmSync(cacheHome, {recursive: true, force: true});
		}
	});

	it('rejects a missing folder like scanFolder', async () => {
		await expect(loadAll('/no/such/folder/here')).rejects.toThrow(
			'No such folder: /no/such/folder/here',
		);
	});
});

describe('loadCorpus', () => {
	it('yields the total first, then batches in order with too large files, then done', async () => {
		folder = await articles(30);
		// Sorts between 15.txt and 16.txt: the 16th file.
		const big = await folder.write('15a.txt', '');
		await truncate(big, MAX_FILE_BYTES + 1); // sparse: no disk used
		const batches = await collect(loadCorpus(folder.root, {batchBytes: 8 * 1024}));

		const [first, ...rest] = batches;
		expect(first).toEqual({documents: [], skipped: [], loaded: 0, total: 31, done: false});
		expect(rest.length).toBeGreaterThan(3);
		// Reported in the batch that covers the 16th file, with the size the loader found.
		const withBig = rest.findIndex((batch) => batch.skipped.length > 0);
		expect(rest[withBig]!.skipped).toEqual([
			{id: '15a.txt', reason: 'too large', detail: '64 MB, over the 64 MB limit'},
		]);
		expect(rest[withBig]!.loaded).toBeGreaterThanOrEqual(16);
		expect(rest[withBig - 1]!.loaded).toBeLessThan(16);
		expect(rest.flatMap((batch) => batch.skipped)).toHaveLength(1);
		expect(rest.at(-1)!.done).toBe(true);
		expect(rest.slice(0, -1).every((batch) => !batch.done)).toBe(true);

		const loaded = rest.map((batch) => batch.loaded);
		expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
		expect(loaded.at(-1)).toBe(31);
		const documents = rest.flatMap((batch) => batch.documents);
		expect(documents.map((document) => document.id)).toEqual(
			Array.from({length: 30}, (_, index) => `${index + 1}.txt`),
		);
		// Each batch but the last holds at least batchBytes of files, and not many more.
		for (const batch of rest.slice(0, -1)) {
			expect(bytesOf(batch)).toBeGreaterThanOrEqual(8 * 1024);
			expect(bytesOf(batch)).toBeLessThan(8 * 1024 + 4 * 1024);
		}
	});

	it('skips a file over the size limit without reading it', async () => {
		folder = await makeTempFolder({'small.txt': 'A small article'});
		await truncate(await folder.write('big.txt', ''), MAX_FILE_BYTES + 1);
		const {documents, skipped} = await loadAll(folder.root);
		expect(documents.map((document) => document.id)).toEqual(['small.txt']);
		expect(skipped).toEqual([
			{id: 'big.txt', reason: 'too large', detail: '64 MB, over the 64 MB limit'},
		]);
		// One read, of the small file's 15 bytes: the big file was opened, measured and closed.
		expect(vi.mocked(read).mock.calls.map((call) => (call as unknown[])[3])).toEqual([15]);
	});

	it('ends the first batch of documents at a screenful, then batches by bytes', async () => {
		folder = await articles(100); // about 1.5 KB each: 100 fit in a 256 KB batch
		const [scanned, first, second, ...rest] = await collect(loadCorpus(folder.root));
		expect(scanned!.documents).toEqual([]);
		expect(first!.documents.map((document) => document.id)).toEqual(
			Array.from({length: FIRST_BATCH_DOCUMENTS}, (_, index) => `${index + 1}.txt`),
		);
		expect(second!.documents).toHaveLength(100 - FIRST_BATCH_DOCUMENTS);
		expect(second!.done).toBe(true);
		expect(rest).toEqual([]);

		// A caller that knows its screen asks for that many; only the first batch is cut short.
		const sized = await collect(loadCorpus(folder.root, {firstBatchDocuments: 3}));
		expect(sized.map((batch) => batch.documents.length)).toEqual([0, 3, 97]);
		// Bytes still end a batch first when the documents are large.
		const small = await collect(loadCorpus(folder.root, {batchBytes: 4 * 1024}));
		expect(bytesOf(small[1]!)).toBeGreaterThanOrEqual(4 * 1024);
		expect(small[1]!.documents.length).toBeLessThan(5);
	});

	it('loads files larger than the read-ahead budget, in order', async () => {
		// Five of 3 MB: more than the 8 MB read ahead at once, so later reads wait for room.
		const text = (index: number): string =>
			`Long article ${index}\n\n${paragraphs(1, index)[0]!.repeat(2000).slice(0, 3e6)}`;
		const files: Record<string, string> = {};
		for (let index = 1; index <= 5; index++) files[`${index}.txt`] = text(index);
		folder = await makeTempFolder(files);
		const {documents, skipped} = await loadAll(folder.root);
		expect(skipped).toEqual([]);
		expect(documents.map((document) => [document.id, document.bytes])).toEqual(
			Array.from({length: 5}, (_, index) => [
				`${index + 1}.txt`,
				Buffer.byteLength(text(index + 1)),
			]),
		);
		expect(documents[4]!.title).toBe('Long article 5');
	});

	it.skipIf(!existsSync('/proc/self/fd'))(
		'closes the files it opened when stopped while reads wait for room',
		async () => {
			const files: Record<string, string> = {};
			for (let index = 1; index <= 8; index++) files[`${index}.txt`] = 'x'.repeat(3e6);
			folder = await makeTempFolder(files);
			const before = openFiles();
			for await (const batch of loadCorpus(folder.root, {batchBytes: 1})) {
				if (batch.documents.length > 0) break;
			}
			// Reads under way close their files when they end; those waiting must give up.
			// At most as many as before: files a previous test left open may close meanwhile too.
			await vi.waitFor(() => expect(openFiles()).toBeLessThanOrEqual(before), {timeout: 5000});
		},
	);

	it.skipIf(!hasMkfifo())(
		'skips a file replaced by a pipe after the scan, without hanging',
		async () => {
			folder = await makeTempFolder({'a.txt': 'a', 'b.txt': 'b'});
			const {files} = await scanFolder(folder.root);
			await rm(files[1]!.path);
			execFileSync('mkfifo', [files[1]!.path]);
			expect(await loadFile(files[1]!)).toEqual({
				id: 'b.txt',
				reason: 'unreadable',
				detail: 'a named pipe, not a regular file',
			});
		},
	);

	it.skipIf(!existsSync('/proc/version'))('reads a file whose size is not known', async () => {
		// Files under /proc say they are empty but are not.
		const loaded = await loadFile({id: 'version', path: '/proc/version'});
		expect(isSkipped(loaded)).toBe(false);
		expect((loaded as Document).text).toMatch(/^Linux version /);
	});

	// Root reads every folder whatever its mode, so this only runs as an ordinary user.
	it.skipIf(process.getuid?.() === 0)('hands the scan skips over in the first batch', async () => {
		folder = await makeTempFolder({'a.txt': 'a', 'locked/b.txt': 'b'});
		await chmod(join(folder.root, 'locked'), 0o000);
		try {
			const [first] = await collect(loadCorpus(folder.root));
			expect(first).toEqual({
				documents: [],
				skipped: [{id: 'locked', reason: 'unreadable', detail: 'permission denied'}],
				loaded: 0,
				total: 1,
				done: false,
			});
		} finally {
			await chmod(join(folder.root, 'locked'), 0o755);
		}
	});

	it('says done in its only batch when the folder has no articles', async () => {
		folder = await makeTempFolder({'picture.png': 'x'});
		expect(await collect(loadCorpus(folder.root))).toEqual([
			{documents: [], skipped: [], loaded: 0, total: 0, done: true},
		]);
	});

	it('lets other work run between batches', async () => {
		folder = await articles(20);
		let ticks = 0;
		let running = true;
		const tick = (): void => {
			ticks++;
			if (running) setImmediate(tick);
		};
		setImmediate(tick);
		const seen: number[] = [];
		try {
			for await (const batch of loadCorpus(folder.root, {batchBytes: 1})) {
				seen.push(ticks);
				void batch;
			}
		} finally {
			running = false;
		}
		// One document per batch; between any two batches the event loop turned at least once.
		expect(seen).toHaveLength(21);
		for (let index = 2; index < seen.length; index++) {
			expect(seen[index]!).toBeGreaterThan(seen[index - 1]!);
		}
	});

	it('stops when aborted, without another batch', async () => {
		folder = await articles(20);
		const controller = new AbortController();
		const documents: Document[] = [];
		let batches = 0;
		for await (const batch of loadCorpus(folder.root, {signal: controller.signal, batchBytes: 1})) {
			batches++;
			documents.push(...batch.documents);
			if (documents.length === 3) controller.abort();
		}
		expect(batches).toBe(4);
		expect(documents).toHaveLength(3);
	});

	it('yields nothing when aborted before it starts', async () => {
		const controller = new AbortController();
		controller.abort();
		expect(await collect(loadCorpus(SEEDS_FOLDER, {signal: controller.signal}))).toEqual([]);
	});

	// Root reads every file whatever its mode, so this only runs as an ordinary user.
	it.skipIf(process.getuid?.() === 0)('reports a file without read permission', async () => {
		folder = await articles(2);
		await chmod(join(folder.root, '1.txt'), 0o000);
		const {documents, skipped} = await loadAll(folder.root);
		expect(documents.map((document) => document.id)).toEqual(['2.txt']);
		expect(skipped).toEqual([{id: '1.txt', reason: 'unreadable', detail: 'permission denied'}]);
	});

	it('reports a file that vanished after the scan as unreadable', async () => {
		folder = await articles(3);
		const {files} = await scanFolder(folder.root);
		await rm(join(folder.root, '2.txt'));
		const results = await Promise.all(files.map((file) => loadFile(file)));
		expect(results.map((result) => isSkipped(result))).toEqual([false, true, false]);
		expect(results[1]).toEqual({id: '2.txt', reason: 'unreadable', detail: 'no longer there'});
	});
});
