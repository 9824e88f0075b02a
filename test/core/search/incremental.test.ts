import {beforeAll, describe, expect, it} from 'vitest';
import {SearchIndex} from '../../../source/core/search/index.js';
import {forEachToken, newTokenCarry, pieceEnd} from '../../../source/core/search/tokenise.js';
import type {Document} from '../../../source/core/types.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';

/** Texts that put awkward things where a piece may end: words longer than the 64 characters a
 * term keeps, accents, emoji (surrogate pairs), CJK, and one long paragraph. */
const ODD = [
	documentFromText(
		'Zarīf in Ｔｏｋｙｏ\n\nThe word ' +
			'a'.repeat(90) +
			'b and ' +
			'x'.repeat(70) +
			' again; café CAFÉ cafe\u0301 😀smile 😀 東京で会議 prime minister.',
		'odd-1.txt',
	),
	documentFromText(
		'Long paragraph\n\n' +
			Array.from({length: 400}, (_, n) => `word${n % 37} Kadhimi prime minister Ünïcödé`).join(' '),
		'odd-2.txt',
	),
	documentFromText('No headline here, only one line 😀😀 with emoji', 'odd-3.txt'),
];

const QUERIES = [
	'kadimi',
	'soleimany kadimi',
	'"prime minister"',
	'rohan',
	'zarif',
	'tokyo',
	'cafe',
	'smile',
	'東京',
	'aaaaaaaa',
	'x'.repeat(70),
	'word3 ',
	'unicode',
	'"minister unicode"',
	'iraq',
];

function summary(index: SearchIndex, query: string) {
	const {results, total} = index.search(query, {limit: 1000});
	return {
		total,
		results: results.map((result) => [result.document.id, result.score, result.titleRanges]),
	};
}

/** Steps `job` with a deadline that has always passed: one piece a step. */
function stepToEnd(job: {step(deadline: () => boolean): boolean}): number {
	let steps = 1;
	while (!job.step(() => true)) steps++;
	return steps;
}

describe('SearchIndex.startAdding', () => {
	let documents: Document[];
	let whole: SearchIndex;

	beforeAll(async () => {
		documents = [...seedDocuments(), ...ODD];
		whole = new SearchIndex();
		whole.add(documents);
	});

	it('gives the same results as add, whatever the pieces, down to one character', () => {
		for (const pieceCharacters of [1, 2, 3, 7, 64, 1000, undefined]) {
			const sliced = new SearchIndex();
			stepToEnd(
				sliced.startAdding(
					documents,
					pieceCharacters === undefined ? undefined : {pieceCharacters},
				),
			);
			expect(sliced.size).toBe(documents.length);
			for (const query of QUERIES) {
				expect(summary(sliced, query), `${query} in pieces of ${pieceCharacters}`).toEqual(
					summary(whole, query),
				);
			}
		}
		// The queries do find things, so the comparison means something.
		for (const query of ['kadimi', 'zarif', 'cafe', 'smile', '東京', 'x'.repeat(70), 'unicode'])
			expect(whole.search(query).results.length, query).toBeGreaterThan(0);
	});

	it('stops at the first piece boundary once the deadline has passed', () => {
		const text = documents.find((document) => document.id === 'odd-2.txt')!;
		const index = new SearchIndex();
		const job = index.startAdding([text], {pieceCharacters: 1000});
		const steps = stepToEnd(job);
		const characters = text.paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0);
		expect(characters).toBeGreaterThan(10_000);
		expect(steps).toBeGreaterThanOrEqual(Math.floor(characters / 1000));
		expect(steps).toBeLessThanOrEqual(Math.ceil(characters / 1000) + 2);
		expect(job.completed).toBe(1);
	});

	it('keeps a document out of search until all of it is in', () => {
		const index = new SearchIndex();
		const job = index.startAdding(documents, {pieceCharacters: 500});
		let searched = 0;
		while (!job.step(() => true)) {
			const visible = new SearchIndex();
			visible.add(documents.slice(0, job.completed));
			expect(index.size).toBe(job.completed);
			for (const query of ['kadimi', '"prime minister"', 'unicode', 'zarif']) {
				expect(summary(index, query)).toEqual(summary(visible, query));
			}
			searched++;
		}
		expect(searched).toBeGreaterThan(documents.length);
		// Searches made while it was under way leave nothing stale behind.
		for (const query of QUERIES) expect(summary(index, query)).toEqual(summary(whole, query));
	});

	it('continues after earlier documents, and refuses a second batch while one is under way', () => {
		const index = new SearchIndex();
		index.add(documents.slice(0, 3));
		const job = index.startAdding(documents.slice(3), {pieceCharacters: 100});
		job.step(() => true);
		expect(() => index.startAdding(documents)).toThrow(/still being added/);
		expect(() => index.add(documents)).toThrow(/still being added/);
		stepToEnd(job);
		for (const query of QUERIES) expect(summary(index, query)).toEqual(summary(whole, query));
		expect(index.startAdding([]).step(() => true)).toBe(true);
	});
});

describe('a document read for one pass', () => {
	it('is indexed from paragraphsForOnePass when it has it, never asking for its paragraphs', () => {
		const parsed = documentFromText('Council meeting\n\nThe zebra crossing was opened.', 'z.txt');
		const onePass: Document = {
			...parsed,
			get paragraphs(): readonly string[] {
				throw new Error('read its paragraphs to be kept');
			},
			paragraphsForOnePass: () => parsed.paragraphs,
		};
		const index = new SearchIndex();
		stepToEnd(index.startAdding([onePass]));
		expect(index.search('zebra').results.map((result) => result.document.id)).toEqual(['z.txt']);
		expect(index.search('crossing opened').total).toBe(1);
	});
});

describe('forEachToken in pieces', () => {
	it('visits the same words as one scan, for pieces cut anywhere', () => {
		const text = `${ODD[0]!.text} ${'y'.repeat(200)}😀z`;
		const all: number[][] = [];
		forEachToken(text, (start, end, ideograph, ascii, hash) =>
			all.push([start, end, Number(ideograph), Number(ascii), hash]),
		);
		for (const size of [1, 2, 5, 13, 64]) {
			const pieces: number[][] = [];
			const carry = newTokenCarry();
			for (let from = 0; from < text.length;) {
				const to = pieceEnd(text, from, size);
				forEachToken(
					text,
					(start, end, ideograph, ascii, hash) =>
						pieces.push([start, end, Number(ideograph), Number(ascii), hash]),
					from,
					to,
					carry,
				);
				from = to;
			}
			expect(pieces, `pieces of ${size}`).toEqual(all);
		}
	});

	it('never ends a piece inside a surrogate pair', () => {
		const text = 'a😀b';
		expect(pieceEnd(text, 0, 2)).toBe(3);
		expect(pieceEnd(text, 0, 1)).toBe(1);
		expect(pieceEnd(text, 1, 0)).toBe(3);
		expect(pieceEnd(text, 0, Number.POSITIVE_INFINITY)).toBe(4);
	});
});
