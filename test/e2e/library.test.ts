import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startApp, startTerminal, cliPath, type TerminalSession} from './terminal.js';
import {seedDocuments} from '../fixtures/seeds.js';

let titles: string[] = [];
const sessions: TerminalSession[] = [];

function open(args: string[] = [], size = {cols: 100, rows: 24}, env?: Record<string, string>) {
	const session = startApp(args, {...size, ...(env ? {env} : {})});
	sessions.push(session);
	return session;
}

/** The start of each title, short enough to survive truncation at any width we test. */
const titleStart = (title: string) => title.slice(0, 24);

beforeAll(async () => {
	titles = seedDocuments().map((document) => document.title);
	expect(titles).toHaveLength(5);
});

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
});

describe('launching the library', () => {
	it('shows all five seed titles and the status bar on the last row but one', async () => {
		const app = open();
		await app.waitFor((screen) => titles.every((title) => screen.includes(titleStart(title))));
		expect(app.isAlternateScreen()).toBe(true);
		await app.waitForText('5 documents');
		// Ink redraws everything when a frame is as tall as the terminal: the app stays one short.
		expect(app.row(22)).toContain('5 documents');
		expect(app.row(23).trim()).toBe('');
	});

	it('moves with j/k and G/g, and shows where it is', async () => {
		const app = open();
		await app.waitForText('1/5');
		app.press('j', 'j');
		await app.waitForText('3/5');
		app.press('G');
		await app.waitForText('5/5');
		app.press('g');
		await app.waitForText('1/5');
		expect(app.screenText().split('\n')[1]).toMatch(/^▸/);
	});

	it('draws help from the keymap with ? and closes it again', async () => {
		const app = open();
		await app.waitForText('5 documents');
		app.press('?');
		await app.waitForText('Mark and move down');
		expect(app.screenText()).toContain('PgDn');
		app.press('?');
		await app.waitForText('5 documents');
	});
});

// Leaving (q, Ctrl+C, signals at any moment, job control): terminal-owner.test.ts.

describe('terminal size', () => {
	it('reflows on resize: narrow terminals drop the columns, wide ones show them', async () => {
		// The file names take only the room the titles (and badges) leave: whole at 150 columns.
		const app = open([], {cols: 150, rows: 30});
		await app.waitFor(
			(screen) => screen.includes('000_fcf7af4745e890eb') && app.row(28).includes('5 documents'),
		);
		app.resize(50, 12);
		await app.waitFor(
			(screen) => !screen.includes('000_fcf7') && screen.split('\n')[10]!.includes('5 documents'),
		);
		app.resize(150, 30);
		await app.waitForText('000_fcf7af4745e890eb');
	});

	it('says the terminal is too small instead of drawing garbage, and recovers', async () => {
		const app = open([], {cols: 30, rows: 8});
		await app.waitForText('Terminal too small');
		app.resize(80, 24);
		await app.waitFor((screen) =>
			titles.every((title) => screen.includes(titleStart(title).slice(0, 15))),
		);
		app.resize(39, 24);
		await app.waitForText('too small');
	});
});

describe('input that is not a terminal', () => {
	it('reads keys from the controlling terminal when stdin is a pipe', async () => {
		const app = startTerminal('sh', ['-c', `echo x | "${process.execPath}" "${cliPath}"`], {
			cols: 100,
			rows: 24,
		});
		sessions.push(app);
		await app.waitForText('5 documents');
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	});

	it('says so in one line and exits 2 when there is no terminal to read keys from', async () => {
		const app = startTerminal(
			'setsid',
			['-w', 'sh', '-c', `echo x | "${process.execPath}" "${cliPath}"`],
			{cols: 100, rows: 24},
		);
		sessions.push(app);
		const status = await app.waitForExit();
		expect(status.exitCode).toBe(2);
		expect(app.screenText()).toMatch(/no terminal to read keys from/);
		expect(app.screenText()).not.toMatch(/at .*\.js:\d+/);
	});

	it('says an option only the commands use is ignored, seen once the library is left', async () => {
		const app = open(['--json', '--no-state']);
		await app.waitForText('5 documents');
		expect(app.screenText()).not.toContain('does not use');
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
		expect(app.screenText()).toContain('reading-room: the library does not use --json (ignored)');
	});
});
