import React, {useEffect, useMemo, useReducer, useState} from 'react';
import {Box, Text} from 'ink';
import type {Document, StyledLine} from '../core/types.js';
import {diffDocuments} from '../core/diff/diff-documents.js';
import type {DiffResult} from '../core/diff/types.js';
import {DiffLayout, sideBySideColumns, type DiffRow} from '../core/diff/rows.js';
import {
	clampTop,
	diffKeymap,
	diffViewReducer,
	initialDiffViewState,
	modeFor,
	type DiffCommand,
	type DiffView as DiffViewModel,
	type DiffViewState,
} from '../core/diff-view/state.js';
import {padToWidth, truncateToWidth} from '../core/text/width.js';
import {StatusBar} from './status-bar.js';
import {StyledLineView} from './styled-line.js';
import {HelpOverlay, helpCloseKeymap} from './help.js';
import {useKeymap} from './use-keymap.js';
import {useColour} from './theme.js';

export interface DiffViewProps {
	readonly a: Document;
	readonly b: Document;
	readonly width: number;
	readonly height: number;
	readonly isActive: boolean;
	readonly onBack: () => void;
}

const numberFormat = new Intl.NumberFormat('en-US');
/** Texts this long are compared after a first "comparing…" frame instead of before any. */
const COMPARE_LATER = 400_000;
/** Milliseconds of row measuring per idle tick, so keys stay quick on a long diff. */
const MEASURE_SLICE = 12;

interface Computed {
	readonly a: Document;
	readonly b: Document;
	readonly layout: boolean;
	readonly result: DiffResult;
}

/** The diff of a and b, computed at once when short, else after a first frame is drawn. */
function useDiff(a: Document, b: Document, layout: boolean): DiffResult | undefined {
	const short = a.text.length + b.text.length < COMPARE_LATER;
	const now = useMemo(
		() => (short ? diffDocuments(a, b, {layout}) : undefined),
		[a, b, layout, short],
	);
	const [later, setLater] = useState<Computed | undefined>(undefined);
	useEffect(() => {
		if (short) return;
		const timer = setTimeout(() => setLater({a, b, layout, result: diffDocuments(a, b, {layout})}));
		return () => clearTimeout(timer);
	}, [a, b, layout, short]);
	if (now) return now;
	return later && later.a === a && later.b === b && later.layout === layout
		? later.result
		: undefined;
}

export function DiffView({a, b, width, height, isActive, onBack}: DiffViewProps) {
	const colour = useColour();
	const [state, setState] = useState<DiffViewState>(initialDiffViewState);
	const [help, toggleHelp] = useReducer((shown: boolean) => !shown, false);
	const [, measured] = useReducer((count: number) => count + 1, 0);
	const mode = modeFor(state, width);

	const result = useDiff(a, b, state.layout);
	const layout = useMemo(
		() => result && new DiffLayout(result, {mode, width, layout: state.layout, brackets: !colour}),
		[result, mode, width, state.layout, colour],
	);
	const bodyRows = Math.max(1, height - 2);
	const changes = result?.changes.length ?? 0;
	const view: DiffViewModel = {
		columns: width,
		// Read when used: jumping to a change measures rows, which makes the total exact.
		get rows() {
			return layout?.rowCount ?? 0;
		},
		height: bodyRows,
		changes,
		rowOfChange: (index) => layout?.rowOfChange(index) ?? -1,
	};
	const top = clampTop(state.top, view);

	// Rows below the screen are measured while the reader reads, so the total becomes exact
	// and G, n and N rarely have to wait for it.
	useEffect(() => {
		if (!layout || layout.complete) return;
		let timer: NodeJS.Timeout | undefined;
		const step = () => {
			if (layout.measureFor(MEASURE_SLICE)) measured();
			else timer = setTimeout(step, 1);
		};
		timer = setTimeout(step, 1);
		return () => clearTimeout(timer);
	}, [layout]);

	// New rows (s, a resize) would leave the change last jumped to somewhere else: go back to it.
	useEffect(() => {
		setState((current) => diffViewReducer(current, 'show-current', view));
		// Only when the rows are replaced; `view` is derived from `layout`.
	}, [layout]);

	useKeymap(
		diffKeymap,
		(command: DiffCommand) => {
			if (command === 'back') onBack();
			else if (command === 'help') toggleHelp();
			else if (layout) {
				if (command === 'bottom') layout.measureAll();
				setState((current) =>
					diffViewReducer({...current, top: clampTop(current.top, view)}, command, view),
				);
			}
		},
		{isActive: isActive && !help},
	);
	useKeymap(helpCloseKeymap, toggleHelp, {isActive: isActive && help});

	if (help) return <HelpOverlay title="Diff" keymap={diffKeymap} width={width} height={height} />;

	// Only the rows on screen are drawn.
	const visible = layout ? layout.rows(top, top + bodyRows) : [];
	const lines: React.ReactNode[] = visible.map((row, index) => (
		<StyledLineView key={index} line={rowLine(row)} />
	));
	if (!result) {
		lines.push(
			<Text key="wait" dimColor>
				Comparing…
			</Text>,
		);
	} else if (visible.length === 0 && view.rows === 0) {
		lines.push(
			<Text key="same" dimColor>
				Both versions are empty.
			</Text>,
		);
	}
	for (let index = lines.length; index < bodyRows; index++) {
		lines.push(<Text key={`f${index}`}> </Text>);
	}

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Header a={a} b={b} width={width} mode={mode} />
			{lines}
			<StatusBar
				width={width}
				left={
					result
						? statusText(state, result, changes, a, b)
						: `comparing ${a.fileName} ↔ ${b.fileName}`
				}
				right="n/N change  s mode  w ¶  ? help"
			/>
		</Box>
	);
}

function rowLine(row: DiffRow): StyledLine {
	if ('line' in row) return row.line;
	return [...row.left, {text: ' │ ', role: 'dim'}, ...row.right];
}

function Header({
	a,
	b,
	width,
	mode,
}: {
	a: Document;
	b: Document;
	width: number;
	mode: 'side-by-side' | 'inline';
}) {
	if (mode === 'side-by-side') {
		const {left, right} = sideBySideColumns(width);
		return (
			<Text bold wrap="truncate-end">
				{padToWidth(`A ${a.id}`, left)} │ {truncateToWidth(`B ${b.id}`, right)}
			</Text>
		);
	}
	return (
		<Text bold wrap="truncate-end">
			{truncateToWidth(`A ${a.id} → B ${b.id}`, width)}
		</Text>
	);
}

function statusText(
	state: DiffViewState,
	result: DiffResult,
	changes: number,
	a: Document,
	b: Document,
): string {
	if (state.message) return state.message;
	const {stats} = result;
	const parts: string[] = [];
	if (result.fallback) parts.push('too different for a word diff: compared by paragraph');
	if (changes === 0) parts.push(result.identical ? 'identical in content' : 'no changes');
	else {
		parts.push(
			state.current === undefined
				? `${changes} ${changes === 1 ? 'change' : 'changes'}`
				: `change ${state.current + 1}/${changes}`,
		);
	}
	parts.push(
		`A ${numberFormat.format(stats.wordsA)} w, B ${numberFormat.format(stats.wordsB)} w`,
		`−${numberFormat.format(stats.deleted)} +${numberFormat.format(stats.inserted)}`,
		`${(stats.similarity * 100).toFixed(1)}% similar`,
		`${a.fileName} ↔ ${b.fileName}`,
	);
	return parts.join(' · ');
}
