/**
 * The library's figures in a real terminal on a generated corpus of 3,000 documents: the search
 * status gives the true number of matches, with thousands separators, the same total that
 * `search --json` gives, and every match is reachable; while the corpus loads and the index is
 * built, the status says how far it is and never that nothing matches.
 */
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {spawnSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {generateCorpus, type GeneratedCorpus} from '../bench/corpus.js';
import {cliPath, startApp, type TerminalSession} from './terminal.js';

const DOCUMENTS = 3_000;
const SIZE = {cols: 120, rows: 30};
/** Loading and indexing 3,000 documents on a loaded 2-core machine. */
const PATIENT = {timeout: 60_000};
/** A whole test: starting, loading, indexing and typing, under that load. */
const TEST_TIMEOUT = 180_000;

let corpus: GeneratedCorpus;
let word: string;
let total: number;
let app: TerminalSession | undefined;

function filesUnder(folder: string): string[] {
	return readdirSync(folder, {withFileTypes: true, recursive: true})
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
}

/** `reading-room search <query> <folder> --json --limit <large>`: its total and results. */
function searchJson(query: string): {total: number; results: unknown[]} {
	const result = spawnSync(
		process.execPath,
		[cliPath, 'search', query, corpus.folder, '--json', '--limit', '1000000'],
		{encoding: 'utf8', maxBuffer: 1 << 28, timeout: 60_000},
	);
	return JSON.parse(result.stdout) as {total: number; results: unknown[]};
}

/** The status bar: the app draws one row short of the terminal. */
const statusBar = (session: TerminalSession) => session.row(SIZE.rows - 2);

beforeAll(async () => {
	corpus = await generateCorpus({
		name: 'e2e-counts',
		documents: DOCUMENTS,
		targetBytes: 4_000_000,
		extrasScale: 0.02,
	});
	// A word of five letters or more found in over a thousand documents, counted by a plain
	// regular expression over the files: its count needs a thousands separator.
	const seen = new Map<string, number>();
	for (const file of filesUnder(corpus.folder)) {
		const words = new Set(
			readFileSync(file, 'utf8')
				.toLowerCase()
				.match(/\p{L}{5,}/gu),
		);
		for (const found of words) seen.set(found, (seen.get(found) ?? 0) + 1);
	}
	const common = [...seen]
		.filter(([, count]) => count >= 1_000 && count < DOCUMENTS)
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
	expect(common.length).toBeGreaterThan(0);
	word = common[0]![0];
	const found = searchJson(word);
	total = found.total;
	// Every match is in the JSON when the limit allows, and at least the regex's documents.
	expect(found.results).toHaveLength(total);
	expect(total).toBeGreaterThanOrEqual(common[0]![1]);
}, 180_000);

afterEach(async () => {
	if (app && !app.hasExited()) {
		app.kill();
		await app.waitForExit().catch(() => undefined);
	}
	app = undefined;
});

describe('the search count on 3,000 documents', () => {
	it(
		'says the true number of matches, as search --json does, and reaches the last',
		async () => {
			app = startApp(['--no-state', corpus.folder], SIZE);
			const session = app;
			await session.waitFor(
				() =>
					statusBar(session).startsWith('3,000 documents') && !/loading/.test(statusBar(session)),
				{...PATIENT, description: 'the corpus to load'},
			);
			session.press('/');
			await session.waitFor(() => session.row(SIZE.rows - 3).startsWith('/█'), {
				description: 'the search line',
			});
			for (let typed = 1; typed <= word.length; typed++) {
				session.type(word.charAt(typed - 1));
				await session.waitForText(`/${word.slice(0, typed)}█`);
			}
			const expected = `${total.toLocaleString('en')} of 3,000 match “${word}” · 1/${total.toLocaleString('en')}`;
			await session.waitFor(() => statusBar(session).startsWith(expected), {
				...PATIENT,
				description: `the status to say ${expected}`,
			});
			expect(total).toBeGreaterThan(999);
			// The last match is reachable: Tab keeps the results and moves to them (Enter would
			// open the highlighted one), G goes to the last.
			session.press('tab');
			await session.waitFor(() => !session.row(SIZE.rows - 3).includes('█'), {
				description: 'the search line to close its cursor',
			});
			session.type('G');
			const last = `${total.toLocaleString('en')}/${total.toLocaleString('en')}`;
			await session.waitFor(() => statusBar(session).includes(last), {
				description: `the status to say ${last}`,
			});
		},
		TEST_TIMEOUT,
	);

	it(
		'says how far loading and indexing are, and never that nothing matches before the end',
		async () => {
			app = startApp(['--no-state', corpus.folder], SIZE);
			const session = app;
			// As soon as the first rows are drawn: the rest of the corpus is still loading.
			await session.waitFor(() => /^[\d,]+ documents/.test(statusBar(session)), PATIENT);
			session.press('/');
			await session.waitFor(() => session.row(SIZE.rows - 3).startsWith('/█'), {
				description: 'the search line',
			});
			session.type(word.slice(0, 1));
			const final = `${total.toLocaleString('en')} of 3,000 match “${word}”`;
			const statuses: string[] = [];
			const nothing: string[] = [];
			let typed = 1;
			await session.waitFor(
				(screen) => {
					const status = statusBar(session);
					statuses.push(status);
					if (screen.includes('No articles match')) nothing.push(screen);
					if (
						typed < word.length &&
						session.row(SIZE.rows - 3).startsWith(`/${word.slice(0, typed)}█`)
					) {
						session.type(word.charAt(typed));
						typed++;
					}
					return typed === word.length && status.startsWith(final);
				},
				{...PATIENT, description: `the final count, ${final}`},
			);
			expect(nothing).toEqual([]);
			// Before the end, the status said how far it had got, with separators.
			const progress = statuses.filter((status) =>
				/(loading|indexing) [\d,]+ of 3,000/.test(status),
			);
			expect(progress.length).toBeGreaterThan(0);
			for (const status of progress) expect(status).not.toMatch(/\d{4}/);
		},
		TEST_TIMEOUT,
	);
});
