import {describe, expect, it} from 'vitest';
import {
	GAP_PARAGRAPH,
	KIND_BREAK,
	KIND_WORD,
	scanTokens,
	TokenBuffer,
	TokenIds,
	tokenizeWords,
	tokenText,
} from '../../../source/core/diff/word-tokens.js';
import {oracleTokens} from './fixtures.js';
import {seedFiles, seedText} from '../../fixtures/seeds.js';

const texts = (text: string, breakTokens = false) => {
	const tokens = tokenizeWords(text, new TokenIds(), {breakTokens});
	return Array.from({length: tokens.length}, (_, i) => tokenText(tokens, i));
};

describe('tokenizeWords', () => {
	it('keeps words whole in any script and splits off punctuation', () => {
		expect(texts('Iran’s ties, re-published: «می‌خواهم» وَالسَّلَامُ 2020!')).toEqual([
			'Iran’s',
			'ties',
			',',
			're',
			'-',
			'published',
			':',
			'«',
			'می‌خواهم',
			'»',
			'وَالسَّلَامُ',
			'2020',
			'!',
		]);
	});

	it('agrees with the rule stated as a regular expression on every seed', () => {
		for (const name of seedFiles) {
			const text = seedText(name);
			expect(texts(text), name).toEqual(oracleTokens(text));
		}
	});

	it('gives equal tokens equal ids across texts, and different tokens different ids', () => {
		const ids = new TokenIds();
		const a = tokenizeWords('the cat saw the dog', ids, {breakTokens: false});
		const b = tokenizeWords('a dog and the cat', ids, {breakTokens: false});
		expect(a.ids[0]).toBe(a.ids[3]);
		expect(a.ids[1]).toBe(b.ids[4]);
		expect(a.ids[4]).toBe(b.ids[1]);
		expect(new Set(a.ids).size).toBe(4);
		expect(a.wordCount).toBe(5);
	});

	it('marks paragraph breaks by each text’s own layout', () => {
		const flat = tokenizeWords(seedText(seedFiles[0]!), new TokenIds(), {breakTokens: false});
		const blank = tokenizeWords(seedText(seedFiles[1]!), new TokenIds(), {breakTokens: false});
		const starts = (list: typeof flat) =>
			Array.from({length: list.length}, (_, i) => i)
				.filter((i) => list.gaps[i] === GAP_PARAGRAPH)
				.slice(0, 3)
				.map((i) => tokenText(list, i));
		expect(starts(flat)).toEqual(['The', 'It', 'During']);
		expect(starts(blank)).toEqual(['July', 'In', 'The']);
	});

	it('tokenizes a window of a text into a buffer used again and again', () => {
		const text = seedText(seedFiles[1]!);
		const whole = tokenizeWords(text, new TokenIds(), {breakTokens: false});
		const ids = new TokenIds(32);
		const buffer = new TokenBuffer(4);
		for (const first of [0, 17, 300, whole.length - 5]) {
			ids.reset(32);
			const options = {breakTokens: false, paragraphs: false, maxTokens: 16};
			const window = scanTokens(text, ids, {...options, from: whole.starts[first]!}, buffer);
			const expected = Array.from({length: Math.min(16, whole.length - first)}, (_, i) =>
				tokenText(whole, first + i),
			);
			expect(Array.from({length: window.length}, (_, i) => tokenText(window, i))).toEqual(expected);
			expect(window.starts[0]).toBe(whole.starts[first]);
			// Interned afresh after the reset: ids are small and count only this window's tokens.
			expect(ids.size).toBe(new Set(expected).size + 1);
			expect(window.gaps.subarray(0, window.length).every((gap) => gap !== GAP_PARAGRAPH)).toBe(
				true,
			);
		}
	});

	it('emits breaks as tokens only when asked', () => {
		const text = 'One two.\n\nThree.';
		const tokens = tokenizeWords(text, new TokenIds(), {breakTokens: true});
		expect(Array.from(tokens.kinds)).toEqual([KIND_WORD, KIND_WORD, 1, KIND_BREAK, KIND_WORD, 1]);
		expect(texts(text, false)).not.toContain('¶');
	});
});

describe('paragraph breaks, one text after another', () => {
	const long = (words: number, seed: string) =>
		Array.from({length: words}, (_, i) => `${seed}${i}`).join(' ') + '.';
	const layouts = {
		// A line per paragraph: lines too long to be wrapped.
		lines: `${long(30, 'a')}\n${long(30, 'b')}\n${long(30, 'c')}`,
		blank: `One two.\nthree four.\n\nFive six.`,
		// One line; paragraphs apart by runs of spaces, not before a lowercase letter.
		spaces: `One two. Three.   Four five.  and six.   Seven.`,
		// Wrapped at a width; a short line ending a sentence ends its paragraph.
		wrapped: [
			'The quick brown fox jumps over the lazy dog and runs far away from',
			'the farm where it lived for many years with the other',
			'animals.',
			'Then it came back to the farm and found that the',
			'farmer had gone.',
		].join('\n'),
	};
	const breaksOf = (text: string, ids = new TokenIds()) => {
		const tokens = tokenizeWords(text, ids, {breakTokens: false});
		return Array.from({length: tokens.length}, (_, i) => i)
			.filter((i) => tokens.gaps[i] === GAP_PARAGRAPH)
			.map((i) => tokenText(tokens, i));
	};

	it('reads each layout', () => {
		expect(breaksOf(layouts.lines)).toEqual(['b0', 'c0']);
		expect(breaksOf(layouts.blank)).toEqual(['Five']);
		expect(breaksOf(layouts.spaces)).toEqual(['Four', 'Seven']);
		expect(breaksOf(layouts.wrapped)).toEqual(['Then']);
	});

	it('reads each text by its own layout when texts of every layout share one tokenizer', () => {
		const ids = new TokenIds();
		const alone = Object.values(layouts).map((text) => breaksOf(text));
		// Twice round, so that the scanner has been optimized for other texts' rules.
		for (let round = 0; round < 2; round++) {
			expect(Object.values(layouts).map((text) => breaksOf(text, ids))).toEqual(alone);
		}
	});
});
