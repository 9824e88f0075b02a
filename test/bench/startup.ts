/**
 * Start-up rows: how soon a person sees the library after typing the command, how long a big
 * library takes to load, and the memory it then holds. All measured in a real pty, against
 * `less` on a seed file (a reader people know) and a Node program that only writes one word
 * (the floor for any Node program, `node -e 0` plus a frame).
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {startTerminal} from '../e2e/terminal.js';
import type {ScreenPredicate, TerminalSession} from '../e2e/terminal.js';
import {peakRssOfProcess, rssReportForNodeChild, summarise} from './stats.js';
import type {BenchContext, BenchRow, BenchSuite} from './types.js';

const DOCUMENT_COUNT = /\b[1-9][\d,]* documents?\b/;

/** The library's status bar counts the documents listed ('5 documents · 1/5'); a count above
 * zero means the first rows are drawn. */
export const statusBarShown: ScreenPredicate = (screen) => DOCUMENT_COUNT.test(screen);

/** The status bar: the lowest line with a count of documents, even if a redraw scrolled an
 * older one up. */
function statusBarOf(screen: string): string | undefined {
	return screen.split('\n').findLast((line) => DOCUMENT_COUNT.test(line));
}

/** While loading, the status bar adds 'loading N/M'; when done only 'M documents' remains. */
export const libraryLoaded: ScreenPredicate = (screen) => {
	const statusBar = statusBarOf(screen);
	return statusBar !== undefined && !/loading/i.test(statusBar);
};

/** The documents the status bar counts ('30 documents · 1/30 · loading…'), once it shows. */
export function documentsCounted(screen: string): number | undefined {
	const count = DOCUMENT_COUNT.exec(statusBarOf(screen) ?? '');
	return count === null ? undefined : Number(count[0].replace(/\D/g, ''));
}

export interface StartupOptions {
	/** When the first frame counts as painted. Default: the status bar is shown. */
	readonly firstFrame?: ScreenPredicate;
	/** When the whole library counts as loaded. */
	readonly loaded?: ScreenPredicate;
	readonly cols?: number;
	readonly rows?: number;
}

const FIRST_FRAME_TIMEOUT = 15_000;
const LOAD_TIMEOUT = 60_000;

async function close(session: TerminalSession): Promise<void> {
	session.dispose();
	// Waiting for the exit keeps runs from overlapping and competing for the two cores.
	await session.waitForExit({timeout: 5000}).catch(() => undefined);
}

interface CorpusRun {
	readonly firstFrame: number;
	readonly loaded: number;
	readonly peakMegabytes: number | undefined;
}

export function createStartupBench(options: StartupOptions = {}): BenchSuite {
	const firstFrame = options.firstFrame ?? statusBarShown;
	const loaded = options.loaded ?? libraryLoaded;
	const size = {cols: options.cols ?? 100, rows: options.rows ?? 30};

	return async (context: BenchContext): Promise<BenchRow[]> => {
		if (!existsSync(context.cli)) throw new Error(`${context.cli} is missing: run npm run build.`);
		const seeds = join(context.root, 'seeds');
		const seedNames = readdirSync(seeds)
			.filter((name) => name.endsWith('.txt'))
			.sort();
		const seedFile = join(seeds, seedNames[0] ?? '');
		const seedOpening = readFileSync(seedFile, 'utf8').trimStart().slice(0, 24);

		const appOnSeeds = async (): Promise<number> => {
			const session = startTerminal(context.cli, [seeds], size);
			try {
				return await session.timeToFrame(firstFrame, {
					timeout: FIRST_FRAME_TIMEOUT,
					description: 'the first frame on the seeds',
				});
			} finally {
				await close(session);
			}
		};

		const lessOnSeed = async (): Promise<number> => {
			const env = {LESS: undefined, LESSOPEN: undefined, LESSCLOSE: undefined};
			const session = startTerminal('less', [seedFile], {...size, env});
			try {
				return await session.timeToFrame((screen) => screen.includes(seedOpening), {
					timeout: FIRST_FRAME_TIMEOUT,
					description: 'less to show the seed',
				});
			} finally {
				await close(session);
			}
		};

		const nodeFloor = async (): Promise<number> => {
			const script = "process.stdout.write('ready')";
			const session = startTerminal(process.execPath, ['-e', script], size);
			try {
				return await session.timeToFrame((screen) => screen.includes('ready'), {
					timeout: FIRST_FRAME_TIMEOUT,
					description: 'node to print',
				});
			} finally {
				await close(session);
			}
		};

		const appOnCorpus = async (): Promise<CorpusRun> => {
			const usesProc = peakRssOfProcess(process.pid) !== undefined;
			const report = usesProc ? undefined : rssReportForNodeChild();
			const session = startTerminal(context.cli, [context.corpus.folder], {
				...size,
				env: report?.env ?? {},
			});
			try {
				const first = await session.timeToFrame(firstFrame, {
					timeout: FIRST_FRAME_TIMEOUT,
					description: 'the first frame on the corpus',
				});
				const all = await session.timeToFrame(loaded, {
					timeout: LOAD_TIMEOUT,
					description: 'the whole corpus to load',
				});
				let peakMegabytes = peakRssOfProcess(session.pid);
				if (report) {
					// Without /proc the child reports its own peak as it exits normally.
					session.press('ctrl+c');
					await session.waitForExit({timeout: 5000}).catch(() => undefined);
					peakMegabytes = report.read();
				}
				return {firstFrame: first, loaded: all, peakMegabytes};
			} finally {
				await close(session);
				report?.dispose();
			}
		};

		// One unmeasured round fills the disk cache, so every measured run starts alike.
		await appOnSeeds();
		await lessOnSeed();
		await nodeFloor();
		await appOnCorpus();

		const samples = {seeds: [] as number[], less: [] as number[], node: [] as number[]};
		const corpusRuns: CorpusRun[] = [];
		// Interleaved, so a slow patch on the shared machine touches every row alike.
		for (let run = 0; run < context.runs; run++) {
			samples.seeds.push(await appOnSeeds());
			samples.less.push(await lessOnSeed());
			samples.node.push(await nodeFloor());
			corpusRuns.push(await appOnCorpus());
		}

		const documents = context.corpus.documents.toLocaleString('en');
		const less = summarise(samples.less);
		const floor = summarise(samples.node);
		const first = summarise(corpusRuns.map((run) => run.firstFrame));
		const all = summarise(corpusRuns.map((run) => run.loaded));
		const seedFrames = summarise(samples.seeds);
		const memory = corpusRuns
			.map((run) => run.peakMegabytes)
			.filter((value): value is number => value !== undefined);

		const rows: BenchRow[] = [
			{
				group: 'start-up',
				name: `first frame, ${seedNames.length} seeds (pty)`,
				median: seedFrames.median,
				p95: seedFrames.p95,
				unit: 'ms',
				target: 150,
				peer: {name: 'less', median: less.median, p95: less.p95},
			},
			{
				group: 'start-up',
				name: `first frame, ${documents} documents (pty)`,
				median: first.median,
				p95: first.p95,
				unit: 'ms',
				target: 400,
				peer: {name: 'node -e', median: floor.median, p95: floor.p95},
				note: 'peer node -e: a Node program that writes one word, to its frame; the floor',
			},
			{
				group: 'start-up',
				name: `all ${documents} documents loaded`,
				median: all.median,
				p95: all.p95,
				unit: 'ms',
				target: 2000,
			},
		];
		if (memory.length > 0) {
			const peak = summarise(memory);
			rows.push({
				group: 'start-up',
				name: `peak memory, ${documents} documents loaded`,
				median: peak.median,
				p95: peak.p95,
				unit: 'MB',
				target: 300,
			});
		}
		return rows;
	};
}

export const startupBench: BenchSuite = createStartupBench();
