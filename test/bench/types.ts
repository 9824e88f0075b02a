import type {GeneratedCorpus} from './corpus.js';

/** One line of the bench table. Times are milliseconds, memory megabytes. */
export interface BenchRow {
	/** Table section, e.g. 'start-up', 'search', 'reader', 'diff', 'versions'. */
	readonly group: string;
	/** What was measured, e.g. 'first frame, seeds (pty)'. */
	readonly name: string;
	readonly median: number;
	readonly p95?: number;
	readonly unit: 'ms' | 'MB' | 's';
	/** The target, for the median unless `targetIsP95`. */
	readonly target?: number;
	/** The issue states this target as a 95th percentile ("≤ 16 ms p95"); where it does not,
	 * as for the start-up targets ("medians"), the target is for the median. */
	readonly targetIsP95?: boolean;
	/** A peer tool measured in the same run on the same input, e.g. 'less'. */
	readonly peer?: {readonly name: string; readonly median: number; readonly p95?: number};
	readonly note?: string;
}

export interface BenchContext {
	/** Smoke mode for CI: small corpus, few runs; proves the bench still works, not the targets. */
	readonly quick: boolean;
	/** Repository root. */
	readonly root: string;
	/** The built command, dist/cli.js, run as a program as npm links it: its launcher lines start Node. */
	readonly cli: string;
	/** Folder with the generated synthetic corpus (see corpus.ts) and its manifest. */
	readonly corpus: GeneratedCorpus;
	/** How many times to repeat a measurement. */
	readonly runs: number;
}

export type BenchSuite = (context: BenchContext) => Promise<BenchRow[]>;
