/**
 * Reader: opening the corpus's ~5 MB article (parse, first screen with the lazy layout, full
 * layout), then what one keystroke costs on it (reducer + the visible lines + status bar), for
 * scrolling, searching and resizing. Times are in-process wall times; the pty rows (process
 * start to first frame, keypress to frame against `less`) belong to the screen's suite.
 */
import {readFileSync} from 'node:fs';
import {basename} from 'node:path';
import {performance} from 'node:perf_hooks';
import {decodeBytes} from '../../source/core/corpus/decode.js';
import {parseDocument} from '../../source/core/corpus/document.js';
import {ReaderLayout} from '../../source/core/reader/layout.js';
import {initialReaderState, readerReducer} from '../../source/core/reader/state.js';
import type {ReaderCommand, ReaderState, ReaderView} from '../../source/core/reader/state.js';
import {readerFrame} from '../../source/core/reader/status.js';
import type {Document} from '../../source/core/types.js';
import {measure, summarise} from './stats.js';
import type {BenchRow, BenchSuite} from './types.js';

const GROUP = 'reader';
const COLUMNS = 120;
const ROWS = 40;
const KEYSTROKE_TARGET = 16;

/** Reads and parses an article as the loader does, outside the timings of the reader. */
export function openArticle(path: string): Document {
	const bytes = readFileSync(path);
	const decoded = decodeBytes(bytes);
	if (decoded.kind !== 'text') throw new Error(`${path} is not text`);
	return parseDocument({
		id: basename(path),
		path,
		bytes: bytes.length,
		text: decoded.text,
		encoding: decoded.encoding,
	});
}

/** A fresh layout (not the per-document cache), so every run pays for wrapping again. */
function freshView(document: Document, columns = COLUMNS): ReaderView {
	return {layout: new ReaderLayout(document, columns), height: ROWS};
}

/** One keystroke as the screen handles it: reduce, then compute the frame to draw. */
function keystroke(state: ReaderState, command: ReaderCommand, view: ReaderView): ReaderState {
	const next = readerReducer(state, command, view);
	readerFrame(next, view);
	return next;
}

function timed<T>(work: () => T): {value: T; ms: number} {
	const started = performance.now();
	const value = work();
	return {value, ms: performance.now() - started};
}

const sizeNote = (document: Document) =>
	`${(document.bytes / 1e6).toFixed(1)} MB, ${document.words.toLocaleString('en')} words, ${document.paragraphs.length.toLocaleString('en')} paragraphs`;

export const readerBench: BenchSuite = async (context) => {
	const rows: BenchRow[] = [];
	const runs = Math.max(1, context.runs);
	const path = context.corpus.largeArticle;

	const parse = await measure(() => void openArticle(path), Math.min(runs, 5));
	const document = openArticle(path);
	rows.push({
		group: GROUP,
		name: 'read + parse large article',
		...parse,
		unit: 'ms',
		note: `${sizeNote(document)}; corpus code, counted in the first frame`,
	});

	const first = await measure(() => {
		const view = freshView(document);
		readerFrame(initialReaderState(view), view);
	}, runs);
	rows.push({
		group: GROUP,
		name: 'layout to first screen, large article',
		...first,
		unit: 'ms',
		note: `${COLUMNS}×${ROWS}, lazy layout + frame`,
	});

	let lines = 0;
	const full = await measure(() => {
		lines = freshView(document).layout.total;
	}, runs);
	rows.push({
		group: GROUP,
		name: 'full layout, large article',
		...full,
		unit: 'ms',
		note: `${lines.toLocaleString('en')} lines at ${COLUMNS} columns`,
	});

	// Scrolling on a finished layout: the keys a reader presses most.
	const view = freshView(document);
	void view.layout.total;
	let state = initialReaderState(view);
	const pattern: ReaderCommand[] = [
		'line-down',
		'page-down',
		'half-page-down',
		'line-up',
		'page-down',
		'page-up',
	];
	const presses = context.quick ? 200 : 2_000;
	const scroll: number[] = [];
	for (let press = 0; press < presses; press++) {
		const {value, ms} = timed(() => keystroke(state, pattern[press % pattern.length]!, view));
		state = value;
		scroll.push(ms);
	}
	for (const command of ['bottom', 'top'] as const) {
		const {value, ms} = timed(() => keystroke(state, command, view));
		state = value;
		scroll.push(ms);
	}
	rows.push({
		group: GROUP,
		name: 'scroll keystroke → frame data',
		...summarise(scroll),
		unit: 'ms',
		target: KEYSTROKE_TARGET,
		note: `${scroll.length} keys: j k Space b Ctrl+D g G, reducer + visibleLines + status`,
	});

	// G before the background layout finished: the one key that must wrap the rest at once.
	const bottom = await measure(() => {
		const fresh = freshView(document);
		keystroke(initialReaderState(fresh), 'bottom', fresh);
	}, runs);
	rows.push({
		group: GROUP,
		name: 'G on a fresh layout',
		...bottom,
		unit: 'ms',
		note: 'worst key: lays out the whole article',
	});

	// Search: submitting scans the whole text; n then only moves.
	const query = mostCommonLongWord(document);
	const typed: ReaderCommand[] = ['search', {type: 'search-type', text: query}];
	const submit = await measure(() => {
		const searching = typed.reduce(
			(current, command) => readerReducer(current, command, view),
			initialReaderState(view),
		);
		keystroke(searching, {type: 'search-submit'}, view);
	}, runs);
	state = keystroke(
		typed.reduce(
			(current, command) => readerReducer(current, command, view),
			initialReaderState(view),
		),
		{type: 'search-submit'},
		view,
	);
	const matches = state.search?.matches.length ?? 0;
	rows.push({
		group: GROUP,
		name: 'search submit, large article',
		...submit,
		unit: 'ms',
		target: KEYSTROKE_TARGET,
		note: `'${query}': ${matches.toLocaleString('en')} matches`,
	});
	const next: number[] = [];
	for (let press = 0; press < (context.quick ? 100 : 1_000); press++) {
		const {value, ms} = timed(() =>
			keystroke(state, press % 5 === 4 ? 'previous-match' : 'next-match', view),
		);
		state = value;
		next.push(ms);
	}
	rows.push({
		group: GROUP,
		name: 'n / N keystroke → frame data',
		...summarise(next),
		unit: 'ms',
		target: KEYSTROKE_TARGET,
	});

	// Resize in the middle of the article: a new width wraps up to the anchored passage.
	const middle = readerReducer(initialReaderState(view), 'bottom', view);
	const halfway = {paragraph: Math.floor(document.paragraphs.length / 2), offset: 0};
	const resize = await measure(() => {
		const narrower = freshView(document, 80);
		keystroke({...middle, anchor: halfway}, {type: 'resize'}, narrower);
	}, runs);
	rows.push({
		group: GROUP,
		name: 'resize at mid-article → frame data',
		...resize,
		unit: 'ms',
		note: 'wraps the first half at the new width',
	});
	return rows;
};

/** A frequent word of 6+ letters, so the search has many matches to step through. */
function mostCommonLongWord(document: Document): string {
	const counts = new Map<string, number>();
	for (const paragraph of document.paragraphs.slice(0, 500)) {
		for (const word of paragraph.toLowerCase().match(/\p{L}{6,}/gu) ?? []) {
			counts.set(word, (counts.get(word) ?? 0) + 1);
		}
	}
	return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'the';
}
