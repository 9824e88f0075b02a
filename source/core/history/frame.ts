import {statusLine} from '../status-line.js';
import {formatCount} from '../text/numbers.js';
import {cellWidth, padToWidth, truncateToWidth} from '../text/width.js';
import type {StyledLine} from '../types.js';
import type {LocalOffset} from './dates.js';
import {historyRow, largestChange, sparkline} from './rows.js';
import type {HistoryState, HistoryView} from './state.js';
import type {StoryHistory} from './story.js';

/** Everything the history screen shows; the screen only draws the lines. */
export interface HistoryFrameInput {
	readonly history: StoryHistory;
	readonly state: HistoryState;
	/** The provenance view's lines at this width (see provenanceLines), laid out by the caller
	 * once per width when the view opens; not needed for the list. */
	readonly provenance?: readonly StyledLine[];
	/** The version the history was opened from, marked ◆. */
	readonly current: number | undefined;
	readonly width: number;
	/** Lines available (the terminal's rows less one). */
	readonly height: number;
	readonly localOffset?: LocalOffset;
}

const BASIS = {dateline: 'ordered by dateline', mtime: 'by file time', name: 'by name'} as const;

/** Lines the list leaves for version rows: a header, a note line when the order has notes,
 * the status bar. */
function rowLines(input: HistoryFrameInput): number {
	const notes = input.history.order.notes.length > 0 ? 1 : 0;
	return Math.max(1, input.height - 2 - notes);
}

/** What the reducer needs to know of the screen. */
export function historyView(input: HistoryFrameInput): HistoryView {
	return {
		versions: input.history.versions.length,
		visible: rowLines(input),
		provenanceLines: input.provenance?.length ?? 0,
		provenanceHeight: Math.max(1, input.height - 2),
	};
}

/** Versions whose step the screen shows and has not diffed yet, those on screen first: what
 * the app diffs next, a step at a time between keys. */
export function stepsWanted(input: HistoryFrameInput): number[] {
	const {history, state} = input;
	const onScreen: number[] = [];
	const later: number[] = [];
	const end = state.top + rowLines(input);
	for (const to of history.pendingSteps())
		(to >= state.top && to < end ? onScreen : later).push(to);
	return [...onScreen, ...later];
}

/** The whole screen as exactly `height` lines. */
export function historyFrame(input: HistoryFrameInput): StyledLine[] {
	return input.state.showing === 'provenance' ? provenanceFrame(input) : listFrame(input);
}

function listFrame(input: HistoryFrameInput): StyledLine[] {
	const {history, state, width} = input;
	const count = history.versions.length;
	const visible = rowLines(input);
	const top = Math.max(0, Math.min(state.top, count - visible));
	const latestTitle = history.versions.at(-1)?.title ?? '';
	const header = `History · ${count} versions · ${BASIS[history.order.basis]}`;
	// The story's shape at a glance, from three versions (two steps): a story of two has its
	// one step's bar on its row, and one bar alone at the header's end read as a stray block.
	const spark = count > 2 ? sparkline(history) : '';
	const lines: StyledLine[] = [
		[
			{
				text: padToWidth(
					truncateToWidth(`${header} · ${latestTitle}`, width - spark.length - (spark ? 1 : 0)),
					width - spark.length,
				),
				role: 'title',
			},
			{text: spark, role: 'marker'},
		],
	];
	const largest = largestChange(history);
	for (let index = top; index < Math.min(count, top + visible); index++) {
		const selected = index === state.selected;
		const row = historyRow(history, index, {
			width,
			selected,
			marked: state.marked.includes(index),
			current: index === input.current,
			largestChange: largest,
			localOffset: input.localOffset,
		});
		lines.push(selected ? row.map((segment) => ({text: segment.text, role: 'selected'})) : row);
	}
	while (lines.length < 1 + visible) lines.push([]);
	const notes = history.order.notes;
	if (notes.length > 0) {
		lines.push([{text: truncateToWidth(`! ${notes.join(' · ')}`, width), role: 'dim'}]);
	}
	const hints = 'Enter diff  p parts  ? help  Esc back';
	const place = [
		`v${Math.min(state.selected, count - 1) + 1} of ${count}`,
		...(state.marked.length > 0 ? [`${state.marked.length} marked`] : []),
		...(input.current !== undefined ? ['◆ the version you came from'] : []),
	].join(' · ');
	// The selected step's whole line, which its row may have had to cut, where it fits beside
	// the hints.
	const change = selectedChange(history, state.selected);
	const withChange = change === undefined ? place : `${place} · ${change}`;
	const left =
		state.message ?? (cellWidth(withChange) + 1 + cellWidth(hints) <= width ? withChange : place);
	lines.push([{text: statusLine(left, hints, width), role: 'status'}]);
	return lines;
}

function selectedChange(history: StoryHistory, selected: number): string | undefined {
	return selected > 0 ? history.knownStep(selected)?.summary : undefined;
}

function provenanceFrame(input: HistoryFrameInput): StyledLine[] {
	const {history, state, width} = input;
	const body = input.provenance ?? [];
	const height = Math.max(1, input.height - 2);
	const top = Math.max(0, Math.min(state.provenanceTop, body.length - height));
	const count = history.versions.length;
	const lines: StyledLine[] = [
		[
			{
				text: padToWidth(
					truncateToWidth(
						`Which parts came when · v${count}, the latest, by first appearance`,
						width,
					),
					width,
				),
				role: 'title',
			},
		],
		...body.slice(top, top + height),
	];
	while (lines.length < 1 + height) lines.push([]);
	const shown =
		body.length === 0
			? 'empty'
			: `lines ${formatCount(top + 1)}–${formatCount(Math.min(body.length, top + height))} of ${formatCount(body.length)}`;
	const left = state.message ?? `${shown} · vN: came in vN · ~ last edited · struck out: removed`;
	lines.push([{text: statusLine(left, 'Esc back  ? help', width), role: 'status'}]);
	return lines;
}
