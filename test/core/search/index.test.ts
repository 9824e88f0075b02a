import {beforeAll, describe, expect, it} from 'vitest';
import {SearchIndex} from '../../../source/core/search/index.js';
import type {Document} from '../../../source/core/types.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';

function indexOf(documents: readonly Document[]): SearchIndex {
	const index = new SearchIndex();
	index.add(documents);
	return index;
}

const ids = (index: SearchIndex, query: string) =>
	index.search(query).map((result) => result.document.id.slice(0, 3));

describe('SearchIndex over the seed articles', () => {
	let seeds: Document[];
	let index: SearchIndex;
	/** Seeds whose text matches `pattern`, headline matches first, each group in seed order: the
	 * ranking rules applied by hand to a plain regex search. */
	const expected = (pattern: RegExp) => {
		const matching = seeds.filter((seed) => pattern.test(seed.text));
		const inHeadline = (seed: Document) => seed.titleFromHeadline && pattern.test(seed.title);
		return [...matching.filter(inHeadline), ...matching.filter((seed) => !inHeadline(seed))].map(
			(seed) => seed.id.slice(0, 3),
		);
	};

	beforeAll(async () => {
		seeds = seedDocuments();
		index = indexOf(seeds);
	});

	it('indexes every seed, in loader order', () => {
		expect(index.size).toBe(5);
		expect(seeds.map((seed) => seed.id.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
	});

	it('finds names through real misspellings: missing, extra, wrong and swapped letters', () => {
		expect(ids(index, 'kadimi')).toEqual(expected(/kadhimi/i));
		expect(ids(index, 'kadimi')).toEqual(['002', '003', '000', '001', '004']);
		expect(ids(index, 'soleimany')).toEqual(expected(/soleimani/i));
		expect(ids(index, 'soleimany')).not.toContain('002');
		expect(ids(index, 'rohani')).toEqual(['003', '004']);
		expect(ids(index, 'zarriff')).toEqual(expected(/zarif/i));
		expect(ids(index, 'kahdimi')).toEqual(expected(/kadhimi/i));
		expect(ids(index, 'KADHIMI')).toEqual(expected(/kadhimi/i));
	});

	it('does not stretch short words: a three-letter word takes one typo, two letters none', () => {
		// 'irak' is one substitution from both 'iraq' and 'iran', two from 'iraqi'.
		expect(ids(index, 'irak ')).toEqual(expected(/\bira[qn]\b/i));
		expect(index.search('xq ')).toEqual([]);
		expect(index.search('zrfi ')).toEqual([]);
	});

	it('shows results while a name is typed, letter by letter', () => {
		const typed = 'kadimi';
		for (let length = 1; length <= typed.length; length++) {
			expect(index.search(typed.slice(0, length)).length).toBeGreaterThan(0);
		}
		for (const prefix of ['kadh', 'kadhi', 'kadi', 'kadim']) {
			expect(ids(index, prefix)).toEqual(expected(/kadhimi/i));
		}
		// A finished word (trailing space) no longer matches as a prefix.
		expect(ids(index, 'soleim')).toEqual(expected(/soleimani/i));
		expect(index.search('soleim ')).toEqual([]);
	});

	it('narrows with several words, each matched fuzzily', () => {
		expect(ids(index, 'kadimi rohani')).toEqual(['003', '004']);
		expect(ids(index, 'soleimany kadimi')).toEqual(['003', '000', '001', '004']);
		expect(ids(index, 'zarif mustafa ghaani')).toEqual(
			seeds
				.filter((seed) => /zarif/i.test(seed.text) && /mustafa/i.test(seed.text))
				.filter((seed) => /ghaani/i.test(seed.text))
				.map((seed) => seed.id.slice(0, 3)),
		);
		expect(index.search('kadhimi qwertyuiop')).toEqual([]);
	});

	it('matches a quoted phrase exactly, across line breaks, and only in that order', () => {
		expect(ids(index, '"prime minister"')).toEqual(expected(/prime\s+minister/i));
		// In seed 003 'the' ends a line and 'relations' starts the next.
		expect(seeds[3]!.text).toMatch(/the\nrelations between his country/);
		expect(ids(index, '"the relations between his country"')).toEqual(['003']);
		expect(index.search('"minister prime"')).toEqual([]);
		// Exact: a misspelt phrase finds nothing.
		expect(index.search('"prime minster"')).toEqual([]);
		// An unclosed quote is a phrase still being typed.
		expect(ids(index, '"prime minis')).toEqual(expected(/prime\s+minis/i));
	});

	it('gives the matched ranges of each title', () => {
		const [first] = index.search('kadimi');
		expect(first!.document.title).toBe(seeds[2]!.title);
		const words = first!.titleRanges.map((range) =>
			first!.document.title.slice(range.start, range.end),
		);
		// "Kadhimi's" is one word (core/text/words.ts), matched whole as "kadhimi".
		expect(words).toEqual(["Kadhimi's"]);
	});

	it('respects the limit and reports the total', () => {
		const {results, total} = index.searchWithTotal('kadimi', {limit: 2});
		expect(results.map((result) => result.ordinal)).toEqual([2, 3]);
		expect(total).toBe(expected(/kadhimi/i).length);
		expect(index.search('kadimi', {limit: 0})).toEqual([]);
	});

	it('survives odd queries, matching what it can', () => {
		const odd = [
			'',
			'     ',
			'!?.,;:()[]{}',
			'.*+?^${}()|[]\\',
			'(kadhimi',
			'"',
			'""',
			'"kadhimi',
			'kadhimi"',
			'“prime minister”',
			'a'.repeat(1000),
			'kadhimi '.repeat(125),
			Array.from({length: 200}, (_, index) => `w${index}`).join(' '),
			'مصطفى الكاظمي',
			'北京大学',
			'\u0000\u001b[2J',
			'🙂🙂',
		];
		for (const query of odd) {
			const results = index.search(query);
			expect(Array.isArray(results)).toBe(true);
		}
		expect(index.search('')).toEqual([]);
		expect(index.search('     ')).toEqual([]);
		expect(index.search('!?.,;:()[]{}')).toEqual([]);
		expect(ids(index, '(kadhimi')).toEqual(expected(/kadhimi/i));
		expect(ids(index, '.*kadhimi+?')).toEqual(expected(/kadhimi/i));
		expect(ids(index, 'kadhimi"')).toEqual(expected(/kadhimi/i));
		expect(ids(index, '“prime minister”')).toEqual(expected(/prime\s+minister/i));
		expect(ids(index, 'kadhimi '.repeat(125))).toEqual(expected(/kadhimi/i));
		expect(index.search('a'.repeat(1000))).toEqual([]);
		expect(index.search('مصطفى الكاظمي')).toEqual([]);
		expect(index.search('北京大学')).toEqual([]);
	});
});

describe('SearchIndex ranking', () => {
	it('puts headline matches above body matches', () => {
		const index = indexOf([
			documentFromText('Talks in Baghdad\n\nForeign minister Zarif arrived on Sunday.', 'body'),
			documentFromText('Zarif arrives in Baghdad\n\nThe minister came on Sunday.', 'title'),
		]);
		expect(index.search('zarif').map((result) => result.document.id)).toEqual(['title', 'body']);
	});

	it('counts a title derived from the opening as body', () => {
		const derived = documentFromText(
			'Zarif arrived in Baghdad on Sunday, officials said.',
			'derived',
		);
		expect(derived.titleFromHeadline).toBe(false);
		const index = indexOf([
			derived,
			documentFromText('Zarif arrives\n\nThe minister came on Sunday.', 'headline'),
		]);
		expect(index.search('zarif').map((result) => result.document.id)).toEqual([
			'headline',
			'derived',
		]);
		expect(index.search('zarif').find((r) => r.document.id === 'derived')!.titleRanges).toEqual([
			{start: 0, end: 5},
		]);
	});

	it('puts exact matches above fuzzy ones, and fewer edits above more', () => {
		const index = indexOf([
			documentFromText('News\n\nThe minister Zarriff spoke.', 'two-edits'),
			documentFromText('News\n\nThe minister Zariff spoke.', 'one-edit'),
			documentFromText('News\n\nThe minister Zarif spoke.', 'exact'),
		]);
		expect(index.search('zarif ').map((result) => result.document.id)).toEqual([
			'exact',
			'one-edit',
			'two-edits',
		]);
	});

	it('puts more words matched in the title above fewer', () => {
		const index = indexOf([
			documentFromText('Zarif speaks\n\nHe was in Baghdad.', 'one'),
			documentFromText('News of the day\n\nZarif was in Baghdad.', 'none'),
			documentFromText('Zarif in Baghdad\n\nHe spoke.', 'two'),
		]);
		expect(index.search('zarif baghdad').map((result) => result.document.id)).toEqual([
			'two',
			'one',
			'none',
		]);
	});

	it('ranks the same whether a common word is read from its postings or from the documents', () => {
		const ranked = [
			documentFromText('Rouhani speaks\n\nThe council met.', 'A'),
			documentFromText('Council news\n\nRouhani spoke to the council.', 'B'),
			documentFromText('Rouhani at the council\n\nNothing more.', 'C'),
			documentFromText('News\n\nRohani met the councel.', 'D'),
		];
		const filler = (n: number) =>
			Array.from({length: n}, (_, i) => documentFromText(`Day ${i}\n\nThe council met.`, `f${i}`));
		// Alone, 'council' has few postings; among 600 fillers, checking the four documents
		// that match 'rouhani' is cheaper than reading its postings.
		const small = indexOf(ranked);
		const large = indexOf([...filler(300), ...ranked, ...filler(300)]);
		for (const index of [small, large]) {
			const found = index.search('rouhani council ');
			expect(found.map((result) => result.document.id)).toEqual(['C', 'A', 'B', 'D']);
			expect(found[0]!.score).toBeGreaterThan(found[1]!.score);
			expect(found[1]!.score).toBe(found[2]!.score);
		}
		expect(large.searchWithTotal('council').total).toBe(604);
	});

	it('breaks ties by insertion order, across several adds', () => {
		const index = new SearchIndex();
		for (let batch = 0; batch < 4; batch++) {
			index.add(
				Array.from({length: 3}, (_, offset) =>
					documentFromText(`Report\n\nSoleimani item ${batch}.`, `doc-${batch * 3 + offset}`),
				),
			);
		}
		expect(index.size).toBe(12);
		expect(index.search('soleimani').map((result) => result.ordinal)).toEqual(
			Array.from({length: 12}, (_, ordinal) => ordinal),
		);
	});

	it('indexes in time slices exactly as in one go', async () => {
		const seeds = seedDocuments();
		const whole = indexOf(seeds);
		const sliced = new SearchIndex();
		let next = 0;
		let slices = 0;
		while (next < seeds.length) {
			const stopped = sliced.addSlice(seeds, next, 0);
			expect(stopped).toBe(next + 1); // a zero budget still indexes one document
			next = stopped;
			slices++;
		}
		expect(slices).toBe(seeds.length);
		expect(sliced.addSlice(seeds, seeds.length, 5)).toBe(seeds.length);
		for (const query of ['kadimi', 'soleimany kadimi', '"prime minister"', 'rohan']) {
			const summary = (index: SearchIndex) =>
				index.search(query).map((result) => [result.ordinal, result.score, result.titleRanges]);
			expect(summary(sliced)).toEqual(summary(whole));
		}
	});

	it('finds documents added after an earlier search of the same word', () => {
		const index = indexOf([documentFromText('One\n\nRouhani spoke.', 'first')]);
		expect(index.search('rouhani').length).toBe(1);
		index.add([documentFromText('Two\n\nRouhani spoke again.', 'second')]);
		expect(index.search('rouhani').map((result) => result.document.id)).toEqual([
			'first',
			'second',
		]);
	});
});

describe('SearchIndex in other scripts', () => {
	const index = indexOf([
		documentFromText('زيارة الكاظمي\n\nوصل رئيس الوزراء مصطفى الكاظمي إلى طهران.', 'arabic'),
		documentFromText('新闻\n\n伊拉克总理访问德黑兰。北京大学的学者表示欢迎。', 'chinese'),
		documentFromText('Café\n\nLe ministre Zarīf a rencontré Rohani à Téhéran.', 'accents'),
		documentFromText('Ｚａｒｉｆ\n\nFull-width letters.', 'wide'),
	]);

	it('matches Arabic words, fuzzily and with diacritics ignored', () => {
		expect(ids(index, 'الكاظمي')).toEqual(['ara']);
		expect(ids(index, 'الكاظمى')).toEqual(['ara']); // final yeh written as alef maksura
		expect(ids(index, 'مُصْطَفَى')).toEqual(['ara']); // with short-vowel marks
	});

	it('matches CJK text by its characters, in order', () => {
		expect(ids(index, '北京大学')).toEqual(['chi']);
		expect(ids(index, '德黑兰')).toEqual(['chi']);
		expect(ids(index, '大学北京')).toEqual([]);
		expect(ids(index, '伊拉克 德黑兰')).toEqual(['chi']);
	});

	it('ignores case, accents and compatibility forms', () => {
		// The full-width one is a headline, so it ranks first.
		expect(ids(index, 'zarif')).toEqual(['wid', 'acc']);
		expect(ids(index, 'TEHERAN')).toEqual(['acc']);
		expect(ids(index, 'cafe')).toEqual(['acc']);
	});
});
