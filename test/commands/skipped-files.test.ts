import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../fixtures/run-cli.js';
import {hasMkfifo, makeTempFolder, type TempFolder} from '../fixtures/temp-folder.js';

let folder: TempFolder;
let cacheHome: string;

/** Runs the built CLI piped, its cache in a folder of the test's own. */
const run = (args: string[]) => runCli(args, {env: {XDG_CACHE_HOME: cacheHome}});

beforeAll(async () => {
	folder = await makeTempFolder({
		'harbour.txt': 'The harbour reopened\n\nShips came back to the harbour on Monday.',
		'tides.txt': 'Tide tables\n\nThe harbour master printed new tide tables.',
		// A PNG's first bytes: binary.
		'blob.txt': Buffer.from([
			0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0,
			0, 0x10, 0, 0, 0, 0x10, 0x08, 0x06, 0, 0, 0,
		]),
	});
	if (hasMkfifo()) execFileSync('mkfifo', [join(folder.root, 'pipe.txt')]);
	cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-skipped-cache-'));
});

afterAll(async () => {
	await folder.remove();
	rmSync(cacheHome, {recursive: true, force: true});
});

describe('files skipped by the commands', () => {
	const said = hasMkfifo()
		? '2 files skipped (1 binary, 1 unreadable)\n'
		: '1 file skipped (binary)\n';

	it('list and search both say what they left out, on stderr, at every run, cached or not', () => {
		for (const cache of [['--no-cache'], [], []]) {
			const listed = run(['list', folder.root, ...cache]);
			expect(listed.code).toBe(0);
			expect(listed.stdout).toContain('The harbour reopened');
			expect(listed.stdout).not.toContain('Bin');
			expect(listed.stderr).toBe(said);
			const searched = run(['search', 'harbour', folder.root, ...cache]);
			expect(searched.code).toBe(0);
			expect(searched.stdout).toContain('The harbour reopened');
			expect(searched.stdout).toContain('Tide tables');
			expect(searched.stderr).toBe(said);
		}
	});

	it('search --json says nothing on stderr: its output is for programs', () => {
		const searched = run(['search', 'harbour', folder.root, '--json']);
		expect(searched.code).toBe(0);
		expect(JSON.parse(searched.stdout).total).toBe(2);
		expect(searched.stderr).toBe('');
	});
});
