import {describe, expect, it} from 'vitest';
import {shingleSet, textShingles} from '../../../source/core/versions/shingles.js';
import {jaccard} from '../../../source/core/versions/similarity.js';
import {jaccardOf, readShingles, sortedSetOf} from '../../../source/core/versions/stepwise.js';
import {article, render, vocabulary} from './generate.js';
import {seededRandom} from '../../fixtures/prose.js';

/** Runs a generator to its end; returns its value and how many times it yielded. */
function run<T>(steps: Generator<void, T>): {value: T; yields: number} {
	let yields = 0;
	for (;;) {
		const next = steps.next();
		if (next.done === true) return {value: next.value, yields};
		yields++;
	}
}

function concat(parts: readonly Uint32Array[]): Uint32Array {
	const all = new Uint32Array(parts.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of parts) {
		all.set(part, at);
		at += part.length;
	}
	return all;
}

describe('the versions work in steps', () => {
	const random = seededRandom(7);
	const words = vocabulary(3_000, random);
	const text = render(article(words, random, 40));

	it('reads the same shingles as textShingles, a piece per step', () => {
		const whole = textShingles(text);
		for (const size of [1, 50, 1_000, Number.POSITIVE_INFINITY]) {
			const {value: parts, yields} = run(readShingles(text, size));
			expect(concat(parts)).toEqual(whole);
			expect(yields).toBe(Math.ceil(text.length / Math.min(size, text.length)) - 1);
		}
		expect(run(readShingles('', 10)).value).toEqual([]);
	});

	it('sorts parts into the set shingleSet gives, merging in bounded runs', () => {
		// Repeats within and across parts, and more values than one step merges.
		const source = Uint32Array.from({length: 300_000}, () => Math.floor(random() * 100_000) * 7919);
		const parts: Uint32Array[] = [];
		for (let at = 0; at < source.length; at += 1_337) parts.push(source.slice(at, at + 1_337));
		const {value, yields} = run(sortedSetOf(parts));
		expect(value).toEqual(shingleSet(source));
		expect(yields).toBeGreaterThan(parts.length + 5);
		expect(run(sortedSetOf([])).value).toEqual(new Uint32Array(0));
		expect(run(sortedSetOf([source])).value).toEqual(shingleSet(source));
	});

	it('computes jaccard exactly', () => {
		const a = shingleSet(Uint32Array.from({length: 200_000}, (_, n) => n * 3));
		const b = shingleSet(Uint32Array.from({length: 150_000}, (_, n) => n * 5));
		const {value, yields} = run(jaccardOf(a, b));
		expect(value).toBe(jaccard(a, b));
		expect(value).toBeGreaterThan(0);
		expect(yields).toBeGreaterThan(3);
		expect(run(jaccardOf(new Uint32Array(0), new Uint32Array(0))).value).toBe(0);
	});
});
