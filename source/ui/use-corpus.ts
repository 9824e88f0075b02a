import {useEffect, useState} from 'react';
import {loadCorpus} from '../core/corpus/load.js';
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
 * Without a folder (the diff command opened two files directly) there is nothing to load.
 */
export function useCorpus(folder: string | undefined): CorpusState {
	const [state, setState] = useState<CorpusState>(folder === undefined ? {...empty, done: true} : empty);
	useEffect(() => {
		if (folder === undefined) return;
		const controller = new AbortController();
		void (async () => {
			try {
				for await (const batch of loadCorpus(folder, {signal: controller.signal})) {
					if (controller.signal.aborted) return;
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
				if (controller.signal.aborted) return;
				const message = error instanceof Error ? error.message : String(error);
				setState((previous) => ({...previous, done: true, error: message}));
			}
		})();
		return () => controller.abort();
	}, [folder]);
	return state;
}
