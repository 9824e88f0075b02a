import {describeLinkChanges} from '../core/markdown/links.js';
import React, {useEffect, useReducer} from 'react';
import {Box, Text} from 'ink';
import type {Document, Segment, StyledLine} from '../core/types.js';
import {diffDocuments, editsOf, timeBudgetFrom} from '../core/diff/diff-documents.js';
import type {DiffResult} from '../core/diff/types.js';
import {DiffLayout, sideBySideColumns, type DiffRow} from '../core/diff/rows.js';
import {FoldedRows, foldFinderFor, type FoldFinder} from '../core/diff/folded-rows.js';
import {foldLabel} from '../core/diff/folds.js';
import {DiffSearch, matchTargets, type MatchTarget} from '../core/diff/search.js';
import {
	changesInStory,
	formatRegionSummary,
	splitRegions,
	summariseRegions,
	folderBoilerplateOf,
} from '../core/diff/regions.js';
import {findMatches} from '../core/search/matching.js';
import type {QueryMatcher} from '../core/search/index.js';
import {parseDatelineDate} from '../core/history/dateline-date.js';
import {formatVersionDate} from '../core/history/dates.js';
import {
	clampTop,
	DIFF_CHROME_ROWS,
	GUTTER_WIDTH,
	modeFor,
	searching,
	type DiffView as DiffViewModel,
	type DiffViewState,
} from '../core/diff-view/state.js';
import type {DiffRequest} from '../core/app/state.js';
import {diffViewModel} from '../core/diff-view/model.js';
import {diffStatus} from '../core/diff-view/status.js';
import {promptLine} from '../core/prompt.js';
import {sanitiseLine} from '../core/text/sanitise.js';
import {cellWidth, padToWidth, truncateToWidth} from '../core/text/width.js';
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

/** Texts this long are compared after a first "comparing…" frame instead of before any. */
const COMPARE_LATER = 400_000;
/** Milliseconds of row measuring per idle tick, so keys stay quick on a long diff. */
const MEASURE_SLICE = 12;
const CURRENT_MARK = '▶ ';

/** A diff and its rows for one mode and width. */
export interface DiffRows {
	readonly result: DiffResult;
	readonly folded: FoldedRows;
	/** "body identical · headline added · …" (core/diff/regions). */
	readonly summary: string;
	/** The search's matcher, to mark its matches in the rows drawn. */
	readonly matcher: QueryMatcher | undefined;
	readonly matches: readonly MatchTarget[];
	/** What the app's step needs to know about the rows (core/diff-view). */
	readonly view: DiffViewModel;
}

interface LayoutEntry {
	readonly layout: DiffLayout;
	/** Its folds, found as it is measured: every change counted, or the story's only. */
	readonly folds: FoldFinder;
	storyFolds: FoldFinder | undefined;
	folded: {key: string; rows: FoldedRows} | undefined;
}

interface Entry {
	result: DiffResult | undefined;
	readonly layouts: Map<string, LayoutEntry>;
	search: DiffSearch | undefined;
	found: {query: string; matcher: QueryMatcher | undefined; targets: MatchTarget[]} | undefined;
	/** The summary line, made with the folder's boilerplate `recurring`. */
	summary: {readonly recurring: ReadonlySet<string>; readonly line: string} | undefined;
	/** Which changes touch the headline or the body; the indexes of those that do. */
	story:
		| {
				readonly recurring: ReadonlySet<string>;
				readonly counts: boolean[];
				readonly shown: number[];
		  }
		| undefined;
}

/** Diffs computed so far, per pair and layout setting: the app's step and this view share them. */
const diffs = new WeakMap<Document, WeakMap<Document, Map<boolean, Entry>>>();

const isShort = (a: Document, b: Document) => a.text.length + b.text.length < COMPARE_LATER;

/** The alignment's time budget (see timeBudgetFrom). */
const timeBudgetMs = timeBudgetFrom(process.env.READING_ROOM_DIFF_BUDGET_MS);

function entryFor(a: Document, b: Document, layout: boolean, onReady: () => void): Entry {
	let byB = diffs.get(a);
	if (!byB) diffs.set(a, (byB = new WeakMap()));
	let byLayout = byB.get(b);
	if (!byLayout) byB.set(b, (byLayout = new Map()));
	let entry = byLayout.get(layout);
	if (!entry) {
		const short = isShort(a, b);
		const made: Entry = {
			result: short ? diffDocuments(a, b, {layout, timeBudgetMs}) : undefined,
			layouts: new Map(),
			search: undefined,
			found: undefined,
			summary: undefined,
			story: undefined,
		};
		if (!short) {
			// A long diff is computed after a first "comparing…" frame has been drawn.
			setTimeout(() => {
				made.result = diffDocuments(a, b, {layout, timeBudgetMs});
				onReady();
			});
		}
		entry = made;
		byLayout.set(layout, entry);
	}
	return entry;
}

/** The layout of a request (measured lazily: only what is shown, or jumped to, first). */
function layoutFor(
	entry: Entry,
	result: DiffResult,
	request: DiffRequest,
	colour: boolean,
): LayoutEntry {
	const key = `${request.mode} ${request.columns} ${colour}`;
	let made = entry.layouts.get(key);
	if (!made) {
		if (entry.layouts.size > 4) entry.layouts.clear();
		const layout = new DiffLayout(result, {
			mode: request.mode,
			width: Math.max(1, request.columns - GUTTER_WIDTH),
			layout: request.layout,
			brackets: !colour,
		});
		made = {
			layout,
			folds: foldFinderFor(layout, result),
			storyFolds: undefined,
			folded: undefined,
		};
		entry.layouts.set(key, made);
	}
	return made;
}

function storyOf(entry: Entry, result: DiffResult, request: DiffRequest) {
	const recurring = folderBoilerplateOf(request.folder);
	if (entry.story?.recurring !== recurring) {
		const counts = changesInStory(
			result,
			{regions: splitRegions(request.a.text, recurring)},
			{regions: splitRegions(request.b.text, recurring)},
			editsOf,
		);
		const shown = counts.flatMap((counted, index) => (counted ? [index] : []));
		entry.story = {recurring, counts, shown};
	}
	return entry.story;
}

function summaryOf(entry: Entry, result: DiffResult, request: DiffRequest): string {
	const recurring = folderBoilerplateOf(request.folder);
	if (entry.summary?.recurring !== recurring) {
		const edits = editsOf(result).filter((edit) => !result.layout || edit.text.trim() !== '');
		const summary = summariseRegions(
			{regions: splitRegions(request.a.text, recurring)},
			{regions: splitRegions(request.b.text, recurring)},
			edits,
		);
		const line = formatRegionSummary(summary);
		entry.summary = {
			recurring,
			line: result.links ? `${line} · ${describeLinkChanges(result.links)}` : line,
		};
	}
	return entry.summary.line;
}

function searchOf(entry: Entry, result: DiffResult, request: DiffRequest) {
	if (request.query === '') return {matcher: undefined, targets: []};
	if (entry.found?.query !== request.query) {
		entry.search ??= new DiffSearch(request.a, request.b);
		const matcher = entry.search.matcher(request.query);
		const targets = matcher ? matchTargets(result, entry.search.find(request.query)) : [];
		entry.found = {query: request.query, matcher, targets};
	}
	return entry.found;
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
	const laid = layoutFor(entry, result, request, colour);
	const story = request.storyOnly ? storyOf(entry, result, request) : undefined;
	if (story && !laid.storyFolds) {
		const {counts} = story;
		laid.storyFolds = foldFinderFor(laid.layout, result, (change) => counts[change] === true);
	}
	const finder = story ? laid.storyFolds! : laid.folds;
	const foldKey = `${request.storyOnly} ${request.folds.showAll} ${request.folds.opened.join(',')}`;
	if (laid.folded?.key !== foldKey) {
		laid.folded = {key: foldKey, rows: new FoldedRows(finder, request.folds)};
	}
	const folded = laid.folded.rows;
	const found = searchOf(entry, result, request);
	const view = diffViewModel(request, result, folded, found.targets, found.matcher, story?.shown);
	return {
		result,
		folded,
		summary:
			summaryOf(entry, result, request) +
			(story ? ' · changes outside the headline and body hidden (i)' : ''),
		matcher: found.matcher,
		matches: found.targets,
		view,
	};
}

/** The diff screen: a view of its state (core/diff-view) and rows; only the rows on screen are
 * drawn. */
export function DiffView({a, b, state, rows, width, height, versions}: DiffViewProps) {
	const [, measured] = useReducer((count: number) => count + 1, 0);
	const folded = rows?.folded;
	// Rows below the screen are measured (and their folds found) while the reader reads, so the
	// total becomes exact and G, n and N rarely have to wait for it.
	useEffect(() => {
		if (!folded || folded.complete) return;
		let timer: NodeJS.Timeout | undefined;
		const step = () => {
			if (folded.measureFor(MEASURE_SLICE)) measured();
			else timer = setTimeout(step, 1);
		};
		timer = setTimeout(step, 1);
		return () => clearTimeout(timer);
	}, [folded]);
	const mode = modeFor(state, width);
	const result = rows?.result;
	const bodyRows = Math.max(1, height - DIFF_CHROME_ROWS);
	const top = rows ? clampTop(state.top, rows.view) : 0;
	const search = searching(state) ? state.search : undefined;
	const currentMatchRow =
		search?.current === undefined ? -1 : (rows?.view.rowOfMatch?.(search.current) ?? -1);

	const shown = rows ? rows.folded.rows(top, top + bodyRows) : [];
	const lines: React.ReactNode[] = shown.map((row, index) => {
		if (row.kind === 'fold') {
			return (
				<Text key={index} dimColor wrap="truncate-end">
					{padToWidth(`${' '.repeat(GUTTER_WIDTH)}${foldLabel(row.hidden)} ⋯`, width)}
				</Text>
			);
		}
		const current = search
			? top + index === currentMatchRow
			: state.current !== undefined &&
				spans(row.row, rows?.view.changeAt?.(state.current) ?? state.current);
		const line = marked(rowLine(row.row, current && !search), rows?.matcher, current);
		const gutter: Segment = {
			text: current ? CURRENT_MARK : ' '.repeat(GUTTER_WIDTH),
			role: 'marker',
		};
		return <StyledLineView key={index} line={blank(line) && !current ? [] : [gutter, ...line]} />;
	});
	if (!result || !rows) {
		lines.push(
			<Text key="wait" dimColor>
				Comparing…
			</Text>,
		);
	} else if (shown.length === 0) {
		lines.push(
			<Text key="same" dimColor>
				Both versions are empty.
			</Text>,
		);
	}
	for (let index = lines.length; index < bodyRows; index++) {
		lines.push(<Text key={`f${index}`}> </Text>);
	}

	const prompt = state.search?.prompt;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Header a={a} b={b} versions={versions} width={width} mode={mode} />
			{lines}
			<Text dimColor wrap="truncate-end">
				{rows ? truncateToWidth(rows.summary, width) : ' '}
			</Text>
			{prompt === undefined ? (
				<StatusBar
					width={width}
					left={
						rows
							? diffStatus(state, rows.view, rows.result, top)
							: `comparing ${a.fileName} ↔ ${b.fileName}`
					}
					right={
						search
							? 'n/N match  Esc end search  ? help'
							: 'n/N change  / search  z fold  s mode  ? help'
					}
				/>
			) : (
				<StyledLineView line={promptLine(prompt, width)} />
			)}
		</Box>
	);
}

function blank(line: StyledLine): boolean {
	return line.every((segment) => segment.text.trim() === '');
}

function spans(row: DiffRow, change: number): boolean {
	return row.change !== undefined && row.change <= change && change <= row.lastChange!;
}

/** Deleted and inserted text of the current change, stronger: bold as well. */
function stronger(line: StyledLine): StyledLine {
	return line.map((segment) =>
		segment.role === 'deleted' || segment.role === 'inserted'
			? {...segment, role: segment.role === 'deleted' ? 'current-deleted' : 'current-inserted'}
			: segment,
	);
}

function rowLine(row: DiffRow, current: boolean): StyledLine {
	const look = current ? stronger : (line: StyledLine) => line;
	if ('line' in row) return look(row.line);
	return [...look(row.left), {text: ' │ ', role: 'dim'}, ...look(row.right)];
}

/** The search's matches in a drawn line, marked (the diff's own look gives way to the match's);
 * on the current match's row, as the current match (reverse video without colour). */
function marked(line: StyledLine, matcher: QueryMatcher | undefined, current: boolean): StyledLine {
	if (!matcher) return line;
	const text = line.map((segment) => segment.text).join('');
	const ranges = findMatches(text, matcher).ranges;
	if (ranges.length === 0) return line;
	const out: Segment[] = [];
	let offset = 0;
	for (const segment of line) {
		const end = offset + segment.text.length;
		let at = offset;
		for (const range of ranges) {
			if (range.end <= at || range.start >= end) continue;
			const from = Math.max(at, range.start);
			if (from > at) out.push({...segment, text: text.slice(at, from)});
			const to = Math.min(end, range.end);
			out.push({text: text.slice(from, to), role: current ? 'current-match' : 'match'});
			at = to;
		}
		if (at < end) out.push({...segment, text: text.slice(at, end)});
		offset = end;
	}
	return out;
}

/** A version's name over its column: its title, then (dimmer, when there is room) its file
 * name, and its dateline's date when it has one; sanitised. */
function Header({
	a,
	b,
	versions,
	width,
	mode,
}: {
	a: Document;
	b: Document;
	versions: {readonly a: string; readonly b: string} | undefined;
	width: number;
	mode: 'side-by-side' | 'inline';
}) {
	if (mode === 'side-by-side') {
		const {left, right} = sideBySideColumns(width - GUTTER_WIDTH);
		return (
			<Text wrap="truncate-end">
				{' '.repeat(GUTTER_WIDTH)}
				<VersionName label="A" version={versions?.a} document={a} width={left} />
				<Text dimColor> │ </Text>
				<VersionName label="B" version={versions?.b} document={b} width={right} />
			</Text>
		);
	}
	const half = Math.floor((width - GUTTER_WIDTH - 3) / 2);
	return (
		<Text wrap="truncate-end">
			{' '.repeat(GUTTER_WIDTH)}
			<VersionName label="A" version={versions?.a} document={a} width={half} />
			<Text dimColor> → </Text>
			<VersionName label="B" version={versions?.b} document={b} width={half} />
		</Text>
	);
}

function VersionName({
	label,
	version,
	document,
	width,
}: {
	label: string;
	version: string | undefined;
	document: Document;
	width: number;
}) {
	const date = document.dateline ? parseDatelineDate(document.dateline) : undefined;
	const head = `${label}${version ? ` ${version}` : ''} ${sanitiseLine(document.title)}`;
	// As the history shows a dateline's date: "20 Jul 2020 21:08".
	const when = date ? ` · ${formatVersionDate({source: 'dateline', date})}` : '';
	const file = ` ${sanitiseLine(document.fileName)}`;
	const name = truncateToWidth(head, Math.max(1, width - cellWidth(when)));
	const room = width - cellWidth(name) - cellWidth(when);
	const fileShown = room >= cellWidth(file) ? file : '';
	return (
		<Text>
			<Text bold>{name}</Text>
			{when}
			<Text dimColor>{padToWidth(fileShown, Math.max(0, room))}</Text>
		</Text>
	);
}
