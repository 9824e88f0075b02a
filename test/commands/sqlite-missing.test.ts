import {spawnSync} from 'node:child_process';
import {cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cliPath} from '../e2e/terminal.js';

/**
 * The built bundle copied where no node_modules can be found from it: better-sqlite3 (left out
 * of the bundle, being native) then cannot be loaded, as when it was never installed.
 */
let bundle: string;
let folder: string;
let cacheHome: string;

beforeAll(() => {
	bundle = mkdtempSync(join(tmpdir(), 'reading-room-no-sqlite-'));
	cpSync(dirname(cliPath), bundle, {recursive: true});
	folder = mkdtempSync(join(tmpdir(), 'reading-room-no-sqlite-folder-'));
	writeFileSync(join(folder, 'a.txt'), 'Pelicans return to the lake\n\nThe birds came back.\n');
	writeFileSync(join(folder, 'b.txt'), 'Ferries stop for the winter\n\nThe last boat left.\n');
	cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-no-sqlite-cache-'));
});

afterAll(() => {
	for (const path of [bundle, folder, cacheHome]) rmSync(path, {recursive: true, force: true});
});

function run(cli: string, args: string[]) {
	return spawnSync(process.execPath, [cli, ...args], {
		encoding: 'utf8',
		env: {...process.env, XDG_CACHE_HOME: cacheHome, XDG_STATE_HOME: cacheHome},
	});
}

describe('better-sqlite3 that cannot be loaded', () => {
	it('is said in one line; the folder is read directly and the cache left as it was', () => {
		expect(run(cliPath, ['list', folder]).status).toBe(0);
		const cacheFolder = join(cacheHome, 'reading-room');
		const database = readdirSync(cacheFolder).find((name) => name.endsWith('.sqlite'))!;
		expect(database).toBeDefined();
		const before = statSync(join(cacheFolder, database));

		const result = run(join(bundle, 'cli.js'), ['search', 'pelicnas', folder]);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('a.txt');
		expect(result.stdout).toContain('Pelicans return to the lake');
		expect(result.stdout).not.toContain('b.txt');
		const said = result.stderr.trimEnd().split('\n');
		expect(said).toHaveLength(1);
		expect(said[0]).toMatch(
			/^reading-room: cannot open the cache \(Cannot find module 'better-sqlite3'.*\); reading files directly$/,
		);

		const after = statSync(join(cacheFolder, database));
		expect([after.ino, after.size, after.mtimeMs]).toEqual([
			before.ino,
			before.size,
			before.mtimeMs,
		]);
	});
});
