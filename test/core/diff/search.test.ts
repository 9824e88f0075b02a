import {describe, expect, it} from 'vitest';
import {DiffSearch} from '../../../source/core/diff/search.js';
import {documentFromText, seedDocument} from '../../fixtures/seeds.js';

describe('DiffSearch', () => {
	const a = seedDocument('000');
	const b = seedDocument('001');
	const search = new DiffSearch(a, b);
	const texts = (side: 'a' | 'b', query: string) =>
		search
			.find(query)
			[side].map((match) => (side === 'a' ? a : b).text.slice(match.start, match.end));

	it('finds a word in both versions, typos and case aside', () => {
		expect(texts('a', 'Kadhimi').length).toBeGreaterThan(3);
		expect(texts('b', 'kadhimy')).toEqual(texts('b', 'Kadhimi'));
		expect(
			texts('a', 'Kadhimi').every(
				(text) => /^al-Kadhimi|^Kadhimi/.test(text) || text === 'Kadhimi',
			),
		).toBe(true);
	});

	it('finds what only one version has: the new footer in B, the licence line in A', () => {
		// The body has the word once, in both; B's footer adds "Leave a Comment". Quoted, the
		// word is matched exactly; bare, within two edits, as the library matches it.
		expect(texts('b', '"comment"')).toEqual(['comment', 'Comment']);
		expect(texts('a', '"comment"')).toEqual(['comment']);
		expect(texts('a', 'comment')).toEqual(['comment', 'Content', 'Commons']);
		expect(texts('a', '"creative commons"')).toEqual(['Creative Commons']);
		expect(texts('b', '"creative commons"')).toEqual([]);
	});

	it('finds nothing for a word in neither, or an empty query', () => {
		expect(search.find('zebra')).toEqual({a: [], b: []});
		expect(search.find('  ')).toEqual({a: [], b: []});
	});

	it('gives offsets into each document’s own text', () => {
		const one = documentFromText('Alpha beta gamma.', 'one.txt');
		const two = documentFromText('Delta, alpha! Gamma.', 'two.txt');
		expect(new DiffSearch(one, two).find('alpha')).toEqual({
			a: [{start: 0, end: 5, side: 'a'}],
			b: [{start: 7, end: 12, side: 'b'}],
		});
	});
});
