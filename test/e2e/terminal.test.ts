import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cliPath, repositoryRoot, startTerminal} from './terminal.js';
import type {TerminalOptions, TerminalSession} from './terminal.js';

/** A tiny full-screen program: alternate screen, hidden cursor, styled text, one line per key
 * received (as hex, numbered so repeats differ), its size after SIGWINCH, 'q' to leave. */
const FULL_SCREEN_PROGRAM = `
const out = process.stdout;
out.write('\\x1b[?1049h\\x1b[?25l\\x1b[H\\x1b[2J');
out.write('\\x1b[1;31mBold\\x1b[0m \\x1b[4munder\\x1b[0m \\x1b[9mstruck\\x1b[0m \\x1b[7minverse\\x1b[0m \\x1b[38;2;1;2;3mrgb\\x1b[0m plain');
out.write('\\x1b[2;1Hsize ' + out.columns + 'x' + out.rows);
let count = 0;
process.stdin.setRawMode(true);
process.stdin.on('data', (data) => {
	if (data.toString() === 'q') {
		out.write('\\x1b[?25h\\x1b[?1049lbye\\r\\n');
		process.exit(0);
	}
	count++;
	out.write('\\x1b[4;1H\\x1b[2Kkey#' + count + ':' + data.toString('hex'));
});
out.on('resize', () => out.write('\\x1b[2;1H\\x1b[2Ksize ' + out.columns + 'x' + out.rows));
out.write('\\x1b[3;1Hready');
`;

const sessions: TerminalSession[] = [];

function start(script: string, options: TerminalOptions = {}): TerminalSession {
	const session = startTerminal(process.execPath, ['-e', script], options);
	sessions.push(session);
	return session;
}

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
});

describe('the pseudo-terminal helper', () => {
	it('shows what a full-screen program draws, in the alternate screen, with the cursor hidden', async () => {
		const terminal = start(FULL_SCREEN_PROGRAM, {cols: 60, rows: 10});
		await terminal.waitForText('ready');

		expect(terminal.isAlternateScreen()).toBe(true);
		expect(terminal.isCursorVisible()).toBe(false);
		expect(terminal.row(0)).toBe('Bold under struck inverse rgb plain');
		expect(terminal.row(1)).toBe('size 60x10');
		expect(terminal.screenText().split('\n')).toHaveLength(10);
		expect(terminal.rawOutput()).toContain('\x1b[?1049h');
	});

	it('reports the style of each cell', async () => {
		const terminal = start(FULL_SCREEN_PROGRAM, {cols: 60, rows: 10});
		await terminal.waitForText('ready');

		expect(terminal.cellStyle(0, 0)).toMatchObject({char: 'B', bold: true, fg: 1});
		expect(terminal.cellStyle(5, 0)).toMatchObject({char: 'u', underline: true, bold: false});
		expect(terminal.cellStyle(11, 0)).toMatchObject({char: 's', strikethrough: true});
		expect(terminal.cellStyle(18, 0)).toMatchObject({char: 'i', inverse: true});
		expect(terminal.cellStyle(26, 0)).toMatchObject({char: 'r', fg: '#010203'});
		expect(terminal.cellStyle(30, 0)).toEqual({
			char: 'p',
			bold: false,
			dim: false,
			italic: false,
			underline: false,
			strikethrough: false,
			inverse: false,
			fg: 'default',
			bg: 'default',
		});
		expect(terminal.cellStyle(0, 99)).toBeUndefined();
	});

	it('sends named keys as the bytes a terminal sends', async () => {
		const terminal = start(FULL_SCREEN_PROGRAM);
		await terminal.waitForText('ready');
		const expected: [string, string][] = [
			['up', '1b5b41'],
			['down', '1b5b42'],
			['pageup', '1b5b357e'],
			['pagedown', '1b5b367e'],
			['home', '1b5b48'],
			['end', '1b5b46'],
			['enter', '0d'],
			['escape', '1b'],
			['space', '20'],
			['backspace', '7f'],
			['tab', '09'],
			['ctrl+c', '03'],
			['ctrl+d', '04'],
			['ctrl+u', '15'],
			['G', '47'],
			['/', '2f'],
		];
		for (const [index, [key, hex]] of expected.entries()) {
			terminal.press(key);
			await terminal.waitForText(`key#${index + 1}:${hex}`, {timeout: 2000});
		}
		terminal.type('héllo');
		await terminal.waitForText(`key#${expected.length + 1}:68c3a96c6c6f`);
		expect(() => terminal.press('pgup')).toThrow(/Unknown key name 'pgup'/);
	});

	it('resizes the pseudo-terminal and the screen together', async () => {
		const terminal = start(FULL_SCREEN_PROGRAM, {cols: 60, rows: 10});
		await terminal.waitForText('ready');

		terminal.resize(100, 30);
		await terminal.waitForText('size 100x30');
		expect(terminal.cols).toBe(100);
		expect(terminal.rows).toBe(30);
		expect(terminal.screenText().split('\n')).toHaveLength(30);
	});

	it('sees the program leave the alternate screen, show the cursor and exit', async () => {
		const terminal = start(FULL_SCREEN_PROGRAM);
		await terminal.waitForText('ready');

		terminal.press('q');
		expect(await terminal.waitForExit()).toEqual({exitCode: 0, signal: undefined});
		expect(terminal.isAlternateScreen()).toBe(false);
		expect(terminal.isCursorVisible()).toBe(true);
		expect(terminal.screenText()).toContain('bye');
		expect(terminal.hasExited()).toBe(true);
	});

	it('kills the program with a signal', async () => {
		const terminal = start(FULL_SCREEN_PROGRAM);
		await terminal.waitForText('ready');

		terminal.kill('SIGTERM');
		expect(await terminal.waitForExit()).toMatchObject({signal: 'SIGTERM'});
	});

	it('fails a wait that times out with the screen in the message', async () => {
		const terminal = start(FULL_SCREEN_PROGRAM, {cols: 40, rows: 6});
		await terminal.waitForText('ready');

		const started = Date.now();
		await expect(terminal.waitForText('never shown', {timeout: 300})).rejects.toThrow(
			/never shown: timed out after 300 ms[\s\S]*size 40x6[\s\S]*ready/,
		);
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('fails a wait at once when the program exits without showing the text', async () => {
		const terminal = start('process.stdout.write("only this\\r\\n")');

		const started = Date.now();
		await expect(terminal.waitForText('never shown', {timeout: 10_000})).rejects.toThrow(
			/exited \(code 0\) first[\s\S]*only this/,
		);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('waits on a predicate that is re-checked as time passes', async () => {
		const terminal = start(FULL_SCREEN_PROGRAM);
		await terminal.waitForText('ready');
		const deadline = Date.now() + 150;

		await terminal.waitFor(() => Date.now() >= deadline, {timeout: 2000});
		expect(Date.now()).toBeGreaterThanOrEqual(deadline);
	});

	it('gives the program a clean, predictable environment', async () => {
		const previous = {NO_COLOR: process.env.NO_COLOR, CI: process.env.CI};
		process.env.NO_COLOR = '1';
		process.env.CI = 'true';
		try {
			const names = ['TERM', 'LANG', 'NO_COLOR', 'CI', 'EXTRA', 'XDG_STATE_HOME'];
			const script = `for (const name of ${JSON.stringify(names)}) console.log(name + '=' + (process.env[name] ?? '(unset)'));`;
			const terminal = start(script, {cols: 200, env: {EXTRA: 'given'}});
			await terminal.waitForExit();
			const screen = terminal.screenText();

			expect(screen).toContain('TERM=xterm-256color');
			expect(screen).toContain('LANG=C.UTF-8');
			expect(screen).toContain('NO_COLOR=(unset)');
			expect(screen).toContain('CI=(unset)');
			expect(screen).toContain('EXTRA=given');
			const stateHome = /XDG_STATE_HOME=(.*)/.exec(screen)?.[1] ?? '';
			expect(stateHome).toMatch(/reading-room-state-/);
			expect(existsSync(stateHome)).toBe(true);
			terminal.dispose();
			expect(existsSync(stateHome)).toBe(false);
		} finally {
			for (const [name, value] of Object.entries(previous)) {
				if (value === undefined) delete process.env[name];
				else process.env[name] = value;
			}
		}
	});

	it('measures time to a frame and key-to-frame latency', async () => {
		const terminal = start(FULL_SCREEN_PROGRAM);
		const firstFrame = await terminal.timeToFrame((screen) => screen.includes('ready'));
		expect(firstFrame).toBeGreaterThan(0);
		expect(firstFrame).toBeLessThan(5000);

		const latency = await terminal.keyLatency('x');
		expect(latency).toBeGreaterThan(0);
		expect(latency).toBeLessThan(2000);
		expect(terminal.screenText()).toContain('key#1:78');
	});

	it('kills a program that is still running when disposed', async () => {
		const terminal = start(FULL_SCREEN_PROGRAM);
		await terminal.waitForText('ready');

		terminal.dispose();
		terminal.dispose();
		expect(await terminal.waitForExit()).toMatchObject({signal: 'SIGKILL'});
		expect(() => process.kill(terminal.pid, 0)).toThrow();
	});

	it('finds the built app from its own location', () => {
		expect(cliPath).toBe(join(repositoryRoot, 'dist', 'cli.js'));
		expect(existsSync(join(repositoryRoot, 'package.json'))).toBe(true);
	});
});
