import {describe, expect, it} from 'vitest';
import {
	BANDS,
	SIGNATURE_BINS,
	bandKeys,
	estimatedSimilarity,
	signature,
} from '../../../source/core/versions/minhash.js';
import {shingleSet, textShingles} from '../../../source/core/versions/shingles.js';
import {jaccard} from '../../../source/core/versions/similarity.js';
import {article, edited, render, vocabulary} from './generate.js';
import {seededRandom} from '../../fixtures/prose.js';

const random = seededRandom(11);
const words = vocabulary(20_000, random);

describe('signature', () => {
	it('has none for a text without shingles', () => {
		expect(signature(textShingles(''))).toBeUndefined();
		expect(signature(textShingles('Leave a Comment'))).toBeUndefined();
	});

	it('fills every bin, also for texts with fewer shingles than bins', () => {
		const short = signature(textShingles('one two three four five six seven'))!;
		expect(short).toHaveLength(SIGNATURE_BINS);
		// Three shingles: each bin holds the hash of one of them.
		expect(new Set(short).size).toBe(3);
	});

	it('depends only on the set of shingles', () => {
		const text = render(article(words, random, 6));
		const shingles = textShingles(text);
		const once = Array.from(signature(shingles)!);
		const twice = new Uint32Array([...shingles].reverse().concat([...shingles]));
		expect(Array.from(signature(twice)!)).toEqual(once);
		expect(Array.from(signature(textShingles(text.toUpperCase()))!)).toEqual(once);
		expect(Array.from(signature(textShingles(`${text} one more word`))!)).not.toEqual(once);
	});

	it('estimates the exact Jaccard similarity', () => {
		const errors: number[] = [];
		for (const editEvery of [4, 8, 15, 30, 60, 120]) {
			for (let trial = 0; trial < 8; trial++) {
				const original = article(words, random, 12);
				const a = textShingles(render(original));
				const b = textShingles(render(edited(original, words, random, editEvery)));
				const exact = jaccard(shingleSet(a), shingleSet(b));
				errors.push(Math.abs(estimatedSimilarity(signature(a)!, signature(b)!) - exact));
			}
		}
		const mean = errors.reduce((sum, error) => sum + error) / errors.length;
		// One standard deviation is at most 0.044 with 128 bins.
		expect(mean).toBeLessThan(0.05);
		expect(Math.max(...errors)).toBeLessThan(0.2);
	});
});

describe('bandKeys', () => {
	it('gives one key per band, the same for equal signatures', () => {
		const text = render(article(words, random, 4));
		const keys = bandKeys(signature(textShingles(text))!);
		expect(keys).toHaveLength(BANDS);
		expect(Array.from(bandKeys(signature(textShingles(text))!))).toEqual(Array.from(keys));
	});

	it('tells bands apart even when their rows are equal', () => {
		const keys = bandKeys(new Uint32Array(SIGNATURE_BINS).fill(7));
		expect(new Set(keys).size).toBe(BANDS);
	});

	it('shares most bands between versions and almost none between unrelated texts', () => {
		const original = article(words, random, 10);
		const keys = (piece: typeof original) =>
			new Set(bandKeys(signature(textShingles(render(piece)))!));
		const base = keys(original);
		const version = keys(edited(original, words, random, 60));
		const other = keys(article(words, random, 10));
		const shared = (set: Set<number>) => [...set].filter((key) => base.has(key)).length;
		expect(shared(version)).toBeGreaterThan(BANDS / 4);
		expect(shared(other)).toBe(0);
	});
});
