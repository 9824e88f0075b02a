import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {loadAll} from '../../../source/core/corpus/load.js';
import {FilesReadAhead} from '../../../source/core/corpus/read-ahead.js';
import {joinedPaths} from '../../../source/core/corpus/files-worker.js';
import {openStore} from '../../../source/core/store/open.js';
import {hasMkfifo, makeTempFolder, type TempFolder} from '../../fixtures/temp-folder.js';

let folder: TempFolder | undefined;
let reader: FilesReadAhead | undefined;
afterEach(async () => {
	reader?.stop();
	await reader?.ended;
	reader = undefined;
	await folder?.remove();
	folder = undefined;
});

/** Polls until `done` holds: the worker's progress is seen through shared memory only. */
async function until(done: () => boolean): Promise<void> {
	while (!done()) await new Promise((resolve) => setTimeout(resolve, 2));
}

async function tenFiles(): Promise<string[]> {
	const files: Record<string, string> = {};
	for (let index = 0; index < 10; index++) files[`${index}.txt`] = `Story ${index}\n\nText.`;
	folder = await makeTempFolder(files);
	return Object.keys(files).map((name) => join(folder!.root, name));
}

describe('files read ahead of the loader', () => {
	it('reads no further than its files ahead of the loader, and goes on as the loader does', async () => {
		reader = FilesReadAhead.start(joinedPaths(await tenFiles()), 2)!;
		// The loader at its first file: files 0 to 2.
		await until(() => reader!.readThrough >= 2);
		// Given time to run on if it would (a wrong wait reads all ten at once).
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(reader.readThrough).toBe(2);
		reader.loaderAt(5);
		await until(() => reader!.readThrough >= 7);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(reader.readThrough).toBe(7);
		reader.loaderAt(8);
		await reader.ended;
		expect(reader.readThrough).toBe(9);
	});

	it('stops when the loader is done, however far it has to go', async () => {
		reader = FilesReadAhead.start(joinedPaths(await tenFiles()), 0)!;
		await until(() => reader!.readThrough >= 0);
		reader.stop();
		await reader.ended;
		expect(reader.readThrough).toBe(0);
	});

	it.skipIf(!hasMkfifo())('passes over a pipe, a device and a name that is not UTF-8', async () => {
		folder = await makeTempFolder({'last.txt': 'The last story.'});
		const pipe = join(folder.root, 'pipe.txt');
		execFileSync('mkfifo', [pipe]);
		const device = join(folder.root, 'zeros.txt');
		symlinkSync('/dev/zero', device);
		reader = FilesReadAhead.start(
			joinedPaths([pipe, device, undefined, join(folder.root, 'last.txt')]),
		)!;
		await reader.ended;
		expect(reader.readThrough).toBe(3);
	});

	it('leaves a first run’s documents as the loader reads them', async () => {
		folder = await makeTempFolder({
			'a.txt': 'Alpha headline\n\nThe first story.',
			'b.txt': 'Beta headline\n\nThe second story.',
			'c.txt': 'Gamma headline\n\nThe third story.',
		});
		const cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-read-ahead-'));
		const store = openStore({folder: folder.root, useCache: true, cacheHome});
		try {
			const {documents} = await loadAll(folder.root, {store, readAheadFrom: 1});
			expect(documents.map((document) => [document.id, document.title])).toEqual([
				['a.txt', 'Alpha headline'],
				['b.txt', 'Beta headline'],
				['c.txt', 'Gamma headline'],
			]);
		} finally {
			store.close();
			rmSync(cacheHome, {recursive: true, force: true});
		}
	});
});
