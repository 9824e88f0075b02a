import {describe, expect, it} from 'vitest';
import {
	SHINGLE_WORDS,
	shingleHashes,
	shingleSet,
	textShingles,
} from '../../../source/core/versions/shingles.js';
import {wordHashes} from '../../../source/core/versions/words.js';
import {seedDocuments} from '../../fixtures/seeds.js';

describe('shingles', () => {
	it('makes one shingle per window of SHINGLE_WORDS words', () => {
		const text = 'one two three four five six seven';
		expect(textShingles(text)).toHaveLength(7 - SHINGLE_WORDS + 1);
		expect(textShingles('one two three four')).toHaveLength(0);
		expect(textShingles('')).toHaveLength(0);
	});

	it('depends on word order', () => {
		const [forward] = textShingles('one two three four five');
		const [backward] = textShingles('five four three two one');
		expect(forward).not.toBe(backward);
	});

	it('shares shingles exactly where texts share runs of words', () => {
		const a = textShingles('a b c d e f g h');
		const b = textShingles('x b c d e f g y');
		// Only 'b c d e f' and 'c d e f g' appear in both.
		expect(Array.from(a).filter((hash) => b.includes(hash))).toHaveLength(2);
	});

	it('gives the same set for a seed whatever its line breaks', async () => {
		const [first] = seedDocuments();
		const text = first!.text;
		const rewrapped = text.replace(/ /g, (space, offset: number) =>
			offset % 7 === 0 ? '\n' : space,
		);
		expect(Array.from(shingleSet(textShingles(rewrapped)))).toEqual(
			Array.from(shingleSet(textShingles(text))),
		);
	});

	it('builds sorted sets without repeats', async () => {
		for (const document of seedDocuments()) {
			const all = shingleHashes(wordHashes(document.text));
			const set = shingleSet(all);
			expect(set.length).toBe(new Set(all).size);
			for (let index = 1; index < set.length; index++) {
				expect(set[index - 1]!).toBeLessThan(set[index]!);
			}
		}
	});
});
