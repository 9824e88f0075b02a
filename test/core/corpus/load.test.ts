import {Buffer} from 'node:buffer';
import {chmod, rm, truncate} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {isSkipped, loadAll, loadCorpus, loadFile} from '../../../source/core/corpus/load.js';
import type {CorpusBatch} from '../../../source/core/corpus/load.js';
import {MAX_FILE_BYTES, scanFolder} from '../../../source/core/corpus/scan.js';
import type {Document} from '../../../source/core/types.js';
import {paragraphs} from '../../fixtures/prose.js';
import {SEEDS_FOLDER, seedDocument} from '../../fixtures/seeds.js';
import {makeTempFolder} from '../../fixtures/temp-folder.js';
import type {TempFolder} from '../../fixtures/temp-folder.js';

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
		});
		const {documents, skipped} = await loadAll(folder.root);
		expect(skipped).toEqual([{id: 'c-binary.txt', reason: 'binary'}]);
		expect(documents.map((document) => [document.id, document.title, document.encoding])).toEqual([
			['a-empty.txt', '(empty)', 'utf-8'],
			['b-blank.txt', '(empty)', 'utf-8'],
			['d-latin.txt', 'Café “q”', 'windows-1252'],
			['e-utf16.txt', 'Wide text', 'utf-16le'],
		]);
		expect(documents[2]!.text).toBe('Café\n“q”');
	});

	it('rejects a missing folder like scanFolder', async () => {
		await expect(loadAll('/no/such/folder/here')).rejects.toThrow(
			'No such folder: /no/such/folder/here',
		);
	});
});

describe('loadCorpus', () => {
	it('yields the total and the scan skips first, then batches in order, then done', async () => {
		folder = await articles(30);
		const big = await folder.write('big.txt', '');
		await truncate(big, MAX_FILE_BYTES + 1);
		const batches = await collect(loadCorpus(folder.root, {batchBytes: 8 * 1024}));

		const [first, ...rest] = batches;
		expect(first).toMatchObject({documents: [], loaded: 0, total: 30, done: false});
		expect(first!.skipped).toEqual([expect.objectContaining({id: 'big.txt', reason: 'too large'})]);
		expect(rest.length).toBeGreaterThan(3);
		expect(rest.at(-1)!.done).toBe(true);
		expect(rest.slice(0, -1).every((batch) => !batch.done)).toBe(true);

		const loaded = rest.map((batch) => batch.loaded);
		expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
		expect(loaded.at(-1)).toBe(30);
		const documents = rest.flatMap((batch) => batch.documents);
		expect(documents.map((document) => document.id)).toEqual(
			Array.from({length: 30}, (_, index) => `${index + 1}.txt`),
		);
		// Each batch but the last holds at least batchBytes of files, and not many more.
		for (const batch of rest.slice(0, -1)) {
			const bytes = batch.documents.reduce((sum, document) => sum + document.bytes, 0);
			expect(bytes).toBeGreaterThanOrEqual(8 * 1024);
			expect(bytes).toBeLessThan(8 * 1024 + 4 * 1024);
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
