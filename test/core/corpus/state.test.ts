import {describe, expect, it} from 'vitest';
import {fileURLToPath} from 'node:url';
import {loadCorpus} from '../../../source/core/corpus/load.js';
import {emptyCorpus, withBatch, withError} from '../../../source/core/corpus/state.js';

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
});
