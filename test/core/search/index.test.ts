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
	index.search(query).results.map((result) => result.document.id.slice(0, 3));

describe('SearchIndex over the seed articles', () => {
	let seeds: Document[];
	let index: SearchIndex;
	/** Seeds whose text matches `pattern` in two groups, those whose title (headline or
	 * derived) matches, then the others, each sorted: the first ranking tier applied by hand to a
	 * plain regex search. Within a group the order is relevance's (see 'SearchIndex ranking'). */
	const expected = (pattern: RegExp) => {
		const matching = seeds.filter((seed) => pattern.test(seed.text));
		const inTitle = (seed: Document) => pattern.test(seed.title);
		const idsOf = (group: Document[]) => group.map((seed) => seed.id.slice(0, 3)).sort();
		return [idsOf(matching.filter(inTitle)), idsOf(matching.filter((seed) => !inTitle(seed)))];
	};
	/** The ranking of `query` cut into groups as long as `expected`'s, each sorted. */
	const grouped = (query: string, like: string[][]) => {
		const ranked = ids(index, query);
		const first = like[0]!.length;
		return [ranked.slice(0, first).sort(), ranked.slice(first).sort()];
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
		expect(grouped('kadimi', expected(/kadhimi/i))).toEqual(expected(/kadhimi/i));
		// 000 (derived title), 002 and 003 have Kadhimi in the title, 001 and 004 in the body.
		// Within each, relevance: 003 says it 12 times in 530 words, 000 20 times (counted as
		// 16) in 1,290, 002 9 times in 790; 001 19 times, 004 once.
		expect(ids(index, 'kadimi')).toEqual(['003', '000', '002', '001', '004']);
		expect(grouped('soleimany', expected(/soleimani/i))).toEqual(expected(/soleimani/i));
		expect(ids(index, 'soleimany')).not.toContain('002');
		expect(ids(index, 'rohani')).toEqual(['003', '004']);
		expect(grouped('zarriff', expected(/zarif/i))).toEqual(expected(/zarif/i));
		expect(grouped('kahdimi', expected(/kadhimi/i))).toEqual(expected(/kadhimi/i));
		expect(grouped('KADHIMI', expected(/kadhimi/i))).toEqual(expected(/kadhimi/i));
	});

	it('does not stretch short words: a three-letter word takes one typo, two letters none', () => {
		// 'irak' is one substitution from both 'iraq' and 'iran', two from 'iraqi'.
		expect(grouped('irak ', expected(/\bira[qn]\b/i))).toEqual(expected(/\bira[qn]\b/i));
		expect(index.search('xq ').results).toEqual([]);
		expect(index.search('zrfi ').results).toEqual([]);
	});

	it('shows results while a name is typed, letter by letter', () => {
		const typed = 'kadimi';
		for (let length = 1; length <= typed.length; length++) {
			expect(index.search(typed.slice(0, length)).results.length).toBeGreaterThan(0);
		}
		for (const prefix of ['kadh', 'kadhi', 'kadi', 'kadim']) {
			expect(grouped(prefix, expected(/kadhimi/i))).toEqual(expected(/kadhimi/i));
		}
		// A finished word (trailing space) no longer matches as a prefix.
		expect(grouped('soleim', expected(/soleimani/i))).toEqual(expected(/soleimani/i));
		expect(index.search('soleim ').results).toEqual([]);
	});

	it('narrows with several words, each matched fuzzily', () => {
		expect(ids(index, 'kadimi rohani')).toEqual(['003', '004']);
		// 000 and 003 have Kadhimi in the title; 000 names Soleimani 8 times, 003 once.
		expect(ids(index, 'soleimany kadimi')).toEqual(['000', '003', '001', '004']);
		expect(ids(index, 'zarif mustafa ghaani')).toEqual(
			seeds
				.filter((seed) => /zarif/i.test(seed.text) && /mustafa/i.test(seed.text))
				.filter((seed) => /ghaani/i.test(seed.text))
				.map((seed) => seed.id.slice(0, 3)),
		);
		expect(index.search('kadhimi qwertyuiop').results).toEqual([]);
	});

	it('matches a quoted phrase exactly, across line breaks, and only in that order', () => {
		expect(grouped('"prime minister"', expected(/prime\s+minister/i))).toEqual(
			expected(/prime\s+minister/i),
		);
		// In seed 003 'the' ends a line and 'relations' starts the next.
		expect(seeds[3]!.text).toMatch(/the\nrelations between his country/);
		expect(ids(index, '"the relations between his country"')).toEqual(['003']);
		expect(index.search('"minister prime"').results).toEqual([]);
		// Exact: a misspelt phrase finds nothing.
		expect(index.search('"prime minster"').results).toEqual([]);
		// An unclosed quote is a phrase still being typed.
		expect(grouped('"prime minis', expected(/prime\s+minis/i))).toEqual(expected(/prime\s+minis/i));
	});

	it('gives the matched ranges of each title', () => {
		const first = index.search('kadimi').results.find((result) => result.ordinal === 2);
		expect(first!.document.title).toBe(seeds[2]!.title);
		const words = first!.titleRanges.map((range) =>
			first!.document.title.slice(range.start, range.end),
		);
		// "Kadhimi's" is one word (core/text/words.ts), matched whole as "kadhimi".
		expect(words).toEqual(["Kadhimi's"]);
	});

	it('respects the limit and reports the total', () => {
		const {results, total, slice, at} = index.search('kadimi', {limit: 2});
		const all = ids(index, 'kadimi');
		expect(results.map((result) => result.document.id.slice(0, 3))).toEqual(all.slice(0, 2));
		expect(total).toBe(5);
		// Every match is reachable past the limit.
		expect(slice(0, 10).map((result) => result.document.id.slice(0, 3))).toEqual(all);
		expect(slice(3, 5).map((result) => result.document.id.slice(0, 3))).toEqual(all.slice(3));
		expect(at(4)!.document.id.slice(0, 3)).toBe(all[4]);
		expect(at(5)).toBeUndefined();
		expect(index.search('kadimi', {limit: 0}).results).toEqual([]);
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
			const results = index.search(query).results;
			expect(Array.isArray(results)).toBe(true);
		}
		expect(index.search('').results).toEqual([]);
		expect(index.search('     ').results).toEqual([]);
		expect(index.search('!?.,;:()[]{}').results).toEqual([]);
		expect(grouped('(kadhimi', expected(/kadhimi/i))).toEqual(expected(/kadhimi/i));
		expect(grouped('.*kadhimi+?', expected(/kadhimi/i))).toEqual(expected(/kadhimi/i));
		expect(grouped('kadhimi"', expected(/kadhimi/i))).toEqual(expected(/kadhimi/i));
		expect(grouped('“prime minister”', expected(/prime\s+minister/i))).toEqual(
			expected(/prime\s+minister/i),
		);
		expect(grouped('kadhimi '.repeat(125), expected(/kadhimi/i))).toEqual(expected(/kadhimi/i));
		expect(index.search('a'.repeat(1000)).results).toEqual([]);
		expect(index.search('مصطفى الكاظمي').results).toEqual([]);
		expect(index.search('北京大学').results).toEqual([]);
	});
});

/** Ids of the ranking of `query` over documents made from `texts` ([id, text] pairs). */
function ranking(query: string, texts: readonly (readonly [string, string])[]): string[] {
	const index = indexOf(texts.map(([id, text]) => documentFromText(text, id)));
	return index.search(query).results.map((result) => result.document.id);
}

// One test per ranking tier. In each, the document that should win comes last in insertion
// order and loses on every tier below the one under test, so the test fails if that tier is
// dropped, whatever the others do.
describe('SearchIndex ranking', () => {
	it('tier 1: more query words in the title rank above fewer', () => {
		expect(
			ranking('zarif ', [
				['body', 'News of the day\n\nZarif met aides. Zarif spoke. Zarif left.'],
				['title', 'Zariff arrives\n\nThe minister came on Sunday.'],
			]),
		).toEqual(['title', 'body']);
		expect(
			ranking('zarif baghdad', [
				['none', 'News of the day\n\nZarif was in Baghdad. Zarif left Baghdad.'],
				['one', 'Zarif speaks\n\nHe was in Baghdad. He left Baghdad.'],
				['two', 'Zarif in Baghdad\n\nHe spoke.'],
			]),
		).toEqual(['two', 'one', 'none']);
	});

	it('tier 1: a word of a title derived from the opening is a title match, as the row shows it', () => {
		const derived = documentFromText('Zariff arrived in Baghdad on Sunday, officials said.');
		expect(derived.titleFromHeadline).toBe(false);
		expect(
			ranking('zarif ', [
				['body', 'News of the day\n\nZarif met aides. Zarif spoke. Zarif left.'],
				['derived', 'Zariff arrived in Baghdad on Sunday, officials said.'],
			]),
		).toEqual(['derived', 'body']);
	});

	it('tier 2: more words exactly in the title rank above fewer', () => {
		expect(
			ranking('zarif ', [
				['fuzzy', 'Zariff in Baghdad\n\nZarif met aides. Zarif spoke. Zarif left.'],
				['exact', 'Zarif in Baghdad\n\nThe minister spoke at length about the talks today.'],
			]),
		).toEqual(['exact', 'fuzzy']);
	});

	it('tier 3: more words matched exactly anywhere rank above fewer', () => {
		// 'close' is one edit from each word (closeness 2 + 2 + 2), 'exact' has one exact and two
		// words two edits away (3 + 1 + 1): fewer edits in all, but fewer exact words.
		expect(
			ranking('baghdad minister council ', [
				['close', 'News\n\nBagdad minster councl.'],
				['exact', 'News\n\nBaghdad minstr cuncl.'],
			]),
		).toEqual(['exact', 'close']);
	});

	it('tier 4: fewer edits rank above more', () => {
		expect(
			ranking('kadhimii ', [
				['two-edits', 'News\n\nKadhim spoke. Kadhim left. Kadhim returned.'],
				['one-edit', 'News\n\nKadhimi spoke at length about the talks.'],
			]),
		).toEqual(['one-edit', 'two-edits']);
	});

	it('tier 5: relevance: more occurrences for the length rank higher', () => {
		expect(
			ranking('zarif', [
				['once', 'News\n\nZarif spoke about the talks in the capital today.'],
				['often', 'News\n\nZarif spoke. Zarif left. Zarif returned today.'],
			]),
		).toEqual(['often', 'once']);
		const filler = 'The talks went on for a long time in the capital. '.repeat(20);
		expect(
			ranking('zarif', [
				['long', `News\n\nZarif spoke. ${filler}`],
				['short', 'News\n\nZarif spoke.'],
			]),
		).toEqual(['short', 'long']);
	});

	it('tier 5: relevance: a rare word weighs more than a common one', () => {
		const fillers = Array.from(
			{length: 8},
			(_, i) => [`f${i}`, `Day ${i}\n\nThe council met.`] as const,
		);
		const found = ranking('rouhani council', [
			...fillers,
			['common', 'News\n\nRouhani met the council. The council met.'],
			['rare', 'News\n\nRouhani met the council. Rouhani left today.'],
		]);
		expect(found).toEqual(['rare', 'common']);
	});

	it('gives scores that order the results: the tier, plus relevance below one', () => {
		const index = indexOf([
			documentFromText('News\n\nZarif spoke about the talks in the capital today.', 'once'),
			documentFromText('News\n\nZarif spoke. Zarif left. Zarif returned today.', 'often'),
			documentFromText('Zarif arrives\n\nThe minister came on Sunday.', 'title'),
		]);
		const scores = index.search('zarif').results.map((result) => result.score);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
		expect(new Set(scores).size).toBe(3);
		expect(Math.floor(scores[1]!)).toBe(Math.floor(scores[2]!));
		expect(Math.floor(scores[0]!)).toBeGreaterThan(Math.floor(scores[1]!));
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
		// C has both words in its title, A and B one each, D none. Among the four, 'council' is
		// as common as 'rouhani' and B, which says it twice, comes first; among 600 council
		// reports 'council' weighs nothing and A, shorter, comes first.
		const orders = {small: ['C', 'B', 'A', 'D'], large: ['C', 'A', 'B', 'D']};
		for (const [name, index] of [
			['small', small],
			['large', large],
		] as const) {
			const found = index.search('rouhani council ').results;
			expect(found.map((result) => result.document.id)).toEqual(orders[name]);
			expect(Math.floor(found[0]!.score)).toBeGreaterThan(Math.floor(found[1]!.score));
			expect(Math.floor(found[1]!.score)).toBe(Math.floor(found[2]!.score));
			expect(found[1]!.score).toBeGreaterThan(found[2]!.score);
		}
		expect(large.search('council').total).toBe(604);
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
		expect(index.search('soleimani').results.map((result) => result.ordinal)).toEqual(
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
				index
					.search(query)
					.results.map((result) => [result.ordinal, result.score, result.titleRanges]);
			expect(summary(sliced)).toEqual(summary(whole));
		}
	});

	it('finds documents added after an earlier search of the same word', () => {
		const index = indexOf([documentFromText('One\n\nRouhani spoke.', 'first')]);
		expect(index.search('rouhani').results.length).toBe(1);
		index.add([documentFromText('Two\n\nRouhani spoke again.', 'second')]);
		expect(index.search('rouhani').results.map((result) => result.document.id)).toEqual([
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
