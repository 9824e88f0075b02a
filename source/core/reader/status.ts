import type {StyledLine} from '../types.js';
import type {ReaderLayout} from './layout.js';
import type {ReaderState, ReaderView} from './state.js';
import {topLine} from './state.js';
import {visibleLines} from './visible.js';

/** Reading speed for the time left, in words per minute. */
export const WORDS_PER_MINUTE = 230;

export interface ReaderStatus {
	readonly title: string;
	/** First line on screen, from 1. */
	readonly line: number;
	readonly total: number;
	/** Whether `total` is extrapolated because the layout is still being made. */
	readonly totalIsEstimate: boolean;
	/** How far the bottom of the screen is through the article, 0–100. */
	readonly percent: number;
	/** Reading time for the words below the screen, rounded up; 0 at the end. */
	readonly minutesLeft: number;
	readonly message?: string;
	/** 1-based current match (0 before the first jump) and the number of matches. */
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
	const below = bottom < available ? layout.fractionAfter(bottom) * layout.document.words : 0;
	const {document} = layout;
	const status: ReaderStatus = {
		title: document.title.trim() ? document.title : document.fileName,
		line: Math.min(top + 1, Math.max(1, total)),
		total,
		totalIsEstimate,
		percent: total === 0 ? 100 : Math.round((100 * bottom) / total),
		minutesLeft: Math.ceil(below / WORDS_PER_MINUTE),
	};
	return {
		...status,
		...(state.message === undefined ? {} : {message: state.message}),
		...(state.search === undefined
			? {}
			: {
					search: {
						current: state.search.current === undefined ? 0 : state.search.current + 1,
						total: state.search.matches.length,
						query: state.search.query,
					},
				}),
		...(state.prompt === undefined ? {} : {prompt: state.prompt.text}),
	};
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
