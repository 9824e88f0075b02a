import {describe, expect, it} from 'vitest';
import {HEADER} from '../../../source/core/reader/layout.js';
import {
	findMatches,
	findQuery,
	findTerms,
	foldForSearch,
} from '../../../source/core/reader/search.js';
import type {Match} from '../../../source/core/reader/search.js';
import type {Document} from '../../../source/core/types.js';
import {documentFromText, seedDocuments} from './fixtures.js';

const textOf = (document: Document, match: Match) =>
	(match.paragraph === HEADER ? document.title : document.paragraphs[match.paragraph]!).slice(
		match.start,
		match.end,
	);

/** Occurrences counted the plain way, to check the matcher against. */
function countOccurrences(document: Document, word: string): number {
	return [document.title, ...document.paragraphs].reduce(
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
		const typo = findQuery(document, 'Kadhimi Zarfi');
		expect(typo.length).toBe(countOccurrences(document, 'kadhimi'));
		expect(typo.every((match) => textOf(document, match).toLowerCase() === 'kadhimi')).toBe(true);
		expect(findQuery(document, ['Soleimani']).length).toBe(countOccurrences(document, 'soleimani'));
	});
});
