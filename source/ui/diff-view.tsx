import React, {useMemo, useReducer, useState} from 'react';
import {Box, Text} from 'ink';
import type {Document, StyledLine} from '../core/types.js';
import {diffDocuments} from '../core/diff/diff-documents.js';
import {diffRows, rowOfChange, sideBySideColumns, type DiffRow} from '../core/diff/rows.js';
import {
	clampTop,
	diffKeymap,
	diffViewReducer,
	initialDiffViewState,
	type DiffCommand,
	type DiffView as DiffViewModel,
	type DiffViewState,
} from '../core/diff-view/state.js';
import {padToWidth, truncateToWidth} from '../core/text/width.js';
import {StatusBar} from './status-bar.js';
import {StyledLineView} from './styled-line.js';
import {HelpOverlay} from './help.js';
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
const helpKeymap = [{keys: ['?', 'escape', 'q'], action: 'close' as const, description: 'Close help'}];

export function DiffView({a, b, width, height, isActive, onBack}: DiffViewProps) {
	const colour = useColour();
	const [state, setState] = useState<DiffViewState>(() => initialDiffViewState(width));
	const [help, toggleHelp] = useReducer((shown: boolean) => !shown, false);

	const result = useMemo(() => diffDocuments(a, b, {layout: state.layout}), [a, b, state.layout]);
	const rows: DiffRow[] = useMemo(
		() => diffRows(result, {mode: state.mode, width, layout: state.layout, brackets: !colour}),
		[result, state.mode, width, state.layout, colour],
	);
	const changes = result.changes.filter((change) => state.layout || !change.layoutOnly).length;
	const bodyRows = Math.max(1, height - 2);
	const view: DiffViewModel = {
		rows: rows.length,
		height: bodyRows,
		changes,
		rowOfChange: (index) => rowOfChange(rows, index),
	};
	const top = clampTop(state.top, view);

	useKeymap(
		diffKeymap,
		(command: DiffCommand) => {
			if (command === 'back') onBack();
			else if (command === 'help') toggleHelp();
			else setState((current) => diffViewReducer({...current, top: clampTop(current.top, view)}, command, view));
		},
		{isActive: isActive && !help},
	);
	useKeymap(helpKeymap, toggleHelp, {isActive: isActive && help});

	if (help) return <HelpOverlay title="Diff" keymap={diffKeymap} width={width} height={height} />;

	const visible = rows.slice(top, top + bodyRows);
	const lines: React.ReactNode[] = visible.map((row, index) => (
		<StyledLineView key={index} line={rowLine(row)} />
	));
	if (rows.length === 0) lines.push(<Text key="same" dimColor>Both versions are empty.</Text>);
	for (let index = lines.length; index < bodyRows; index++) lines.push(<Text key={`f${index}`}> </Text>);

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Header a={a} b={b} width={width} mode={state.mode} />
			{lines}
			<StatusBar width={width} left={statusText(state, result, changes, a, b)} right="n/N change  s layout  ? help" />
		</Box>
	);
}

function rowLine(row: DiffRow): StyledLine {
	if ('line' in row) return row.line;
	return [...row.left, {text: ' │ ', role: 'dim'}, ...row.right];
}

function Header({a, b, width, mode}: {a: Document; b: Document; width: number; mode: DiffViewState['mode']}) {
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
	result: ReturnType<typeof diffDocuments>,
	changes: number,
	a: Document,
	b: Document,
): string {
	if (state.message) return state.message;
	const {stats} = result;
	const parts: string[] = [];
	if (result.fallback) parts.push('too different for a word diff: compared by paragraph');
	if (changes === 0) parts.push(result.identical ? 'identical in content' : 'no changes');
	else parts.push(state.current === undefined ? `${changes} changes` : `change ${state.current + 1}/${changes}`);
	parts.push(
		`A ${numberFormat.format(stats.wordsA)} w, B ${numberFormat.format(stats.wordsB)} w`,
		`−${numberFormat.format(stats.deleted)} +${numberFormat.format(stats.inserted)}`,
		`${(stats.similarity * 100).toFixed(1)}% similar`,
		`${a.fileName} ↔ ${b.fileName}`,
	);
	return parts.join(' · ');
}
