import type {Document} from '../types.js';
import {compareIds} from '../corpus/scan.js';

/** The orders the library can list in; `s` cycles through them in this order. */
export const SORT_ORDERS = ['name', 'date', 'title', 'words', 'read'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** How each order is named in the header and in `list --sort`. */
export const SORT_LABELS: Record<SortOrder, string> = {
	name: 'by file name',
	date: 'newest first',
	title: 'by title',
	words: 'longest first',
	read: 'last read first',
};

export interface SortFacts {
	/** When the document was written: its dateline's date, else its file time (ms since epoch). */
	readonly dateOf: (document: Document) => number | undefined;
	/** When it was last opened (ms since epoch), undefined when never. */
	readonly lastReadOf: (document: Document) => number | undefined;
	/** The id standing for the versions group a document belongs to (itself when alone). */
	readonly groupOf: (document: Document) => string;
}

export function nextSortOrder(order: SortOrder): SortOrder {
	return SORT_ORDERS[(SORT_ORDERS.indexOf(order) + 1) % SORT_ORDERS.length]!;
}

export function isSortOrder(name: string): name is SortOrder {
	return (SORT_ORDERS as readonly string[]).includes(name);
}

let titleCollator: Intl.Collator | undefined;
/** Made on first use: the process's first Intl object loads ICU's data (~19 ms of a start). */
const collator = () =>
	(titleCollator ??= new Intl.Collator(undefined, {sensitivity: 'base', numeric: true}));

/** Compares two documents in `order`; documents with no value for it (no date, never read)
 * come after those with one; ties fall back to file name order, so the order is total. */
function comparer(order: SortOrder, facts: SortFacts): (a: Document, b: Document) => number {
	const descending = (value: (document: Document) => number | undefined) => {
		const cache = new Map<Document, number>();
		const key = (document: Document) => {
			let found = cache.get(document);
			if (found === undefined) {
				found = value(document) ?? Number.NEGATIVE_INFINITY;
				cache.set(document, found);
			}
			return found;
		};
		return (a: Document, b: Document) => key(b) - key(a) || 0;
	};
	const primary: (a: Document, b: Document) => number = {
		name: () => 0,
		date: descending(facts.dateOf),
		title: (a: Document, b: Document) => collator().compare(a.title, b.title),
		words: (a: Document, b: Document) => b.words - a.words,
		read: descending(facts.lastReadOf),
	}[order];
	return (a, b) => primary(a, b) || compareIds(a.id, b.id);
}

/**
 * The documents in `order`, versions of one article kept together: a group sits where its
 * first member in that order would, its members in the same order behind it.
 */
export function sortDocuments(
	documents: readonly Document[],
	order: SortOrder,
	facts: SortFacts,
): Document[] {
	const compare = comparer(order, facts);
	const sorted = [...documents].sort(compare);
	const groups = new Map<string, Document[]>();
	for (const document of sorted) {
		const group = facts.groupOf(document);
		const members = groups.get(group);
		if (members) members.push(document);
		else groups.set(group, [document]);
	}
	// Map keeps insertion order: each group where its first member fell.
	return [...groups.values()].flat();
}
