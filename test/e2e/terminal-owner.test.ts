/**
 * The terminal always comes back: however the app is left (q, a signal at any moment from
 * start-up on, a stop and a continue), the pseudo-terminal ends on the normal screen with the
 * cursor shown and the mouse-wheel mode off, and the exit code is the conventional one.
 */
import {existsSync, readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {startApp, type TerminalSession} from './terminal.js';
import {hasBash, promptAfterStop, shellSawExit, shellsClosedAfterEach} from './shell-session.js';

const sessions: TerminalSession[] = [];

function open(env?: Record<string, string>): TerminalSession {
	const session = startApp([], {cols: 100, rows: 24, ...(env ? {env} : {})});
	sessions.push(session);
	return session;
}

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
});

const ENTER_ALTERNATE = '\x1b[?1049h';
const WHEEL_ON = '\x1b[?1007h';
const WHEEL_OFF = '\x1b[?1007l';

/** What a person finds after the app is gone: their own screen, a cursor, a wheel that scrolls
 * the terminal's history again, pastes that are not marked as such. */
function expectRestored(app: TerminalSession, when: string): void {
	expect(app.isAlternateScreen(), when).toBe(false);
	expect(app.isCursorVisible(), when).toBe(true);
	expect(app.isBracketedPaste(), when).toBe(false);
	const output = app.rawOutput();
	expect(output.lastIndexOf(WHEEL_OFF), when).toBeGreaterThanOrEqual(output.lastIndexOf(WHEEL_ON));
}

/** The process state letter from /proc: 'T' while stopped. */
function processState(pid: number): string {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

/** How often the process has been switched out, from /proc: it changes whenever it runs. */
function contextSwitches(pid: number): string {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return [...status.matchAll(/ctxt_switches:\s*(\d+)/g)].map((match) => match[1]).join(' ');
}

const SIGNALS = [
	['SIGINT', 130],
	['SIGQUIT', 131],
	['SIGTERM', 143],
	['SIGHUP', 129],
] as const;

describe('leaving', () => {
	it('q exits 0 and gives the terminal back', async () => {
		const app = open();
		await app.waitForText('5 documents');
		expect(app.isCursorVisible()).toBe(false);
		expect(app.isBracketedPaste()).toBe(true);
		expect(app.rawOutput()).toContain(WHEEL_ON);
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
		expectRestored(app, 'after q');
	});

	it('Ctrl+C gives the terminal back', async () => {
		const app = open();
		await app.waitForText('5 documents');
		app.press('ctrl+c');
		await app.waitForExit();
		expectRestored(app, 'after Ctrl+C');
	});

	it('a terminal closed under it (hung up, then SIGHUP) ends it with 129, not a crash', async () => {
		const app = open();
		await app.waitForText('5 documents');
		// The modes cannot be put back on a terminal that is gone: Node 20's own reset at exit
		// failed its check on that (EIO) and aborted, or crashed in the abort (SIGSEGV).
		app.hangUp();
		expect(await app.waitForExit()).toEqual({exitCode: 129, signal: undefined});
	});

	for (const [signal, code] of SIGNALS) {
		it(`${signal} once the library is up exits ${code} and gives the terminal back`, async () => {
			const app = open();
			await app.waitForText('5 documents');
			app.kill(signal);
			expect(await app.waitForExit()).toEqual({exitCode: code, signal: undefined});
			expectRestored(app, signal);
		});
	}
});

describe('a signal at any moment of start-up', () => {
	// The terminal is handed from the first paint to Ink while modules load; a signal in any gap
	// once left the terminal raw on the alternate screen or exited 0. Kill at a spread of moments
	// from 30 ms after spawn (densest around when the terminal is taken, 60–120 ms on a loaded
	// machine), every signal at every moment, four apps at a time to load the machine as CI is.
	const delays = [30, 40, 50, 60, 70, 80, 90, 100, 120, 150, 200, 260, 350];
	it('exits with the signal’s code and leaves the terminal as it was found', async () => {
		const runs = delays.flatMap((delay) =>
			SIGNALS.map(([signal, code]) => ({delay, signal, code})),
		);
		for (let start = 0; start < runs.length; start += 4) {
			await Promise.all(
				runs.slice(start, start + 4).map(async ({delay, signal, code}) => {
					const app = open();
					await app
						.waitFor(() => performance.now() - app.spawnedAt >= delay, {timeout: 2000})
						.catch(() => {});
					app.kill(signal);
					const status = await app.waitForExit({timeout: 5000});
					const when = `${signal} ${delay} ms after spawn`;
					// Before Node has started listening, the signal's default action ends the process:
					// the shell then reports the same 128 + n, and the terminal was never touched.
					if (status.signal === signal)
						expect(app.rawOutput(), when).not.toContain(ENTER_ALTERNATE);
					else expect(status.exitCode, when).toBe(code);
					expectRestored(app, when);
				}),
			);
		}
	}, 120_000);
});

const openFromShell = shellsClosedAfterEach();

describe.skipIf(!hasBash)('job control', () => {
	it('a terminal resized while the app was stopped is drawn at its new size after fg', async () => {
		const {shell, appPid} = await openFromShell();
		await shell.waitForText('1/5');
		process.kill(appPid(), 'SIGTSTP');
		await shell.waitFor(
			(screen, terminal) => !terminal.isAlternateScreen() && /Stopped/.test(screen),
			{description: 'the stopped job'},
		);
		await promptAfterStop(shell);
		// The shell, not the stopped app, gets this SIGWINCH.
		shell.resize(70, 16);
		shell.type('fg\r');
		// A timer due while the app was stopped may draw a frame at the old size before the
		// new size is read (its 100-column rows wrap on the 70-column screen); the frame at the
		// new size follows, and is what stays.
		await shell.waitFor(
			(screen, terminal) => {
				const lines = screen.split('\n');
				// The title on the first row, the status bar whole on the new last row but one.
				return (
					terminal.isAlternateScreen() &&
					/^Reading Room/.test(lines[0] ?? '') &&
					/^5 documents · 1\/5 +\/ search {2}\? help {2}q quit$/.test(lines[14] ?? '')
				);
			},
			{description: 'the library laid out at 70×16'},
		);
		expect(shell.row(15).trim()).toBe('');
		shell.press('q');
		expect(await shellSawExit(shell)).toBe(0);
	});

	it('SIGTSTP gives the terminal back and stops; fg takes it again, redraws, and keys work', async () => {
		const {shell, appPid} = await openFromShell();
		shell.press('j');
		await shell.waitForText('2/5');
		const pid = appPid();

		process.kill(pid, 'SIGTSTP');
		await shell.waitFor(
			(screen, terminal) =>
				!terminal.isAlternateScreen() && terminal.isCursorVisible() && /Stopped/.test(screen),
			{description: 'the shell reporting the stopped job on the normal screen'},
		);
		expect(processState(pid)).toBe('T');
		expect(shell.isBracketedPaste()).toBe(false);
		// The shell's prompt takes keys again, echoed: the app left the terminal cooked.
		shell.type('echo typed-while-stopped');
		await shell.waitForText('echo typed-while-stopped');
		shell.press('ctrl+u');

		shell.type('fg\r');
		await shell.waitFor(
			(screen, terminal) => terminal.isAlternateScreen() && screen.includes('2/5'),
			{description: 'the library redrawn on the alternate screen'},
		);
		expect(shell.isCursorVisible()).toBe(false);
		expect(shell.isBracketedPaste()).toBe(true);
		shell.press('j');
		await shell.waitForText('3/5');

		// Again: the stop handler is back in place after the first stop. This time from outside
		// and continued from outside, as `kill -TSTP` and `kill -CONT` would.
		process.kill(pid, 'SIGTSTP');
		await shell.waitFor(
			(screen, terminal) => !terminal.isAlternateScreen() && /Stopped/.test(screen),
		);
		await promptAfterStop(shell);
		shell.type('fg\r');
		await shell.waitFor(
			(screen, terminal) => terminal.isAlternateScreen() && screen.includes('3/5'),
		);
		shell.press('q');
		expect(await shellSawExit(shell)).toBe(0);
		expectRestored(shell, 'after two stops, two continues and q');
	});

	it('after a SIGSTOP from outside (no warning), fg takes the screen again: redrawn, keys work', async () => {
		const {shell, appPid} = await openFromShell();
		const pid = appPid();
		process.kill(pid, 'SIGSTOP');
		// The shell takes over on top of the app's screen, with its own terminal modes.
		await shell.waitFor((screen) => /Stopped/.test(screen), {description: 'the stopped job'});
		await promptAfterStop(shell);
		shell.type('fg\r');
		await shell.waitFor(
			(screen, terminal) =>
				terminal.isAlternateScreen() && !/Stopped|shell\$/.test(screen) && screen.includes('1/5'),
			{description: 'the library redrawn over the shell’s lines'},
		);
		// Raw mode again: j moves at once, without Enter and without an echo.
		shell.press('j');
		await shell.waitForText('2/5');
		expect(shell.screenText()).not.toMatch(/^j$/m);
		shell.press('q');
		expect(await shellSawExit(shell)).toBe(0);
		expectRestored(shell, 'after SIGSTOP, fg and q');
	});

	it('a signal while stopped still ends the app with its code', async () => {
		const {shell, appPid} = await openFromShell();
		const pid = appPid();
		process.kill(pid, 'SIGTSTP');
		await shell.waitFor((screen) => /Stopped/.test(screen), {description: 'the stopped job'});
		process.kill(pid, 'SIGTERM');
		await promptAfterStop(shell);
		shell.type('fg\r');
		// The prompt after "Stopped" is already on screen: the echo that asks for the exit status
		// must wait until the app is gone, or the app, continued, may read it.
		await shell.waitFor(() => !existsSync(`/proc/${pid}`), {description: 'the app to end'});
		expect(await shellSawExit(shell)).toBe(143);
		expectRestored(shell, 'SIGTERM while stopped');
	});

	/** `kill %1` typed for the stopped app `pid`: it ends, the shell says "Terminated" (128 + 15,
	 * as `fg` would have said), and the terminal is as the shell had it. */
	async function killedByJob(shell: TerminalSession, pid: number, how: string): Promise<void> {
		shell.type('kill %1\r');
		await shell.waitFor(() => !existsSync(`/proc/${pid}`), {
			description: 'the app to end',
			timeout: 10_000,
		});
		shell.type('jobs\r');
		await shell.waitForText(/Terminated/);
		expectRestored(shell, how);
	}

	it('Ctrl+Z then `kill %1` ends the app, which stays in the background', async () => {
		const {shell, appPid} = await openFromShell();
		const pid = appPid();
		shell.press('ctrl+z');
		await promptAfterStop(shell);
		// bash sends SIGTERM and then SIGCONT to a stopped job. The app, continued in the
		// background, must not take the terminal again (SIGTTOU stopped it again, for good:
		// "Stopped" and a process left behind): it ends with SIGTERM's code.
		await killedByJob(shell, pid, 'Ctrl+Z, then kill %1');
	});

	it('SIGSTOP from outside, then `kill %1`, ends the app and leaves its screen', async () => {
		const {shell, appPid} = await openFromShell();
		const pid = appPid();
		process.kill(pid, 'SIGSTOP');
		// Stopped without warning, maybe in the middle of a frame: the prompt may be followed by
		// what is left of it, on the same row and below.
		await shell.waitFor((screen) => /Stopped[^\n]*\n[\s\S]*shell\$/.test(screen), {
			description: 'the prompt after the stopped job',
		});
		// It had no warning to leave the alternate screen before it stopped: it does as it ends.
		await killedByJob(shell, pid, 'SIGSTOP, then kill %1');
	});

	it('Ctrl+Z then `bg` stops again at the terminal, and `fg` brings the screen back', async () => {
		const {shell, appPid} = await openFromShell();
		const pid = appPid();
		// j and Ctrl+Z written together: the app stops before the frame for j is drawn, and
		// draws it once it runs again.
		shell.type('j\x1a');
		await promptAfterStop(shell);
		const switchesBefore = contextSwitches(pid);
		shell.type('bg\r');
		// In the background it must not draw or take the terminal's modes: it stops, as the
		// kernel stops a background job that sets them (stopped, after having run again).
		await shell.waitFor(
			() => processState(pid) === 'T' && contextSwitches(pid) !== switchesBefore,
			{description: 'the app stopped again after bg'},
		);
		// bash learns of the stop when it reaps the app's new state, which can come after the
		// kernel's (a CI run's `jobs` once said Running): asked again until it says Stopped.
		for (let asked = 1; ; asked++) {
			shell.type('jobs\r');
			try {
				await shell.waitForText(/shell\$ jobs\n.*Stopped/, {timeout: 1000});
				break;
			} catch (error) {
				if (asked === 10) throw error;
			}
		}
		expect(shell.screenText()).not.toMatch(/Reading Room|documents/);
		expect(shell.isAlternateScreen()).toBe(false);
		shell.type('fg\r');
		await shell.waitFor(
			(screen, terminal) => terminal.isAlternateScreen() && screen.includes('2/5'),
			{description: 'the library redrawn after fg'},
		);
		shell.press('j');
		await shell.waitForText('3/5');
		shell.press('q');
		expect(await shellSawExit(shell)).toBe(0);
		expectRestored(shell, 'Ctrl+Z, bg, fg and q');
	});
});

describe('TERM=dumb', () => {
	it('gets no screen control: one line, then the plain list', async () => {
		const app = open({TERM: 'dumb'});
		const status = await app.waitForExit();
		expect(status.exitCode).toBe(0);
		expect(app.rawOutput()).not.toContain('\x1b');
		const lines = app.screenText().split('\n').filter(Boolean);
		expect(lines[0]).toMatch(/^reading-room: .*TERM=dumb/);
		expect(lines.slice(1, 6).map((line) => line.slice(0, 3))).toEqual([
			'000',
			'001',
			'002',
			'003',
			'004',
		]);
	});
});
