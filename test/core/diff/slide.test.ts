import {describe, expect, it} from 'vitest';
import {diffTexts} from '../../../source/core/diff/diff-documents.js';
import {DELETE, EQUAL, INSERT} from '../../../source/core/diff/edit-script.js';
import {slideChanges} from '../../../source/core/diff/slide.js';
import {generateWords, oracleTokens, reconstruct} from './fixtures.js';

const changeTexts = (a: string, b: string) => {
	const result = diffTexts(a, b, {timeBudgetMs: 10_000});
	return result.changes.map((change) =>
		result.parts
			.slice(change.firstPart, change.endPart)
			.map((part) => `${part.type}: ${part.text}`),
	);
};

describe('slideChanges', () => {
	it('joins a change that can slide up to the change before it', () => {
		// Tokens: not kept and be / not and and be. Deleting "kept" then inserting the second
		// "and" is as short as replacing "kept" by "and", which reads as one change.
		const a = Int32Array.of(1, 2, 3, 4);
		const b = Int32Array.of(1, 3, 3, 4);
		const split = [EQUAL, 1, DELETE, 1, EQUAL, 1, INSERT, 1, EQUAL, 1];
		expect(slideChanges(split, a, b)).toEqual([EQUAL, 1, DELETE, 1, INSERT, 1, EQUAL, 2]);
		expect(changeTexts('not kept and be', 'not and and be')).toEqual([
			['delete: kept', 'insert: and'],
		]);
	});

	it('puts a change that joins nothing as far down as it goes, wherever the diff found it', () => {
		const a = Int32Array.of(1, 2, 3);
		const b = Int32Array.of(1, 2, 2, 2, 3);
		const lowest = [EQUAL, 2, INSERT, 2, EQUAL, 1];
		for (const found of [
			[EQUAL, 1, INSERT, 2, EQUAL, 2],
			[EQUAL, 2, INSERT, 2, EQUAL, 1],
		]) {
			expect(slideChanges(found, a, b)).toEqual(lowest);
		}
		// At the very top there is no change to join: down it goes.
		expect(
			slideChanges([INSERT, 1, EQUAL, 3], Int32Array.of(2, 2, 3), Int32Array.of(2, 2, 2, 3)),
		).toEqual([EQUAL, 2, INSERT, 1, EQUAL, 1]);
		const inserted = diffTexts('the cat sat', 'the cat cat sat');
		expect(inserted.parts.find((part) => part.type === 'insert')?.offsetA).toBe(8);
	});

	it('leaves replacements where they are, and slides deletions like insertions', () => {
		const replaced = [EQUAL, 1, DELETE, 1, INSERT, 1, EQUAL, 1];
		expect(slideChanges(replaced, Int32Array.of(1, 2, 3), Int32Array.of(1, 4, 3))).toEqual(
			replaced,
		);
		const a = Int32Array.of(5, 6, 6, 7);
		expect(slideChanges([EQUAL, 1, DELETE, 1, EQUAL, 2], a, Int32Array.of(5, 6, 7))).toEqual([
			EQUAL,
			2,
			DELETE,
			1,
			EQUAL,
			1,
		]);
	});

	it('keeps diffs exact on text full of repeated words', () => {
		const words = generateWords(3_000, 41).map((word, i) => (i % 7 < 3 ? 'and' : word));
		const edited = words.flatMap((word, i) =>
			i % 97 === 0 ? [word, 'and'] : i % 89 === 0 ? [] : [word],
		);
		const textA = words.join(' ');
		const textB = edited.join(' ');
		const back = reconstruct(diffTexts(textA, textB, {timeBudgetMs: 10_000}));
		expect(back.a).toEqual(oracleTokens(textA));
		expect(back.b).toEqual(oracleTokens(textB));
	});
});
