import {describe, expect, it} from 'vitest';
import {
	DocumentPostings,
	IN_BODY,
	IN_TITLE,
	Postings,
	makePosting,
	postingField,
	postingFrequency,
	postingOrdinal,
} from '../../../source/core/search/postings.js';

describe('Postings', () => {
	it('keeps one posting per document per term, in order, with the fields and occurrences', () => {
		// A model: for 3,000 documents, terms drawn with skewed frequency, in title or body.
		const postings = new Postings();
		const model = new Map<number, Map<number, {fields: number; count: number}>>();
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
				const list = model.get(term) ?? new Map<number, {fields: number; count: number}>();
				const before = list.get(ordinal) ?? {fields: 0, count: 0};
				list.set(ordinal, {fields: before.fields | field, count: before.count + 1});
				model.set(term, list);
			}
		}
		for (let term = 0; term < 5000; term++) {
			const seen: number[] = [];
			postings.forEach(term, (posting) => seen.push(posting));
			const expected = [
				...(model.get(term) ?? new Map<number, {fields: number; count: number}>()),
			].map(([ordinal, {fields, count}]) => [ordinal, fields, Math.min(16, count)]);
			expect(
				seen.map((posting) => [
					postingOrdinal(posting),
					postingField(posting),
					postingFrequency(posting),
				]),
			).toEqual(expected);
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
			intact &&= posting === makePosting(expected++, IN_BODY);
		});
		expect([intact, expected]).toEqual([true, count]);
		let thirds = 0;
		postings.forEach(1, (posting) => {
			intact &&= posting === makePosting(thirds++ * 3, IN_TITLE);
		});
		expect([intact, thirds]).toEqual([true, count / 3]);
	});

	it('counts occurrences up to 16', () => {
		const postings = new Postings();
		for (let k = 0; k < 3; k++) postings.add(0, 7, IN_BODY);
		for (let k = 0; k < 40; k++) postings.add(1, 7, k === 0 ? IN_TITLE : IN_BODY);
		const seen: number[] = [];
		postings.forEach(0, (posting) => seen.push(posting));
		postings.forEach(1, (posting) => seen.push(posting));
		expect(seen.map(postingFrequency)).toEqual([3, 16]);
		expect(seen.map(postingField)).toEqual([IN_BODY, IN_TITLE | IN_BODY]);
		expect(seen.map(postingOrdinal)).toEqual([7, 7]);
	});

	it('keeps ordinals far apart (a posting of four and of five bytes), in walks and decoded', () => {
		const postings = new Postings();
		const ordinals = [3, 40_000, 40_001, 3_000_000, 30_000_000, 30_000_002];
		for (const ordinal of ordinals) postings.add(9, ordinal, IN_BODY);
		postings.add(9, 30_000_002, IN_TITLE);
		const expected = ordinals.map((ordinal, at) =>
			makePosting(ordinal, at === 5 ? IN_TITLE | IN_BODY : IN_BODY, at === 5 ? 2 : 1),
		);
		const walked: number[] = [];
		postings.forEach(9, (posting) => walked.push(posting));
		expect(walked).toEqual(expected);
		expect([...postings.decode(9).subarray(0, postings.count(9))]).toEqual(expected);
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

describe('DocumentPostings', () => {
	it("gathers a document's occurrences into one posting a term, appended when it is done", () => {
		const postings = new Postings();
		const gathered = new DocumentPostings();
		gathered.begin(0);
		gathered.add(7, IN_TITLE);
		gathered.add(7, IN_BODY);
		gathered.add(3, IN_BODY);
		expect(postings.count(7)).toBe(0);
		gathered.appendTo(postings);
		gathered.begin(1);
		for (let word = 0; word < 20; word++) gathered.add(3, IN_BODY);
		gathered.add(2000, IN_TITLE);
		gathered.appendTo(postings);
		const list = (term: number) => {
			const seen: number[] = [];
			postings.forEach(term, (posting) => seen.push(posting));
			return seen;
		};
		expect(list(7)).toEqual([makePosting(0, IN_TITLE | IN_BODY, 2)]);
		expect(list(3)).toEqual([makePosting(0, IN_BODY, 1), makePosting(1, IN_BODY, 16)]);
		expect(list(2000)).toEqual([makePosting(1, IN_TITLE, 1)]);
	});

	it('forgets what a document begun again under the same ordinal had gathered', () => {
		const postings = new Postings();
		const gathered = new DocumentPostings();
		gathered.begin(0);
		gathered.add(5, IN_BODY);
		gathered.add(5, IN_BODY);
		gathered.add(6, IN_BODY);
		gathered.begin(0);
		gathered.add(5, IN_TITLE);
		gathered.appendTo(postings);
		const seen: number[] = [];
		postings.forEach(5, (posting) => seen.push(posting));
		expect(seen).toEqual([makePosting(0, IN_TITLE, 1)]);
		expect(postings.count(6)).toBe(0);
	});

	it('leaves the bytes Postings.add leaves, word by word', () => {
		const direct = new Postings();
		const viaDocuments = new Postings();
		const gathered = new DocumentPostings();
		let state = 7;
		const next = () => {
			state = (Math.imul(state, 48_271) + 11) >>> 0;
			return state / 2 ** 32;
		};
		for (let ordinal = 0; ordinal < 2000; ordinal++) {
			gathered.begin(ordinal);
			const words = Math.floor(next() * 200);
			for (let word = 0; word < words; word++) {
				// Skewed: a few terms occur more than 16 times in a document.
				const term = Math.floor(next() ** 4 * 6000);
				const field = next() < 0.1 ? IN_TITLE : IN_BODY;
				direct.add(term, ordinal, field);
				gathered.add(term, field);
			}
			gathered.appendTo(viaDocuments);
		}
		const a = direct.state();
		const b = viaDocuments.state();
		expect(b.chunks.length).toBe(a.chunks.length);
		b.chunks.forEach((chunk, index) => expect(Buffer.compare(chunk, a.chunks[index]!)).toBe(0));
		for (const key of [
			'head',
			'tail',
			'blockEnd',
			'blockSize',
			'lastOrdinal',
			'counts',
			'lastAt',
		] as const) {
			expect([...b[key]], key).toEqual([...a[key]]);
		}
	});
});
