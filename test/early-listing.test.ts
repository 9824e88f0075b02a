import {execFileSync, spawnSync} from 'node:child_process';
import {
	chmodSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	realpathSync,
	renameSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {listedFolderArgument} from '../source/early-listing.js';
import {cliPath} from './e2e/terminal.js';
import {paragraphs} from './fixtures/prose.js';

describe('the folder dist/cli.js lists ahead (early-listing.ts)', () => {
	it('is the folder argument of a plain search or list', () => {
		expect(listedFolderArgument(['search', 'kadimi visit', 'news'])).toBe('news');
		expect(listedFolderArgument(['list', '/srv/news'])).toBe('/srv/news');
		expect(listedFolderArgument(['search', 'zarif', 'news', '--json', '--limit', '5'])).toBe(
			'news',
		);
		expect(listedFolderArgument(['search', '--limit=5', 'zarif', '-n', '3', 'news'])).toBe('news');
		expect(listedFolderArgument(['list', '--sort', 'date', 'news', '--no-state'])).toBe('news');
		expect(listedFolderArgument(['search', 'zarif', 'news', '--width', '80', '--print'])).toBe(
			'news',
		);
	});

	it('is none where the arguments do not plainly name a cached folder', () => {
		// The bundled articles, never cached.
		expect(listedFolderArgument(['search', 'zarif'])).toBeUndefined();
		expect(listedFolderArgument(['list'])).toBeUndefined();
		// Not cached, or not surely the folder read.
		expect(listedFolderArgument(['search', 'zarif', 'news', '--no-cache'])).toBeUndefined();
		expect(listedFolderArgument(['list', 'news', '--folder', 'other'])).toBeUndefined();
		expect(listedFolderArgument(['list', 'news', '--color'])).toBeUndefined();
		expect(listedFolderArgument(['search', '--', '-x', 'news'])).toBeUndefined();
		expect(listedFolderArgument(['search', 'zarif', 'news', '-n5'])).toBeUndefined();
		// Usage errors.
		expect(listedFolderArgument(['search', 'zarif', 'news', 'more'])).toBeUndefined();
		expect(listedFolderArgument(['search', 'zarif', ''])).toBeUndefined();
		// Other commands.
		expect(listedFolderArgument(['versions', 'news'])).toBeUndefined();
		expect(listedFolderArgument(['show', '001', 'news'])).toBeUndefined();
	});
});

describe('find started by dist/cli.js', () => {
	let folder: string;
	let cacheHome: string;
	let bin: string;
	const log = () => join(bin, 'calls');

	beforeAll(() => {
		folder = mkdtempSync(join(tmpdir(), 'reading-room-early-'));
		cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-early-cache-'));
		bin = mkdtempSync(join(tmpdir(), 'reading-room-early-bin-'));
		const past = new Date(Date.now() - 86_400_000);
		for (let index = 0; index < 30; index++) {
			const file = join(folder, `report-${String(index).padStart(2, '0')}.txt`);
			const body = paragraphs(1 + (index % 3), index + 1).join('\n\n');
			writeFileSync(file, `Report ${index}${index % 4 === 0 ? ' Quetzal' : ''}\n\n${body}\n`);
			utimesSync(file, past, past);
		}
		// find as the commands run it, each call noted.
		const real = spawnSync('sh', ['-c', 'command -v find'], {encoding: 'utf8'}).stdout.trim();
		// Each call noted as the folder it runs in and its first argument: '.' for a listing or
		// its names, -files0-from for the stamps of names it is given.
		writeFileSync(
			join(bin, 'find'),
			`#!/bin/sh\necho "$(pwd -P) $1" >> '${log()}'\nexec '${real}' "$@"\n`,
		);
		chmodSync(join(bin, 'find'), 0o755);
	});

	afterAll(() => {
		for (const path of [folder, cacheHome, bin]) rmSync(path, {recursive: true, force: true});
	});

	const run = (args: string[]) => {
		rmSync(log(), {force: true});
		const result = spawnSync(process.execPath, [cliPath, ...args], {
			env: {...process.env, XDG_CACHE_HOME: cacheHome, PATH: `${bin}:${process.env.PATH}`},
			encoding: 'utf8',
			timeout: 20_000,
		});
		const calls = existsSync(log()) ? readFileSync(log(), 'utf8').trim().split('\n') : [];
		return {code: result.status, stdout: result.stdout, calls};
	};

	it('is taken up by the command: one find, and the answer --no-cache gives', () => {
		const direct = run(['search', 'quetzal report', folder, '--json', '--no-cache']);
		expect(direct.calls).toEqual([]);
		expect(JSON.parse(direct.stdout).total).toBe(8);
		// The first two read the folder, the second confirms it; the third answers from the store.
		for (let time = 0; time < 3; time++) {
			const cached = run(['search', 'quetzal report', folder, '--json']);
			expect(cached.stdout).toBe(direct.stdout);
			expect(cached.calls).toEqual([`${realpathSync(folder)} .`]);
		}
		expect(run(['list', folder]).calls).toEqual([`${realpathSync(folder)} .`]);
	});

	it('is split in two once the folder’s names are kept: one find for the names, one for their stamps; a file changed just before is read first', () => {
		const splitCache = mkdtempSync(join(tmpdir(), 'reading-room-early-split-cache-'));
		const file = join(folder, 'report-01.txt');
		const original = readFileSync(file, 'utf8');
		const past = statSync(file).mtime;
		const split = (args: string[]) => {
			rmSync(log(), {force: true});
			const result = spawnSync(process.execPath, [cliPath, ...args], {
				env: {
					...process.env,
					XDG_CACHE_HOME: splitCache,
					READING_ROOM_SPLIT_FROM: '1',
					// No directory counts as settled: the names are listed every time.
					READING_ROOM_SETTLE_MS: '999999999999',
					PATH: `${bin}:${process.env.PATH}`,
				},
				encoding: 'utf8',
				timeout: 20_000,
			});
			const calls = existsSync(log()) ? readFileSync(log(), 'utf8').trim().split('\n') : [];
			return {stdout: result.stdout, calls: calls.sort()};
		};
		const direct = (query: string) => run(['search', query, folder, '--json', '--no-cache']).stdout;
		try {
			const answer = direct('quetzal report');
			// Built, then confirmed (the names kept), then split.
			expect(split(['search', 'quetzal report', folder, '--json']).calls).toEqual([
				`${realpathSync(folder)} .`,
			]);
			split(['search', 'quetzal report', folder, '--json']);
			for (let time = 0; time < 2; time++) {
				const cached = split(['search', 'quetzal report', folder, '--json']);
				expect(cached.stdout).toBe(answer);
				// The stamps' find is given its names on standard input.
				expect(cached.calls).toEqual([
					`${realpathSync(folder)} -files0-from`,
					`${realpathSync(folder)} .`,
				]);
			}
			// Changed just before the command, its size and time kept: only the time tells.
			writeFileSync(file, original.replace('Report 1', 'Axolot 1'));
			expect(statSync(file).size).toBe(Buffer.byteLength(original));
			utimesSync(file, past, new Date(past.getTime() + 1000));
			const changed = split(['search', 'axolot', folder, '--json']);
			expect(JSON.parse(changed.stdout).total).toBe(1);
			expect(changed.stdout).toBe(direct('axolot'));
			expect(split(['search', 'axolot', folder, '--json']).stdout).toBe(changed.stdout);
			expect(split(['search', 'quetzal report', folder, '--json']).stdout).toBe(
				direct('quetzal report'),
			);
		} finally {
			writeFileSync(file, original);
			utimesSync(file, past, past);
			rmSync(splitCache, {recursive: true, force: true});
		}
	});

	/**
	 * A folder of twelve briefs in three directories and an empty one, each a day old, whose
	 * commands' finds are noted (see `run`), with the names kept from the first file on and
	 * a folder just made counting as settled; `settings`, more of the environment.
	 */
	const nestedFolder = (settings: Record<string, string> = {}) => {
		const nested = mkdtempSync(join(tmpdir(), 'reading-room-early-nested-'));
		const cache = mkdtempSync(join(tmpdir(), 'reading-room-early-nested-cache-'));
		const past = new Date(Date.now() - 86_400_000);
		const write = (path: string, text: string, time = past) => {
			writeFileSync(join(nested, path), text);
			utimesSync(join(nested, path), past, time);
		};
		mkdirSync(join(nested, 'desk/inner'), {recursive: true});
		mkdirSync(join(nested, 'empty'));
		for (let index = 0; index < 12; index++) {
			const body = paragraphs(1 + (index % 3), index + 1).join('\n\n');
			const where = ['', 'desk/', 'desk/inner/'][index % 3]!;
			const title = `Brief ${index}${index % 4 === 0 ? ' Quetzal' : ''}`;
			write(`${where}brief-${index}.txt`, `${title}\n\n${body}\n`);
		}
		const real = realpathSync(nested);
		const cli = (query: string, noCache = false) =>
			command(['search', query, nested, '--json', ...(noCache ? ['--no-cache'] : [])]);
		const command = (args: string[]) => {
			rmSync(log(), {force: true});
			const result = spawnSync(process.execPath, [cliPath, ...args], {
				env: {
					...process.env,
					XDG_CACHE_HOME: cache,
					READING_ROOM_SPLIT_FROM: '1',
					// A folder just made counts as settled.
					READING_ROOM_SETTLE_MS: '0',
					PATH: `${bin}:${process.env.PATH}`,
					...settings,
				},
				encoding: 'utf8',
				timeout: 20_000,
			});
			const calls = existsSync(log()) ? readFileSync(log(), 'utf8').trim().split('\n') : [];
			return {stdout: result.stdout, calls: calls.sort()};
		};
		/** The answer's total, taken with the finds `calls` says; with `compared`, also what
		 * --no-cache gives. */
		const answers = (query: string, calls: string[], compared = false) => {
			const answer = cli(query);
			if (compared) expect(answer.stdout, query).toBe(cli(query, true).stdout);
			expect(answer.calls, query).toEqual(calls);
			return (JSON.parse(answer.stdout) as {total: number}).total;
		};
		return {
			nested,
			cache,
			write,
			past,
			answers,
			command,
			names: [`${real} .`],
			stamps: [`${real} -files0-from`],
			// The names listed, their stamps taken, and as they are not the names kept, the
			// stamps of the names listed taken again.
			restamped: [`${real} -files0-from`, `${real} -files0-from`, `${real} .`],
			// The names listed and their stamps taken: they were the names kept.
			both: [`${real} -files0-from`, `${real} .`],
			remove: () => {
				rmSync(nested, {recursive: true, force: true});
				rmSync(cache, {recursive: true, force: true});
			},
		};
	};

	it('takes only the stamps of the names kept while no directory changed; a file changed within the same second, or added deep down, is read first', () => {
		const {nested, write, past, answers, names, stamps, restamped, remove} = nestedFolder();
		try {
			// Built and confirmed (the names and the directory record kept), then taken whole.
			expect(answers('quetzal brief', names, true)).toBe(3);
			expect(answers('quetzal brief', stamps)).toBe(3);
			// Changed within the same second, its size kept: only the time (to the millisecond)
			// tells, and the stamps are still taken.
			const changed = join(nested, 'desk/inner/brief-2.txt');
			const original = readFileSync(changed, 'utf8');
			write(
				'desk/inner/brief-2.txt',
				original.replace('Brief 2', 'Axolo 2'),
				new Date(past.getTime() + 1),
			);
			expect(answers('axolo', stamps, true)).toBe(1);
			// A file added deep down: its directory changed, so the names are listed again.
			write('desk/inner/brief-new.txt', 'Brief new Quetzal\n\nA quetzal again.\n');
			expect(answers('quetzal brief', restamped, true)).toBe(4);
			expect(answers('quetzal brief', stamps)).toBe(4);
		} finally {
			remove();
		}
	});

	it('has search take the stamps of the names kept in halves, two finds at once (list one); a file changed in place in either half is read first', () => {
		const {nested, cache, write, past, answers, command, names, stamps, remove} = nestedFolder({
			READING_ROOM_STAMPS_IN_HALVES_FROM: '0',
		});
		const halves = [...stamps, ...stamps];
		try {
			expect(answers('quetzal brief', names, true)).toBe(3);
			expect(answers('quetzal brief', halves)).toBe(3);
			const listed = command(['list', nested]);
			expect(listed.calls).toEqual(stamps);
			// An option dist/cli.js does not read ahead: the command's bundle lists, in halves too.
			expect(command(['search', 'quetzal brief', nested, '--json', '--color=never']).calls).toEqual(
				halves,
			);
			expect(listed.stdout).toContain('Brief 11');
			// The first and the last file of the names kept: one in each half.
			const kept = join(cache, 'reading-room');
			const keptNames = readFileSync(
				join(
					kept,
					readdirSync(kept).find((name) => name.endsWith('.names'))!,
				),
				'utf8',
			)
				.split('\0')
				.filter((name) => name.endsWith('.txt'));
			expect(keptNames).toHaveLength(12);
			for (const path of [keptNames[0]!, keptNames.at(-1)!]) {
				const original = readFileSync(join(nested, path), 'utf8');
				const renamed = original.replace(/^Brief (\d+)/, 'Axolo $1');
				expect(renamed).not.toBe(original);
				write(path, renamed, new Date(past.getTime() + 1));
			}
			expect(answers('axolo', halves, true)).toBe(2);
			// Compared with --no-cache, whatever the renaming made of the count.
			answers('quetzal brief', halves, true);
		} finally {
			remove();
		}
	});

	it('lists the names again when a file is added to an empty folder, removed or renamed, a folder is made, or the names file is not the one the record was made for', () => {
		const {nested, cache, write, answers, names, stamps, restamped, both, remove} = nestedFolder();
		try {
			expect(answers('quetzal brief', names)).toBe(3);
			write('empty/brief-late.txt', 'Brief late Quetzal\n\nLate.\n');
			expect(answers('quetzal brief', restamped)).toBe(4);
			rmSync(join(nested, 'desk/brief-4.txt'));
			expect(answers('quetzal brief', restamped)).toBe(3);
			renameSync(join(nested, 'desk/inner/brief-8.txt'), join(nested, 'desk/inner/brief-9b.txt'));
			expect(answers('quetzal brief', restamped)).toBe(3);
			mkdirSync(join(nested, 'desk/inner/later'));
			write('desk/inner/later/brief-x.txt', 'Brief x Quetzal\n\nX.\n');
			expect(answers('quetzal brief', restamped, true)).toBe(4);
			expect(answers('quetzal brief', stamps)).toBe(4);
			// A names file other than the one the record was made for (the same bytes copied
			// back in place, say) is not vouched for: the names are listed again, and the
			// record made for the new file.
			const kept = join(cache, 'reading-room');
			const namesFile = join(
				kept,
				readdirSync(kept).find((name) => name.endsWith('.names'))!,
			);
			const keptNames = readFileSync(namesFile);
			rmSync(namesFile);
			writeFileSync(namesFile, keptNames);
			expect(answers('quetzal brief', both, true)).toBe(4);
			expect(answers('quetzal brief', stamps)).toBe(4);
		} finally {
			remove();
		}
	});

	it('goes on without the kept names, never waiting, when a pipe is in place of the names file or of the directory record', () => {
		const {cache, answers, names, stamps, both, remove} = nestedFolder();
		try {
			expect(answers('quetzal brief', names)).toBe(3);
			expect(answers('quetzal brief', stamps)).toBe(3);
			const kept = join(cache, 'reading-room');
			const keptFile = (ending: string) =>
				join(
					kept,
					readdirSync(kept).find((name) => name.endsWith(ending))!,
				);
			// A pipe opened for reading waits for a writer: the command waited for good.
			const namesFile = keptFile('.names');
			rmSync(namesFile);
			execFileSync('mkfifo', [namesFile]);
			expect(answers('quetzal brief', names, true)).toBe(3);
			expect(answers('quetzal brief', stamps)).toBe(3);
			const recordFile = keptFile('.dirs');
			rmSync(recordFile);
			execFileSync('mkfifo', [recordFile]);
			expect(answers('quetzal brief', both, true)).toBe(3);
			expect(answers('quetzal brief', stamps)).toBe(3);
		} finally {
			remove();
		}
	});

	it('search ends once its answer is written, and all of it reaches a pipe', () => {
		const many = mkdtempSync(join(tmpdir(), 'reading-room-early-many-'));
		try {
			const past = new Date(Date.now() - 86_400_000);
			for (let index = 0; index < 300; index++) {
				const file = join(many, `note-${String(index).padStart(3, '0')}.txt`);
				writeFileSync(
					file,
					`Note ${index} on the quetzal\n\n${paragraphs(2, index + 1).join('\n\n')}\n`,
				);
				utimesSync(file, past, past);
			}
			// Ended by process.exit: Node's beforeExit, which comes once nothing is left to wait
			// for, never does. list ends as before.
			const marker = join(bin, 'before-exit.cjs');
			writeFileSync(
				marker,
				"process.on('beforeExit', () => process.stderr.write('beforeExit'));\n",
			);
			const ending = (args: string[]) =>
				spawnSync(process.execPath, ['--require', marker, cliPath, ...args], {
					env: {...process.env, XDG_CACHE_HOME: cacheHome},
					encoding: 'utf8',
				}).stderr;
			expect(ending(['search', 'quetzal', many])).toBe('');
			expect(ending(['list', many])).toBe('beforeExit');
			// More than a pipe holds (64 KB), read as the process writes it.
			for (let time = 0; time < 3; time++) {
				const {code, stdout} = run(['search', 'quetzal', many, '--json', '--limit', '1000']);
				expect(code).toBe(0);
				expect(stdout.length).toBeGreaterThan(65_536);
				const answer = JSON.parse(stdout) as {total: number; results: unknown[]};
				expect([answer.total, answer.results.length]).toEqual([300, 300]);
			}
		} finally {
			rmSync(many, {recursive: true, force: true});
		}
	});

	it('is stopped when the command does not list the folder', () => {
		const failed = run(['search', '', folder]);
		expect(failed.code).toBe(2);
		// Started ahead, then stopped at exit: the process did not wait for it. Stopped so soon
		// that on a busy machine the stand-in may be gone before it notes its call (a
		// full run beside another build saw that once): the one call, or none, and never a second.
		expect([[], [`${realpathSync(folder)} .`]]).toContainEqual(failed.calls);
	});
});
