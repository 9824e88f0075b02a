import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {repositoryRoot} from './e2e/terminal.js';

describe("the commands' bundle (dist/commands.cjs)", () => {
	it('imports nothing with import(): it runs in node:vm, where import() fails', () => {
		// dist/cli.js compiles it as a vm.Script (for V8's code cache). An import() of a module
		// it does not bundle, such as a node: built-in, rejects there: a snapshot's checksums,
		// worked out by a worker loaded that way, were never had, and the kept index read as
		// damaged. Built-ins are imported statically, or required.
		const bundle = readFileSync(join(repositoryRoot, 'dist', 'commands.cjs'), 'utf8');
		const imports = [...bundle.matchAll(/\bimport\(\s*["'`]([^"'`]+)/g)].map((match) => match[1]);
		expect(imports).toEqual([]);
	});
});
