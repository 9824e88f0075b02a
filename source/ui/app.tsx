import React, {useCallback, useMemo, useState} from 'react';
import {join} from 'node:path';
import {Box, Text, useApp} from 'ink';
import {useKeyboard} from './keyboard.js';
import {xdgState} from 'xdg-basedir';
import type {Document} from '../core/types.js';
import {
	initialLibraryState,
	libraryReducer,
	type LibraryAction,
	type LibraryState,
	type LibraryView,
} from '../core/library/state.js';
import type {Anchor} from '../core/reader/layout.js';
import {PositionStore} from '../core/positions.js';
import type {SearchResult} from '../core/search/index.js';
import {findMatches} from '../core/search/matching.js';
import {useCorpus} from './use-corpus.js';
import {usePreloaded} from './use-preloaded.js';
import type {FirstPaint} from './first-paint.js';
import {useBackgroundIndexes} from './use-background-indexes.js';
import {useTerminalSize} from './use-terminal-size.js';
import {Library} from './library.js';
import {TooSmall, isTooSmall} from './too-small.js';

// The reader and the diff are not needed for the first frame, which is painted before this
// module loads; they start loading with it, so they are there when Enter or d is pressed
// rather than being fetched then, between slices of background indexing.
const readerModule = import('./reader.js');
const diffModule = import('./diff-view.js');

export type InitialScreen =
	{readonly name: 'library'} | {readonly name: 'diff'; readonly a: string; readonly b: string};

export interface AppProps {
	readonly folder: string;
	/** How the folder is named on screen (sanitised). */
	readonly folderLabel: string;
	readonly initialScreen: InitialScreen;
	/** Documents already read, e.g. the two the diff command opened. */
	readonly preloaded?: readonly Document[];
	/** Whether reading positions are remembered across runs. */
	readonly remember: boolean;
	/** A line to show until the first key (the cache could not be used, say). */
	readonly notice?: string;
	/** Where positions are kept; default $XDG_STATE_HOME/reading-room/positions.json. */
	readonly positionsFile?: string;
	/** The frame painted before Ink loaded: the library goes on from its loader. */
	readonly firstPaint?: FirstPaint | undefined;
}

type Screen =
	| {readonly name: 'library'}
	| {
			readonly name: 'reader';
			readonly document: Document;
			/** The library search it was opened from: the reader starts at its first match. */
			readonly search?: {readonly query: string; readonly result: SearchResult};
	  }
	| {
			readonly name: 'diff';
			readonly a: Document;
			readonly b: Document;
			/** Where Esc goes; undefined when the diff was opened from the command line. */
			readonly back: Screen | undefined;
	  };

function openPositions(remember: boolean, file: string | undefined) {
	const warnings: string[] = [];
	const path = file ?? (xdgState ? join(xdgState, 'reading-room', 'positions.json') : undefined);
	if (!remember || path === undefined) return {store: undefined, warnings};
	const store = PositionStore.open(path, {warn: (message) => warnings.push(message)});
	return {store, warnings};
}

function firstScreen(initial: InitialScreen, preloaded: readonly Document[]): Screen {
	if (initial.name === 'diff') {
		const a = preloaded.find((document) => document.id === initial.a);
		const b = preloaded.find((document) => document.id === initial.b);
		if (a && b) return {name: 'diff', a, b, back: undefined};
	}
	return {name: 'library'};
}

export function App(props: AppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize();
	// Ink redraws the whole screen when its output is as tall as the terminal: stay one short.
	const height = rows - 1;

	const [screen, setScreen] = useState<Screen>(() =>
		firstScreen(props.initialScreen, props.preloaded ?? []),
	);
	const startsInLibrary = props.initialScreen.name === 'library';
	const corpus = useCorpus(startsInLibrary ? props.folder : undefined, props.firstPaint);
	const indexes = useBackgroundIndexes(corpus.documents, corpus.done);
	const [positions] = useState(() => openPositions(props.remember, props.positionsFile));
	const [notice, setNotice] = useState<string | undefined>(props.notice ?? positions.warnings[0]);

	const reader = usePreloaded(readerModule);
	const diff = usePreloaded(diffModule);
	const [library, setLibrary] = useState<LibraryState>(initialLibraryState);
	const dispatchLibrary = useCallback((action: LibraryAction, view: LibraryView) => {
		setNotice(undefined);
		setLibrary((state) => libraryReducer(state, action, view));
	}, []);
	const byId = useMemo(
		() => new Map(corpus.documents.map((document) => [document.id, document])),
		[corpus.documents],
	);

	useKeyboard((input, key) => {
		if (key.ctrl && input === 'c') exit();
	});

	const openDiff = (document: Document, marked: readonly string[], back: Screen) => {
		const pair =
			marked.length === 2
				? marked.map((id) => byId.get(id))
				: [document, byId.get(indexes.versions.closestVersion(document.id)?.id ?? '')];
		const [a, b] = pair;
		if (a && b && a !== b) {
			setNotice(undefined);
			setScreen({name: 'diff', a, b, back});
			return;
		}
		if (marked.length === 1) setNotice('mark one more article with Space to compare the two');
		else if (indexes.indexed < corpus.documents.length)
			setNotice('still looking for versions; try again in a moment');
		else
			setNotice(
				'no other version of this article found; mark two articles with Space to compare them',
			);
	};

	const onLeaveReader = useCallback(
		(document: Document, anchor: Anchor) => {
			if (!positions.store) return;
			positions.store.set(document.id, document.hash, anchor);
			positions.store.saveSync();
		},
		[positions],
	);

	if (isTooSmall(columns, rows)) return <TooSmall columns={columns} rows={rows} />;

	const loading = (
		<Box width={columns} height={height}>
			<Text dimColor>Opening…</Text>
		</Box>
	);
	let body: React.ReactNode;
	switch (screen.name) {
		case 'library':
			body = (
				<Library
					folderLabel={props.folderLabel}
					corpus={corpus}
					state={library}
					dispatch={dispatchLibrary}
					width={columns}
					height={height}
					searchIndex={indexes.search}
					indexed={indexes.indexed}
					versionsOf={(id) =>
						indexes.indexed > 0 ? (indexes.versions.groupOf(id)?.documents.length ?? 0) : 0
					}
					notice={notice}
					isActive
					onOpen={(document, search) => {
						setNotice(undefined);
						setScreen({name: 'reader', document, ...(search ? {search} : {})});
					}}
					onDiff={(document, marked) => openDiff(document, marked, {name: 'library'})}
					onQuit={() => exit()}
				/>
			);
			break;
		case 'reader': {
			const {document} = screen;
			if (!reader) {
				body = loading;
				break;
			}
			const {Reader} = reader;
			body = (
				<Reader
					key={document.id}
					document={document}
					width={columns}
					height={height}
					{...(screen.search
						? {
								query: screen.search.query,
								matched: (text: string) => findMatches(text, screen.search!.result.matcher).ranges,
							}
						: {})}
					{...(positions.store?.get(document.id, document.hash)
						? {remembered: positions.store.get(document.id, document.hash)!}
						: {})}
					{...(notice === undefined ? {} : {notice})}
					isActive
					onLeave={(anchor) => onLeaveReader(document, anchor)}
					onBack={() => setScreen({name: 'library'})}
					onDiff={() => openDiff(document, [], screen)}
				/>
			);
			break;
		}
		case 'diff': {
			if (!diff) {
				body = loading;
				break;
			}
			const {DiffView} = diff;
			body = (
				<DiffView
					a={screen.a}
					b={screen.b}
					width={columns}
					height={height}
					isActive
					onBack={() => (screen.back ? setScreen(screen.back) : exit())}
				/>
			);
			break;
		}
	}
	return body;
}
