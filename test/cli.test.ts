import {describe, expect, it} from 'vitest';
import {spawnSync} from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdtempSync,
	writeFileSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	rmSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {cliPath, repositoryRoot} from './e2e/terminal.js';
import {paragraphs} from './fixtures/prose.js';
import {runCli} from './fixtures/run-cli.js';

const run = runCli;

const seeds = join(repositoryRoot, 'seeds');

describe('list', () => {
	it('prints the library when stdout is not a terminal, so `reading-room | head` works', () => {
		const {code, stdout} = run([]);
		expect(code).toBe(0);
		const lines = stdout.trimEnd().split('\n');
		expect(lines).toHaveLength(5);
		expect(lines[1]).toMatch(
			/^001_2da24b835264bdcc\.txt\s+1,\d{3} w\s+\d+ min\s+Prospects of Iran-Iraq ties$/,
		);
	});

	it('never cuts a title when piped, unless --width is given', () => {
		const {stdout} = run(['list']);
		const baghdad = stdout.split('\n').filter((line) => /baghdad/i.test(line));
		expect(baghdad).toEqual([
			'004_84368847e5c1b126.txt     453 w   2 min  Iranian Foreign Minister Javad Zarif is on a visit to Iraq to pressure Baghdad…',
		]);
		const cut = run(['list', '--width', '60']).stdout.trimEnd().split('\n');
		for (const line of cut) expect(line.length).toBeLessThanOrEqual(60);
		const found = run(['search', 'zarif']).stdout.split('\n')[0]!;
		expect(found).toContain(
			'Iranian Foreign Minister Javad Zarif is on a visit to Iraq to pressure Baghdad… (004_84368847e5c1b126.txt) — ',
		);
		expect(run(['versions']).stdout).toContain(
			'In his first foreign trip, Iraqi Prime Minister Mustafa al-Kadhimi is expected…',
		);
	});

	it('colours with --color=always or --colour=always, not with never; bad values are errors', () => {
		const coloured = new RegExp(String.fromCharCode(27) + '\\[');
		expect(run(['search', 'zarif', '--color=always']).stdout).toMatch(coloured);
		expect(run(['search', 'zarif', '--colour=always']).stdout).toMatch(coloured);
		expect(run(['search', 'zarif', '--color=auto']).stdout).not.toMatch(coloured);
		const never = run(['search', 'zarif', '--color=never'], {env: {FORCE_COLOR: '1'}});
		expect(never.stdout).not.toMatch(coloured);
		expect(run(['search', 'zarif', '--no-color']).stdout).not.toMatch(coloured);
		const bad = run(['list', '--color=sometimes']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toBe(
			'reading-room: --color takes always, never or auto (e.g. --color=never)\n',
		);
	});

	it('--json gives the documented shape with real titles and counts', () => {
		const {code, stdout} = run(['list', '--json']);
		expect(code).toBe(0);
		const data = JSON.parse(stdout) as {
			folder: string;
			documents: {
				id: string;
				title: string;
				words: number;
				paragraphs: number;
				readingMinutes: number;
				dateline: string | null;
				source: string | null;
			}[];
			skipped: unknown[];
		};
		expect(data.folder).toBe(seeds);
		expect(data.documents.map((document) => document.id)).toEqual([
			'000_fcf7af4745e890eb.txt',
			'001_2da24b835264bdcc.txt',
			'002_f2f61d732b4d2628.txt',
			'003_9ce0b3694a9a8d18.txt',
			'004_84368847e5c1b126.txt',
		]);
		const second = data.documents[1]!;
		expect(second).toMatchObject({
			title: 'Prospects of Iran-Iraq ties',
			dateline: 'July 20, 2020 - 21:8',
		});
		expect(Object.keys(second).sort()).toEqual([
			'dateline',
			'id',
			'paragraphs',
			'progress',
			'readingMinutes',
			'source',
			'title',
			'words',
		]);
		expect(data.skipped).toEqual([]);
	});

	it('reports binary files as skipped, in the JSON and on stderr, and keeps going', () => {
		const folder = mkdtempSync(join(tmpdir(), 'rr-list-'));
		writeFileSync(join(folder, 'article.txt'), 'A headline\n\nSome words here.\n');
		writeFileSync(
			join(folder, 'picture.txt'),
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]),
		);
		writeFileSync(join(folder, 'empty.txt'), '   \n');
		const json = JSON.parse(run(['list', folder, '--json']).stdout) as {
			documents: {id: string; words: number}[];
			skipped: {id: string; reason: string}[];
		};
		expect(json.skipped).toEqual([{id: 'picture.txt', reason: 'binary'}]);
		expect(json.documents.map((document) => [document.id, document.words])).toEqual([
			['article.txt', 5],
			['empty.txt', 0],
		]);
		const plain = run(['list', folder]);
		expect(plain.code).toBe(0);
		expect(plain.stderr).toBe('1 file skipped (binary)\n');
	});

	it('never lets control sequences from file names or text reach stdout', () => {
		const folder = mkdtempSync(join(tmpdir(), 'rr-evil-'));
		writeFileSync(
			join(folder, 'evil\u001b[2J.txt'),
			'\u001b]0;pwned\u0007Title \u001b[31mred\n\nBody \u001b]52;c;aGVsbG8=\u0007 text\n',
		);
		for (const args of [
			['list', folder],
			['list', folder, '--json'],
			['show', 'evil', '--folder', folder],
		]) {
			const {stdout, code} = run(args);
			expect(code).toBe(0);
			// Any control character but the newline and tab that plain output uses.
			expect(stdout.replace(/[\n\t]/g, '')).not.toMatch(/\p{Cc}/u);
			expect(stdout).toContain('␛');
		}
	});
});

describe('show', () => {
	it('reflows an article to the width with blank lines between paragraphs', () => {
		const {code, stdout} = run(['show', '003', '--width', '50']);
		expect(code).toBe(0);
		const lines = stdout.split('\n');
		expect(lines[0]).toBe('Kadhimi in Iran: Feverish pursuit to restore lost');
		expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(50);
		expect(stdout).toContain('\n\n');
		expect(stdout).not.toContain('\n\n\n');
	});

	it('prints an article without a headline from its first words, not a title made of them', () => {
		const lines = run(['show', '004', '--width', '80']).stdout.split('\n');
		expect(lines.slice(0, 3)).toEqual([
			'Iranian Foreign Minister Javad Zarif is on a visit to Iraq to pressure Baghdad',
			'into keeping its strategic alliance with Iran amid US-Iran tensions.',
			'',
		]);
	});

	it('finds a document by path, file name or unique prefix', () => {
		const byPrefix = run(['show', '001', '--width', '80']).stdout;
		expect(run(['show', '001_2da24b835264bdcc.txt', '--width', '80']).stdout).toBe(byPrefix);
		expect(run(['show', join(seeds, '001_2da24b835264bdcc.txt'), '--width', '80']).stdout).toBe(
			byPrefix,
		);
	});

	it('names the candidates of an ambiguous reference in one line and exits 2', () => {
		const {code, stderr, stdout} = run(['show', '00']);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(stderr).toContain('000_fcf7af4745e890eb.txt');
	});

	it('says an unknown document is unknown, exit 2', () => {
		const {code, stderr} = run(['show', 'zzz']);
		expect(code).toBe(2);
		expect(stderr).toMatch(/^reading-room: .*zzz/);
	});

	it('suggests the closest title or file name for a reference that matches nothing', () => {
		expect(run(['show', 'kadimi'])).toEqual({
			code: 2,
			stdout: '',
			stderr:
				'reading-room: no document "kadimi"; did you mean 003 “Kadhimi in Iran: Feverish…”?\n',
		});
		expect(run(['diff', '000', 'prospekts']).stderr).toBe(
			'reading-room: no document "prospekts"; did you mean 001 “Prospects of Iran-Iraq…”?\n',
		);
	});
});

describe('errors are one line, exit 2, no stack trace', () => {
	const cases: [string, string[], RegExp][] = [
		['an unknown flag', ['--bogus'], /unknown option --bogus/],
		['an unknown command', ['frobnicate'], /unknown command or folder: frobnicate/],
		['a missing folder', ['list', '/no/such/folder'], /no such folder/],
		['a file given as folder', ['list', join(seeds, '000_fcf7af4745e890eb.txt')], /not a folder/],
		['a bad width', ['show', '001', '--width', '-3'], /--width/],
		['show without a document', ['show'], /show needs a document/],
		['search without a query', ['search'], /search needs a query of words/],
		['search for nothing', ['search', ''], /search needs a query of words/],
		['search for spaces and punctuation', ['search', '  — !'], /search needs a query of words/],
		['too many arguments', ['list', 'a', 'b'], /too many arguments/],
	];
	for (const [name, args, message] of cases) {
		it(name, () => {
			const {code, stderr} = run(args);
			expect(code).toBe(2);
			expect(stderr).toMatch(message);
			expect(stderr.trimEnd().split('\n')).toHaveLength(1);
			expect(stderr).not.toMatch(/\bat .+:\d+:\d+/);
		});
	}
});

describe('the cache', () => {
	it('is not kept for the bundled articles, by the commands as by the app; other folders have one', () => {
		const cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-cli-cache-'));
		const env = {XDG_CACHE_HOME: cacheHome};
		for (const args of [['list'], ['search', 'kadimi'], ['versions'], ['history', '000']]) {
			expect(run(args, {env}).code, args.join(' ')).toBeLessThan(2);
		}
		// Only the commands' compiled code (source/code-cache.ts), which is not the folder's.
		const kept = join(cacheHome, 'reading-room');
		expect(
			existsSync(kept) ? readdirSync(kept).filter((name) => !name.startsWith('code-cache-')) : [],
		).toEqual([]);
		const copy = mkdtempSync(join(tmpdir(), 'reading-room-cli-copy-'));
		cpSync(seeds, copy, {recursive: true});
		expect(run(['list', copy], {env}).code).toBe(0);
		expect(
			readdirSync(join(cacheHome, 'reading-room')).some((name) => name.endsWith('.sqlite')),
		).toBe(true);
		rmSync(cacheHome, {recursive: true, force: true});
		rmSync(copy, {recursive: true, force: true});
	});
});

describe('--width below 20', () => {
	it('wraps diff --print at 20 columns, as show does, never inside a word', () => {
		const narrow = run(['diff', '000', '001', '--print', '--width', '5']);
		expect(narrow.stdout.split('\n').slice(0, 5)).toEqual([
			'── paragraphs 1–3 ──',
			'{+Prospects of',
			'Iran-Iraq ties+}',
			'',
			'{+July 20, 2020 -',
		]);
		expect(narrow.stdout).toBe(run(['diff', '000', '001', '--print', '--width', '20']).stdout);
		expect(run(['show', '001', '--width', '5']).stdout).toBe(
			run(['show', '001', '--width', '20']).stdout,
		);
	});

	it('says so in one line, and prints as at 20', () => {
		const narrow = run(['show', '001', '--width', '5']);
		expect(narrow.code).toBe(0);
		expect(narrow.stderr).toBe(
			'reading-room: --width 5 is below 20, the narrowest text is printed at; 20 used\n',
		);
		expect(run(['list', '--width', '19']).stderr).toBe(
			'reading-room: --width 19 is below 20, the narrowest text is printed at; 20 used\n',
		);
		expect(run(['show', '001', '--width', '20']).stderr).toBe('');
	});
});

describe('options a command does not use', () => {
	it('are said to be ignored, one line each, with the output and exit code as without them', () => {
		const plain = run(['list']);
		const limited = run(['list', '--limit', '3']);
		expect(limited).toEqual({
			code: 0,
			stdout: plain.stdout,
			stderr: 'reading-room: list does not use --limit (ignored)\n',
		});
		const search = run(['search', 'zarif', '--sort', 'date', '--print', '-n', '1']);
		expect(search.code).toBe(0);
		expect(search.stderr).toBe(
			'reading-room: search does not use --sort (ignored)\n' +
				'reading-room: search does not use --print (ignored)\n',
		);
		expect(search.stdout).toBe(run(['search', 'zarif', '-n', '1']).stdout);
		expect(run(['versions', '--layout', '--ignore-boilerplate', '--context', '2']).stderr).toBe(
			'reading-room: versions does not use --layout (ignored)\n' +
				'reading-room: versions does not use --ignore-boilerplate (ignored)\n' +
				'reading-room: versions does not use --context (ignored)\n',
		);
		// Piped, the library is the list: what the list uses is used.
		expect(run(['--limit', '2', '--sort', 'title', '--json'])).toMatchObject({
			code: 0,
			stderr: 'reading-room: list does not use --limit (ignored)\n',
		});
	});

	it('are not said when used, or turned off (--no-json is what a command does anyway)', () => {
		for (const [args, code] of [
			[['list', '--json', '--sort', 'title', '--width', '60'], 0],
			[['search', 'zarif', '--limit', '2', '--json', '--width', '60'], 0],
			// 1: the texts differ.
			[
				['diff', '000', '001', '--print', '--layout', '--ignore-boilerplate', '--context', 'all'],
				1,
			],
			[['history', '001', '--json', '--width', '60'], 0],
			[['show', '001', '--no-json', '--no-print', '--no-layout'], 0],
		] as const) {
			const result = run([...args]);
			expect(result.code, args.join(' ')).toBe(code);
			expect(result.stderr, args.join(' ')).toBe('');
		}
	});
});

describe('--json errors', () => {
	it('are also one JSON object on stdout, so a script reading it gets the reason', () => {
		const missing = run(['list', '/no/such/folder', '--json']);
		expect(missing.code).toBe(2);
		expect(JSON.parse(missing.stdout)).toEqual({error: 'no such folder: /no/such/folder'});
		expect(missing.stderr).toBe('reading-room: no such folder: /no/such/folder\n');
		const unknown = run(['diff', '000', 'prospekts', '--json']);
		expect(unknown.code).toBe(2);
		expect(JSON.parse(unknown.stdout)).toEqual({
			error: 'no document "prospekts"; did you mean 001 “Prospects of Iran-Iraq…”?',
		});
		// Without --json, stdout stays empty.
		expect(run(['list', '/no/such/folder']).stdout).toBe('');
	});
});

describe('help and version', () => {
	it('--help shows usage with examples', () => {
		const {code, stdout} = run(['--help']);
		expect(code).toBe(0);
		expect(stdout).toContain('Usage');
		expect(stdout).toContain('Examples');
	});

	it('--help, -h and help all print the help once, even after a command', () => {
		const expected = run(['--help']).stdout;
		for (const args of [['-h'], ['help'], ['list', '--help'], ['search', 'x', '-h']]) {
			const {code, stdout, stderr} = run(args);
			expect([code, stderr], args.join(' ')).toEqual([0, '']);
			expect(stdout).toBe(expected);
			expect(stdout.split('Usage').length, args.join(' ')).toBe(2);
		}
	});

	it('--version prints the package version', () => {
		const version = (
			JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {version: string}
		).version;
		expect(run(['--version']).stdout.trim()).toBe(version);
	});

	it('works from any directory and still finds the bundled seeds', () => {
		const elsewhere = mkdtempSync(join(tmpdir(), 'rr-cwd-'));
		mkdirSync(join(elsewhere, 'sub'));
		const {code, stdout} = run(['list'], {cwd: join(elsewhere, 'sub')});
		expect(code).toBe(0);
		expect(stdout.trimEnd().split('\n')).toHaveLength(5);
	});
});

describe('output read only in part (`| head`)', () => {
	it('exits as the command would have: 1 for texts that differ, 0 for a list', () => {
		const folder = mkdtempSync(join(tmpdir(), 'reading-room-head-'));
		try {
			// Far more output than a pipe holds, so the pipe closes while it is written.
			const text = paragraphs(2_000).join('\n\n');
			writeFileSync(join(folder, 'a.txt'), text);
			writeFileSync(join(folder, 'b.txt'), text.replace(/\bthe\b/, 'a'));
			const piped = (command: string) =>
				spawnSync('bash', ['-c', `${command} | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`], {
					cwd: folder,
					encoding: 'utf8',
					env: {...process.env, FORCE_COLOR: undefined},
				}).stdout.trim();
			const cli = `'${process.execPath}' '${cliPath}'`;
			expect(piped(`${cli} diff a.txt b.txt --print --context all --no-cache`)).toBe('1');
			expect(piped(`${cli} diff a.txt a.txt --print --context all --no-cache`)).toBe('0');
			expect(piped(`${cli} show a.txt --no-cache`)).toBe('0');
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});
});
