/**
 * Found by the exploratory tester: Ctrl+Z and Ctrl+C typed inside the program `o` (or `e`)
 * hands the terminal to. The terminal sends those signals to the whole foreground job: the
 * pager or editor, the shell that runs it and the app, which is blocked in spawnSync and whose
 * handlers cannot run until the program ends. Before the fix (ui/terminal.ts lendTerminal):
 *
 * - Ctrl+Z in less (or in vim, which stops its whole process group): the pager and its shell
 *   stopped, the app did not, so bash never saw the job stop and nothing ran: a blank screen
 *   that no key (q, Ctrl+C, Ctrl+\, Ctrl+Z) got out of. Only a kill from another terminal.
 * - Ctrl+C in less (it interrupts a search or F, less goes on): once less was left, the app
 *   quit with 130 instead of coming back to the library. git ignores SIGINT and SIGQUIT while
 *   the editor it started runs, as system(3) does.
 *
 * The fake pager below reads a line in cooked mode, so the keys pressed
 * in the pty are turned into signals by the terminal, exactly as with less.
 */
import {chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {hasBash, promptAfterStop, shellSawExit, shellsClosedAfterEach} from './shell-session.js';

const scratch = mkdtempSync(join(tmpdir(), 'reading-room-hand-off-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

/** A pager that, like less, leaves ISIG on: Ctrl+C and Ctrl+Z reach the foreground job. It
 * survives Ctrl+C (less does) and ends on a line that says "done". */
const pager = join(scratch, 'pager');
writeFileSync(
	pager,
	[
		'#!/bin/sh',
		"trap 'echo pager-interrupted' INT",
		"trap 'echo pager-continued' CONT",
		'echo pager-open',
		'while :; do',
		'  read answer',
		'  [ "$answer" = done ] && exit 0',
		'done',
		'',
	].join('\n'),
);
chmodSync(pager, 0o755);

const openFromShell = shellsClosedAfterEach();

describe.skipIf(!hasBash)('signals typed in the pager that o hands the terminal to', () => {
	it('Ctrl+Z stops the whole job, so the shell takes over; fg goes back to the pager, then the library', async () => {
		const {shell} = await openFromShell(`PAGER='${pager}' `);
		shell.press('o');
		await shell.waitForText('pager-open');
		shell.press('ctrl+z');
		// Before the fix the app, blocked in spawnSync, did not stop with the pager, and bash
		// waited for a job that never stopped: this timed out.
		await shell.waitFor((screen) => /Stopped/.test(screen), {
			description: 'bash reporting the stopped job',
		});
		await promptAfterStop(shell);
		shell.type('fg\r');
		// Once in a fresh clone's CI bash lost the first key typed at this prompt ("fg" came as
		// "g": command not found). What is tested is the job stopping and going on when told to,
		// so the command is typed again then; the app still has to continue the pager.
		await shell.waitFor(
			(screen) =>
				screen.includes('pager-continued') ||
				(screen.includes('command not found') && screen.trimEnd().split('\n').at(-1) === 'shell$'),
			{description: 'fg taken by bash'},
		);
		if (!shell.screenText().includes('pager-continued')) shell.type('fg\r');
		// bash flushes what was typed ahead when it gives the terminal back to the job.
		await shell.waitForText('pager-continued');
		shell.type('done\r');
		await shell.waitFor(
			(screen, terminal) => terminal.isAlternateScreen() && screen.includes('5 documents'),
			{description: 'the library again after the pager'},
		);
		shell.press('j');
		await shell.waitForText('2/5');
		shell.press('q');
		expect(await shellSawExit(shell)).toBe(0);
	});

	it('Ctrl+C that the pager survives does not end the app once the pager is left', async () => {
		const {shell, appPid} = await openFromShell(`PAGER='${pager}' `);
		const pid = appPid();
		shell.press('o');
		await shell.waitForText('pager-open');
		shell.press('ctrl+c');
		await shell.waitForText('pager-interrupted');
		shell.type('done\r');
		// Before the fix the app's SIGINT handler ran once spawnSync returned: it exited 130.
		await shell.waitFor(
			(screen, terminal) => terminal.isAlternateScreen() && screen.includes('5 documents'),
			{description: 'the library again after the pager'},
		);
		// Still the app's: j moves its cursor (before the fix the app had gone and bash got the j).
		shell.press('j');
		await shell.waitForText('2/5');
		expect(readFileSync(`/proc/${pid}/stat`, 'utf8')).toContain('reading-room');
		shell.press('q');
		expect(await shellSawExit(shell)).toBe(0);
	});
});
