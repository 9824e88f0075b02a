/**
 * Found by the exploratory tester: Markdown is compared as rendered, and the rendered text the
 * diff sees leaves out link targets, which the reader shows (a "↳ https://…" line under the
 * paragraph) and which are what a changed link is about. Two files that differ only in where a
 * link leads were "identical in content": `diff --json` said "identical": true and exited 0.
 * Now the two Markdown sides' link addresses are compared too (core/markdown/links).
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {cliPath, repositoryRoot} from './e2e/terminal.js';

const folder = mkdtempSync(join(tmpdir(), 'reading-room-md-links-'));
const stateHome = mkdtempSync(join(tmpdir(), 'reading-room-md-links-state-'));
afterAll(() => {
	rmSync(folder, {recursive: true, force: true});
	rmSync(stateHome, {recursive: true, force: true});
});

const page = (url: string) =>
	`# Report\n\nRead the [official statement](${url}) before you donate.\n\n- item one\n- item two\n`;
writeFileSync(join(folder, 'a.md'), page('https://gov.example/statement'));
writeFileSync(join(folder, 'b.md'), page('https://evil.example/phish'));

function run(args: readonly string[]) {
	const result = spawnSync(process.execPath, [cliPath, ...args], {
		cwd: repositoryRoot,
		env: {...process.env, FORCE_COLOR: undefined, XDG_STATE_HOME: stateHome},
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 30_000,
	});
	return {code: result.status, stdout: result.stdout ?? ''};
}

describe('two Markdown files whose only difference is a link target', () => {
	it('are not identical: diff --json says so and exits 1', () => {
		const {code, stdout} = run(['diff', 'a.md', 'b.md', folder, '--json', '--no-cache']);
		const parsed = JSON.parse(stdout) as {identical: boolean; links: unknown};
		expect(parsed.identical).toBe(false);
		expect(parsed.links).toEqual({
			removed: 1,
			added: 1,
			removedAddresses: ['https://gov.example/statement'],
			addedAddresses: ['https://evil.example/phish'],
		});
		expect(code).toBe(1);
	});

	it('diff --print says so on its summary line and exits 1; the same file twice exits 0', () => {
		const {code, stdout} = run(['diff', 'a.md', 'b.md', folder, '--print', '--no-cache']);
		expect(code).toBe(1);
		expect(stdout.trimEnd().split('\n').at(-1)).toMatch(
			/ · link addresses −1 \+1 \(−https:\/\/gov\.example\/statement \+https:\/\/evil\.example\/phish\)$/,
		);
		const same = run(['diff', 'a.md', 'a.md', folder, '--json', '--no-cache']);
		expect((JSON.parse(same.stdout) as {identical: boolean}).identical).toBe(true);
	});

	it('the reader shows the two targets, so they differ as rendered', () => {
		const a = run(['show', 'a.md', '--folder', folder, '--no-cache']).stdout;
		const b = run(['show', 'b.md', '--folder', folder, '--no-cache']).stdout;
		expect(a).toContain('https://gov.example/statement');
		expect(b).toContain('https://evil.example/phish');
	});
});
