import {describe, expect, it} from 'vitest';
import {
	DEFAULT_TIME_BUDGET_MS,
	diffDocuments,
	diffTexts,
	timeBudgetFrom,
} from '../../../source/core/diff/diff-documents.js';
import {editWords, generateWords, oracleTokens, reconstruct, renderWords} from './fixtures.js';
import {seedDocument, seedFiles, seedText} from '../../fixtures/seeds.js';

const changeTexts = (result: ReturnType<typeof diffTexts>) =>
	result.changes.map((change) =>
		result.parts
			.slice(change.firstPart, change.endPart)
			.map((part) => `${part.type}: ${part.text}`),
	);

describe('diffDocuments on the re-published article (seeds 000 and 001)', () => {
	it('shows only the real changes: headline and dateline added, footer replaced', async () => {
		const result = diffDocuments(seedDocument('000'), seedDocument('001'));
		expect(result.fallback).toBe(false);
		expect(changeTexts(result)).toEqual([
			['insert: Prospects of Iran-Iraq ties\u00a0\n\nJuly 20, 2020 - 21:8'],
			[
				'delete: All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.',
				'insert: Leave a Comment',
			],
		]);
		const [headline, footer] = result.changes;
		expect(headline).toMatchObject({offsetA: 0, offsetB: 0, deletedWords: 0, insertedWords: 10});
		expect(footer).toMatchObject({deletedWords: 17, insertedWords: 3, layoutOnly: false});
		const a = seedDocument('000');
		const b = seedDocument('001');
		expect(a.text.slice(footer!.offsetA)).toMatch(/^All Content by Mehr/);
		expect(b.text.slice(footer!.offsetB)).toMatch(/^Leave a Comment/);
	});

	it('reports paragraph breaks added and removed as layout changes when asked', async () => {
		const a = seedDocument('000');
		const b = seedDocument('001');
		const result = diffDocuments(a, b, {layout: true});
		const layoutChanges = result.changes.filter((change) => change.layoutOnly);
		expect(layoutChanges.length).toBeGreaterThan(0);
		// 001 starts a paragraph at "Accompanied" where 000 runs on: an inserted break there.
		const accompanied = b.text.indexOf('Accompanied');
		const added = result.parts.find(
			(part) =>
				part.type === 'insert' &&
				part.endB < result.b.length &&
				result.b.starts[part.endB] === accompanied,
		);
		expect(added?.text).toBe('\n\n');
		// Content changes are the same as without layout.
		expect(result.changes.filter((change) => !change.layoutOnly)).toHaveLength(2);
		expect(result.stats).toEqual(diffDocuments(a, b).stats);
	});

	it('gives dwdiff statistics that add up', async () => {
		const {stats} = diffDocuments(seedDocument('000'), seedDocument('001'));
		expect(stats.common + stats.deleted).toBe(stats.wordsA);
		expect(stats.common + stats.inserted).toBe(stats.wordsB);
		expect(stats.changedA).toBe(17);
		expect(stats.changedB).toBe(3);
		expect(stats.similarity).toBeCloseTo((2 * stats.common) / (stats.wordsA + stats.wordsB), 10);
	});

	it('finds nothing between a document and itself', async () => {
		const a = seedDocument('002');
		const result = diffDocuments(a, a, {layout: true});
		expect(result.identical).toBe(true);
		expect(result.parts).toHaveLength(1);
		expect(result.stats).toMatchObject({deleted: 0, inserted: 0, similarity: 1});
	});
});

describe('exactness and minimality', () => {
	it('reconstructs both sides of every seed pair, in both modes', async () => {
		for (let i = 0; i < seedFiles.length; i++) {
			for (let j = 0; j < seedFiles.length; j++) {
				const a = seedDocument(seedFiles[i]!);
				const b = seedDocument(seedFiles[j]!);
				for (const layout of [false, true]) {
					const result = diffDocuments(a, b, {layout});
					const back = reconstruct(result);
					const strip = (tokens: string[]) => tokens.filter((token) => token !== '¶');
					expect(strip(back.a), `${i} ${j}`).toEqual(oracleTokens(a.text));
					expect(strip(back.b), `${i} ${j}`).toEqual(oracleTokens(b.text));
				}
			}
		}
	});

	it.each([
		[2_000, 1, 11],
		[20_000, 40, 12],
		[60_000, 150, 13],
	])('reports exactly the N words edited in %i words (N = %i)', (count, edits, seedNumber) => {
		const words = generateWords(count, seedNumber);
		const edited = editWords(words, edits, seedNumber + 100);
		const textA = renderWords(words, seedNumber);
		const textB = renderWords(edited, seedNumber);
		const result = diffTexts(textA, textB, {timeBudgetMs: 10_000});
		expect(result.fallback).toBe(false);
		expect(result.stats.deleted).toBe(edits);
		expect(result.stats.inserted).toBe(edits);
		expect(result.stats.changedA).toBe(edits);
		expect(result.changes.length).toBe(edits);
		const back = reconstruct(result);
		expect(back.a).toEqual(oracleTokens(textA));
		expect(back.b).toEqual(oracleTokens(textB));
	});

	it('keeps a word shared inside a small replaced stretch, and counts the rest as changed', () => {
		const result = diffTexts(
			'One two three. The old cat sat here. Four five six.',
			'One two three. A young cat ran here. Four five six.',
		);
		expect(changeTexts(result)).toEqual([
			['delete: The old', 'insert: A young'],
			['delete: sat', 'insert: ran'],
		]);
		expect(result.stats).toMatchObject({common: 8, deleted: 3, inserted: 3, changedA: 3});
	});

	it('ignores re-wrapped lines', () => {
		const words = generateWords(5_000, 21);
		const edited = editWords(words, 10, 22);
		const textA = renderWords(words, 23);
		const textB = renderWords(edited, 23, 60);
		const result = diffTexts(textA, textB, {timeBudgetMs: 10_000});
		expect(result.fallback).toBe(false);
		expect(/[^\n]\n[^\n]/.test(textB)).toBe(true);
		expect(/[^\n]\n[^\n]/.test(textA)).toBe(false);
		expect(result.stats.deleted).toBe(10);
		expect(result.stats.inserted).toBe(10);
		const back = reconstruct(result);
		expect(back.b).toEqual(oracleTokens(textB));
	});

	it('shows an edited Persian or Arabic sentence as changed words', () => {
		const a = 'وزیر امور خارجه ایران روز یکشنبه به بغداد سفر کرد و با نخست‌وزیر عراق دیدار کرد.';
		const b = 'وزیر امور خارجه ایران روز دوشنبه به بغداد سفر کرد و با نخست‌وزیر عراق دیدار کرد.';
		const result = diffTexts(a, b);
		expect(changeTexts(result)).toEqual([['delete: یکشنبه', 'insert: دوشنبه']]);
		const arabic = diffTexts('وَصَلَ الوَزِيرُ إلى بَغْدَادَ', 'وَصَلَ الرَّئِيسُ إلى بَغْدَادَ');
		expect(changeTexts(arabic)).toEqual([['delete: الوَزِيرُ', 'insert: الرَّئِيسُ']]);
	});
});

describe('time budget', () => {
	it('falls back to a paragraph diff for two unrelated long texts when the budget runs out', () => {
		const textA = renderWords(generateWords(200_000, 31), 32);
		const textB = renderWords(generateWords(200_000, 33), 34);
		// Aligned in full, these two cost far more than the budget: the fallback is the budget
		// at work (counted in work, so on any machine).
		const result = diffTexts(textA, textB, {timeBudgetMs: 150});
		expect(result.fallback).toBe(true);
		const back = reconstruct(result);
		expect(back.a).toEqual(oracleTokens(textA));
		expect(back.b).toEqual(oracleTokens(textB));
	});

	it('budgets only the alignment: a long pair with one edit gets a word diff on a tight budget', () => {
		// About 5 MB a side: reading the tokens alone takes longer than the budget.
		const base = seedText(seedFiles[2]!);
		const copies = Array.from({length: 400}, (_, copy) => `${base}\n\nCopy ${copy}.`);
		const textA = copies.join('\n\n');
		copies[200] = copies[200]!.replace('Baghdad', 'Basra');
		const textB = copies.join('\n\n');
		// 15 ms is 600,000 units (UNITS_PER_MS): the common head and tail fit (a unit a pair of
		// tokens); reading the texts is not counted.
		const result = diffTexts(textA, textB, {timeBudgetMs: 15});
		expect(result.fallback).toBe(false);
		expect(changeTexts(result)).toEqual([['delete: Baghdad', 'insert: Basra']]);
	});
});

describe('timeBudgetFrom (READING_ROOM_DIFF_BUDGET_MS)', () => {
	it('takes whole milliseconds above zero, and the default for anything else', () => {
		expect(DEFAULT_TIME_BUDGET_MS).toBe(300);
		expect(timeBudgetFrom('60000')).toBe(60_000);
		for (const setting of [undefined, '', '0', '-5', '1.5', 'soon', '1e400']) {
			expect(timeBudgetFrom(setting), String(setting)).toBe(300);
		}
	});
});
