import {diffArrays} from 'diff';
import {describe, expect, it} from 'vitest';
import {diffTexts} from '../../../source/core/diff/diff-documents.js';
import {KIND_WORD} from '../../../source/core/diff/word-tokens.js';
import {seedFiles, seedText} from '../../fixtures/seeds.js';
import {seededRandom} from '../../fixtures/prose.js';
import {proseText, revisedPair} from '../../fixtures/revise.js';
import {reconstruct} from './fixtures.js';

/** The seeds' distinct words: a natural vocabulary of about 900 words. */
const vocabulary = [
	...new Set(seedFiles.flatMap((name) => seedText(name).match(/[\p{L}\p{N}]+/gu) ?? [])),
];

/** Common words of an exact minimal alignment of the diff's own tokens (jsdiff's Myers). */
function minimalCommonWords(result: ReturnType<typeof diffTexts>): number {
	let at = 0;
	let common = 0;
	for (const change of diffArrays(Array.from(result.a.ids), Array.from(result.b.ids))) {
		if (change.added) continue;
		if (!change.removed) {
			for (let k = 0; k < change.count; k++) if (result.a.kinds[at + k] === KIND_WORD) common++;
		}
		at += change.count;
	}
	return common;
}

function expectNearMinimal(a: string, b: string, label: string) {
	const result = diffTexts(a, b, {timeBudgetMs: 60_000});
	expect(result.fallback, label).toBe(false);
	const minimal = minimalCommonWords(result);
	expect(result.stats.common, label).toBeGreaterThanOrEqual(Math.floor(0.99 * minimal));
	const back = reconstruct(result);
	expect(back.a.length, label).toBe(result.a.length);
	expect(back.b.length, label).toBe(result.b.length);
}

describe('common words within 1% of an exact minimal alignment', () => {
	for (const share of [0.05, 0.2, 0.5]) {
		it(`on 3,000-word texts with ${share * 100}% of the words reworded, moved or cut`, () => {
			for (const seed of [1, 2, 3]) {
				const {a, b} = revisedPair(3000, {share, seed, vocabulary});
				expectNearMinimal(a, b, `seed ${seed}`);
			}
		});
	}

	it('on small-vocabulary texts rewritten by half (a lone anchor in a moved sentence)', () => {
		// 80 words: few are unique, and a unique one in a moved sentence once tied two far-apart
		// places together and lost a third of the common words.
		for (const seed of [1, 2, 3]) {
			const {a, b} = revisedPair(3000, {share: 0.5, seed, vocabulary: vocabulary.slice(0, 80)});
			expectNearMinimal(a, b, `seed ${seed}`);
		}
	});

	it('on long small-vocabulary texts where words unique in one text repeat in the other', () => {
		// Over 8,000 tokens a side, so the whole is cut at anchors before gaps are solved exactly.
		// Each rare word is once in A and three times in B: only a word once on both sides may
		// anchor, or A's one "rare" is tied to whichever of B's came last.
		const random = seededRandom(7);
		const base = proseText(11_000, vocabulary.slice(0, 60), 5).split(' ');
		const rare = Array.from({length: 40}, (_, index) => `rare${index}`);
		const a = [...base];
		const b = [...base];
		for (const word of rare) {
			const at = Math.floor(random() * base.length);
			a[at] = word;
			b[at] = word;
			for (let copy = 0; copy < 2; copy++) b[Math.floor(random() * base.length)] = word;
		}
		// And a few ordinary edits.
		for (let edit = 0; edit < 60; edit++) b[Math.floor(random() * base.length)] = 'edited';
		expectNearMinimal(a.join(' '), b.join(' '), 'rare words');
	});
});
