import {describe, expect, it} from 'vitest';
import {rm, utimes} from 'node:fs/promises';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadCorpus, type CorpusBatch} from '../../../source/core/corpus/load.js';
import {
	emptyCorpus,
	listedWhole,
	refreshedBetween,
	withBatch,
	withError,
	type CorpusState,
} from '../../../source/core/corpus/state.js';
import {makeTempFolder} from '../../fixtures/temp-folder.js';
import {storeOfFolder} from '../../fixtures/stored-folder.js';

const seeds = fileURLToPath(new URL('../../../seeds/', import.meta.url));

describe('corpus state', () => {
	it('accumulates the loader batches into the whole library, in order', async () => {
		let state = emptyCorpus;
		const seen: number[] = [];
		for await (const batch of loadCorpus(seeds, {batchBytes: 1})) {
			state = withBatch(state, batch);
			seen.push(state.documents.length);
		}
		expect(state.done).toBe(true);
		expect(state.total).toBe(5);
		expect(state.loaded).toBe(5);
		expect(state.documents.map((document) => document.id.slice(0, 3))).toEqual([
			'000',
			'001',
			'002',
			'003',
			'004',
		]);
		// One document a batch with a one-byte budget, after the scan's empty batch.
		expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('is listed whole once every file is listed, whether or not it is done', () => {
		expect(listedWhole(emptyCorpus)).toBe(false);
		expect(listedWhole({done: false, loaded: 4, total: 5})).toBe(false);
		expect(listedWhole({done: false, loaded: 5, total: 5})).toBe(true);
		expect(listedWhole({done: true, loaded: 0, total: undefined})).toBe(true);
		expect(listedWhole({done: false, loaded: 0, total: 0})).toBe(true);
	});

	it('keeps what loaded when an error ends the load, and says why', () => {
		const state = withError(
			{...emptyCorpus, loaded: 3, unchecked: 3},
			new Error('no such folder: x'),
		);
		// Nothing is compared after it: "checking 3" would stay in the status bar.
		expect(state).toMatchObject({done: true, loaded: 3, unchecked: 0, error: 'no such folder: x'});
	});

	describe('a changed file the store knows, with refreshLater', () => {
		/** Files older than the loader's settling time are trusted by size and mtime. */
		const day = 86_400_000;
		const at = (days: number) => new Date(Date.now() - days * day);

		it('is listed at once as stored and marked, then replaced in its place by its new version', async () => {
			const folder = await makeTempFolder();
			try {
				const write = async (name: string, text: string | Uint8Array, days: number) =>
					utimes(await folder.write(name, text), at(days), at(days));
				await write('a.txt', 'Alpha headline\n\nThe first story.', 3);
				await write('b.txt', 'Beta headline\n\nThe second story.', 3);
				await write('c.txt', 'Gamma headline\n\nThe third story.', 3);
				await write('d.txt', 'Delta headline\n\nThe fourth story.', 3);
				// What the first run stored: all of them.
				const store = await storeOfFolder(folder.root);
				await write('b.txt', 'Beta rewritten\n\nThe second story, with zebras.', 2);
				await write('d.txt', new Uint8Array([0, 1, 2, 0, 3]), 2);
				await write('e.txt', 'Epsilon headline\n\nA new story.', 2);

				const batches: CorpusBatch[] = [];
				const states: CorpusState[] = [];
				let state = emptyCorpus;
				for await (const batch of loadCorpus(folder.root, {store, refreshLater: true})) {
					batches.push(batch);
					state = withBatch(state, batch);
					states.push(state);
				}
				const listed = (corpus: CorpusState) =>
					corpus.documents.map((document) => `${document.id} ${document.title}`);
				// The scan's batch; the four files stored listed as stored, before any is compared
				// with the store; compared (b and d changed); the new e read; b and d read again.
				expect(batches.map((batch) => [batch.loaded, batch.done, batch.unchecked ?? 0])).toEqual([
					[0, false, 0],
					[4, false, 4],
					[4, false, 0],
					[5, false, 0],
					[5, true, 0],
				]);
				expect(listed(states[1]!)).toEqual([
					'a.txt Alpha headline',
					'b.txt Beta headline',
					'c.txt Gamma headline',
					'd.txt Delta headline',
				]);
				expect(states[1]!.unchecked).toBe(4);
				expect([...states[1]!.refreshing]).toEqual([]);
				expect(batches[2]!.refreshing).toEqual(['b.txt', 'd.txt']);
				expect(states[2]!.unchecked).toBe(0);
				expect(listed(states[3]!)).toEqual([
					'a.txt Alpha headline',
					'b.txt Beta headline',
					'c.txt Gamma headline',
					'd.txt Delta headline',
					'e.txt Epsilon headline',
				]);
				expect([...states[3]!.refreshing]).toEqual(['b.txt', 'd.txt']);
				// b's new version takes its place; d is binary now: it leaves the list.
				expect(listed(state)).toEqual([
					'a.txt Alpha headline',
					'b.txt Beta rewritten',
					'c.txt Gamma headline',
					'e.txt Epsilon headline',
				]);
				expect(state.skipped).toEqual([{id: 'd.txt', reason: 'binary'}]);
				expect([...state.refreshing]).toEqual([]);
				expect(state.documents[1]!.paragraphs).toEqual(['The second story, with zebras.']);
				// As the app hears of it: b read again, d no longer an article (binary), said so;
				// nothing before the refresh.
				expect(refreshedBetween(states[0]!, states[3]!)).toEqual([]);
				expect(refreshedBetween(states[3]!, state)).toEqual([
					{kind: 'read', document: state.documents[1]},
					{kind: 'removed', id: 'd.txt', skipped: {id: 'd.txt', reason: 'binary'}},
				]);
				// The store has the new version: the next start lists b as it is now, unmarked.
				const again: CorpusBatch[] = [];
				for await (const batch of loadCorpus(folder.root, {store, refreshLater: true})) {
					again.push(batch);
				}
				expect(again.flatMap((batch) => batch.refreshing ?? [])).toEqual([]);
				expect(again.flatMap((batch) => batch.documents).map((document) => document.title)).toEqual(
					['Alpha headline', 'Beta rewritten', 'Gamma headline', 'Epsilon headline'],
				);
			} finally {
				await folder.remove();
			}
		});

		it('lists every stored file first, then compares them', async () => {
			const folder = await makeTempFolder();
			try {
				const write = async (name: string, text: string, days: number) =>
					utimes(await folder.write(name, text), at(days), at(days));
				for (const name of ['a', 'b', 'c', 'd', 'e']) {
					await write(`${name}.txt`, `Story ${name}\n\nThe text of ${name}.`, 3);
				}
				const store = await storeOfFolder(folder.root);
				// The same size, another time: compared, not read, it is changed all the same.
				await write('c.txt', 'Story C\n\nThe text of C.', 2);
				const batches: CorpusBatch[] = [];
				let state = emptyCorpus;
				for await (const batch of loadCorpus(folder.root, {
					store,
					refreshLater: true,
					firstBatchDocuments: 2,
				})) {
					batches.push(batch);
					state = withBatch(state, batch);
				}
				expect(
					batches.map((batch) => [
						batch.loaded,
						batch.done,
						batch.unchecked ?? 0,
						batch.documents.map((document) => document.title).join(','),
						(batch.refreshing ?? []).join(','),
						(batch.refreshed ?? []).map((document) => document.title).join(','),
					]),
				).toEqual([
					[0, false, 0, '', '', ''],
					// Not a small first batch: a first frame of them all.
					[5, false, 5, 'Story a,Story b,Story c,Story d,Story e', '', ''],
					[5, false, 0, '', 'c.txt', ''],
					[5, true, 0, '', '', 'Story C'],
				]);
				expect(state.documents.map((document) => document.title)).toEqual([
					'Story a',
					'Story b',
					'Story C',
					'Story d',
					'Story e',
				]);
				expect(state.unchecked).toBe(0);
				expect(store.stored({id: 'c.txt', path: join(folder.root, 'c.txt')})?.title).toBe(
					'Story C',
				);
			} finally {
				await folder.remove();
			}
		});

		it('lists first only up to a Markdown file or one the store does not know, so the order holds', async () => {
			const folder = await makeTempFolder();
			try {
				const write = async (name: string, text: string) =>
					utimes(await folder.write(name, text), at(3), at(3));
				await write('a.txt', 'Story a\n\nThe text of a.');
				await write('b.md', '# Story b\n\nThe *text* of b.');
				await write('c.txt', 'Story c\n\nThe text of c.');
				await write('e.txt', 'Story e\n\nThe text of e.');
				// The Markdown file stored too.
				const store = await storeOfFolder(folder.root);
				await write('d.txt', 'Story d\n\nA new text.');
				const run = async () => {
					const batches: CorpusBatch[] = [];
					let state = emptyCorpus;
					for await (const batch of loadCorpus(folder.root, {store, refreshLater: true})) {
						batches.push(batch);
						state = withBatch(state, batch);
					}
					return {batches, state};
				};
				const first = await run();
				expect(first.batches.map((batch) => [batch.loaded, batch.unchecked ?? 0])).toEqual([
					[0, 0],
					[1, 1],
					[1, 0],
					[5, 0],
				]);
				expect(first.state.documents.map((document) => document.id)).toEqual([
					'a.txt',
					'b.md',
					'c.txt',
					'd.txt',
					'e.txt',
				]);
				// Read as Markdown, as without a store.
				expect(first.state.documents[1]!.markdown).toBeDefined();
				await rm(join(folder.root, 'b.md'));
				// d now known: all four listed first.
				const second = await run();
				expect(
					second.batches.map((batch) => [batch.loaded, batch.unchecked ?? 0, batch.done]),
				).toEqual([
					[0, 0, false],
					[4, 4, false],
					[4, 0, true],
				]);
				expect(second.state.documents.map((document) => document.id)).toEqual([
					'a.txt',
					'c.txt',
					'd.txt',
					'e.txt',
				]);
				// Every file was listed first: the removed one is dropped from the store all the same.
				expect(store.stampOf('b.md')).toBeUndefined();
				expect(store.storedCount()).toBe(4);
				// A new first file: nothing is listed before it is read, and the others after it.
				await write('0.txt', 'Story 0\n\nThe text of 0.');
				const third = await run();
				expect(
					third.batches.map((batch) => [batch.loaded, batch.unchecked ?? 0, batch.done]),
				).toEqual([
					[0, 0, false],
					[5, 0, true],
				]);
				expect(third.state.documents.map((document) => document.id)).toEqual([
					'0.txt',
					'a.txt',
					'c.txt',
					'd.txt',
					'e.txt',
				]);
			} finally {
				await folder.remove();
			}
		});

		it('takes out of the list a file listed first that is now binary, or gone before it was compared', async () => {
			const folder = await makeTempFolder();
			try {
				const write = async (name: string, text: string | Uint8Array, days: number) =>
					utimes(await folder.write(name, text), at(days), at(days));
				for (const name of ['a', 'b', 'c']) {
					await write(`${name}.txt`, `Story ${name}\n\nThe text of ${name}.`, 3);
				}
				const store = await storeOfFolder(folder.root);
				// The only change: one file, binary now.
				await write('b.txt', new Uint8Array([0, 1, 2, 0, 3]), 2);
				const states: CorpusState[] = [];
				let state = emptyCorpus;
				for await (const batch of loadCorpus(folder.root, {store, refreshLater: true})) {
					state = withBatch(state, batch);
					states.push(state);
				}
				expect(state.documents.map((document) => document.id)).toEqual(['a.txt', 'c.txt']);
				expect(state.skipped).toEqual([{id: 'b.txt', reason: 'binary'}]);
				expect([...state.refreshing]).toEqual([]);
				expect(refreshedBetween(states.at(-2)!, state)).toEqual([
					{kind: 'removed', id: 'b.txt', skipped: {id: 'b.txt', reason: 'binary'}},
				]);
				// Gone between its listing and its comparing (a, the one file listed first: b is not
				// stored now): it leaves the list as a removed file, not as one that cannot be read.
				const seen: CorpusState[] = [];
				let again = emptyCorpus;
				for await (const batch of loadCorpus(folder.root, {store, refreshLater: true})) {
					again = withBatch(again, batch);
					seen.push(again);
					if (batch.unchecked === 1) await rm(join(folder.root, 'a.txt'));
				}
				expect(again.documents.map((document) => document.id)).toEqual(['c.txt']);
				expect(again.skipped).toEqual([{id: 'b.txt', reason: 'binary'}]);
				expect([...again.refreshing]).toEqual([]);
				expect(seen.slice(1).flatMap((state, at) => refreshedBetween(seen[at]!, state))).toEqual([
					{kind: 'removed', id: 'a.txt'},
				]);
				// The store forgets it.
				expect(store.stampOf('a.txt')).toBeUndefined();
				expect(again.done).toBe(true);
			} finally {
				await folder.remove();
			}
		});

		it('fills the first screen with those listed first and as many read after them', async () => {
			const folder = await makeTempFolder();
			try {
				for (const name of ['a', 'b', 'c']) {
					const path = await folder.write(`${name}.txt`, `Story ${name}\n\nThe text of ${name}.`);
					await utimes(path, at(3), at(3));
				}
				const store = await storeOfFolder(folder.root);
				for (const name of ['d', 'e', 'f', 'g', 'h', 'i']) {
					await folder.write(`${name}.txt`, `Story ${name}\n\nA new text of ${name}.`);
				}
				const batches: CorpusBatch[] = [];
				for await (const batch of loadCorpus(folder.root, {
					store,
					refreshLater: true,
					firstBatchDocuments: 5,
				})) {
					batches.push(batch);
				}
				// Three listed, compared; then two read make the first screen of five; then the rest.
				expect(batches.map((batch) => [batch.loaded, batch.documents.length, batch.done])).toEqual([
					[0, 0, false],
					[3, 3, false],
					[3, 0, false],
					[5, 2, false],
					[9, 4, true],
				]);
			} finally {
				await folder.remove();
			}
		});

		it('reads a file larger than the read-ahead budget that comes after those listed first', async () => {
			const folder = await makeTempFolder();
			try {
				await utimes(await folder.write('a.txt', 'Story a\n\nThe text of a.'), at(3), at(3));
				const store = await storeOfFolder(folder.root);
				// Over the 8 MB the loader reads ahead: it must be let through as the next file.
				const long = 'The quay was busy all week, and the ships came in late.\n\n'.repeat(170_000);
				await folder.write('b.txt', `Story b\n\n${long}`);
				let state = emptyCorpus;
				for await (const batch of loadCorpus(folder.root, {store, refreshLater: true})) {
					state = withBatch(state, batch);
				}
				expect(state.done).toBe(true);
				expect(state.documents.map((document) => document.title)).toEqual(['Story a', 'Story b']);
				expect(state.documents[1]!.bytes).toBe(9 + long.length);
			} finally {
				await folder.remove();
			}
		});

		it('is read in its place without refreshLater, so nothing listed is stale', async () => {
			const folder = await makeTempFolder();
			try {
				const path = await folder.write('a.txt', 'Alpha headline\n\nThe first story.');
				await utimes(path, at(3), at(3));
				const store = await storeOfFolder(folder.root);
				await folder.write('a.txt', 'Alpha rewritten\n\nThe first story.');
				await utimes(path, at(2), at(2));
				const batches: CorpusBatch[] = [];
				for await (const batch of loadCorpus(folder.root, {store})) batches.push(batch);
				expect(batches.flatMap((batch) => batch.refreshing ?? [])).toEqual([]);
				expect(
					batches.flatMap((batch) => batch.documents).map((document) => document.title),
				).toEqual(['Alpha rewritten']);
			} finally {
				await folder.remove();
			}
		});
	});
});
