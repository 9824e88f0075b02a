/** Small statistics for the bench: order statistics over repeated runs, and peak memory. */
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';

export interface Summary {
	readonly median: number;
	readonly p95: number;
	readonly samples: readonly number[];
}

/** The q-quantile (0–1) by linear interpolation between the closest ranks. */
export function quantile(values: readonly number[], q: number): number {
	if (values.length === 0) throw new Error('No samples.');
	const sorted = [...values].sort((a, b) => a - b);
	const position = (sorted.length - 1) * q;
	const below = sorted[Math.floor(position)] as number;
	const above = sorted[Math.ceil(position)] as number;
	return below + (above - below) * (position - Math.floor(position));
}

export function median(values: readonly number[]): number {
	return quantile(values, 0.5);
}

export function p95(values: readonly number[]): number {
	return quantile(values, 0.95);
}

export function summarise(samples: readonly number[]): Summary {
	return {median: median(samples), p95: p95(samples), samples};
}

/**
 * Runs `fn` `runs` times, one after another. A number returned by `fn` is taken as the sample
 * (for measurements timed inside, e.g. to a frame); otherwise the call's wall time in ms is.
 */
export async function measure(
	fn: () => Promise<number | void> | number | void,
	runs: number,
): Promise<Summary> {
	const samples: number[] = [];
	for (let run = 0; run < runs; run++) {
		const started = performance.now();
		const result = await fn();
		samples.push(typeof result === 'number' ? result : performance.now() - started);
	}
	return summarise(samples);
}

/**
 * Peak resident set size of a running process in MB, from Linux's /proc/<pid>/status (VmHWM,
 * the high-water mark), or undefined where /proc is not available.
 */
export function peakRssOfProcess(pid: number): number | undefined {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kilobytes = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
		return kilobytes === undefined ? undefined : Number(kilobytes) / 1024;
	} catch {
		return undefined;
	}
}

/**
 * Where /proc is missing: a preload for Node children that writes the process's peak RSS in MB
 * to a file when it exits. Pass `env` to the child (it sets NODE_OPTIONS), then `read()` after
 * the child exited normally (a SIGKILL leaves no report).
 */
export function rssReportForNodeChild(): {
	env: Record<string, string>;
	read: () => number | undefined;
	dispose: () => void;
} {
	const folder = mkdtempSync(join(tmpdir(), 'reading-room-rss-'));
	const preload = join(folder, 'report-rss.mjs');
	const report = join(folder, 'rss.txt');
	writeFileSync(
		preload,
		"import {writeFileSync} from 'node:fs';\n" +
			'// maxRSS is in kilobytes.\n' +
			"process.on('exit', () => writeFileSync(process.env.READING_ROOM_RSS_FILE, String(process.resourceUsage().maxRSS / 1024)));\n",
	);
	const inherited = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : '';
	return {
		env: {NODE_OPTIONS: `${inherited}--import=${preload}`, READING_ROOM_RSS_FILE: report},
		read: () => (existsSync(report) ? Number(readFileSync(report, 'utf8')) : undefined),
		dispose: () => rmSync(folder, {recursive: true, force: true}),
	};
}
