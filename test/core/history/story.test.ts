import {describe, expect, it} from 'vitest';
import {orderVersions} from '../../../source/core/history/order.js';
import {StoryHistory} from '../../../source/core/history/story.js';
import {regionStepLine, wordChangeLine} from '../../../source/core/history/summary.js';
import type {Document} from '../../../source/core/types.js';
import {documentFromText, seedDocument} from '../../fixtures/seeds.js';
import {STORY_FILES, storyFiles} from '../../fixtures/story.js';

const NOW = Date.UTC(2026, 11, 3);

function historyOf(documents: readonly Document[], modifiedMs: (index: number) => number) {
	const facts = documents.map((document, index) => ({
		id: document.id,
		dateline: document.dateline,
		modifiedMs: modifiedMs(index),
	}));
	return new StoryHistory(documents, orderVersions(facts, {nowMs: NOW}));
}

const storyDocuments = () => storyFiles().map((file) => documentFromText(file.text, file.name));

describe('StoryHistory', () => {
	it('orders the generated story by its datelines, though file names and times disagree', () => {
		// Files saved newest first: file time would reverse the story.
		const history = historyOf(storyDocuments(), (index) => NOW - index * 60_000);
		expect(history.order.basis).toBe('dateline');
		expect(history.versions.map((version) => version.id)).toEqual([...STORY_FILES]);
		expect(history.stepCount).toBe(5);
	});

	it('gives each step its statistics and a one-line summary', () => {
		const history = historyOf(storyDocuments(), () => 0);
		const steps = [1, 2, 3, 4, 5].map((to) => history.step(to));
		// Headline: −5 +7 ("border crossings" stays); the dateline −3 +5 (one word stays in place).
		expect(steps[0]).toMatchObject({from: 0, to: 1, summary: '−8 +12 words', size: 20});
		expect(steps[0]!.stats).toMatchObject({wordsA: 176, wordsB: 180, deleted: 8, inserted: 12});
		// Two paragraphs of 39 and 58 words added; the dateline −5 +3.
		expect(steps[1]).toMatchObject({summary: '−5 +100 words', size: 105});
		// A paragraph of 21 words removed; the dateline −4 +2.
		expect(steps[2]).toMatchObject({summary: '−25 +2 words', size: 27});
		expect(steps[2]!.stats).toMatchObject({wordsA: 275, wordsB: 252, common: 250});
		// "back down on" → "step back from" ("back" stays); the dateline −2 +2.
		expect(steps[3]).toMatchObject({summary: '−4 +4 words', size: 8});
		// A correction of 19 words appended; the dateline −2 +4.
		expect(steps[4]).toMatchObject({summary: '−2 +23 words', size: 25});
		expect(steps.every((step) => !step.fallback)).toBe(true);
	});

	it('with the per-region summary, says which part of the article each step changed', () => {
		const documents = storyDocuments();
		const facts = documents.map(({id, dateline}) => ({id, dateline, modifiedMs: 0}));
		const history = new StoryHistory(documents, orderVersions(facts, {nowMs: NOW}), {
			regionSummary: regionStepLine(),
		});
		expect([1, 2, 3, 4, 5].map((to) => history.step(to).summary)).toEqual([
			'body identical · headline changed · dateline changed',
			// The two paragraphs' 97 words; the minimal diff keeps words they share with the
			// text around them, so they come as five runs.
			'body: 5 changes (+97 words) · dateline changed',
			'body: 1 change (−21 words) · dateline changed',
			// "back down on" → "step back from": "back" stays.
			'body: 2 changes (−2 +2 words) · dateline changed',
			'body: 1 change (+19 words) · dateline changed',
		]);
		// 000 → 001 as `diff` prints it last.
		const seeds = [seedDocument('000'), seedDocument('001')];
		const seedOrder = orderVersions(
			seeds.map(({id}, index) => ({id, dateline: undefined, modifiedMs: index})),
			{nowMs: NOW},
		);
		expect(
			new StoryHistory(seeds, seedOrder, {regionSummary: regionStepLine()}).step(1).summary,
		).toBe('body identical · headline added · dateline added · footer replaced');
	});

	it('diffs a step once, when first asked for', () => {
		const history = historyOf(storyDocuments(), () => 0);
		expect(history.pendingSteps()).toEqual([1, 2, 3, 4, 5]);
		expect(history.knownStep(3)).toBeUndefined();
		const step = history.step(3);
		expect(history.knownStep(3)).toBe(step);
		expect(history.step(3)).toBe(step);
		expect(history.pendingSteps()).toEqual([1, 2, 4, 5]);
		expect(() => history.step(0)).toThrow(RangeError);
		expect(() => history.step(6)).toThrow(RangeError);
	});

	it('diffs wanted steps in order a piece per look at the deadline, taking up a step cut short', () => {
		const history = historyOf(storyDocuments(), () => 0);
		history.step(4);
		// A deadline that is always past: one piece of work per call, so step 2 (4 is diffed
		// already) takes several calls, each taking it up where the last stopped.
		let calls = 0;
		let diffed = 0;
		while (diffed === 0) {
			diffed = history.stepUntil([4, 2, 5, 1], () => true);
			calls++;
		}
		expect(diffed).toBe(1);
		expect(calls).toBeGreaterThan(5);
		expect(history.pendingSteps()).toEqual([1, 3, 5]);
		expect(history.knownStep(2)).toMatchObject({summary: '−5 +100 words', size: 105});
		expect(history.stepUntil([1, 3], () => false)).toBe(2);
		expect(history.pendingSteps()).toEqual([5]);
		// A step cut short and then asked for at once is finished, the same.
		expect(history.stepUntil([5], () => true)).toBe(0);
		expect(history.step(5)).toMatchObject({summary: '−2 +23 words', size: 25});
		expect(history.pendingSteps()).toEqual([]);
	});

	it('reads each version’s text in a piece of its own when diffing in pieces', () => {
		// A stored version's text is read back from the store when asked for.
		let read = 0;
		const documents = storyDocuments().map((document) =>
			Object.defineProperty({...document}, 'text', {
				get: () => {
					read++;
					return document.text;
				},
			}),
		);
		const history = historyOf(documents, () => 0);
		expect(history.stepUntil([1], () => true)).toBe(0);
		expect(read).toBe(1);
		history.stepUntil([1], () => true);
		expect(read).toBe(2);
	});

	it('does no piece after the deadline said stop: it is asked once after each piece', () => {
		const whole = historyOf(storyDocuments(), () => 0);
		for (const stopAt of [1, 2, 3, 7]) {
			const history = historyOf(storyDocuments(), () => 0);
			let looks = 0;
			let slices = 0;
			while (history.pendingSteps().length > 0) {
				looks = 0;
				history.stepUntil(history.pendingSteps(), () => ++looks >= stopAt);
				slices++;
				// Stopped at the look that said stop (or earlier, when all was done).
				expect(looks).toBeLessThanOrEqual(stopAt);
			}
			expect(slices).toBeGreaterThan(5);
			for (const to of [1, 2, 3, 4, 5]) expect(history.knownStep(to)).toEqual(whole.step(to));
		}
	});

	it('compares any two versions', () => {
		const history = historyOf(storyDocuments(), () => 0);
		// v1 → v6: the headline, the dateline, two paragraphs in, one out, the quote, the correction.
		expect(history.compare(0, 5)).toMatchObject({from: 0, to: 5});
		expect(history.compare(0, 5).stats.wordsA).toBe(176);
		expect(history.compare(0, 5).stats.wordsB).toBe(273);
	});

	it('steps from seed 000 to 001 by file time', () => {
		const seeds = [seedDocument('001'), seedDocument('000')];
		const history = historyOf(seeds, (index) => (index === 0 ? 2_000 : 1_000));
		expect(history.order.basis).toBe('mtime');
		expect(history.versions.map((version) => version.id)).toEqual([
			'000_fcf7af4745e890eb.txt',
			'001_2da24b835264bdcc.txt',
		]);
		expect(history.step(1).summary).toBe('−17 +13 words');
		expect(history.step(1).stats).toMatchObject({wordsA: 1270, wordsB: 1266, common: 1253});
	});

	it('uses a per-region summary where one is given, and word counts where it gives none', () => {
		const documents = storyDocuments();
		const facts = documents.map((document) => ({
			id: document.id,
			dateline: document.dateline,
			modifiedMs: 0,
		}));
		const history = new StoryHistory(documents, orderVersions(facts, {nowMs: NOW}), {
			regionSummary: (older, newer) =>
				older.title === newer.title ? undefined : 'headline changed',
		});
		expect(history.step(1).summary).toBe('headline changed');
		expect(history.step(2).summary).toBe('−5 +100 words');
	});

	it('refuses an order naming a document it was not given', () => {
		const [only] = storyDocuments();
		const order = orderVersions(
			[
				{id: only!.id, dateline: undefined, modifiedMs: 0},
				{id: 'gone.txt', dateline: undefined, modifiedMs: 1},
			],
			{nowMs: NOW},
		);
		expect(() => new StoryHistory([only!], order)).toThrow('no document gone.txt');
	});
});

describe('wordChangeLine', () => {
	const line = (deleted: number, inserted: number, edits = 1) =>
		wordChangeLine({
			stats: {
				wordsA: 0,
				wordsB: 0,
				common: 0,
				deleted,
				inserted,
				changedA: 0,
				changedB: 0,
				similarity: 0,
			},
			edits: Array.from({length: edits}, () => ({
				type: 'insert',
				text: '',
				offsetA: 0,
				offsetB: 0,
			})),
		});

	it('says how many words went and came, leaving out a side with none', () => {
		expect(line(5, 96)).toBe('−5 +96 words');
		expect(line(0, 1_234)).toBe('+1,234 words');
		expect(line(1, 0)).toBe('−1 word');
		expect(line(0, 0)).toBe('punctuation only');
		expect(line(0, 0, 0)).toBe('no change');
	});
});
