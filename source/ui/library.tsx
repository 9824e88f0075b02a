import React, {useMemo, useReducer} from 'react';
import {Box} from 'ink';
import type {Document} from '../core/types.js';
import {
	libraryKeymap,
	searchLineKeymap,
	type LibraryAction,
	type LibraryCommand,
	type LibraryState,
	type LibraryView,
} from '../core/library/state.js';
import {
	libraryFrame,
	libraryView,
	selectedItem,
	type LibraryFrameInput,
} from '../core/library/frame.js';
import {actionFor} from '../core/keys.js';
import {snippetFor, type SearchIndex, type SearchResult} from '../core/search/index.js';
import type {CorpusState} from './use-corpus.js';
import {StyledLineView} from './styled-line.js';
import {useKeymap} from './use-keymap.js';
import {HelpOverlay, helpCloseKeymap} from './help.js';

export interface LibraryProps {
	readonly folderLabel: string;
	readonly corpus: CorpusState;
	readonly state: LibraryState;
	readonly dispatch: (action: LibraryAction, view: LibraryView) => void;
	readonly width: number;
	readonly height: number;
	readonly searchIndex: SearchIndex | undefined;
	/** Documents indexed so far; a change re-runs the current search. */
	readonly indexed: number;
	readonly versionsOf: (id: string) => number;
	readonly isActive: boolean;
	/** A one-off message for the status bar (e.g. why `d` found nothing to compare). */
	readonly notice?: string | undefined;
	/** Opens an article; from a search, with the query and what it matched. */
	readonly onOpen: (
		document: Document,
		search: {query: string; result: SearchResult} | undefined,
	) => void;
	readonly onDiff: (document: Document, marked: readonly string[]) => void;
	readonly onQuit: () => void;
}

const CONTROL = /\p{Cc}/u;

/** The library: a dumb view of core/library/frame plus the keys that drive its reducer. */
export function Library(props: LibraryProps) {
	const {corpus, state, searchIndex, indexed} = props;
	const [help, toggleHelp] = useReducer((shown: boolean) => !shown, false);
	const query = state.filter === 'unfiltered' ? '' : state.query;

	const results = useMemo(
		() =>
			searchIndex === undefined || query.trim() === '' ? undefined : searchIndex.search(query),
		// `indexed` is a dependency so the search re-runs as the background index grows.
		[searchIndex, query, indexed],
	);

	const input: LibraryFrameInput = {
		folderLabel: props.folderLabel,
		documents: corpus.documents,
		results,
		state,
		width: props.width,
		height: props.height,
		loading: corpus,
		skipped: corpus.skipped,
		versionsOf: props.versionsOf,
		indexed,
		notice: props.notice,
		snippet: snippetFor,
	};
	const view = libraryView(input);
	const selected = selectedItem(input);
	const dispatch = (action: LibraryAction) => props.dispatch(action, view);

	const run = (command: LibraryCommand) => {
		switch (command) {
			case 'up':
				return dispatch({type: 'move', by: -1});
			case 'down':
				return dispatch({type: 'move', by: 1});
			case 'page-up':
				return dispatch({type: 'page', by: -1});
			case 'page-down':
				return dispatch({type: 'page', by: 1});
			case 'first':
				return dispatch({type: 'first'});
			case 'last':
				return dispatch({type: 'last'});
			case 'open':
				if (selected) {
					props.onOpen(selected.document, selected.result && {query, result: selected.result});
				}
				return;
			case 'search':
				return dispatch({type: 'search-open'});
			case 'clear-search':
				return dispatch({type: 'search-clear'});
			case 'mark':
				if (selected) dispatch({type: 'toggle-mark', id: selected.document.id});
				return;
			case 'diff':
				if (selected) props.onDiff(selected.document, state.marked);
				return;
			case 'help':
				return toggleHelp();
			case 'quit':
				return props.onQuit();
		}
	};

	const typing = state.filter === 'filtering';
	useKeymap(libraryKeymap, run, {isActive: props.isActive && !help && !typing});
	useKeymap(helpCloseKeymap, toggleHelp, {isActive: props.isActive && help});
	useKeymap(
		searchLineKeymap,
		(command) => {
			switch (command) {
				case 'submit':
					return dispatch({type: 'search-submit'});
				case 'cancel':
					return dispatch({type: 'search-clear'});
				case 'backspace':
					return dispatch({type: 'search-backspace'});
				case 'up':
					return dispatch({type: 'move', by: -1});
				case 'down':
					return dispatch({type: 'move', by: 1});
				case 'quit':
					return props.onQuit();
			}
		},
		{
			isActive: props.isActive && !help && typing,
			onOtherKey: (text, name) => {
				const typed = name === 'space' ? ' ' : text;
				if (typed && !CONTROL.test(typed) && actionFor(searchLineKeymap, name) === undefined) {
					dispatch({type: 'search-type', text: typed});
				}
			},
		},
	);

	if (help) {
		return (
			<HelpOverlay
				title="Library"
				keymap={libraryKeymap}
				width={props.width}
				height={props.height}
			/>
		);
	}
	return (
		<Box flexDirection="column" width={props.width} height={props.height}>
			{libraryFrame(input).map((line, index) => (
				<StyledLineView key={index} line={line} />
			))}
		</Box>
	);
}
