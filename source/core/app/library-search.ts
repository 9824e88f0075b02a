import type {CorpusState} from '../corpus/state.js';
import {listedWhole} from '../corpus/state.js';
import type {SearchIndex, SearchResults} from '../search/index.js';
import type {rememberingStoreSearch} from '../store/narrowed-search.js';
import type {CorpusStore} from '../store/types.js';
import type {LibrarySearch} from './state.js';

/** A search with a memory of its last answer: the step and the frame ask the same question
 * several times per key. */
function searchOnce(
	ask: (query: string) => LibrarySearch | undefined,
): (query: string) => LibrarySearch | undefined {
	let last: {query: string; answer: LibrarySearch | undefined} | undefined;
	return (query) => {
		if (last?.query !== query) last = {query, answer: ask(query)};
		return last.answer;
	};
}

/** `results` as the library's answer, saying whether it is the whole folder's. Its results are
 * still made only when asked for (a spread would make the first page at once). */
function answered(results: SearchResults, complete: boolean): LibrarySearch {
	return {
		total: results.total,
		get results() {
			return results.results;
		},
		slice: (from, to) => results.slice(from, to),
		at: (rank) => results.at(rank),
		complete,
	};
}

/**
 * The library's search: the in-memory index once it holds every document; until then, when the
 * folder came through the store, the store's narrowed search (the same answers, ranked the same),
 * for queries rare enough to narrow; else what the index holds so far.
 */
export function librarySearch(
	index: SearchIndex,
	indexed: number,
	corpus: Pick<CorpusState, 'documents' | 'done' | 'loaded' | 'total'>,
	store: CorpusStore | undefined,
	storeSearch: ReturnType<typeof rememberingStoreSearch>,
): (query: string) => LibrarySearch | undefined {
	// Complete once the index holds every document of a folder listed whole: loaded, or listed
	// as stored while its files are compared with the store (a kept index taken up around them
	// answers for them then, as the store does).
	const complete =
		listedWhole(corpus) && indexed >= corpus.documents.length && (corpus.done || indexed > 0);
	const partial = (query: string): LibrarySearch | undefined =>
		indexed > 0 ? answered(index.search(query), complete) : undefined;
	// The store answers once every file is listed, while changed ones are still read again.
	if (complete || store === undefined || !listedWhole(corpus)) {
		return indexed > 0 ? searchOnce(partial) : () => undefined;
	}
	return searchOnce((query) => {
		const narrowed = storeSearch(store, corpus.documents, query);
		// The store's answer is the whole folder's.
		return narrowed ? answered(narrowed, true) : partial(query);
	});
}
