import {describe, expect, it} from 'vitest';
import {shingleSet, textShingles} from '../../../source/core/versions/shingles.js';
import {containment, jaccard, sharedCount} from '../../../source/core/versions/similarity.js';
import {seedDocuments} from '../../fixtures/seeds.js';

const set = (values: number[]) => shingleSet(Uint32Array.from(values));

describe('similarity', () => {
	it('counts shared values of sorted sets', () => {
		expect(sharedCount(set([1, 3, 5, 7]), set([2, 3, 4, 7, 9]))).toBe(2);
		expect(jaccard(set([1, 3, 5, 7]), set([2, 3, 4, 7, 9]))).toBeCloseTo(2 / 7);
		expect(containment(set([3, 7]), set([2, 3, 4, 7, 9]))).toBe(1);
	});

	it('scores nothing in common, or nothing at all, as 0', () => {
		expect(jaccard(set([]), set([]))).toBe(0);
		expect(containment(set([]), set([1]))).toBe(0);
		expect(jaccard(set([1, 2]), set([3, 4]))).toBe(0);
	});

	it('is 1 for a seed against itself and symmetric across seeds', async () => {
		const sets = seedDocuments().map((document) => shingleSet(textShingles(document.text)));
		for (const a of sets) {
			expect(jaccard(a, a)).toBe(1);
			for (const b of sets) expect(jaccard(a, b)).toBe(jaccard(b, a));
		}
	});
});
