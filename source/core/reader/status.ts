import type {StyledLine} from '../types.js';
import type {ReaderLayout} from './layout.js';
import type {ReaderState, ReaderView} from './state.js';
import {currentMatchShown, topLine} from './state.js';
import {visibleLines} from './visible.js';
import {readingMinutes} from '../text/words.js';
import {countOf, formatCount} from '../text/numbers.js';

export interface ReaderStatus {
	readonly title: string;
	/** First line on screen, from 1. */
	readonly line: number;
	/** Last line on screen, from 1. */
	readonly lastLine: number;
	readonly total: number;
	/** Whether `total` is extrapolated because the layout is still being made. */
	readonly totalIsEstimate: boolean;
	/** How far the bottom line of the screen is through the article, 0–100, rounded down: 100
	 * only when the last line is on screen (as less shows it). */
	readonly percent: number;
	/** Reading time from the top of the screen on, at the library's rate and rounding: at the
	 * top of an article it is the library's figure. 0 only for an empty article. */
	readonly minutesLeft: number;
	readonly message?: string;
	/** The current match from 1 while it is on screen, else 0, and the number of matches. */
	readonly search?: {readonly current: number; readonly total: number; readonly query: string};
	/** The open search line's text. */
	readonly prompt?: string;
}

/** Articles up to this many characters get an exact line count on the first frame. */
const EXACT_TOTAL_CHARS = 200_000;

export function statusFor(state: ReaderState, layout: ReaderLayout, height: number): ReaderStatus {
	layout.finishIfShort(EXACT_TOTAL_CHARS);
	const top = topLine(state, {layout, height});
	const rows = Math.max(1, Math.floor(height));
	const available = layout.ensureLines(top + rows + 1);
	const totalIsEstimate = !layout.complete;
	const total = totalIsEstimate ? layout.estimatedTotal() : available;
	const bottom = Math.min(top + rows, total);
	const {document} = layout;
	const wordsLeft = top === 0 ? document.words : layout.fractionAfter(top) * document.words;
	const atEnd = bottom >= total && !totalIsEstimate;
	const status: ReaderStatus = {
		title: document.title.trim() ? document.title : document.fileName,
		line: Math.min(top + 1, Math.max(1, total)),
		lastLine: Math.max(1, bottom),
		total,
		totalIsEstimate,
		percent: total === 0 || atEnd ? 100 : Math.min(99, Math.floor((100 * bottom) / total)),
		minutesLeft: readingMinutes(Math.round(wordsLeft)),
	};
	return {
		...status,
		...(state.message === undefined ? {} : {message: state.message}),
		...(state.search === undefined
			? {}
			: {
					search: {
						current: currentMatchShown(state, {layout, height}),
						total: state.search.matches.length,
						query: state.search.query,
					},
				}),
		...(state.prompt === undefined ? {} : {prompt: state.prompt.text}),
	};
}

/**
 * How far through the article the reader is, as remembered (core/positions): the share of the
 * lines down to the bottom of the screen, as the status shows it, and whether the last line is
 * on screen. A long article still being laid out is measured against its estimated total.
 */
export function readingOf(
	state: ReaderState,
	view: ReaderView,
): {progress: number; reachedEnd: boolean} {
	const {layout} = view;
	// As the status counts: exact for all but long articles.
	layout.finishIfShort(EXACT_TOTAL_CHARS);
	const top = topLine(state, view);
	const rows = Math.max(1, Math.floor(view.height));
	const available = layout.ensureLines(top + rows + 1);
	const reachedEnd = available <= top + rows && layout.complete;
	const total = layout.complete ? available : layout.estimatedTotal();
	if (reachedEnd || total === 0) return {progress: 1, reachedEnd: true};
	return {progress: Math.min(0.99, Math.min(top + rows, total) / total), reachedEnd: false};
}

/** Everything the reader screen draws for one frame. */
export interface ReaderFrame {
	readonly top: number;
	/** Spaces to put before every line to centre the text column. */
	readonly margin: number;
	readonly lines: StyledLine[];
	readonly status: ReaderStatus;
}

export function readerFrame(state: ReaderState, view: ReaderView): ReaderFrame {
	const top = topLine(state, view);
	return {
		top,
		margin: view.layout.margin,
		lines: visibleLines(view.layout, top, view.height, state.search),
		status: statusFor(state, view.layout, view.height),
	};
}

/**
 * The status bar's two parts. Left, what and where, as less says it: the lines on screen, how
 * far through, the search's place, the time left, then the title (the part a narrow bar cuts).
 * Right, the key hints, which the bar drops before it cuts anything on the left.
 */
export function readerStatusText(
	status: ReaderStatus,
	notice?: string,
): {left: string; right: string} {
	const total = `${status.totalIsEstimate ? '~' : ''}${formatCount(status.total)}`;
	const lines =
		status.lastLine > status.line
			? `lines ${formatCount(status.line)}–${formatCount(status.lastLine)} of ${total}`
			: `line ${formatCount(status.line)} of ${total}`;
	let place: string | undefined;
	if (status.search) {
		const {current, total: matches, query} = status.search;
		place =
			matches === 0
				? `no match for “${query}”`
				: current === 0
					? `${countOf(matches, 'match', 'matches')} “${query}”`
					: `match ${formatCount(current)} of ${formatCount(matches)} “${query}”`;
	}
	// A message (about the search, as a rule) comes first with the search's place; the figures
	// and the title stay after them.
	const parts: string[] = [];
	if (status.message) parts.push(status.message, ...(place ? [place] : []));
	parts.push(lines, `${status.percent}%`);
	if (place && !status.message) parts.push(place);
	parts.push(status.minutesLeft > 0 ? `${formatCount(status.minutesLeft)} min left` : 'end');
	if (notice) parts.push(notice);
	parts.push(status.title);
	return {left: parts.join(' · '), right: '/ search  ? help  q back'};
}
