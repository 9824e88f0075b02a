import React, {useMemo, useReducer} from 'react';
import {Box, Text} from 'ink';
import type {Document, StyledLine} from '../core/types.js';
import {
	libraryKeymap,
	searchLineKeymap,
	type LibraryAction,
	type LibraryCommand,
	type LibraryState,
	type LibraryView,
} from '../core/library/state.js';
import {highlight, libraryRow} from '../core/library/row.js';
import {padToWidth, truncateToWidth} from '../core/text/width.js';
import {actionFor} from '../core/keys.js';
import type {SearchIndex, SearchResult} from '../core/search/index.js';
import {snippetFor} from '../core/search/index.js';
import type {CorpusState} from './use-corpus.js';
import {StatusBar} from './status-bar.js';
import {StyledLineView} from './styled-line.js';
import {useKeymap} from './use-keymap.js';
import {describeSkipped} from '../core/library/describe.js';
import {HelpOverlay} from './help.js';

const helpKeymap = [{keys: ['?', 'escape', 'q'], action: 'close' as const, description: 'Close help'}];

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
	readonly onOpen: (document: Document, query: string | undefined) => void;
	readonly onDiff: (document: Document, marked: readonly string[]) => void;
	/** A one-off message for the status bar (e.g. why `d` found nothing to compare). */
	readonly notice?: string | undefined;
	readonly onQuit: () => void;
}

interface ListItem {
	readonly document: Document;
	readonly result?: SearchResult;
}

export function Library(props: LibraryProps) {
	const {corpus, state, width, height, searchIndex, indexed} = props;
	const [help, toggleHelp] = useReducer((shown: boolean) => !shown, false);
	const searching = state.filter !== 'unfiltered';
	const query = state.query;

	const results = useMemo(() => {
		if (!searching || searchIndex === undefined || query.trim() === '') return undefined;
		return searchIndex.search(query);
		// `indexed` is a dependency so the search re-runs as the background index grows.
	}, [searching, searchIndex, query, indexed]);

	const items: readonly ListItem[] = useMemo(
		() =>
			results
				? results.map((result) => ({document: result.document, result}))
				: corpus.documents.map((document) => ({document})),
		[results, corpus.documents],
	);

	const linesPerItem = results ? 2 : 1;
	const listLines = Math.max(1, height - 2 - (searching ? 1 : 0));
	const view: LibraryView = {
		count: items.length,
		visible: Math.max(1, Math.floor(listLines / linesPerItem)),
	};
	const selected = items[Math.min(state.selected, Math.max(0, items.length - 1))];
	const top = Math.min(state.top, Math.max(0, items.length - view.visible));

	const run = (command: LibraryCommand) => {
		switch (command) {
			case 'up':
				return props.dispatch({type: 'move', by: -1}, view);
			case 'down':
				return props.dispatch({type: 'move', by: 1}, view);
			case 'page-up':
				return props.dispatch({type: 'page', by: -1}, view);
			case 'page-down':
				return props.dispatch({type: 'page', by: 1}, view);
			case 'first':
				return props.dispatch({type: 'first'}, view);
			case 'last':
				return props.dispatch({type: 'last'}, view);
			case 'open':
				if (selected) props.onOpen(selected.document, results ? query : undefined);
				return;
			case 'search':
				return props.dispatch({type: 'search-open'}, view);
			case 'clear-search':
				return props.dispatch({type: 'search-clear'}, view);
			case 'mark':
				if (selected) props.dispatch({type: 'toggle-mark', id: selected.document.id}, view);
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

	useKeymap(libraryKeymap, run, {isActive: props.isActive && !help && state.filter !== 'filtering'});
	useKeymap(helpKeymap, toggleHelp, {isActive: props.isActive && help});
	useKeymap(
		searchLineKeymap,
		(command) => {
			switch (command) {
				case 'submit':
					return props.dispatch({type: 'search-submit'}, view);
				case 'cancel':
					return props.dispatch({type: 'search-clear'}, view);
				case 'backspace':
					return props.dispatch({type: 'search-backspace'}, view);
				case 'up':
					return props.dispatch({type: 'move', by: -1}, view);
				case 'down':
					return props.dispatch({type: 'move', by: 1}, view);
				case 'quit':
					return props.onQuit();
			}
		},
		{
			isActive: props.isActive && !help && state.filter === 'filtering',
			onOtherKey: (input, name) => {
				// Pasted text arrives as one chunk; single keys come named ('space' is a space).
				const text = name === 'space' ? ' ' : input;
				if (
					text &&
					!/[\u0000-\u001f\u007f]/.test(text) &&
					actionFor(searchLineKeymap, name) === undefined
				) {
					props.dispatch({type: 'search-type', text}, view);
				}
			},
		},
	);

	if (help) return <HelpOverlay title="Library" keymap={libraryKeymap} width={width} height={height} />;

	const lines: React.ReactNode[] = [];
	const visibleItems = items.slice(top, top + view.visible);
	visibleItems.forEach((item, offset) => {
		const index = top + offset;
		const isSelected = index === state.selected;
		const row = libraryRow(item.document, {
			width,
			selected: isSelected,
			marked: state.marked.includes(item.document.id),
			versions: props.versionsOf(item.document.id),
			titleRanges: item.result?.titleRanges,
		});
		lines.push(<Row key={`r${index}`} line={row} selected={isSelected} />);
		if (item.result) {
			const snippet = snippetFor(item.result, Math.max(1, width - 4));
			const snippetLine: StyledLine = [
				{text: '    '},
				...highlight(snippet.text, snippet.ranges, 'dim'),
			];
			lines.push(<Row key={`s${index}`} line={snippetLine} selected={false} />);
		}
	});
	const emptyMessage = emptyState(corpus, searching ? query : undefined, items.length);
	if (emptyMessage)
		lines.push(
			<Text key="empty" dimColor wrap="truncate-end">
				{emptyMessage}
			</Text>,
		);
	const filler = Math.max(0, listLines - lines.length);
	for (let index = 0; index < filler; index++) lines.push(<Text key={`f${index}`}> </Text>);

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate-end">
				{truncateToWidth(`Reading Room · ${props.folderLabel}`, width)}
			</Text>
			{lines}
			{searching ? (
				<SearchLine query={query} focused={state.filter === 'filtering'} width={width} />
			) : null}
			<StatusBar
				width={width}
				left={statusText(props, items.length, results !== undefined)}
				right={searching ? 'Esc clear  ? help' : '/ search  ? help  q quit'}
			/>
		</Box>
	);
}

function Row({line, selected}: {line: StyledLine; selected: boolean}) {
	if (!selected) return <StyledLineView line={line} />;
	return (
		<Text inverse wrap="truncate-end">
			{line.map((segment) => segment.text).join('')}
		</Text>
	);
}

function SearchLine({query, focused, width}: {query: string; focused: boolean; width: number}) {
	const prompt = '/';
	const cursor = focused ? '█' : '';
	// Show the end of a long query: that is where the typing happens.
	const room = Math.max(1, width - 2);
	const shown = [...query].slice(-room).join('');
	return <Text wrap="truncate-end">{padToWidth(`${prompt}${shown}${cursor}`, width)}</Text>;
}

function emptyState(
	corpus: CorpusState,
	query: string | undefined,
	count: number,
): string | undefined {
	if (count > 0) return undefined;
	if (corpus.error) return `Cannot read the folder: ${corpus.error}`;
	if (query !== undefined && query.trim() !== '')
		return `No articles match “${query}”. Esc clears the search.`;
	if (query !== undefined) return 'Type to search titles and text.';
	if (!corpus.done) return 'Loading…';
	return 'No articles in this folder (looking for .txt, .md and files without an extension).';
}

function statusText(props: LibraryProps, count: number, filtered: boolean): string {
	const {corpus, state} = props;
	const parts: string[] = [];
	if (props.notice) return props.notice;
	const total = corpus.documents.length;
	if (filtered) parts.push(`${count} of ${total} match “${state.query}”`);
	else parts.push(`${total} ${total === 1 ? 'document' : 'documents'}`);
	if (count > 0) parts.push(`${Math.min(state.selected + 1, count)}/${count}`);
	if (!corpus.done && corpus.total !== undefined)
		parts.push(`loading ${corpus.loaded}/${corpus.total}`);
	if (props.searchIndex && props.indexed < total && state.filter !== 'unfiltered')
		parts.push(`indexing ${props.indexed}/${total}`);
	if (state.marked.length > 0) parts.push(`${state.marked.length} marked`);
	const skipped = describeSkipped(corpus.skipped);
	if (skipped) parts.push(skipped);
	return parts.join(' · ');
}
