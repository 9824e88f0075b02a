import {execFileSync, spawnSync} from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {
	codeCacheFile,
	commandOfTheBundle,
	decodeCodeCache,
	encodeCodeCache,
	readCodeCache,
	writeCodeCache,
} from '../source/code-cache.js';
import {cacheHomeFrom} from '../source/core/store/open.js';
import {cliPath, repositoryRoot} from './e2e/terminal.js';

const scratch = mkdtempSync(join(tmpdir(), 'reading-room-code-cache-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

const piped = {isTTY: false};
const terminal = {isTTY: true, columns: 100};

describe('which runs the commands bundle answers', () => {
	it('takes the commands that never open the interface when they come first', () => {
		for (const command of ['list', 'show', 'search', 'versions', 'history']) {
			expect(commandOfTheBundle([command, 'x'], {}, terminal)).toBe(command);
			expect(commandOfTheBundle([command], {}, piped)).toBe(command);
		}
	});

	it('takes diff only where it cannot open its screen: piped, or TERM=dumb', () => {
		expect(commandOfTheBundle(['diff', 'a', 'b', '--json'], {}, piped)).toBe('diff');
		expect(commandOfTheBundle(['diff', 'a', 'b'], {TERM: 'dumb'}, terminal)).toBe('diff');
		expect(commandOfTheBundle(['diff', 'a', 'b', '--json'], {}, terminal)).toBeUndefined();
	});

	it('leaves the app, help and anything not starting with a command to the app’s modules', () => {
		for (const args of [
			[],
			['help'],
			['--json', 'list'],
			['-f', 'x', 'list'],
			['./list'],
			['news'],
		]) {
			expect(commandOfTheBundle(args, {}, piped)).toBeUndefined();
		}
	});
});

describe('codeCacheFile', () => {
	it('is in the folder the store keeps its databases in, one file a bundle and command', () => {
		expect(codeCacheFile({XDG_CACHE_HOME: '/c'}, 'abc', 'list')).toBe(
			'/c/reading-room/code-cache-abc-list.bin',
		);
		for (const env of [
			{XDG_CACHE_HOME: '/c', HOME: '/h'},
			{XDG_CACHE_HOME: 'relative', HOME: '/h'},
			{HOME: '/h'},
			{HOME: 'relative'},
			{},
		]) {
			const file = codeCacheFile(env, 'abc', 'diff');
			const home = cacheHomeFrom(env);
			expect(file === undefined ? undefined : dirname(dirname(file))).toBe(home);
		}
	});
});

describe('a code cache file', () => {
	const payload = Buffer.from(Array.from({length: 5000}, (_, index) => (index * 7) % 256));
	const encoded = encodeCodeCache(payload, 'abc', 'v20.20.2')!;

	it('gives back what was kept, for the same bundle and Node', () => {
		expect(encoded.toString('latin1', 0, encoded.indexOf(0x0a))).toMatch(
			/^reading-room code cache 1 abc v20\.20\.2 \d+ 5000$/,
		);
		expect(decodeCodeCache(encoded, 'abc', 'v20.20.2')).toEqual(payload);
	});

	it('is ignored when damaged, cut short, lengthened, or another bundle’s or Node’s', () => {
		const damaged = Buffer.from(encoded);
		damaged[damaged.length - 2000]! ^= 0x10;
		expect(decodeCodeCache(damaged, 'abc', 'v20.20.2')).toBeUndefined();
		expect(decodeCodeCache(encoded.subarray(0, -1), 'abc', 'v20.20.2')).toBeUndefined();
		const longer = Buffer.concat([encoded, Buffer.from([0])]);
		expect(decodeCodeCache(longer, 'abc', 'v20.20.2')).toBeUndefined();
		expect(decodeCodeCache(encoded, 'abd', 'v20.20.2')).toBeUndefined();
		expect(decodeCodeCache(encoded, 'abc', 'v20.20.3')).toBeUndefined();
		expect(decodeCodeCache(Buffer.from('not a cache at all'), 'abc', 'v20.20.2')).toBeUndefined();
		expect(decodeCodeCache(Buffer.alloc(0), 'abc', 'v20.20.2')).toBeUndefined();
	});

	it('is written whole, and other bundles’ files go; not inside a folder named, nor when unwritable', () => {
		const home = join(scratch, 'written');
		const file = codeCacheFile({XDG_CACHE_HOME: home}, 'abc', 'list')!;
		mkdirSync(dirname(file), {recursive: true});
		writeFileSync(join(dirname(file), 'code-cache-old-list.bin'), 'old');
		writeFileSync(join(dirname(file), 'code-cache-abc-search.bin'), 'this bundle’s');
		writeFileSync(join(dirname(file), 'news-0123456789abcdef.sqlite'), 'a database');
		writeCodeCache(file, 'abc', payload, ['list', '/no/such/folder'], scratch);
		expect(readCodeCache(file, 'abc')).toEqual(payload);
		expect(readdirSync(dirname(file)).sort()).toEqual([
			'code-cache-abc-list.bin',
			'code-cache-abc-search.bin',
			'news-0123456789abcdef.sqlite',
		]);

		// The cache folder inside the folder being read (named relatively, from the cwd).
		const folder = join(scratch, 'news');
		const inside = codeCacheFile({XDG_CACHE_HOME: join(folder, '.cache')}, 'abc', 'list')!;
		mkdirSync(folder);
		writeCodeCache(inside, 'abc', payload, ['list', 'news'], scratch);
		expect(existsSync(join(folder, '.cache'))).toBe(false);

		// A file where the cache folder should be: nothing written, nothing thrown.
		const blocked = join(scratch, 'blocked');
		writeFileSync(blocked, 'a file');
		const nowhere = codeCacheFile({XDG_CACHE_HOME: blocked}, 'abc', 'list')!;
		expect(() => writeCodeCache(nowhere, 'abc', payload, [], scratch)).not.toThrow();
		expect(readFileSync(blocked, 'utf8')).toBe('a file');
	});

	it('leaves no temporary file behind when it cannot be put in place (a full disk left one a run)', () => {
		const home = join(scratch, 'unplaced');
		const file = codeCacheFile({XDG_CACHE_HOME: home}, 'abc', 'list')!;
		// A folder where the file goes: the temporary file is written, the rename fails.
		mkdirSync(join(file, 'in the way'), {recursive: true});
		expect(() => writeCodeCache(file, 'abc', payload, [], scratch)).not.toThrow();
		expect(readdirSync(dirname(file))).toEqual(['code-cache-abc-list.bin']);
	});
});

describe('the built commands with their code cache', () => {
	const run = (args: string[], cacheHome: string) =>
		spawnSync(process.execPath, [cliPath, ...args], {
			cwd: repositoryRoot,
			env: {...process.env, XDG_CACHE_HOME: cacheHome},
			encoding: 'utf8',
			timeout: 20_000,
		});
	const cacheFiles = (cacheHome: string) => {
		const folder = join(cacheHome, 'reading-room');
		return existsSync(folder) ? readdirSync(folder).filter((name) => name.startsWith('code-')) : [];
	};

	it('keep it after a first run, answer the same from it, and write it again when damaged', () => {
		const cacheHome = join(scratch, 'built');
		const args = ['diff', '000', '001', '--json'];
		const first = run(args, cacheHome);
		expect(first.status).toBe(1);
		expect(first.stderr).toBe('');
		const [name, ...others] = cacheFiles(cacheHome);
		expect(others).toEqual([]);
		expect(name).toMatch(/^code-cache-[0-9a-f]{16}-diff\.bin$/);
		const file = join(cacheHome, 'reading-room', name!);
		const kept = readFileSync(file);

		const second = run(args, cacheHome);
		expect([second.status, second.stdout, second.stderr]).toEqual([1, first.stdout, '']);
		// Used, not written again.
		expect(readFileSync(file).equals(kept)).toBe(true);

		const damaged = Buffer.from(kept);
		for (let index = 200; index < damaged.length; index += 997) damaged[index]! ^= 0x5a;
		writeFileSync(file, damaged);
		const third = run(args, cacheHome);
		expect([third.status, third.stdout, third.stderr]).toEqual([1, first.stdout, '']);
		expect(readFileSync(file).equals(damaged)).toBe(false);
		expect(
			readCodeCache(file, name!.slice('code-cache-'.length, -'-diff.bin'.length)),
		).toBeDefined();
	});

	it('answer without waiting when a pipe is in place of the cache file, and put a cache file there', () => {
		const cacheHome = join(scratch, 'piped');
		const args = ['list', '--json'];
		const first = run(args, cacheHome);
		const [name] = cacheFiles(cacheHome);
		const file = join(cacheHome, 'reading-room', name!);
		rmSync(file);
		// Opened for reading, a pipe waits for a writer: the command waited for good.
		execFileSync('mkfifo', [file]);
		const second = run(args, cacheHome);
		expect([second.status, second.stdout, second.stderr]).toEqual([0, first.stdout, '']);
		expect(statSync(file).isFile()).toBe(true);
	});

	it('keep nothing with --no-cache, nor after a usage error', () => {
		const cacheHome = join(scratch, 'none');
		expect(run(['list', '--json', '--no-cache'], cacheHome).status).toBe(0);
		expect(run(['list', '--limit'], cacheHome).status).toBe(2);
		expect(cacheFiles(cacheHome)).toEqual([]);
	});
});
