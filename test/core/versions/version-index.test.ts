import {describe, expect, it} from 'vitest';
import type {Document} from '../../../source/core/types.js';
import {shingleSet, textShingles} from '../../../source/core/versions/shingles.js';
import {jaccard} from '../../../source/core/versions/similarity.js';
import {
	VERSION_THRESHOLD,
	VersionIndex,
	findVersions,
	findVersionsOf,
	versionSignature,
} from '../../../source/core/versions/version-index.js';
import type {
	VersionGroup,
	VersionIndexOptions,
} from '../../../source/core/versions/version-index.js';
import {article, edited, render, vocabulary} from './generate.js';
import {seededRandom} from '../../fixtures/prose.js';
import type {Article, Random, Vocabulary} from './generate.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';
import {watchingTextReads} from '../../fixtures/text-reads.js';

const exactSimilarity = (a: Document, b: Document) =>
	jaccard(shingleSet(textShingles(a.text)), shingleSet(textShingles(b.text)));

function indexOf(documents: readonly Document[]): VersionIndex {
	const index = new VersionIndex();
	index.add(documents);
	return index;
}

/** Unrelated articles and, for some, later versions, shuffled together. */
function library(random: Random, words: Vocabulary, count: number, editEvery: number) {
	const documents: Document[] = [];
	const pairs: [string, string][] = [];
	for (let number = 0; number < count; number++) {
		const original = article(words, random, 4 + Math.floor(random() * 10));
		const id = `article-${number}.txt`;
		documents.push(documentFromText(render(original), id));
		if (number % 3 === 0) {
			const wrap = 50 + Math.floor(random() * 30);
			const version = render(edited(original, words, random, editEvery), wrap);
			documents.push(documentFromText(version, `article-${number}-updated.txt`));
			pairs.push([id, `article-${number}-updated.txt`]);
		}
	}
	for (let index = documents.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[documents[index], documents[other]] = [documents[other]!, documents[index]!];
	}
	return {documents, pairs};
}

const sortedIds = (groups: VersionGroup[]) =>
	groups.map((group) => [...group.documents].sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));

describe('VersionIndex on the seeds', () => {
	it('groups 000 and 001, the same article with another headline, dateline and footer', async () => {
		const seeds = seedDocuments();
		const [first, second] = seeds;
		const groups = indexOf(seeds).groups();
		expect(groups).toHaveLength(1);
		expect(groups[0]!.documents).toEqual([first!.id, second!.id]);
		expect(groups[0]!.documents[0]).toMatch(/^000_/);
		expect(groups[0]!.documents[1]).toMatch(/^001_/);
		// The figure is the pair's exact similarity: high, yet below 1 as the texts differ.
		expect(groups[0]!.similarity).toBe(exactSimilarity(first!, second!));
		expect(groups[0]!.similarity).toBeGreaterThan(0.9);
		expect(groups[0]!.similarity).toBeLessThan(1);
	});

	it('leaves 002, 003 and 004, other articles about the same events, alone', async () => {
		const seeds = seedDocuments();
		const index = indexOf(seeds);
		for (const seed of seeds.slice(2)) {
			expect(index.groupOf(seed.id)).toBeUndefined();
			expect(index.closestVersion(seed.id)).toBeUndefined();
			// Far below the threshold, not just under it.
			for (const other of seeds) {
				if (other !== seed)
					expect(exactSimilarity(seed, other)).toBeLessThan(VERSION_THRESHOLD / 10);
			}
		}
	});

	it('answers groupOf and closestVersion for the grouped seeds', async () => {
		const seeds = seedDocuments();
		const index = indexOf(seeds);
		const [first, second] = seeds;
		expect(index.groupOf(second!.id)).toEqual(index.groups()[0]);
		expect(index.closestVersion(first!.id)).toEqual({
			id: second!.id,
			similarity: index.groups()[0]!.similarity,
		});
		expect(index.closestVersion(second!.id)?.id).toBe(first!.id);
		expect(index.groupOf('not-there.txt')).toBeUndefined();
		expect(index.closestVersion('not-there.txt')).toBeUndefined();
	});
});

describe('VersionIndex on generated articles', () => {
	it('groups versions with edits, a new headline and footer and re-wrapped lines', () => {
		const random = seededRandom(1);
		const words = vocabulary(20_000, random);
		const {documents, pairs} = library(random, words, 60, 30);
		const groups = indexOf(documents).groups();
		expect(sortedIds(groups)).toEqual(
			pairs.map((pair) => [...pair].sort()).sort((a, b) => a[0]!.localeCompare(b[0]!)),
		);
		for (const group of groups) {
			expect(group.similarity).toBeGreaterThanOrEqual(VERSION_THRESHOLD);
			expect(group.similarity).toBeLessThan(1);
		}
	});

	it('keeps the members of each group in corpus order, and groups by first member', () => {
		const random = seededRandom(2);
		const words = vocabulary(20_000, random);
		const {documents} = library(random, words, 30, 40);
		const order = new Map(documents.map((document, position) => [document.id, position]));
		const firsts = indexOf(documents)
			.groups()
			.map((group) => {
				const positions = group.documents.map((id) => order.get(id)!);
				expect(positions).toEqual([...positions].sort((a, b) => a - b));
				return positions[0]!;
			});
		expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
	});

	it('does not group unrelated articles that share boilerplate paragraphs', () => {
		const random = seededRandom(3);
		const words = vocabulary(20_000, random);
		const boilerplate = article(words, random, 2).paragraphs;
		const documents = Array.from({length: 40}, (_, number) => {
			const piece = article(words, random, 3 + (number % 5));
			const text = render({...piece, paragraphs: [...piece.paragraphs, ...boilerplate]});
			return documentFromText(text, `wire-${number}.txt`);
		});
		expect(exactSimilarity(documents[0]!, documents[1]!)).toBeGreaterThan(0.02);
		expect(indexOf(documents).groups()).toEqual([]);
	});

	it('groups three versions of one article, with the weakest pair as the figure', () => {
		const random = seededRandom(4);
		const words = vocabulary(20_000, random);
		const first = article(words, random, 10);
		const second = edited(first, words, random, 40);
		const third = edited(second, words, random, 40);
		const documents = [first, second, third].map((piece, number) =>
			documentFromText(render(piece, 60 + number * 5), `v${number + 1}.txt`),
		);
		const unrelated = documentFromText(render(article(words, random, 10)), 'other.txt');
		const index = indexOf([documents[2]!, unrelated, documents[0]!, documents[1]!]);
		const groups = index.groups();
		expect(groups).toHaveLength(1);
		expect(groups[0]!.documents).toEqual(['v3.txt', 'v1.txt', 'v2.txt']);
		const pairs = [
			exactSimilarity(documents[0]!, documents[1]!),
			exactSimilarity(documents[1]!, documents[2]!),
			exactSimilarity(documents[0]!, documents[2]!),
		];
		expect(groups[0]!.similarity).toBe(Math.min(...pairs));
		// v1 and v3 are two rounds of edits apart: each is closest to v2.
		expect(index.closestVersion('v1.txt')?.id).toBe('v2.txt');
		expect(index.closestVersion('v3.txt')?.id).toBe('v2.txt');
	});

	it('links a chain whose ends are further apart than the threshold', () => {
		const random = seededRandom(5);
		const words = vocabulary(20_000, random);
		const parts = Array.from({length: 5}, () => article(words, random, 5).paragraphs);
		const text = (from: number) =>
			parts
				.slice(from, from + 3)
				.flat()
				.join('\n\n');
		const chain = [0, 1, 2].map((from) => documentFromText(text(from), `part-${from}.txt`));
		const groups = indexOf(chain).groups();
		expect(groups.map((group) => group.documents)).toEqual([
			['part-0.txt', 'part-1.txt', 'part-2.txt'],
		]);
		expect(exactSimilarity(chain[0]!, chain[2]!)).toBeLessThan(VERSION_THRESHOLD);
		expect(groups[0]!.similarity).toBe(exactSimilarity(chain[0]!, chain[2]!));
	});

	it('finds the same groups whatever the batches and the order', () => {
		const random = seededRandom(6);
		const words = vocabulary(20_000, random);
		const {documents} = library(random, words, 45, 25);
		const whole = indexOf(documents).groups();
		expect(whole.length).toBeGreaterThan(5);
		expect(indexOf(documents).groups()).toEqual(whole);

		const batched = new VersionIndex();
		for (let start = 0; start < documents.length; start += 7) {
			batched.add(documents.slice(start, start + 7));
		}
		expect(batched.groups()).toEqual(whole);

		const reversed = indexOf([...documents].reverse()).groups();
		expect(sortedIds(reversed)).toEqual(sortedIds(whole));
		expect(reversed.map((group) => group.similarity).sort()).toEqual(
			whole.map((group) => group.similarity).sort(),
		);
		expect(findVersions(documents)).toEqual(whole);
	});

	it('never groups empty or nearly empty documents', () => {
		const texts = ['', '', '\n\n', '  — … —  ', 'Leave a Comment', 'Leave a Comment', 'a b c d'];
		const documents = texts.map((text, number) => documentFromText(text, `empty-${number}.txt`));
		const index = indexOf(documents);
		expect(index.groups()).toEqual([]);
		expect(index.closestVersion('empty-0.txt')).toBeUndefined();
	});

	it('groups exact copies, however many', () => {
		const random = seededRandom(7);
		const words = vocabulary(20_000, random);
		const text = render(article(words, random, 6));
		const copies = Array.from({length: 80}, (_, number) =>
			documentFromText(text, `copy-${number}.txt`),
		);
		const groups = indexOf(copies).groups();
		expect(groups).toEqual([{documents: copies.map((copy) => copy.id), similarity: 1}]);
	});

	it('replaces a document added again under the same id', () => {
		const random = seededRandom(8);
		const words = vocabulary(20_000, random);
		const original: Article = article(words, random, 8);
		const first = documentFromText(render(original), 'a.txt');
		const second = documentFromText(render(edited(original, words, random, 50)), 'b.txt');
		const third = documentFromText(render(edited(original, words, random, 50)), 'c.txt');
		const index = indexOf([first, second, third]);
		expect(index.groups().map((group) => group.documents)).toEqual([['a.txt', 'b.txt', 'c.txt']]);

		index.add([documentFromText(render(edited(original, words, random, 50)), 'b.txt')]);
		expect(index.groups()[0]!.documents).toEqual(['a.txt', 'c.txt', 'b.txt']);

		index.add([documentFromText(render(article(words, random, 8)), 'a.txt')]);
		expect(index.groups().map((group) => group.documents)).toEqual([['c.txt', 'b.txt']]);
		expect(index.groupOf('a.txt')).toBeUndefined();

		// The same text again changes nothing, not even the order.
		index.add([third]);
		expect(index.groups().map((group) => group.documents)).toEqual([['c.txt', 'b.txt']]);
	});
});

describe('findVersions: one batch, the band keys no other document has left out', () => {
	const described = (groups: VersionGroup[]) =>
		groups.map((group) => ({documents: group.documents, similarity: group.similarity}));
	const added = (documents: readonly Document[], options: VersionIndexOptions = {}) => {
		const index = new VersionIndex(options);
		index.add(documents);
		return described(index.groups());
	};

	it('finds the planted versions, as adding them does', () => {
		const random = seededRandom(21);
		const words = vocabulary(20_000, random);
		const {documents, pairs} = library(random, words, 90, 30);
		const found = findVersions(documents);
		expect(sortedIds(found)).toEqual(
			pairs.map((pair) => [...pair].sort()).sort((a, b) => a[0]!.localeCompare(b[0]!)),
		);
		expect(described(found)).toEqual(added(documents));
	});

	it('agrees with adding where buckets fill up, chains form and ids repeat', () => {
		const random = seededRandom(22);
		const words = vocabulary(20_000, random);
		const original = article(words, random, 6);
		const text = render(original);
		// 40 copies share every band key: more than a bucket keeps (32).
		const copies = Array.from({length: 40}, (_, number) =>
			documentFromText(text, `copy-${number}.txt`),
		);
		// A chain of edits, each a version of the one before.
		let link = original;
		const chain = Array.from({length: 6}, (_, number) => {
			link = edited(link, words, random, 40);
			return documentFromText(render(link), `chain-${number}.txt`);
		});
		const unrelated = Array.from({length: 30}, (_, number) =>
			documentFromText(render(article(words, random, 3)), `other-${number}.txt`),
		);
		// An id given twice in the batch: the later text replaces the earlier.
		const again = documentFromText(render(edited(original, words, random, 20)), 'other-3.txt');
		const empty = documentFromText('Leave a Comment', 'empty.txt');
		const documents = [...unrelated.slice(0, 10), ...copies, empty, ...chain, again];
		documents.push(...unrelated.slice(10));
		const found = findVersions(documents);
		expect(found.map((group) => group.documents.length)).toEqual([47]);
		expect(described(found)).toEqual(added(documents));
	});

	it('agrees with adding when some signatures are kept and others worked out', () => {
		const random = seededRandom(23);
		const words = vocabulary(20_000, random);
		const {documents} = library(random, words, 45, 25);
		const kept = new Map(
			documents
				.filter((_, position) => position % 2 === 0)
				.map((document) => [document.id, versionSignature(document.text) ?? null]),
		);
		const options: VersionIndexOptions = {knownSignature: (document) => kept.get(document.id)};
		const found = findVersions(documents, options);
		expect(found.length).toBeGreaterThan(5);
		expect(described(found)).toEqual(added(documents, options));
		expect(described(found)).toEqual(added(documents));
	});
});

describe('findVersionsOf: the group of one document, only what it can be grouped with added', () => {
	const described = (group: VersionGroup | undefined) =>
		group && {documents: group.documents, similarity: group.similarity};

	it('gives each document the group findVersions puts it in, chains and full buckets too', () => {
		const random = seededRandom(24);
		const words = vocabulary(20_000, random);
		const {documents} = library(random, words, 45, 25);
		const original = article(words, random, 6);
		const text = render(original);
		documents.push(
			...Array.from({length: 36}, (_, number) => documentFromText(text, `copy-${number}.txt`)),
		);
		let link = original;
		for (let number = 0; number < 5; number++) {
			link = edited(link, words, random, 40);
			documents.push(documentFromText(render(link), `chain-${number}.txt`));
		}
		documents.push(documentFromText('Leave a Comment', 'empty.txt'));
		const index = new VersionIndex();
		index.add(documents);
		expect(index.groups().length).toBeGreaterThan(10);
		for (const document of documents) {
			expect(described(findVersionsOf(documents, document.id)), document.id).toEqual(
				described(index.groupOf(document.id)),
			);
		}
		expect(findVersionsOf(documents, 'copy-7.txt')!.documents).toHaveLength(36 + 5);
		expect(findVersionsOf(documents, 'empty.txt')).toBeUndefined();
		expect(findVersionsOf(documents, 'not-there.txt')).toBeUndefined();
	});

	it('gives what adding gives when an id comes twice', () => {
		const random = seededRandom(26);
		const words = vocabulary(20_000, random);
		const original = article(words, random, 6);
		const documents = [
			documentFromText(render(original), 'a.txt'),
			documentFromText(render(edited(original, words, random, 30)), 'b.txt'),
			documentFromText(render(article(words, random, 5)), 'c.txt'),
			// a.txt again, another article now: b.txt's version no longer.
			documentFromText(render(article(words, random, 5)), 'a.txt'),
			documentFromText(render(edited(original, words, random, 30)), 'd.txt'),
		];
		const index = new VersionIndex();
		index.add(documents);
		expect(index.groupOf('b.txt')!.documents).toEqual(['b.txt', 'd.txt']);
		for (const id of ['a.txt', 'b.txt', 'c.txt', 'd.txt']) {
			expect(described(findVersionsOf(documents, id)), id).toEqual(described(index.groupOf(id)));
		}
	});

	it('reads the texts of its group only, when the signatures are kept', () => {
		const random = seededRandom(25);
		const words = vocabulary(20_000, random);
		const {documents, pairs} = library(random, words, 30, 30);
		const kept = new Map(
			documents.map((document) => [document.id, versionSignature(document.text) ?? null]),
		);
		const {watched, read} = watchingTextReads(documents);
		const [first, second] = pairs[0]!;
		const group = findVersionsOf(watched, second, {
			knownSignature: (document) => kept.get(document.id),
		});
		expect([...group!.documents].sort()).toEqual([first, second].sort());
		expect([...read].sort()).toEqual([first, second].sort());
	});
});
