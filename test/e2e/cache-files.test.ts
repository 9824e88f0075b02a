/**
 * The cache's database is closed on every way out, so SQLite folds its write-ahead log back in
 * and removes the -wal and -shm files, which stayed after a clean exit. Two instances on one
 * folder keep working while the other comes and goes, and the last one out removes them.
 */
import {execFileSync} from 'node:child_process';
import {cpSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {TWO_SIZES as SIZES, libraryIndexed, statusBar as status, type Size} from './app-session.js';
import {
	cliPath,
	repositoryRoot,
	startApp,
	startTerminal,
	type TerminalSession,
} from './terminal.js';

const sessions: TerminalSession[] = [];
let cacheHome: string;
let folder: string;

// A copy of the seeds: the bundled articles are never cached.
beforeEach(() => {
	cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-cache-files-'));
	folder = mkdtempSync(join(tmpdir(), 'reading-room-cache-folder-'));
	cpSync(join(repositoryRoot, 'seeds'), folder, {recursive: true});
});

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
	rmSync(cacheHome, {recursive: true, force: true});
	rmSync(folder, {recursive: true, force: true});
});

// Its own sessions, not appsClosedAfterEach's: each app must be gone before its folders are.
async function launched(size: Size): Promise<TerminalSession> {
	const app = startApp([folder], {...size, env: {XDG_CACHE_HOME: cacheHome}});
	sessions.push(app);
	await libraryIndexed(app, '5 documents');
	return app;
}

/** The files in the cache folder, by kind: the database, and its -wal and -shm. */
function cacheFiles(): {databases: number; logs: string[]} {
	const names = readdirSync(join(cacheHome, 'reading-room'));
	return {
		databases: names.filter((name) => name.endsWith('.sqlite')).length,
		logs: names.filter((name) => /-(wal|shm)$/.test(name)),
	};
}

describe.each(SIZES)('the cache files at $cols×$rows', (size) => {
	it('q, typed after a search and a reader, one key at a time, leaves no -wal or -shm', async () => {
		const app = await launched(size);
		expect(cacheFiles().logs.length).toBeGreaterThan(0);
		app.type('/iran');
		await app.waitFor(() => /match “iran”/.test(status(app)));
		app.press('enter');
		await app.waitFor(() => /^lines? \d+/.test(status(app)), {description: 'the reader'});
		app.press('q');
		await app.waitFor(() => status(app).includes('match “iran”'));
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
		expect(cacheFiles()).toEqual({databases: 1, logs: []});
	}, 40_000);

	it('keys written together, Ctrl+C, and SIGTERM leave none either', async () => {
		const typed = await launched(size);
		typed.type('/iran\rqq');
		expect((await typed.waitForExit()).exitCode).toBe(0);
		expect(cacheFiles()).toEqual({databases: 1, logs: []});

		const interrupted = await launched(size);
		interrupted.press('j', 'ctrl+c');
		expect((await interrupted.waitForExit()).exitCode).toBe(130);
		expect(cacheFiles()).toEqual({databases: 1, logs: []});

		const terminated = await launched(size);
		terminated.kill('SIGTERM');
		expect((await terminated.waitForExit()).exitCode).toBe(143);
		expect(cacheFiles()).toEqual({databases: 1, logs: []});
	}, 60_000);
});

describe('two instances on one folder', () => {
	it('each goes on while the other quits, and the last one out removes the -wal and -shm', async () => {
		const first = await launched(SIZES[0]);
		const second = await launched(SIZES[1]);
		first.press('q');
		expect((await first.waitForExit()).exitCode).toBe(0);
		// The second still has the database open: its log stays, and it still searches.
		expect(cacheFiles().logs.length).toBeGreaterThan(0);
		second.type('/zarif');
		await second.waitFor(() => /^\d+ of 5 match “zarif”/.test(status(second)));
		second.press('escape', 'q');
		expect((await second.waitForExit()).exitCode).toBe(0);
		expect(cacheFiles()).toEqual({databases: 1, logs: []});
	}, 60_000);
});

describe('a FIFO where the kept search index would be', () => {
	it('is passed over: the library is indexed, and q and SIGTERM end the app', async () => {
		const first = await launched(SIZES[0]);
		first.press('q');
		expect((await first.waitForExit()).exitCode).toBe(0);
		const [database] = readdirSync(join(cacheHome, 'reading-room')).filter((name) =>
			name.endsWith('.sqlite'),
		);
		const kept = join(cacheHome, 'reading-room', `${database!}-search`);
		rmSync(kept, {force: true});
		execFileSync('mkfifo', [kept]);

		// Opening it to read had waited for a writer for good: never indexed, never ended.
		const typed = await launched(SIZES[0]);
		typed.press('/', ...'zarif');
		await typed.waitFor(() => /^\d+ of 5 match “zarif”/.test(status(typed)));
		typed.press('escape', 'q');
		expect((await typed.waitForExit()).exitCode).toBe(0);

		rmSync(kept, {force: true});
		execFileSync('mkfifo', [kept]);
		const burst = await launched(SIZES[1]);
		burst.type('/zarif');
		await burst.waitFor(() => /^\d+ of 5 match “zarif”/.test(status(burst)));
		burst.kill('SIGTERM');
		expect((await burst.waitForExit()).exitCode).toBe(143);
	}, 60_000);
});

describe('a screen closed under the app', () => {
	it('its next frame fails (EIO): the app leaves through its way out, 129, the database closed', async () => {
		// The screen is a terminal of its own, the keys come from another: closing the screen's
		// sends the app no SIGHUP, so only its writes learn of it. The app's terminal is made
		// first, its shell told the screen's after: a child inherits the test's open pty
		// masters, and the app holding the screen's would keep it from hanging up.
		const app = startTerminal(
			'/bin/sh',
			[
				'-c',
				'IFS= read -r screen; exec "$0" "$1" "$2" >"$screen"',
				process.execPath,
				cliPath,
				folder,
			],
			{cwd: repositoryRoot, env: {XDG_CACHE_HOME: cacheHome}},
		);
		sessions.push(app);
		const screen = startTerminal('/bin/sh', ['-c', 'tty; exec sleep 600']);
		sessions.push(screen);
		await screen.waitForText(/\/dev\/pts\/\d+/);
		app.type(`${/\/dev\/pts\/\d+/.exec(screen.screenText())![0]}\r`);
		await libraryIndexed(screen, '5 documents');
		expect(cacheFiles().logs.length).toBeGreaterThan(0);
		screen.hangUp();
		await screen.waitForExit();
		app.press('j');
		// It had ended with exit 1 straight from the output's error handler, the database not
		// closed, and Node's own reset of the gone terminal then aborted it (SIGABRT).
		expect(await app.waitForExit()).toEqual({exitCode: 129, signal: undefined});
		expect(cacheFiles()).toEqual({databases: 1, logs: []});
	}, 60_000);
});
