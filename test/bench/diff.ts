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
import {openArticle} from './reader.js';
import {measure, summarise} from './stats.js';
import type {BenchRow, BenchSuite} from './types.js';

const GROUP = 'diff';
const IN_PROCESS_TARGET = 40;
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
	const ours = await measure(() => void diffDocuments(small.a, small.b), context.runs);
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
	const whole = timeShell(
		`node ${quote(context.cli)} diff ${a} ${b} --json > /dev/null`,
		context.runs,
	);
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
