import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative, sep} from 'node:path';
import {createHash} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {generateCorpus, Random} from './corpus.js';
import type {CorpusOptions, GeneratedCorpus} from './corpus.js';

const cacheRoot = mkdtempSync(join(tmpdir(), 'reading-room-corpus-'));
const SMALL: CorpusOptions = {
	name: 'small',
	documents: 200,
	targetBytes: 1_000_000,
	extrasScale: 0.02,
	cacheRoot,
};

function listFiles(folder: string): string[] {
	return readdirSync(folder, {recursive: true, encoding: 'utf8'})
		.filter((entry) => statSync(join(folder, entry)).isFile())
		.map((entry) => entry.split(sep).join('/'))
		.sort();
}

function digest(folder: string): string {
	const hash = createHash('sha256');
	for (const file of listFiles(folder)) hash.update(file).update(readFileSync(join(folder, file)));
	return hash.digest('hex');
}

function wordsOf(text: string): string[] {
	return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	let shared = 0;
	for (const word of a) if (b.has(word)) shared++;
	return shared / (a.size + b.size - shared);
}

let corpus: GeneratedCorpus;

beforeAll(async () => {
	corpus = await generateCorpus(SMALL);
});

afterAll(() => rmSync(cacheRoot, {recursive: true, force: true}));

describe('the synthetic bench corpus', () => {
	it('has exactly the documents asked for, near the target size, some in sub-folders', () => {
		const files = listFiles(corpus.folder);
		expect(files).toHaveLength(200);
		expect(corpus.documents).toBe(200);
		const bytes = files.reduce((sum, file) => sum + statSync(join(corpus.folder, file)).size, 0);
		expect(corpus.bytes).toBe(bytes);
		expect(bytes).toBeGreaterThan(900_000);
		expect(bytes).toBeLessThan(1_150_000);
		expect(files.some((file) => file.includes('/'))).toBe(true);
		expect(files.every((file) => file.endsWith('.txt'))).toBe(true);
	});

	it('is the same bytes for the same seed, and different for another seed', async () => {
		const again = await generateCorpus({...SMALL, name: 'again'});
		expect(digest(again.folder)).toBe(digest(corpus.folder));
		expect(readFileSync(again.diffPairLarge.b, 'utf8')).toBe(
			readFileSync(corpus.diffPairLarge.b, 'utf8'),
		);
		const other = await generateCorpus({...SMALL, name: 'other', seed: 7});
		expect(digest(other.folder)).not.toBe(digest(corpus.folder));
	});

	it('reuses a complete cached corpus and regenerates when the options change', async () => {
		const manifest = join(cacheRoot, 'small', 'manifest.json');
		const writtenAt = statSync(manifest).mtimeMs;
		await generateCorpus(SMALL);
		expect(statSync(manifest).mtimeMs).toBe(writtenAt);

		const changed = await generateCorpus({...SMALL, name: 'changed'});
		await generateCorpus({...SMALL, name: 'changed', documents: 150});
		expect(listFiles(changed.folder)).toHaveLength(150);
	});

	it('writes news-like text: headlines, sentences, paragraphs, several layouts', () => {
		const texts = listFiles(corpus.folder).map((file) =>
			readFileSync(join(corpus.folder, file), 'utf8'),
		);
		const withHeadline = texts.filter(
			(text) => /^[^\n]+\n\n/.test(text) && !/^[^\n]*[.?!]\n/.test(text),
		);
		expect(withHeadline.length / texts.length).toBeGreaterThan(0.6);
		const hardWrapped = texts.filter((text) => text.split('\n').every((line) => line.length <= 80));
		expect(hardWrapped.length).toBeGreaterThan(20);
		const linePerParagraph = texts.filter(
			(text) => !text.slice(text.indexOf('\n\n') + 2).includes('\n\n'),
		);
		expect(linePerParagraph.length).toBeGreaterThan(3);
		for (const text of texts.slice(0, 20)) {
			expect(text).toMatch(/[A-Z][a-z]+ [a-z]+/);
			expect(text).toMatch(/[a-z]\. [A-Z“]/);
			expect(text.endsWith('\n')).toBe(true);
		}
	});

	it('draws words with Zipf-like frequencies from a large vocabulary', () => {
		const counts = new Map<string, number>();
		for (const file of listFiles(corpus.folder)) {
			for (const word of wordsOf(readFileSync(join(corpus.folder, file), 'utf8'))) {
				counts.set(word, (counts.get(word) ?? 0) + 1);
			}
		}
		expect(counts.size).toBeGreaterThan(10_000);
		const ranked = [...counts.values()].sort((a, b) => b - a);
		const at = (rank: number) => ranked[rank - 1] ?? 0;
		// Frequency ∝ 1/rank: ten times the rank, about a tenth of the count.
		expect(at(10) / at(100)).toBeGreaterThan(5);
		expect(at(10) / at(100)).toBeLessThan(20);
		expect(at(1)).toBeGreaterThan(at(10) * 3);
	});

	it('plants near-duplicate pairs, and no other pair is alike', () => {
		expect(corpus.nearDuplicates).toHaveLength(2);
		const ids = listFiles(corpus.folder);
		const sets = new Map(
			ids.map((id) => [id, new Set(wordsOf(readFileSync(join(corpus.folder, id), 'utf8')))]),
		);
		const planted = new Set(corpus.nearDuplicates.map(([a, b]) => `${a}\n${b}`));
		for (const [a, b] of corpus.nearDuplicates) {
			expect(jaccard(sets.get(a) ?? new Set(), sets.get(b) ?? new Set())).toBeGreaterThan(0.85);
			const [textA, textB] = [a, b].map((id) => readFileSync(join(corpus.folder, id), 'utf8'));
			expect(textA).not.toBe(textB);
		}
		let closest = 0;
		for (const [indexA, a] of ids.entries()) {
			for (const b of ids.slice(indexA + 1)) {
				if (planted.has(`${a}\n${b}`) || planted.has(`${b}\n${a}`)) continue;
				closest = Math.max(closest, jaccard(sets.get(a) ?? new Set(), sets.get(b) ?? new Set()));
			}
		}
		expect(closest).toBeLessThan(0.3);
	});

	it('writes diff pairs whose copies differ by the planted single-word edits', () => {
		const words = (path: string) => readFileSync(path, 'utf8').split(/\s+/).filter(Boolean);
		for (const pair of [corpus.diffPairSmall, corpus.diffPairLarge]) {
			const [a, b] = [words(pair.a), words(pair.b)];
			expect(b).toHaveLength(a.length);
			const changed = a.filter((word, index) => word !== b[index]).length;
			expect(changed).toBe(pair.edits);
		}
		expect(corpus.diffPairSmall.edits).toBe(8);
		expect(corpus.diffPairLarge.edits).toBe(32);
		const largeA = readFileSync(corpus.diffPairLarge.a, 'utf8');
		const largeB = readFileSync(corpus.diffPairLarge.b, 'utf8');
		expect(largeA.split('\n\n').length).toBe(largeB.split('\n\n').length);
		expect(largeA.split('\n\n')).not.toEqual(largeB.split('\n\n'));
		expect(
			Math.max(
				...largeB
					.split('\n')
					.slice(1)
					.map((line) => line.length),
			),
		).toBeLessThanOrEqual(64);
		expect(statSync(corpus.largeArticle).size).toBeGreaterThan(90_000);
		expect(relative(corpus.folder, corpus.largeArticle).startsWith('..')).toBe(true);
	});
});

describe('the seeded random numbers', () => {
	it('repeat for a seed and stay in range', () => {
		const [first, second] = [new Random(42), new Random(42)];
		const draws = Array.from({length: 1000}, () => first.float());
		expect(Array.from({length: 1000}, () => second.float())).toEqual(draws);
		expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...draws)).toBeLessThan(1);
	});
});
