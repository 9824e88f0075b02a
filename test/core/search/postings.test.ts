import {describe, expect, it} from 'vitest';
import {IN_BODY, IN_TITLE, Postings} from '../../../source/core/search/postings.js';

describe('Postings', () => {
	it('keeps one posting per document per term, in order, with the fields combined', () => {
		// A model: for 3,000 documents, terms drawn with skewed frequency, in title or body.
		const postings = new Postings();
		const model = new Map<number, Map<number, number>>();
		let state = 1;
		const next = () => {
			state = (Math.imul(state, 48_271) + 11) >>> 0;
			return state / 2 ** 32;
		};
		for (let ordinal = 0; ordinal < 3000; ordinal++) {
			for (let word = 0; word < 40; word++) {
				const term = Math.floor(next() ** 3 * 5000);
				const field = next() < 0.2 ? IN_TITLE : IN_BODY;
				postings.add(term, ordinal, field);
				const list = model.get(term) ?? new Map<number, number>();
				list.set(ordinal, (list.get(ordinal) ?? 0) | field);
				model.set(term, list);
			}
		}
		for (let term = 0; term < 5000; term++) {
			const seen: number[] = [];
			postings.forEach(term, (posting) => seen.push(posting));
			const expected = [...(model.get(term) ?? new Map<number, number>())].map(
				([ordinal, fields]) => (ordinal << 2) | fields,
			);
			expect(seen).toEqual(expected);
		}
	});

	it('keeps long lists whole across the storage chunks', () => {
		const postings = new Postings();
		const count = 1_500_000;
		for (let ordinal = 0; ordinal < count; ordinal++) {
			postings.add(0, ordinal, IN_BODY);
			if (ordinal % 3 === 0) postings.add(1, ordinal, IN_TITLE);
		}
		let expected = 0;
		let intact = true;
		postings.forEach(0, (posting) => {
			intact &&= posting === ((expected++ << 2) | IN_BODY);
		});
		expect([intact, expected]).toEqual([true, count]);
		let thirds = 0;
		postings.forEach(1, (posting) => {
			intact &&= posting === (((thirds++ * 3) << 2) | IN_TITLE);
		});
		expect([intact, thirds]).toEqual([true, count / 3]);
	});

	it('has nothing for terms never added', () => {
		const postings = new Postings();
		postings.add(3, 0, IN_BODY);
		const seen: number[] = [];
		postings.forEach(2, (posting) => seen.push(posting));
		postings.forEach(1_000_000, (posting) => seen.push(posting));
		expect(seen).toEqual([]);
	});
});
