import type {Document, SkippedFile} from '../types.js';
import type {CorpusBatch} from './load.js';

/** A library as far as it has loaded. */
export interface CorpusState {
	readonly documents: readonly Document[];
	readonly skipped: readonly SkippedFile[];
	readonly loaded: number;
	readonly total: number | undefined;
	readonly done: boolean;
	readonly error: string | undefined;
}

export const emptyCorpus: CorpusState = {
	documents: [],
	skipped: [],
	loaded: 0,
	total: undefined,
	done: false,
	error: undefined,
};

/** The state after `batch` (or several batches' documents gathered into one). */
export function withBatch(state: CorpusState, batch: CorpusBatch): CorpusState {
	return {
		documents:
			batch.documents.length > 0 ? [...state.documents, ...batch.documents] : state.documents,
		skipped: batch.skipped.length > 0 ? [...state.skipped, ...batch.skipped] : state.skipped,
		loaded: batch.loaded,
		total: batch.total,
		done: batch.done,
		error: undefined,
	};
}

export function withError(state: CorpusState, error: unknown): CorpusState {
	return {...state, done: true, error: error instanceof Error ? error.message : String(error)};
}
