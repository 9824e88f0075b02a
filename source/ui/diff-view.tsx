import React, {useEffect, useReducer} from 'react';
import {Box, Text} from 'ink';
import type {Document, StyledLine} from '../core/types.js';
import {diffDocuments} from '../core/diff/diff-documents.js';
import type {DiffResult} from '../core/diff/types.js';
import {DiffLayout, sideBySideColumns, type DiffRow} from '../core/diff/rows.js';
import {
	clampTop,
	modeFor,
	type DiffView as DiffViewModel,
	type DiffViewState,
} from '../core/diff-view/state.js';
import type {DiffRequest} from '../core/app/state.js';
import {padToWidth, truncateToWidth} from '../core/text/width.js';
import {StatusBar} from './status-bar.js';
import {StyledLineView} from './styled-line.js';

export interface DiffViewProps {
	readonly a: Document;
	readonly b: Document;
	readonly state: DiffViewState;
	/** The rows for the state's mode, once the diff is computed. */
	readonly rows: DiffRows | undefined;
	readonly width: number;
	readonly height: number;
	/** Which versions of a story A and B are ("v3", "v4"), when opened from its history. */
	readonly versions?: {readonly a: string; readonly b: string} | undefined;
}

const numberFormat = new Intl.NumberFormat('en-US');
/** Texts this long are compared after a first "comparing…" frame instead of before any. */
const COMPARE_LATER = 400_000;
/** Milliseconds of row measuring per idle tick, so keys stay quick on a long diff. */
const MEASURE_SLICE = 12;

/** A diff and its rows for one mode and width. */
export interface DiffRows {
	readonly result: DiffResult;
	readonly layout: DiffLayout;
	/** What the app's step needs to know about the rows (core/diff-view). */
	readonly view: DiffViewModel;
}

interface Entry {
	result: DiffResult | undefined;
	readonly layouts: Map<string, DiffLayout>;
}

/** Diffs computed so far, per pair and layout setting: the app's step and this view share them. */
const diffs = new WeakMap<Document, WeakMap<Document, Map<boolean, Entry>>>();

function entryFor(a: Document, b: Document, layout: boolean, onReady: () => void): Entry {
	let byB = diffs.get(a);
	if (!byB) diffs.set(a, (byB = new WeakMap()));
	let byLayout = byB.get(b);
	if (!byLayout) byB.set(b, (byLayout = new Map()));
	let entry = byLayout.get(layout);
	if (!entry) {
		const short = a.text.length + b.text.length < COMPARE_LATER;
		const made: Entry = {
			result: short ? diffDocuments(a, b, {layout}) : undefined,
			layouts: new Map(),
		};
		if (!short) {
			// A long diff is computed after a first "comparing…" frame has been drawn.
			setTimeout(() => {
				made.result = diffDocuments(a, b, {layout});
				onReady();
			});
		}
		entry = made;
		byLayout.set(layout, entry);
	}
	return entry;
}

/** The rows of the diff `request` asks for, or undefined while it is being computed; `onReady`
 * is called when a diff computed later arrives. */
export function diffRowsFor(
	request: DiffRequest,
	colour: boolean,
	onReady: () => void,
): DiffRows | undefined {
	const entry = entryFor(request.a, request.b, request.layout, onReady);
	const {result} = entry;
	if (!result) return undefined;
	const key = `${request.mode} ${request.columns} ${colour}`;
	let layout = entry.layouts.get(key);
	if (!layout) {
		if (entry.layouts.size > 4) entry.layouts.clear();
		layout = new DiffLayout(result, {
			mode: request.mode,
			width: request.columns,
			layout: request.layout,
			brackets: !colour,
		});
		entry.layouts.set(key, layout);
	}
	const rows = layout;
	const view: DiffViewModel = {
		columns: request.columns,
		// Read when used: jumping to a change measures rows, which makes the total exact.
		get rows() {
			return rows.rowCount;
		},
		height: request.height,
		changes: result.changes.length,
		rowOfChange: (index) => rows.rowOfChange(index),
		measureAll: () => rows.measureAll(),
		passageAt: (row) => rows.passageAt(row),
		rowOfPassage: (passage) => rows.rowOfPassage(passage),
	};
	return {result, layout, view};
}

/** The diff screen: a view of its state (core/diff-view) and rows, plus the background work of
 * measuring a long diff's rows so the total becomes exact. */
export function DiffView({a, b, state, rows, width, height, versions}: DiffViewProps) {
	const [, measured] = useReducer((count: number) => count + 1, 0);
	const mode = modeFor(state, width);
	const result = rows?.result;
	const layout = rows?.layout;
	const bodyRows = Math.max(1, height - 2);
	const changes = result?.changes.length ?? 0;
	const top = rows ? clampTop(state.top, rows.view) : 0;

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
	} else if (visible.length === 0 && (layout?.rowCount ?? 0) === 0) {
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
			<Header
				a={versions ? `${versions.a} ${a.id}` : a.id}
				b={versions ? `${versions.b} ${b.id}` : b.id}
				width={width}
				mode={mode}
			/>
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

/** The names of A and B over their text (sanitised ids, with the story's version numbers). */
function Header({
	a,
	b,
	width,
	mode,
}: {
	a: string;
	b: string;
	width: number;
	mode: 'side-by-side' | 'inline';
}) {
	if (mode === 'side-by-side') {
		const {left, right} = sideBySideColumns(width);
		return (
			<Text bold wrap="truncate-end">
				{padToWidth(`A ${a}`, left)} │ {truncateToWidth(`B ${b}`, right)}
			</Text>
		);
	}
	return (
		<Text bold wrap="truncate-end">
			{truncateToWidth(`A ${a} → B ${b}`, width)}
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
