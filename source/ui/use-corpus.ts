import {useEffect, useState} from 'react';
import {loadCorpus, type CorpusBatch} from '../core/corpus/load.js';
import type {Document, SkippedFile} from '../core/types.js';

export interface CorpusState {
	readonly documents: readonly Document[];
	readonly skipped: readonly SkippedFile[];
	readonly loaded: number;
	readonly total: number | undefined;
	readonly done: boolean;
	readonly error: string | undefined;
}

/** How often loading progress is shown: four times a second reads as live, and each redraw of
 * the library costs the main thread time that loading needs (10,000 files: ~0.25 s saved). */
const PUBLISH_EVERY_MS = 250;

const empty: CorpusState = {
	documents: [],
	skipped: [],
	loaded: 0,
	total: undefined,
	done: false,
	error: undefined,
};

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
		if (folder === undefined) return {...empty, done: true};
		return started?.corpus ?? empty;
	});
	useEffect(() => {
		if (folder === undefined || state.done) return;
		const batches = started?.batches ?? loadCorpus(folder);
		let stopped = false;
		// Batches are shown together at most every PUBLISH_EVERY_MS: each redraw of the screen
		// costs the main thread a few milliseconds that loading needs.
		let documents: Document[] = [];
		let skipped: SkippedFile[] = [];
		let lastPublished = 0;
		const publish = (batch: CorpusBatch) => {
			const added = {documents, skipped};
			documents = [];
			skipped = [];
			lastPublished = performance.now();
			setState((previous) => ({
				documents:
					added.documents.length > 0
						? [...previous.documents, ...added.documents]
						: previous.documents,
				skipped:
					added.skipped.length > 0 ? [...previous.skipped, ...added.skipped] : previous.skipped,
				loaded: batch.loaded,
				total: batch.total,
				done: batch.done,
				error: undefined,
			}));
		};
		void (async () => {
			try {
				for await (const batch of batches) {
					if (stopped) return;
					documents.push(...batch.documents);
					skipped.push(...batch.skipped);
					if (batch.done || performance.now() - lastPublished >= PUBLISH_EVERY_MS) publish(batch);
				}
			} catch (error) {
				if (stopped) return;
				const message = error instanceof Error ? error.message : String(error);
				setState((previous) => ({...previous, done: true, error: message}));
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
