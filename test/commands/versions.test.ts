import {describe, expect, it} from 'vitest';
import {versionsCommand} from '../../source/commands/versions.js';
import {cellWidth} from '../../source/core/text/width.js';
import type {Document} from '../../source/core/types.js';
import {shingleSet, textShingles} from '../../source/core/versions/shingles.js';
import {jaccard} from '../../source/core/versions/similarity.js';
import {seedDocuments} from '../fixtures/seeds.js';

async function run(documents: readonly Document[], json: boolean, width?: number) {
	let output = '';
	const code = await versionsCommand({documents, json, width, write: (text) => (output += text)});
	return {code, output};
}

const similarity = (a: Document, b: Document) =>
	jaccard(shingleSet(textShingles(a.text)), shingleSet(textShingles(b.text)));

describe('versionsCommand', () => {
	it('lists the seed group with its similarity, ids and titles', async () => {
		const seeds = seedDocuments();
		const [first, second] = seeds;
		const {code, output} = await run(seeds, false);
		expect(code).toBe(0);
		const lines = output.trimEnd().split('\n');
		expect(lines[0]).toBe('1 article has versions:');
		expect(lines[1]).toBe('');
		// Not "similar": that is the diff's word-by-word figure (98.8% for this pair).
		expect(lines[2]).toBe('97% phrase overlap');
		expect(Math.floor(similarity(first!, second!) * 100)).toBe(97);
		expect(lines[3]).toMatch(new RegExp(`^  ${first!.id}  \\S`));
		expect(lines[4]).toBe(`  ${second!.id}  ${second!.title}`);
		expect(lines).toHaveLength(5);
		for (const seed of seeds.slice(2)) expect(output).not.toContain(seed.id);
	});

	it('cuts long titles to the width', async () => {
		const seeds = seedDocuments();
		const {output} = await run(seeds, false, 50);
		for (const line of output.split('\n')) expect(cellWidth(line)).toBeLessThanOrEqual(50);
	});

	it('says so when there are no versions', async () => {
		const seeds = seedDocuments();
		expect(await run(seeds.slice(2), false)).toEqual({
			code: 0,
			output: 'No versions found among 3 documents.\n',
		});
		expect((await run([], false)).output).toBe('No versions found among 0 documents.\n');
	});

	it('prints the groups as JSON', async () => {
		const seeds = seedDocuments();
		const [first, second] = seeds;
		const {code, output} = await run(seeds, true);
		expect(code).toBe(0);
		const parsed = JSON.parse(output) as {groups: {documents: string[]; overlap: number}[]};
		expect(parsed.groups).toHaveLength(1);
		expect(parsed.groups[0]!.documents).toEqual([first!.id, second!.id]);
		expect(parsed.groups[0]!.overlap).toBeCloseTo(similarity(first!, second!), 3);
		expect(JSON.parse((await run(seeds.slice(2), true)).output)).toEqual({groups: []});
	});
});
