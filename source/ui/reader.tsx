import React, {useEffect, useReducer, useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import type {Document, Range, StyledLine} from '../core/types.js';
import {layoutDocument, type Anchor} from '../core/reader/layout.js';
import {readerKeymap, type ReaderAction} from '../core/reader/keymap.js';
import {
	initialReaderState,
	readerReducer,
	type ReaderCommand,
	type ReaderState,
	type ReaderView,
} from '../core/reader/state.js';
import {readerFrame, type ReaderStatus} from '../core/reader/status.js';
import {keyName} from '../core/keys.js';
import {padToWidth} from '../core/text/width.js';
import {StatusBar} from './status-bar.js';
import {StyledLineView} from './styled-line.js';
import {HelpOverlay} from './help.js';
import {useKeymap} from './use-keymap.js';

export interface ReaderProps {
	readonly document: Document;
	readonly width: number;
	readonly height: number;
	/** The library search the article was opened from: the reader starts at its first match. */
	readonly query?: string;
	/** What that search matched in a text (the library's matcher), to highlight the same words
	 * even when the query has a typo; without it the reader looks for the query itself. */
	readonly matched?: (text: string) => readonly Range[];
	/** Where the reader was left last time, if remembered. */
	readonly remembered?: Anchor;
	readonly notice?: string;
	readonly isActive: boolean;
	/** Leaving the reader; `anchor` is the passage at the top, to remember. */
	readonly onLeave: (anchor: Anchor) => void;
	readonly onBack: () => void;
	readonly onDiff: () => void;
}

/** Lines of layout finished per idle tick for long articles, so keys stay instant meanwhile. */
const LAYOUT_SLICE = 4000;

export function Reader(props: ReaderProps) {
	const {document, width, height} = props;
	const textRows = Math.max(1, height - 1);
	const layout = layoutDocument(document, width);
	const view: ReaderView = {layout, height: textRows};
	const [state, setState] = useState<ReaderState>(() =>
		initialReaderState(view, {
			...(props.remembered && props.query === undefined ? {anchor: props.remembered} : {}),
			...(props.query === undefined ? {} : {query: props.query}),
			...(props.matched === undefined ? {} : {matched: props.matched}),
		}),
	);
	const [help, toggleHelp] = useReducer((shown: boolean) => !shown, false);
	const [, layoutProgressed] = useReducer((count: number) => count + 1, 0);

	// The place is saved whenever the reader goes away: back, quit, a signal.
	const latest = useRef({anchor: state.anchor, onLeave: props.onLeave});
	latest.current = {anchor: state.anchor, onLeave: props.onLeave};
	useEffect(() => () => latest.current.onLeave(latest.current.anchor), []);

	// Finish laying out a long article in the background so the line total becomes exact.
	useEffect(() => {
		if (layout.complete) return;
		let timer: NodeJS.Immediate | undefined = setImmediate(function next() {
			const done = layout.step(LAYOUT_SLICE);
			layoutProgressed();
			timer = done ? undefined : setImmediate(next);
		});
		return () => {
			if (timer) clearImmediate(timer);
		};
	}, [layout]);

	const dispatch = (command: ReaderCommand) =>
		setState((current) => readerReducer(current, command, view));
	const searching = state.prompt !== undefined;

	useKeymap(
		readerKeymap,
		(action: ReaderAction) => {
			if (action === 'back') props.onBack();
			else if (action === 'help') toggleHelp();
			else if (action === 'diff') props.onDiff();
			else dispatch(action);
		},
		{isActive: props.isActive && !searching && !help},
	);
	useKeymap(helpKeymap, toggleHelp, {isActive: props.isActive && help});
	useInput(
		(input, key) => {
			const name = keyName(input, key);
			if (name === 'return') dispatch({type: 'search-submit'});
			else if (name === 'escape') dispatch({type: 'search-cancel'});
			else if (name === 'backspace' || name === 'delete') dispatch({type: 'search-backspace'});
			else if (name === 'space') dispatch({type: 'search-type', text: ' '});
			else if (input && !key.ctrl && !key.meta) {
				// Typed faster than the terminal is read, "iran" and its Enter arrive as one chunk.
				for (const command of promptCommands(input)) dispatch(command);
			}
		},
		{isActive: props.isActive && searching},
	);

	if (help)
		return <HelpOverlay title="Reader" keymap={readerKeymap} width={width} height={height} />;

	const frame = readerFrame(state, view);
	const indent = ' '.repeat(frame.margin);
	const rows: React.ReactNode[] = frame.lines.map((line: StyledLine, index) => (
		<StyledLineView key={index} line={frame.margin > 0 ? [{text: indent}, ...line] : line} />
	));
	for (let index = rows.length; index < textRows; index++)
		rows.push(<Text key={`f${index}`}> </Text>);

	return (
		<Box flexDirection="column" width={width} height={height}>
			{rows}
			{state.prompt === undefined ? (
				<StatusBar
					width={width}
					left={statusLeft(frame.status, props.notice)}
					right={statusRight(frame.status)}
				/>
			) : (
				<Text wrap="truncate-end">
					{padToWidth(`/${[...state.prompt].slice(-(width - 2)).join('')}█`, width)}
				</Text>
			)}
		</Box>
	);
}

/** A chunk of typing on the search line as commands: text runs, Enter, Backspace. */
function promptCommands(input: string): ReaderCommand[] {
	const commands: ReaderCommand[] = [];
	for (const part of input.split(/([\r\n\x7f\b])/)) {
		if (part === '\r' || part === '\n') {
			// The line closes here; keys after it in the same chunk are dropped, not typed.
			commands.push({type: 'search-submit'});
			break;
		}
		if (part === '\x7f' || part === '\b') commands.push({type: 'search-backspace'});
		else if (part) commands.push({type: 'search-type', text: part});
	}
	return commands;
}

const helpKeymap = [
	{keys: ['?', 'escape', 'q'], action: 'close' as const, description: 'Close help'},
];

function statusLeft(status: ReaderStatus, notice: string | undefined): string {
	if (status.message) return status.message;
	const total = `${status.total}${status.totalIsEstimate ? '~' : ''}`;
	// Position first: the title is the part that can be cut when the terminal is narrow.
	const parts = [`line ${status.line}/${total}`, `${status.percent}%`];
	parts.push(status.minutesLeft > 0 ? `${status.minutesLeft} min left` : 'end');
	if (notice) parts.push(notice);
	parts.push(status.title);
	return parts.join(' · ');
}

function statusRight(status: ReaderStatus): string {
	if (status.search) {
		const {current, total, query} = status.search;
		return total === 0 ? `no match for “${query}”` : `${current}/${total} “${query}”`;
	}
	return '/ search  ? help  q back';
}
