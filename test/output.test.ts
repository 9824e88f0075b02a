/**
 * What the commands write: nothing from arguments, the environment or file names reaches the
 * terminal raw; write errors are one line; --json is always JSON; bad folders are one line.
 */
import {spawn, spawnSync} from 'node:child_process';
import {chmodSync, closeSync, cpSync, mkdtempSync, openSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cliPath, repositoryRoot} from './e2e/terminal.js';
import {SEEDS_FOLDER} from './fixtures/seeds.js';

interface Ran {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

/** Runs the built CLI with stdout and stderr piped, as a script would. */
function run(
	args: readonly string[],
	options: {
		env?: Record<string, string>;
		stdout?: number;
		uid?: number;
		cli?: string;
		cwd?: string;
	} = {},
): Ran {
	const env: Record<string, string | undefined> = {...process.env, ...options.env};
	delete env.FORCE_COLOR;
	const result = spawnSync(process.execPath, [options.cli ?? cliPath, ...args], {
		cwd: options.cwd ?? repositoryRoot,
		env,
		encoding: 'utf8',
		stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
		timeout: 30_000,
		...(options.uid === undefined ? {} : {uid: options.uid, gid: options.uid}),
	});
	return {code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? ''};
}

/** `run`, without waiting: several at once. */
function runAsync(args: readonly string[], env: Record<string, string>): Promise<Ran> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [cliPath, ...args], {
			cwd: repositoryRoot,
			env: {...process.env, FORCE_COLOR: undefined, ...env},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('close', (code) => resolve({code, stdout, stderr}));
	});
}

// An OSC that sets the window title, an 8-bit CSI, a BEL, a right-to-left override.
const EVIL = 'x\u001B]0;TITLE\u0007\u009B2J\u202Ey';
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\u001B\u0007\u009B\u202E]/;

let folder: string;
let stateHome: string;

beforeAll(() => {
	folder = mkdtempSync(join(tmpdir(), 'reading-room-output-'));
	cpSync(SEEDS_FOLDER, folder, {recursive: true});
	// A file whose name holds the same escapes, so every listing of the folder carries them.
	writeFileSync(join(folder, `${EVIL}.txt`), 'A headline\n\nSome words about Iran and Iraq.\n');
	stateHome = mkdtempSync(join(tmpdir(), 'reading-room-output-state-'));
});

afterAll(() => {
	rmSync(folder, {recursive: true, force: true});
	rmSync(stateHome, {recursive: true, force: true});
});

describe('an escape sequence in any argument or in XDG_STATE_HOME', () => {
	// Each command, with EVIL in each position it takes: as a folder, a document, a query, an
	// option and its value, an extra argument, a command.
	const commands = (f: string): string[][] => [
		[EVIL],
		[EVIL, EVIL],
		[`./${EVIL}`],
		[f, EVIL],
		['list', EVIL],
		['list', f],
		['list', f, '--json'],
		['list', f, EVIL],
		['list', '--folder', EVIL],
		['show', EVIL, '--folder', f],
		['show', `${EVIL}.txt`, '--folder', f],
		['show', `${EVIL}.txt`, '--folder', f, '--json'],
		['show', '000', '--folder', EVIL],
		['show', '000', `--${EVIL}`],
		['show', '000', '--width', EVIL],
		['search', EVIL, f],
		['search', 'iran', f],
		['search', 'iran', EVIL],
		['search', 'iran', f, '--limit', EVIL],
		['search', 'iran', f, '--json'],
		['search', EVIL, f, '--json'],
		['search', `iran ${EVIL}`, f, '--json'],
		['diff', EVIL, '001', f],
		['diff', '000', EVIL, f],
		['diff', '000', `${EVIL}.txt`, f],
		['diff', '000', `${EVIL}.txt`, f, '--json'],
		['diff', '000', `${EVIL}.txt`, f, '--print'],
		['diff', '000', '001', EVIL],
		['diff', '000', '001', f, EVIL],
		['versions', EVIL],
		['versions', f],
		['versions', f, '--json'],
		['history', EVIL, f],
		['history', '000', EVIL],
		['history', '000', f, '--json'],
		['history', `${EVIL}.txt`, f, '--json'],
		[`--${EVIL}`],
		[`--${EVIL}=${EVIL}`],
		[`-${EVIL}`],
	];

	it('never reaches stdout or stderr raw', async () => {
		// XDG_STATE_HOME too, for each: a command must not echo it either.
		const env = {XDG_STATE_HOME: `/tmp/${EVIL}`};
		const all = commands(folder);
		// Four at a time: the commands are independent, and one after another took 90 s.
		for (let start = 0; start < all.length; start += 4) {
			const batch = all.slice(start, start + 4);
			const results = await Promise.all(batch.map((args) => runAsync(args, env)));
			for (const [index, {code, stdout, stderr}] of results.entries()) {
				const what = JSON.stringify(batch[index]);
				expect(code, `${what}: ${stderr}`).not.toBeNull();
				expect(stdout, what).not.toMatch(RAW);
				expect(stderr, what).not.toMatch(RAW);
				// Errors are one line, no stack trace.
				expect(stderr.split('\n').filter(Boolean).length, `${what}: ${stderr}`).toBeLessThanOrEqual(
					1,
				);
			}
		}
	}, 120_000);

	it('is shown as placeholders in the one line that names it', () => {
		const {code, stderr} = run([EVIL]);
		expect(code).toBe(2);
		expect(stderr).toBe(
			'reading-room: unknown command or folder: x␛]0;TITLE␇\ufffd2J\ufffdy; see reading-room --help\n',
		);
	});
});

describe('write errors', () => {
	const commands = [
		['list'],
		['show', '000'],
		['show', '000', '--json'],
		['diff', '000', '001', '--json'],
		['diff', '000', '001', '--print'],
		['search', 'iran'],
		['versions'],
	];
	for (const args of commands) {
		it(`${args.join(' ')} >/dev/full: one line on stderr, exit 1`, () => {
			const full = openSync('/dev/full', 'w');
			try {
				const {code, stderr} = run(args, {stdout: full});
				expect(stderr).toBe('reading-room: cannot write the output: no space left on the device\n');
				expect(code).toBe(1);
			} finally {
				closeSync(full);
			}
		});
	}
});

describe('--json is always JSON', () => {
	it('diff of one document with itself', () => {
		const {code, stdout} = run(['diff', '000', '000', '--json']);
		expect(code).toBe(0);
		expect(JSON.parse(stdout)).toMatchObject({identical: true, changes: []});
	});

	it('show --json: id, title, dateline, source, words and the paragraphs', () => {
		const {code, stdout} = run(['show', '001', '--json']);
		expect(code).toBe(0);
		const document = JSON.parse(stdout);
		expect(Object.keys(document)).toEqual([
			'id',
			'title',
			'dateline',
			'source',
			'words',
			'paragraphs',
		]);
		expect(document).toMatchObject({
			id: '001_2da24b835264bdcc.txt',
			title: 'Prospects of Iran-Iraq ties',
			dateline: 'July 20, 2020 - 21:8',
			source: null,
		});
		expect(document.paragraphs[0]).toMatch(/^In his first foreign trip, Iraqi Prime Minister/);
		expect(document.words).toBe(1266);
	});
});

describe('folders that are not there to read', () => {
	for (const args of [
		['--folder', '', 'show', '000'],
		['list', ''],
		[''],
		['search', 'iran', ''],
	]) {
		it(`an empty folder argument is an error: ${JSON.stringify(args)}`, () => {
			const {code, stdout, stderr} = run(args);
			expect(stderr).toBe(
				'reading-room: the folder given is empty: name a folder, or leave it out for the bundled articles\n',
			);
			expect(code).toBe(2);
			expect(stdout).toBe('');
		});
	}

	// Permission is checked by the kernel only for other users than root, and CI runs as root:
	// the command runs as `nobody` then (uid 65534), as a person without access would.
	const uid = process.getuid?.() === 0 ? 65534 : undefined;
	it('an unreadable folder: one line, exit 2, for list and for the library', () => {
		const locked = mkdtempSync(join(tmpdir(), 'reading-room-locked-'));
		writeFileSync(join(locked, 'a.txt'), 'Words.\n');
		chmodSync(locked, 0o000);
		// The checkout may sit where `nobody` cannot go (a private temporary folder, /root): the
		// built app is copied where every user can read it, with a home of its own.
		const open = mkdtempSync(join(tmpdir(), 'reading-room-public-'));
		chmodSync(open, 0o755);
		cpSync(join(repositoryRoot, 'dist'), join(open, 'dist'), {recursive: true});
		cpSync(join(repositoryRoot, 'package.json'), join(open, 'package.json'));
		const asNobody =
			uid === undefined
				? {}
				: {
						uid,
						cli: join(open, 'dist', 'cli.js'),
						cwd: open,
						env: {HOME: open, XDG_CACHE_HOME: open},
					};
		try {
			for (const args of [['list', locked], [locked], ['search', 'words', locked]]) {
				const {code, stdout, stderr} = run(args, asNobody);
				expect(stderr).toBe(`reading-room: cannot read the folder ${locked}: permission denied\n`);
				expect(code).toBe(2);
				expect(stdout).toBe('');
			}
		} finally {
			chmodSync(locked, 0o700);
			rmSync(locked, {recursive: true, force: true});
			rmSync(open, {recursive: true, force: true});
		}
	});
});
