import React, {useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState} from 'react';
import {Box, Text, useApp} from 'ink';
import type {Document} from '../core/types.js';
import {
	diffRequest,
	CHANGED_ON_DISK,
	documentReplaced,
	documentUnderCursor,
	fold,
	folderChangeLine,
	folderChanged,
	helpFor,
	historyFrameInput,
	initialAppState,
	leaveEffects,
	shownLibraryInput,
	readerViewOf,
	refresh,
	rememberedSort,
	screenHeight,
	storyVersions,
	type AppEnv,
	type AppState,
	type Effect,
	type Screen,
	type Stepped,
} from '../core/app/state.js';
import {initialDiffViewState} from '../core/diff-view/state.js';
import {isSortOrder} from '../core/library/sort.js';
import {documentDate} from '../core/library/document-date.js';
import type {LibraryFacts} from '../core/library/order.js';
import {readStateOf} from '../core/library/read-state.js';
import {isSkipped, loadFile} from '../core/corpus/load.js';
import {
	changedFilesOf,
	describeChanges,
	filesToTell,
	skippedNow,
	type ChangedFiles,
	emptyOverlay,
	overlaid,
	withChanges,
	type FolderOverlay,
} from '../core/corpus/live.js';
import {listedWhole, refreshedBetween} from '../core/corpus/state.js';
import {useFolderWatch} from './use-folder-watch.js';
import {handOff} from './hand-off.js';
import {usePositions} from './use-positions.js';
import {fileModified} from '../core/corpus/modified.js';
import {snippetFor} from '../core/search/index.js';
import {rememberingStoreSearch} from '../core/store/narrowed-search.js';
import {librarySearch} from '../core/app/library-search.js';
import {useKeys} from './keyboard.js';
import {noteFrame, TYPING_MS} from './key-activity.js';
import {useCorpus} from './use-corpus.js';
import {useIdleWork} from './use-idle-work.js';
import {useReaderPrefetch} from './use-reader-prefetch.js';
import {usePreloaded} from './use-preloaded.js';
import type {FirstPaint} from './first-paint.js';
import {useBackgroundIndexes} from './use-background-indexes.js';
import {useTerminalSize} from './use-terminal-size.js';
import {useColour} from './theme.js';
import {Library} from './library.js';
import type * as HistoryScreen from './history.js';
import {HelpOverlay} from './help.js';
import {TooSmall, isTooSmall} from './too-small.js';

// The reader and the diff are not needed for the first frame, which is painted before this
// module loads; they start loading with it, so they are there when Enter or d is pressed
// rather than being fetched then, between slices of background indexing. Keys typed before
// one has loaded wait in the app state and are applied when it has.
const readerModule = import('./reader.js');
const diffModule = import('./diff-view.js');
// The history is needed only once the versions are known (h waits for them): it starts loading
// then, so it does not compete with the library's loading or a diff opened from the command line.
let historyLoading: Promise<typeof HistoryScreen> | undefined;
const loadHistory = () => (historyLoading ??= import('./history.js'));

export type InitialScreen =
	| {readonly name: 'library'}
	| {
			readonly name: 'diff';
			readonly a: string;
			readonly b: string;
			/** --ignore-boilerplate: changes outside the headline and body hidden. */
			readonly storyOnly?: boolean;
	  };

export interface AppProps {
	readonly folder: string;
	/** How the folder is named on screen (sanitised). */
	readonly folderLabel: string;
	readonly initialScreen: InitialScreen;
	/** Documents already read, e.g. the two the diff command opened. */
	readonly preloaded?: readonly Document[] | undefined;
	/** Whether reading positions are remembered across runs. */
	readonly remember: boolean;
	/** A line to show until the first key (the cache could not be used, say). */
	readonly notice?: string | undefined;
	/** Where positions are kept; default from XDG_STATE_HOME (core/positions.ts positionsFile). */
	readonly positionsFile?: string;
	/** The frame painted before Ink loaded: the library goes on from its loader. */
	readonly firstPaint?: FirstPaint | undefined;
	/** Called once when the user quits, with the process's exit code (0 for q, 130 for Ctrl+C);
	 * the app then unmounts. */
	readonly onQuit?: (code: number) => void;
	/** Ctrl+Z. By default the process stops itself with SIGTSTP, as a shell's job control
	 * expects (the terminal module leaves and re-enters the screen around it). */
	readonly onSuspend?: () => void;
}

function firstScreen(initial: InitialScreen, preloaded: readonly Document[]): Screen {
	if (initial.name === 'diff') {
		const a = preloaded.find((document) => document.id === initial.a);
		const b = preloaded.find((document) => document.id === initial.b);
		if (a && b) {
			const diff = {...initialDiffViewState(), storyOnly: initial.storyOnly ?? false};
			return {name: 'diff', a, b, diff, back: undefined};
		}
	}
	return {name: 'library'};
}

/** Saves between keys do not wait for another instance's lock (a lock left behind would hold
 * keys and screen up to 10 s each time): the places stay pending, for the next save or the last
 * one, as the app ends (use-positions.ts). */
const SESSION_SAVE = {waitForLock: false} as const;

/** Most documents a keystroke indexes on the spot from the store (see searchThroughStore): on
 * the bench corpus, with the machine loaded (load 8–17), 50 took 0.2 s and 400 over 1 s. */
const STORE_SEARCH_CANDIDATES = 200;

export function App(props: AppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize();
	const colour = useColour();

	const startsInLibrary = props.initialScreen.name === 'library';
	const loadedCorpus = useCorpus(startsInLibrary ? props.folder : undefined, props.firstPaint);
	// What changed in the folder since it loaded (the watcher, the editor), over the loaded corpus.
	const [overlay, setOverlay] = useState<FolderOverlay>(emptyOverlay);
	const live = useMemo(
		() => overlaid(loadedCorpus.documents, overlay),
		[loadedCorpus.documents, overlay],
	);
	const corpus = useMemo(() => {
		// Files that turned binary (say) since the load are skipped, as a new start would say.
		const skipped = skippedNow(loadedCorpus.skipped, overlay);
		return live.documents === loadedCorpus.documents && skipped === loadedCorpus.skipped
			? loadedCorpus
			: {...loadedCorpus, documents: live.documents, skipped};
	}, [loadedCorpus, live, overlay]);
	// Made when first asked (a change in the folder), not at every batch shown while loading: a
	// set of every id, and the map below, made again for each took 0.1 s of the listing at
	// 100,000 documents.
	const isLoaded = useMemo(() => {
		let ids: Set<string> | undefined;
		return (id: string) =>
			(ids ??= new Set(loadedCorpus.documents.map((document) => document.id))).has(id);
	}, [loadedCorpus.documents]);
	const indexes = useBackgroundIndexes(
		live.indexOrder,
		corpus.done,
		props.firstPaint?.store,
		live,
		listedWhole(corpus),
		props.firstPaint?.searchSnapshot,
	);
	const storeSearch = useRef(
		rememberingStoreSearch({mostCandidates: STORE_SEARCH_CANDIDATES}),
	).current;
	// A notice from outside the keys (the state file cannot be used, a save failed) goes into
	// the app state like any other; the store is read off the render path and arrives later.
	const notifyRef = useRef<(message: string) => void>(() => undefined);
	const positions = usePositions({
		remember: props.remember,
		file: props.positionsFile,
		folder: props.folder,
		notify: (message) => notifyRef.current(message),
	});
	const reader = usePreloaded(readerModule);
	const diff = usePreloaded(diffModule);
	const [historyModule, setHistoryModule] = useState<ReturnType<typeof loadHistory>>();
	const history = usePreloaded(historyModule);
	// What was read changes as articles are left or marked: the library's facts are made again.
	const [placesChanged, placeChanged] = useReducer((count: number) => count + 1, 0);
	// A long diff arrives after its first frame: then the app draws and steps again.
	const [diffsReady, diffReady] = useReducer((count: number) => count + 1, 0);

	const byId = useMemo(() => {
		let documents: Map<string, Document> | undefined;
		return (id: string) =>
			(documents ??= new Map(corpus.documents.map((document) => [document.id, document]))).get(id);
	}, [corpus.documents]);
	const {indexed} = indexes;
	const versionsReady = corpus.done && indexed >= corpus.documents.length;
	useEffect(() => {
		if (startsInLibrary && versionsReady) setHistoryModule(loadHistory());
	}, [startsInLibrary, versionsReady]);
	// Stories are ordered and their steps diffed in the background once the versions are known
	// (and at once, if a history is opened before the job reached it), and kept.
	const stories = useMemo(
		() =>
			history && versionsReady
				? history.historyEnv(indexes.versions.groups(), corpus.documents, {
						modifiedOf: fileModified,
						nowMs: Date.now(),
						localOffset: (ms) => -new Date(ms).getTimezoneOffset(),
					})
				: undefined,
		[history, versionsReady, corpus.documents, indexes.versions],
	);
	// Not while keys come: a history opened meanwhile works out what it shows itself, and slices
	// run between keys kept the main thread busy, so the next key's frame waited for the core
	// (the bench's first run: about 2 s of slices in 35 s of typing, at load 9-12).
	useIdleWork(stories?.workInBackground, undefined, TYPING_MS);
	// A document's date needs its file's time (a stat): asked once per document, not again each
	// time what was read changes.
	const dates = useRef(new WeakMap<Document, number | undefined>()).current;
	const libraryFacts: LibraryFacts | undefined = useMemo(() => {
		const places = positions.store;
		if (!places) return undefined;
		return {
			readStateOf: (document) => readStateOf(places.record(document.id), document),
			lastReadOf: (document) => places.record(document.id)?.savedAt,
			dateOf: (document) => {
				if (!dates.has(document)) dates.set(document, documentDate(document));
				return dates.get(document);
			},
			// Versions are listed together once they are all known; until then each stands alone.
			groupOf: (document) =>
				(versionsReady && indexes.versions.groupOf(document.id)?.documents[0]) || document.id,
		};
		// placesChanged: the store is the same object with other places in it.
	}, [positions.store, placesChanged, versionsReady, indexes.versions]);
	// Made again only when what it answers from changes: the env is made again each time the
	// versions index moves (every 100 ms while it is built, seconds at 100,000 documents), and a
	// search made anew asks again (a common word: 5–40 ms of the main thread each time).
	const search = useMemo(
		() =>
			librarySearch(
				indexes.search,
				indexes.searchIndexed,
				corpus,
				props.firstPaint?.store,
				storeSearch,
			),
		[indexes.search, indexes.searchIndexed, corpus, props.firstPaint?.store, storeSearch],
	);
	const env: AppEnv = useMemo(() => {
		return {
			columns,
			rows,
			folderLabel: props.folderLabel,
			corpus,
			indexed,
			search,
			versions: {
				ready: versionsReady,
				closest: (document) => byId(indexes.versions.closestVersion(document.id)?.id ?? ''),
				count: (id) => (indexed > 0 ? (indexes.versions.groupOf(id)?.documents.length ?? 0) : 0),
			},
			// Until the remembered places are read, the reader is not ready: keys for it wait.
			readerLayout: positions.ready ? reader?.readerLayoutFor : undefined,
			diffView: diff && ((request) => diff.diffRowsFor(request, colour, diffReady)?.view),
			remembered: (document) => positions.store?.get(document.id, document.hash),
			placeChanged: (document) =>
				positions.store?.changedSince(document.id, document.hash) ?? false,
			snippet: snippetFor,
			history: stories,
			library: libraryFacts,
			remembering: props.remember,
			placesReading: props.remember && !positions.ready,
		};
		// diffsReady: a diff computed later is now in the module's cache.
	}, [
		columns,
		rows,
		corpus,
		indexed,
		search,
		byId,
		reader,
		diff,
		colour,
		diffsReady,
		positions.store,
		positions.ready,
		stories,
		libraryFacts,
	]);

	const store = useRef<AppState>(undefined);
	store.current ??= initialAppState(
		firstScreen(props.initialScreen, props.preloaded ?? []),
		props.notice,
	);
	const [snapshot, setSnapshot] = useState<AppState>(store.current);
	const latestEnv = useRef(env);
	latestEnv.current = env;

	const runEffect = (effect: Effect) => {
		switch (effect.type) {
			case 'save-place':
				if (!positions.store) return;
				positions.store.set(
					effect.document.id,
					effect.document.hash,
					effect.anchor,
					effect.reading,
				);
				positions.store.saveSync(SESSION_SAVE);
				placeChanged();
				return;
			case 'mark-read':
				if (!positions.store) return;
				positions.store.mark(effect.document.id, effect.document.hash, effect.mark);
				positions.store.saveSync(SESSION_SAVE);
				placeChanged();
				return;
			case 'save-sort':
				if (!positions.store) return;
				positions.store.setSettings({sort: effect.sort});
				positions.store.saveSync(SESSION_SAVE);
				return;
			case 'hand-off': {
				const outcome = handOff(effect.program, effect.document);
				if (outcome.problem) notifyRef.current(outcome.problem);
				if (outcome.changed) void reread(effect.document);
				return;
			}
			case 'suspend':
				if (props.onSuspend) props.onSuspend();
				else process.kill(process.pid, 'SIGTSTP');
				return;
			case 'quit':
				props.onQuit?.(effect.code);
				exit();
				return;
		}
	};
	const commit = ({state, effects}: Stepped) => {
		if (state !== store.current) {
			store.current = state;
			setSnapshot(state);
		}
		for (const effect of effects) runEffect(effect);
	};

	notifyRef.current = (message) =>
		commit({state: {...store.current!, notice: message}, effects: []});

	/** Reads an article's file again (the editor changed it): its row and, when open, the
	 * reader show the new text, at the same place. */
	const reread = async (document: Document) => {
		const found = await loadFile({
			id: document.id,
			path: document.path,
			...(document.rawPath ? {rawPath: document.rawPath} : {}),
		});
		if (isSkipped(found)) {
			notifyRef.current(
				`“${document.fileName}” cannot be read now: ${found.detail ?? found.reason}`,
			);
			return;
		}
		setOverlay((previous) => withChanges(previous, [{kind: 'read', document: found}], isLoaded));
		commit({
			state: documentReplaced(store.current!, found, CHANGED_ON_DISK),
			effects: [],
		});
	};

	// The folder is watched once loaded: new, changed and removed files show without a restart.
	// The files the last folder-change line told of: see filesToTell.
	const toldFiles = useRef<ChangedFiles>(undefined);
	const shownDocuments = useRef(corpus.documents);
	shownDocuments.current = corpus.documents;
	const skippedNowShown = useRef(corpus.skipped);
	skippedNowShown.current = corpus.skipped;
	useFolderWatch({
		folder: startsInLibrary ? props.folder : undefined,
		// Once the kept search index is taken up too: the watch's first look stats every file, and
		// at 100,000 documents (0.7 s of the main thread) it held up reading the snapshot, and so
		// the folder being searchable. Files changed meanwhile are found by that first look.
		loaded: corpus.done && indexes.settled,
		current: () => shownDocuments.current,
		skipped: () => skippedNowShown.current,
		notify: (message) => notifyRef.current(message),
		store: props.firstPaint?.store,
		onChanges: (changes) => {
			const known = new Set(shownDocuments.current.map((document) => document.id));
			setOverlay((previous) => withChanges(previous, changes, isLoaded));
			const files = filesToTell(
				changedFilesOf(changes, (id) => known.has(id)),
				toldFiles.current,
				folderChangeLine(store.current!),
			);
			toldFiles.current = files;
			commit({
				state: folderChanged(store.current!, changes, describeChanges(files)),
				effects: [],
			});
		},
	});

	// A file listed as stored and read again at start (core/corpus/load's refreshLater): an
	// article open meanwhile says its file changed, as the live folder's changes do.
	const lastCorpus = useRef(loadedCorpus);
	useEffect(() => {
		const changes = refreshedBetween(lastCorpus.current, loadedCorpus);
		lastCorpus.current = loadedCorpus;
		if (changes.length > 0) {
			commit({state: folderChanged(store.current!, changes, undefined), effects: []});
		}
	}, [loadedCorpus]);

	// The order remembered for the folder, once the remembered places are read.
	useEffect(() => {
		const sort = positions.store?.settings().sort;
		if (sort !== undefined && isSortOrder(sort))
			commit({state: rememberedSort(store.current!, sort, latestEnv.current), effects: []});
	}, [positions.store]);

	// Every key of a chunk is folded through the step at once; React draws the result once.
	useKeys((keys) => {
		const stepped = fold(store.current!, keys, latestEnv.current);
		// Nothing to draw: background work need not wait for a frame (see key-activity.ts).
		if (stepped.state === store.current) noteFrame();
		commit(stepped);
	});
	// The environment changed (a module loaded, the versions became known, a resize): screens
	// waiting for it are set up and keys waiting for them are applied.
	useLayoutEffect(() => commit(refresh(store.current!, env)), [env]);
	// However the app goes away (a signal, a crash), the place in the article is remembered:
	// by the effects runner of the last render, which has the positions once they are read
	// (the first render's has none yet, so a SIGHUP or SIGTERM lost the place).
	const latestRunEffect = useRef(runEffect);
	latestRunEffect.current = runEffect;
	useEffect(
		() => () => {
			if (store.current && !store.current.ended)
				leaveEffects(store.current, latestEnv.current).forEach(latestRunEffect.current);
		},
		[],
	);

	useReaderPrefetch(
		documentUnderCursor(snapshot, env),
		env.columns,
		env.readerLayout,
		screenHeight(env),
	);

	if (isTooSmall(columns, rows)) return <TooSmall columns={columns} rows={rows} />;
	const height = screenHeight(env);
	if (snapshot.help) {
		const {title, keymap} = helpFor(snapshot);
		return (
			<HelpOverlay
				title={title}
				keymap={keymap}
				help={snapshot.help}
				width={columns}
				height={height}
			/>
		);
	}
	const loading = (
		<Box width={columns} height={height}>
			<Text dimColor>Opening…</Text>
		</Box>
	);
	const {screen} = snapshot;
	switch (screen.name) {
		case 'library':
			return <Library input={shownLibraryInput(snapshot, env)} />;
		case 'reader': {
			const view = readerViewOf(screen, env);
			if (!reader || !view || !screen.reader) return loading;
			const {Reader} = reader;
			return (
				<Reader
					document={screen.document}
					state={screen.reader}
					view={view}
					width={columns}
					height={height}
					notice={snapshot.notice}
				/>
			);
		}
		case 'diff': {
			if (!diff) return loading;
			const {DiffView} = diff;
			const rows = diff.diffRowsFor(diffRequest(screen, screen.diff, env), colour, diffReady);
			return (
				<DiffView
					a={screen.a}
					b={screen.b}
					state={screen.diff}
					rows={rows}
					width={columns}
					height={height}
					versions={storyVersions(screen)}
				/>
			);
		}
		case 'history': {
			if (!history) return loading;
			const {History} = history;
			return <History input={historyFrameInput(screen, env)} />;
		}
	}
}
