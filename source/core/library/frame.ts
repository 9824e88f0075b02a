import type {Document, Segment, SkippedFile, StyledLine} from '../types.js';
import type {SearchResult, SearchResults, Snippet} from '../search/index.js';
import {cellWidth, padToWidth, truncateToWidth} from '../text/width.js';
import {countOf, formatCount} from '../text/numbers.js';
import {searchPrompt, type LibraryState, type LibraryView} from './state.js';
import {promptLine, PROMPT_HINTS} from '../prompt.js';
import {highlight, libraryRow, rowLayout} from './row.js';
import {describeSkipped} from './describe.js';
import {statusLine} from '../status-line.js';
import type {ReadState} from './read-state.js';
import {SORT_LABELS} from './sort.js';

/** Everything the library screen shows; the screen (or the first paint) only draws lines. */
export interface LibraryFrameInput {
	readonly folderLabel: string;
	/** The documents listed, in the library's order (and only the unread ones, when so
	 * filtered): see core/library/order. */
	readonly documents: readonly Document[];
	/** How many documents the folder has, when the list shows fewer (unread only). */
	readonly allDocuments?: number;
	/** How far each was read; absent until the remembered places are read. */
	readonly readStateOf?: ((document: Document) => ReadState) | undefined;
	/** Rows keep the read column (blank until readStateOf comes): places are remembered, so
	 * the titles do not shift right when they have been read. Default: when readStateOf is. */
	readonly readColumn?: boolean;
	/** What the search found while a search is open with a query; undefined otherwise. Only
	 * the rows on screen are taken from it (SearchResults.slice). `complete`: it is the whole
	 * folder's answer, though the index is still being built (the store's answer). */
	readonly results: (SearchResults & {readonly complete?: boolean}) | undefined;
	readonly state: LibraryState;
	readonly width: number;
	/** Lines available (the terminal's rows less one). */
	readonly height: number;
	readonly loading: {
		readonly loaded: number;
		readonly total: number | undefined;
		readonly done: boolean;
		readonly error?: string | undefined;
		/** Documents listed as stored whose files are still to be compared with the store (see
		 * core/corpus/load's refreshLater): counted in the status bar as "checking N". */
		readonly unchecked?: number;
	};
	readonly skipped: readonly SkippedFile[];
	/** Ids of documents listed as stored while their changed files are read again (see
	 * core/corpus/load's refreshLater): marked in their rows and counted in the status bar. */
	readonly refreshing?: ReadonlySet<string> | undefined;
	readonly versionsOf: (id: string) => number;
	/** Documents in the search index so far. */
	readonly indexed: number;
	/** A one-off message that replaces the status text. */
	readonly notice?: string | undefined;
	/** Cuts a result's snippet to a width (core/search's snippetFor). Passed in so the first
	 * paint, which never shows results, does not load the search code. */
	readonly snippet?: (result: SearchResult, width: number) => Snippet;
}

/** Lines taken by the header and status bar (and the search line when open). */
function listLines(input: LibraryFrameInput): number {
	const searching = input.state.filter !== 'unfiltered';
	return Math.max(1, input.height - 2 - (searching ? 1 : 0));
}

/** How long the shown list is and how many items fit: what the reducer needs. */
export function libraryView(input: LibraryFrameInput): LibraryView {
	const count = input.results ? input.results.total : input.documents.length;
	const perItem = input.results ? 2 : 1;
	return {count, visible: Math.max(1, Math.floor(listLines(input) / perItem))};
}

/** The item under the cursor, if any. */
export function selectedItem(
	input: LibraryFrameInput,
): {document: Document; result?: SearchResult} | undefined {
	const index = input.state.selected;
	if (input.results) {
		const result = input.results.at(index);
		return result && {document: result.document, result};
	}
	const document = input.documents[index];
	return document && {document};
}

/** The whole screen as exactly `height` lines. */
export function libraryFrame(input: LibraryFrameInput): StyledLine[] {
	const {state, width, results} = input;
	const view = libraryView(input);
	const room = listLines(input);
	const top = Math.max(0, Math.min(state.top, view.count - view.visible));
	const lines: StyledLine[] = [[{text: padToWidth(headerText(input), width), role: 'title'}]];

	const end = Math.min(view.count, top + view.visible);
	const page = results?.slice(top, end);
	const shown = page ? page.map((result) => result.document) : input.documents.slice(top, end);
	// How far each was read is shown while browsing; results keep their room for the snippets.
	const layout = rowLayout(
		width,
		shown,
		input.versionsOf,
		!page && (input.readColumn ?? input.readStateOf !== undefined),
	);
	for (let index = top; index < end; index++) {
		const result = page?.[index - top];
		const document = result ? result.document : input.documents[index]!;
		const selected = index === state.selected;
		const row = libraryRow(document, {
			width,
			layout,
			selected,
			marked: state.marked.includes(document.id),
			versions: input.versionsOf(document.id),
			readState: input.readStateOf?.(document),
			refreshing: input.refreshing?.has(document.id) === true,
			...(result ? {titleRanges: result.titleRanges} : {}),
		});
		lines.push(selected ? row.map(asSelected) : row);
		if (result && input.snippet) {
			const snippet = input.snippet(result, Math.max(1, width - 4));
			lines.push([{text: '    '}, ...highlight(snippet.text, snippet.ranges, 'dim')]);
		}
	}
	const empty = emptyMessage(input, view.count);
	if (empty) lines.push([{text: truncateToWidth(empty, width), role: 'dim'}]);
	while (lines.length < 1 + room) lines.push([]);

	if (state.filter !== 'unfiltered') lines.push(searchLine(state, width));
	lines.push(statusBar(input, view.count, width));
	return lines;
}

/** The header: the folder, then the order when it is not by file name, and the filter. A
 * narrow header cuts the folder's name last of all: the order is cut first. */
function headerText(input: LibraryFrameInput): string {
	const parts = [`Reading Room · ${input.folderLabel}`];
	const {sort, unreadOnly} = input.state;
	if (sort !== 'name') parts.push(SORT_LABELS[sort]);
	if (unreadOnly) parts.push('unread only');
	return truncateToWidth(parts.join(' · '), input.width);
}

/** The cursor's row is drawn in reverse video; its search matches stay marked within it. */
function asSelected(segment: Segment): Segment {
	return {text: segment.text, role: segment.role === 'match' ? 'selected-match' : 'selected'};
}

function searchLine(state: LibraryState, width: number): StyledLine {
	if (state.filter === 'filtering') return promptLine(searchPrompt(state), width);
	// Show the end of a long query: that is where the typing happened.
	let shown = state.query;
	while (shown !== '' && cellWidth(shown) + 1 > width) shown = [...shown].slice(1).join('');
	return [{text: padToWidth(`/${shown}`, width)}];
}

/** The folder's documents, all of them: the index's, whatever the list shows (the unread
 * ones). */
function folderDocuments(input: LibraryFrameInput): number {
	return input.allDocuments ?? input.documents.length;
}

/** Whether the answer shown may still grow: the index is being built, and the answer is not
 * one that covers the whole folder already. No answer is final before that. */
function stillIndexing(input: LibraryFrameInput): boolean {
	if (input.results?.complete === true) return false;
	return !input.loading.done || input.indexed < folderDocuments(input);
}

function emptyMessage(input: LibraryFrameInput, count: number): string | undefined {
	if (count > 0) return undefined;
	const {loading, state} = input;
	if (loading.error) return `Cannot read the folder: ${loading.error}`;
	if (state.filter !== 'unfiltered') {
		if (state.query.trim() === '') return 'Type to search titles and text.';
		if (stillIndexing(input))
			return `Searching… ${loadingProgress(input) ?? indexingProgress(input)}.`;
		return `No articles match “${state.query}”. Esc clears the search.`;
	}
	if (!loading.done) return 'Loading…';
	if (state.unreadOnly) return 'Nothing unread here. u shows every article.';
	return 'No articles in this folder (looking for .txt, .md and files without an extension).';
}

function statusBar(input: LibraryFrameInput, count: number, width: number): StyledLine {
	const {filter} = input.state;
	const right =
		filter === 'filtering'
			? PROMPT_HINTS
			: filter === 'applied'
				? '/ edit  Esc clear  ? help'
				: '/ search  ? help  q quit';
	// A notice comes first and the counts stay after it: one that waits for a key (the cache was
	// rebuilt, say) must not hide how many documents there are and whether they are still loading.
	const counts = statusText(input, count);
	const left = input.notice === undefined ? counts : `${input.notice} · ${counts}`;
	return [{text: statusLine(left, right, width), role: 'status'}];
}

/** How far the folder is listed, while it is not yet whole; the status bar's and the empty
 * search's. */
function loadingProgress({loading}: LibraryFrameInput): string | undefined {
	if (loading.done || loading.total === undefined || loading.loaded >= loading.total) {
		return undefined;
	}
	return `loading ${formatCount(loading.loaded)} of ${formatCount(loading.total)}`;
}

function indexingProgress(input: LibraryFrameInput): string {
	const total = input.loading.done
		? folderDocuments(input)
		: Math.max(folderDocuments(input), input.loading.total ?? 0);
	return `indexing ${formatCount(Math.min(input.indexed, total))} of ${formatCount(total)}`;
}

function statusText(input: LibraryFrameInput, count: number): string {
	const {loading, state} = input;
	const total = input.documents.length;
	const parts: string[] = [];
	const searching = state.filter !== 'unfiltered';
	if (input.results) {
		parts.push(
			stillIndexing(input)
				? `${formatCount(count)} match “${state.query}” so far`
				: `${formatCount(count)} of ${formatCount(total)} match “${state.query}”`,
		);
	} else if (state.unreadOnly && input.allDocuments !== undefined)
		parts.push(`${formatCount(total)} unread of ${countOf(input.allDocuments, 'document')}`);
	else parts.push(countOf(total, 'document'));
	if (count > 0)
		parts.push(`${formatCount(Math.min(state.selected + 1, count))}/${formatCount(count)}`);
	// Every file listed, some still being read again: "refreshing N" says so, below.
	const loadingNow = loadingProgress(input);
	if (loadingNow !== undefined) parts.push(loadingNow);
	else if (searching && input.indexed < folderDocuments(input) && input.results?.complete !== true)
		parts.push(indexingProgress(input));
	const unchecked = loading.unchecked ?? 0;
	if (unchecked > 0) parts.push(`checking ${formatCount(unchecked)}`);
	const refreshing = input.refreshing?.size ?? 0;
	if (refreshing > 0) parts.push(`refreshing ${formatCount(refreshing)}`);
	if (state.marked.length > 0) parts.push(`${formatCount(state.marked.length)} marked`);
	const skipped = describeSkipped(input.skipped);
	if (skipped) parts.push(skipped);
	return parts.join(' · ');
}
