import {describe, expect, it} from 'vitest';
import {matchTerms} from '../../../source/core/search/fuzzy.js';
import {matchingTypos} from '../../../source/core/search/narrowing.js';
import {codePoints} from '../../../source/core/search/normalise.js';
import type {QueryWord} from '../../../source/core/search/query.js';
import {SearchIndex} from '../../../source/core/search/index.js';
import {Trie} from '../../../source/core/search/trie.js';
import {
	couldMatch,
	decodeSequence,
	documentTermsSteps,
	encodeSequence,
	LetterCounts,
	StoredVocabulary,
	TermReader,
	termWords,
} from '../../../source/core/store/term-index.js';
import {finish} from '../../../source/core/steps.js';
import type {Document} from '../../../source/core/types.js';

// A vocabulary with near misses of every kind around a few words: typos, swapped letters,
// prefixes and longer words, accents, a sharp s, CJK, and letters beyond U+FFFF (two UTF-16
// units each, one code point).
const TERMS = [
	'tehran',
	'teheran',
	'tehrann',
	'tehr',
	'teh',
	'the',
	'them',
	'thermal',
	'tehranis',
	'tehrangeles',
	'ethran',
	'tenrah',
	'café',
	'cafe',
	'cafes',
	'caf',
	'cafés',
	'caféteria',
	'façade',
	'facade',
	'straße',
	'strasse',
	'strase',
	'東京',
	'東京都',
	'京東',
	'𝒜lpha',
	'𝒜lph',
	'alpha',
	'𠀋𠀋',
	'𠀋a',
	'20',
	'2020',
	'200',
	'x',
	'xy',
	'kadhimi',
	'kadimi',
	'khadimi',
	'kadhimiya',
	'kadhmi',
	'akdhimi',
];

const word = (text: string, maxTypos: number, prefix: boolean): QueryWord => ({
	kind: 'word',
	text,
	maxTypos,
	prefix,
});

/** What core/search's matcher finds in the whole vocabulary, with nothing left out first. */
function reference(terms: readonly string[], query: QueryWord): string[] {
	const trie = new Trie();
	terms.forEach((term, index) => trie.insert(codePoints(term), index));
	const {maxTypos, prefixTypos} = matchingTypos(query);
	return matchTerms(trie, codePoints(query.text), maxTypos, prefixTypos)
		.map((match) => terms[match.term]!)
		.sort();
}

/** What the store finds: StoredVocabulary's length and letter-mask checks, couldMatch, then the
 * matcher. Terms are numbered from 1, as the database numbers them. */
function stored(terms: readonly string[], query: QueryWord): string[] {
	return StoredVocabulary.fromTerms(
		terms,
		terms.map((_, index) => index + 1),
	)
		.matching(query)
		.map((number) => terms[number - 1]!)
		.sort();
}

/** What 'tehr' finds as a prefix with one typo: 'ethr…' and 'ther…' (swaps), 'tenr…' (a letter
 * changed), and 'teh' (a letter dropped). */
const TEHR_AS_PREFIX_ONE_TYPO = [
	'ethran',
	'teh',
	'teheran',
	'tehr',
	'tehran',
	'tehrangeles',
	'tehranis',
	'tehrann',
	'tenrah',
	'thermal',
];

/** The words the matcher is asked for in these tests: typos, prefixes, non-ASCII. */
const WORDS = [
	'tehran',
	'tehrna',
	'tehr',
	'te',
	'the',
	'cafe',
	'café',
	'caf',
	'facade',
	'strasse',
	'straße',
	'東京',
	'京',
	'𝒜lpha',
	'𝒜',
	'𠀋',
	'2020',
	'x',
	'kadhimi',
	'kadimi',
	'khadimi',
	'qqqq',
];

describe('the stored vocabulary’s filter (term lengths, letters counted)', () => {
	it('find exactly the terms the full matcher finds, for typos, prefixes and non-ASCII words', () => {
		let compared = 0;
		for (const text of WORDS) {
			for (const maxTypos of [0, 1, 2]) {
				for (const prefix of [false, true]) {
					const query = word(text, maxTypos, prefix);
					const label = `${text} ${maxTypos} ${prefix ? 'prefix' : ''}`;
					expect(stored(TERMS, query), label).toEqual(reference(TERMS, query));
					compared++;
				}
			}
		}
		expect(compared).toBe(WORDS.length * 6);
	});

	it('keep the terms at the edges of a word’s reach', () => {
		// Two insertions, two deletions, a swap, an accent, a letter beyond U+FFFF.
		expect(stored(TERMS, word('tehran', 2, false))).toEqual([
			'ethran',
			'teheran',
			'tehr',
			'tehran',
			'tehranis',
			'tehrann',
			'tenrah',
		]);
		expect(stored(TERMS, word('kadhimi', 1, false))).toEqual([
			'akdhimi', // a swap of neighbours is one typo
			'kadhimi',
			'kadhmi',
			'kadimi',
		]);
		expect(stored(TERMS, word('tehr', 1, true))).toEqual(TEHR_AS_PREFIX_ONE_TYPO);
		expect(stored(TERMS, word('𝒜lpha', 1, false))).toEqual(['alpha', '𝒜lph', '𝒜lpha']);
		expect(stored(TERMS, word('𠀋', 1, false))).toEqual(['x', '𠀋a', '𠀋𠀋']);
	});

	it('couldMatch counts a word’s letters, repeated ones and those beyond U+FFFF included', () => {
		const check = (term: string, text: string, maxTypos: number, prefix = false) => {
			const points = codePoints(text);
			return couldMatch(term, points.length, new LetterCounts(points), maxTypos, prefix);
		};
		expect(check('tehran', 'tehran', 0)).toBe(true);
		expect(check('tehran', 'tehrna', 0)).toBe(true); // the letters are there; the matcher decides
		expect(check('teran', 'tehran', 0)).toBe(false); // one letter missing, no typo allowed
		expect(check('teran', 'tehran', 1)).toBe(true);
		expect(check('aa', 'aaa', 0)).toBe(false); // a repeated letter counts twice
		expect(check('aab', 'aaa', 1)).toBe(true);
		expect(check('abb', 'aaa', 1)).toBe(false);
		expect(check('𝒜b', '𝒜𝒜', 1)).toBe(true);
		expect(check('ab', '𝒜𝒜', 1)).toBe(false);
		expect(check('tehrangeles', 'tehr', 0, true)).toBe(true); // a prefix may go on
		expect(check('tehrangeles', 'tehr', 0, false)).toBe(false);
	});
});

/** The terms numbered from 1, as the database numbers them. */
const NUMBERS = TERMS.map((_, index) => index + 1);

function matched(vocabulary: StoredVocabulary, query: QueryWord): string[] {
	return vocabulary
		.matching(query)
		.map((number) => TERMS[number - 1]!)
		.sort();
}

describe('the stored vocabulary kept whole (a trie of its terms, and the terms numbered since)', () => {
	it('finds exactly what the full matcher finds, kept whole and kept with a tail', () => {
		const whole = StoredVocabulary.fromKept(StoredVocabulary.fromTerms(TERMS, NUMBERS).keptForm())!;
		// Kept when 17 terms were numbered; the rest came after.
		const withTail = StoredVocabulary.fromKept(
			StoredVocabulary.fromTerms(TERMS.slice(0, 17), NUMBERS.slice(0, 17)).keptForm(),
		)!.extendedBy(TERMS.slice(17), NUMBERS.slice(17));
		// Kept again from one with a tail: the tail goes into the kept trie.
		const keptAgain = StoredVocabulary.fromKept(withTail.keptForm())!;
		expect(keptAgain.keptForm().through).toBe(TERMS.length);
		for (const text of WORDS) {
			for (const maxTypos of [0, 1, 2]) {
				for (const prefix of [false, true]) {
					const query = word(text, maxTypos, prefix);
					const expected = reference(TERMS, query);
					const label = `${text} ${maxTypos} ${prefix ? 'prefix' : ''}`;
					expect(matched(whole, query), label).toEqual(expected);
					expect(matched(withTail, query), label).toEqual(expected);
					expect(matched(keptAgain, query), label).toEqual(expected);
				}
			}
		}
		expect(matched(withTail, word('tehr', 1, true))).toEqual(TEHR_AS_PREFIX_ONE_TYPO);
		expect(withTail.termOf(1)).toBe('tehran');
		expect(withTail.termOf(17)).toBe('cafés');
		expect(withTail.termOf(18)).toBe('caféteria');
		expect(withTail.termOf(29)).toBe('alpha');
		expect(withTail.termOf(TERMS.length)).toBe('akdhimi');
		expect(withTail.termOf(TERMS.length + 1)).toBe('');
	});

	it('is not taken up when it does not hold together: another format, cut arrays, a trie that loops', () => {
		const kept = StoredVocabulary.fromTerms(TERMS, NUMBERS).keptForm();
		expect(StoredVocabulary.fromKept(kept)).toBeDefined();
		expect(StoredVocabulary.fromKept({...kept, format: kept.format + 1})).toBeUndefined();
		expect(StoredVocabulary.fromKept({...kept, through: kept.through + 1})).toBeUndefined();
		expect(StoredVocabulary.fromKept({...kept, text: kept.text.slice(1)})).toBeUndefined();
		expect(
			StoredVocabulary.fromKept({
				...kept,
				numbers: kept.numbers.subarray(0, kept.numbers.length - 2),
			}),
		).toBeUndefined();
		expect(
			StoredVocabulary.fromKept({...kept, trie: kept.trie.subarray(0, kept.trie.length - 4)}),
		).toBeUndefined();
		// Numbers out of order.
		const numbers = new Int32Array(Uint8Array.from(kept.numbers).buffer);
		[numbers[3], numbers[4]] = [numbers[4]!, numbers[3]!];
		expect(
			StoredVocabulary.fromKept({...kept, numbers: new Uint8Array(numbers.buffer)}),
		).toBeUndefined();
		// A node whose first child is the root: a walk would never end.
		const trie = new Int32Array(Uint8Array.from(kept.trie).buffer);
		const nodes = trie.length / 4;
		trie[nodes + 5] = 0;
		expect(StoredVocabulary.fromKept({...kept, trie: new Uint8Array(trie.buffer)})).toBeUndefined();
		// A term id past the last term.
		const ids = new Int32Array(Uint8Array.from(kept.trie).buffer);
		ids[3 * nodes + ids.subarray(3 * nodes).findIndex((id) => id >= 0)] = TERMS.length;
		expect(StoredVocabulary.fromKept({...kept, trie: new Uint8Array(ids.buffer)})).toBeUndefined();
	});
});

describe('a document’s kept word sequence', () => {
	it('is its terms in order of first use, and each word as its term’s place, -1 after each text', () => {
		const document = {
			title: 'Café Culture',
			dateline: 'TEHRAN, July 20',
			paragraphs: ['Iran’s visit, visit.', 'Culture!'],
		} as unknown as Document;
		const {terms, sequence} = finish(documentTermsSteps(document, 4));
		expect(terms).toEqual(['cafe', 'culture', 'tehran', 'july', '20', 'iran', 'visit']);
		expect([...sequence]).toEqual([0, 1, -1, 2, 3, 4, -1, 5, 6, 6, -1, 1, -1]);
	});

	it('is made of an article of 200,000 paragraphs (more than a call takes as arguments)', () => {
		const document = {
			title: 'Log',
			paragraphs: Array.from({length: 200_000}, (_, at) => (at % 2 === 0 ? 'up' : 'down')),
		} as unknown as Document;
		const {terms, sequence} = finish(documentTermsSteps(document, 4));
		expect(terms).toEqual(['log', 'up', 'down']);
		// Each text's word, then -1: the title's, then the paragraphs'.
		expect(sequence).toHaveLength(2 + 200_000 * 2);
		expect([...sequence.subarray(0, 8)]).toEqual([0, -1, 1, -1, 2, -1, 1, -1]);
		expect([...sequence.subarray(-4)]).toEqual([1, -1, 2, -1]);
	});

	it('is what the search index made of the document when it indexed it', () => {
		const example = {
			id: 'a.txt',
			hash: 'h1',
			title: 'Café Culture',
			dateline: 'TEHRAN, July 20',
			paragraphs: ['Iran’s visit, visit.', 'Culture!'],
		} as unknown as Document;
		const others = [
			{
				id: 'b.txt',
				hash: 'h2',
				title: 'Zarīf in 東京',
				source: 'Reuters',
				// A lone combining mark folds to nothing; a word over 64 letters is cut.
				paragraphs: [`\u0301 ZARIF didn't ${'x'.repeat(70)} café`, 'culture 東京'],
			},
			{id: 'c.txt', hash: 'h3', title: '', paragraphs: []},
		] as unknown as Document[];
		const index = new SearchIndex();
		index.add([...others, example]);
		const {keys, ...found} = index.storedTerms('a.txt', 'h1')!;
		expect(found).toEqual({
			terms: ['cafe', 'culture', 'tehran', 'july', '20', 'iran', 'visit'],
			sequence: Int32Array.from([0, 1, -1, 2, 3, 4, -1, 5, 6, 6, -1, 1, -1]),
		});
		// Each term's id in the index's vocabulary, in the order first indexed (b.txt before
		// a.txt): the same term, the same key, whichever document gives it.
		const bTerms = index.storedTerms('b.txt', 'h2')!;
		expect(bTerms.terms.slice(7)).toEqual(['cafe', 'culture']);
		expect([...bTerms.keys.of]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
		expect(bTerms.keys.space).toBe(keys.space);
		expect([...keys.of]).toEqual([7, 8, 9, 10, 11, 12, 13]);
		for (const document of [...others, example]) {
			const {keys: _keys, ...terms} = index.storedTerms(document.id, document.hash)!;
			expect(terms, document.id).toEqual(
				finish(documentTermsSteps(document, Number.POSITIVE_INFINITY)),
			);
		}
		// Not as indexed: another text of it, an id it does not hold.
		expect(index.storedTerms('a.txt', 'h0')).toBeUndefined();
		expect(index.storedTerms('d.txt', 'h1')).toBeUndefined();
		// Read again, changed: the new entry; the old one no longer counts.
		const changed = {...example, hash: 'h4', paragraphs: ['Visit.']} as unknown as Document;
		index.retire(2);
		index.add([changed]);
		expect(index.storedTerms('a.txt', 'h1')).toBeUndefined();
		expect(index.storedTerms('a.txt', 'h4')!.terms).toEqual([
			'cafe',
			'culture',
			'tehran',
			'july',
			'20',
			'visit',
		]);
		index.retire(3);
		expect(index.storedTerms('a.txt', 'h4')).toBeUndefined();
	});

	it('is found the same by one reader kept for many documents, even with two under way at once', () => {
		const example = {
			title: 'Café Culture',
			dateline: 'TEHRAN, July 20',
			paragraphs: ['Iran’s visit, visit.', 'Culture!'],
		} as unknown as Document;
		const other = {
			title: 'Visit TEHRAN',
			source: 'Zarīf',
			paragraphs: [`culture didn't ${'X'.repeat(70)}`, '東京 visit'],
		} as unknown as Document;
		const reader = new TermReader();
		expect(finish(reader.steps(other, Number.POSITIVE_INFINITY))).toEqual({
			terms: ['visit', 'tehran', 'zarif', 'culture', 'didnt', 'x'.repeat(64), '東', '京'],
			sequence: Int32Array.from([0, 1, -1, 2, -1, 3, 4, 5, -1, 6, 7, 0, -1]),
		});
		// Started, and another document read meanwhile through the same reader.
		const started = reader.steps(example, 4);
		started.next();
		expect(finish(reader.steps(other, 4))).toEqual(finish(documentTermsSteps(other, 4)));
		expect(finish(started)).toEqual({
			terms: ['cafe', 'culture', 'tehran', 'july', '20', 'iran', 'visit'],
			sequence: Int32Array.from([0, 1, -1, 2, 3, 4, -1, 5, 6, 6, -1, 1, -1]),
		});
		expect(finish(reader.steps(example, 4))).toEqual(finish(documentTermsSteps(example, 4)));
	});

	it('is kept as varints, a break as 0, and read back as it was', () => {
		expect([...encodeSequence([1, -1, 127, 128, 300])]).toEqual([
			1, 0, 0x7f, 0x80, 0x01, 0xac, 0x02,
		]);
		const numbers = [1, 2, -1, 127, 128, 16_383, 16_384, 2_097_152, -1, 268_435_460, -1];
		expect([...decodeSequence(encodeSequence(numbers))!]).toEqual(numbers);
		expect([...decodeSequence(new Uint8Array(0))!]).toEqual([]);
		// Cut inside a varint: not something encodeSequence wrote.
		expect(decodeSequence(Uint8Array.from([1, 0x80]))).toBeUndefined();
		expect(() => encodeSequence([0])).toThrow(RangeError);
	});

	it('is written from places among a document’s terms as the numbers at those places', () => {
		// Places 0, 1, 0, a break, 2: the terms numbered 128, 1 and 300.
		const numberAt = Int32Array.from([128, 1, 300]);
		expect([...encodeSequence([0, 1, 0, -1, 2], numberAt)]).toEqual([
			0x80, 0x01, 1, 0x80, 0x01, 0, 0xac, 0x02,
		]);
		// A place with no number yet (0) is no term number.
		expect(() => encodeSequence([1, 2], Int32Array.from([5, 6, 0]))).toThrow(RangeError);
		expect(() => encodeSequence([3], numberAt)).toThrow(RangeError);
	});
});

describe('term numbers as FTS5 words', () => {
	it('writes each number in decimal after a t, joined by the separator', () => {
		expect(termWords(new Int32Array([1, 9, 10, 99, 100, 1_234_567, 2_147_483_647]))).toBe(
			't1 t9 t10 t99 t100 t1234567 t2147483647',
		);
		expect(termWords([7, 42, 305], ' OR ')).toBe('t7 OR t42 OR t305');
		expect(termWords([2_147_483_648, 9_007_199_254_740_991])).toBe('t2147483648 t9007199254740991');
		expect(termWords([0])).toBe('t0');
		expect(termWords([])).toBe('');
	});
});
