/**
 * Found by the exploratory tester: an option given twice (an alias that already says
 * --no-color, a script that adds --limit to one that has it) threw meow's Error at module
 * load: a stack trace, exit 1, and with --json no JSON. Now the last one given counts.
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

describe('an option given twice: the last one counts, as with less, rg and fzf', () => {
	it('--limit 1 --limit 2 lists two results, --limit 2 --limit 1 one', () => {
		const two = run(['search', 'iran', '--limit', '1', '--limit', '2', '--json']);
		expect(two.code).toBe(0);
		expect((JSON.parse(two.stdout) as {results: unknown[]}).results).toHaveLength(2);
		const one = run(['search', 'iran', '-n', '2', '-n', '1', '--json']);
		expect((JSON.parse(one.stdout) as {results: unknown[]}).results).toHaveLength(1);
	});

	it('--no-color then --color=always colours, and the other way round does not', () => {
		const coloured = run(['search', 'iran', '-n', '1', '--no-color', '--color=always']);
		expect(coloured.code).toBe(0);
		expect(coloured.stdout).toContain('\u001B[1;33mIranian');
		const plain = run(['--color=always', 'search', 'iran', '-n', '1', '--no-color']);
		expect(plain.stdout).not.toContain('\u001B[');
		expect(run(['--no-color', '--no-color', 'list']).code).toBe(0);
	});

	it('--sort date --sort title lists by title', () => {
		const {code, stdout} = run(['list', '--json', '--sort', 'date', '--sort', 'title']);
		expect(code).toBe(0);
		const ids = (JSON.parse(stdout) as {documents: {id: string}[]}).documents.map(({id}) =>
			id.slice(0, 3),
		);
		// By title, versions kept together: 000 and 001 are one story.
		expect(ids).toEqual(['002', '000', '001', '004', '003']);
	});

	it('--width 40 --width 60 wraps at 60; --context 2 --context 3 is accepted', () => {
		const {code, stdout, stderr} = run(['show', '000', '--width', '40', '--width', '60']);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const widest = Math.max(...stdout.split('\n').map((line) => line.length));
		expect(widest).toBeGreaterThan(40);
		expect(widest).toBeLessThanOrEqual(60);
		const diff = run(['diff', '000', '001', '--print', '--context', '2', '--context', '3']);
		expect(diff.stderr).not.toMatch(/\n\s+at /);
		expect([0, 1]).toContain(diff.code);
	});
});

describe('option values', () => {
	it.each([
		[['search', 'iran', '--limit', '1.5'], '--limit takes a positive whole number'],
		[['search', 'iran', '-n', '0'], '--limit takes a positive whole number'],
		[['show', '000', '--width', '40.5'], '--width takes a positive whole number'],
		[['search', 'the', '--limit'], '--limit needs a value'],
		[['show', '000', '-w'], '-w needs a value'],
		[['list', '--sort'], '--sort needs a value'],
	])('%j: one line, exit 2', (args, message) => {
		const {code, stdout, stderr} = run(args);
		expect(stderr).toBe(`reading-room: ${message}\n`);
		expect(code).toBe(2);
		expect(stdout).toBe('');
	});

	it('--color at the end of the line means always, as before', () => {
		const {code, stdout} = run(['search', 'iran', '-n', '1', '--color']);
		expect(code).toBe(0);
		expect(stdout).toContain('\u001B[1;33mIranian');
	});
});
