/**
 * The persisted store (issue 14): the first run that builds the cache, the second start that
 * lists and searches from it, the commands answering from it, and a file changed between runs.
 * Each measurement is a fresh process, as a start is. The cache lives in a temporary
 * XDG_CACHE_HOME made for the run.
 *
 * 100,000 documents (about 600 MB, generated once into .bench-cache/store-100k) only with
 * BENCH_STORE_100K=1: generating and indexing them takes minutes and disk.
 */
import {spawnSync} from 'node:child_process';
import {
	existsSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {pathToFileURL} from 'node:url';
import {loadAll, loadCorpus} from '../../source/core/corpus/load.js';
import {emptyCorpus, listedWhole, withBatch} from '../../source/core/corpus/state.js';
import {SearchIndex} from '../../source/core/search/index.js';
import {
	decodeSnapshotFrom,
	encodeSnapshot,
	startSnapshotCheck,
} from '../../source/core/search/snapshot.js';
import {openStore} from '../../source/core/store/open.js';
import type {CorpusStore} from '../../source/core/store/types.js';
// Loaded with the child, not when the store first asks for it (CorpusStore.loadIndexing): here
// tsx transforms it and its modules, 75–130 ms at that point of a second start, which is not what
// the app pays. The app imports it as one chunk of its bundle when the library mounts, while the
// folder is listed: 2.6 ms with the chunks it shares with the app already loaded, 37–43 ms from
// nothing (dist/chunks/database-index-*.mjs, measured on its own).
import '../../source/core/store/database-index.js';
import {searchThroughStore} from '../../source/core/store/narrowed-search.js';
import {VersionIndex} from '../../source/core/versions/version-index.js';
import {generateCorpus} from './corpus.js';
import {runStoreChild} from './store-child.js';
import {documentsCounted, statusBarShown} from './startup.js';
import {startTerminal} from '../e2e/terminal.js';
import {misspell, pickWords, typeQuery, typingInApp} from './search.js';
import {summarise} from './stats.js';
import type {BenchContext, BenchRow, BenchSuite} from './types.js';

interface ChildReport {
	/** From the start of loading to every document listed. */
	readonly listedMs: number;
	/** As the app (warm, changed): from the start of loading to every listed file compared with
	 * the store, and the changed ones read again. */
	readonly checkedMs?: number;
	/** From the start of loading to the search index over every document built. */
	readonly searchableMs?: number;
	/** From the start of loading to a two-word query answered through the store (before the
	 * in-memory index, as the library does meanwhile). */
	readonly storeSearchMs?: number;
	/** From the start of loading to `word` found (candidates narrowed, matched by core/search). */
	readonly foundMs?: number;
	/** The changed file's new word found in the kept index, taken up around it. */
	readonly takenUpMs?: number;
	/** As the app: from the start of loading to everything the next start takes up written (the
	 * search index's snapshot, every document's terms, sequence and version facts). */
	readonly keptMs?: number;
	/** As the app: CPU time of the whole run, and the longest and 95th-percentile slices of
	 * writing the terms and facts (asked to stop after 5 ms, as the app's slices are). */
	readonly cpuMs?: number;
	/** As the app: the main thread's own CPU time until listed, searchable and kept (Linux,
	 * from /proc/thread-self/stat; undefined elsewhere). On a machine shared with other work it
	 * says more than the wall times: a first run waits for its main thread. */
	readonly mainCpuMs?: {
		readonly listed: number;
		readonly searchable: number;
		readonly kept: number;
	};
	readonly factsSliceMs?: {readonly p95: number; readonly max: number};
	/** Typing into the kept index, taken up: each keystroke's search and one screen of
	 * snippets, as test/bench/search.ts times them (a word, a misspelt word, two words). */
	readonly keystrokes?: {
		readonly median: number;
		readonly p95: number;
		readonly count: number;
		readonly queries: readonly string[];
	};
	readonly documents: number;
	readonly rssMB: number;
}

/** Restarts after one file changed, each after another change. */
const CHANGED_SAMPLES = 3;

type Mode = 'cold' | 'app-cold' | 'warm' | 'rebuild' | 'changed' | 'typing';

function child(root: string, mode: Mode, folder: string, cache: string, word = ''): ChildReport {
	return runStoreChild(root, [mode, folder, cache, word]) as ChildReport;
}

async function childRun(mode: Mode, folder: string, cache: string, word: string) {
	if (mode === 'app-cold') return appColdRun(folder, cache);
	const started = performance.now();
	// A second start as the app makes it (warm, changed): the rows read by the loader while its
	// worker stats the files, and the term index loaded once listed (ui/load-interface.ts,
	// ui/use-background-indexes.ts).
	const asTheApp = mode === 'warm' || mode === 'changed';
	const store = openStore({folder, useCache: true, cacheHome: cache, deferRows: asTheApp});
	// As the commands do: the term index is wanted from the start.
	if (!asTheApp) await store.loadIndexing();
	// As the library does (ui/use-background-indexes.ts): the kept index's file is opened and
	// its checksums worked out in workers while the folder is listed; it is read once listed.
	const opening =
		mode === 'warm'
			? store.openSearchSnapshot().then((file) => file && {file, check: startSnapshotCheck(file)})
			: undefined;
	// As the library does: the kept index read once every file is listed, while they are
	// compared with the store; taken up once they all are.
	let decoding: Promise<Awaited<ReturnType<typeof decodeSnapshotFrom>> | undefined> | undefined;
	const readKept = () => {
		decoding = opening?.then((opened) => opened && decodeSnapshotFrom(opened.file, opened.check));
	};
	const loaded = asTheApp
		? await loadAsTheApp(folder, store, started, readKept)
		: {...(await loadAll(folder, {store})), listedMs: performance.now() - started};
	const {documents, listedMs} = loaded;
	const checkedMs = 'checkedMs' in loaded ? loaded.checkedMs : undefined;
	const fromIndexing = performance.now();
	if (asTheApp) await store.loadIndexing();
	const indexingMs = performance.now() - fromIndexing;
	let searchableMs: number | undefined;
	let storeSearchMs: number | undefined;
	let foundMs: number | undefined;
	if (mode === 'cold') {
		// As the app does once its index holds every document: keep it for the next start.
		const index = new SearchIndex();
		index.add(documents);
		const parts = await encodeSnapshot(index);
		if (parts === undefined) throw new Error('no snapshot of the index');
		await store.writeSearchSnapshot(parts);
	}
	if (mode === 'warm') {
		// The kept index, as the library takes it up once everything is listed.
		const decoded = await decoding;
		if (decoded === undefined || 'problem' in decoded) throw new Error('no usable snapshot');
		const index = SearchIndex.restore(decoded.state, documents);
		if (index?.size !== documents.length) throw new Error('the snapshot was not taken up');
		searchableMs = performance.now() - started;
		// What the library answers with until then, from the list (its own time only).
		const from = performance.now();
		const found = searchThroughStore(store, documents, word, {mostCandidates: 200});
		if (found === undefined) throw new Error(`'${word}' did not narrow`);
		storeSearchMs = listedMs + indexingMs + performance.now() - from;
	}
	let keystrokes: ChildReport['keystrokes'];
	if (mode === 'typing') {
		const file = await store.openSearchSnapshot();
		const decoded = file && (await decodeSnapshotFrom(file));
		if (decoded === undefined || 'problem' in decoded) throw new Error('no usable snapshot');
		const index = SearchIndex.restore(decoded.state, documents);
		if (index?.size !== documents.length) throw new Error('the snapshot was not taken up');
		// As search.ts types: a different word each run, picked from the folder's first texts.
		const runs = Number(word) || 3;
		const words = pickWords(documents, runs * 4);
		const queries = Array.from({length: runs}, (_, run) => [
			words[run * 4]!,
			misspell(words[run * 4 + 1]!),
			`${words[run * 4 + 2]!} ${words[run * 4 + 3]!}`,
		]).flat();
		typeQuery(index, 'warm up the index');
		const times = queries.flatMap((query) => typeQuery(index, query));
		const {median, p95} = summarise(times);
		keystrokes = {median, p95, count: times.length, queries};
	}
	if (mode === 'rebuild') {
		// What taking it up spares: indexing every stored text again.
		const from = performance.now();
		new SearchIndex().add(documents);
		searchableMs = listedMs + performance.now() - from;
	}
	let takenUpMs: number | undefined;
	if (mode === 'changed') {
		const found = searchThroughStore(store, documents, word);
		if (found?.total !== 1) throw new Error(`'${word}' not found once`);
		foundMs = performance.now() - started;
		// The kept index, as the library takes it up around the changed file (only that one
		// indexed again), until it finds the new word itself.
		const file = await store.openSearchSnapshot();
		const decoded = file && (await decodeSnapshotFrom(file));
		if (decoded === undefined || 'problem' in decoded) throw new Error('no usable snapshot');
		const index = SearchIndex.restore(decoded.state, documents);
		if (index === undefined) throw new Error('the snapshot was not taken up');
		index.add(index.placesToFill().map((place) => documents[place]!));
		if (index.search(word).total !== 1) throw new Error(`'${word}' not in the kept index`);
		takenUpMs = performance.now() - started;
	}
	store.close();
	const rssMB = process.resourceUsage().maxRSS / 1024;
	return {
		listedMs,
		...(checkedMs === undefined ? {} : {checkedMs}),
		searchableMs,
		storeSearchMs,
		foundMs,
		takenUpMs,
		keystrokes,
		documents: documents.length,
		rssMB,
	};
}

/**
 * The folder loaded as the library loads it (ui/first-paint.ts, ui/use-corpus.ts): the files
 * the store knows listed as stored at once, then compared with it, and a changed one read again
 * in its place. Listed once every file is (core/corpus/state's listedWhole: the library's store
 * search answers from then on); checked once the loader is done.
 */
async function loadAsTheApp(
	folder: string,
	store: CorpusStore,
	started: number,
	onListed: () => void,
) {
	let state = emptyCorpus;
	let listedMs: number | undefined;
	for await (const batch of loadCorpus(folder, {store, refreshLater: true})) {
		state = withBatch(state, batch);
		if (listedMs === undefined && listedWhole(state)) {
			listedMs = performance.now() - started;
			onListed();
		}
	}
	const checkedMs = performance.now() - started;
	return {documents: [...state.documents], listedMs: listedMs ?? checkedMs, checkedMs};
}

/**
 * A first run as the app makes it (ui/use-background-indexes.ts), without its screens or the
 * wait for keys to rest: the folder loaded and stored without terms, then the search and versions
 * indexes built in slices of 5 ms, the search index kept once built, and between their slices
 * each document's terms and facts written from what the indexes made of it once both hold it,
 * in slices of 5 ms too (the database writes in the store's worker: see
 * core/store/facts-writer.ts).
 */
async function appColdRun(folder: string, cache: string): Promise<ChildReport> {
	const started = performance.now();
	const cpu = process.cpuUsage();
	const mainFrom = threadCpuMs();
	const store = openStore({folder, useCache: true, cacheHome: cache, factsInBackground: true});
	await store.loadIndexing();
	const {documents} = await loadAll(folder, {store});
	const listedMs = performance.now() - started;
	const mainListed = threadCpuMs();
	const known = store.versionFacts();
	const search = new SearchIndex();
	const versions = new VersionIndex({knownSignature: (document) => known?.signature(document)});
	const searchJob = search.startAdding(documents);
	const versionsJob = versions.startAdding(documents);
	let built = false;
	const facts = {
		terms: (id: string, hash: string) => search.storedTerms(id, hash),
		signature: (id: string, hash: string) => versions.signatureOf(id, hash),
		words: (id: string, hash: string) => search.storedWords(id, hash),
	};
	const ready = (id: string, hash: string) =>
		search.holds(id, hash) && versions.signatureOf(id, hash) !== undefined;
	let searchableMs: number | undefined;
	let mainSearchable: number | undefined;
	let snapshot: Promise<void> | undefined;
	const slices: number[] = [];
	let written = false;
	while (!built || !written || snapshot === undefined) {
		if (!built) {
			const end = performance.now() + 5;
			const deadline = () => performance.now() >= end;
			do {
				// The index behind goes first, as the app's slices do.
				const job =
					searchJob.done || (!versionsJob.done && versionsJob.completed < searchJob.completed)
						? versionsJob
						: searchJob;
				job.step(deadline);
			} while (!deadline() && !(searchJob.done && versionsJob.done));
			built = searchJob.done && versionsJob.done;
		}
		if (searchJob.done && snapshot === undefined) {
			searchableMs = performance.now() - started;
			mainSearchable = threadCpuMs();
			snapshot = encodeSnapshot(search).then((parts) => {
				if (parts === undefined) throw new Error('no snapshot of the index');
				return store.writeSearchSnapshot(parts);
			});
		}
		// As the app's (ui/use-background-indexes.ts): while the indexes are built, the facts of
		// each document once both hold it.
		if (!written) {
			const from = performance.now();
			written = store.writeMissingFactsStep(
				() => performance.now() - from >= 5,
				built ? facts : {...facts, ready},
			);
			slices.push(performance.now() - from);
		}
		// A turn of the event loop between slices, as the app's (the snapshot is written in them).
		await new Promise((resolve) => setImmediate(resolve));
	}
	await snapshot;
	const keptMs = performance.now() - started;
	const mainKept = threadCpuMs();
	store.close();
	const used = process.cpuUsage(cpu);
	const {p95} = summarise(slices);
	const max = Math.max(...slices);
	return {
		listedMs,
		searchableMs,
		keptMs,
		cpuMs: (used.user + used.system) / 1000,
		...(mainFrom !== undefined && mainListed !== undefined && mainSearchable !== undefined
			? {
					mainCpuMs: {
						listed: mainListed - mainFrom,
						searchable: mainSearchable - mainFrom,
						kept: mainKept! - mainFrom,
					},
				}
			: {}),
		factsSliceMs: {p95, max},
		documents: documents.length,
		rssMB: process.resourceUsage().maxRSS / 1024,
	};
}

/** The calling thread's CPU time in ms (user and system, in clock ticks of 10 ms), from Linux's
 * /proc/thread-self/stat; undefined where there is none. */
function threadCpuMs(): number | undefined {
	try {
		const stat = readFileSync('/proc/thread-self/stat', 'utf8');
		// After the command's name in parentheses: fields from the third on; utime and stime are
		// the 14th and 15th.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return undefined;
	}
}

function installed(command: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'}).status === 0;
}

const GNU_TIME = '/usr/bin/time';

/** Wall times of a whole process, and its peak RSS in MB (from GNU time, run once more after
 * the timed runs, when it is there). */
function timeProcess(
	command: string,
	args: readonly string[],
	runs: number,
	env: NodeJS.ProcessEnv = process.env,
) {
	const samples: number[] = [];
	for (let run = 0; run < runs; run++) {
		const started = performance.now();
		spawnSync(command, [...args], {stdio: 'ignore', env, maxBuffer: 1 << 30});
		samples.push(performance.now() - started);
	}
	let peakMB: number | undefined;
	if (existsSync(GNU_TIME)) {
		const measured = spawnSync(GNU_TIME, ['-f', '%M', command, ...args], {
			stdio: ['ignore', 'ignore', 'pipe'],
			env,
			encoding: 'utf8',
		});
		const kilobytes = Number(measured.stderr.trim().split('\n').at(-1));
		if (Number.isFinite(kilobytes) && kilobytes > 0) peakMB = kilobytes / 1024;
	}
	return {...summarise(samples), peakMB};
}

function peakNote(peakMB: number | undefined): string {
	return peakMB === undefined ? '' : `; peak RSS ${peakMB.toFixed(0)} MB`;
}

/** A word in nearly every generated article: too common for the store to narrow (see
 * STORE_SEARCH_CANDIDATES in source/ui/app.tsx), so the library answers it from its index. */
const COMMON_WORD = 'said';

/**
 * The app in a pty (100 × 30), a second start on `cache`: milliseconds from its start to the
 * frame that answers `query` for the whole folder ("N of M match"), the query typed as soon as
 * the first frame shows, as a person who starts the app to look something up does.
 */
async function answeredInTheApp(
	context: BenchContext,
	folder: string,
	cache: string,
	query: string,
	label: string,
): Promise<number> {
	const session = startTerminal(context.cli, [folder], {
		cols: 100,
		rows: 30,
		env: {XDG_CACHE_HOME: cache},
	});
	try {
		await session.waitFor(statusBarShown, {timeout: 15_000, description: 'the first frame'});
		session.type(`/${query}`);
		const whole = ` of ${label} match “${query}”`;
		return await session.timeToFrame((screen) => screen.includes(whole), {
			timeout: 30_000,
			description: `the answer to '${query}'`,
		});
	} finally {
		session.dispose();
		// Runs must not overlap: they would compete for the two cores.
		await session.waitForExit({timeout: 5000}).catch(() => undefined);
	}
}

/** The app's pty in the rows below: its list holds rows − 3 titles (the title bar, the status
 * bar and the row left free below it). */
const APP_SIZE = {cols: 100, rows: 30};
const LIST_ROWS = APP_SIZE.rows - 3;

/** The status bar counts at least a screenful of documents ('30 documents · 1/30 · loading…'):
 * the list's rows are all drawn. */
function screenOfTitles(screen: string): boolean {
	return (documentsCounted(screen) ?? 0) >= LIST_ROWS;
}

/**
 * The app in a pty: milliseconds from its start to the first screen of titles, on a first run
 * (a cache made empty for it, the first rows read from their files) or a second start on
 * `cache`; with `--no-cache`, the app without the store, as it was before the store.
 */
async function firstScreenInTheApp(
	context: BenchContext,
	folder: string,
	cache: string | 'first run' | 'no cache',
): Promise<number> {
	const madeForIt = cache === 'first run' || cache === 'no cache';
	const cacheHome = madeForIt ? mkdtempSync(join(tmpdir(), 'reading-room-bench-cache-')) : cache;
	const session = startTerminal(
		context.cli,
		[...(cache === 'no cache' ? ['--no-cache'] : []), folder],
		{...APP_SIZE, env: {XDG_CACHE_HOME: cacheHome}},
	);
	try {
		return await session.timeToFrame(screenOfTitles, {
			timeout: 15_000,
			description: 'the first screen of titles',
		});
	} finally {
		session.dispose();
		await session.waitForExit({timeout: 5000}).catch(() => undefined);
		if (madeForIt) rmSync(cacheHome, {recursive: true, force: true});
	}
}

/** "No slower than without the store", allowing for this machine's noise between runs. */
const NO_SLOWER_FACTOR = 1.1;

/** Two words of one document's body, long enough to be distinctive. */
function twoWords(folder: string): [string, string] {
	const file = readdirSync(folder).find((name) => name.endsWith('.txt'))!;
	const words = readFileSync(join(folder, file), 'utf8')
		.split(/\s+/)
		.slice(20)
		.map((word) => word.replace(/[^\p{L}]/gu, ''))
		.filter((word) => word.length >= 7);
	return [words[0]!.toLowerCase(), words[1]!.toLowerCase()];
}

async function storeRows(
	context: BenchContext,
	folder: string,
	count: number,
	nearDuplicates: readonly (readonly [string, string])[],
) {
	const label = count.toLocaleString('en');
	const large = count >= 100_000;
	const runs = large ? Math.min(3, context.runs) : context.runs;
	const cache = mkdtempSync(join(tmpdir(), 'reading-room-bench-cache-'));
	const env = {...process.env, XDG_CACHE_HOME: cache};
	const rows: BenchRow[] = [];
	try {
		const cold = child(context.root, 'cold', folder, cache);
		if (cold.documents !== count) throw new Error(`cached ${cold.documents} of ${count}`);
		rows.push({
			group: 'store',
			name: `first (cold) run reads and caches ${label} documents`,
			median: cold.listedMs / 1000,
			unit: 's',
			note: `RSS ${cold.rssMB.toFixed(0)} MB; as the commands do: terms and facts written as files are read`,
		});
		// As many runs as the warm rows (a first run at 100,000 takes about a minute): on this
		// 2-core virtual machine one run of the same code took 51 to 61 s within 15 minutes, so
		// one sample said more about the minute than about the code. Each on a cache of its own.
		const apps = Array.from({length: runs}, () => {
			const appCache = mkdtempSync(join(tmpdir(), 'reading-room-bench-cache-'));
			try {
				const app = child(context.root, 'app-cold', folder, appCache);
				if (app.documents !== count) throw new Error(`cached ${app.documents} of ${count}`);
				return app;
			} finally {
				rmSync(appCache, {recursive: true, force: true});
			}
		});
		const keptTimes = summarise(apps.map((report) => report.keptMs!));
		// The run whose figure is the median, for the note.
		const app = [...apps].sort((a, b) => a.keptMs! - b.keptMs!)[Math.floor((apps.length - 1) / 2)]!;
		const slices = app.factsSliceMs!;
		rows.push({
			group: 'store',
			name: `first (cold) run as the app, ${label} documents: everything kept for the next start`,
			median: keptTimes.median / 1000,
			p95: keptTimes.p95 / 1000,
			unit: 's',
			...(large ? {target: 60} : {}),
			note:
				`${apps.length} runs: kept ${apps.map((report) => (report.keptMs! / 1000).toFixed(1)).join(', ')} s; ` +
				`the median run listed ${(app.listedMs / 1000).toFixed(1)} s, searchable ${(app.searchableMs! / 1000).toFixed(1)} s; ` +
				`CPU ${(app.cpuMs! / 1000).toFixed(1)} s` +
				(app.mainCpuMs
					? ` (main thread ${(app.mainCpuMs.listed / 1000).toFixed(1)} s listed, ${(app.mainCpuMs.searchable / 1000).toFixed(1)} s searchable, ${(app.mainCpuMs.kept / 1000).toFixed(1)} s kept)`
					: '') +
				`; terms and facts written in 5 ms slices (p95 ${slices.p95.toFixed(0)} ms, ` +
				`longest ${slices.max.toFixed(0)} ms); RSS ${app.rssMB.toFixed(0)} MB`,
		});

		const [first, second] = twoWords(folder);
		const query = `${first} ${second}`;
		const warm = Array.from({length: runs}, () =>
			child(context.root, 'warm', folder, cache, query),
		);
		const rebuilt = child(context.root, 'rebuild', folder, cache);
		// Alternated, so a slow patch of the machine touches each alike. As many as the small
		// folder's rows even at 100,000 (each is a second or so): the row is held to its peer
		// within a tenth, and three samples of each were 20 ms apart from one run to the next.
		const firstScreens = {cold: [] as number[], warm: [] as number[], none: [] as number[]};
		for (let run = 0; run < context.runs; run++) {
			firstScreens.cold.push(await firstScreenInTheApp(context, folder, 'first run'));
			firstScreens.none.push(await firstScreenInTheApp(context, folder, 'no cache'));
			firstScreens.warm.push(await firstScreenInTheApp(context, folder, cache));
		}
		const withoutStore = summarise(firstScreens.none);
		const firstScreenRow = (when: 'first (cold) run' | 'second start', samples: number[]) => {
			const {median, p95} = summarise(samples);
			return {
				group: 'store',
				name: `${when} in the app (pty): first screen of titles, ${label}`,
				median,
				p95,
				unit: 'ms',
				// The issue's target is for 100,000 files ("on a cold 100,000 no slower than today").
				...(large ? {target: Math.round(withoutStore.median * NO_SLOWER_FACTOR)} : {}),
				peer: {name: 'the app with --no-cache', median: withoutStore.median, p95: withoutStore.p95},
				note:
					`${APP_SIZE.cols} × ${APP_SIZE.rows}, from the start to ${LIST_ROWS} titles listed (the first frame paints them at once); ` +
					(large
						? `target: no slower than the app without the store (--no-cache), ${NO_SLOWER_FACTOR}× for the machine's noise`
						: 'peer: the app without the store (--no-cache)'),
			} satisfies BenchRow;
		};
		rows.push(
			firstScreenRow('first (cold) run', firstScreens.cold),
			firstScreenRow('second start', firstScreens.warm),
		);
		const typedRare: number[] = [];
		const typedCommon: number[] = [];
		for (let run = 0; run < runs; run++) {
			typedRare.push(await answeredInTheApp(context, folder, cache, query, label));
			typedCommon.push(await answeredInTheApp(context, folder, cache, COMMON_WORD, label));
		}
		const rare = summarise(typedRare);
		const common = summarise(typedCommon);
		const listed = summarise(warm.map((report) => report.listedMs));
		const searchable = summarise(warm.map((report) => report.searchableMs!));
		const checked = summarise(warm.map((report) => report.checkedMs!));
		const storeSearch = summarise(warm.map((report) => report.storeSearchMs!));
		rows.push(
			{
				group: 'store',
				name: `second start: all ${label} listed`,
				median: listed.median,
				p95: listed.p95,
				unit: 'ms',
				...(large ? {target: 1000} : {}),
				note:
					'the kept names, metadata from the database, listed before a stat per file compares ' +
					'them; in a fresh process',
			},
			{
				group: 'store',
				name: `second start: every file compared with the store`,
				median: checked.median,
				p95: checked.p95,
				unit: 'ms',
				note: 'a stat per file, each compared with the database: what "all listed" measured before stored files were listed first',
			},
			{
				group: 'store',
				name: `second start: a search answered through the store`,
				median: storeSearch.median,
				p95: storeSearch.p95,
				unit: 'ms',
				...(large ? {target: 1000} : {}),
				note: `'${query}': what the library answers with until its index is built`,
			},
			{
				group: 'store',
				name: `second start: searchable (kept index taken up)`,
				median: searchable.median,
				p95: searchable.p95,
				unit: 'ms',
				...(large ? {target: 1000} : {}),
				peer: {name: 'index rebuilt from the stored texts', median: rebuilt.searchableMs!},
				note: 'its checksums worked out while listing (as the library does), then read and taken up',
			},
			{
				group: 'store',
				name: `second start in the app (pty): a query typed at once, answered`,
				median: rare.median,
				p95: rare.p95,
				unit: 'ms',
				...(large ? {target: 1000} : {}),
				note: `'${query}', typed once the first frame shows; from the start to the frame counting its matches in the whole folder (through the store)`,
			},
			{
				group: 'store',
				name: `second start in the app (pty): a common word typed at once, answered`,
				median: common.median,
				p95: common.p95,
				unit: 'ms',
				...(large ? {target: 1000} : {}),
				note: `'${COMMON_WORD}', in nearly every article: too common for the store to narrow, answered once the kept index is taken up`,
			},
			{
				group: 'store',
				name: `peak memory, ${label} listed and searchable`,
				median: Math.max(...warm.map((report) => report.rssMB)),
				unit: 'MB',
				...(large ? {target: 400} : {}),
			},
		);

		if (large) {
			// The keystroke rows of the search group, at this size, over the index as a second start
			// takes it up (its word sequences left in the snapshot's file).
			const typing = child(context.root, 'typing', folder, cache, String(runs)).keystrokes!;
			rows.push({
				group: 'store',
				name: `search keystroke on ${label}, kept index taken up`,
				median: typing.median,
				p95: typing.p95,
				unit: 'ms',
				target: 30,
				note:
					`in-process: a search and one screen of snippets per key, ${typing.count} keys typing ` +
					`${typing.queries.map((query) => `'${query}'`).join(', ')}; p95 target 100 ms`,
			});
			// The same queries typed in the app, a key at a time, to the frame that counts its matches.
			rows.push(
				await typingInApp(context, typing.queries, 1, cache, {
					folder,
					documents: count,
					group: 'store',
					target: 150,
				}),
			);
		}

		const cli = (args: string[], times = runs) => timeProcess(context.cli, args, times, env);
		// The first command after the cache was built (by the library, here by the children
		// above) reads the rows and stats every file, and confirms the folder's listing; the
		// commands after it answer from the store alone while nothing changes.
		const firstList = cli(['list', folder], 1);
		rows.push({
			group: 'store',
			name: `reading-room list, first after the cache was built, ${label}`,
			median: firstList.median,
			unit: 'ms',
			note: 'a stat and a row per file, then the folder listing confirmed',
		});
		const list = cli(['list', folder]);
		rows.push({
			group: 'store',
			name: `reading-room list, warm ${label}`,
			median: list.median,
			p95: list.p95,
			unit: 'ms',
			...(large ? {target: 1000} : {}),
			note: `find lists the folder meanwhile; rows from the database, no text read${peakNote(list.peakMB)}`,
		});

		const search = cli(['search', query, folder]);
		const peer = installed('rg')
			? {name: 'rg -il', ...timeProcess('rg', ['-il', first, folder], runs)}
			: installed('grep')
				? {name: 'grep -ril', ...timeProcess('grep', ['-ril', first, folder], runs)}
				: undefined;
		const grepToo =
			peer?.name === 'rg -il' && installed('grep')
				? timeProcess('grep', ['-ril', first, folder], runs)
				: undefined;
		rows.push({
			group: 'store',
			name: `reading-room search <two words>, warm ${label}`,
			median: search.median,
			p95: search.p95,
			unit: 'ms',
			target: large ? 300 : 150,
			...(peer ? {peer: {name: peer.name, median: peer.median, p95: peer.p95}} : {}),
			note:
				`'${first} ${second}', whole process; find lists the folder meanwhile; the candidates indexed from kept word sequences` +
				(grepToo ? `; grep -ril ${grepToo.median.toFixed(0)} ms in the same run` : '') +
				peakNote(search.peakMB),
		});

		const versions = cli(['versions', folder]);
		rows.push({
			group: 'store',
			name: `reading-room versions, warm ${label}`,
			median: versions.median,
			p95: versions.p95,
			unit: 'ms',
			note: `kept signatures; only the texts of compared pairs read${peakNote(versions.peakMB)}`,
		});

		// One story's history: a version the generator planted, by its file name.
		const story = nearDuplicates[0]?.[1];
		if (story !== undefined) {
			const told = spawnSync(context.cli, ['history', story, folder], {env, encoding: 'utf8'});
			if (told.status !== 0) throw new Error(`history ${story}: ${told.stdout}${told.stderr}`);
			const history = cli(['history', story, folder]);
			rows.push({
				group: 'store',
				name: `reading-room history <doc>, warm ${label}`,
				median: history.median,
				p95: history.p95,
				unit: 'ms',
				note:
					`'${story}', a planted version: only the documents its story can be among grouped, ` +
					`from kept signatures${peakNote(history.peakMB)}`,
			});
		}

		// One file changed between runs, CHANGED_SAMPLES times (each run stores it, so each
		// changes it again): restored afterwards, the corpus is shared.
		const file = join(
			folder,
			readdirSync(folder).find((name) => name.endsWith('.txt'))!,
		);
		const original = readFileSync(file);
		const stats = statSync(file);
		try {
			const runs = Array.from({length: CHANGED_SAMPLES}, (_, run) => {
				const words = 'Quixotically zymurgical.'.padEnd(25 + run, '.');
				writeFileSync(file, Buffer.concat([original, Buffer.from(`\n\n${words}\n`)]));
				const past = new Date(Date.now() - 60_000 + run * 1000);
				utimesSync(file, past, past);
				return child(context.root, 'changed', folder, cache, 'zymurgical');
			});
			const found = summarise(runs.map((run) => run.foundMs!));
			const takenUp = summarise(runs.map((run) => run.takenUpMs!));
			rows.push(
				{
					group: 'store',
					name: `one file of ${label} changed: searchable after restart`,
					median: found.median,
					p95: found.p95,
					unit: 'ms',
					...(large ? {target: 1000} : {}),
					note: `start to its new word found: scan, stats, that file read, candidates, search; ${CHANGED_SAMPLES} runs, another change each`,
				},
				{
					group: 'store',
					name: `… the kept index taken up around it`,
					median: takenUp.median,
					p95: takenUp.p95,
					unit: 'ms',
					note: 'start to the new word found in the kept index, only the changed file indexed again',
				},
			);
		} finally {
			writeFileSync(file, original);
			utimesSync(file, stats.atime, stats.mtime);
		}
	} finally {
		rmSync(cache, {recursive: true, force: true});
	}
	return rows;
}

export const storeBench: BenchSuite = async (context) => {
	const {corpus} = context;
	const rows = await storeRows(context, corpus.folder, corpus.documents, corpus.nearDuplicates);
	if (process.env.BENCH_STORE_100K === '1' && !context.quick) {
		const large = await generateCorpus({
			name: 'store-100k',
			documents: 100_000,
			targetBytes: 600_000_000,
		});
		rows.push(...(await storeRows(context, large.folder, large.documents, large.nearDuplicates)));
	}
	return rows;
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const [mode, folder = '.', cache = '', word = ''] = process.argv.slice(2);
	const report = await childRun(mode as Mode, folder, cache, word);
	process.stdout.write(JSON.stringify(report) + '\n');
}
