import type {Range} from '../types.js';
import type {Anchor, ReaderLayout} from './layout.js';
import {HEADER} from './layout.js';
import type {ReaderAction} from './keymap.js';
import type {Highlights} from './visible.js';
import type {Match} from './search.js';
import {findMatches, findQuery, findWith} from './search.js';
import {emptyPrompt, type Prompt} from '../prompt.js';

/** What the reducer needs to know about the screen: the layout for its width and how many
 * text rows it shows (without the status bar). */
export interface ReaderView {
	readonly layout: ReaderLayout;
	readonly height: number;
}

export interface ActiveSearch extends Highlights {
	/** As typed (or the library query), for the status bar. */
	readonly query: string;
	readonly matches: readonly Match[];
	/** Index into `matches` of the highlighted match, once one was jumped to. */
	readonly current: number | undefined;
}

export interface ReaderState {
	/** The passage at the top of the screen; survives resizes. */
	readonly anchor: Anchor;
	readonly search: ActiveSearch | undefined;
	/** The open search line, undefined when it is closed. */
	readonly prompt: Prompt | undefined;
	/** A one-off notice for the status bar, cleared by the next command. */
	readonly message: string | undefined;
	/** Set once the article's last line has been on screen: it counts as read. */
	readonly seenEnd?: boolean;
}

export type ReaderCommand =
	| ReaderAction
	| {readonly type: ReaderAction}
	/** The search line after an edit (core/prompt). */
	| {readonly type: 'search-edit'; readonly prompt: Prompt}
	/** Runs the search line's query; `finder` says what the library's search of it matches in
	 * a text (see ReaderStart.matched), else the query is looked for as written. */
	| {readonly type: 'search-submit'; readonly finder?: TextFinder}
	| {readonly type: 'search-cancel'}
	/** The terminal changed size: the view carries the new layout and height. */
	| {readonly type: 'resize'};

export const WRAPPED_TO_TOP = 'search hit BOTTOM, continuing at TOP';
export const WRAPPED_TO_BOTTOM = 'search hit TOP, continuing at BOTTOM';
export const NO_SEARCH = 'no search yet: press / to search';

export function notFound(query: string): string {
	return `Pattern not found: ${query}`;
}

/** What a search matched in a text: ranges into it. */
export type TextFinder = (text: string) => readonly Range[];

export interface ReaderStart {
	/** A remembered place (see core/positions). */
	readonly anchor?: Anchor;
	/** Said in the status bar as it opens (the article was read again from its file). */
	readonly message?: string;
	/** A library search to highlight: the reader opens at its first match instead. */
	readonly query?: string | readonly string[];
	/** What the library search matched in a text (its matcher), when it can say: highlighted
	 * instead of looking for `query` again. `query` still labels the status bar. */
	readonly matched?: (text: string) => readonly Range[];
}

const TOP: Anchor = {paragraph: HEADER, offset: 0};

/** The reader as it opens: at the remembered place, or at the first match of `query`. */
export function initialReaderState(view: ReaderView, start: ReaderStart = {}): ReaderState {
	const state: ReaderState = {
		anchor: start.anchor ?? TOP,
		search: undefined,
		prompt: undefined,
		message: undefined,
	};
	const query = start.query;
	if (query !== undefined) {
		const fromLibrary = start.matched ? findWith(view.layout.document, start.matched) : [];
		const matches = fromLibrary.length > 0 ? fromLibrary : findQuery(view.layout.document, query);
		const label = typeof query === 'string' ? query.trim() : query.join(' ');
		if (matches.length > 0) {
			const search = {query: label, matches, current: 0};
			return jumpToMatch({...state, anchor: TOP, search}, view, 0, undefined);
		}
	}
	return settle(state, view);
}

/** The top line for `state` on this view, clamped like vim: the last line can reach the
 * bottom row, no further. */
export function topLine(state: ReaderState, view: ReaderView): number {
	return clampTop(view, view.layout.lineOf(state.anchor));
}

export function readerReducer(
	state: ReaderState,
	command: ReaderCommand,
	view: ReaderView,
): ReaderState {
	const type = typeof command === 'string' ? command : command.type;
	const quiet: ReaderState = state.message === undefined ? state : {...state, message: undefined};
	const height = rows(view);
	switch (type) {
		case 'line-down':
			return scrollBy(quiet, view, 1);
		case 'line-up':
			return scrollBy(quiet, view, -1);
		case 'page-down':
			return scrollBy(quiet, view, pageSize(height));
		case 'page-up':
			return scrollBy(quiet, view, -pageSize(height));
		case 'half-page-down':
			return scrollBy(quiet, view, Math.max(1, Math.floor(height / 2)));
		case 'half-page-up':
			return scrollBy(quiet, view, -Math.max(1, Math.floor(height / 2)));
		case 'top':
			return moveTo(quiet, view, 0);
		case 'bottom':
			return moveTo(quiet, view, view.layout.total);
		case 'resize':
			return settle(quiet, view);
		case 'search':
			return {...quiet, prompt: emptyPrompt};
		case 'search-edit':
			return typeof command === 'object' && 'prompt' in command
				? {...quiet, prompt: command.prompt}
				: quiet;
		case 'search-cancel':
			return {...quiet, prompt: undefined};
		case 'search-submit': {
			const finder =
				typeof command === 'object' && 'finder' in command ? command.finder : undefined;
			return submit({...quiet, prompt: undefined}, state.prompt?.text ?? '', view, finder);
		}
		case 'next-match':
			return stepMatch(quiet, view, 1);
		case 'previous-match':
			return stepMatch(quiet, view, -1);
		default:
			// 'back', 'help' and 'diff' leave the reader; the screen acts on them.
			return state;
	}
}

/** Space and PgDn keep two lines of the previous page in view, as vim does. */
export function pageSize(height: number): number {
	return Math.max(1, height - 2);
}

function rows(view: ReaderView): number {
	return Math.max(1, Math.floor(view.height));
}

function clampTop(view: ReaderView, top: number): number {
	const height = rows(view);
	const wanted = Math.max(0, Math.floor(top));
	const available = view.layout.ensureLines(wanted + height);
	return available >= wanted + height ? wanted : Math.max(0, available - height);
}

function scrollBy(state: ReaderState, view: ReaderView, lines: number): ReaderState {
	return moveTo(state, view, topLine(state, view) + lines);
}

/** Puts line `top` (clamped) at the top; the anchor only changes when the view moves, so an
 * anchor in the middle of a line is not rounded away by scrolling zero lines. */
function moveTo(state: ReaderState, view: ReaderView, top: number): ReaderState {
	const current = view.layout.lineOf(state.anchor);
	const next = clampTop(view, top);
	if (next === current) return state;
	return {...state, anchor: view.layout.anchorOf(next)};
}

function settle(state: ReaderState, view: ReaderView): ReaderState {
	return moveTo(state, view, view.layout.lineOf(state.anchor));
}

function submit(
	state: ReaderState,
	typed: string,
	view: ReaderView,
	finder: TextFinder | undefined,
): ReaderState {
	const query = typed.trim();
	// An empty search line repeats the last search, as in less and vim.
	if (query === '') return state.search ? stepMatch(state, view, 1) : state;
	const {document} = view.layout;
	const matches = finder ? findWith(document, finder) : findMatches(document, query);
	// Nothing found is said once; the search before it stays for n and N.
	if (matches.length === 0) return {...state, message: notFound(query)};
	const search: ActiveSearch = {query, matches, current: undefined};
	return stepMatch({...state, search}, view, 1);
}

/** Position of a match or line start in reading order, comparable with `before`. */
function before(match: Match, anchor: Anchor): boolean {
	return (
		match.paragraph < anchor.paragraph ||
		(match.paragraph === anchor.paragraph && match.start < anchor.offset)
	);
}

/** What the screen holds: its top line's place, the place of the line after its last (none
 * at the end of the article), and whether a match lies between them. */
function screenOf(state: ReaderState, view: ReaderView) {
	const top = topLine(state, view);
	const height = rows(view);
	const topAnchor = view.layout.anchorOf(top);
	const atEnd = view.layout.ensureLines(top + height + 1) <= top + height;
	const bottomAnchor = atEnd ? undefined : view.layout.anchorOf(top + height);
	const onScreen = (match: Match) =>
		!before(match, topAnchor) && (bottomAnchor === undefined || before(match, bottomAnchor));
	return {topAnchor, bottomAnchor, onScreen};
}

/** The current match's place among the matches, from 1, while it is on screen; 0 when there is
 * none or it was scrolled away (then n and N go from the screen, not from it). */
export function currentMatchShown(state: ReaderState, view: ReaderView): number {
	const search = state.search;
	const current = search?.current === undefined ? undefined : search.matches[search.current];
	if (search?.current === undefined || current === undefined) return 0;
	return screenOf(state, view).onScreen(current) ? search.current + 1 : 0;
}

/**
 * n and N: from the current match while it is on screen, else from the screen itself (the
 * first match at or below the top line, the last one above the bottom), wrapping around the
 * ends with a message.
 */
function stepMatch(state: ReaderState, view: ReaderView, direction: 1 | -1): ReaderState {
	const search = state.search;
	if (!search) return {...state, message: NO_SEARCH};
	const {matches} = search;
	if (matches.length === 0) return {...state, message: notFound(search.query)};
	const {topAnchor, bottomAnchor, onScreen} = screenOf(state, view);

	let target: number;
	const current = search.current === undefined ? undefined : matches[search.current];
	if (search.current !== undefined && current && onScreen(current)) {
		target = search.current + direction;
	} else if (direction === 1) {
		target = firstIndex(matches, (match) => !before(match, topAnchor));
	} else {
		target =
			bottomAnchor === undefined
				? matches.length - 1
				: firstIndex(matches, (match) => !before(match, bottomAnchor)) - 1;
	}
	let message: string | undefined;
	if (target >= matches.length) {
		target = 0;
		message = WRAPPED_TO_TOP;
	} else if (target < 0) {
		target = matches.length - 1;
		message = WRAPPED_TO_BOTTOM;
	}
	return jumpToMatch({...state, search: {...search, current: target}}, view, target, message);
}

/** First index where `test` holds, for a test that is false then true along reading order. */
function firstIndex(matches: readonly Match[], test: (match: Match) => boolean): number {
	let low = 0;
	let high = matches.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (test(matches[middle]!)) high = middle;
		else low = middle + 1;
	}
	return low;
}

/** Shows match `index` in the top third of the screen (already there: the view stays). */
function jumpToMatch(
	state: ReaderState,
	view: ReaderView,
	index: number,
	message: string | undefined,
): ReaderState {
	const match = state.search?.matches[index];
	if (!match) return state;
	const height = rows(view);
	const line = view.layout.lineOf({paragraph: match.paragraph, offset: match.start});
	const top = topLine(state, view);
	const third = Math.max(1, Math.ceil(height / 3));
	const moved =
		line >= top && line < top + third ? state : moveTo(state, view, line - Math.floor(height / 4));
	return {...moved, message};
}
