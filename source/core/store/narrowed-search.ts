import {SearchIndex, type SearchResults} from '../search/index.js';
import {decodeSnapshotFrom} from '../search/snapshot.js';
import type {Document} from '../types.js';
import {sortById} from '../corpus/scan.js';
import type {CorpusStore, Narrowing, UnchangedFolder} from './types.js';

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
	const {candidates} = narrowing;
	if (options.mostCandidates !== undefined && candidates.size > options.mostCandidates) {
		return undefined;
	}
	const indexed = documents.filter((document) => candidates.has(document.id));
	return searchCandidates(store, narrowing, indexed, query, options);
}

/**
 * searchThroughStore for a folder the store holds as it is (see CorpusStore.unchangedFolder):
 * only the candidates' metadata is read, and they are put in the scan's order (by id, as
 * core/corpus/scan.ts sorts), which is where ties rank. Undefined when the store cannot narrow
 * the query (then every document is to be searched).
 */
export function searchUnchangedFolder(
	store: CorpusStore,
	folder: UnchangedFolder,
	query: string,
	options: StoreSearchOptions = {},
): SearchResults | undefined {
	const narrowing = narrowingOf(folder, query);
	if (narrowing === undefined) return undefined;
	if (options.mostCandidates !== undefined && narrowing.candidates.size > options.mostCandidates) {
		return undefined;
	}
	return searchNarrowed(store, folder, narrowing, query, options);
}

/**
 * searchUnchangedFolder, but a query the store cannot narrow, or whose candidates are more than
 * `keptIndexFrom`, is answered by the kept index when there is one that fits (see
 * searchKeptIndex), else by its candidates however many; the narrowing is worked out once.
 * `close` (when given) once the results are written.
 */
export async function searchUnchangedFolderOrKept(
	store: CorpusStore,
	folder: UnchangedFolder,
	query: string,
	options: StoreSearchOptions & {readonly keptIndexFrom: number},
): Promise<{readonly found: SearchResults; close?(): void} | undefined> {
	const narrowing = narrowingOf(folder, query);
	const common = narrowing === undefined || narrowing.candidates.size > options.keptIndexFrom;
	if (!common) {
		const found = searchNarrowed(store, folder, narrowing, query, options);
		if (found !== undefined) return {found};
	}
	const kept = await searchKeptIndex(store, folder, query, options);
	if (kept !== undefined) return kept;
	const found =
		common && narrowing !== undefined
			? searchNarrowed(store, folder, narrowing, query, options)
			: undefined;
	return found && {found};
}

/** The store's narrowing of `query` when its figures are of the folder's documents. */
function narrowingOf(folder: UnchangedFolder, query: string): Narrowing | undefined {
	const narrowing = folder.narrow(query);
	return narrowing?.folder.documents === folder.documents ? narrowing : undefined;
}

/** The narrowing's candidates, in the scan's order, indexed and searched; undefined when the
 * store does not hold every one of them. */
function searchNarrowed(
	store: CorpusStore,
	folder: UnchangedFolder,
	narrowing: Narrowing,
	query: string,
	options: StoreSearchOptions,
): SearchResults | undefined {
	const {candidates} = narrowing;
	const documents = sortById(folder.stored(candidates));
	if (documents.length !== candidates.size) return undefined;
	return searchCandidates(store, narrowing, documents, query, options);
}

/**
 * `query` answered by the search index the library kept for a folder the store holds as it is
 * (see CorpusStore.openSearchSnapshot): for a query too common to narrow, whose candidates
 * would take longer to index than the kept index takes to be taken up (at 100,000 documents,
 * `search the` indexed every document: 24 s). Taken up around the folder's documents in order,
 * it answers exactly as an index of every one of them (see SearchIndex.restore). Undefined when
 * there is none, it cannot be read or does not fit, or it lacks any of the documents (then the
 * candidates are indexed as before). `close` once its results are written: their snippets read
 * the word sequences it leaves in its file.
 */
async function searchKeptIndex(
	store: CorpusStore,
	folder: UnchangedFolder,
	query: string,
	options: StoreSearchOptions = {},
): Promise<{readonly found: SearchResults; close(): void} | undefined> {
	const source = await store.openSearchSnapshot();
	if (source === undefined) return undefined;
	try {
		const decoded = await decodeSnapshotFrom(source);
		if ('problem' in decoded) return close(source);
		const documents = sortById(folder.stored());
		if (documents.length !== folder.documents) return close(source);
		const index = SearchIndex.restore(decoded.state, documents);
		if (index === undefined || index.placesToFill().length > 0) return close(source);
		const found = index.search(query, options.limit === undefined ? {} : {limit: options.limit});
		return {found, close: () => source.close()};
	} catch (error) {
		source.close();
		throw error;
	}
}

function close(source: {close(): void}): undefined {
	source.close();
	return undefined;
}

/** The candidates (in the folder's order) indexed and searched with the folder's figures. */
function searchCandidates(
	store: CorpusStore,
	narrowing: Narrowing,
	candidates: readonly Document[],
	query: string,
	options: StoreSearchOptions,
): SearchResults {
	const index = new SearchIndex({folder: narrowing.folder});
	// From their kept word sequences when the store has them: no text read or tokenised.
	const kept = store.sequences?.(candidates);
	if (kept) index.addSequences(candidates, kept.sequences, kept.termOf, narrowing.terms);
	else index.add(candidates);
	return index.search(query, options.limit === undefined ? {} : {limit: options.limit});
}

/**
 * searchThroughStore, remembering its last answer: asked again for the same store, documents
 * and query, it gives that answer instead of working it out again. The library asks whenever
 * the background index moves on (every 100 ms while a query is shown), and the store's answer,
 * the whole folder's, does not change with it: worked out each time (0.5 s or more at 10,000
 * documents), it left the index little time to move on, which took ten times as long. No
 * answer is not remembered: the store may be able to answer later (its index module loaded,
 * its documents' terms written).
 */
export function rememberingStoreSearch(
	options: StoreSearchOptions = {},
): (
	store: CorpusStore,
	documents: readonly Document[],
	query: string,
) => SearchResults | undefined {
	let last:
		| {
				readonly store: CorpusStore;
				readonly documents: readonly Document[];
				readonly query: string;
				readonly answer: SearchResults;
		  }
		| undefined;
	return (store, documents, query) => {
		if (last?.store === store && last.documents === documents && last.query === query) {
			return last.answer;
		}
		const answer = searchThroughStore(store, documents, query, options);
		last = answer === undefined ? undefined : {store, documents, query, answer};
		return answer;
	};
}
