/**
 * Loading the corpus, the part of start-up before the first frame that grows with the folder:
 * the scan, the wait from the scan to the first batch with documents (what the first paint
 * draws), and loading the whole corpus. Each run is a fresh Node process, as at start-up: in
 * one long process the second run would find the loader's code already compiled.
 */
import {performance} from 'node:perf_hooks';
import {pathToFileURL} from 'node:url';
import {loadCorpus} from '../../source/core/corpus/load.js';
import {scanFolder} from '../../source/core/corpus/scan.js';
import {runBenchChild} from './child.js';
import {summarise} from './stats.js';
import type {BenchRow, BenchSuite} from './types.js';

interface ScanReport {
	readonly scanMs: number;
	readonly files: number;
}

interface LoadReport {
	/** From the scan's batch to the first batch with documents. */
	readonly firstDocumentsMs: number;
	readonly firstDocuments: number;
	/** From calling loadCorpus to its last batch. */
	readonly wholeMs: number;
	readonly documents: number;
}

type Mode = 'scan' | 'load';

/** Runs this file as a child in `mode` and returns the JSON it prints last. */
function child<T>(root: string, mode: Mode, folder: string): T {
	return runBenchChild(root, new URL(import.meta.url), [mode, folder]) as T;
}

async function scanChild(folder: string): Promise<ScanReport> {
	const started = performance.now();
	const {files} = await scanFolder(folder);
	return {scanMs: performance.now() - started, files: files.length};
}

async function loadChild(folder: string): Promise<LoadReport> {
	const started = performance.now();
	let scanned: number | undefined;
	let first: {at: number; count: number} | undefined;
	let documents = 0;
	for await (const batch of loadCorpus(folder)) {
		scanned ??= performance.now();
		if (first === undefined && batch.documents.length > 0) {
			first = {at: performance.now(), count: batch.documents.length};
		}
		documents += batch.documents.length;
	}
	const ended = performance.now();
	if (scanned === undefined || first === undefined) throw new Error('no documents loaded');
	return {
		firstDocumentsMs: first.at - scanned,
		firstDocuments: first.count,
		wholeMs: ended - started,
		documents,
	};
}

export const corpusLoadBench: BenchSuite = async (context) => {
	const {folder} = context.corpus;
	const runs = Math.max(1, context.runs);
	const scans: ScanReport[] = [];
	const loads: LoadReport[] = [];
	for (let run = 0; run < runs; run++) {
		scans.push(child<ScanReport>(context.root, 'scan', folder));
		loads.push(child<LoadReport>(context.root, 'load', folder));
	}
	if (loads.some((load) => load.documents !== context.corpus.documents)) {
		throw new Error(`loaded ${loads[0]!.documents} of ${context.corpus.documents} documents`);
	}

	const count = scans[0]!.files.toLocaleString('en');
	const scan = summarise(scans.map((report) => report.scanMs));
	const first = summarise(loads.map((report) => report.firstDocumentsMs));
	const whole = summarise(loads.map((report) => report.wholeMs));
	const rows: BenchRow[] = [
		{
			group: 'start-up',
			name: `scan, ${count} files`,
			median: scan.median,
			p95: scan.p95,
			unit: 'ms',
			note: 'scanFolder in a fresh process; the first frame cannot come before it ends',
		},
		{
			group: 'start-up',
			name: 'first documents after the scan',
			median: first.median,
			p95: first.p95,
			unit: 'ms',
			note: `loadCorpus, from the scan's batch to the first with documents (${loads[0]!.firstDocuments} of them)`,
		},
		{
			group: 'start-up',
			name: `load whole corpus, ${count} files`,
			median: whole.median,
			p95: whole.p95,
			unit: 'ms',
			target: 2000,
			note: 'loadCorpus to its last batch, scan included, in a fresh process',
		},
	];
	return rows;
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const [mode, folder = '.'] = process.argv.slice(2);
	const report = mode === 'scan' ? await scanChild(folder) : await loadChild(folder);
	process.stdout.write(JSON.stringify(report) + '\n');
}
