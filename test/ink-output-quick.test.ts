import {realpathSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';
import {buildOptions} from '../scripts/build-options.mjs';
import {importBundled} from './fixtures/bundled.js';
import {seededRandom} from './fixtures/prose.js';

type Sanitize = (text: string) => string;
interface OutputInstance {
	write(x: number, y: number, text: string, options: {transformers: unknown[]}): void;
	get(): {output: string; height: number};
}
type OutputClass = new (options: {width: number; height: number}) => OutputInstance;

/** Ink's own modules (not in its exports: found beside its entry point). */
const inkBuild = join(realpathSync(fileURLToPath(import.meta.resolve('ink'))), '..');

/** Ink's module `name` bundled with the build's plugins (scripts/build-options.mjs), and as
 * published. */
async function bothOf<T>(name: string): Promise<{quick: T; published: T}> {
	const path = join(inkBuild, name);
	const quick = await importBundled<{default: T}>({path}, buildOptions.plugins ?? []);
	const published = (await import(pathToFileURL(path).href)) as {default: T};
	return {quick: quick.default, published: published.default};
}

let sanitize: {quick: Sanitize; published: Sanitize};
let output: {quick: OutputClass; published: OutputClass};

beforeAll(async () => {
	sanitize = await bothOf<Sanitize>('sanitize-ansi.js');
	output = await bothOf<OutputClass>('output.js');
});

const PIECES = [
	'a',
	'Baghdad',
	' ',
	'    ',
	'“x”…',
	'▸●',
	'日本',
	'👍',
	'e\u0301',
	'\u001b[1m',
	'\u001b[22m',
	'\u001b[1;33m',
	'\u001b[38:5:208m',
	'\u001b[0m',
	'\u001b[2J', // clear screen: dropped
	'\u001b[3A', // cursor up: dropped
	'\u001b[?25l',
	'\u001b]8;;https://example.org\u0007',
	'\u001b]8;;\u0007',
	'\u001b',
	'\u001b[',
	'\u001b[1',
	'\u009b1m', // a C1 CSI
	'\u0085',
	'\u0007',
];

function generated(count: number, seed: number): string[] {
	const next = seededRandom(seed);
	return Array.from({length: count}, () => {
		let text = '';
		const parts = 1 + Math.floor(next() * 10);
		for (let part = 0; part < parts; part++) text += PIECES[Math.floor(next() * PIECES.length)]!;
		return text;
	});
}

describe("Ink's sanitizeAnsi as bundled (quickerOutput)", () => {
	it('keeps SGR codes and drops other controls, a few written out', () => {
		const texts = [
			'\u001b[1m\u001b[35m▸ \u001b[39mTitle\u001b[22m  \u001b[2m12 w\u001b[22m',
			'a\u001b[2Jb\u001b[3Ac',
			'\u001b[38:5:208mx\u001b[0m',
			'x\u009b1my',
			'\u001b]8;;https://example.org\u0007link\u001b]8;;\u0007',
		];
		const expected = [
			'\u001b[1m\u001b[35m▸ \u001b[39mTitle\u001b[22m  \u001b[2m12 w\u001b[22m',
			'abc',
			'\u001b[38:5:208mx\u001b[0m',
			'x\u009b1my',
			'\u001b]8;;https://example.org\u0007link\u001b]8;;\u0007',
		];
		expect(texts.map(sanitize.quick)).toEqual(expected);
		expect(texts.map(sanitize.published)).toEqual(expected);
	});

	it('gives the texts Ink as published gives over 5,000 generated texts', () => {
		const texts = generated(5_000, 20261206);
		const differing = texts.filter((text) => sanitize.quick(text) !== sanitize.published(text));
		expect(differing).toEqual([]);
		// Some texts lose codes, some keep all.
		expect(texts.filter((text) => sanitize.published(text) !== text).length).toBeGreaterThan(500);
		expect(texts.filter((text) => sanitize.published(text) === text).length).toBeGreaterThan(500);
	});

	it('takes a text of ten million characters with codes', () => {
		const text = `\u001b[1m${'a'.repeat(10_000_000)}\u001b[22m`;
		expect(sanitize.quick(text)).toBe(text);
	});
});

describe("Ink's Output as bundled (quickerOutput, quickerTokenize, quickerStyledChars)", () => {
	it('draws a frame written out', () => {
		for (const Output of [output.quick, output.published]) {
			const frame = new Output({width: 12, height: 3});
			frame.write(0, 0, '\u001b[1mab\u001b[22m c', {transformers: []});
			frame.write(2, 1, '日本x', {transformers: []});
			frame.write(8, 2, 'e\u0301z', {transformers: []});
			expect(frame.get()).toEqual({
				output: '\u001b[1mab\u001b[22m c\n  日本x\n        e\u0301z',
				height: 3,
			});
		}
	});

	it('draws the frames Ink as published draws, over 2,000 generated frames', () => {
		const next = seededRandom(20261207);
		const lines = generated(8_000, 20261208);
		const differing: string[] = [];
		for (let index = 0; index < 2_000; index++) {
			const width = 10 + Math.floor(next() * 30);
			const writes = lines
				.slice(index * 4, index * 4 + 4)
				.map((text) => ({x: Math.floor(next() * width), y: Math.floor(next() * 4), text}));
			const draw = (Output: OutputClass) => {
				const frame = new Output({width, height: 4});
				for (const {x, y, text} of writes) frame.write(x, y, text, {transformers: []});
				return frame.get().output;
			};
			if (draw(output.quick) !== draw(output.published)) differing.push(JSON.stringify(writes));
		}
		expect(differing).toEqual([]);
	});
});
