import type {CorpusState} from '../corpus/state.js';
import type {FolderChange} from '../corpus/live.js';
import type {Document, SkippedFile, StyledLine} from '../types.js';
import type {SearchResult, SearchResults, Snippet} from '../search/index.js';
import {findMatches as findQueryMatches} from '../search/matching.js';
import {actionFor, pastedText, type Keymap} from '../keys.js';
import {promptKey, promptKeymap, type Prompt, type PromptCommand} from '../prompt.js';
import {helpKey, type HelpState} from '../help.js';
import {
	initialLibraryState,
	libraryKeymap,
	libraryReducer,
	searchPrompt,
	MOST_MARKED,
	type LibraryAction,
	type LibraryState,
} from '../library/state.js';
import {libraryView, selectedItem, type LibraryFrameInput} from '../library/frame.js';
import {shownDocuments, type LibraryFacts} from '../library/order.js';
import {nextSortOrder, SORT_LABELS, type SortOrder} from '../library/sort.js';
import type {ReadMark, Reading} from '../positions.js';
import {readingOf, statusFor} from '../reader/status.js';
import type {Anchor, ReaderLayout} from '../reader/layout.js';
import {readerKeymap} from '../reader/keymap.js';
import {relocateAnchor} from '../reader/anchor.js';
import {
	initialReaderState,
	readerReducer,
	type ReaderCommand,
	type ReaderStart,
	type ReaderState,
	type ReaderView,
	type TextFinder,
	topLine,
} from '../reader/state.js';
import {
	diffKeymap,
	diffViewReducer,
	initialDiffViewState,
	clampTop,
	keptThroughResize,
	modeFor,
	searching,
	DIFF_CHROME_ROWS,
	type DiffCommand,
	type DiffLayoutMode,
	type DiffView,
	type DiffViewState,
} from '../diff-view/state.js';
import type {LocalOffset} from '../history/dates.js';
import {historyView, type HistoryFrameInput} from '../history/frame.js';
import {
	historyKey,
	historyKeymap,
	historyPairKeymap,
	initialHistoryState,
	provenanceKeymap,
	selectVersion,
	stepPair,
	type HistoryState,
	sharedSide,
	type PairCommand,
	type VersionPair,
} from '../history/state.js';
import type {StoryHistory} from '../history/story.js';

/**
 * The whole interface as one value, and `step`, the one function every key goes through.
 *
 * The keyboard folds each key of a chunk through `step` synchronously, so a key always meets
 * the state the key before it left (which screen, which mode, which row), never a stale render.
 * What is outside the state (the terminal's size, the documents, the search, the versions, the
 * screens' layouts) comes in as `AppEnv`; what must happen outside (quit, suspend, remember a
 * place) comes out as `Effect`s for the UI to run.
 */
export type Screen =
	| {readonly name: 'library'}
	| {
			readonly name: 'reader';
			readonly document: Document;
			/** How it opens: at a library search's first match, or at a remembered place. */
			readonly start: ReaderStart;
			/** Undefined until the reader's layout is there (its module is still loading). */
			readonly reader: ReaderState | undefined;
	  }
	| {
			readonly name: 'diff';
			readonly a: Document;
			readonly b: Document;
			readonly diff: DiffViewState;
			/** Where Esc goes; undefined when the diff was opened from the command line. */
			readonly back: Screen | undefined;
			/** Set when the diff was opened from a story's history: the two versions shown, so
			 * `]` and `[` can step to the next and previous pair. */
			readonly story?: {readonly history: StoryHistory; readonly pair: VersionPair};
	  }
	| {
			/** A story's versions in order, or (history.showing) which parts of it came when. */
			readonly name: 'history';
			readonly story: StoryHistory;
			/** The version it was opened from, an index into story.versions (marked ◆). */
			readonly current: number;
			readonly history: HistoryState;
			/** Where Esc goes: the library or the reader it was opened from. */
			readonly back: Screen;
	  };

export type HistoryScreen = Extract<Screen, {name: 'history'}>;

export interface AppState {
	readonly screen: Screen;
	/** Kept while another screen is shown, so coming back finds the list as it was left. */
	readonly library: LibraryState;
	/** The `?` overlay over the current screen, when shown. */
	readonly help: HelpState | undefined;
	/** A one-off message, cleared by the next key. */
	readonly notice: string | undefined;
	/** Keys typed while the screen could not take them yet (its module loading, `d` waiting for
	 * the versions): applied in order as soon as it can. */
	readonly pending: readonly string[];
	/** `d` or `h` pressed before the versions were known: the diff or the history opens when
	 * they are. */
	readonly findingVersions:
		{readonly document: Document; readonly purpose: 'diff' | 'history'} | undefined;
	/** Set once a quit effect went out: later keys do nothing. */
	readonly ended: boolean;
	/** The id of the article under the library's cursor, so the cursor stays on it when the
	 * list changes under it (see followCursor). */
	readonly cursorOn?: string | undefined;
	/** The diff's mode (s) and layout (w) as last chosen: every diff opens with them until the
	 * app quits. */
	readonly diffSettings: DiffSettings;
}

export interface DiffSettings {
	readonly mode: DiffViewState['mode'];
	readonly layout: boolean;
	/** Changes outside the headline and body hidden (i, or --ignore-boilerplate). */
	readonly storyOnly: boolean;
}

export type Effect =
	| {readonly type: 'quit'; readonly code: number}
	| {readonly type: 'suspend'}
	| {
			readonly type: 'save-place';
			readonly document: Document;
			readonly anchor: Anchor;
			/** How far it was read; absent when the reader never had its layout. */
			readonly reading?: Reading;
	  }
	/** `r` in the library: marked read or unread by hand. */
	| {readonly type: 'mark-read'; readonly document: Document; readonly mark: ReadMark}
	/** `s` in the library: the order, remembered for the folder. */
	| {readonly type: 'save-sort'; readonly sort: SortOrder}
	/** `e` or `o`: the article handed to the user's editor or pager, the screen left meanwhile. */
	| {readonly type: 'hand-off'; readonly program: HandOffProgram; readonly document: Document};

export type HandOffProgram = 'editor' | 'pager';

export interface Stepped {
	readonly state: AppState;
	readonly effects: readonly Effect[];
}

/** The search results for a query, as the library lists them. */
/** The search results for a query, as the library lists them: the true total, and any range
 * of the ranking (core/search's SearchResults). */
/** The library's answer to a query; `complete` false while it has not seen every document
 * (an index still being built): keys that act on a result wait for a complete one. */
export type LibrarySearch = SearchResults & {readonly complete?: boolean};

export interface DiffRequest {
	readonly a: Document;
	readonly b: Document;
	readonly mode: DiffLayoutMode;
	/** Whether layout changes (paragraph breaks) are shown. */
	readonly layout: boolean;
	readonly columns: number;
	/** Rows for the diff itself. */
	readonly height: number;
	/** Which unchanged stretches are folded. */
	readonly folds: DiffViewState['folds'];
	/** Changes outside the headline and body hidden. */
	readonly storyOnly: boolean;
	/** The search whose matches the view counts ('' for none). */
	readonly query: string;
	/** The folder's documents, whose recurring boilerplate the summary leaves out of the story
	 * (folderBoilerplateOf), as `diff` does. */
	readonly folder: readonly Document[];
}

export interface AppEnv {
	readonly columns: number;
	readonly rows: number;
	readonly folderLabel: string;
	readonly corpus: CorpusState;
	/** Documents in the search and versions indexes so far. */
	readonly indexed: number;
	/** Ranked results for a query; undefined before there is an index. */
	readonly search: (query: string) => LibrarySearch | undefined;
	readonly versions: {
		/** Whether every document has been looked at, so "no other version" is final. */
		readonly ready: boolean;
		/** The closest other version of a document, if one is known. */
		readonly closest: (document: Document) => Document | undefined;
		/** How many versions a document's group has (0 when unknown). */
		readonly count: (id: string) => number;
	};
	/** The reader's layout of a document for a width; undefined while its module loads. */
	readonly readerLayout: ((document: Document, columns: number) => ReaderLayout) | undefined;
	/** The diff screen's rows for two documents; undefined while its module loads or the diff is
	 * still being computed. */
	readonly diffView: ((request: DiffRequest) => DiffView | undefined) | undefined;
	/** Where a document was left last time, if remembered. */
	readonly remembered: (document: Document) => Anchor | undefined;
	/** Whether a place was kept in a document whose text has changed since (so it opens at the
	 * top, and says why). */
	readonly placeChanged?: (document: Document) => boolean;
	/** Cuts a result's snippet (core/search's snippetFor), for drawing only. */
	readonly snippet?: (result: SearchResult, width: number) => Snippet;
	/** Stories' histories; undefined while the history screen's module loads. */
	readonly history: HistoryEnv | undefined;
	/** How far each article was read, its dates and its versions group, for the library's
	 * order and read column; undefined until the remembered places are read (or never, with
	 * --no-state: the library then lists by file name, with no read column). */
	readonly library?: LibraryFacts | undefined;
	/** Places are remembered (not --no-state): the library keeps its read column from the
	 * first frame, blank until they are read. */
	readonly remembering?: boolean;
	/** The remembered places are still being read: the keys that need them (u, s, r) wait. */
	readonly placesReading?: boolean;
}

export interface HistoryEnv {
	/** The story a document is a version of, its versions in order (core/history), made once
	 * and its steps diffed when shown; undefined for a document with no other version. Asked
	 * only once the versions are ready. */
	readonly storyOf: (document: Document) => StoryHistory | undefined;
	/** The provenance view's lines of a story at a width (core/history/provenance-lines),
	 * made once per width. */
	readonly provenanceLines: (story: StoryHistory, width: number) => readonly StyledLine[];
	/** The local clock, for file times (core/history/dates). */
	readonly localOffset?: LocalOffset;
}

/** Keys that work on every screen, even while typing. */
export type AppCommand = 'interrupt' | 'suspend';

export const appKeymap: Keymap<AppCommand> = [
	{keys: ['ctrl+c'], action: 'interrupt', description: 'Quit at once', group: 'App'},
	{keys: ['ctrl+z'], action: 'suspend', description: 'Suspend (fg comes back)', group: 'App'},
];

/** Exit codes: q leaves normally; Ctrl+C is an interrupt, 128 + SIGINT, as shells report. */
export const EXIT_OK = 0;
export const EXIT_INTERRUPTED = 130;

export const FINDING_VERSIONS = 'finding versions…';
export const NO_OTHER_VERSION =
	'no other version of this article found; mark two articles with Space to compare them';
export const MARK_ONE_MORE = 'mark one more article with Space to compare the two';
export const NO_HISTORY = 'no other version of this article found: it has no history here';
export const READ_NEEDS_STATE = 'what was read is not kept (--no-state, or no state file)';
/** Said while keys wait for a search's whole answer (see awaitsResults). */
export const KEYS_WAIT_FOR_ANSWER = 'keys wait for the whole answer: Esc drops them';
export const ORDER_NEEDS_STATE =
	'other orders need the reading places (--no-state, or no state file)';

export const CHANGED_ON_DISK = 'the file changed: shown as it is now';
export const STILL_CHECKING = 'the file is still being checked: R again in a moment';

/** The reader's line on reopening an article where it was left. */
export function resumedAt(percent: number): string {
	return `resumed at ${percent}% · g for the top`;
}

export function initialAppState(screen: Screen = {name: 'library'}, notice?: string): AppState {
	return {
		screen,
		library: initialLibraryState,
		help: undefined,
		notice,
		pending: [],
		findingVersions: undefined,
		ended: false,
		diffSettings: {mode: 'auto', layout: false, storyOnly: false},
	};
}

/** A new diff's state: at the top, in the mode and layout last chosen. */
function freshDiff(settings: DiffSettings): DiffViewState {
	return {
		...initialDiffViewState(),
		mode: settings.mode,
		layout: settings.layout,
		storyOnly: settings.storyOnly,
	};
}

/** Lines the screens may use: Ink redraws everything when a frame is as tall as the terminal. */
export function screenHeight(env: AppEnv): number {
	return Math.max(1, env.rows - 1);
}

// ————————————————————————————————————————————— library

/** The query the library's list is filtered by, or '' when it shows every document. */
function activeQuery(library: LibraryState): string {
	return library.filter === 'unfiltered' ? '' : library.query;
}

const resultsAmongShown = new WeakMap<
	SearchResults,
	{readonly shown: readonly Document[]; readonly results: LibrarySearch}
>();

/**
 * `found` restricted to the documents listed, when only some are (the unread ones), in the
 * same order: so "3 of 4 match", and the rows under it, count the articles the list holds.
 */
function among(found: LibrarySearch | undefined, shown: readonly Document[]) {
	if (found === undefined || found.total === 0) return found;
	const cached = resultsAmongShown.get(found);
	if (cached?.shown === shown) return cached.results;
	const ids = new Set(shown.map((document) => document.id));
	const kept = found.slice(0, found.total).filter((result) => ids.has(result.document.id));
	const results: LibrarySearch = {
		total: kept.length,
		results: kept.slice(0, found.results.length),
		slice: (from, to) => kept.slice(Math.max(0, Math.floor(from)), Math.floor(to)),
		at: (rank) => kept[rank],
		...(found.complete === undefined ? {} : {complete: found.complete}),
	};
	resultsAmongShown.set(found, {shown, results});
	return results;
}

/**
 * The answer to a query asked before there is any (no document indexed yet, the store not yet
 * asked): no rows, and not complete, so the screen says it is searching. Showing every
 * document meanwhile listed them under the query as if each had matched.
 */
const NOTHING_FOUND_YET: LibrarySearch = {
	total: 0,
	results: [],
	slice: () => [],
	at: () => undefined,
	complete: false,
};

/** Everything the library screen draws, from the state and the environment. */
export function libraryFrameInput(state: AppState, env: AppEnv): LibraryFrameInput {
	const query = activeQuery(state.library);
	const {sort, unreadOnly} = state.library;
	const documents = shownDocuments(env.corpus.documents, sort, unreadOnly, env.library);
	return {
		folderLabel: env.folderLabel,
		documents,
		...(documents.length === env.corpus.documents.length
			? {}
			: {allDocuments: env.corpus.documents.length}),
		readStateOf: env.library?.readStateOf,
		readColumn: env.remembering ?? env.library !== undefined,
		results:
			query.trim() === ''
				? undefined
				: ((documents.length === env.corpus.documents.length
						? env.search(query)
						: among(env.search(query), documents)) ?? NOTHING_FOUND_YET),
		state: state.library,
		width: env.columns,
		height: screenHeight(env),
		loading: env.corpus,
		skipped: env.corpus.skipped,
		refreshing: env.corpus.refreshing,
		versionsOf: (id) => env.versions.count(id),
		indexed: env.indexed,
		notice: state.notice,
		...(env.snippet ? {snippet: env.snippet} : {}),
	};
}

function libraryAction(state: AppState, action: LibraryAction, env: AppEnv): AppState {
	// The list's length matters only for moves; typing need not run the search.
	const needsView =
		action.type === 'move' ||
		action.type === 'page' ||
		action.type === 'last' ||
		action.type === 'reorder';
	// A new order or filter is measured as it will be shown.
	const shown =
		action.type === 'reorder'
			? {
					...state,
					library: {...state.library, sort: action.sort, unreadOnly: action.unreadOnly},
				}
			: state;
	const view = needsView ? libraryView(libraryFrameInput(shown, env)) : {count: 0, visible: 1};
	const library = libraryReducer(state.library, action, view);
	return library === state.library ? state : {...state, library};
}

/** The article the library's cursor is on, if the library is the screen: what Enter would open. */
export function documentUnderCursor(state: AppState, env: AppEnv): Document | undefined {
	if (state.screen.name !== 'library' || state.help) return undefined;
	return selectedItem(libraryFrameInput(state, env))?.document;
}

function openSelected(state: AppState, env: AppEnv): AppState {
	const input = libraryFrameInput(state, env);
	const selected = selectedItem(input);
	if (!selected) return state;
	const query = activeQuery(state.library);
	const {result} = selected;
	const start: ReaderStart = result
		? {query, matched: (text) => findQueryMatches(text, result.matcher).ranges}
		: {};
	return openReader(state, selected.document, start, env);
}

function openReader(state: AppState, document: Document, start: ReaderStart, env: AppEnv) {
	const screen: Screen = {name: 'reader', document, start, reader: undefined};
	return prepare({...state, screen}, env);
}

/** Where the reader starts: a search's first match, else the place it was left, looked up
 * when the reader is set up (the remembered places may arrive after Enter was pressed). */
function readerStart(document: Document, start: ReaderStart, env: AppEnv): ReaderStart {
	if (start.query !== undefined || start.anchor !== undefined) return start;
	const remembered = env.remembered(document);
	if (remembered) return {...start, anchor: remembered};
	return env.placeChanged?.(document) ? {...start, message: PLACE_CHANGED} : start;
}

/** Said on opening an article whose text changed since its place was kept. */
export const PLACE_CHANGED = 'the article changed since you last read it: opened at the top';

function markSelected(state: AppState, env: AppEnv): AppState {
	const selected = selectedItem(libraryFrameInput(state, env));
	if (!selected) return state;
	const {id} = selected.document;
	const {marked} = state.library;
	let notice: string | undefined;
	if (!marked.includes(id) && marked.length >= MOST_MARKED) {
		const dropped = env.corpus.documents.find((document) => document.id === marked[0]);
		notice = `unmarked “${dropped?.title ?? marked[0]}”: two articles are compared at a time`;
	}
	const marking = libraryAction(state, {type: 'toggle-mark', id}, env);
	return {...libraryAction(marking, {type: 'move', by: 1}, env), notice};
}

/** The article under the cursor while browsing (not a search's result), if any. */
function browsedDocument(state: AppState, env: AppEnv): Document | undefined {
	if (state.library.filter !== 'unfiltered') return undefined;
	return libraryFrameInput(state, env).documents[state.library.selected];
}

/**
 * The list in another order or filter, the cursor on the article it was on (or, when that one
 * is filtered out, on the row where it was).
 */
function reorder(state: AppState, sort: SortOrder, unreadOnly: boolean, env: AppEnv): AppState {
	const current = browsedDocument(state, env);
	const next = shownDocuments(env.corpus.documents, sort, unreadOnly, env.library);
	const found = current ? next.indexOf(current) : -1;
	const selected = found >= 0 ? found : Math.min(state.library.selected, next.length - 1);
	return libraryAction(state, {type: 'reorder', sort, unreadOnly, selected}, env);
}

/** Notes which article is under the library's cursor, after a key moved it. */
function noteCursor(state: AppState, env: AppEnv): AppState {
	if (state.screen.name !== 'library' || state.library.filter !== 'unfiltered') return state;
	const id = libraryFrameInput(state, env).documents[state.library.selected]?.id;
	return id === state.cursorOn ? state : {...state, cursorOn: id};
}

/**
 * After the documents or what they are ordered by changed (the versions found, an article
 * read, a file changed): the cursor follows the article it was on, wherever it now is; when
 * that one is gone from the list, it stays on the row.
 */
function followCursor(state: AppState, env: AppEnv): AppState {
	const {library, cursorOn} = state;
	if (library.filter !== 'unfiltered' || cursorOn === undefined) return noteCursor(state, env);
	const {documents} = libraryFrameInput(state, env);
	if (documents[library.selected]?.id === cursorOn) return state;
	const found = documents.findIndex((document) => document.id === cursorOn);
	if (found < 0) return noteCursor(state, env);
	return libraryAction(
		state,
		{type: 'reorder', sort: library.sort, unreadOnly: library.unreadOnly, selected: found},
		env,
	);
}

/**
 * What the library draws: its frame input with the cursor on the article it was on, after the
 * documents changed under it (see followCursor), as the state the next key acts on will have it
 * once the screen takes the change in (refresh). So no frame in between shows the cursor on
 * another article, which a key would not act on.
 */
export function shownLibraryInput(state: AppState, env: AppEnv): LibraryFrameInput {
	return libraryFrameInput(followCursor(state, env), env);
}

/** The order remembered for the folder, once the remembered places are read: applied unless
 * another was chosen meanwhile. */
export function rememberedSort(state: AppState, sort: SortOrder, env: AppEnv): AppState {
	if (state.library.sort !== initialLibraryState.sort || sort === state.library.sort) return state;
	return noteCursor(reorder(state, sort, state.library.unreadOnly, env), env);
}

/**
 * An article read again from its file (after the editor had it, or changed on disk): the
 * reader showing it shows the new text at the same place, and a message says so.
 */
export function documentReplaced(state: AppState, document: Document, message: string): AppState {
	const {screen} = state;
	if (screen.name !== 'reader' || screen.document.id !== document.id)
		return {...state, notice: message};
	const place = screen.reader?.anchor ?? screen.start.anchor;
	// Found again by its text: the editor may have added or removed paragraphs above it.
	const anchor =
		place === undefined
			? undefined
			: relocateAnchor(place, screen.document.paragraphs, document.paragraphs);
	const start: ReaderStart = anchor === undefined ? {message} : {anchor, message};
	return {...state, screen: {name: 'reader', document, start, reader: undefined}};
}

export const FILE_REMOVED = 'the file was removed: shown as it was read';
export const CHANGED_RELOAD = 'the file changed on disk · R reloads it here';

/** What became of a file that is still there but no longer an article, after "the file" or
 * "a version shown": "is no longer text (binary)", "cannot be read now (a named pipe, not a
 * regular file)". */
function noLongerAnArticle(skipped: SkippedFile): string {
	switch (skipped.reason) {
		case 'binary':
			return 'is no longer text (binary)';
		case 'too large':
			return `is now too large${skipped.detail === undefined ? '' : ` (${skipped.detail})`}`;
		case 'unreadable':
			return `cannot be read now (${skipped.detail ?? 'unreadable'})`;
	}
}

/** The reader's line when its article's file is still there but no longer an article (it
 * turned binary, a named pipe took its place): the last text read stays on screen. */
export function fileSkipped(skipped: SkippedFile): string {
	return `the file ${noLongerAnArticle(skipped)}: shown as it was read`;
}

/**
 * The folder changed (core/corpus/live): the status says what changed ("2 new"); a reader
 * whose article changed says so with the key that reloads it, one whose article was removed
 * that it goes on from memory.
 */
export function folderChanged(
	state: AppState,
	changes: readonly FolderChange[],
	summary: string | undefined,
): AppState {
	state = unmarkRemoved(state, changes);
	const {screen} = state;
	if (screen.name === 'reader') {
		const change = changeTo(screen.document, changes);
		const message =
			change === 'removed'
				? FILE_REMOVED
				: change === 'changed'
					? CHANGED_RELOAD
					: change === undefined
						? undefined
						: fileSkipped(change);
		// Said first in the reader's status, where a narrow bar does not cut it.
		if (message !== undefined && screen.reader)
			return {...state, screen: {...screen, reader: {...screen.reader, message}}};
		if (message !== undefined) return {...state, notice: message};
	}
	// The diff and the history draw their own status line, not the app's notice: said there,
	// first what happened to a version on screen.
	if (screen.name === 'diff' || screen.name === 'history') {
		const shown = screen.name === 'diff' ? [screen.a, screen.b] : screen.story.versions;
		const touched = shownVersionChange(shown, changes);
		const message = [touched, summary].filter((part) => part !== undefined).join(' · ');
		if (message === '') return state;
		return screen.name === 'diff'
			? {...state, screen: {...screen, diff: {...screen.diff, message}}}
			: {...state, screen: {...screen, history: {...screen.history, message}}};
	}
	return summary === undefined ? state : {...state, notice: summary};
}

/** The line on screen that a folder change's summary went into (see folderChanged). */
export function folderChangeLine(state: AppState): string | undefined {
	const {screen} = state;
	if (screen.name === 'diff') return screen.diff.message;
	if (screen.name === 'history') return screen.history.message;
	return state.notice;
}

export const VERSION_REMOVED = 'a version shown was removed: shown as it was read';
export const VERSION_CHANGED = 'a version shown changed on disk: shown as it was read';

/** What the folder's changes did to versions on screen: removed, no longer articles,
 * changed, or nothing. */
function shownVersionChange(
	shown: readonly Document[],
	changes: readonly FolderChange[],
): string | undefined {
	const changed = shown.map((document) => changeTo(document, changes));
	if (changed.includes('removed')) return VERSION_REMOVED;
	const skipped = changed.find((change) => typeof change === 'object');
	if (skipped !== undefined)
		return `a version shown ${noLongerAnArticle(skipped)}: shown as it was read`;
	return changed.includes('changed') ? VERSION_CHANGED : undefined;
}

/** What the folder's changes did to a document shown: its file removed, no longer an article
 * (why, as a skipped file), its text changed (read again with another hash), or nothing. */
function changeTo(
	document: Document,
	changes: readonly FolderChange[],
): 'removed' | 'changed' | SkippedFile | undefined {
	const {id, hash} = document;
	const change = changes.find((each) =>
		each.kind === 'removed' ? each.id === id : each.document.id === id,
	);
	if (change?.kind === 'removed') return change.skipped ?? 'removed';
	return change?.kind === 'read' && change.document.hash !== hash ? 'changed' : undefined;
}

/** Marks on articles whose files were removed are let go: there is nothing left to compare. */
function unmarkRemoved(state: AppState, changes: readonly FolderChange[]): AppState {
	const {marked} = state.library;
	const removed = new Set(
		changes.flatMap((change) => (change.kind === 'removed' ? [change.id] : [])),
	);
	if (!marked.some((id) => removed.has(id))) return state;
	return {...state, library: {...state.library, marked: marked.filter((id) => !removed.has(id))}};
}

/** `R` in the reader: the article as it is now in the folder, at the same place. */
function reloadCommand(state: AppState, document: Document, env: AppEnv): AppState {
	const now = env.corpus.documents.find((each) => each.id === document.id);
	if (now === undefined) {
		// Still there but no longer an article (binary now, a named pipe): said so.
		const skipped = env.corpus.skipped.find((each) => each.id === document.id);
		return {...state, notice: skipped === undefined ? FILE_REMOVED : fileSkipped(skipped)};
	}
	if (now.hash !== document.hash) return documentReplaced(state, now, CHANGED_ON_DISK);
	// Listed as stored and not yet compared with its file, or being read again: what is on disk
	// is not known yet (see core/corpus/load's refreshLater).
	const checking = env.corpus.unchecked > 0 || env.corpus.refreshing.has(document.id);
	return {...state, notice: checking ? STILL_CHECKING : 'the article is as it is on disk'};
}

function sortCommand(state: AppState, env: AppEnv): Stepped {
	if (!env.library) return only({...state, notice: ORDER_NEEDS_STATE});
	const sort = nextSortOrder(state.library.sort);
	const sorted = reorder(state, sort, state.library.unreadOnly, env);
	return {
		state: {...sorted, notice: `listed ${SORT_LABELS[sort]}`},
		effects: [{type: 'save-sort', sort}],
	};
}

function toggleRead(state: AppState, env: AppEnv): Stepped {
	const document = selectedItem(libraryFrameInput(state, env))?.document;
	if (!document) return only(state);
	const readState = env.library?.readStateOf(document);
	if (!readState) return only({...state, notice: READ_NEEDS_STATE});
	const mark: ReadMark = readState.kind === 'read' ? 'unread' : 'read';
	return {
		state: {...state, notice: `marked “${document.title}” ${mark}`},
		effects: [{type: 'mark-read', document, mark}],
	};
}

function libraryCommand(state: AppState, key: string, env: AppEnv): Stepped {
	const library = state.library;
	if (library.filter === 'filtering') {
		const outcome = promptKey(searchPrompt(library), key);
		if (outcome.kind === 'edit')
			return only(libraryAction(state, {type: 'search-edit', prompt: outcome.prompt}, env));
		if (outcome.kind === 'command') return only(librarySearchCommand(state, outcome.command, env));
		return only(state);
	}
	const action = actionFor(libraryKeymap, key);
	switch (action) {
		case undefined:
			return only(state);
		case 'up':
			return only(libraryAction(state, {type: 'move', by: -1}, env));
		case 'down':
			return only(libraryAction(state, {type: 'move', by: 1}, env));
		case 'page-up':
			return only(libraryAction(state, {type: 'page', by: -1}, env));
		case 'page-down':
			return only(libraryAction(state, {type: 'page', by: 1}, env));
		case 'first':
			return only(libraryAction(state, {type: 'first'}, env));
		case 'last':
			return only(libraryAction(state, {type: 'last'}, env));
		case 'open':
			return only(openSelected(state, env));
		case 'search':
			return only(libraryAction(state, {type: 'search-open'}, env));
		case 'clear':
			return only(
				library.filter === 'unfiltered'
					? libraryAction(state, {type: 'clear-marks'}, env)
					: libraryAction(state, {type: 'search-clear'}, env),
			);
		case 'mark':
			return only(markSelected(state, env));
		case 'diff': {
			const selected = selectedItem(libraryFrameInput(state, env));
			return only(selected ? startDiff(state, selected.document, env) : state);
		}
		case 'history': {
			const selected = selectedItem(libraryFrameInput(state, env));
			return only(selected ? startHistory(state, selected.document, env) : state);
		}
		case 'sort':
			return sortCommand(state, env);
		case 'unread-only':
			if (!env.library) return only({...state, notice: READ_NEEDS_STATE});
			return only(reorder(state, library.sort, !library.unreadOnly, env));
		case 'toggle-read':
			return toggleRead(state, env);
		case 'edit':
		case 'page': {
			const selected = selectedItem(libraryFrameInput(state, env));
			if (!selected) return only(state);
			const program = action === 'edit' ? 'editor' : 'pager';
			return {state, effects: [{type: 'hand-off', program, document: selected.document}]};
		}
		case 'help':
			return only({...state, help: {top: 0}});
		case 'quit':
			return quit(state, EXIT_OK, env);
	}
}

function librarySearchCommand(state: AppState, command: PromptCommand, env: AppEnv): AppState {
	switch (command) {
		case 'submit': {
			// One Enter opens the highlighted result; an empty line just closes.
			if (state.library.query.trim() === '')
				return libraryAction(state, {type: 'search-clear'}, env);
			const opened = openSelected(state, env);
			// The results are kept with the focus on them, as Tab leaves them: back from the
			// reader, q quits and j moves, as after any article opened from the list, where the
			// line kept the focus and took the q in. / edits the query again, Esc clears it.
			return opened === state ? state : libraryAction(opened, {type: 'search-keep'}, env);
		}
		case 'cancel':
			return libraryAction(state, {type: 'search-clear'}, env);
		case 'previous':
			return libraryAction(state, {type: 'move', by: -1}, env);
		case 'next':
			return libraryAction(state, {type: 'move', by: 1}, env);
		case 'keep':
			return libraryAction(state, {type: 'search-keep'}, env);
	}
}

// ————————————————————————————————————————————— diff

/** `d` on `document`: the two marked articles, else `document` and its closest version. */
function startDiff(state: AppState, document: Document, env: AppEnv): AppState {
	const byId = (id: string) => env.corpus.documents.find((each) => each.id === id);
	// Only marks on articles still in the folder count: d never falls through to a pair nobody
	// chose because a marked one went.
	const marked = state.library.marked.filter((id) => byId(id) !== undefined);
	if (marked.length === MOST_MARKED) {
		const [a, b] = marked.map(byId);
		if (a && b) {
			// The marks have done their job once their diff is shown.
			const library = {...state.library, marked: []};
			return openDiff({...state, library}, a, b);
		}
	}
	if (marked.length === 1 && marked[0] !== document.id) {
		const a = byId(marked[0]!);
		if (a) return openDiff({...state, library: {...state.library, marked: []}}, a, document);
	}
	if (marked.length === 1) return {...state, notice: MARK_ONE_MORE};
	const closest = env.versions.closest(document);
	if (closest && closest !== document) return openDiff(state, document, closest);
	if (!env.versions.ready)
		return {...state, findingVersions: {document, purpose: 'diff'}, notice: FINDING_VERSIONS};
	return {...state, notice: NO_OTHER_VERSION};
}

function openDiff(state: AppState, a: Document, b: Document): AppState {
	const diff = freshDiff(state.diffSettings);
	const screen: Screen = {name: 'diff', a, b, diff, back: state.screen};
	return {...state, screen, notice: undefined, findingVersions: undefined};
}

export function diffRequest(
	screen: Extract<Screen, {name: 'diff'}>,
	diff: DiffViewState,
	env: AppEnv,
): DiffRequest {
	return {
		a: screen.a,
		b: screen.b,
		mode: modeFor(diff, env.columns),
		layout: diff.layout,
		columns: env.columns,
		height: Math.max(1, screenHeight(env) - DIFF_CHROME_ROWS),
		folds: diff.folds,
		storyOnly: diff.storyOnly,
		query: searching(diff) ? diff.search!.query : '',
		folder: env.corpus.documents,
	};
}

/** The diff screen's rows for its state, or undefined while they are not there yet. */
export function diffViewOf(
	screen: Extract<Screen, {name: 'diff'}>,
	env: AppEnv,
	diff: DiffViewState = screen.diff,
): DiffView | undefined {
	return env.diffView?.(diffRequest(screen, diff, env));
}

/** Whether `key` leaves the diff (Esc, q): Esc first ends a search, when one is on. */
function leavesDiff(key: string): boolean {
	return diffBackKeys.includes(key);
}

const diffBackKeys = diffKeymap.find((binding) => binding.action === 'back')!.keys;

type DiffScreen = Extract<Screen, {name: 'diff'}>;

function diffCommand(before: AppState, key: string, env: AppEnv): Stepped {
	const shown = before.screen as DiffScreen;
	// A message is shown once: the next key clears it.
	const screen =
		shown.diff.message === undefined
			? shown
			: {...shown, diff: {...shown.diff, message: undefined}};
	const state = screen === shown ? before : {...before, screen};
	const prompt = screen.diff.search?.prompt;
	if (prompt !== undefined) return only(diffPromptKey(state, screen, prompt, key, env));
	if (screen.story) {
		const pair = actionFor(historyPairKeymap, key);
		if (pair !== undefined) return only(stepStoryDiff(state, screen, pair, env));
	}
	let command: DiffCommand | undefined = actionFor(diffKeymap, key);
	if (command === undefined) return only(state);
	if (command === 'end-search' && screen.diff.search === undefined && leavesDiff(key))
		command = 'back';
	if (command === 'back') {
		if (screen.back === undefined) return quit(state, EXIT_OK);
		return only({...state, screen: screen.back});
	}
	if (command === 'help') return only({...state, help: {top: 0}});
	const view = diffViewOf(screen, env);
	if (!view) return only(state);
	if (command === 'swap') return only(swapDiff(state, screen, view, env));
	let diff = diffViewReducer(screen.diff, command, view);
	const keepsPassage =
		command === 'toggle-mode' ||
		command === 'toggle-folds' ||
		command === 'toggle-boilerplate' ||
		command === 'toggle-layout';
	if (keepsPassage) {
		const rows = diffViewOf(screen, env, diff);
		// The other mode (or folding) lays out the same texts: the passage at the top stays at
		// the top. Layout changes make other rows: come back to the change last visited.
		const passage = command !== 'toggle-layout' ? view.passageAt?.(screen.diff.top) : undefined;
		if (rows && passage && rows.rowOfPassage) {
			const top = Math.min(rows.rowOfPassage(passage), Math.max(0, rows.rows - rows.height));
			diff = {...diff, top: Math.max(0, top)};
		} else if (rows) diff = diffViewReducer(diff, 'show-current', rows);
	} else if (diff.folds !== screen.diff.folds && diff.search?.current !== undefined) {
		// n/N went to a match inside a fold, which opened: the match in the new rows.
		const rows = diffViewOf(screen, env, diff);
		if (rows) diff = diffViewReducer(diff, 'show-current', rows);
	}
	const kept = state.diffSettings;
	const settings =
		diff.mode === kept.mode && diff.layout === kept.layout && diff.storyOnly === kept.storyOnly
			? kept
			: {mode: diff.mode, layout: diff.layout, storyOnly: diff.storyOnly};
	if (diff === screen.diff && settings === state.diffSettings) return only(state);
	return only({...state, diffSettings: settings, screen: {...screen, diff}});
}

/** A key typed into the diff's search line: edits it; Enter searches, Esc gives up. */
function diffPromptKey(
	state: AppState,
	screen: DiffScreen,
	prompt: Prompt,
	key: string,
	env: AppEnv,
): AppState {
	const search = screen.diff.search!;
	const withDiff = (diff: DiffViewState) => ({...state, screen: {...screen, diff}});
	const outcome = promptKey(prompt, key);
	if (outcome.kind === 'edit')
		return withDiff({...screen.diff, search: {...search, prompt: outcome.prompt}});
	if (outcome.kind === 'none') return state;
	if (outcome.command === 'cancel') return withDiff({...screen.diff, search: undefined});
	if (outcome.command !== 'submit') return state;
	const query = prompt.text.trim();
	if (query === '') return withDiff({...screen.diff, search: undefined});
	const submitted: DiffViewState = {
		...screen.diff,
		search: {prompt: undefined, query, current: undefined},
	};
	const view = diffViewOf(screen, env, submitted);
	if (!view) return withDiff(submitted);
	if ((view.matches ?? 0) === 0)
		return withDiff({...screen.diff, search: undefined, message: `no match for “${query}”`});
	// Like less: the first match at or below the top of the screen.
	let diff = diffViewReducer(submitted, 'next-change', view);
	if (diff.folds !== submitted.folds) {
		const rows = diffViewOf(screen, env, diff);
		if (rows) diff = diffViewReducer(diff, 'show-current', rows);
	}
	return withDiff(diff);
}

/** x: B becomes A and A B, on the same passage (the blocks of a diff are the same both ways). */
function swapDiff(state: AppState, screen: DiffScreen, view: DiffView, env: AppEnv): AppState {
	const passage = view.passageAt?.(screen.diff.top);
	const story = screen.story && {
		...screen.story,
		pair: {from: screen.story.pair.to, to: screen.story.pair.from},
	};
	const swapped: DiffScreen = {
		...screen,
		a: screen.b,
		b: screen.a,
		...(story ? {story} : {}),
		diff: {
			...screen.diff,
			current: undefined,
			search: screen.diff.search && {...screen.diff.search, current: undefined},
		},
	};
	const rows = diffViewOf(swapped, env);
	if (rows && passage && rows.rowOfPassage) {
		const top = clampTop(rows.rowOfPassage(passage), rows);
		return {...state, screen: {...swapped, diff: {...swapped.diff, top}}};
	}
	return {...state, screen: {...swapped, diff: {...swapped.diff, top: 0}}};
}

// ————————————————————————————————————————————— history

/** `h` on `document`: its story's history, once the versions are known. */
function startHistory(state: AppState, document: Document, env: AppEnv): AppState {
	if (!env.versions.ready || !env.history) {
		return {...state, findingVersions: {document, purpose: 'history'}, notice: FINDING_VERSIONS};
	}
	const story = env.history.storyOf(document);
	if (!story || story.versions.length < 2) {
		return {...state, findingVersions: undefined, notice: NO_HISTORY};
	}
	const current = Math.max(
		0,
		story.versions.findIndex((version) => version.id === document.id),
	);
	const opened: HistoryScreen = {
		name: 'history',
		story,
		current,
		history: initialHistoryState(current),
		back: state.screen,
	};
	// The version it came from on screen, however long the story.
	const history = selectVersion(opened.history, current, historyViewOf(opened, env));
	return {...state, screen: {...opened, history}, notice: undefined, findingVersions: undefined};
}

/** Everything the history screen draws, from its state and the environment. */
export function historyFrameInput(screen: HistoryScreen, env: AppEnv): HistoryFrameInput {
	const provenance =
		screen.history.showing === 'provenance'
			? env.history?.provenanceLines(screen.story, env.columns)
			: undefined;
	return {
		history: screen.story,
		state: screen.history,
		current: screen.current,
		width: env.columns,
		height: screenHeight(env),
		...(provenance ? {provenance} : {}),
		...(env.history?.localOffset ? {localOffset: env.history.localOffset} : {}),
	};
}

function historyViewOf(screen: HistoryScreen, env: AppEnv) {
	return historyView(historyFrameInput(screen, env));
}

function historyCommand(state: AppState, key: string, env: AppEnv): Stepped {
	const screen = state.screen as HistoryScreen;
	const {state: history, effect} = historyKey(screen.history, key, historyViewOf(screen, env));
	// Help is the app's overlay, drawn from the keymap of what is showing.
	if (history.help) {
		return only({
			...state,
			help: {top: 0},
			screen: {...screen, history: {...history, help: false}},
		});
	}
	const here: AppState =
		history === screen.history ? state : {...state, screen: {...screen, history}};
	if (effect === undefined) return only(here);
	if (effect.type === 'back') return only({...state, screen: screen.back});
	const pair = {from: effect.from, to: effect.to};
	const diff = freshDiff(state.diffSettings);
	return only({...here, screen: storyDiff(here.screen as HistoryScreen, pair, diff)});
}

/** The diff of two versions of the history's story; Esc comes back to `history`. */
function storyDiff(history: HistoryScreen, pair: VersionPair, diff: DiffViewState): Screen {
	const {story} = history;
	return {
		name: 'diff',
		a: story.versions[pair.from]!,
		b: story.versions[pair.to]!,
		diff,
		back: history,
		story: {history: story, pair},
	};
}

/** Which versions of its story a diff opened from the history shows, as its header names
 * them ("v3", "v4"); undefined for another diff. */
export function storyVersions(
	screen: Extract<Screen, {name: 'diff'}>,
): {a: string; b: string} | undefined {
	if (!screen.story) return undefined;
	const {from, to} = screen.story.pair;
	return {a: `v${from + 1}`, b: `v${to + 1}`};
}

/**
 * `]` and `[` in a diff opened from the history: the next or previous pair of versions, in the
 * same mode and layout, at the same share of the way down (what is above the place changes
 * little from one pair to the next, so that is where the place is, or near), and the history's
 * cursor on the newer version, so Esc comes back to the step last shown.
 */
function stepStoryDiff(
	state: AppState,
	screen: Extract<Screen, {name: 'diff'}>,
	command: PairCommand,
	env: AppEnv,
): AppState {
	const {history: story, pair} = screen.story!;
	const stepped = stepPair(pair, command, story.versions.length);
	if ('message' in stepped) {
		return {...state, screen: {...screen, diff: {...screen.diff, message: stepped.message}}};
	}
	const back = screen.back as HistoryScreen;
	const history = selectVersion(back.history, stepped.pair.to, historyViewOf(back, env));
	// z (every line shown) carries over to the next pair; opened folds are this pair's.
	const kept: DiffViewState = {
		...freshDiff(state.diffSettings),
		folds: {showAll: screen.diff.folds.showAll, opened: []},
	};
	const next = storyDiff({...back, history}, stepped.pair, kept);
	const view = diffViewOf(screen, env);
	const nextView = next.name === 'diff' ? diffViewOf(next, env) : undefined;
	if (!view || !nextView || next.name !== 'diff') return {...state, screen: next};
	if (screen.diff.top === 0) return {...state, screen: next};
	// The version both pairs show (v3 of v2→v3 and v3→v4) keeps the token at the top.
	const shared = sharedSide(pair, stepped.pair);
	if (shared && view.tokenAt && nextView.rowOfToken) {
		const token = view.tokenAt(shared.current, screen.diff.top);
		const top = clampTop(nextView.rowOfToken(shared.next, token), nextView);
		return {...state, screen: {...next, diff: {...kept, top}}};
	}
	// Exact row counts, not a long diff's estimates: G measures them so anyway.
	view.measureAll?.();
	nextView.measureAll?.();
	const room = view.rows - view.height;
	const share = room > 0 ? Math.min(1, screen.diff.top / room) : 0;
	const top = clampTop(Math.round(share * (nextView.rows - nextView.height)), nextView);
	return {...state, screen: {...next, diff: {...kept, top}}};
}

// ————————————————————————————————————————————— reader

/** What the library's search of `query` matches in a text, so the reader's `/` reads the same
 * query language (typos, several words, "quoted phrases") and highlights what the library
 * does. Without an index yet, the reader looks for the query as written. */
function finderFor(query: string, env: AppEnv): {finder?: TextFinder} {
	if (query.trim() === '') return {};
	const found = env.search(query);
	if (found === undefined) return {};
	const matcher = found.results[0]?.matcher;
	return {finder: matcher ? (text) => findQueryMatches(text, matcher).ranges : () => []};
}

export function readerViewOf(
	screen: Extract<Screen, {name: 'reader'}>,
	env: AppEnv,
): ReaderView | undefined {
	const layout = env.readerLayout?.(screen.document, env.columns);
	return layout && {layout, height: Math.max(1, screenHeight(env) - 1)};
}

/** ↑ ↓ in the reader's search line: the matches of what is typed, one by one, still typing. */
function browse(
	reader: ReaderState,
	direction: 'previous' | 'next',
	view: ReaderView,
	env: AppEnv,
): ReaderState {
	const prompt = reader.prompt!;
	const query = prompt.text.trim();
	if (query === '') return reader;
	const searched =
		reader.search?.query === query
			? readerReducer(reader, direction === 'next' ? 'next-match' : 'previous-match', view)
			: readerReducer(reader, {type: 'search-submit', ...finderFor(query, env)}, view);
	return {...searched, prompt};
}

function readerCommand(state: AppState, key: string, env: AppEnv): Stepped {
	const screen = state.screen as Extract<Screen, {name: 'reader'}>;
	const view = readerViewOf(screen, env);
	if (!view || !screen.reader) return only(state);
	// A message is shown once: the next key clears it.
	const reader: ReaderState =
		screen.reader.message === undefined ? screen.reader : {...screen.reader, message: undefined};
	const apply = (command: ReaderCommand): Stepped => {
		const next = noteEnd(readerReducer(reader, command, view), view);
		return only({...state, screen: {...screen, reader: next}});
	};
	if (reader.prompt !== undefined) {
		const outcome = promptKey(reader.prompt, key);
		if (outcome.kind === 'edit') return apply({type: 'search-edit', prompt: outcome.prompt});
		if (outcome.kind === 'none') return apply({type: 'search-edit', prompt: reader.prompt});
		switch (outcome.command) {
			case 'submit': {
				// After ↑ ↓ went through this query's matches, Enter stays on the one shown.
				const browsed = reader.search?.query === reader.prompt.text.trim();
				if (browsed && reader.search?.current !== undefined) return apply({type: 'search-cancel'});
				return apply({type: 'search-submit', ...finderFor(reader.prompt.text, env)});
			}
			case 'cancel':
				return apply({type: 'search-cancel'});
			case 'previous':
			case 'next':
				return only({
					...state,
					screen: {...screen, reader: browse(reader, outcome.command, view, env)},
				});
			case 'keep':
				return apply({type: 'search-edit', prompt: reader.prompt});
		}
	}
	const action = actionFor(readerKeymap, key);
	switch (action) {
		case undefined:
			return apply({type: 'resize'});
		case 'back':
			return {
				state: {...state, screen: {name: 'library'}},
				effects: [savePlace(screen.document, reader, view)],
			};
		case 'reload':
			return only(reloadCommand({...state, screen: {...screen, reader}}, screen.document, env));
		case 'edit':
		case 'page': {
			const program = action === 'edit' ? 'editor' : 'pager';
			return {
				state: {...state, screen: {...screen, reader}},
				effects: [
					savePlace(screen.document, reader, view),
					{type: 'hand-off', program, document: screen.document},
				],
			};
		}
		case 'help':
			return only({...state, help: {top: 0}, screen: {...screen, reader}});
		case 'diff':
			return only(startDiff({...state, screen: {...screen, reader}}, screen.document, env));
		case 'history':
			return only(startHistory({...state, screen: {...screen, reader}}, screen.document, env));
		default:
			return apply(action);
	}
}

/** The reader with `seenEnd` set once the article's last line has been on screen. */
function noteEnd(reader: ReaderState, view: ReaderView): ReaderState {
	if (reader.seenEnd) return reader;
	return readingOf(reader, view).reachedEnd ? {...reader, seenEnd: true} : reader;
}

function savePlace(document: Document, reader: ReaderState, view: ReaderView | undefined): Effect {
	const place = {type: 'save-place' as const, document, anchor: reader.anchor};
	if (!view) return place;
	const reading = readingOf(reader, view);
	return {...place, reading: {...reading, reachedEnd: reading.reachedEnd || !!reader.seenEnd}};
}

// ————————————————————————————————————————————— the loop

function only(state: AppState): Stepped {
	return {state, effects: []};
}

/** Places to remember when the app goes away: the reader on screen or on the way back. The
 * environment, when given, says how far the article was read. */
export function leaveEffects(state: AppState, env?: AppEnv): Effect[] {
	const effects: Effect[] = [];
	for (let screen: Screen | undefined = state.screen; screen;) {
		if (screen.name === 'reader') {
			if (screen.reader)
				effects.push(savePlace(screen.document, screen.reader, env && readerViewOf(screen, env)));
			break;
		}
		screen = screen.name === 'diff' || screen.name === 'history' ? screen.back : undefined;
	}
	return effects;
}

function quit(state: AppState, code: number, env?: AppEnv): Stepped {
	return {
		state: {...state, ended: true, pending: []},
		effects: [...leaveEffects(state, env), {type: 'quit', code}],
	};
}

/** The keymap whose help the current screen shows, and its title. */
export function helpFor(state: AppState): {title: string; keymap: Keymap<string>} {
	switch (state.screen.name) {
		case 'library':
			return {title: 'Library', keymap: [...libraryKeymap, ...appKeymap]};
		case 'reader':
			return {title: 'Reader', keymap: [...readerKeymap, ...appKeymap]};
		case 'diff':
			return state.screen.story
				? {title: 'Diff', keymap: [...diffKeymap, ...historyPairKeymap, ...appKeymap]}
				: {title: 'Diff', keymap: [...diffKeymap, ...appKeymap]};
		case 'history':
			return state.screen.history.showing === 'provenance'
				? {title: 'Which parts came when', keymap: [...provenanceKeymap, ...appKeymap]}
				: {title: 'History', keymap: [...historyKeymap, ...appKeymap]};
	}
}

/** Library keys, outside the search line, that act on the selected result. */
const RESULT_ACTIONS: ReadonlySet<string> = new Set([
	'open',
	'mark',
	'diff',
	'history',
	'toggle-read',
	'edit',
	'page',
]);

/** The library's keys that move the cursor: its keymap's moves, and the search line's. */
const MOVES: ReadonlySet<string> = new Set<string>([
	...libraryKeymap.filter((binding) => binding.group === 'Move').map((binding) => binding.action),
	'previous',
	'next',
]);

/**
 * Whether `key` acts on a search result (Enter, Space, d, h, r, e, o) while the search has not
 * seen every document, or there is no search yet, or moves the cursor while nothing is listed
 * under the query (no match so far): it waits, with the keys after it, until the answer is
 * complete, so that a query and Enter typed together open what typing them on a screen that
 * had caught up would, not whatever ranked first among the documents indexed so far, and
 * ↓ ↓ Enter the third result.
 */
function awaitsResults(state: AppState, key: string, env: AppEnv): boolean {
	const {screen, library} = state;
	if (screen.name !== 'library' || state.help || library.filter === 'unfiltered') return false;
	if (library.query.trim() === '') return false;
	let action: string | undefined;
	if (library.filter === 'filtering') {
		const outcome = promptKey(searchPrompt(library), key);
		if (outcome.kind !== 'command') return false;
		action = outcome.command;
	} else action = actionFor(libraryKeymap, key);
	const moves = MOVES.has(action ?? '');
	if (!moves && action !== 'submit' && !RESULT_ACTIONS.has(action ?? '')) return false;
	const found = env.search(library.query);
	// No index yet (a query and Enter typed as the app starts): one will come, unless the
	// folder has turned out empty.
	if (found === undefined) return !env.corpus.done || env.corpus.documents.length > 0;
	// A move typed while nothing is listed (no match so far), or already waiting, moves over the
	// whole answer, as the Enter after it opens from it: over the first documents' answer,
	// /iran ↓ ↓ Enter written together opened the first result. One typed on a list acts on it.
	if (moves) return found.complete === false && (state.pending.length > 0 || found.total === 0);
	return found.complete === false;
}

/** The library's keys that need the remembered places (`library` in AppEnv). */
const PLACES_ACTIONS: ReadonlySet<string> = new Set(['unread-only', 'sort', 'toggle-read']);

/**
 * Whether `key` needs the remembered places while they are still being read: it waits, with
 * the keys after it, until they are, rather than saying that what was read is not kept.
 */
function awaitsPlaces(state: AppState, key: string, env: AppEnv): boolean {
	if (env.placesReading !== true || env.library !== undefined) return false;
	if (state.screen.name !== 'library' || state.help || state.library.filter === 'filtering') {
		return false;
	}
	return PLACES_ACTIONS.has(actionFor(libraryKeymap, key) ?? '');
}

/** Whether `key` waits for what it acts on (see awaitsResults and awaitsPlaces). */
function awaits(state: AppState, key: string, env: AppEnv): boolean {
	return awaitsResults(state, key, env) || awaitsPlaces(state, key, env);
}

/** Whether the screen cannot take keys yet; they wait in `pending`. */
function waiting(state: AppState, env: AppEnv): boolean {
	if (state.findingVersions) return true;
	const {screen} = state;
	if (screen.name === 'reader') return screen.reader === undefined;
	if (screen.name === 'diff') return diffViewOf(screen, env) === undefined;
	return false;
}

/** Brings the state up to date with the environment: a screen whose layout has arrived is
 * set up, a size change is applied. Does not read keys. */
function prepare(state: AppState, env: AppEnv): AppState {
	const {screen} = state;
	if (screen.name === 'reader') {
		const view = readerViewOf(screen, env);
		if (!view) return state;
		if (!screen.reader) {
			const start = readerStart(screen.document, screen.start, env);
			const reader = noteEnd(initialReaderState(view, start), view);
			// Opening where it was left is said, with the way back to the top.
			const resumed =
				start.anchor !== undefined && start !== screen.start && topLine(reader, view) > 0;
			const message = resumed
				? resumedAt(statusFor(reader, view.layout, view.height).percent)
				: (start.message ?? reader.message);
			return {...state, screen: {...screen, reader: {...reader, message}}};
		}
		// A new size may move the top line; it does not dismiss a message.
		const resized = readerReducer(screen.reader, {type: 'resize'}, view);
		if (resized.anchor === screen.reader.anchor) return state;
		return {...state, screen: {...screen, reader: {...resized, message: screen.reader.message}}};
	}
	if (screen.name === 'diff') {
		const resized = resizedDiff(screen, env);
		return resized === screen ? state : {...state, screen: resized};
	}
	return state;
}

/** The diff screen at the terminal's size: at a new size, the same passage at the top and the
 * current match or change still on screen (keptThroughResize). */
function resizedDiff(screen: DiffScreen, env: AppEnv): DiffScreen {
	const {size} = screen.diff;
	if (size?.columns === env.columns && size.rows === env.rows) return screen;
	const view = diffViewOf(screen, env);
	if (!view) return screen;
	const now = {columns: env.columns, rows: env.rows};
	const before = size && diffViewOf(screen, {...env, ...size});
	const diff = before
		? keptThroughResize(screen.diff, before, view, now)
		: {...screen.diff, size: now};
	return {...screen, diff};
}

/** Whether the key being typed into is a prompt's, which has Alt chords of its own. */
function prompting(state: AppState): boolean {
	if (state.help) return false;
	const {screen} = state;
	if (screen.name === 'library') return state.library.filter === 'filtering';
	if (screen.name === 'diff') return screen.diff.search?.prompt !== undefined;
	return screen.name === 'reader' && screen.reader?.prompt !== undefined;
}

/** Said when text is pasted where nothing is being typed. */
export const PASTE_OUTSIDE_PROMPT = 'pasted text goes into a search: / starts one';

/**
 * A paste outside a prompt: never read as keys (a pasted "q" or Esc must not act), and said
 * where the screen has a line for it. The help overlay and the history screen ignore it.
 */
function pasteOutsidePrompt(state: AppState): AppState {
	const {screen} = state;
	if (state.help) return state;
	switch (screen.name) {
		case 'library':
			return {...state, notice: PASTE_OUTSIDE_PROMPT};
		case 'reader':
			if (!screen.reader) return state;
			return {
				...state,
				screen: {...screen, reader: {...screen.reader, message: PASTE_OUTSIDE_PROMPT}},
			};
		case 'diff':
			return {...state, screen: {...screen, diff: {...screen.diff, message: PASTE_OUTSIDE_PROMPT}}};
		case 'history':
			return state;
	}
}

/** One key, on a screen that can take it. */
function apply(state: AppState, key: string, env: AppEnv): Stepped {
	// A terminal sends Alt+x as Esc then x, so Esc and a key pressed quickly after it arrive
	// as an Alt chord. Where that chord means nothing, they are the two keys they were.
	if (key.startsWith('alt+') && !(prompting(state) && actionFor(promptKeymap, key))) {
		const escaped = apply(state, 'escape', env);
		if (escaped.state.ended) return escaped;
		const next = apply(escaped.state, key.slice('alt+'.length), env);
		return {state: next.state, effects: [...escaped.effects, ...next.effects]};
	}
	const global = actionFor(appKeymap, key);
	if (global === 'interrupt') return quit(state, EXIT_INTERRUPTED, env);
	if (global === 'suspend') return {state, effects: [{type: 'suspend'}]};
	const searchWait = state.screen.name === 'library' && state.library.filter !== 'unfiltered';
	if (!waiting(state, env) && state.pending.length > 0 && key === 'escape' && searchWait) {
		// The way out of a wait for a search's whole answer (seconds, on a first run): the keys
		// typed since are dropped, and Esc acts.
		return apply({...state, pending: [], notice: undefined}, key, env);
	}
	if (!waiting(state, env) && (state.pending.length > 0 || awaits(state, key, env))) {
		// Keys behind one that waits (for the search, or the places) wait too, in order; a wait
		// for the search is said, with the way out.
		const notice = searchWait ? KEYS_WAIT_FOR_ANSWER : state.notice;
		return only({...state, pending: [...state.pending, key], notice});
	}
	if (waiting(state, env)) {
		if (state.findingVersions && key === 'escape')
			return only({...state, findingVersions: undefined, pending: [], notice: undefined});
		if (state.screen.name === 'diff' && !state.findingVersions && leavesDiff(key))
			return diffCommand({...state, pending: []}, key, env);
		return only({...state, pending: [...state.pending, key]});
	}
	const quiet: AppState = state.notice === undefined ? state : {...state, notice: undefined};
	if (pastedText(key) !== undefined && !prompting(quiet)) return only(pasteOutsidePrompt(quiet));
	if (quiet.help) {
		const {keymap} = helpFor(quiet);
		return only({
			...quiet,
			help: helpKey(quiet.help, key, keymap, {width: env.columns, height: screenHeight(env)}),
		});
	}
	switch (quiet.screen.name) {
		case 'library':
			return libraryCommand(quiet, key, env);
		case 'reader':
			return readerCommand(quiet, key, env);
		case 'diff':
			return diffCommand(quiet, key, env);
		case 'history':
			return historyCommand(quiet, key, env);
	}
}

/**
 * The state after the environment changed (a module loaded, the versions became known, the
 * terminal was resized): screens are set up, `d` waiting for versions opens its diff, and keys
 * that were waiting are applied in order.
 */
export function refresh(state: AppState, env: AppEnv): Stepped {
	if (state.ended) return only(state);
	let current = followCursor(prepare(state, env), env);
	const effects: Effect[] = [];
	const finding = current.findingVersions;
	if (finding && env.versions.ready && (finding.purpose === 'diff' || env.history)) {
		const found = {...current, findingVersions: undefined, notice: undefined};
		current =
			finding.purpose === 'diff'
				? startDiff(found, finding.document, env)
				: startHistory(found, finding.document, env);
	}
	// A notice that came while keys waited (the state file could not be used, say) is kept
	// beside what they say: replayed at once, they replaced it before any frame showed it.
	const arrived = current.notice === KEYS_WAIT_FOR_ANSWER ? undefined : current.notice;
	const waited = current.pending.length;
	while (
		current.pending.length > 0 &&
		!waiting(current, env) &&
		!awaits(current, current.pending[0]!, env) &&
		!current.ended
	) {
		const [key, ...rest] = current.pending;
		// Applied as if typed now, the keys after it still waiting behind it.
		const result = apply({...current, pending: []}, key!, env);
		const after = result.state.ended
			? result.state
			: {...result.state, pending: [...result.state.pending, ...rest]};
		current = noteCursor(prepare(after, env), env);
		effects.push(...result.effects);
	}
	if (arrived !== undefined && current.pending.length < waited && !current.ended) {
		const said = current.notice;
		if (said !== arrived) {
			current = {...current, notice: said === undefined ? arrived : `${arrived} · ${said}`};
		}
	}
	return {state: current, effects};
}

/** What one key does. */
export function step(state: AppState, key: string, env: AppEnv): Stepped {
	if (state.ended) return only(state);
	const ready = refresh(state, env);
	const result = apply(ready.state, key, env);
	return {
		state: noteCursor(prepare(result.state, env), env),
		effects: [...ready.effects, ...result.effects],
	};
}

/** Every key of a chunk, in order, each seeing the state the one before it left. */
export function fold(state: AppState, keys: readonly string[], env: AppEnv): Stepped {
	let current = state;
	const effects: Effect[] = [];
	for (const key of keys) {
		const result = step(current, key, env);
		current = result.state;
		effects.push(...result.effects);
	}
	return {state: current, effects};
}
