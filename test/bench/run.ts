/**
 * The bench: `npm run bench` (full corpus, 5 runs) or `npm run bench -- --quick` (CI smoke run:
 * small corpus, 3 runs; fails only when a suite breaks, not when a target is missed).
 * `--only <group>` runs one group; `--cli <path>` measures another build of the app.
 *
 * Suites live beside this file and are imported when present, so a group being written is
 * skipped with a note, and one that throws becomes a failed row instead of ending the run.
 */
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import stringWidth from 'string-width';
import {FULL_CORPUS, generateCorpus, QUICK_CORPUS} from './corpus.js';
import type {BenchContext, BenchRow, BenchSuite} from './types.js';

interface SuiteEntry {
	readonly group: string;
	/** Module beside this file, without extension. */
	readonly module: string;
	readonly exportName: string;
}

const SUITES: readonly SuiteEntry[] = [
	{group: 'start-up', module: 'startup', exportName: 'startupBench'},
	{group: 'start-up', module: 'corpus-load', exportName: 'corpusLoadBench'},
	{group: 'search', module: 'search', exportName: 'searchBench'},
	{group: 'reader', module: 'reader', exportName: 'readerBench'},
	{group: 'diff', module: 'diff', exportName: 'diffBench'},
	{group: 'versions', module: 'versions', exportName: 'versionsBench'},
	{group: 'history', module: 'history', exportName: 'historyBench'},
	{group: 'store', module: 'store', exportName: 'storeBench'},
	{group: 'live-folder', module: 'live-folder', exportName: 'liveFolderBench'},
];

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

type Outcome =
	| {readonly kind: 'rows'; readonly rows: BenchRow[]}
	| {readonly kind: 'skipped'; readonly reason: string}
	| {readonly kind: 'failed'; readonly error: string};

async function runSuite(entry: SuiteEntry, context: BenchContext): Promise<Outcome> {
	const present = ['ts', 'js'].some((extension) =>
		existsSync(join(here, `${entry.module}.${extension}`)),
	);
	if (!present) return {kind: 'skipped', reason: `${entry.module}.ts not written yet`};
	try {
		const module = (await import(`./${entry.module}.js`)) as Record<string, unknown>;
		const suite = module[entry.exportName];
		if (typeof suite !== 'function') {
			throw new Error(`${entry.module}.ts does not export ${entry.exportName}`);
		}
		return {kind: 'rows', rows: await (suite as BenchSuite)(context)};
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		// Only the first line: errors from the pty helper carry a whole screen.
		return {kind: 'failed', error: message.split('\n')[0] ?? message};
	}
}

function formatValue(value: number | undefined, unit: BenchRow['unit']): string {
	if (value === undefined) return '';
	if (unit === 's') return `${value.toFixed(2)} s`;
	const digits = value < 10 ? 1 : 0;
	return `${value.toLocaleString('en', {maximumFractionDigits: digits, minimumFractionDigits: digits})} ${unit}`;
}

function verdict(row: BenchRow): string {
	if (row.target === undefined) return '–';
	const figure = row.targetIsP95 ? (row.p95 ?? row.median) : row.median;
	return figure <= row.target ? '✓' : '✗';
}

function pad(text: string, width: number, alignRight: boolean): string {
	const space = ' '.repeat(Math.max(0, width - stringWidth(text)));
	return alignRight ? space + text : text + space;
}

/** Renders rows as a text table; columns marked numeric are right-aligned. */
function table(header: readonly string[], rows: readonly string[][], numeric: readonly boolean[]) {
	const widths = header.map((title, column) =>
		Math.max(stringWidth(title), ...rows.map((row) => stringWidth(row[column] ?? ''))),
	);
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, column) => pad(cell, widths[column] ?? 0, numeric[column] ?? false))
			.join('  ')
			.trimEnd();
	return [
		line(header),
		widths.map((width) => '─'.repeat(width)).join('  '),
		...rows.map(line),
	].join('\n');
}

function describeOutcomes(outcomes: readonly [SuiteEntry, Outcome][]): {
	text: string;
	failures: number;
} {
	const cells: string[][] = [];
	const notes: string[] = [];
	let failures = 0;
	for (const [entry, outcome] of outcomes) {
		if (outcome.kind === 'skipped') {
			notes.push(`${entry.group}: skipped, ${outcome.reason}`);
			continue;
		}
		if (outcome.kind === 'failed') {
			failures++;
			cells.push([entry.group, 'suite failed (see notes)', '', '', '', '', '✗']);
			notes.push(`${entry.group}: failed: ${outcome.error}`);
			continue;
		}
		for (const [index, row] of outcome.rows.entries()) {
			const peer = row.peer ? `${row.peer.name} ${formatValue(row.peer.median, row.unit)}` : '';
			const name = row.note ? `${row.name} [${notes.length + 1}]` : row.name;
			if (row.note) notes.push(row.note);
			cells.push([
				index === 0 ? row.group : '',
				name,
				formatValue(row.median, row.unit),
				formatValue(row.p95, row.unit),
				row.target === undefined
					? ''
					: `≤ ${formatValue(row.target, row.unit)}${row.targetIsP95 ? ' p95' : ''}`,
				peer,
				verdict(row),
			]);
		}
	}
	const header = ['group', 'what', 'median', 'p95', 'target', 'peer (median)', ''];
	const numeric = [false, false, true, true, true, false, false];
	const noteLines = notes.map((note, index) => `[${index + 1}] ${note}`);
	return {text: [table(header, cells, numeric), '', ...noteLines].join('\n'), failures};
}

async function main(): Promise<number> {
	const {values} = parseArgs({
		options: {
			quick: {type: 'boolean', default: false},
			only: {type: 'string'},
			cli: {type: 'string'},
		},
	});
	const quick = values.quick ?? false;
	const suites = values.only ? SUITES.filter((entry) => entry.group === values.only) : SUITES;
	if (suites.length === 0) {
		console.error(`No group '${values.only}'. Groups: ${SUITES.map((s) => s.group).join(', ')}.`);
		return 2;
	}

	const started = performance.now();
	const corpus = await generateCorpus(quick ? QUICK_CORPUS : FULL_CORPUS);
	const megabytes = (corpus.bytes / 1e6).toFixed(1);
	const corpusSeconds = ((performance.now() - started) / 1000).toFixed(1);
	console.error(
		`corpus: ${corpus.documents} documents, ${megabytes} MB (ready in ${corpusSeconds} s)`,
	);

	const context: BenchContext = {
		quick,
		root,
		cli: values.cli ? resolve(values.cli) : join(root, 'dist', 'cli.js'),
		corpus,
		runs: quick ? 3 : 5,
	};
	// The apps the bench starts keep their cache and places in folders of the run's own, as the
	// tests do: a database another build wrote in ~/.cache would put a "cache rebuilt" notice
	// where the suites read the status bar, and a bench must not write into the user's home.
	const home = mkdtempSync(join(tmpdir(), 'reading-room-bench-'));
	process.env.XDG_CACHE_HOME = join(home, 'cache');
	process.env.XDG_STATE_HOME = join(home, 'state');
	const outcomes: [SuiteEntry, Outcome][] = [];
	try {
		for (const entry of suites) {
			console.error(`running ${entry.group}…`);
			outcomes.push([entry, await runSuite(entry, context)]);
		}
	} finally {
		rmSync(home, {recursive: true, force: true});
	}

	const {text, failures} = describeOutcomes(outcomes);
	const mode = quick ? 'quick smoke run: targets are for the full corpus' : 'full run';
	console.log(`reading-room bench (${mode}, ${context.runs} runs per row)\n`);
	console.log(text);
	// A missed target is news, not a broken build; a suite that throws means the bench rotted.
	return quick && failures > 0 ? 1 : 0;
}

// Exits explicitly: a suite that leaves a handle open must not keep the bench hanging.
process.exit(await main());
