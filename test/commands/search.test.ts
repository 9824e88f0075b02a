import {beforeAll, describe, expect, it} from 'vitest';
import {searchCommand} from '../../source/commands/search.js';
import {cellWidth} from '../../source/core/text/width.js';
import type {Document} from '../../source/core/types.js';
import {seedDocuments} from '../fixtures/seeds.js';

// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const SGR = /\u001b\[[0-9;]*m/g;

async function run(
	documents: readonly Document[],
	query: string,
	options: {json?: boolean; colour?: boolean; limit?: number; width?: number} = {},
) {
	let output = '';
	const code = await searchCommand({
		query,
		documents,
		limit: options.limit ?? 20,
		json: options.json ?? false,
		width: options.width ?? 100,
		colour: options.colour ?? false,
		write: (text) => {
			output += text;
		},
	});
	return {code, output};
}

describe('searchCommand', () => {
	let seeds: Document[];
	beforeAll(async () => {
		seeds = seedDocuments();
	});

	it('prints one line per result, best first: title, file and the matching passage', async () => {
		const {code, output} = await run(seeds, 'rohani');
		expect(code).toBe(0);
		const lines = output.trimEnd().split('\n');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toContain(`(${seeds[3]!.id})`);
		expect(lines[1]).toContain(`(${seeds[4]!.id})`);
		for (const line of lines) {
			expect(line).toMatch(/Rouhani/);
			expect(line).not.toMatch(SGR);
			expect(cellWidth(line)).toBeLessThanOrEqual(100);
		}
		expect(lines[0]!.startsWith(seeds[3]!.title.slice(0, 20))).toBe(true);
	});

	it('fits each line to the width when the file name leaves room', async () => {
		for (const width of [70, 80, 120]) {
			const {output} = await run(seeds, 'kadimi zarif', {width});
			const lines = output.trimEnd().split('\n');
			expect(lines.length).toBeGreaterThan(0);
			for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(width);
		}
	});

	it('limits the number of results', async () => {
		const {output} = await run(seeds, 'kadimi', {limit: 2});
		expect(output.trimEnd().split('\n')).toHaveLength(2);
	});

	it('marks matched words with SGR bold colour when asked, and only then', async () => {
		const {output} = await run(seeds, 'rohani', {colour: true});
		expect(output).toContain('\u001b[1;33mRouhani\u001b[22;39m');
		// Nothing but SGR sequences: no other escape reaches the terminal.
		expect(output.replace(SGR, '')).not.toContain('\u001b');
		const plain = await run(seeds, 'rohani');
		expect(output.replace(SGR, '')).toBe(plain.output);
	});

	it('writes JSON with the query and ranked results', async () => {
		const {code, output} = await run(seeds, 'soleimany kadimi', {json: true, width: 60});
		expect(code).toBe(0);
		const parsed = JSON.parse(output) as {
			query: string;
			total: number;
			results: {id: string; title: string; score: number; snippet: string}[];
		};
		expect(parsed.query).toBe('soleimany kadimi');
		// 000 and 003 have Kadhimi in the title; 000 names Soleimani 8 times, 003 once.
		expect(parsed.results.map((result) => result.id.slice(0, 3))).toEqual([
			'000',
			'003',
			'001',
			'004',
		]);
		expect(parsed.total).toBe(4);
		const scores = parsed.results.map((result) => result.score);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
		for (const result of parsed.results) {
			expect(cellWidth(result.snippet)).toBeLessThanOrEqual(60);
			expect(result.title).toBe(seeds.find((seed) => seed.id === result.id)!.title);
		}
	});

	it('exits 1 with no results, in both forms', async () => {
		expect(await run(seeds, 'qwertyuiop')).toEqual({code: 1, output: ''});
		const json = await run(seeds, '   ', {json: true});
		expect(json.code).toBe(1);
		expect(JSON.parse(json.output)).toEqual({query: '   ', total: 0, results: []});
		expect((await run([], 'kadhimi')).code).toBe(1);
	});

	it('prints sanitised text only, even for documents full of control sequences', async () => {
		const {parseDocument} = await import('../../source/core/corpus/document.js');
		const text = 'Alert \u001b[2J\n\nRouhani \u001b]0;pwned\u0007 spoke.';
		const document = parseDocument({
			id: 'alert.txt',
			path: '/x',
			bytes: 40,
			text,
			encoding: 'utf-8',
		});
		const {output} = await run([document], 'rouhani', {colour: true});
		// eslint-disable-next-line no-control-regex -- no control character may reach the terminal
		expect(output.replace(SGR, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
		expect(output).toContain('␛[2J');
	});
});
