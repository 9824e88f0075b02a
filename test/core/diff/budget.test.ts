import {afterEach, describe, expect, it, vi} from 'vitest';
import {Budget, BudgetExceeded, UNITS_PER_MS} from '../../../source/core/diff/budget.js';
import {diffTexts} from '../../../source/core/diff/diff-documents.js';
import {seedFiles, seedText} from '../../fixtures/seeds.js';
import {editWords, generateWords, renderWords} from './fixtures.js';

const seed000 = seedText(seedFiles[0]!);
const seed001 = seedText(seedFiles[1]!);
const words = generateWords(20_000, 5);
const revisedA = renderWords(words, 8);
const revisedB = renderWords(editWords(words, 40, 9), 8);

/** Units the alignment of each pair costs, counted by hand once (a change in the cost model
 * changes them, and should be seen here). */
const SEEDS_UNITS = 70_179;
const GENERATED_UNITS = 328_401;

/** A budget of exactly `units` units plus or minus half of one, given in milliseconds. */
const msFor = (units: number) => units / UNITS_PER_MS;

describe('Budget', () => {
	it('counts units of work and throws once more are spent than it holds', () => {
		const budget = new Budget(1);
		budget.spend(UNITS_PER_MS - 1);
		expect(budget.remaining()).toBe(1);
		budget.tick();
		expect(budget.remaining()).toBe(0);
		expect(() => budget.tick()).toThrow(BudgetExceeded);
	});

	it('holds nothing when given no time or less', () => {
		expect(() => new Budget(0).tick()).toThrow(BudgetExceeded);
		expect(() => new Budget(-5).spend(1)).toThrow(BudgetExceeded);
	});
});

describe('the diff budget counts work, not time', () => {
	afterEach(() => vi.restoreAllMocks());

	it.each([
		['seeds 000 and 001', seed000, seed001, SEEDS_UNITS],
		['a generated pair with 40 words rewritten', revisedA, revisedB, GENERATED_UNITS],
	])(
		'%s: a word diff on a budget just large enough, paragraphs on one unit less',
		(_, a, b, units) => {
			const enough = diffTexts(a, b, {timeBudgetMs: msFor(units + 0.5)});
			expect(enough.fallback).toBe(false);
			const short = diffTexts(a, b, {timeBudgetMs: msFor(units - 0.5)});
			expect(short.fallback).toBe(true);
			expect(short.stats).toEqual(diffTexts(a, b, {timeBudgetMs: 0}).stats);
		},
	);

	it('gives the same diff when the clock races or stands still', () => {
		const options = {timeBudgetMs: msFor(GENERATED_UNITS + 0.5)};
		const quiet = diffTexts(revisedA, revisedB, options);
		const seeds = diffTexts(seed000, seed001, {timeBudgetMs: msFor(SEEDS_UNITS + 0.5)});
		// A machine so loaded that a minute passes between any two readings of the clock.
		let now = 0;
		vi.spyOn(performance, 'now').mockImplementation(() => (now += 60_000));
		vi.spyOn(Date, 'now').mockImplementation(() => (now += 60_000));
		const loaded = diffTexts(revisedA, revisedB, options);
		expect(loaded.fallback).toBe(false);
		expect(loaded.stats).toEqual(quiet.stats);
		expect(loaded.parts).toEqual(quiet.parts);
		expect(diffTexts(seed000, seed001, {timeBudgetMs: msFor(SEEDS_UNITS + 0.5)}).parts).toEqual(
			seeds.parts,
		);
		// And a clock that never moves does not let a too-small budget run on.
		now = 0;
		vi.spyOn(performance, 'now').mockImplementation(() => now);
		vi.spyOn(Date, 'now').mockImplementation(() => now);
		expect(
			diffTexts(revisedA, revisedB, {timeBudgetMs: msFor(GENERATED_UNITS - 0.5)}).fallback,
		).toBe(true);
	});

	it("charges Myers the gap's length per edit it made", () => {
		// One call (1), a small gap's cells (5 × 5) and Myers on it: 10 tokens × 6 edits.
		const [a, b] = ['one two three four five', 'four five one two six'];
		expect(diffTexts(a, b, {timeBudgetMs: msFor(86 + 0.5)}).fallback).toBe(false);
		expect(diffTexts(a, b, {timeBudgetMs: msFor(86 - 0.5)}).fallback).toBe(true);
	});

	it('stops Myers on unrelated text from a small vocabulary within its budget', () => {
		// No word and no run of four words is unique here, and the gap is too large to solve
		// exactly, so only Myers can align it; aligned in full it costs seconds.
		const vocabulary = ['the', 'talks', 'would', 'continue'];
		const text = (seed: number) => {
			let state = seed;
			return Array.from({length: 9_000}, () => {
				state = (Math.imul(state, 1_103_515_245) + 12_345) & 0x7f_ff_ff_ff;
				return vocabulary[(state >>> 16) % vocabulary.length]!;
			}).join(' ');
		};
		const now = 0;
		vi.spyOn(performance, 'now').mockImplementation(() => now);
		vi.spyOn(Date, 'now').mockImplementation(() => now);
		const result = diffTexts(text(1), text(2), {timeBudgetMs: 20});
		expect(result.fallback).toBe(true);
	});
});
