import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {asciiEscaped} from '../scripts/build-options.mjs';
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

	it('is ASCII, as dist/cli.js reads it as latin1', () => {
		const bytes = readFileSync(join(repositoryRoot, 'dist', 'commands.cjs'));
		expect(bytes.length).toBeGreaterThan(100_000);
		expect(bytes.findIndex((byte) => byte > 0x7f)).toBe(-1);
	});
});

describe('characters past ASCII escaped in a bundle (asciiEscaped)', () => {
	it('writes each UTF-16 unit past ASCII as a \\u escape, in patterns and comments alike', () => {
		expect(asciiEscaped('const end = /[.!?…]["”’»]*$/; // “quoted”, café\n')).toBe(
			'const end = /[.!?\\u2026]["\\u201d\\u2019\\u00bb]*$/; // \\u201cquoted\\u201d, caf\\u00e9\n',
		);
		expect(asciiEscaped('/😀/u')).toBe('/\\ud83d\\ude00/u');
		expect(asciiEscaped('const plain = "ASCII";\n')).toBe('const plain = "ASCII";\n');
	});

	it('means the same to a pattern, with the u flag or without', () => {
		for (const [source, text, matches] of [
			['/^[“‘«(]*[A-Z]/', '«Alpha', true],
			['/[.!?…]$/', 'so…', true],
			['/[.!?…]$/', 'so.', true],
			['/[.!?…]$/', 'so', false],
			['/^[😀x]$/u', '😀', true],
			['/^[😀x]$/u', '\ud83d', false],
			['/^😀$/', '😀', true],
		] as const) {
			const escaped = asciiEscaped(source);
			expect([...escaped].every((character) => character.charCodeAt(0) <= 0x7f)).toBe(true);
			// The pattern as the bundle would hold it, read as code.
			const pattern = new Function(`return ${escaped}`)() as RegExp;
			expect(pattern.test(text), `${source} on ${text}`).toBe(matches);
		}
	});

	it('fails where the escape would change the program: after a backslash, or outside a pattern or comment', () => {
		expect(() => asciiEscaped('/\\…/')).toThrow(/after a backslash/);
		// A tagged template's raw text would be the escape itself (esbuild leaves these too).
		expect(String.raw`caf\u00e9`).not.toBe(String.raw`café`);
		expect(() => asciiEscaped('const raw = String.raw`café`;')).toThrow(/outside a pattern/);
		expect(() => asciiEscaped('const text = "café";')).toThrow(/outside a pattern/);
		// Past a comment and a pattern, the next character is judged on its own.
		expect(() => asciiEscaped('/* é */ const end = /é/; const text = "é";')).toThrow(
			/outside a pattern or comment, at 39/,
		);
	});
});
