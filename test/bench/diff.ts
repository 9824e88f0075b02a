/**
 * Diff: the in-process word diff of the 1.2 MB pair (400 one-word edits) against jsdiff's plain
 * diffWords, laying out its rows (the first screen, and every row measured), and the whole `reading-room diff a b --json` process on the
 * 5 MB pair (1,600 edits, re-wrapped, paragraph breaks moved) against git's word diff.
 */
import {spawnSync} from 'node:child_process';
import {diffWords} from 'diff';
import {performance} from 'node:perf_hooks';
import {readFileSync} from 'node:fs';
import {diffDocuments, summariseUtf8, utf8Ends} from '../../source/core/diff/diff-documents.js';
import {splitRegions, summariseRegions} from '../../source/core/diff/regions.js';
import {DiffLayout} from '../../source/core/diff/rows.js';
import type {DiffRequest} from '../../source/core/app/state.js';
import {
	DIFF_CHROME_ROWS,
	diffViewReducer,
	initialDiffViewState,
	type DiffViewState,
} from '../../source/core/diff-view/state.js';
import {diffStatus} from '../../source/core/diff-view/status.js';
import type {Document} from '../../source/core/types.js';
import {diffRowsFor, type DiffRows} from '../../source/ui/diff-view.js';
import {openArticle} from './reader.js';
import {measure, summarise} from './stats.js';
import type {BenchRow, BenchSuite} from './types.js';

const GROUP = 'diff';
/** The targets for the diff screen: opening it (keypress to first frame) on the 1.2 MB
 * and the 5 MB pair, and n to frame at the 95th percentile. */
const OPEN_SMALL_TARGET = 200;
const OPEN_LARGE_TARGET = 600;
const NEXT_CHANGE_TARGET = 30;
/** The screen the diff view is measured on (side by side). */
const SCREEN = {columns: 160, rows: 40};
const IN_PROCESS_TARGET = 40;
/** Unmeasured runs before the in-process rows are timed. */
const WARM_UP_RUNS = 5;
const PROCESS_TARGET_FACTOR = 1.5;

function timeShell(command: string, runs: number) {
	const samples: number[] = [];
	for (let run = 0; run < runs; run++) {
		const started = performance.now();
		spawnSync('sh', ['-c', command], {stdio: 'ignore'});
		samples.push(performance.now() - started);
	}
	return summarise(samples);
}

const quote = (path: string) => `'${path.replaceAll("'", "'\\''")}'`;

export const diffBench: BenchSuite = async (context) => {
	const {diffPairSmall, diffPairLarge} = context.corpus;
	const rows: BenchRow[] = [];

	const small = {a: openArticle(diffPairSmall.a), b: openArticle(diffPairSmall.b)};
	// The process's first diff also waits for V8 to compile the tokenizer and aligner: shown on
	// a row of its own, apart from the diff's own speed.
	const started = performance.now();
	diffDocuments(small.a, small.b);
	const first = performance.now() - started;
	// The steady state is measured after V8 has settled: its optimizing compiler needs a few
	// runs of a long loop (seen: 153, 74, 53, 44, 38 ms), which the row above shows apart.
	for (let run = 0; run < WARM_UP_RUNS; run++) diffDocuments(small.a, small.b);
	const ours = await measure(() => void diffDocuments(small.a, small.b), context.runs);
	diffWords(small.a.text, small.b.text);
	const jsdiff = await measure(
		() => void diffWords(small.a.text, small.b.text),
		Math.min(context.runs, 5),
	);
	rows.push({
		group: GROUP,
		name: `word diff, 1.2 MB pair, ${diffPairSmall.edits} edits (in-process)`,
		median: ours.median,
		p95: ours.p95,
		unit: 'ms',
		target: IN_PROCESS_TARGET,
		peer: {name: 'jsdiff diffWords', median: jsdiff.median, p95: jsdiff.p95},
	});
	rows.push({
		group: GROUP,
		name: 'the same, first diff of the process (V8 not warmed up)',
		median: first,
		unit: 'ms',
	});

	const large = {a: openArticle(diffPairLarge.a), b: openArticle(diffPairLarge.b)};
	const result = diffDocuments(large.a, large.b);
	for (let run = 1; run < WARM_UP_RUNS; run++) diffDocuments(large.a, large.b);
	const diffLarge = await measure(() => void diffDocuments(large.a, large.b), context.runs);
	rows.push({
		group: GROUP,
		name: `word diff, 5 MB pair, ${diffPairLarge.edits} edits (in-process)`,
		median: diffLarge.median,
		p95: diffLarge.p95,
		unit: 'ms',
		note: result.fallback ? 'fell back to paragraphs' : `${result.changes.length} changes`,
	});
	for (const mode of ['side-by-side', 'inline'] as const) {
		const options = {mode, width: 160, layout: false, brackets: false};
		// What the screen does on opening: blocks cut, the first screenful measured and drawn.
		const first = await measure(
			() => void new DiffLayout(result, options).rows(0, 40),
			context.runs,
		);
		rows.push({
			group: GROUP,
			name: `rows ${mode}, 5 MB pair, width 160: first screen`,
			median: first.median,
			p95: first.p95,
			unit: 'ms',
		});
		// Every row counted (exact total, every change's row), drawing none: the background work.
		const all = await measure(() => new DiffLayout(result, options).measureAll(), context.runs);
		rows.push({
			group: GROUP,
			name: `rows ${mode}, 5 MB pair, width 160: all measured`,
			median: all.median,
			p95: all.p95,
			unit: 'ms',
		});
	}

	for (const [label, pair, target] of [
		[`${sizeOf(small)} pair`, small, OPEN_SMALL_TARGET],
		[`${sizeOf(large)} pair`, large, OPEN_LARGE_TARGET],
	] as const) {
		const open = await measure(() => openDiffView(pair.a, pair.b).then(({ms}) => ms), context.runs);
		rows.push({
			group: GROUP,
			name: `d → diff view's first frame, ${label} (in-process)`,
			median: open.median,
			p95: open.p95,
			unit: 'ms',
			target,
			note: `${SCREEN.columns}×${SCREEN.rows}: the diff, the first screen's rows measured and folded, the status; Ink's drawing not counted`,
		});
	}
	// n to frame on the 5 MB pair, opened once: the reducer's step and the frame's rows.
	const opened = await openDiffView(large.a, large.b);
	let state: DiffViewState = initialDiffViewState();
	const presses = await measure(
		() => {
			const started = performance.now();
			state = diffViewReducer(state, 'next-change', opened.rows.view);
			frameOf(opened.rows, state);
			return performance.now() - started;
		},
		Math.max(20, context.runs * 10),
	);
	rows.push({
		group: GROUP,
		name: `n → frame, ${sizeOf(large)} pair (in-process)`,
		median: presses.median,
		p95: presses.p95,
		unit: 'ms',
		target: NEXT_CHANGE_TARGET,
		targetIsP95: true,
		note: `${presses.samples.length} presses; Ink's drawing not counted`,
	});

	// What `diff --json` adds for its "summary": each side's regions, from the file's ends, and
	// the edits counted by region; beside the diff it summarises.
	const bytes = {a: readFileSync(diffPairLarge.a), b: readFileSync(diffPairLarge.b)};
	const sparse = summariseUtf8(bytes.a, bytes.b);
	const summaryDiff = await measure(() => void summariseUtf8(bytes.a, bytes.b), context.runs);
	const byRegion = await measure(() => {
		const a = {regions: splitRegions(utf8Ends(bytes.a, sparse.lengthA))};
		const b = {regions: splitRegions(utf8Ends(bytes.b, sparse.lengthB))};
		summariseRegions(a, b, sparse.edits, sparse.stats);
	}, context.runs);
	rows.push({
		group: GROUP,
		name: 'summary by region, 5 MB pair (in-process)',
		median: byRegion.median,
		p95: byRegion.p95,
		unit: 'ms',
		target: 0.1 * summaryDiff.median,
		peer: {name: 'the diff it summarises', median: summaryDiff.median, p95: summaryDiff.p95},
		note: 'target 10% of the diff',
	});

	const a = quote(diffPairLarge.a);
	const b = quote(diffPairLarge.b);
	const git = timeShell(
		`git diff --no-index --word-diff=porcelain ${a} ${b} > /dev/null`,
		context.runs,
	);
	const whole = timeShell(`${quote(context.cli)} diff ${a} ${b} --json > /dev/null`, context.runs);
	rows.push({
		group: GROUP,
		name: 'diff --json, 5 MB pair (whole process)',
		median: whole.median,
		p95: whole.p95,
		unit: 'ms',
		target: git.median * PROCESS_TARGET_FACTOR,
		peer: {name: 'git diff --word-diff=porcelain', median: git.median, p95: git.p95},
		note: `target ${PROCESS_TARGET_FACTOR}× git`,
	});
	return rows;
};

const sizeOf = (pair: {a: Document; b: Document}) =>
	`${((pair.a.bytes + pair.b.bytes) / 2 / 1e6).toFixed(1)} MB`;

/**
 * Opens the diff view as the app does after d: the screen's rows are asked for (a long diff
 * is computed after a first "comparing…" frame), then the first screen is drawn, which
 * measures and folds only the rows it needs, and the status. Copies of the documents, so that
 * no diff is found in the screen's cache.
 */
async function openDiffView(a: Document, b: Document): Promise<{ms: number; rows: DiffRows}> {
	const started = performance.now();
	const request: DiffRequest = {
		a: {...a},
		b: {...b},
		folder: [a, b],
		mode: 'side-by-side',
		layout: false,
		columns: SCREEN.columns,
		height: SCREEN.rows - 1 - DIFF_CHROME_ROWS,
		folds: initialDiffViewState().folds,
		storyOnly: false,
		query: '',
	};
	let rows: DiffRows | undefined;
	while (!(rows = diffRowsFor(request, true, () => undefined))) {
		await new Promise((resolve) => setTimeout(resolve, 1));
	}
	frameOf(rows, initialDiffViewState());
	return {ms: performance.now() - started, rows};
}

/** What a frame draws: the rows on screen and the status line. */
function frameOf(rows: DiffRows, state: DiffViewState): number {
	const shown = rows.folded.rows(state.top, state.top + rows.view.height);
	return shown.length + diffStatus(state, rows.view, rows.result, state.top).length;
}
