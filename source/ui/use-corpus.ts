import {useEffect, useState} from 'react';
import {loadCorpus, type CorpusBatch} from '../core/corpus/load.js';
import {emptyCorpus, withBatch, withError, type CorpusState} from '../core/corpus/state.js';
import type {Document, SkippedFile} from '../core/types.js';

export type {CorpusState} from '../core/corpus/state.js';

/** How often loading progress is shown: four times a second reads as live, and each redraw of
 * the library costs the main thread time that loading needs (10,000 files: ~0.25 s saved). */
const PUBLISH_EVERY_MS = 250;

/**
 * Loads the folder in batches so the library shows at once and fills while the rest loads.
 * `started` is a load already under way (the first paint began it): it is continued, not
 * repeated. Without a folder (the diff command opened two files directly) nothing loads.
 */
export function useCorpus(
	folder: string | undefined,
	started?: {readonly batches: AsyncGenerator<CorpusBatch>; readonly corpus: CorpusState},
): CorpusState {
	const [state, setState] = useState<CorpusState>(() => {
		if (folder === undefined) return {...emptyCorpus, done: true};
		return started?.corpus ?? emptyCorpus;
	});
	useEffect(() => {
		if (folder === undefined || state.done) return;
		const batches = started?.batches ?? loadCorpus(folder);
		let stopped = false;
		// Batches are shown together at most every PUBLISH_EVERY_MS: each redraw of the screen
		// costs the main thread a few milliseconds that loading needs.
		let documents: Document[] = [];
		let skipped: SkippedFile[] = [];
		let refreshing: string[] = [];
		let refreshed: Document[] = [];
		let removed: string[] = [];
		// The first batch is shown at once. (0 would be the process's start, the origin of
		// performance.now(): a screen mounted within PUBLISH_EVERY_MS of it held its first batch
		// back, and a second start's files being read again were never marked on a quick machine.)
		let lastPublished = Number.NEGATIVE_INFINITY;
		const publish = (batch: CorpusBatch) => {
			const gathered: CorpusBatch = {
				...batch,
				documents,
				skipped,
				refreshing,
				refreshed,
				removed,
			};
			documents = [];
			skipped = [];
			refreshing = [];
			refreshed = [];
			removed = [];
			lastPublished = performance.now();
			setState((previous) => withBatch(previous, gathered));
		};
		void (async () => {
			try {
				for await (const batch of batches) {
					if (stopped) return;
					documents.push(...batch.documents);
					skipped.push(...batch.skipped);
					refreshing.push(...(batch.refreshing ?? []));
					refreshed.push(...(batch.refreshed ?? []));
					removed.push(...(batch.removed ?? []));
					if (batch.done || performance.now() - lastPublished >= PUBLISH_EVERY_MS) publish(batch);
				}
			} catch (error) {
				if (stopped) return;
				setState((previous) => withError(previous, error));
			}
		})();
		return () => {
			stopped = true;
			void batches.return(undefined);
		};
		// Loading is keyed on the folder only; `started` is consumed once.
	}, [folder]);
	return state;
}
