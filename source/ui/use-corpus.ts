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
		void (async () => {
			try {
				for await (const batch of batches) {
					if (stopped) return;
					setState((previous) => ({
						documents:
							batch.documents.length > 0
								? [...previous.documents, ...batch.documents]
								: previous.documents,
						skipped:
							batch.skipped.length > 0 ? [...previous.skipped, ...batch.skipped] : previous.skipped,
						loaded: batch.loaded,
						total: batch.total,
						done: batch.done,
						error: undefined,
					}));
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
