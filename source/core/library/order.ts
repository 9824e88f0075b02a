import type {Document} from '../types.js';
import {isUnread, type ReadState} from './read-state.js';
import {sortDocuments, type SortFacts, type SortOrder} from './sort.js';

/** What the library's order and filter read about the documents, beyond their text. */
export interface LibraryFacts extends SortFacts {
	readonly readStateOf: (document: Document) => ReadState;
}

interface Listing {
	readonly documents: readonly Document[];
	readonly sort: SortOrder;
	readonly unreadOnly: boolean;
	readonly facts: LibraryFacts | undefined;
	readonly shown: readonly Document[];
}

/** The last listing made: the step and the frame ask for it several times per key, and a new
 * one is made only when the documents, the order, the filter or the facts change. */
let last: Listing | undefined;

/**
 * The documents as the library lists them: in `sort` order (versions together), only the
 * unread ones when `unreadOnly`. Without facts (the remembered places and versions not known
 * yet) the folder's own order, which is by file name.
 */
export function shownDocuments(
	documents: readonly Document[],
	sort: SortOrder,
	unreadOnly: boolean,
	facts: LibraryFacts | undefined,
): readonly Document[] {
	if (
		last?.documents === documents &&
		last.sort === sort &&
		last.unreadOnly === unreadOnly &&
		last.facts === facts
	)
		return last.shown;
	let shown: readonly Document[] = documents;
	if (facts) {
		if (sort !== 'name') shown = sortDocuments(shown, sort, facts);
		if (unreadOnly) shown = shown.filter((document) => isUnread(facts.readStateOf(document)));
	}
	last = {documents, sort, unreadOnly, facts, shown};
	return shown;
}
