import {describe, expect, it} from 'vitest';
import {matchTerms} from '../../../source/core/search/fuzzy.js';
import {codePoints} from '../../../source/core/search/normalise.js';
import {Vocabulary} from '../../../source/core/search/vocabulary.js';

/**
 * Optimal string alignment distance, the textbook full table: the oracle for the trie walk.
 * Cell [i][j] is the distance between the first i of `a` and the first j of `b`, so the last
 * row holds `a` against every prefix of `b`.
 */
function osaTable(a: readonly number[], b: readonly number[]): number[][] {
	const table = Array.from({length: a.length + 1}, (_, i) =>
		Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
	);
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(
				table[i - 1]![j]! + 1,
				table[i]![j - 1]! + 1,
				table[i - 1]![j - 1]! + cost,
			);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				best = Math.min(best, table[i - 2]![j - 2]! + 1);
			}
			table[i]![j] = best;
		}
	}
	return table;
}

function osaDistance(a: readonly number[], b: readonly number[]): number {
	return osaTable(a, b)[a.length]![b.length]!;
}

/** The distance of `a` to `b` as a whole, and to the prefix of `b` it is closest to. */
function wholeAndPrefixDistance(
	a: readonly number[],
	b: readonly number[],
): {whole: number; prefix: number} {
	const lastRow = osaTable(a, b)[a.length]!;
	return {whole: lastRow[b.length]!, prefix: Math.min(...lastRow)};
}

/** Deterministic pseudo-random words over a small alphabet, so near neighbours abound. */
function generatedWords(count: number, seed: number, longest = 8): string[] {
	let state = seed;
	const next = () => {
		state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
		return state / 2 ** 32;
	};
	const alphabet = 'abcdeé';
	return Array.from({length: count}, () => {
		const length = 1 + Math.floor(next() * longest);
		return Array.from({length}, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
	});
}

function vocabularyOf(words: readonly string[]): Vocabulary {
	const vocabulary = new Vocabulary();
	for (const word of words) vocabulary.intern(word);
	return vocabulary;
}

const sorted = (matches: {term: number; distance: number}[]) =>
	[...matches].sort((a, b) => a.term - b.term);

describe('matchTerms', () => {
	const vocabulary = vocabularyOf(generatedWords(3000, 7));
	const queries = generatedWords(60, 99);

	it('finds exactly the terms within the budget, with their distance', () => {
		for (const query of queries) {
			const word = codePoints(query);
			const distances = vocabulary.terms.map((term, id) => ({
				term: id,
				distance: osaDistance(word, codePoints(term)),
			}));
			for (const budget of [0, 1, 2]) {
				const expected = distances.filter((match) => match.distance <= budget);
				expect(sorted(matchTerms(vocabulary.trie, word, budget))).toEqual(expected);
			}
		}
	});

	it('as a prefix, finds the terms that begin within the budget, with the fewest edits', () => {
		for (const query of queries) {
			const word = codePoints(query);
			const distances = vocabulary.terms.map((term) =>
				wholeAndPrefixDistance(word, codePoints(term)),
			);
			for (const [budget, prefixBudget] of [
				[0, 0],
				[1, 1],
				[2, 1],
				[2, 2],
			] as const) {
				const expected = distances
					.map(({whole, prefix}, id) => {
						const distance = Math.min(
							whole <= budget ? whole : Number.POSITIVE_INFINITY,
							prefix <= prefixBudget ? prefix : Number.POSITIVE_INFINITY,
						);
						return {term: id, distance};
					})
					.filter((match) => match.distance !== Number.POSITIVE_INFINITY);
				expect(sorted(matchTerms(vocabulary.trie, word, budget, prefixBudget))).toEqual(expected);
			}
		}
	});

	it('finds the same for words far longer than their budget (the band of each row)', () => {
		const long = vocabularyOf(generatedWords(3000, 11, 14));
		// The vocabulary's longer words, some with a letter dropped or two swapped.
		const queries = long.terms
			.filter((term) => term.length >= 9)
			.slice(0, 40)
			.map((term, index) =>
				index % 3 === 0
					? term
					: index % 3 === 1
						? term.slice(0, 4) + term.slice(5)
						: term.slice(0, 3) + term[4] + term[3] + term.slice(5),
			);
		let found = 0;
		for (const query of queries) {
			const word = codePoints(query);
			const distances = long.terms.map((term) => wholeAndPrefixDistance(word, codePoints(term)));
			for (const [budget, prefixBudget] of [
				[1, undefined],
				[2, undefined],
				[2, 1],
			] as const) {
				const expected = distances
					.map(({whole, prefix}, id) => ({
						term: id,
						distance: Math.min(
							whole <= budget ? whole : Number.POSITIVE_INFINITY,
							prefixBudget !== undefined && prefix <= prefixBudget
								? prefix
								: Number.POSITIVE_INFINITY,
						),
					}))
					.filter((match) => match.distance !== Number.POSITIVE_INFINITY);
				expect(sorted(matchTerms(long.trie, word, budget, prefixBudget)), query).toEqual(expected);
				found += expected.length;
			}
		}
		expect(found).toBeGreaterThan(100);
	});

	it('counts a swap of neighbours as one edit', () => {
		const names = vocabularyOf(['kadhimi', 'soleimani', 'rouhani', 'zarif']);
		const find = (query: string, budget: number) =>
			matchTerms(names.trie, codePoints(query), budget).map(({term, distance}) => [
				names.terms[term],
				distance,
			]);
		expect(find('kahdimi', 1)).toEqual([['kadhimi', 1]]);
		expect(find('zraif', 1)).toEqual([['zarif', 1]]);
		expect(find('soleimany', 2)).toEqual([['soleimani', 1]]);
		expect(find('rohani', 1)).toEqual([['rouhani', 1]]);
		expect(find('kadimi', 1)).toEqual([['kadhimi', 1]]);
		expect(find('zarriff', 2)).toEqual([['zarif', 2]]);
		expect(find('zarriff', 1)).toEqual([]);
		expect(find('', 2)).toEqual([]);
	});
});
