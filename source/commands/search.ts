import type {Document, Range, Segment} from '../core/types.js';
import {
	SearchIndex,
	highlightSegments,
	snippetFor,
	type SearchResults,
} from '../core/search/index.js';
import {sanitiseLine} from '../core/text/sanitise.js';
import {cellWidth, truncateToWidth} from '../core/text/width.js';

export interface SearchCommandOptions {
	readonly query: string;
	readonly documents: readonly Document[];
	/** The answer, when it was found already (see core/store/narrowed-search.ts); else
	 * `documents` are indexed and searched. */
	readonly found?: SearchResults | undefined;
	readonly limit: number;
	readonly json: boolean;
	/** Terminal width in cells; each result line fits it when it leaves room for a short title
	 * and passage beside the file name. Undefined (piped without --width): titles are whole and
	 * passages SNIPPET_WHEN_PIPED cells, lines as long as that makes them. */
	readonly width?: number | undefined;
	readonly colour: boolean;
	readonly write: (text: string) => void;
}

const MATCH_ON = '\x1b[1;33m';
const MATCH_OFF = '\x1b[22;39m';
const DIM_ON = '\x1b[2m';
const DIM_OFF = '\x1b[22m';
const SEPARATOR = ' — ';
/** Narrowest title and snippet worth showing; below them a line may run past the width. */
const MIN_TITLE = 12;
const MIN_SNIPPET = 20;
/** Most of a line a title may take, so the passage keeps room. */
const TITLE_SHARE = 0.45;
/** A passage's length when no width is given: about a sentence of context. */
const SNIPPET_WHEN_PIPED = 100;

function render(segments: readonly Segment[], colour: boolean): string {
	if (!colour) return segments.map((segment) => segment.text).join('');
	return segments
		.map((segment) =>
			segment.role === 'match' ? MATCH_ON + segment.text + MATCH_OFF : segment.text,
		)
		.join('');
}

/** The title cut to `width` cells, its highlights kept on the part still shown. */
function fittedTitle(title: string, ranges: readonly Range[], width: number): Segment[] {
	const shown = truncateToWidth(title, width);
	if (shown === title) return highlightSegments(title, ranges);
	const kept = shown.length - 1; // truncateToWidth appends one '…'
	const segments = highlightSegments(title.slice(0, kept), ranges);
	return [...segments, {text: shown.slice(kept)}];
}

function indexOf(documents: readonly Document[]): SearchIndex {
	const index = new SearchIndex();
	index.add(documents);
	return index;
}

/**
 * `reading-room search <query>`: the ranked matches, one line each: title, file and the matching
 * passage (matched words in bold yellow with colour). With json, one object with the query and
 * the results. Exit code 0 when something matched, 1 when nothing did.
 */
export async function searchCommand(options: SearchCommandOptions): Promise<number> {
	const {query, documents, json, colour, write} = options;
	const width = options.width === undefined ? undefined : Math.max(1, Math.floor(options.width));
	const limit = Math.max(0, options.limit);
	const found = options.found ?? indexOf(documents).search(query, {limit});
	const {results, total} = found;

	if (json) {
		const entries = results.map((result) => ({
			id: result.document.id,
			title: result.document.title,
			score: result.score,
			snippet: snippetFor(result, width ?? SNIPPET_WHEN_PIPED).text,
		}));
		// The query as given is an argument echoed: JSON escapes C0 controls but not an 8-bit
		// CSI or a right-to-left override, so it is shown as messages show arguments.
		const shown = sanitiseLine(query);
		write(JSON.stringify({query: shown, total, results: entries}, null, 2) + '\n');
		return results.length > 0 ? 0 : 1;
	}

	for (const result of results) {
		const {document} = result;
		const file = ` (${document.id})`;
		let title: Segment[];
		let snippetWidth: number;
		if (width === undefined) {
			title = highlightSegments(document.title, result.titleRanges);
			snippetWidth = SNIPPET_WHEN_PIPED;
		} else {
			const room = width - cellWidth(file) - cellWidth(SEPARATOR);
			const titleWidth = Math.max(MIN_TITLE, Math.floor(room * TITLE_SHARE));
			title = fittedTitle(document.title, result.titleRanges, titleWidth);
			const titleUsed = cellWidth(title.map((segment) => segment.text).join(''));
			snippetWidth = Math.max(MIN_SNIPPET, room - titleUsed);
		}
		const snippet = snippetFor(result, snippetWidth);
		const line =
			render(title, colour) +
			(colour ? DIM_ON + file + DIM_OFF : file) +
			SEPARATOR +
			render(highlightSegments(snippet.text, snippet.ranges), colour);
		write(line + '\n');
	}
	return results.length > 0 ? 0 : 1;
}
