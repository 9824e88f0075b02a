/**
 * The app started from an interactive bash, as a person starts it, for the pty tests of job
 * control: bash puts it in a process group of its own and takes the terminal back when it
 * stops, and `fg` continues it. (Started straight in the pty, the app leads its own session, and
 * the kernel ignores a stop signal sent to such an orphaned group, rightly: nobody could continue
 * it.)
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {afterAll, afterEach} from 'vitest';
import {cliPath, repositoryRoot, startTerminal, type TerminalSession} from './terminal.js';

export const hasBash = (() => {
	try {
		execFileSync('bash', ['-c', 'true']);
		return true;
	} catch {
		return false;
	}
})();

/**
 * Opens the app from a bash in a pty (`environment`, e.g. `PAGER='…' `, put before its command)
 * once the library shows; the shells are disposed of after each test of the file that calls
 * this at its top level.
 */
export function shellsClosedAfterEach(): (
	environment?: string,
) => Promise<{shell: TerminalSession; appPid: () => number}> {
	const inputrc = join(mkdtempSync(join(tmpdir(), 'reading-room-inputrc-')), 'inputrc');
	writeFileSync(inputrc, 'set enable-bracketed-paste off\n');
	afterAll(() => rmSync(dirname(inputrc), {recursive: true, force: true}));
	const sessions: TerminalSession[] = [];
	afterEach(() => {
		for (const session of sessions.splice(0)) session.dispose();
	});
	return async (environment = '') => {
		const shell = startTerminal('bash', ['--norc', '--noprofile', '-i'], {
			cols: 100,
			rows: 24,
			cwd: repositoryRoot,
			// Readline turns bracketed paste on at each prompt (bash 5.1 on): off, so that the mode
			// seen after the app is the app's doing. An empty HISTFILE keeps no history. Not
			// /dev/null: a /dev/null turned into a plain file was found on this machine while
			// shells ran as root with it as their history file (the cause was not pinned down).
			env: {PS1: 'shell$ ', HISTFILE: '', INPUTRC: inputrc},
		});
		sessions.push(shell);
		await shell.waitForText('shell$');
		shell.type(`${environment}'${process.execPath}' '${cliPath}'\r`);
		await shell.waitForText('5 documents');
		const appPid = () => {
			const children = readFileSync(`/proc/${shell.pid}/task/${shell.pid}/children`, 'utf8');
			return Number(children.trim().split(/\s+/)[0]);
		};
		return {shell, appPid};
	};
}

/** Waits for bash's prompt under its "Stopped" line: keys typed before bash has the terminal
 * back may be lost (`fg` came out as `g` once under load). The prompt begins a line, but it need
 * not be the screen's last text: a stop from outside can come while the app is writing a frame
 * (a write to the pty waits while the terminal reads, under load), and bash then writes where
 * the frame's cursor was, over the app's rows, which stay below it. */
export async function promptAfterStop(shell: TerminalSession): Promise<void> {
	await shell.waitFor((screen) => /Stopped[^\n]*\n(?:[^\n]*\n)*shell\$(?: |$)/m.test(screen), {
		description: 'the prompt after the stopped job',
	});
}

/** The exit status the shell saw for the app, once it is back at its prompt. */
export async function shellSawExit(shell: TerminalSession): Promise<number> {
	await shell.waitFor(
		(screen, terminal) =>
			!terminal.isAlternateScreen() && screen.trimEnd().split('\n').at(-1) === 'shell$',
		{description: 'the prompt after the app'},
	);
	shell.type('echo "exit=$?"\r');
	await shell.waitForText(/exit=\d+/);
	return Number(/exit=(\d+)/.exec(shell.screenText())![1]);
}
