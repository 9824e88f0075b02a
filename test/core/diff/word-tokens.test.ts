import {describe, expect, it} from 'vitest';
import {Buffer} from 'node:buffer';
import {
	GAP_NONE,
	GAP_PARAGRAPH,
	GAP_SPACE,
	KIND_BREAK,
	KIND_PUNCTUATION,
	KIND_WORD,
	TokenIds,
	tokenizeTexts,
	tokenizeUtf8,
	tokenizeUtf8Pair,
	tokenizeWords,
	tokenText,
	type TokenList,
} from '../../../source/core/diff/word-tokens.js';
import {sanitiseText} from '../../../source/core/text/sanitise.js';
import {countWords} from '../../../source/core/text/words.js';
import {oracleTokens} from './fixtures.js';
import {hardWrap, seededRandom} from '../../fixtures/prose.js';
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

	it('reads a lone surrogate as a character of its own, as UTF-8 holds it (U+FFFD)', () => {
		expect(texts('a\ud800b \udc00 c\ud83c')).toEqual(['a', '\ud800', 'b', '\udc00', 'c', '\ud83c']);
		expect(tokenizeWords('a\ud800b', new TokenIds(), {breakTokens: false}).wordCount).toBe(2);
		expect(countWords('a\ud800b')).toBe(2);
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

/** Everything a token list says, token by token, in plain arrays. */
function listed(tokens: TokenList) {
	const indices = Array.from({length: tokens.length}, (_, i) => i);
	return {
		texts: indices.map((i) => tokenText(tokens, i)),
		starts: Array.from(tokens.starts),
		ends: Array.from(tokens.ends),
		gaps: Array.from(tokens.gaps),
		kinds: Array.from(tokens.kinds),
		wordCount: tokens.wordCount,
		textLength: tokens.textLength,
	};
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('tokenizeUtf8, the tokenizer of bytes alone', () => {
	it('splits ASCII and longer sequences, with offsets in UTF-16 units', () => {
		// é and “ are two and three bytes, 🎉 four bytes and two UTF-16 units, the no-break
		// space two bytes of whitespace, ’ three bytes inside a word.
		const tokens = tokenizeUtf8(utf8('Café “naïve” 🎉 Iran’s x\u00a0y.'), new TokenIds());
		expect(listed(tokens)).toEqual({
			texts: ['Café', '“', 'naïve', '”', '🎉', 'Iran’s', 'x', 'y', '.'],
			starts: [0, 5, 6, 11, 13, 16, 23, 25, 26],
			ends: [4, 6, 11, 12, 15, 22, 24, 26, 27],
			gaps: [
				GAP_NONE,
				GAP_SPACE,
				GAP_NONE,
				GAP_NONE,
				GAP_SPACE,
				GAP_SPACE,
				GAP_SPACE,
				GAP_SPACE,
				GAP_NONE,
			],
			kinds: [0, 1, 0, 1, 1, 0, 0, 0, 1],
			wordCount: 5,
			textLength: 27,
		});
		expect(tokens.offsetOf(5)).toBe(16);
		expect(tokens.spell(1, 4)).toBe('“naïve”');
		expect(tokens.spell(6, 9)).toBe('x\u00a0y.');
	});

	it('reads control characters as the sanitised text shows them', () => {
		// A tab is a space; BEL, a form feed, a carriage return and a C1 control are stand-ins.
		const tokens = tokenizeUtf8(utf8('a\tb\u0007c\fd\re\u0085f'), new TokenIds());
		expect(listed(tokens).texts).toEqual(['a', 'b', '␇', 'c', '␌', 'd', '␍', 'e', '\ufffd', 'f']);
		expect(listed(tokens).starts).toEqual([0, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(tokens.textLength).toBe(11);
		expect(tokens.wordCount).toBe(6);
		// Spelled across them too, as the sanitised text reads.
		expect(tokens.spell(0, 3)).toBe('a b␇');
		expect(tokens.spell(0, tokens.length)).toBe('a b␇c␌d␍e\ufffdf');
		// Interned as their stand-ins: equal to them, and C1 controls to one another.
		const ids = new TokenIds();
		const raw = tokenizeUtf8(utf8('\u0085 \u0086 \u0007 \u0008'), ids);
		const shown = tokenizeWords('\ufffd \ufffd ␇ ␈', ids, {breakTokens: false});
		expect(Array.from(raw.ids)).toEqual(Array.from(shown.ids));
		expect(new Set(raw.ids).size).toBe(3);
	});

	it('gives a token the same id wherever it is, in both texts', () => {
		const ids = new TokenIds();
		const a = tokenizeUtf8(utf8('naïve cat, naïve dog'), ids);
		const b = tokenizeUtf8(utf8('dog naïve'), ids);
		expect(Array.from(a.ids)).toEqual([a.ids[0], a.ids[1], a.ids[2], a.ids[0], a.ids[4]]);
		expect([b.ids[0], b.ids[1]]).toEqual([a.ids[4], a.ids[0]]);
		expect(new Set(a.ids).size).toBe(4);
	});

	it('agrees with tokenizeWords on the sanitised text of generated mixed texts', () => {
		const pieces = [
			...['the', 'Cat', '2020', 'Iran’s', "it's", 'rock’n’roll', 'naïve', 'e\u0301', 'ß', 'Ж'],
			...['وزیر', 'نخست‌وزیر', '東京', 'カ', '𝐀', '🎉', '𝄞x', ',', '.', '“', '”', '-', '’', "'"],
			...['\t', '\u0007', '\u0085', '\u000c', '\r', '\u00ad', '\u2028', '\ufeff', '\u200d'],
		];
		const spaces = [' ', ' ', ' ', '\n', '\n\n', '  ', '\u00a0', '\u3000', '', ''];
		const random = seededRandom(23);
		const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
		for (let round = 0; round < 300; round++) {
			let text = '';
			const length = Math.floor(random() * 60);
			for (let k = 0; k < length; k++) text += pick(pieces) + pick(spaces);
			const ids = new TokenIds();
			const fromBytes = tokenizeUtf8(utf8(text), ids);
			const shown = sanitiseText(text);
			const fromText = tokenizeWords(shown, new TokenIds(), {
				breakTokens: false,
				paragraphs: false,
			});
			expect(listed(fromBytes), JSON.stringify(text)).toEqual(listed(fromText));
			expect(listed(fromText).texts).toEqual(oracleTokens(shown));
			// Equal ids for equal tokens, different for different.
			const spelled = listed(fromBytes).texts;
			for (let i = 0; i < fromBytes.length; i++) {
				const first = spelled.indexOf(spelled[i]!);
				expect(fromBytes.ids[i]).toBe(fromBytes.ids[first]);
			}
			expect(new Set(fromBytes.ids).size).toBe(new Set(spelled).size);
		}
	});

	it('agrees with tokenizeWords on every seed, and counts its words', () => {
		for (const name of seedFiles) {
			const text = seedText(name);
			const fromBytes = tokenizeUtf8(utf8(text), new TokenIds());
			const fromText = tokenizeWords(text, new TokenIds(), {breakTokens: false, paragraphs: false});
			expect(listed(fromBytes), name).toEqual(listed(fromText));
			expect(fromBytes.wordCount).toBe(countWords(text));
		}
	});

	it('tells words from punctuation', () => {
		const tokens = tokenizeUtf8(utf8('Hi, you.'), new TokenIds());
		expect(Array.from(tokens.kinds)).toEqual([
			KIND_WORD,
			KIND_PUNCTUATION,
			KIND_WORD,
			KIND_PUNCTUATION,
		]);
	});
});

describe('a pair read with the first text as the second’s guide', () => {
	/** The ids of both texts interned one after the other, unguided. */
	const unguided = (a: string, b: string) => {
		const ids = new TokenIds();
		const options = {breakTokens: false};
		return [tokenizeWords(a, ids, options), tokenizeWords(b, ids, options)].map((list) =>
			Array.from(list.ids),
		);
	};

	it('gives every token the id the table gives it, where tokens of A start B’s', () => {
		// B's tokens begin as A's do at the same places, but end elsewhere.
		const a = 'cats cat’s catalogue the, x. Iran’s rock’n’roll naïve naïveté 🎉🎉 end';
		const b = 'cat cat catalog the x, Iran rock naïf naïve 🎉 ends';
		const [listA, listB] = tokenizeTexts(a, b, new TokenIds(), {breakTokens: false});
		expect([Array.from(listA.ids), Array.from(listB.ids)]).toEqual(unguided(a, b));
		// Written out: B's "cat" is not A's "cats"; its "naïve" (token 9) is A's (token 9).
		expect(Array.from(listB.ids).slice(0, 3)).toEqual([listB.ids[0], listB.ids[0], listB.ids[2]]);
		expect(listB.ids[0]).not.toBe(listA.ids[0]);
		expect(listB.ids[9]).toBe(listA.ids[9]);
		expect(new Set([...listA.ids, ...listB.ids]).size).toBe(19);
		const [bytesA, bytesB] = tokenizeUtf8Pair(utf8(a), utf8(b), new TokenIds());
		expect([Array.from(bytesA.ids), Array.from(bytesB.ids)]).toEqual(unguided(a, b));
	});

	it('gives the same ids as reading B alone on edited generated text', () => {
		const random = seededRandom(5);
		const words = ['the', 'cat', 'cats', 'at', 'a', 'Iran', 'Iran’s', 'naïve', ',', '.', '🎉'];
		for (let round = 0; round < 100; round++) {
			const a = Array.from({length: 200}, () => words[Math.floor(random() * words.length)]);
			const b = a
				.filter(() => random() > 0.05)
				.map((word) => (random() < 0.05 ? words[Math.floor(random() * words.length)] : word));
			const [textA, textB] = [a.join(' '), b.join(random() < 0.5 ? ' ' : '')];
			const [listA, listB] = tokenizeTexts(textA, textB, new TokenIds(), {breakTokens: false});
			expect([Array.from(listA.ids), Array.from(listB.ids)]).toEqual(unguided(textA, textB));
		}
	});

	/** Every field of a token list, as plain arrays, to compare whole. */
	const fields = (list: TokenList) => ({
		length: list.length,
		ids: Array.from(list.ids),
		kinds: Array.from(list.kinds),
		starts: Array.from(list.starts),
		ends: Array.from(list.ends),
		gaps: Array.from(list.gaps),
		offsets: Array.from({length: list.length}, (_, i) => list.offsetOf(i)),
		wordCount: list.wordCount,
		textLength: list.textLength,
		spelled: list.length === 0 ? '' : list.spell(0, list.length),
	});

	/** Words of every kind the scanner treats apart: apostrophes inside and at the end of words,
	 * accents, an emoji (two UTF-16 units), curly quotes, a dash, a control character. */
	const VOCABULARY = [
		...'the minister said talks would continue while officials prepared a statement'.split(' '),
		'Iran’s',
		'rock’n’roll',
		'naïve',
		"don't",
		"students'",
		'🎉',
		'“quoted”',
		'—',
		',',
		'.',
		'x\u0007y',
		'تهران',
	];

	/** A generated article of `paragraphCount` paragraphs, in one of the layouts the paragraph
	 * rule reads, with odd whitespace here and there (a tab, two spaces, a no-break space). */
	function article(random: () => number, paragraphCount: number, layout: number): string {
		const paragraphs = Array.from({length: paragraphCount}, () => {
			const words = Array.from(
				{length: 5 + Math.floor(random() * 60)},
				() => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!,
			);
			return words
				.map((word, index) => {
					if (index === 0) return word;
					const odd = random();
					const space = odd < 0.02 ? '\t' : odd < 0.04 ? '  ' : odd < 0.06 ? '\u00a0' : ' ';
					return space + word;
				})
				.join('');
		});
		if (layout === 0) return paragraphs.join('\n\n');
		if (layout === 1) return paragraphs.join('\n');
		if (layout === 2) return paragraphs.map((p) => hardWrap(p, 50).join('\n')).join('\n\n');
		return paragraphs.join('   ');
	}

	/** `text` edited as a later version would be: words changed, dropped and added, paragraphs
	 * joined and split, lines re-wrapped; long stretches left as they are. */
	function revise(text: string, random: () => number, rate: number): string {
		const pieces = text.split(/(\s+)/);
		const out: string[] = [];
		for (const piece of pieces) {
			const roll = random();
			if (roll >= rate) out.push(piece);
			else if (/^\s+$/.test(piece)) out.push(roll < rate / 2 ? ' ' : '\n\n');
			else if (roll < rate / 3) continue;
			else if (roll < (2 * rate) / 3)
				out.push(VOCABULARY[Math.floor(random() * VOCABULARY.length)]!);
			else out.push(piece, ' ', VOCABULARY[Math.floor(random() * VOCABULARY.length)]!);
		}
		return out.join('');
	}

	it('takes over stretches of A exactly as reading B alone would read them, in every layout', () => {
		const random = seededRandom(11);
		let copiedFromStretches = 0;
		for (let round = 0; round < 48; round++) {
			const layout = round % 4;
			const a = article(random, 3 + Math.floor(random() * 30), layout);
			const b = revise(a, random, [0, 0.002, 0.02, 0.2][Math.floor(round / 4) % 4]!);
			for (const options of [
				{breakTokens: false},
				{breakTokens: true},
				{breakTokens: false, paragraphs: false},
			]) {
				const ids = new TokenIds();
				const aloneA = tokenizeWords(a, ids, options);
				const aloneB = tokenizeWords(b, ids, options);
				const [guidedA, guidedB] = tokenizeTexts(a, b, new TokenIds(), options);
				expect(fields(guidedA)).toEqual(fields(aloneA));
				expect(fields(guidedB)).toEqual(fields(aloneB));
			}
			const [bytesA, bytesB] = [utf8(a), utf8(b)];
			const ids = new TokenIds();
			const aloneA = tokenizeUtf8(bytesA, ids);
			const aloneB = tokenizeUtf8(bytesB, ids);
			const [guidedA, guidedB] = tokenizeUtf8Pair(bytesA, bytesB, new TokenIds());
			expect(fields(guidedA)).toEqual(fields(aloneA));
			expect(fields(guidedB)).toEqual(fields(aloneB));
			if (a !== b && b.length > 1000) copiedFromStretches++;
		}
		expect(copiedFromStretches).toBeGreaterThan(20);
	});

	it('reads a long text that is A with one word changed, stretch after stretch', () => {
		const random = seededRandom(3);
		const a = article(random, 900, 0);
		const middle = a.indexOf(' ', a.length >> 1);
		const b = `${a.slice(0, middle)} inserted${a.slice(middle)}`.replace(/\n\n(?=\S)/, '\n');
		for (const options of [{breakTokens: false}, {breakTokens: false, paragraphs: false}]) {
			const ids = new TokenIds();
			tokenizeWords(a, ids, options);
			const aloneB = tokenizeWords(b, ids, options);
			expect(fields(tokenizeTexts(a, b, new TokenIds(), options)[1])).toEqual(fields(aloneB));
		}
		const ids = new TokenIds();
		tokenizeUtf8(utf8(a), ids);
		const aloneB = tokenizeUtf8(utf8(b), ids);
		const guidedB = tokenizeUtf8Pair(utf8(a), utf8(b), new TokenIds())[1];
		expect(fields(guidedB)).toEqual(fields(aloneB));
	});

	it('does not take over a token of A that runs on in B past where the two differ', () => {
		const opening =
			'officials said that talks would continue next week in both capitals and '.repeat(4);
		const pairs = [
			// A's "word" ends at the comma; B's "words" runs on.
			[`${opening}word, then more`, `${opening}words then more`, 'words'],
			// A's apostrophe ends "students"; in B a letter follows, so it joins the word.
			[`${opening}students' then more`, `${opening}students'x then more`, "students'x"],
			// A ends after the apostrophe; B goes on with a letter.
			[`${opening}students'`, `${opening}students'x`, "students'x"],
			[`${opening}Iran’`, `${opening}Iran’s`, 'Iran’s'],
		] as const;
		for (const [a, b, changed] of pairs) {
			const ids = new TokenIds();
			tokenizeWords(a, ids, {breakTokens: false});
			const aloneB = tokenizeWords(b, ids, {breakTokens: false});
			const guidedB = tokenizeTexts(a, b, new TokenIds(), {breakTokens: false})[1];
			expect(fields(guidedB)).toEqual(fields(aloneB));
			const last = Array.from({length: 3}, (_, i) => tokenText(guidedB, guidedB.length - 3 + i));
			expect(last).toContain(changed);
			const bytesIds = new TokenIds();
			tokenizeUtf8(utf8(a), bytesIds);
			const bytesB = tokenizeUtf8Pair(utf8(a), utf8(b), new TokenIds())[1];
			expect(fields(bytesB)).toEqual(fields(tokenizeUtf8(utf8(b), bytesIds)));
		}
	});
});
