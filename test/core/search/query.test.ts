import {describe, expect, it} from 'vitest';
import {parseQuery} from '../../../source/core/search/query.js';

const word = (text: string, maxTypos: number, prefix = false) => ({
	kind: 'word',
	text,
	maxTypos,
	prefix,
});

describe('parseQuery', () => {
	it('folds words, gives each its typo budget and marks the word being typed', () => {
		expect(parseQuery('Kadhimi Zarīf ir iraq')).toEqual({
			words: [word('kadhimi', 2), word('zarif', 2), word('ir', 0), word('iraq', 1, true)],
			phrases: [],
			typing: 'iraq',
		});
		expect(parseQuery('iraq ').typing).toBeUndefined();
		expect(parseQuery('iraq ').words).toEqual([word('iraq', 1)]);
		expect(parseQuery('iraq,').words).toEqual([word('iraq', 1)]);
	});

	it('matches numbers exactly', () => {
		expect(parseQuery('2020 ').words).toEqual([word('2020', 0)]);
		expect(parseQuery('g20 ').words).toEqual([word('g20', 0)]);
	});

	it('reads quoted phrases, closed or still being typed', () => {
		expect(parseQuery('"Prime  Minister" kadhimi ')).toEqual({
			words: [word('kadhimi', 2)],
			phrases: [{kind: 'phrase', words: ['prime', 'minister'], prefix: false}],
			typing: undefined,
		});
		expect(parseQuery('kadhimi "prime min')).toEqual({
			words: [word('kadhimi', 2)],
			phrases: [{kind: 'phrase', words: ['prime', 'min'], prefix: true}],
			typing: 'min',
		});
		expect(parseQuery('“prime minister”').phrases).toHaveLength(1);
		// A quoted single word is exact.
		expect(parseQuery('"zarif"').words).toEqual([word('zarif', 0)]);
	});

	it('reads a run of CJK characters as a phrase of its characters', () => {
		expect(parseQuery('北京大学 iran').phrases).toEqual([
			{kind: 'phrase', words: ['北', '京', '大', '学'], prefix: false},
		]);
		expect(parseQuery('北京 大学').phrases).toHaveLength(2);
	});

	it('drops duplicates and gives odd queries no units', () => {
		expect(parseQuery('iran iran iran ').words).toEqual([word('iran', 1)]);
		for (const query of ['', '   ', '"', '""', '!?()[]{}.*+^$|\\', '\u001b[', '🙂']) {
			const parsed = parseQuery(query);
			expect([...parsed.words, ...parsed.phrases]).toEqual([]);
		}
		const long = parseQuery('x'.repeat(1000));
		expect(long.words[0]!.text.length).toBe(64);
	});
});
