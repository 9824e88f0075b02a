import React, {useCallback, useEffect, useReducer, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeyboard} from './keyboard.js';
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
import {readerFrame, readerStatusText} from '../core/reader/status.js';
import {actionFor, keyName, type KeyPress} from '../core/keys.js';
import {padToWidth} from '../core/text/width.js';
import {StatusBar} from './status-bar.js';
import {StyledLineView} from './styled-line.js';
import {HelpOverlay, helpCloseKeymap} from './help.js';

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
const LAYOUT_STEP_LINES = 200;
/** Time the background layout may hold the main thread at once: a key waits at most this. */
const LAYOUT_SLICE_MS = 4;
const PROGRESS_MS = 500;

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
	const [help, setHelp] = useState(false);
	const [, layoutProgressed] = useReducer((count: number) => count + 1, 0);

	// The place is saved whenever the reader goes away: back, quit, a signal.
	const latest = useRef({anchor: state.anchor, onLeave: props.onLeave});
	latest.current = {anchor: state.anchor, onLeave: props.onLeave};
	useEffect(() => () => latest.current.onLeave(latest.current.anchor), []);

	// Finish laying out a long article in the background so the line total becomes exact.
	useEffect(() => {
		if (layout.complete) return;
		// Only the status bar's estimated total changes meanwhile: redraw when the layout is done
		// or at most every PROGRESS_MS, not after every slice, so keypresses do not queue behind
		// whole-frame redraws.
		let drawnAt = performance.now();
		let timer: NodeJS.Immediate | undefined = setImmediate(function next() {
			const sliceEnd = performance.now() + LAYOUT_SLICE_MS;
			let done = false;
			while (!done && performance.now() < sliceEnd) done = layout.step(LAYOUT_STEP_LINES);
			if (done || performance.now() - drawnAt > PROGRESS_MS) {
				drawnAt = performance.now();
				layoutProgressed();
			}
			timer = done ? undefined : setImmediate(next);
		});
		return () => {
			if (timer) clearImmediate(timer);
		};
	}, [layout]);

	// Which keys mean what right now. A ref, not state: keys typed faster than React renders
	// ("/iran⏎n" in one chunk) must switch modes between one character and the next.
	const mode = useRef<Mode>('keys');
	mode.current = help ? 'help' : state.prompt === undefined ? 'keys' : 'prompt';
	const currentView = useRef(view);
	currentView.current = view;
	const callbacks = useRef(props);
	callbacks.current = props;

	// One handler for the reader's life (it reads refs). The app's keyboard delivers keys one
	// at a time, each after the previous one's frame (ui/keyboard.tsx).
	const onInput = useCallback((input: string, key: KeyPress) => {
		const dispatch = (command: ReaderCommand) =>
			setState((current) => readerReducer(current, command, currentView.current));
		const press = {input, name: keyName(input, key), ctrl: Boolean(key.ctrl)};
		const next = handleKey(mode.current, press, dispatch, {
			back: () => callbacks.current.onBack(),
			diff: () => callbacks.current.onDiff(),
			help: setHelp,
		});
		// Back and diff leave the reader. (The mode is kept: when `d` finds nothing to compare,
		// the reader stays.)
		if (next !== 'gone') mode.current = next;
	}, []);
	const active = useRef(props.isActive);
	active.current = props.isActive;
	useKeyboard((input, key) => {
		if (active.current) onInput(input, key);
	});

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
					left={readerStatusText(frame.status, props.notice).left}
					right={readerStatusText(frame.status, props.notice).right}
				/>
			) : (
				<Text wrap="truncate-end">
					{padToWidth(`/${[...state.prompt].slice(-(width - 2)).join('')}█`, width)}
				</Text>
			)}
		</Box>
	);
}

type Mode = 'keys' | 'prompt' | 'help' | 'gone';

interface Keypress {
	readonly input: string;
	readonly name: string | undefined;
	readonly ctrl: boolean;
}

/** Acts on one key in `mode`; returns the mode for the next key. */
function handleKey(
	mode: Mode,
	press: Keypress,
	dispatch: (command: ReaderCommand) => void,
	screen: {back: () => void; diff: () => void; help: (shown: boolean) => void},
): Mode {
	const {name, input} = press;
	if (mode === 'gone') return mode;
	if (mode === 'help') {
		if (actionFor(helpCloseKeymap, name) === undefined) return mode;
		screen.help(false);
		return 'keys';
	}
	if (mode === 'prompt') {
		if (name === 'return') dispatch({type: 'search-submit'});
		else if (name === 'escape') dispatch({type: 'search-cancel'});
		else if (name === 'backspace' || name === 'delete') dispatch({type: 'search-backspace'});
		else if (name === 'space') dispatch({type: 'search-type', text: ' '});
		else if (input && !press.ctrl && name !== 'tab') dispatch({type: 'search-type', text: input});
		return name === 'return' || name === 'escape' ? 'keys' : 'prompt';
	}
	const action: ReaderAction | undefined = actionFor(readerKeymap, name);
	switch (action) {
		case undefined:
			return mode;
		case 'back':
			screen.back();
			return 'gone';
		case 'diff':
			screen.diff();
			return 'gone';
		case 'help':
			screen.help(true);
			return 'help';
		case 'search':
			dispatch(action);
			return 'prompt';
		default:
			dispatch(action);
			return mode;
	}
}
