import type {Document, SkippedFile} from '../types.js';
import type {CorpusBatch} from './load.js';
import type {FolderChange} from './live.js';

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
	/** Documents listed as stored whose files are still to be compared with the store. */
	readonly unchecked: number;
	/** Ids of the documents listed as stored whose files have been read again (or found to be
	 * no longer documents), in order: only ever added to, so a screen that did not draw every
	 * state still learns of each (see refreshedBetween). */
	readonly readAgain: readonly string[];
}

export const emptyCorpus: CorpusState = {
	documents: [],
	skipped: [],
	loaded: 0,
	total: undefined,
	done: false,
	error: undefined,
	refreshing: new Set(),
	unchecked: 0,
	readAgain: [],
};

/** Whether every file is listed: loaded, or listed as stored while it is compared with the
 * store or read again (the store can then answer a search of the whole folder). */
export function listedWhole(state: Pick<CorpusState, 'done' | 'loaded' | 'total'>): boolean {
	return state.done || (state.total !== undefined && state.loaded >= state.total);
}

/** The state after `batch` (or several batches' documents gathered into one, in order). */
export function withBatch(state: CorpusState, batch: CorpusBatch): CorpusState {
	let documents =
		batch.documents.length > 0 ? [...state.documents, ...batch.documents] : state.documents;
	let refreshing = state.refreshing;
	let readAgain = state.readAgain;
	const refreshed = batch.refreshed ?? [];
	const removed = batch.removed ?? [];
	// A batch may only say that a file read again is no longer a document (skipped).
	const skippedWhileRefreshing = refreshing.size > 0 && batch.skipped.length > 0;
	if (
		(batch.refreshing?.length ?? 0) > 0 ||
		refreshed.length > 0 ||
		removed.length > 0 ||
		skippedWhileRefreshing
	) {
		const waiting = new Set([...refreshing, ...(batch.refreshing ?? [])]);
		// Read again: each takes its stored document's place; one that can no longer be read
		// (now in `skipped`), or is gone (`removed`), leaves the list.
		const replacing = new Map(refreshed.map((document) => [document.id, document]));
		const gone = new Set([
			...batch.skipped.filter((file) => waiting.has(file.id)).map((file) => file.id),
			...removed.filter((id) => waiting.has(id)),
		]);
		if (replacing.size > 0 || gone.size > 0) {
			documents = documents
				.filter((document) => !gone.has(document.id))
				.map((document) => replacing.get(document.id) ?? document);
		}
		const finished = [...replacing.keys(), ...gone].filter((id) => waiting.delete(id));
		if (finished.length > 0) readAgain = [...readAgain, ...finished];
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
		unchecked: batch.unchecked ?? 0,
		readAgain,
	};
}

/**
 * What the refresh between two states did to the documents that were listed as stored: each
 * read again (its new version) or gone (no longer a document), as the live folder's changes say
 * it, so an article open meanwhile is told its file changed (see core/app's folderChanged).
 */
export function refreshedBetween(before: CorpusState, after: CorpusState): FolderChange[] {
	const changes: FolderChange[] = [];
	// Added to only: what is past `before`'s were read again since, whether or not a state
	// between them, with those files marked, was ever drawn.
	const done = after.readAgain.slice(before.readAgain.length);
	if (done.length === 0) return changes;
	const byId = new Map(after.documents.map((document) => [document.id, document]));
	for (const id of done) {
		const document = byId.get(id);
		if (document) {
			changes.push({kind: 'read', document});
			continue;
		}
		// No longer an article (binary now, say): skipped, and said as such, not as removed.
		const skipped = after.skipped.find((file) => file.id === id);
		changes.push(skipped ? {kind: 'removed', id, skipped} : {kind: 'removed', id});
	}
	return changes;
}

export function withError(state: CorpusState, error: unknown): CorpusState {
	return {
		...state,
		done: true,
		error: error instanceof Error ? error.message : String(error),
		// No file is compared after an error: the status bar would say so for good.
		unchecked: 0,
	};
}
