import {beforeAll, describe, expect, it} from 'vitest';
import {SearchIndex, highlightSegments, snippetFor} from '../../../source/core/search/index.js';
import type {SearchResult} from '../../../source/core/search/index.js';
import {cutAround} from '../../../source/core/search/snippet.js';
import {cellWidth} from '../../../source/core/text/width.js';
import type {Document, Range} from '../../../source/core/types.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';

function firstResult(documents: readonly Document[], query: string): SearchResult {
	const index = new SearchIndex();
	index.add(documents);
	const [result] = index.search(query).results;
	if (result === undefined) throw new Error(`no result for ${query}`);
	return result;
}

const matched = (text: string, ranges: readonly Range[]) =>
	ranges.map((range) => text.slice(range.start, range.end));

/** The snippet without its ellipses is a run of whole words of `line`. */
function expectWholeWords(snippet: string, line: string) {
	const inner = snippet.replace(/^…/, '').replace(/…$/, '');
	const start = line.indexOf(inner);
	expect(start).toBeGreaterThanOrEqual(0);
	expect(start === 0 || line[start - 1] === ' ').toBe(true);
	const end = start + inner.length;
	expect(end === line.length || line[end] === ' ').toBe(true);
	expect(snippet.startsWith('…')).toBe(start > 0);
	expect(snippet.endsWith('…')).toBe(end < line.length);
}

describe('snippetFor on the seeds', () => {
	let seeds: Document[];
	beforeAll(async () => {
		seeds = seedDocuments();
	});

	it('shows the matched name in context, cut at word boundaries to the width', () => {
		const result = firstResult(seeds, 'rohani');
		for (const width of [20, 33, 40, 57, 80, 120]) {
			const snippet = snippetFor(result, width);
			expect(cellWidth(snippet.text)).toBeLessThanOrEqual(width);
			expect(matched(snippet.text, snippet.ranges)).toEqual(['Rouhani']);
			const line = result.document.paragraphs.find((paragraph) => paragraph.includes('Rouhani'))!;
			expectWholeWords(snippet.text, line);
			// Maximal: one more word on either side would not fit.
			const inner = snippet.text.replace(/^…/, '').replace(/…$/, '');
			const start = line.indexOf(inner);
			const before = line.lastIndexOf(' ', start - 2);
			const after = line.indexOf(' ', start + inner.length + 1);
			if (start > 0) {
				const wider = line.slice(before + 1, start + inner.length);
				expect(cellWidth(wider) + 1 + (start + inner.length < line.length ? 1 : 0)).toBeGreaterThan(
					width,
				);
			}
			if (start + inner.length < line.length) {
				const wider = line.slice(start, after === -1 ? line.length : after);
				expect(cellWidth(wider) + (start > 0 ? 1 : 0) + 1).toBeGreaterThan(width);
			}
		}
	});

	it('prefers the paragraph that matches the most query words', () => {
		const result = firstResult(seeds, 'khamenei received kadhimi');
		const snippet = snippetFor(result, 200);
		expect(matched(snippet.text, snippet.ranges)).toEqual(
			expect.arrayContaining(['Khamenei', 'received', 'Kadhimi']),
		);
	});

	it('highlights a whole phrase, even when the text broke the line inside it', () => {
		const result = firstResult(seeds, '"the relations between"');
		const snippet = snippetFor(result, 60);
		expect(matched(snippet.text, snippet.ranges)).toEqual(['the relations between']);
	});

	it('gives a title-only match the opening of the body', () => {
		const document = documentFromText(
			'Zarif in Baghdad\n\nThe minister met officials on Sunday.',
			't',
		);
		const snippet = snippetFor(firstResult([document], 'baghdad'), 24);
		expect(snippet).toEqual({text: 'The minister met…', ranges: []});
	});
});

describe('snippetFor skips the lines that cannot match', () => {
	const documents = [
		documentFromText(
			"Kitchen notes\n\nNothing here yet.\n\nThey didn't come to the CAFE on Monday.\n\n" +
				'At the Café Zarif, the ministers talked.\n\nLater the Cafe closed for the season.',
			'a.txt',
		),
		documentFromText(
			'Harbour report\n\nShips came and went.\n\nThe harbour master said nothing.\n\n' +
				'Didnt anyone see the cafés by the harbour? ' +
				'Averyveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword cafe.',
			'b.txt',
		),
		documentFromText('Zarif in Baghdad\n\nThe minister met officials on Sunday.', 'c.txt'),
	];
	const index = new SearchIndex();
	index.add(documents);
	/** The same result with a matcher that cannot tell its terms' text: every line tokenised. */
	const everyLine = (result: SearchResult): SearchResult => ({
		...result,
		matcher: {units: result.matcher.units, termOf: result.matcher.termOf},
	});

	it('gives what tokenising every line gives', () => {
		const queries = [
			'cafe',
			'didnt',
			"didn't come",
			'cafe harbour',
			'"the harbour"',
			'zarif',
			'caffe',
			'c',
			'averyveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword',
			'minister',
		];
		let compared = 0;
		for (const query of queries) {
			for (const result of index.search(query).results) {
				for (const width of [24, 60, 200]) {
					expect(snippetFor(result, width), `${query} in ${result.document.id}`).toEqual(
						snippetFor(everyLine(result), width),
					);
					compared++;
				}
			}
		}
		expect(compared).toBeGreaterThan(40);
	});

	it('finds a word whose apostrophe the folding drops, and accents folded away', () => {
		const snippets = (query: string) =>
			Object.fromEntries(
				index.search(query).results.map((found) => {
					const snippet = snippetFor(found, 60);
					return [found.document.id, [snippet.text, matched(snippet.text, snippet.ranges)]];
				}),
			);
		expect(snippets('didnt')).toEqual({
			'a.txt': ["They didn't come to the CAFE on Monday.", ["didn't"]],
			'b.txt': ['Didnt anyone see the cafés by the harbour?…', ['Didnt']],
		});
		// The line with both words, one of them with its accent folded away.
		expect(snippets('cafes harbour')).toEqual({
			'b.txt': ['Didnt anyone see the cafés by the harbour?…', ['cafés', 'harbour']],
		});
	});
});

describe('snippets of wide and unusual text', () => {
	it('counts CJK and emoji as two cells and never splits them', () => {
		const text =
			'新闻\n\n伊拉克总理访问德黑兰 🙂🙂 会见 鲁哈尼 总统 并 举行 会谈 🙂 双方 同意 加强 合作';
		const result = firstResult([documentFromText(text, 'cjk')], '鲁哈尼');
		for (let width = 3; width <= 40; width++) {
			const snippet = snippetFor(result, width);
			expect(cellWidth(snippet.text)).toBeLessThanOrEqual(width);
			expect(snippet.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
			if (width >= 8) expect(matched(snippet.text, snippet.ranges)).toEqual(['鲁哈尼']);
		}
		expect(snippetFor(result, 14).text).toBe('…会见 鲁哈尼…');
	});

	it('keeps placeholders of control characters as ordinary text', () => {
		const raw = 'Clear\n\nThe page printed \u001b[2J before Rouhani spoke \u0007 twice.';
		const document = documentFromText(raw, 'esc');
		expect(document.paragraphs[0]).toContain('␛[2J');
		const snippet = snippetFor(firstResult([document], 'rouhani'), 80);
		expect(snippet.text).toBe(document.paragraphs[0]);
		// eslint-disable-next-line no-control-regex -- no control character may come back
		expect(snippet.text).not.toMatch(/[\u0000-\u001f\u007f]/);
		expect(matched(snippet.text, snippet.ranges)).toEqual(['Rouhani']);
		expect(highlightSegments(snippet.text, snippet.ranges)).toEqual([
			{text: 'The page printed ␛[2J before '},
			{text: 'Rouhani', role: 'match'},
			{text: snippet.text.slice(snippet.text.indexOf(' spoke'))},
		]);
		// ␛[2J is not a word: the search does not find 'J' or '2J' as anything but text.
		const cut = snippetFor(firstResult([document], 'rouhani'), 24);
		expect(cellWidth(cut.text)).toBeLessThanOrEqual(24);
	});

	it('cuts a word wider than the whole snippet between characters', () => {
		const long = `prefix${'ab'.repeat(40)}-rouhani-${'cd'.repeat(40)}`;
		const document = documentFromText(`Long\n\n${long} end`, 'long');
		const found = snippetFor(firstResult([document], 'rouhani'), 30);
		expect(matched(found.text, found.ranges)).toEqual(['rouhani']);
		const start = long.indexOf('rouhani');
		const snippet = cutAround(long, [{start, end: start + 7}], 30);
		expect(cellWidth(snippet.text)).toBeLessThanOrEqual(30);
		expect(matched(snippet.text, snippet.ranges)).toEqual(['rouhani']);
		expect(snippet.text.startsWith('…')).toBe(true);
		expect(snippet.text.endsWith('…')).toBe(true);
	});

	it('fits any width, down to one cell, and gives nothing for no room', () => {
		const line = 'alpha beta gamma delta 伊拉克 epsilon';
		const ranges = [{start: 11, end: 16}];
		for (let width = 1; width <= 45; width++) {
			const snippet = cutAround(line, ranges, width);
			expect(cellWidth(snippet.text)).toBeLessThanOrEqual(width);
			for (const range of snippet.ranges)
				expect(range.end).toBeLessThanOrEqual(snippet.text.length);
		}
		expect(cutAround(line, ranges, 0)).toEqual({text: '', ranges: []});
		expect(cutAround(line, ranges, 45)).toEqual({text: line, ranges});
		expect(cutAround('   ', [], 10)).toEqual({text: '', ranges: []});
	});

	it('joins words across runs of whitespace with single spaces', () => {
		const snippet = cutAround('one  two\tthree', [{start: 5, end: 14}], 40);
		expect(snippet).toEqual({text: 'one two three', ranges: [{start: 4, end: 13}]});
	});
});

describe('highlightSegments', () => {
	it('splits text into plain and match segments', () => {
		expect(
			highlightSegments('Zarif met Rouhani', [
				{start: 10, end: 17},
				{start: 0, end: 5},
			]),
		).toEqual([{text: 'Zarif', role: 'match'}, {text: ' met '}, {text: 'Rouhani', role: 'match'}]);
	});

	it('merges overlapping ranges and clamps ranges past the text', () => {
		expect(
			highlightSegments('abcdef', [
				{start: 1, end: 3},
				{start: 2, end: 4},
				{start: 5, end: 99},
			]),
		).toEqual([{text: 'a'}, {text: 'bcd', role: 'match'}, {text: 'e'}, {text: 'f', role: 'match'}]);
		expect(highlightSegments('', [{start: 0, end: 3}])).toEqual([]);
		expect(highlightSegments('abc', [])).toEqual([{text: 'abc'}]);
	});

	it('never splits a surrogate pair (emoji, rare CJK)', () => {
		const text = 'a🙂b𠀀c';
		const segments = highlightSegments(text, [{start: 2, end: 4}]);
		expect(segments.map((segment) => segment.text).join('')).toBe(text);
		for (const segment of segments)
			expect(segment.text).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
	});
});
