import {SearchIndex, type SearchIndexState, type SearchResults} from '../search/index.js';
import {decodeSnapshotFrom, type SnapshotSource} from '../search/snapshot.js';
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
	const narrowing = narrowingOf(store.narrow(query, options.mostCandidates), documents.length);
	if (narrowing === undefined) return undefined;
	const {candidates} = narrowing;
	if (options.mostCandidates !== undefined && candidates.size > options.mostCandidates) {
		return undefined;
	}
	const indexed = documents.filter((document) => candidates.has(document.id));
	return searchCandidates(store, narrowing, indexed, query, options);
}

export interface CommonQueryOptions extends StoreSearchOptions {
	/** From how many candidates a query is common: answered by the kept index when there is
	 * one that fits, rather than by indexing its candidates. */
	readonly keptIndexFrom: number;
	readonly keptIndex: KeptIndex;
}

/**
 * The search index the library kept for the folder (see CorpusStore.openSearchSnapshot), read
 * at most once for a command and taken up at most once. The answer worked out while find lists
 * the folder reads it; when the listing shows the folder changed, the answer from the folder as
 * loaded takes up what was read (at 100,000 documents reading it took about half a second, and
 * taking it up around the old documents, as well, was work thrown away). Its file stays open
 * for the word sequences the results' snippets read; the store closes it with itself.
 */
export class KeptIndex {
	private reading: Promise<KeptIndexRead | undefined> | undefined;

	constructor(private readonly store: CorpusStore) {}

	/** Its state, read the first time; undefined when there is none, it cannot be used (damaged,
	 * of another format), or it was taken up or let go. */
	async read(): Promise<SearchIndexState | undefined> {
		return (await this.opened())?.state;
	}

	/**
	 * Takes it up around `documents` (the folder's, in order) and fills the places it lacks
	 * (documents changed, added or renamed since it was kept, at most `mostToFill`): it then
	 * answers exactly as an index of every one of them (see SearchIndex.restore). Undefined
	 * when it cannot be read or does not fit, more places are to be filled, or it was taken.
	 */
	async takeUp(
		documents: readonly Document[],
		mostToFill: number,
	): Promise<SearchIndex | undefined> {
		const read = await this.opened();
		if (read === undefined) return undefined;
		// Restored, its arrays are the index's, which writes into them: never restored twice.
		this.reading = Promise.resolve(undefined);
		const index = SearchIndex.restore(read.state, documents);
		const places = index?.placesToFill();
		if (index === undefined || places === undefined || places.length > mostToFill) {
			read.source.close();
			return undefined;
		}
		index.add(places.map((place) => documents[place]!));
		return index;
	}

	/** Lets go of what was read, if anything (its file closed): not to be taken up. */
	letGo(): void {
		const {reading} = this;
		this.reading = Promise.resolve(undefined);
		void reading?.then((read) => read?.source.close());
	}

	private opened(): Promise<KeptIndexRead | undefined> {
		this.reading ??= this.readOnce();
		return this.reading;
	}

	private async readOnce(): Promise<KeptIndexRead | undefined> {
		const source = await this.store.openSearchSnapshot();
		if (source === undefined) return undefined;
		try {
			const decoded = await decodeSnapshotFrom(source);
			if (!('problem' in decoded)) return {state: decoded.state, source};
		} catch {
			// Unreadable: as damaged, the candidates are indexed instead.
		}
		source.close();
		return undefined;
	}
}

/** A kept index read: its state, and its file, which its word sequences are read from. */
interface KeptIndexRead {
	readonly state: SearchIndexState;
	readonly source: SnapshotSource;
}

/**
 * searchThroughStore for a folder the store holds as it is (see CorpusStore.unchangedFolder):
 * only the candidates' metadata is read, put in the scan's order. But a query the store cannot
 * narrow, or whose candidates are more than `keptIndexFrom`, is answered by the kept index when
 * there is one that fits (see KeptIndex.takeUp), else by its candidates however many; the
 * narrowing is worked out once.
 * Such a common query is answered only once the listing shows the folder unchanged
 * (`stillUnchanged`): undefined otherwise, the kept index left, as read, for searchLoadedFolder.
 */
export async function searchUnchangedFolderOrKept(
	store: CorpusStore,
	folder: UnchangedFolder,
	query: string,
	options: CommonQueryOptions & {
		/** Whether the folder is still as the store holds it, once listed: the kept index is
		 * taken up only then, else left for searchLoadedFolder. */
		readonly stillUnchanged: () => Promise<boolean>;
	},
): Promise<SearchResults | undefined> {
	const narrowing = narrowingOf(folder.narrow(query), folder.documents);
	return searchNarrowedOrKept(store, narrowing, query, options, {
		...unchangedDocuments(folder),
		stillUnchanged: options.stillUnchanged,
	});
}

/**
 * The same for a folder loaded through the store (`documents`, in the folder's order), which
 * found it changed: a common query takes up the kept index around the changed files, as the
 * library does, indexing again only those (at 100,000 documents, `search the` after one file
 * changed indexed every candidate: 24 s). Undefined when the store cannot narrow the query
 * and no kept index fits (then every document is to be indexed).
 */
export async function searchLoadedFolder(
	store: CorpusStore,
	documents: readonly Document[],
	query: string,
	options: CommonQueryOptions,
): Promise<SearchResults | undefined> {
	const narrowing = narrowingOf(store.narrow(query), documents.length);
	return searchNarrowedOrKept(store, narrowing, query, options, {
		candidates: ({candidates}) => documents.filter((document) => candidates.has(document.id)),
		all: () => documents,
	});
}

/** The folder's documents as a search needs them, in the folder's order; undefined when the
 * store does not hold each of them. */
interface FolderDocuments {
	candidates(narrowing: Narrowing): readonly Document[] | undefined;
	all(): readonly Document[] | undefined;
	/** Whether these are still the folder's (asked before a common query is answered). */
	stillUnchanged?(): Promise<boolean>;
}

/** The documents of a folder the store holds as it is: only the candidates' metadata is read
 * when only they are wanted, put in the scan's order (by id, as core/corpus/scan.ts sorts),
 * which is where ties rank. */
function unchangedDocuments(folder: UnchangedFolder): FolderDocuments {
	const held = (documents: readonly Document[], count: number) =>
		documents.length === count ? documents : undefined;
	return {
		candidates: ({candidates}) => held(sortById(folder.stored(candidates)), candidates.size),
		all: () => held(sortById(folder.stored()), folder.documents),
	};
}

async function searchNarrowedOrKept(
	store: CorpusStore,
	narrowing: Narrowing | undefined,
	query: string,
	options: CommonQueryOptions,
	folder: FolderDocuments,
): Promise<SearchResults | undefined> {
	const common = narrowing === undefined || narrowing.candidates.size > options.keptIndexFrom;
	if (!common) {
		const candidates = folder.candidates(narrowing);
		if (candidates !== undefined) {
			// Read while find listed a folder that changed: not wanted now.
			options.keptIndex.letGo();
			return searchCandidates(store, narrowing, candidates, query, options);
		}
	}
	// Read meanwhile; but a common query takes seconds to answer, and only for the folder as it is.
	const kept = await options.keptIndex.read();
	if (folder.stillUnchanged !== undefined && !(await folder.stillUnchanged())) return undefined;
	// Filling more places than there are candidates would take longer than indexing these.
	const mostToFill = narrowing?.candidates.size ?? Number.POSITIVE_INFINITY;
	const found =
		kept === undefined
			? undefined
			: await searchKeptIndex(options.keptIndex, folder, query, mostToFill, options);
	if (found !== undefined || !common || narrowing === undefined) return found;
	const candidates = folder.candidates(narrowing);
	return candidates && searchCandidates(store, narrowing, candidates, query, options);
}

/** `narrowing` when its figures are of a folder of `documents` documents (a store that missed
 * some would mis-rank). */
function narrowingOf(narrowing: Narrowing | undefined, documents: number): Narrowing | undefined {
	return narrowing?.folder.documents === documents ? narrowing : undefined;
}

/** `query` answered by the kept index taken up around the folder's documents (see
 * KeptIndex.takeUp): for a query too common to narrow, whose candidates would take longer to
 * index than the kept index takes to be taken up. */
async function searchKeptIndex(
	keptIndex: KeptIndex,
	folder: FolderDocuments,
	query: string,
	mostToFill: number,
	options: StoreSearchOptions,
): Promise<SearchResults | undefined> {
	const documents = folder.all();
	const index = documents && (await keptIndex.takeUp(documents, mostToFill));
	return index?.search(query, options.limit === undefined ? {} : {limit: options.limit});
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
