/**
 * Live folder: how long from a file written into the open library's folder to its row on
 * screen (the watcher's event, the settling, the read, the redraw), in a real pty over a copy
 * of the seeds. Target ≤ 500 ms (issue 16).
 */
import {cpSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {startTerminal} from '../e2e/terminal.js';
import {summarise} from './stats.js';
import type {BenchRow, BenchSuite} from './types.js';

const GROUP = 'live-folder';
const TARGET_MS = 500;

export const liveFolderBench: BenchSuite = async (context) => {
	const folder = mkdtempSync(join(tmpdir(), 'reading-room-bench-live-'));
	const stateHome = mkdtempSync(join(tmpdir(), 'reading-room-bench-state-'));
	cpSync(join(context.root, 'seeds'), folder, {recursive: true});
	const app = startTerminal(context.cli, [folder, '--no-cache'], {
		cols: 120,
		rows: 40,
		env: {XDG_STATE_HOME: stateHome},
	});
	try {
		await app.waitForText('5 documents', {timeout: 30_000});
		// The watcher starts once the folder has loaded; give it the turn it needs.
		await app.settled();
		const samples: number[] = [];
		for (let run = 0; run < Math.max(3, context.runs); run++) {
			const title = `A new article, number ${run + 1}`;
			const started = performance.now();
			writeFileSync(join(folder, `new-${run + 1}.txt`), `${title}\n\nA few words of it.\n`);
			await app.waitFor((screen) => screen.includes(title), {timeout: 10_000});
			samples.push(performance.now() - started);
		}
		const row: BenchRow = {
			group: GROUP,
			name: 'file written → its row on screen (pty)',
			...summarise(samples),
			unit: 'ms',
			target: TARGET_MS,
			note: 'fs.watch event, 120 ms settling, read, redraw',
		};
		return [row];
	} finally {
		app.dispose();
		rmSync(folder, {recursive: true, force: true});
		rmSync(stateHome, {recursive: true, force: true});
	}
};
