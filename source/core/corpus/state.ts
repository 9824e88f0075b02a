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
	/** Ids of documents listed as stored while their changed files are read again. */
	readonly refreshing: ReadonlySet<string>;
}

export const emptyCorpus: CorpusState = {
	documents: [],
	skipped: [],
	loaded: 0,
	total: undefined,
	done: false,
	error: undefined,
	refreshing: new Set(),
};

/** The state after `batch` (or several batches' documents gathered into one, in order). */
export function withBatch(state: CorpusState, batch: CorpusBatch): CorpusState {
	let documents =
		batch.documents.length > 0 ? [...state.documents, ...batch.documents] : state.documents;
	let refreshing = state.refreshing;
	const refreshed = batch.refreshed ?? [];
	if ((batch.refreshing?.length ?? 0) > 0 || refreshed.length > 0) {
		const waiting = new Set([...refreshing, ...(batch.refreshing ?? [])]);
		// Read again: each takes its stored document's place; one that can no longer be read
		// (now in `skipped`) leaves the list.
		const replacing = new Map(refreshed.map((document) => [document.id, document]));
		const gone = new Set(
			batch.skipped.filter((file) => waiting.has(file.id)).map((file) => file.id),
		);
		if (replacing.size > 0 || gone.size > 0) {
			documents = documents
				.filter((document) => !gone.has(document.id))
				.map((document) => replacing.get(document.id) ?? document);
		}
		for (const id of [...replacing.keys(), ...gone]) waiting.delete(id);
		refreshing = waiting;
	}
	return {
		documents,
		skipped: batch.skipped.length > 0 ? [...state.skipped, ...batch.skipped] : state.skipped,
		loaded: batch.loaded,
		total: batch.total,
		done: batch.done,
		error: undefined,
		refreshing,
	};
}

export function withError(state: CorpusState, error: unknown): CorpusState {
	return {...state, done: true, error: error instanceof Error ? error.message : String(error)};
}
