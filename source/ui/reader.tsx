import React, {useMemo, useReducer} from 'react';
import {Box, Text} from 'ink';
import type {Document, StyledLine} from '../core/types.js';
import {layoutDocument} from '../core/reader/layout.js';
import type {ReaderState, ReaderView} from '../core/reader/state.js';
import {readerFrame, readerStatusText} from '../core/reader/status.js';
import {promptLine} from '../core/prompt.js';
import {StatusBar} from './status-bar.js';
import {StyledLineView} from './styled-line.js';
import {useIdleWork} from './use-idle-work.js';

export interface ReaderProps {
	readonly document: Document;
	readonly state: ReaderState;
	/** The layout the state was made for, and the rows of text. */
	readonly view: ReaderView;
	readonly width: number;
	readonly height: number;
	readonly notice?: string | undefined;
}

/** Lines of layout finished per idle tick for long articles, so keys stay instant meanwhile. */
const LAYOUT_STEP_LINES = 200;
/** Time the background layout may hold the main thread at once: a key waits at most this. */
const LAYOUT_SLICE_MS = 4;
const PROGRESS_MS = 500;

/** The reader's layout of `document` at `columns`: the app's step and this view share it. */
export const readerLayoutFor = layoutDocument;

/** The reader: a view of its state (core/reader), plus the background work of finishing a
 * long article's layout so the line total becomes exact. */
export function Reader(props: ReaderProps) {
	const {state, view, width, height} = props;
	const {layout} = view;
	const [, layoutProgressed] = useReducer((count: number) => count + 1, 0);

	// Only the status bar's estimated total changes meanwhile: redraw when the layout is done or
	// at most every PROGRESS_MS, not after every slice, so keypresses do not queue behind
	// whole-frame redraws.
	const layoutRest = useMemo(() => {
		if (layout.complete) return undefined;
		let drawnAt = performance.now();
		return (deadline: () => boolean) => {
			let done = false;
			while (!done && !deadline()) done = layout.step(LAYOUT_STEP_LINES);
			if (done || performance.now() - drawnAt > PROGRESS_MS) {
				drawnAt = performance.now();
				layoutProgressed();
			}
			return done;
		};
	}, [layout]);
	useIdleWork(layoutRest, LAYOUT_SLICE_MS);

	const frame = readerFrame(state, view);
	const indent = ' '.repeat(frame.margin);
	const rows: React.ReactNode[] = frame.lines.map((line: StyledLine, index) => (
		<StyledLineView key={index} line={frame.margin > 0 ? [{text: indent}, ...line] : line} />
	));
	for (let index = rows.length; index < view.height; index++)
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
				<StyledLineView line={promptLine(state.prompt, width)} />
			)}
		</Box>
	);
}
