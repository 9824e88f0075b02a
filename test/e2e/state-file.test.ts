/**
 * The state file of remembered places can never hang the app, write into the article folder,
 * or lose places silently.
 */
import {execFileSync} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startApp, type TerminalSession} from './terminal.js';
import {SEEDS_FOLDER} from '../fixtures/seeds.js';
import {hasMkfifo} from '../fixtures/temp-folder.js';

const sessions: TerminalSession[] = [];
const folders: string[] = [];

function tempDir(): string {
	const folder = mkdtempSync(join(tmpdir(), 'reading-room-state-e2e-'));
	folders.push(folder);
	return folder;
}

function open(args: string[], env: Record<string, string>, cwd?: string): TerminalSession {
	const session = startApp(args, {cols: 100, rows: 24, env, ...(cwd ? {cwd} : {})});
	sessions.push(session);
	return session;
}

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

/** Opens the first article, scrolls a page, and goes back: a place to remember. */
async function readAPage(app: TerminalSession): Promise<void> {
	// The status line may hold a notice instead of '5 documents · 1/5': the selected row will do.
	await app.waitFor((screen) => /^▸ .*In his first/m.test(screen), {
		description: 'the first row selected',
	});
	app.press('enter');
	await app.waitForText(/lines? 1(–\d+)? of \d+/);
	app.press('space');
	await app.waitFor((screen) => /lines? ([2-9]|\d\d+)(–\d+)? of \d+/.test(screen));
	app.press('escape');
	await app.waitFor((screen) => /^▸ .*In his first/m.test(screen), {
		description: 'the library again',
	});
}

describe('the place in an article, however the app is ended', () => {
	for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
		it(`is remembered when ${signal} ends the app in the reader`, async () => {
			const stateHome = tempDir();
			const app = open([], {XDG_STATE_HOME: stateHome});
			await app.waitFor((screen) => /^▸ .*In his first/m.test(screen), {
				description: 'the first row selected',
			});
			app.press('enter');
			await app.waitForText(/lines? 1(–\d+)? of \d+/);
			app.press('space');
			await app.waitFor((screen) => /lines? ([2-9]|\d\d+)(–\d+)? of \d+/.test(screen));
			app.kill(signal);
			await app.waitForExit();
			// Opened again, it starts where the signal found it, and says so.
			const again = open([], {XDG_STATE_HOME: stateHome});
			await again.waitFor((screen) => /^▸ .*In his first/m.test(screen), {
				description: 'the first row selected',
			});
			again.press('enter');
			await again.waitForText(/resumed at \d+%/);
		});
	}
});

describe('the state file', () => {
	it.skipIf(!hasMkfifo())(
		'a named pipe in its place: a notice, and q answers within a second',
		async () => {
			const stateHome = tempDir();
			mkdirSync(join(stateHome, 'reading-room'));
			execFileSync('mkfifo', [join(stateHome, 'reading-room', 'positions.json')]);
			const app = open([], {XDG_STATE_HOME: stateHome});
			await app.waitForText('reading places not kept: not a regular file');
			await readAPage(app);
			const sent = performance.now();
			app.press('q');
			expect((await app.waitForExit({timeout: 1000})).exitCode).toBe(0);
			expect(performance.now() - sent).toBeLessThan(1000);
			expect(app.isAlternateScreen()).toBe(false);
		},
	);

	it('a relative XDG_STATE_HOME is ignored: nothing is written into the article folder', async () => {
		const home = tempDir();
		const articles = tempDir();
		cpSync(SEEDS_FOLDER, articles, {recursive: true});
		const before = readdirSync(articles).sort();
		const app = open(['.'], {XDG_STATE_HOME: '.', HOME: home}, articles);
		await readAPage(app);
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
		expect(readdirSync(articles).sort()).toEqual(before);
		expect(readdirSync(join(home, '.local', 'state', 'reading-room'))).toEqual(['positions.json']);
	});

	it('a save that fails is said in the status line, and again on exit', async () => {
		const stateHome = tempDir();
		const stateFolder = join(stateHome, 'reading-room');
		mkdirSync(stateFolder);
		writeFileSync(join(stateFolder, 'positions.json'), 'not JSON');
		const app = open([], {XDG_STATE_HOME: stateHome});
		// The store has read the file (and will keep it aside when it saves)…
		await app.waitForText('ignoring reading places');
		// …and now a file is where its folder should be: the save cannot write there.
		rmSync(stateFolder, {recursive: true});
		writeFileSync(stateFolder, 'not a folder');
		await readAPage(app);
		await app.waitForText('could not save reading places');
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
		expect(app.isAlternateScreen()).toBe(false);
		expect(app.screenText()).toMatch(/reading-room: 1 reading place not saved \(not a folder\): /);
	});

	it.skipIf(!hasMkfifo())(
		'an escape sequence in XDG_STATE_HOME is shown, not acted on',
		async () => {
			const stateHome = join(tempDir(), 'x\u001B]0;TITLE\u0007y');
			mkdirSync(join(stateHome, 'reading-room'), {recursive: true});
			execFileSync('mkfifo', [join(stateHome, 'reading-room', 'positions.json')]);
			const app = open([], {XDG_STATE_HOME: stateHome});
			await app.waitForText('reading places not kept');
			app.resize(300, 24);
			await app.waitForText('x␛]0;TITLE␇y');
			expect(app.rawOutput()).not.toContain('\u001B]0;TITLE');
			expect(app.rawOutput()).not.toContain('\u0007');
			app.press('q');
			expect((await app.waitForExit()).exitCode).toBe(0);
		},
	);
});
