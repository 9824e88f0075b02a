/**
 * "Did you mean" for a document reference that matches nothing: the closest title or file name,
 * by fuse.js (Bitap), which suits a few hundred short strings. Loaded only on that error path
 * (a dynamic import), so neither start-up nor a command that finds its document pays for it.
 */
import Fuse from 'fuse.js';
import type {Document} from '../types.js';
import {sanitiseLine} from '../text/sanitise.js';
import {truncateToWidth} from '../text/width.js';

/** How loosely a reference may match (fuse's 0 exact … 1 anything): one or two typos in a
 * name, not a different word. */
const THRESHOLD = 0.3;
/** Cells of the suggested title shown, cut at a word. */
const TITLE_CELLS = 26;
/** Ids this short are suggested whole. */
const SHORT_ID = 12;

export interface Suggestion {
	readonly document: Document;
	/** What to type for it: a short id whole, else the shortest prefix of it (at least 3
	 * characters) that names it alone. */
	readonly reference: string;
}

/** The document `reference` most likely meant, if any is close enough. */
export function suggestDocument(
	reference: string,
	documents: readonly Document[],
): Suggestion | undefined {
	const query = reference.trim();
	if (query === '' || documents.length === 0) return undefined;
	const fuse = new Fuse(documents, {
		keys: ['title', 'fileName'],
		threshold: THRESHOLD,
		// A name can be anywhere in a title.
		ignoreLocation: true,
		includeScore: true,
	});
	const [best] = fuse.search(query, {limit: 1});
	if (best === undefined) return undefined;
	return {document: best.item, reference: shortestReference(best.item, documents)};
}

function shortestReference(document: Document, documents: readonly Document[]): string {
	const {id} = document;
	if (id.length <= SHORT_ID) return id;
	for (let length = Math.min(3, id.length); length < id.length; length++) {
		const prefix = id.slice(0, length);
		if (documents.every((other) => other === document || !other.id.startsWith(prefix))) {
			return prefix;
		}
	}
	return id;
}

/** `no document "kadimi"; did you mean 003 “Kadhimi in Iran: Feverish…”?` — one safe line. */
export function didYouMean(reference: string, suggestion: Suggestion): string {
	const title = sanitiseLine(suggestion.document.title);
	let shown = title;
	if (title.length > TITLE_CELLS) {
		const cut = truncateToWidth(title, TITLE_CELLS).slice(0, -1);
		// Whole words: a word the cut ran into goes too.
		const whole = /\s/u.test(title.charAt(cut.length)) ? cut : cut.slice(0, cut.lastIndexOf(' '));
		shown = (whole === '' ? cut : whole).replace(/[\s,;:.–—-]+$/u, '') + '…';
	}
	return `no document "${sanitiseLine(reference)}"; did you mean ${sanitiseLine(suggestion.reference)} “${shown}”?`;
}
