import {describe, expect, it} from 'vitest';
import {
	countWords,
	forEachWord,
	newWordScanCarry,
	readingMinutes,
	wordRanges,
} from '../../../source/core/text/words.js';
import {diffDocuments, summariseUtf8} from '../../../source/core/diff/diff-documents.js';
import {TokenIds, tokenizeWords} from '../../../source/core/diff/word-tokens.js';
import {seededRandom} from '../../fixtures/prose.js';
import {seedDocument, seedDocuments, seedPath} from '../../fixtures/seeds.js';
import {readFileSync} from 'node:fs';

const words = (text: string) => wordRanges(text).map(({start, end}) => text.slice(start, end));

describe('the word rule', () => {
	it('counts runs of letters and digits; an apostrophe between letters stays inside', () => {
		expect(countWords('')).toBe(0);
		expect(countWords('  — … ')).toBe(0);
		expect(countWords('One two  three')).toBe(3);
		// al | Kadhimi | Iran’s | 14 | 6 | million: a hyphen or a point splits, an apostrophe not.
		expect(words('al-Kadhimi, Iran’s 14.6 million')).toEqual([
			'al',
			'Kadhimi',
			'Iran’s',
			'14',
			'6',
			'million',
		]);
		expect(words("didn't 'quoted' allies’ ’tis")).toEqual(["didn't", 'quoted', 'allies', 'tis']);
		expect(words('a’’b')).toEqual(['a', 'b']);
	});

	it('counts real sentences of the seeds', () => {
		// 000: "… Ali Shariati, a member of Iran’s Chamber of commerce, tells the Tehran Times."
		expect(
			countWords('Ali Shariati, a member of Iran’s Chamber of commerce, tells the Tehran Times.'),
		).toBe(13);
		// 001's dateline: July | 20 | 2020 | 21 | 8.
		expect(countWords('July 20, 2020 - 21:8')).toBe(5);
		// 000: "That’s why Iran’s judiciary has very strong clues regarding the U.S. involvement"
		expect(
			countWords(
				'That’s why Iran’s judiciary has very strong clues regarding the U.S. involvement',
			),
		).toBe(13);
	});

	it('counts words in any script, keeping marks and Persian joiners inside their word', () => {
		expect(countWords('Café cafe\u0301 naïve')).toBe(3);
		expect(countWords('Привет мир')).toBe(2);
		expect(countWords('مرحبا بالعالم')).toBe(2);
		expect(words('«می‌خواهم» وَالسَّلَامُ')).toEqual(['می‌خواهم', 'وَالسَّلَامُ']);
		expect(countWords('日本語 テキスト')).toBe(2);
	});

	it('reads letters outside the BMP as letters, emoji as separators', () => {
		expect(words('𝐀𝐁𝐂 def')).toEqual(['𝐀𝐁𝐂', 'def']);
		expect(countWords('a🙂b')).toBe(2);
	});

	it('visits the same words when a text is scanned in pieces', () => {
		const text = 'Zarif’s visit, 2020: “Iran–Iraq” ties; café\u0301 𝐀x 🙂 don’t '.repeat(50);
		const whole = wordRanges(text);
		for (const size of [1, 2, 3, 7, 64]) {
			const pieces: {start: number; end: number}[] = [];
			const carry = newWordScanCarry();
			for (let from = 0; from < text.length;) {
				let to = Math.min(text.length, from + size);
				if (
					to < text.length &&
					text.charCodeAt(to - 1) >= 0xd800 &&
					text.charCodeAt(to - 1) <= 0xdbff
				)
					to++;
				forEachWord(text, (start, end) => pieces.push({start, end}), from, to, carry);
				from = to;
			}
			expect(pieces, `pieces of ${size}`).toEqual(whole);
		}
		expect(countWords(text)).toBe(whole.length);
	});

	it('reads at 230 words a minute, rounded up, 0 only for nothing', () => {
		expect(readingMinutes(0)).toBe(0);
		expect(readingMinutes(1)).toBe(1);
		expect(readingMinutes(230)).toBe(1);
		expect(readingMinutes(231)).toBe(2);
	});
});

/** The diff tokenizer's word count of a text. */
function diffWordCount(text: string): number {
	return tokenizeWords(text, new TokenIds(), {breakTokens: false}).wordCount;
}

describe('the diff counts words by the same rule', () => {
	it('gives every seed the word count of its document, in the diff and its JSON summary', () => {
		const documents = seedDocuments();
		// Written out, and what a regular expression of the rule finds in the files:
		// /[\p{L}\p{M}\p{N}\u200c\u200d]+(?:['’][\p{L}\p{M}\p{N}\u200c\u200d]+)*/gu. 000 and 001 are one
		// article; 001 adds a headline and a dateline and drops a footer.
		expect(documents.map((document) => document.words)).toEqual([1270, 1266, 778, 530, 453]);
		for (const document of documents) {
			expect(diffWordCount(document.text), document.id).toBe(document.words);
			expect(countWords(document.text)).toBe(document.words);
		}
		for (const other of documents.slice(1)) {
			const first = documents[0]!;
			const {stats} = diffDocuments(first, other);
			expect([stats.wordsA, stats.wordsB], other.id).toEqual([first.words, other.words]);
			const summary = summariseUtf8(
				readFileSync(seedPath(first.id.slice(0, 3))),
				readFileSync(seedPath(other.id.slice(0, 3))),
			);
			expect([summary.stats.wordsA, summary.stats.wordsB]).toEqual([first.words, other.words]);
		}
		expect(seedDocument('000').words).toBe(1270);
	});

	it('agrees with the diff tokenizer on generated text full of edge cases', () => {
		const pieces = [
			'a',
			'Z',
			'9',
			'é',
			'e\u0301',
			'\u0301',
			'ß',
			'Ж',
			'ح',
			'\u200c',
			'\u200d',
			'日',
			'カ',
			'𝐀',
			'🙂',
			"'",
			'’',
			'‘',
			'-',
			'.',
			',',
			' ',
			'\n',
			'\u00a0',
			'\ufeff',
			'\u00ad',
			'«',
			'2',
			'_',
			'@',
			'\u2028',
			// Lone surrogates: a character of their own each, never a word.
			'\ud835',
			'\udc00',
		];
		const random = seededRandom(11);
		for (let round = 0; round < 400; round++) {
			let text = '';
			const length = Math.floor(random() * 40);
			for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
			expect(countWords(text), JSON.stringify(text)).toBe(diffWordCount(text));
			expect(wordRanges(text).length).toBe(countWords(text));
		}
	});
});
