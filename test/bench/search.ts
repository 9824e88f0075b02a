/**
 * Search: building the index over the bench corpus (whole and per loader batch), memory with the
 * index, and per-keystroke latency while a person types (a word, a misspelt word, two words),
 * each keystroke being a search plus the snippets of one screen of results. Peers: fuse.js over
 * titles only (what the index replaced), grep -ril and fzf --filter over the same files.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {performance} from 'node:perf_hooks';
import Fuse from 'fuse.js';
import {loadAll} from '../../source/core/corpus/load.js';
import {SearchIndex, snippetFor, highlightSegments} from '../../source/core/search/index.js';
import {
	fold,
	initialAppState,
	libraryFrameInput,
	type AppEnv,
} from '../../source/core/app/state.js';
import {decodeKeys} from '../../source/core/keys.js';
import {libraryFrame} from '../../source/core/library/frame.js';
import type {Document} from '../../source/core/types.js';
import {startTerminal, type TerminalSession} from '../e2e/terminal.js';
import {summarise} from './stats.js';
import type {BenchRow, BenchSuite} from './types.js';
import {loaderBatches} from './batches.js';
import {runBenchChild} from './child.js';
import {runStoreChild} from './store-child.js';

const VISIBLE_RESULTS = 12;
const SNIPPET_WIDTH = 80;

function buildIndex(documents: readonly Document[]): {index: SearchIndex; batchTimes: number[]} {
	const index = new SearchIndex();
	const batchTimes: number[] = [];
	for (const batch of loaderBatches(documents)) {
		const started = performance.now();
		index.add(batch);
		batchTimes.push(performance.now() - started);
	}
	return {index, batchTimes};
}

/** Words a reader might look for: found in a few dozen to a few hundred articles, long enough
 * to misspell. Picked from the corpus itself, so they exist whatever the generator makes. */
export function pickWords(documents: readonly Document[], count: number): string[] {
	const frequency = new Map<string, number>();
	for (const document of documents.slice(0, 2000)) {
		const seen = new Set(
			document.paragraphs
				.join(' ')
				.toLowerCase()
				.match(/\p{L}{8,}/gu),
		);
		for (const word of seen) frequency.set(word, (frequency.get(word) ?? 0) + 1);
	}
	const sample = Math.min(2000, documents.length);
	const band = [...frequency]
		.filter(([, seen]) => seen >= sample / 200 && seen <= sample / 10)
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
	const words = band.map(([word]) => word);
	const step = Math.max(1, Math.floor(words.length / count));
	return Array.from({length: count}, (_, index) => words[(index * step) % words.length]!);
}

/** Two edits a hurried typist makes: neighbours swapped, and one letter doubled. */
export function misspell(word: string): string {
	const swapped = word.slice(0, 2) + word[3] + word[2] + word.slice(4);
	return swapped.slice(0, 6) + swapped[5] + swapped.slice(6);
}

/** Milliseconds for each keystroke of typing `query`: a search and one screen of snippets. */
export function typeQuery(index: SearchIndex, query: string): number[] {
	const times: number[] = [];
	for (let typed = 1; typed <= query.length; typed++) {
		const started = performance.now();
		const results = index.search(query.slice(0, typed), {limit: VISIBLE_RESULTS}).results;
		for (const result of results) {
			highlightSegments(result.document.title, result.titleRanges);
			const snippet = snippetFor(result, SNIPPET_WIDTH);
			highlightSegments(snippet.text, snippet.ranges);
		}
		times.push(performance.now() - started);
	}
	return times;
}

/** Keys a fast typist, a paste or a slow link delivers in one read. */
const BURST = 3;

/**
 * Milliseconds for each burst of typing `query` BURST keys at a time through the app's own
 * path: every key of the chunk folded through the step (core/app), then one frame of the
 * library drawn, which runs the one search and the snippets of one screen.
 */
function typeQueryInBursts(index: SearchIndex, documents: readonly Document[], query: string) {
	const env = benchEnv(index, documents);
	let state = fold(initialAppState(), ['/'], env).state;
	const times: number[] = [];
	for (let typed = 0; typed < query.length; typed += BURST) {
		const keys = decodeKeys(query.slice(typed, typed + BURST));
		const started = performance.now();
		state = fold(state, keys, env).state;
		libraryFrame(libraryFrameInput(state, env));
		times.push(performance.now() - started);
	}
	return times;
}

/** The app's environment over a built index, as ui/app.tsx makes it (no reader or diff). */
function benchEnv(index: SearchIndex, documents: readonly Document[]): AppEnv {
	return {
		columns: 100,
		rows: 2 + 2 * VISIBLE_RESULTS + 2,
		folderLabel: 'bench',
		corpus: {
			documents,
			skipped: [],
			loaded: documents.length,
			total: documents.length,
			done: true,
			error: undefined,
			refreshing: new Set(),
			unchecked: 0,
			readAgain: [],
		},
		indexed: documents.length,
		search: (query) => index.search(query),
		versions: {ready: true, closest: () => undefined, count: () => 0},
		readerLayout: undefined,
		diffView: undefined,
		remembered: () => undefined,
		snippet: snippetFor,
		history: undefined,
	};
}

function typeWithFuse(fuse: Fuse<Document>, query: string): number[] {
	const times: number[] = [];
	for (let typed = 1; typed <= query.length; typed++) {
		const started = performance.now();
		fuse.search(query.slice(0, typed), {limit: VISIBLE_RESULTS});
		times.push(performance.now() - started);
	}
	return times;
}

function installed(command: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'}).status === 0;
}

function timeCommand(shell: string, runs: number): {median: number; p95: number} {
	const samples: number[] = [];
	for (let run = 0; run < runs; run++) {
		const started = performance.now();
		spawnSync('sh', ['-c', shell], {stdio: 'ignore', maxBuffer: 1 << 30});
		samples.push(performance.now() - started);
	}
	const {median, p95} = summarise(samples);
	return {median, p95};
}

function quoteForShell(text: string): string {
	return `'${text.replaceAll("'", `'\\''`)}'`;
}

interface MemoryReport {
	readonly rssMB: number;
	readonly indexHeapMB: number;
	readonly documentsHeapMB: number;
}

/** Loads the corpus and builds the index in a fresh Node process, so nothing else the bench
 * did counts, and reports its memory. */
function measureMemory(root: string, folder: string): MemoryReport {
	return runBenchChild(root, new URL(import.meta.url), [folder], ['--expose-gc']) as MemoryReport;
}

async function memoryChild(folder: string): Promise<void> {
	// --expose-gc makes gc() a global; collecting before each reading measures what is kept.
	const collect = (globalThis as {gc?: () => void}).gc ?? (() => {});
	collect();
	const heap = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
	const start = heap();
	const {documents} = await loadAll(folder);
	collect();
	const loaded = heap();
	const {index} = buildIndex(documents);
	collect();
	const indexed = process.memoryUsage();
	const report: MemoryReport = {
		rssMB: indexed.rss / 2 ** 20,
		indexHeapMB: (indexed.heapUsed + indexed.arrayBuffers - loaded) / 2 ** 20,
		documentsHeapMB: (loaded - start) / 2 ** 20,
	};
	if (index.size !== documents.length) throw new Error('index lost documents');
	process.stdout.write(JSON.stringify(report) + '\n');
}

export const searchBench: BenchSuite = async (context) => {
	const {folder} = context.corpus;
	const runs = Math.max(1, context.runs);
	const {documents} = await loadAll(folder);
	const count = documents.length.toLocaleString('en');
	const rows: BenchRow[] = [];

	const buildTimes: number[] = [];
	const buildCpu: number[] = [];
	const batchTimes: number[] = [];
	let index = new SearchIndex();
	for (let run = 0; run < runs; run++) {
		const started = performance.now();
		const cpu = process.cpuUsage();
		const built = buildIndex(documents);
		buildTimes.push(performance.now() - started);
		buildCpu.push(process.cpuUsage(cpu).user / 1000);
		batchTimes.push(...built.batchTimes);
		index = built.index;
	}
	const build = summarise(buildTimes);
	rows.push({
		group: 'search',
		name: `index build, ${count} documents`,
		median: build.median,
		p95: build.p95,
		unit: 'ms',
		target: 3000,
		// On a shared machine wall time includes waiting for a core; CPU time does not.
		note: `CPU time median ${summarise(buildCpu).median.toFixed(0)} ms`,
	});
	const batch = summarise(batchTimes);
	rows.push({
		group: 'search',
		name: 'index add, one ~256 KB loader batch',
		median: batch.median,
		p95: batch.p95,
		unit: 'ms',
		target: 10,
	});

	const memory = measureMemory(context.root, folder);
	rows.push({
		group: 'search',
		name: `memory, ${count} documents + index (RSS)`,
		median: memory.rssMB,
		unit: 'MB',
		target: 400,
		note: `heap: documents ${memory.documentsHeapMB.toFixed(0)} MB, index ${memory.indexHeapMB.toFixed(0)} MB`,
	});

	// A different word each run: a person does not retype the same query, and the index caches.
	const words = pickWords(documents, runs * 4);
	const word = (run: number, slot: number) => words[run * 4 + slot]!;
	const fuse = new Fuse(documents, {keys: ['title'], threshold: 0.4, ignoreLocation: true});
	// Compile the hot paths first: the first keystroke of a session is not what typing feels like.
	typeQuery(index, 'warm up the index');
	typeWithFuse(fuse, 'warm up');
	const typing = {
		word: [] as number[],
		misspelt: [] as number[],
		twoWords: [] as number[],
		bursts: [] as number[],
	};
	const fuseTimes: number[] = [];
	for (let run = 0; run < runs; run++) {
		typing.word.push(...typeQuery(index, word(run, 0)));
		typing.misspelt.push(...typeQuery(index, misspell(word(run, 1))));
		typing.twoWords.push(...typeQuery(index, `${word(run, 2)} ${word(run, 3)}`));
		fuseTimes.push(...typeWithFuse(fuse, misspell(word(run, 1))));
		typing.bursts.push(...typeQueryInBursts(index, documents, `${word(run, 2)} ${word(run, 3)}`));
	}
	const grep = installed('grep')
		? timeCommand(`grep -ril ${quoteForShell(word(0, 0))} ${quoteForShell(folder)}`, runs)
		: undefined;
	const fzf = installed('fzf')
		? timeCommand(
				`find ${quoteForShell(folder)} -type f -exec cat {} + | fzf --filter ${quoteForShell(misspell(word(0, 1)))}`,
				runs,
			)
		: undefined;

	const word0 = summarise(typing.word);
	rows.push({
		group: 'search',
		name: `keystroke, typing a word ('${word(0, 0)}')`,
		median: word0.median,
		p95: word0.p95,
		unit: 'ms',
		target: 16,
		targetIsP95: true,
		...(grep && {peer: {name: 'grep -ril, whole word', ...grep}}),
		note: grep ? undefined : 'grep not installed',
	});
	const misspelt = summarise(typing.misspelt);
	const fuseSummary = summarise(fuseTimes);
	rows.push({
		group: 'search',
		name: `keystroke, typing a misspelt word ('${misspell(word(0, 1))}')`,
		median: misspelt.median,
		p95: misspelt.p95,
		unit: 'ms',
		target: 16,
		targetIsP95: true,
		peer: {name: 'fuse.js, titles only', median: fuseSummary.median, p95: fuseSummary.p95},
	});
	const twoWords = summarise(typing.twoWords);
	rows.push({
		group: 'search',
		name: `keystroke, typing two words ('${word(0, 2)} ${word(0, 3)}')`,
		median: twoWords.median,
		p95: twoWords.p95,
		unit: 'ms',
		target: 16,
		targetIsP95: true,
		...(fzf && {peer: {name: 'fzf --filter, whole query', ...fzf}}),
		note: fzf ? undefined : 'fzf not installed',
	});
	const bursts = summarise(typing.bursts);
	rows.push({
		group: 'search',
		name: `keystrokes written ${BURST} at a time, two words, through the app's step and frame`,
		median: bursts.median,
		p95: bursts.p95,
		unit: 'ms',
		target: 16,
		targetIsP95: true,
		note: 'per chunk: every key folded through core/app step, then one library frame (one search, one screen of snippets)',
	});
	// Enough queries that a p95 is not the second slowest of about thirty writes: the first keys
	// after a first run's index is built wait on what finishing it leaves (a collection of the
	// build's garbage, the snapshot kept for the next start).
	const typedWords = pickWords(documents, PTY_QUERIES * 2);
	const queries = Array.from(
		{length: context.quick ? runs : PTY_QUERIES},
		(_, at) => `${misspell(typedWords[at * 2]!)} ${typedWords[at * 2 + 1]!}`,
	);
	// Each row starts the app on a cache of its own, so what it measures does not depend on how
	// far an earlier row's run got: a run stopped after its typing may have kept everything, and
	// the next start would then take the kept index up instead of building one.
	const kept = mkdtempSync(join(tmpdir(), 'reading-room-bench-kept-'));
	try {
		rows.push(await typingInApp(context, queries, 1, 'first run'));
		rows.push(await typingInApp(context, queries, BURST, 'first run'));
		// As the app's first run leaves it, let finish (see test/bench/store.ts).
		runStoreChild(context.root, ['app-cold', folder, kept, '']);
		rows.push(await typingInApp(context, queries, 1, kept));
		rows.push(await typingInApp(context, queries, BURST, kept));
	} finally {
		rmSync(kept, {recursive: true, force: true});
	}
	return rows;
};

const PTY_SIZE = {cols: 120, rows: 40};
/** Queries typed in each pty row of a full run. */
const PTY_QUERIES = 20;
const PTY_TYPING_TARGET = 50;
/** Loading and indexing 10,000 documents on a busy shared machine. */
const READY_TIMEOUT = 180_000;

/** The library's status bar: the last row but one (the app draws one row short). */
const statusBar = (session: TerminalSession) => session.row(session.rows - 2);

/**
 * Keypress to frame in the app while typing queries one key at a time, on the whole bench
 * corpus: each sample is from sending a key until the status bar counts the matches for the
 * query typed so far (the status bar is drawn last, so the frame is complete). Starts once the
 * corpus is loaded and the search index ready: in a first run once it is built, in a second
 * start once the kept index is taken up.
 */
export async function typingInApp(
	context: Parameters<BenchSuite>[0],
	queries: readonly string[],
	/** Keys written together in one write; 1 is one key at a time. */
	burst: number,
	/** The cache folder (XDG_CACHE_HOME) of a second start, or a first run's, made empty. */
	cache: string | 'first run',
	/** The folder typed in (by default the bench corpus), and the row's group and target. */
	library: {
		readonly folder: string;
		readonly documents: number;
		readonly group: string;
		readonly target: number;
	} = {...context.corpus, group: 'search', target: PTY_TYPING_TARGET},
): Promise<BenchRow> {
	const {folder, documents} = library;
	const firstRun = cache === 'first run';
	const cacheHome = firstRun ? mkdtempSync(join(tmpdir(), 'reading-room-bench-cold-')) : cache;
	const session = startTerminal(context.cli, ['--no-state', folder], {
		...PTY_SIZE,
		env: {XDG_CACHE_HOME: cacheHome},
	});
	try {
		const loaded = `${documents.toLocaleString('en')} documents`;
		await session.waitFor(
			() => statusBar(session).startsWith(loaded) && !statusBar(session).includes('loading'),
			{timeout: READY_TIMEOUT, description: 'the corpus to load'},
		);
		// The index is built in the background after loading; a search shows its progress. Each
		// key is sent on its own: keys arriving in one read right after '/' can be lost.
		const openSearch = async () => {
			session.press('/');
			await session.waitFor(() => session.row(session.rows - 3) === '/█', {
				timeout: 10_000,
				description: 'the search line',
			});
		};
		await openSearch();
		session.press('x');
		await session.waitFor(
			() => statusBar(session).includes('match “x”') && !statusBar(session).includes('indexing'),
			{timeout: READY_TIMEOUT, description: 'the search index to be built'},
		);
		const samples: number[] = [];
		for (const query of queries) {
			session.press('escape');
			await session.waitFor(() => statusBar(session).startsWith(loaded), {
				timeout: 10_000,
				description: 'Esc to close the search',
			});
			await openSearch();
			for (let typed = 0; typed < query.length; typed += burst) {
				const chunk = query.slice(typed, typed + burst);
				const shown = `match “${query.slice(0, typed + chunk.length)}”`;
				await session.settled();
				const sentAt = performance.now();
				session.type(chunk);
				const arrivedAt = await session.waitFor(() => statusBar(session).includes(shown), {
					timeout: 10_000,
					description: `the results for ${JSON.stringify(chunk)}`,
				});
				samples.push(arrivedAt - sentAt);
			}
		}
		const {median, p95} = summarise(samples);
		const load = loadavg()
			.map((value) => value.toFixed(2))
			.join(' ');
		const size =
			documents === context.corpus.documents ? '' : `, ${documents.toLocaleString('en')}`;
		return {
			group: library.group,
			name:
				(burst === 1
					? 'keypress → new frame while typing a query (pty'
					: `${burst} keys written together → new frame while typing a query (pty`) +
				(firstRun ? `, first run${size})` : `, second start${size})`),
			median,
			p95,
			unit: 'ms',
			target: library.target,
			targetIsP95: true,
			note:
				`${samples.length} ${burst === 1 ? 'keys' : `writes of ${burst} keys`} typing ${queries.map((query) => `'${query}'`).join(', ')} ` +
				`into the library of ${documents.toLocaleString('en')} documents, ${PTY_SIZE.cols}×${PTY_SIZE.rows}, ` +
				`${firstRun ? 'a first run once its index is built' : 'the kept index taken up'}; ` +
				`until the status bar counts the matches; load average ${load}`,
		};
	} finally {
		session.dispose();
		await session.waitForExit({timeout: 5000}).catch(() => undefined);
		if (firstRun) rmSync(cacheHome, {recursive: true, force: true});
	}
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
	await memoryChild(process.argv[2] ?? '.');
}
