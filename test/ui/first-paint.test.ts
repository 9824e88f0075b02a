import {utimes} from 'node:fs/promises';
import {describe, expect, it} from 'vitest';
import type {MemoryStore} from '../../source/core/store/memory.js';
import {paintFirstFrame} from '../../source/ui/first-paint.js';
import {makeTempFolder, type TempFolder} from '../fixtures/temp-folder.js';
import {storeOfFolder} from '../fixtures/stored-folder.js';
import {seedDocuments} from '../fixtures/seeds.js';
import {SearchIndex} from '../../source/core/search/index.js';
import {decodeSnapshotFrom, encodeSnapshot} from '../../source/core/search/snapshot.js';
import {checkedBytesSource} from '../fixtures/checked-snapshot.js';

/** A terminal of `rows` × `columns` that keeps each frame written, as the lines a person sees. */
function fakeTerminal(columns: number, rows: number) {
	const frames: string[][] = [];
	const stdout = {
		columns,
		rows,
		write(text: string) {
			frames.push(
				text
					.replace('\u001B[H', '')
					.split('\r\n')
					// eslint-disable-next-line no-control-regex -- the escape sequences are what is taken out
					.map((line) => line.replaceAll(/\u001B\[[\d;]*[mK]/g, '').trimEnd()),
			);
			return true;
		},
	};
	return {stdout: stdout as unknown as NodeJS.WriteStream, frames};
}

/** `count` stories, 00.txt on, written days ago (so the store trusts their stamps). */
async function writeStories(folder: TempFolder, count: number): Promise<void> {
	const old = new Date(Date.now() - 3 * 86_400_000);
	for (let number = 0; number < count; number++) {
		const name = `${String(number).padStart(2, '0')}.txt`;
		const path = await folder.write(name, `Story ${number}\n\nThe text of story ${number}.`);
		await utimes(path, old, old);
	}
}

/** The first frame on a 70 × 12 terminal (the one given, when it is), comparing files 8 at a
 * time. */
async function paintOn(
	folder: TempFolder,
	store?: MemoryStore,
	{stdout, frames} = fakeTerminal(70, 12),
) {
	const painted = await paintFirstFrame({
		folder: folder.root,
		folderLabel: 'stories',
		colour: false,
		stdout,
		...(store ? {store} : {}),
		remembering: false,
		listedPerBatch: 8,
	});
	return {painted, statuses: frames.map((frame) => frame.at(-1)), frames};
}

describe('the first frame, with a store', () => {
	it('starts loading the store search code once the first screenful is painted, not before', async () => {
		const folder = await makeTempFolder();
		try {
			await writeStories(folder, 30);
			const store = await storeOfFolder(folder.root);
			const terminal = fakeTerminal(70, 12);
			const {frames} = terminal;
			const framesWhenAsked: number[] = [];
			const loadIndexing = store.loadIndexing.bind(store);
			store.loadIndexing = () => {
				framesWhenAsked.push(frames.length);
				return loadIndexing();
			};
			await paintOn(folder, store, terminal);
			expect(framesWhenAsked).toEqual([1]);
			expect(frames).toHaveLength(2);
		} finally {
			await folder.remove();
		}
	});

	it('begins checking the kept search index once the first screenful is painted, for the app to take up', async () => {
		const folder = await makeTempFolder();
		try {
			await writeStories(folder, 30);
			const store = await storeOfFolder(folder.root);
			const index = new SearchIndex();
			index.add(seedDocuments());
			const bytes = Buffer.concat((await encodeSnapshot(index))!);
			const terminal = fakeTerminal(70, 12);
			const {frames} = terminal;
			/** Frames written when each part was asked to be checked. */
			const framesWhenChecked: number[] = [];
			const file = checkedBytesSource(bytes, () => framesWhenChecked.push(frames.length));
			// A memory store keeps no snapshot: this one has the file above.
			Object.assign(store, {openSearchSnapshot: () => Promise.resolve(file)});
			const {painted} = await paintOn(folder, store, terminal);
			const opened = await painted.searchSnapshot;
			expect(opened?.file).toBe(file);
			// Both parts (the held sections and the word sequences), after the first frame.
			expect(framesWhenChecked).toHaveLength(2);
			expect(Math.min(...framesWhenChecked)).toBeGreaterThanOrEqual(1);
			const decoded = await decodeSnapshotFrom(file, opened!.check);
			expect('state' in decoded).toBe(true);
			// The checks begun are the ones the decoding waited for.
			expect(framesWhenChecked).toHaveLength(2);
			// Without a store, nothing is opened.
			const without = await paintOn(folder);
			expect(without.painted.searchSnapshot).toBe(undefined);
		} finally {
			await folder.remove();
		}
	});

	it('paints the first screenful, then every file the store lists, before Ink loads', async () => {
		const folder = await makeTempFolder();
		try {
			await writeStories(folder, 30);
			const {painted, statuses, frames} = await paintOn(folder, await storeOfFolder(folder.root));
			expect(statuses).toEqual([
				'16 documents · 1/16 · loading 16 of 30 · checking 16',
				'30 documents · 1/30 · checking 30             / search  ? help  q quit',
			]);
			expect(frames[1]!.slice(0, 3)).toEqual([
				'Reading Room · stories',
				expect.stringMatching(/^▸ +Story 0 /),
				expect.stringMatching(/^ +Story 1 /),
			]);
			expect(painted.corpus.documents.length).toBe(30);
			expect(painted.corpus.unchecked).toBe(30);
			// The app goes on with the loader where it is: the files compared, then done.
			const rest = [];
			for await (const batch of painted.batches)
				rest.push([batch.loaded, batch.unchecked, batch.done]);
			expect(rest).toEqual([
				[30, 22, false],
				[30, 14, false],
				[30, 6, false],
				[30, 0, true],
			]);
		} finally {
			await folder.remove();
		}
	});

	it('stops listing at a file the store does not know, and leaves the comparing to the app', async () => {
		const folder = await makeTempFolder();
		try {
			await writeStories(folder, 30);
			const store = await storeOfFolder(folder.root);
			// A new file in the middle: the 16 before it are listed first.
			await folder.write('15b.txt', 'Story 15b\n\nA new story.');
			const {painted, statuses} = await paintOn(folder, store);
			expect(statuses).toEqual(['16 documents · 1/16 · loading 16 of 31 · checking 16']);
			// One batch of comparing taken (8 files), not all of it.
			expect(painted.corpus.unchecked).toBe(8);
			const rest = [];
			for await (const batch of painted.batches) {
				rest.push([batch.loaded, batch.unchecked ?? 0, batch.documents.length, batch.done]);
			}
			expect(rest).toEqual([
				[16, 0, 0, false],
				[31, 0, 15, true],
			]);
		} finally {
			await folder.remove();
		}
	});

	it('without one, paints the first screenful read and leaves the rest to the app', async () => {
		const folder = await makeTempFolder();
		try {
			await writeStories(folder, 30);
			const {painted, statuses} = await paintOn(folder);
			expect(statuses).toEqual([
				'12 documents · 1/12 · loading 12 of 30        / search  ? help  q quit',
			]);
			expect(painted.corpus.documents.length).toBe(12);
			await painted.batches.return(undefined);
		} finally {
			await folder.remove();
		}
	});
});
