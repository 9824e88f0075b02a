/**
 * Reader: opening the corpus's ~5 MB article (parse, first screen with the lazy layout, full
 * layout), then what one keystroke costs on it (reducer + the visible lines + status bar), for
 * scrolling, searching and resizing (in-process wall times); then the same article in a real
 * pty: Enter in the library to the reader's first frame (and from process start), and
 * keypress to frame for j and Space, against `less` on the same file measured the same way.
 */
import {copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {basename, join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {decodeBytes} from '../../source/core/corpus/decode.js';
import {parseDocument} from '../../source/core/corpus/document.js';
import {ReaderLayout} from '../../source/core/reader/layout.js';
import {initialReaderState, readerReducer} from '../../source/core/reader/state.js';
import type {ReaderCommand, ReaderState, ReaderView} from '../../source/core/reader/state.js';
import {readerFrame} from '../../source/core/reader/status.js';
import {promptOf} from '../../source/core/prompt.js';
import type {Document} from '../../source/core/types.js';
import {startTerminal, type TerminalSession} from '../e2e/terminal.js';
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
	const typed: ReaderCommand[] = ['search', {type: 'search-edit', prompt: promptOf(query)}];
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
	rows.push(...(await ptyRows(context, document)));
	return rows;
};

const PTY_SIZE = {cols: COLUMNS, rows: ROWS};
const OPEN_TARGET = 200;
const SCROLL_TARGET = 30;
/** "lines 1,201–1,222 of ~5,310 ·" (core/reader/status.ts): the first number is the top line. */
const READER_STATUS = /lines? ([\d,]+)(?:–[\d,]+)? of ~?[\d,]+ ·/;

/** Waits (up to 60 s) for `folder`'s search index snapshot in the bench's cache folder
 * (core/search/snapshot.ts: kept beside the folder's database, named after the folder). */
async function waitForSearchSnapshot(folder: string): Promise<void> {
	const cache = join(process.env.XDG_CACHE_HOME ?? '', 'reading-room');
	const until = performance.now() + 60_000;
	const ours = (name: string) =>
		name.startsWith(`${basename(folder)}-`) && name.endsWith('-search');
	while (performance.now() < until) {
		const kept = existsSync(cache) && readdirSync(cache).some(ours);
		if (kept) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error('the app kept no search index snapshot within 60 s');
}

async function close(session: TerminalSession): Promise<void> {
	session.dispose();
	await session.waitForExit({timeout: 5000}).catch(() => undefined);
}

/** The reader's top line from its status bar, or undefined while another screen shows. */
function readerTop(screen: string): number | undefined {
	const match = READER_STATUS.exec(screen);
	return match ? Number(match[1]!.replace(/,/g, '')) : undefined;
}

interface PtyOpen {
	readonly fromEnter: number;
	readonly fromStart: number;
}

/** Starts the app on a folder holding only the large article, presses Enter on it and times
 * the reader's first frame. Leaves the session open for scrolling when `keep` is set. */
async function openInApp(
	cli: string,
	folder: string,
): Promise<{times: PtyOpen; session: TerminalSession}> {
	const session = startTerminal(cli, ['--no-state', folder], PTY_SIZE);
	await session.waitForText(/1 document\b/, {timeout: 30_000, description: 'the library'});
	// The library's first frame is painted before the interface has loaded (see
	// ui/first-paint.ts): open the help and close it again, so Enter is timed from when the
	// library takes keys, not from a frame that cannot answer yet. fromStart keeps the rest.
	session.press('?');
	await session.waitForText('Library — keys', {timeout: 30_000});
	session.press('?');
	await session.waitForText(/1 document\b/, {timeout: 30_000});
	const enteredAt = await session.keyLatency('enter', {
		until: (screen) => readerTop(screen) === 1,
		timeout: 30_000,
	});
	const frameAt = performance.now();
	return {
		session,
		times: {fromEnter: enteredAt, fromStart: frameAt - session.spawnedAt},
	};
}

/** Keypress to frame for `key`, `presses` times: until the screen changes (each press moves
 * the text; the runs stay far from the end of the article). */
async function scrollLatencies(
	session: TerminalSession,
	key: string,
	presses: number,
): Promise<number[]> {
	const samples: number[] = [];
	for (let press = 0; press < presses; press++) {
		samples.push(await session.keyLatency(key, {timeout: 10_000}));
	}
	return samples;
}

async function ptyRows(
	context: Parameters<BenchSuite>[0],
	document: Document,
): Promise<BenchRow[]> {
	const folder = mkdtempSync(join(tmpdir(), 'reading-room-large-'));
	try {
		copyFileSync(context.corpus.largeArticle, join(folder, basename(context.corpus.largeArticle)));
		const runs = Math.max(1, context.runs);
		const presses = context.quick ? 30 : 150;
		// One unmeasured run fills the disk cache and the app's: it stays until the app has
		// kept its search index (as a returning reader's has), so later starts take it up
		// rather than read the article to index it while Enter is timed.
		const warmUp = await openInApp(context.cli, folder);
		await waitForSearchSnapshot(folder);
		await close(warmUp.session);
		const opens: PtyOpen[] = [];
		const scroll = {j: [] as number[], space: [] as number[]};
		for (let run = 0; run < runs; run++) {
			const {session, times} = await openInApp(context.cli, folder);
			opens.push(times);
			if (run === 0) {
				scroll.j.push(...(await scrollLatencies(session, 'j', presses)));
				scroll.space.push(...(await scrollLatencies(session, 'space', presses)));
			}
			await close(session);
		}
		const env = {LESS: undefined, LESSOPEN: undefined, LESSCLOSE: undefined};
		const less = startTerminal('less', [context.corpus.largeArticle], {...PTY_SIZE, env});
		const lessScroll = {j: [] as number[], space: [] as number[]};
		let lessOpen = 0;
		try {
			const opening = document.paragraphs[0]!.slice(0, 20);
			lessOpen = await less.timeToFrame((screen) => screen.includes(opening), {timeout: 30_000});
			lessScroll.j.push(...(await scrollLatencies(less, 'j', presses)));
			lessScroll.space.push(...(await scrollLatencies(less, 'space', presses)));
		} finally {
			await close(less);
		}
		const fromEnter = summarise(opens.map((open) => open.fromEnter));
		const fromStart = summarise(opens.map((open) => open.fromStart));
		const j = summarise(scroll.j);
		const space = summarise(scroll.space);
		const lessJ = summarise(lessScroll.j);
		const lessSpace = summarise(lessScroll.space);
		return [
			{
				group: GROUP,
				name: 'Enter → reader frame, large article (pty)',
				...fromEnter,
				unit: 'ms',
				target: OPEN_TARGET,
				note: `${sizeNote(document)} alone in a folder, ${COLUMNS}×${ROWS}; Enter, once the library takes keys, to the reader's status bar`,
			},
			{
				group: GROUP,
				name: 'process start → reader frame, large article (pty)',
				...fromStart,
				unit: 'ms',
				peer: {name: 'less', median: lessOpen},
				note: 'includes loading the library and pressing Enter once it shows; peer: less to its first screen',
			},
			{
				group: GROUP,
				name: 'j → frame, large article (pty)',
				...j,
				unit: 'ms',
				target: SCROLL_TARGET,
				targetIsP95: true,
				peer: {name: 'less', median: lessJ.median, p95: lessJ.p95},
				note: `${presses} presses each, the top line moving; less on the same file the same way`,
			},
			{
				group: GROUP,
				name: 'Space → frame, large article (pty)',
				...space,
				unit: 'ms',
				target: SCROLL_TARGET,
				targetIsP95: true,
				peer: {name: 'less', median: lessSpace.median, p95: lessSpace.p95},
			},
		];
	} finally {
		rmSync(folder, {recursive: true, force: true});
	}
}

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
