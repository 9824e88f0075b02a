/**
 * Versions: grouping the bench corpus into versions of one article (signatures, LSH, exact
 * similarity of candidates, groups), fed in the loader's batches as the UI does, plus the worst
 * single batch (what a keystroke may wait for). Loading is timed apart and not counted. The
 * grouping row's note checks the result against the generator's planted near-duplicates.
 */
import {performance} from 'node:perf_hooks';
import {loadAll} from '../../source/core/corpus/load.js';
import {VersionIndex} from '../../source/core/versions/version-index.js';
import type {VersionGroup} from '../../source/core/versions/version-index.js';
import {quantile, summarise} from './stats.js';
import type {BenchRow, BenchSuite} from './types.js';
import {loaderBatches} from './batches.js';

/** CPU milliseconds (user + system) spent by this process in `work`: unlike wall time, not
 * inflated when other processes share the cores. */
function cpuTime(work: () => void): number {
	const before = process.cpuUsage();
	work();
	const used = process.cpuUsage(before);
	return (used.user + used.system) / 1000;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

/** Planted pairs found, and grouped pairs that were not planted. */
function verify(groups: readonly VersionGroup[], planted: readonly [string, string][]) {
	const grouped = new Set<string>();
	for (const {documents} of groups) {
		for (let i = 0; i < documents.length; i++) {
			for (let j = i + 1; j < documents.length; j++) {
				grouped.add(pairKey(documents[i]!, documents[j]!));
			}
		}
	}
	const plantedKeys = new Set(planted.map(([a, b]) => pairKey(a, b)));
	const found = [...plantedKeys].filter((key) => grouped.has(key)).length;
	const unrelated = [...grouped].filter((key) => !plantedKeys.has(key)).length;
	return {found, planted: plantedKeys.size, unrelated};
}

export const versionsBench: BenchSuite = async (context) => {
	const loadStarted = performance.now();
	const {documents} = await loadAll(context.corpus.folder);
	const loadMs = performance.now() - loadStarted;
	const inBatches = loaderBatches(documents);
	const megabytes = documents.reduce((total, document) => total + document.bytes, 0) / 1e6;

	const totals: number[] = [];
	const batchTimes: number[] = [];
	const batchWallTimes: number[] = [];
	const finalPass: number[] = [];
	let groups: VersionGroup[] = [];
	for (let run = 0; run < context.runs; run++) {
		const index = new VersionIndex();
		totals.push(
			cpuTime(() => {
				for (const batch of inBatches) {
					const started = performance.now();
					batchTimes.push(cpuTime(() => index.add(batch)));
					batchWallTimes.push(performance.now() - started);
				}
				const started = performance.now();
				groups = index.groups();
				finalPass.push(performance.now() - started);
			}),
		);
	}

	const check = verify(groups, context.corpus.nearDuplicates);
	const correct = check.found === check.planted && check.unrelated === 0;
	const size = `${documents.length} documents, ${megabytes.toFixed(1)} MB`;
	const total = summarise(totals);
	const rows: BenchRow[] = [
		{
			group: 'versions',
			name: `group whole corpus, CPU (${size})`,
			median: total.median,
			p95: total.p95,
			unit: 'ms',
			target: 2000,
			note:
				`${correct ? 'correct' : 'WRONG'}: found ${check.found} of ${check.planted} planted ` +
				`near-duplicate pairs; ${check.unrelated} pairs of unrelated documents grouped; ` +
				`${groups.length} groups. Loading the corpus took ${Math.round(loadMs)} ms, not counted.`,
		},
		{
			group: 'versions',
			name: 'add one loader batch (256 KB), CPU',
			median: quantile(batchTimes, 0.5),
			p95: quantile(batchTimes, 0.95),
			unit: 'ms',
			target: 10,
			note:
				`worst batch ${Math.max(...batchTimes).toFixed(1)} ms CPU over ${batchTimes.length} ` +
				`batches; wall time median ${quantile(batchWallTimes, 0.5).toFixed(1)} ms, ` +
				`p95 ${quantile(batchWallTimes, 0.95).toFixed(1)} ms`,
		},
		{
			group: 'versions',
			name: 'groups() after the last batch',
			median: quantile(finalPass, 0.5),
			p95: quantile(finalPass, 0.95),
			unit: 'ms',
			target: 10,
		},
	];
	return rows;
};
