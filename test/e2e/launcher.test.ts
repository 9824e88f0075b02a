/**
 * dist/cli.js run as a program (as npm links it) starts Node without NODE_EXTRA_CA_CERTS, whose
 * file Node 20 parses before any script runs, and gives the variable back to the programs the
 * app starts. A missing certificates file makes Node warn at start, which shows whether Node
 * itself saw the variable.
 */
import {spawnSync} from 'node:child_process';
import {chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
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

	it('gives the pager it starts NODE_EXTRA_CA_CERTS as the user set it, and nothing of its own', async () => {
		const seen = join(scratch, 'seen');
		const pager = join(scratch, 'pager');
		writeFileSync(
			pager,
			`#!/bin/sh\nprintf '%s|%s' "\${NODE_EXTRA_CA_CERTS-unset}" "\${READING_ROOM_EXTRA_CA_CERTS-unset}" > '${seen}'\n`,
		);
		chmodSync(pager, 0o755);
		app = startTerminal(cliPath, ['--no-state', '--no-cache', seeds], {
			cwd: repositoryRoot,
			env: {NODE_EXTRA_CA_CERTS: missingCertificates, PAGER: pager},
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
		expect(readFileSync(seen, 'utf8')).toBe(`${missingCertificates}|unset`);
		await app.waitForText('5 documents');
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	});
});
