import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {hashText} from '../source/core/corpus/hash.js';
import {cliPath, repositoryRoot} from './e2e/terminal.js';

const scratch = mkdtempSync(join(tmpdir(), 'reading-room-lazy-crypto-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

/** Loaded before the built CLI: says at exit which of Node's own modules named crypto it loaded. */
const preload = join(scratch, 'report-crypto.cjs');
writeFileSync(
	preload,
	`process.on('exit', () => process.stderr.write('loaded: ' + process.moduleLoadList.filter((name) => name === 'NativeModule crypto').join(',') + '\\n'));\n`,
);

/** The built CLI's run of `args`, and whether it loaded node:crypto. */
function run(args: string[]): {status: number | null; stdout: string; crypto: boolean} {
	const result = spawnSync(process.execPath, ['--require', preload, cliPath, ...args], {
		cwd: repositoryRoot,
		encoding: 'utf8',
		timeout: 20_000,
	});
	const report = /loaded: (.*)\n$/.exec(result.stderr);
	if (report === null) throw new Error(`no report: ${result.stderr}`);
	return {status: result.status, stdout: result.stdout, crypto: report[1] !== ''};
}

describe('node:crypto, loaded when something is hashed', () => {
	it('is not loaded by diff --json, which reads bytes and opens no store', () => {
		const diff = run(['diff', '000', '001', '--json']);
		expect(diff.status).toBe(1);
		expect(JSON.parse(diff.stdout).identical).toBe(false);
		expect(diff.crypto).toBe(false);
	});

	it('is loaded by show, whose Document carries its text’s hash', () => {
		const show = run(['show', '000']);
		expect(show.status).toBe(0);
		expect(show.crypto).toBe(true);
	});

	it('hashes as before: SHA-1 in hex', () => {
		expect(hashText('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
	});
});
