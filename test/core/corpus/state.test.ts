import {describe, expect, it} from 'vitest';
import {utimes} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {loadCorpus, type CorpusBatch} from '../../../source/core/corpus/load.js';
import {
	emptyCorpus,
	refreshedBetween,
	withBatch,
	withError,
	type CorpusState,
} from '../../../source/core/corpus/state.js';
import {MemoryStore} from '../../../source/core/store/memory.js';
import {makeTempFolder} from '../../fixtures/temp-folder.js';

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

	it('keeps what loaded when an error ends the load, and says why', () => {
		const state = withError({...emptyCorpus, loaded: 3}, new Error('no such folder: x'));
		expect(state).toMatchObject({done: true, loaded: 3, error: 'no such folder: x'});
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
				const store = new MemoryStore();
				for await (const _ of loadCorpus(folder.root, {store})) {
					// The first run stores them all.
				}
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
				// The scan's batch, every file listed (b and d as stored), then the two read again.
				expect(batches.map((batch) => [batch.loaded, batch.done])).toEqual([
					[0, false],
					[5, false],
					[5, true],
				]);
				expect(batches[1]!.refreshing).toEqual(['b.txt', 'd.txt']);
				expect(listed(states[1]!)).toEqual([
					'a.txt Alpha headline',
					'b.txt Beta headline',
					'c.txt Gamma headline',
					'd.txt Delta headline',
					'e.txt Epsilon headline',
				]);
				expect([...states[1]!.refreshing]).toEqual(['b.txt', 'd.txt']);
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
				expect(refreshedBetween(states[0]!, states[1]!)).toEqual([]);
				expect(refreshedBetween(states[1]!, state)).toEqual([
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

		it('is read in its place without refreshLater, so nothing listed is stale', async () => {
			const folder = await makeTempFolder();
			try {
				const path = await folder.write('a.txt', 'Alpha headline\n\nThe first story.');
				await utimes(path, at(3), at(3));
				const store = new MemoryStore();
				for await (const _ of loadCorpus(folder.root, {store})) {
					// Stored.
				}
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
