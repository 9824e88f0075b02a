/**
 * dist/cli.js run as a program (as npm links it) starts Node without NODE_EXTRA_CA_CERTS, whose
 * file Node 20 parses before any script runs, and gives the variable back to the programs the
 * app starts. A missing certificates file makes Node warn at start, which shows whether Node
 * itself saw the variable.
 */
import {spawnSync} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {launchedEnvironment} from '../../source/launcher-environment.js';
import {cliPath, repositoryRoot, startTerminal, type TerminalSession} from './terminal.js';

const scratch = mkdtempSync(join(tmpdir(), 'reading-room-launcher-'));
const missingCertificates = join(scratch, 'no-such-certificates.pem');
const seeds = join(repositoryRoot, 'seeds');
let app: TerminalSession | undefined;

afterEach(() => {
	app?.dispose();
	app = undefined;
});
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

function listSeeds(command: string, args: readonly string[]) {
	return spawnSync(command, [...args, 'list', seeds, '--no-cache'], {
		encoding: 'utf8',
		env: {...process.env, NODE_EXTRA_CA_CERTS: missingCertificates},
	});
}

describe('dist/cli.js as a program', () => {
	it('runs Node without the certificates file, where node dist/cli.js reads it', () => {
		const asProgram = listSeeds(cliPath, []);
		expect(asProgram.status).toBe(0);
		expect(asProgram.stdout).toContain('000_fcf7af4745e890eb.txt');
		expect(asProgram.stderr).toBe('');

		const withNode = listSeeds(process.execPath, [cliPath]);
		expect(withNode.status).toBe(0);
		expect(withNode.stderr).toContain('Ignoring extra certs from');
	});

	it('starts Node with the environment launchedEnvironment gives (what the bench gives its children)', () => {
		// A `node` first on PATH that writes what it was given, one variable a line.
		const fakeBin = join(scratch, 'fake-bin');
		mkdirSync(fakeBin, {recursive: true});
		const names = [
			'GLIBC_TUNABLES',
			'READING_ROOM_GLIBC_TUNABLES',
			'NODE_EXTRA_CA_CERTS',
			'READING_ROOM_EXTRA_CA_CERTS',
		];
		writeFileSync(
			join(fakeBin, 'node'),
			`#!/bin/sh\n${names.map((name) => `[ -n "\${${name}+set}" ] && printf '%s=%s\\n' ${name} "$${name}"`).join('\n')}\nexit 0\n`,
		);
		chmodSync(join(fakeBin, 'node'), 0o755);
		const cases: Record<string, string>[] = [
			{},
			{GLIBC_TUNABLES: ''},
			{GLIBC_TUNABLES: 'glibc.rtld.nns=2', NODE_EXTRA_CA_CERTS: missingCertificates},
			{GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0'},
			{GLIBC_TUNABLES: 'glibc.rtld.nns=2:glibc.malloc.arena_max=2'},
			{GLIBC_TUNABLES: 'x.glibc.malloc.hugetlb=0'},
		];
		for (const given of cases) {
			const base = {PATH: `${fakeBin}:${process.env.PATH ?? ''}`};
			const run = spawnSync(cliPath, [], {encoding: 'utf8', env: {...base, ...given}});
			expect(run.status).toBe(0);
			const seen = Object.fromEntries(
				run.stdout
					.split('\n')
					.filter((line) => line !== '')
					.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
			);
			const expected = launchedEnvironment(given);
			expect(seen).toEqual(
				Object.fromEntries(
					names.flatMap((name) => (name in expected ? [[name, expected[name]]] : [])),
				),
			);
		}
	});

	it('gives the pager it starts NODE_EXTRA_CA_CERTS and GLIBC_TUNABLES as the user set them, and nothing of its own', async () => {
		const seen = join(scratch, 'seen');
		const pager = join(scratch, 'pager');
		writeFileSync(
			pager,
			`#!/bin/sh\nprintf '%s|%s|%s|%s' "\${NODE_EXTRA_CA_CERTS-unset}" "\${READING_ROOM_EXTRA_CA_CERTS-unset}" "\${GLIBC_TUNABLES-unset}" "\${READING_ROOM_GLIBC_TUNABLES-unset}" > '${seen}'\n`,
		);
		chmodSync(pager, 0o755);
		app = startTerminal(cliPath, ['--no-state', '--no-cache', seeds], {
			cwd: repositoryRoot,
			env: {
				NODE_EXTRA_CA_CERTS: missingCertificates,
				GLIBC_TUNABLES: 'glibc.rtld.nns=2',
				PAGER: pager,
			},
		});
		await app.waitForText('5 documents');
		app.press('o');
		await app.waitFor(
			() => {
				try {
					return readFileSync(seen, 'utf8') !== '';
				} catch {
					return false;
				}
			},
			{description: 'the pager writing what it saw'},
		);
		expect(readFileSync(seen, 'utf8')).toBe(`${missingCertificates}|unset|glibc.rtld.nns=2|unset`);
		await app.waitForText('5 documents');
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	});
});
