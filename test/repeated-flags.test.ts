/**
 * Found by the exploratory tester: a string or number option given twice (an alias that already
 * says --no-color, a script that adds --limit to one that has it) throws meow's Error at
 * module load, before main's error handling: a stack trace of four lines and more, exit 1, and
 * with --json no JSON. The readme promises one line on stderr and exit 2 for bad arguments
 * (or, as less, rg and fzf do, the last one given wins).
 */
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {cliPath, repositoryRoot} from './e2e/terminal.js';

function run(args: readonly string[]) {
	const env: Record<string, string | undefined> = {...process.env};
	delete env.FORCE_COLOR;
	const result = spawnSync(process.execPath, [cliPath, ...args], {
		cwd: repositoryRoot,
		env,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 30_000,
	});
	return {code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? ''};
}

describe('an option given twice', () => {
	for (const args of [
		['--no-color', '--no-color', 'list'],
		['list', '--color=always', '--color=never'],
		['search', 'iran', '--limit', '1', '--limit', '2'],
		['show', '000', '--width', '40', '--width', '60'],
		['list', '--sort', 'date', '--sort', 'title'],
		['diff', '000', '001', '--context', '2', '--context', '3'],
	]) {
		it(`${args.join(' ')}: no stack trace, one line or the last one wins`, () => {
			const {code, stderr} = run(args);
			expect(stderr).not.toMatch(/\n\s+at /);
			expect(stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(1);
			expect(code === 0 || code === 2 || (args[0] === 'diff' && code === 1)).toBe(true);
		});
	}

	it('with --json, the error is JSON on stdout as for any other bad argument', () => {
		const {code, stdout} = run(['list', '--json', '--sort', 'date', '--sort', 'title']);
		if (code === 2) expect(() => JSON.parse(stdout) as unknown).not.toThrow();
		else expect(code).toBe(0);
	});
});
