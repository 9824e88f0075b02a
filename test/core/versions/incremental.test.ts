import {describe, expect, it} from 'vitest';
import type {Document} from '../../../source/core/types.js';
import {SignatureBuilder, signature} from '../../../source/core/versions/minhash.js';
import {ShingleStream, shingleHashes} from '../../../source/core/versions/shingles.js';
import {VersionIndex} from '../../../source/core/versions/version-index.js';
import {newWordCarry, pieceEnd, wordHashes} from '../../../source/core/versions/words.js';
import {article, edited, render, vocabulary} from './generate.js';
import {seededRandom} from '../../fixtures/prose.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';

/** Articles, versions of some of them (one word in `editEvery` changed, re-wrapped), and a
 * document that re-uses an earlier id with new text, in a fixed order. */
function library(seed: number, count: number, editEvery: number): Document[] {
	const random = seededRandom(seed);
	const words = vocabulary(5_000, random);
	const documents: Document[] = [];
	for (let number = 0; number < count; number++) {
		const original = article(words, random, 3 + Math.floor(random() * 8));
		documents.push(documentFromText(render(original), `article-${number}.txt`));
		if (number % 2 === 0) {
			const version = render(edited(original, words, random, editEvery), 55);
			documents.push(documentFromText(version, `article-${number}-v2.txt`));
		}
		if (number === 4) {
			const again = render(edited(original, words, random, editEvery), 70);
			documents.push(documentFromText(again, `article-2.txt`));
		}
	}
	documents.push(documentFromText('', 'empty.txt'), documentFromText('Two words', 'short.txt'));
	return documents;
}

function describeIndex(index: VersionIndex, documents: readonly Document[]) {
	return {
		groups: index.groups(),
		closest: documents.map((document) => index.closestVersion(document.id)),
		groupOf: documents.map((document) => index.groupOf(document.id)),
	};
}

function stepToEnd(job: {step(deadline: () => boolean): boolean}): number {
	let steps = 1;
	while (!job.step(() => true)) steps++;
	return steps;
}

describe('VersionIndex.startAdding', () => {
	it('gives the same groups and similarities as add on the seeds, whatever the pieces', async () => {
		const seeds = seedDocuments();
		const whole = new VersionIndex();
		whole.add(seeds);
		expect(whole.groups()).toHaveLength(1);
		for (const pieceCharacters of [1, 3, 17, 400, undefined]) {
			const sliced = new VersionIndex();
			const job = sliced.startAdding(
				seeds,
				pieceCharacters === undefined ? undefined : {pieceCharacters},
			);
			stepToEnd(job);
			expect(describeIndex(sliced, seeds), `pieces of ${pieceCharacters}`).toEqual(
				describeIndex(whole, seeds),
			);
		}
	});

	it('gives the same groups and similarities as add on generated near-duplicates', () => {
		for (const [seed, editEvery] of [
			[1, 30],
			[2, 12],
		] as const) {
			const documents = library(seed, 24, editEvery);
			const whole = new VersionIndex();
			whole.add(documents);
			expect(whole.groups().length).toBeGreaterThan(5);
			for (const pieceCharacters of [1, 5, 64, 2_000]) {
				const sliced = new VersionIndex();
				stepToEnd(sliced.startAdding(documents, {pieceCharacters}));
				expect(describeIndex(sliced, documents), `pieces of ${pieceCharacters}`).toEqual(
					describeIndex(whole, documents),
				);
			}
		}
	});

	it('reads a long document a piece per step, and groups it only when it is read through', () => {
		const documents = library(3, 4, 40);
		const [first, version] = documents;
		expect(version!.id).toBe('article-0-v2.txt');
		const index = new VersionIndex();
		index.add([first!]);
		const job = index.startAdding([version!], {pieceCharacters: 100});
		const steps = stepToEnd(job);
		// A piece of its text per step, then a part per step to sort its shingles and the
		// first one's (read a piece per step too, as its set was not kept), then the comparison.
		const pieces = (text: string) => Math.ceil(text.length / 100);
		expect(steps).toBeGreaterThanOrEqual(pieces(version!.text) + pieces(first!.text));
		expect(steps).toBeLessThanOrEqual(3 * (pieces(version!.text) + pieces(first!.text)));
		expect(index.groupOf(first!.id)?.documents).toEqual([first!.id, version!.id]);

		const partial = new VersionIndex();
		partial.add([first!]);
		const unfinished = partial.startAdding([version!], {pieceCharacters: 100});
		unfinished.step(() => true);
		expect(unfinished.completed).toBe(0);
		expect(partial.groups()).toEqual([]);
		expect(partial.groupOf(version!.id)).toBeUndefined();
		expect(() => partial.startAdding([first!])).toThrow(/still being added/);
		stepToEnd(unfinished);
		expect(partial.groups()).toEqual(index.groups());
	});
});

describe('the pieces of a text', () => {
	const text = `${render(article(vocabulary(500, seededRandom(4)), seededRandom(5), 3))} Café 😀 東京で ${'q'.repeat(40)}`;

	it('hash to the same words, shingles and signature as the whole text', () => {
		const words = wordHashes(text);
		const shingles = shingleHashes(words);
		for (const size of [1, 2, 9, 100]) {
			const carry = newWordCarry();
			const stream = new ShingleStream();
			const builder = new SignatureBuilder();
			const pieceWords: number[] = [];
			const pieceShingles: number[] = [];
			for (let from = 0; from < text.length;) {
				const to = pieceEnd(text, from, size);
				const part = wordHashes(text, from, to, carry);
				pieceWords.push(...part);
				const partShingles = stream.push(part);
				pieceShingles.push(...partShingles);
				builder.add(partShingles);
				from = to;
			}
			expect(pieceWords, `pieces of ${size}`).toEqual([...words]);
			expect(pieceShingles, `pieces of ${size}`).toEqual([...shingles]);
			expect(builder.finish()).toEqual(signature(shingles));
		}
	});

	it('have no signature when the text has no shingle', () => {
		const builder = new SignatureBuilder();
		builder.add(new Uint32Array(0));
		expect(builder.finish()).toBeUndefined();
		const stream = new ShingleStream();
		expect(stream.push(Uint32Array.of(1, 2))).toHaveLength(0);
		expect(stream.push(Uint32Array.of(3, 4))).toHaveLength(0);
		expect([...stream.push(Uint32Array.of(5, 6))]).toEqual([
			...shingleHashes(Uint32Array.of(1, 2, 3, 4, 5, 6)),
		]);
	});
});

describe('a document’s text in a piece of its own', () => {
	it('is got in a step before its first piece is read (a store reads it back when asked)', () => {
		const [first] = library(3, 1, 40);
		const index = new VersionIndex();
		const job = index.startAdding([first!], {pieceCharacters: 50});
		let calls = 0;
		while (!job.done) {
			job.step(() => true);
			calls++;
		}
		// A step for the text, then one per 50 characters read (readShingles).
		expect(calls).toBe(1 + Math.ceil(first!.text.length / 50));
	});
});
