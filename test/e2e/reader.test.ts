import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {findMatches} from '../../source/core/reader/search.js';
import type {Document} from '../../source/core/types.js';
import {startApp, type TerminalSession} from './terminal.js';
import {seedDocuments} from '../fixtures/seeds.js';

let seeds: Document[] = [];
const sessions: TerminalSession[] = [];
const temporary: string[] = [];

function tempDir(prefix: string): string {
	const path = mkdtempSync(join(tmpdir(), `reading-room-${prefix}-`));
	temporary.push(path);
	return path;
}

function open(args: string[] = [], size = {cols: 80, rows: 24}, env?: Record<string, string>) {
	const session = startApp(args, {...size, ...(env ? {env} : {})});
	sessions.push(session);
	return session;
}

/** The reader's status bar: the last line that says 'line N/M'. */
function status(app: TerminalSession): string {
	return (
		app
			.screenText()
			.split('\n')
			.findLast((row) => /lines? [\d,]+(–[\d,]+)? of ~?[\d,]+/.test(row)) ?? ''
	);
}

function topLine(app: TerminalSession): number {
	return Number(/lines? (\d+)[– ]/.exec(status(app))?.[1] ?? NaN);
}

/** Selects library row `index` (0-based) one key at a time, then opens it. */
async function openRow(app: TerminalSession, index: number): Promise<void> {
	await app.waitForText('5 documents · 1/5');
	for (let row = 1; row <= index; row++) {
		app.press('j');
		await app.waitForText(`5 documents · ${row + 1}/5`);
	}
	app.press('enter');
	await app.waitForText(/lines 1–[\d,]+ of ~?[\d,]+/);
}

beforeAll(async () => {
	seeds = seedDocuments();
	expect(seeds.map((document) => document.id.slice(0, 3))).toEqual([
		'000',
		'001',
		'002',
		'003',
		'004',
	]);
});

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
});

afterAll(() => {
	for (const path of temporary.splice(0)) rmSync(path, {recursive: true, force: true});
});

describe('reading an article', () => {
	it('opens with Enter, pages to the end with Space and G, and shows the last paragraph', async () => {
		const article = seeds[2]!;
		const app = open();
		await openRow(app, 2);
		expect(app.row(0).trim()).toBe(article.title);
		expect(app.row(1).trim()).toBe('PEJOURNAL');
		expect(status(app)).toContain(article.title.slice(0, 12));
		let previous = topLine(app);
		while (!status(app).includes('100%')) {
			app.press('space');
			await app.waitFor(() => topLine(app) > previous || status(app).includes('100%'));
			expect(topLine(app) - previous).toBeLessThanOrEqual(21);
			previous = topLine(app);
		}
		const lastWords = article.paragraphs.at(-1)!.split(' ').slice(-3).join(' ');
		expect(app.screenText()).toContain(lastWords);
		// At the end, as less says it: the last line on screen, 100%.
		expect(status(app)).toMatch(/^lines \d+–(\d+) of \1 · 100% · /);
		app.press('g');
		await app.waitFor(() => topLine(app) === 1);
		app.press('G');
		await app.waitFor(() => status(app).includes('100%'));
		expect(app.screenText()).toContain(lastWords);
		app.press('k');
		await app.waitFor(() => topLine(app) === previous - 1);
	});

	it('searches with / and steps with n and N, highlighting the current match apart', async () => {
		const article = seeds[2]!;
		const count = findMatches(article, 'Tehran').length;
		const app = open();
		await openRow(app, 2);
		app.press('/');
		await app.waitFor(() => app.row(22).startsWith('/'));
		app.type('Tehran');
		await app.waitFor(() => app.row(22).startsWith('/Tehran'));
		app.press('enter');
		await app.waitForText(`match 1 of ${count} “Tehran”`);
		app.press('n');
		await app.waitForText(`match 2 of ${count} “Tehran”`);

		// The current match has a background; the others only a coloured foreground.
		const cells = [];
		for (let y = 0; y < 22; y++) {
			const row = app.row(y);
			for (let at = row.indexOf('Tehran'); at !== -1; at = row.indexOf('Tehran', at + 1)) {
				cells.push(app.cellStyle(at, y)!);
			}
		}
		expect(cells.filter((cell) => cell.bg !== 'default')).toHaveLength(1);
		expect(cells.filter((cell) => cell.bg === 'default' && cell.fg !== 'default').length).toBe(
			cells.length - 1,
		);

		app.press('N');
		await app.waitForText(`match 1 of ${count} “Tehran”`);
		app.press('N');
		await app.waitForText(`match ${count} of ${count} “Tehran”`);
		expect(app.screenText()).toContain('search hit TOP, continuing at BOTTOM');
		app.press('n');
		await app.waitForText(`match 1 of ${count} “Tehran”`);
		expect(app.screenText()).toContain('search hit BOTTOM, continuing at TOP');
	});

	it('re-wraps on resize and keeps the same passage at the top', async () => {
		const app = open([], {cols: 100, rows: 30});
		await openRow(app, 0);
		app.press('space', 'space');
		await app.waitFor(() => topLine(app) > 40);
		const before = app.row(0).trim();
		const opening = before.split(' ').slice(0, 4).join(' ');
		const total = () => /^lines? [\d,]+(?:–[\d,]+)? of (~?[\d,]+) ·/.exec(status(app))?.[1];
		const wide = total();
		app.resize(60, 20);
		// The status bar of the new frame sits on row 18 and counts more, narrower lines.
		await app.waitFor(
			() => /^lines? [\d,]+(?:–[\d,]+)? of ~?[\d,]+ ·/.test(app.row(18)) && total() !== wide,
			{
				description: 'the narrow frame',
			},
		);
		const narrow = total();
		expect(`${app.row(0).trim()} ${app.row(1).trim()}`).toContain(opening);
		for (let y = 0; y < 18; y++) expect(app.row(y).length).toBeLessThanOrEqual(58);
		app.resize(140, 30);
		await app.waitFor(
			() => /^lines? [\d,]+(?:–[\d,]+)? of ~?[\d,]+ ·/.test(app.row(28)) && total() !== narrow,
			{
				description: 'the wide frame',
			},
		);
		expect(`${app.row(0).trim()} ${app.row(1).trim()}`).toContain(opening);
		// Centred: the 90-cell column starts 25 cells in.
		expect(app.row(0).slice(0, 25).trim()).toBe('');
	});

	it('scrolls with the arrow keys the mouse wheel sends under mode 1007', async () => {
		const app = open();
		await openRow(app, 0);
		expect(app.rawOutput()).toContain('\u001B[?1007h');
		app.press('down', 'down', 'down');
		await app.waitFor(() => topLine(app) === 4);
		app.press('up');
		await app.waitFor(() => topLine(app) === 3);
	});

	it('goes back with Esc to the library with the same row selected', async () => {
		const app = open();
		await openRow(app, 3);
		app.press('escape');
		await app.waitForText('5 documents · 4/5');
		expect(app.screenText().split('\n')[4]).toMatch(/^▸/);
	});
});

describe('remembered places', () => {
	async function readAndLeave(stateHome: string): Promise<number> {
		const app = open([], {cols: 80, rows: 24}, {XDG_STATE_HOME: stateHome});
		await openRow(app, 1);
		app.press('space');
		await app.waitFor(() => topLine(app) > 1);
		app.press('j');
		await app.waitFor(() => topLine(app) > 21);
		const line = topLine(app);
		// Quitting from inside the reader: the place is saved as the screen goes away.
		app.press('ctrl+c');
		expect((await app.waitForExit()).exitCode).toBe(130);
		return line;
	}

	it('reopens an article where it was left, across runs', async () => {
		const stateHome = tempDir('state');
		const line = await readAndLeave(stateHome);
		const again = open([], {cols: 80, rows: 24}, {XDG_STATE_HOME: stateHome});
		await again.waitForText('5 documents · 1/5');
		again.press('j');
		await again.waitForText('5 documents · 2/5');
		again.press('enter');
		await again.waitFor(() => topLine(again) === line, {description: `line ${line}`});
	});

	it('does not restore with --no-state', async () => {
		const stateHome = tempDir('state');
		expect(await readAndLeave(stateHome)).toBeGreaterThan(1);
		const app = open(['--no-state'], {cols: 80, rows: 24}, {XDG_STATE_HOME: stateHome});
		await openRow(app, 1);
		expect(topLine(app)).toBe(1);
	});

	it('warns in one line about a corrupt positions file and carries on', async () => {
		const stateHome = tempDir('state');
		mkdirSync(join(stateHome, 'reading-room'), {recursive: true});
		writeFileSync(join(stateHome, 'reading-room', 'positions.json'), '{"version": 1, "pla');
		const app = open([], {cols: 80, rows: 24}, {XDG_STATE_HOME: stateHome});
		await app.waitForText('ignoring reading places');
		const warning = app
			.screenText()
			.split('\n')
			.filter((row) => row.includes('ignoring reading places'));
		expect(warning).toHaveLength(1);
		app.press('j');
		await app.waitForText('5 documents · 2/5');
		app.press('enter');
		await app.waitForText(/lines 1–[\d,]+ of ~?[\d,]+/);
		app.press('space');
		await app.waitFor(() => topLine(app) > 1);
		app.press('escape');
		await app.waitForText('5 documents · 2/5');
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
		expect(app.screenText()).not.toMatch(/at .*\.js:\d+/);
	});
});

describe('awkward files', () => {
	it('opens an empty file to a one-line notice', async () => {
		const folder = tempDir('empty');
		writeFileSync(join(folder, 'empty.txt'), '');
		const app = open([folder]);
		await app.waitForText('1 document');
		app.press('enter');
		await app.waitForText('this document is empty');
		const text = app
			.screenText()
			.split('\n')
			.slice(0, 22)
			.filter((row) => row.trim());
		expect(text).toEqual(['  this document is empty']);
	});

	it('wraps and scrolls a 120,000-character word without freezing', async () => {
		const folder = tempDir('long-word');
		writeFileSync(
			join(folder, 'long.txt'),
			`One long word\n\n${'x'.repeat(120_000)}\n\nAfter the word.\n`,
		);
		const app = open([folder]);
		await app.waitForText('1 document');
		app.press('enter');
		await app.waitForText(/lines 1–[\d,]+ of ~?[\d,]+/, {timeout: 3000});
		expect(app.row(2).trim()).toMatch(/^x{76}$/);
		app.press('space');
		await app.waitFor(() => topLine(app) === 21);
		app.press('G');
		await app.waitFor(() => status(app).includes('100%'), {timeout: 3000});
		expect(app.screenText()).toContain('After the word.');
	});
});
