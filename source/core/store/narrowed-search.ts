import {SearchIndex, type SearchResults} from '../search/index.js';
import type {Document} from '../types.js';
import type {CorpusStore} from './types.js';

export interface StoreSearchOptions {
	/** How many results `results` holds (see SearchIndex.search). */
	readonly limit?: number;
	/** Gives up (undefined) when more documents than this would have to be indexed: a query
	 * that common is better answered by an index of every document, if there is one. */
	readonly mostCandidates?: number;
}

/**
 * Searches `documents` (the folder's, as loaded through `store`) by indexing only the
 * candidates the store's term index gives for `query`, ranked with the folder's figures: the
 * same results, order and scores as a SearchIndex of every document (see
 * core/search/narrowing.ts). Undefined when the store cannot narrow, or its figures are not of
 * these documents.
 */
export function searchThroughStore(
	store: CorpusStore,
	documents: readonly Document[],
	query: string,
	options: StoreSearchOptions = {},
): SearchResults | undefined {
	const narrowing = store.narrow(query, options.mostCandidates);
	// The figures must be of these very documents (a store that missed some would mis-rank).
	if (narrowing === undefined || narrowing.folder.documents !== documents.length) return undefined;
	const {candidates, folder} = narrowing;
	if (options.mostCandidates !== undefined && candidates.size > options.mostCandidates) {
		return undefined;
	}
	const index = new SearchIndex({folder});
	index.add(documents.filter((document) => candidates.has(document.id)));
	return index.search(query, options.limit === undefined ? {} : {limit: options.limit});
}
