import {describe, expect, it} from 'vitest';
import {HEADER, shownTitle} from '../../../source/core/reader/layout.js';
import {
	editDistance,
	findMatches,
	findQuery,
	findWith,
	findTerms,
	foldForSearch,
	typoBudget,
} from '../../../source/core/reader/search.js';
import type {Match} from '../../../source/core/reader/search.js';
import type {Document} from '../../../source/core/types.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';

const textOf = (document: Document, match: Match) =>
	(match.paragraph === HEADER ? shownTitle(document) : document.paragraphs[match.paragraph]!).slice(
		match.start,
		match.end,
	);

/** Occurrences counted the plain way, to check the matcher against. */
function countOccurrences(document: Document, word: string): number {
	return [shownTitle(document), ...document.paragraphs].reduce(
		(sum, text) => sum + text.toLowerCase().split(word.toLowerCase()).length - 1,
		0,
	);
}

describe('findMatches', () => {
	it('finds every occurrence in the seeds, ignoring case, in reading order', () => {
		for (const document of seedDocuments()) {
			for (const word of ['Iran', 'baghdad', 'THE', 'Zarif’s']) {
				const matches = findMatches(document, word);
				expect(matches.length).toBe(countOccurrences(document, word));
				for (const match of matches)
					expect(textOf(document, match).toLowerCase()).toBe(word.toLowerCase());
				const sorted = [...matches].sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
				expect(matches).toEqual(sorted);
			}
		}
	});

	it('searches the title too', () => {
		const document = seedDocuments().find((seed) => seed.title.includes('Prospects'))!;
		expect(findMatches(document, 'prospects')[0]).toEqual({paragraph: HEADER, start: 0, end: 9});
	});

	it('counts what the text says once where the title is made from its opening (seed 004)', () => {
		const document = seedDocuments().find((seed) => seed.id.startsWith('004'))!;
		expect(document.title).toMatch(/^Iranian Foreign Minister Javad Zarif/);
		// "Zarif" six times in the file; the made-up title repeating the first is not shown.
		expect(findMatches(document, 'zarif')).toHaveLength(6);
		expect(findMatches(document, 'zarif')[0]).toEqual({paragraph: 0, start: 31, end: 36});
	});

	it('ignores accents, in composed and decomposed text, and covers the marks it matched', () => {
		const document = documentFromText(
			'Café culture\n\nThe cafe\u0301 on the corner. CAFÉ opens at noon. Cafés close; a cafetière stays.',
		);
		const matches = findMatches(document, 'cafe');
		expect(matches.map((match) => textOf(document, match))).toEqual([
			'Café',
			'cafe\u0301',
			'CAFÉ',
			'Café',
			'cafe',
		]);
		expect(findMatches(document, 'CAFÉ').length).toBe(5);
		expect(findMatches(document, 'cafetiere').map((match) => textOf(document, match))).toEqual([
			'cafetière',
		]);
	});

	it('finds Arabic words with or without their vowel marks', () => {
		const document = documentFromText('خبر\n\nزار الْكَاظِمِي طهران، ثم عاد الكاظمي إلى بغداد');
		const matches = findMatches(document, 'الكاظمي');
		expect(matches.map((match) => textOf(document, match))).toEqual(['الْكَاظِمِي', 'الكاظمي']);
	});

	it('finds nothing for an empty query', () => {
		expect(findMatches(seedDocuments()[0]!, '   ')).toEqual([]);
		expect(foldForSearch('Ünïcödé')).toBe('unicode');
	});
});

describe('findTerms and findQuery', () => {
	const document = seedDocuments().find((seed) => seed.title.includes('Prospects'))!;

	it('merges several terms in reading order without overlaps', () => {
		const matches = findTerms(document, ['Iran', 'Iran-Iraq', 'Iraq']);
		for (let index = 1; index < matches.length; index++) {
			const previous = matches[index - 1]!;
			const match = matches[index]!;
			expect(match.paragraph > previous.paragraph || match.start >= previous.end).toBe(true);
		}
		expect(matches.some((match) => textOf(document, match) === 'Iran-Iraq')).toBe(true);
		const texts = new Set(matches.map((match) => textOf(document, match).toLowerCase()));
		expect([...texts].sort()).toEqual(['iran', 'iran-iraq', 'iraq']);
	});

	it('prefers the whole query, else its words, so a typo still finds the rest', () => {
		const phrase = findQuery(document, 'prime minister');
		expect(phrase.length).toBe(countOccurrences(document, 'prime minister'));
		const typo = findQuery(document, 'Kadhimi Xqzvw');
		expect(typo.length).toBe(countOccurrences(document, 'kadhimi'));
		expect(typo.every((match) => textOf(document, match).toLowerCase() === 'kadhimi')).toBe(true);
		expect(findQuery(document, ['Soleimani']).length).toBe(countOccurrences(document, 'soleimani'));
	});

	it('finds a misspelt word the way the library search does, as whole words', () => {
		const typo = findQuery(document, 'kadimi zarfi');
		const texts = new Set(typo.map((match) => textOf(document, match)));
		// Whole words by the one word rule: "Kadhimi’s" is one word, highlighted whole.
		expect([...texts].sort()).toEqual(['Kadhimi', 'Kadhimi’s', 'Zarif', 'Zarif’s']);
		expect(typo.length).toBe(
			countOccurrences(document, 'kadhimi') + countOccurrences(document, 'zarif'),
		);
		// Short words get no typo budget: 'irn' (one edit from 'iran') is still a typo of three
		// letters, allowed one edit; 'ir' is exact only and matches inside words as typed.
		expect(findQuery(document, 'xyzzyq').length).toBe(0);
	});

	it('measures edits as the library does: swaps count once, budget by length', () => {
		expect(editDistance('zarfi', 'zarif', 2)).toBe(1);
		expect(editDistance('kadimi', 'kadhimi', 2)).toBe(1);
		expect(editDistance('iran', 'iraq', 1)).toBe(1);
		expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
		expect([
			typoBudget('ir'),
			typoBudget('iran'),
			typoBudget('kadimi'),
			typoBudget('2021'),
		]).toEqual([0, 1, 2, 0]);
	});

	it('highlights what a finder from the library says matched, in reading order', () => {
		const finder = (text: string) =>
			[...text.matchAll(/Kadhimi/g)].map((found) => ({
				start: found.index,
				end: found.index + found[0].length,
			}));
		const matches = findWith(document, finder);
		expect(matches.length).toBe(countOccurrences(document, 'kadhimi'));
		expect(matches.every((match) => textOf(document, match) === 'Kadhimi')).toBe(true);
	});
});
