import {afterEach, describe, expect, it, vi} from 'vitest';
import {summariseTexts, summariseTextsSteps} from '../../../source/core/diff/diff-documents.js';
import {
	folderBoilerplateOf,
	folderBoilerplateOfSteps,
	recurringBoilerplate,
	recurringBoilerplateSteps,
} from '../../../source/core/diff/regions.js';
import {finish, SteppedWork} from '../../../source/core/steps.js';
import type {Document} from '../../../source/core/types.js';
import {seededRandom} from '../../fixtures/prose.js';
import {documentFromText} from '../../fixtures/seeds.js';
import {article, edited, render, vocabulary} from '../versions/generate.js';
import {pieces} from '../../fixtures/steps.js';

// The diff and the folder's boilerplate, run in pieces between keys, give what they give in one
// go; and each piece is bounded (counted in pieces per byte, not read off a clock).

/** A long article and versions of it, about one word in 300 edited, and a site's header and
 * footer around each: near-identical versions as a folder of saves holds them. */
function versions(count: number, paragraphs: number, seed: number): string[] {
	const random = seededRandom(seed);
	const words = vocabulary(3_000, random);
	const base = article(words, random, paragraphs);
	const texts = [render(base)];
	while (texts.length < count) texts.push(render(edited(base, words, random, 300)));
	return texts;
}

const HEADER = 'The Daily Planet | World news every morning';
const FOOTER = 'Thanks for reading the Daily Planet. Tips go to the news desk.';
const onSite = (text: string) => `${HEADER}\n\n${text}\n${FOOTER}\n`;
/** The site's lines, and the generated articles' own last lines ('Leave a Comment', and a
 * licence line under edited versions), each at the ends of all three stories. */
const RECURRING = [
	'all content is licensed under a creative commons attribution 4.0 international license.',
	'leave a comment',
	'thanks for reading the daily planet. tips go to the news desk.',
	'the daily planet | world news every morning',
];

describe('the diff of two versions in pieces', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	// About 400 KB each.
	const [a, b, c] = versions(3, 1_500, 11);

	it('summarises as summariseTexts does, a bounded piece at a time', () => {
		for (const [x, y] of [
			[a!, b!],
			[b!, c!],
			[a!, a!],
			['', b!],
		] as const) {
			const whole = summariseTexts(x, y);
			const {value, pieces: count} = pieces(summariseTextsSteps(x, y));
			expect(value).toEqual(whole);
			// At least a piece per 64 KB of each text: no piece reads a whole long text.
			expect(count).toBeGreaterThan(Math.floor((x.length + y.length) / 65_536));
		}
		const whole = summariseTexts(a!, b!);
		expect(whole.fallback).toBe(false);
		expect(whole.stats.deleted).toBeGreaterThan(50);
		expect(whole.edits.length).toBeGreaterThan(50);
	});

	it('gives the one-shot result however long it waits between its pieces', () => {
		// A clock that moves 10 s between pieces and not at all within one: the budget counts
		// work, never the waiting.
		let now = 0;
		vi.spyOn(performance, 'now').mockImplementation(() => now);
		const steps = summariseTextsSteps(a!, b!);
		let next = steps.next();
		while (next.done !== true) {
			now += 10_000;
			next = steps.next();
		}
		expect(next.value.fallback).toBe(false);
		vi.restoreAllMocks();
		expect(next.value).toEqual(summariseTexts(a!, b!));
	});

	it('is not disturbed by another diff run between its pieces', () => {
		const steps = summariseTextsSteps(a!, b!);
		let next = steps.next();
		while (next.done !== true) {
			// The one-shot diff reuses its scratch buffers, from their start: the pieces' bytes
			// must be their own.
			summariseTexts(c!.slice(0, 20_000), b!.slice(0, 20_000));
			next = steps.next();
		}
		expect(next.value).toEqual(summariseTexts(a!, b!));
	});
});

describe("the folder's boilerplate in pieces", () => {
	// Three stories of three versions each, on one site; each version about 200 KB.
	const folder = [5, 6, 7].flatMap((seed) => versions(3, 700, seed).map(onSite));

	it('finds what recurringBoilerplate finds, at most 500 paragraphs a piece', () => {
		const whole = recurringBoilerplate(folder);
		expect([...whole].sort()).toEqual(RECURRING);
		const {value, pieces: count} = pieces(recurringBoilerplateSteps(folder));
		expect(value).toEqual(whole);
		// A piece per document's split, and one per 500 paragraphs between its ends.
		expect(count).toBeGreaterThanOrEqual(folder.length + Math.floor((9 * 700) / 500));
		// The versions of one story alone: their header and footer recur, but in one story.
		expect(finish(recurringBoilerplateSteps(folder.slice(0, 3)))).toEqual(new Set());
	});

	it('is found once per folder, whoever asks: pieces and a one-shot call share the work', () => {
		const documents: Document[] = folder.map((text, index) =>
			documentFromText(text, `${index}.txt`),
		);
		const first = new SteppedWork(folderBoilerplateOfSteps(documents));
		const second = new SteppedWork(folderBoilerplateOfSteps(documents));
		// Each turn of either does one piece of the same work.
		let turns = 0;
		while (!first.step(() => true)) {
			second.step(() => true);
			turns += 2;
		}
		expect(turns).toBeGreaterThan(10);
		second.finish();
		expect(second.result).toBe(first.result);
		expect(folderBoilerplateOf(documents)).toBe(first.result);
		expect([...first.result!].sort()).toEqual(RECURRING);
		// A stored document's text is read back when asked for: one a piece, not all at once.
		let read = 0;
		const stored = documents.map((document) =>
			Object.defineProperty({...document}, 'text', {
				get: () => {
					read++;
					return document.text;
				},
			}),
		);
		const counted = folderBoilerplateOfSteps(stored);
		counted.next();
		expect(read).toBe(1);
		expect(finish(counted)).toEqual(first.result);
		expect(read).toBe(documents.length);
		// Cut short, the one-shot call finishes it.
		const again = documents.slice();
		new SteppedWork(folderBoilerplateOfSteps(again)).step(() => true);
		expect(folderBoilerplateOf(again)).toEqual(first.result);
	});
});
