import {Buffer} from 'node:buffer';
import {describe, expect, it} from 'vitest';
import {Random} from '../../bench/corpus.js';
import {
	diffTexts,
	editsOf,
	summariseTexts,
	summariseUtf8,
} from '../../../source/core/diff/diff-documents.js';
import {sanitiseText} from '../../../source/core/text/sanitise.js';
import type {DiffSummary} from '../../../source/core/diff/types.js';
import {editWords, generateWords, oracleTokens, renderWords} from './fixtures.js';
import {seedFiles, seedText} from '../../fixtures/seeds.js';

/** What the diff the screen reads says, in the summary's terms. */
function full(textA: string, textB: string) {
	const result = diffTexts(textA, textB, {timeBudgetMs: 10_000});
	return {
		edits: editsOf(result),
		stats: result.stats,
		fallback: result.fallback,
		lengthA: textA.length,
		lengthB: textB.length,
	};
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
/** The summary of the two texts' UTF-8 bytes, as `diff --json` makes it. */
const summary = (textA: string, textB: string) =>
	summariseUtf8(utf8(textA), utf8(textB), {timeBudgetMs: 10_000});

/** Asserts that the summary of the texts' bytes says what the diff of the texts says. */
function expectSame(textA: string, textB: string, label = '') {
	expect(summary(textA, textB), label).toEqual(full(textA, textB));
}

/**
 * Checks a summary against the texts alone: each edit's text is where it says, the edits cut
 * both texts at token boundaries, what is left of A and of B is the same tokens, and the
 * statistics count the words edited.
 */
function expectExact(textA: string, textB: string, summary: DiffSummary) {
	const words = (text: string) =>
		oracleTokens(text).filter((token) => /^[\p{L}\p{N}]/u.test(token)).length;
	const rest = (text: string, type: 'delete' | 'insert') => {
		const pieces: string[] = [];
		let at = 0;
		let edited = 0;
		for (const edit of summary.edits) {
			if (edit.type !== type) continue;
			const offset = type === 'delete' ? edit.offsetA : edit.offsetB;
			expect(text.slice(offset, offset + edit.text.length)).toBe(edit.text);
			pieces.push(text.slice(at, offset), edit.text);
			edited += words(edit.text);
			at = offset + edit.text.length;
		}
		pieces.push(text.slice(at));
		// Cut at token boundaries: the pieces' tokens are the whole text's.
		expect(pieces.flatMap((piece) => oracleTokens(piece))).toEqual(oracleTokens(text));
		return {
			kept: pieces.filter((_, i) => i % 2 === 0).flatMap((piece) => oracleTokens(piece)),
			edited,
		};
	};
	const a = rest(textA, 'delete');
	const b = rest(textB, 'insert');
	expect(a.kept).toEqual(b.kept);
	expect(summary.stats).toMatchObject({
		wordsA: words(textA),
		wordsB: words(textB),
		deleted: a.edited,
		inserted: b.edited,
	});
}

/** Deletes, inserts and moves whole stretches of words, as an editor re-publishing might. */
function reworkWords(words: readonly string[], seed: number): string[] {
	const random = new Random(seed);
	const out: string[] = [];
	for (let i = 0; i < words.length; i++) {
		const roll = random.int(0, 999);
		if (roll < 3) i += random.int(1, 30);
		else if (roll < 6) out.push(...generateWords(random.int(1, 40), seed + i));
		else if (roll < 8) out.push(words[i]!, words[i]!);
		out.push(words[i]!);
	}
	return out;
}

describe('the summary of two files’ bytes says what the diff of their texts says', () => {
	it('on every pair of seeds, the same one twice included', () => {
		for (const nameA of seedFiles) {
			for (const nameB of seedFiles) {
				const label = `${nameA} ${nameB}`;
				const whole = diffTexts(seedText(nameA), seedText(nameB));
				expect(summariseTexts(seedText(nameA), seedText(nameB)), label).toEqual({
					edits: editsOf(whole),
					stats: whole.stats,
					fallback: false,
					lengthA: seedText(nameA).length,
					lengthB: seedText(nameB).length,
				});
			}
		}
		expectSame(seedText(seedFiles[0]!), seedText(seedFiles[1]!), '000 001');
	});

	it.each([
		[1, 12],
		[2, 3],
		[3, 1],
	])(
		'on generated pairs with word edits (seed %i, edits at least %i words apart)',
		(seed, spacing) => {
			const words = generateWords(20_000, seed);
			const edited = editWords(words, 300, seed + 50, spacing);
			expectSame(renderWords(words, seed), renderWords(edited, seed), 'same wrapping');
			expectSame(renderWords(words, seed), renderWords(edited, seed, 60), 're-wrapped');
			const rewrapped = summary(renderWords(words, seed), renderWords(edited, seed, 60));
			expect(rewrapped.stats).toMatchObject({deleted: 300, inserted: 300, changedA: 300});
		},
	);

	it('on edits in other scripts, and characters of two to four bytes', () => {
		const persian =
			'وزیر امور خارجه ایران روز یکشنبه به بغداد سفر کرد و با نخست‌وزیر عراق دیدار کرد.';
		expectSame(persian, persian.replace('یکشنبه', 'دوشنبه'));
		expectSame('Café “naïve” 🎉 party 𝄞 here', 'Café “naïf” 🎊 party 𝄞 here');
		expectSame('東京 は 晴れ です。', '東京 は 雨 です。');
		// A no-break space is whitespace; an apostrophe inside a word keeps it whole.
		expectSame('Iran’s ties\u00a0grow', 'Iran’s ties grow');
		expectSame('Iran’s ties grow', 'Iran’ s ties grow');
		expectSame('rock’n’roll lives', 'rock’n roll lives');
	});

	it('where only whitespace differs, or one text is empty', () => {
		expectSame('a,b and c', 'a, b and c');
		expectSame('  leading and trailing  \n', 'leading and trailing');
		expectSame('one\n\ntwo three', 'one two\nthree');
		expectSame('', 'Only here.');
		expectSame('Only here.', '');
		expectSame('', '');
		expectSame('Same words.', 'Same words.');
	});
});

describe('the summary where edits crowd together', () => {
	// Changes a few words apart can often be aligned more than one way with as few edits; both
	// read the one alignment, so they choose alike, and both are exact.
	it.each([4, 5, 6, 7])('on reworked text: stretches cut, added and doubled (seed %i)', (seed) => {
		const words = generateWords(15_000, seed);
		const textA = renderWords(words, seed, 72);
		const textB = renderWords(reworkWords(words, seed + 100), seed);
		for (const [one, other] of [
			[textA, textB],
			[textB, textA],
		] as const) {
			expectSame(one, other, `seed ${seed}`);
			expectExact(one, other, summary(one, other));
		}
	});

	it('as between punctuation changed everywhere and re-wrapped lines', () => {
		const words = generateWords(10_000, 8);
		expectSame(renderWords(words, 8), renderWords(words, 9, 60), 'punctuation');
		expectExact(
			renderWords(words, 8),
			renderWords(words, 9, 60),
			summary(renderWords(words, 8), renderWords(words, 9, 60)),
		);
	});
});

describe('the summary on random texts of mixed scripts, whitespace and control characters', () => {
	const pieces = [
		...['the', 'cat', 'and', 'Iran', 'Iran’s', "it's", 'rock’n’roll', 'naïve', 'café', '2020'],
		...['وزیر', 'نخست‌وزیر', '東京', '晴れ', '🎉', '𝄞x', ',', '.', '“', '”', '-', '’', "'"],
		...['\t', '\u0007', '\u0085', '\u000c'],
	];
	const spaces = [' ', ' ', ' ', '\n', '\n\n', '  ', '\u00a0', '', ''];

	it('says what the full diff of the sanitised texts says, every time', () => {
		const random = new Random(71);
		const text = (words: number) =>
			Array.from({length: words}, () => random.pick(pieces) + random.pick(spaces)).join('');
		const edit = (original: string) =>
			original
				.split(/(?<= )/)
				.map((part) => {
					const roll = random.float();
					if (roll < 0.03) return '';
					if (roll < 0.06) return text(random.int(1, 3)) + part;
					return roll < 0.08 ? part.replaceAll(' ', '\n') : part;
				})
				.join('');
		for (let round = 0; round < 150; round++) {
			const a = text(random.int(20, 400));
			const b = random.chance(0.1) ? text(100) : edit(a);
			expect(summary(a, b), `round ${round}`).toEqual(full(sanitiseText(a), sanitiseText(b)));
		}
	});
});

describe('the summary of file bytes', () => {
	it('diffs what sanitising shows: control characters as their stand-ins, a tab as a space', () => {
		const a = 'Tab\there, bell\u0007 and C1\u0085 mark; form\u000cfeed.';
		const b = 'Tab here, bell\u0007 and C1\u0086 mark; form feed.';
		const ofBytes = summary(a, b);
		expect(ofBytes).toEqual(full(sanitiseText(a), sanitiseText(b)));
		expect(ofBytes.edits.map((edit) => edit.text)).toEqual(['␌']);
		// A stand-in is longer in UTF-8 than its control: offsets after one still hold.
		const words = generateWords(400, 9).join(' ');
		const withBell = `Iran-Iraq\u0007 ties ${words}`;
		const edited = `Iran-Syria ties ${words.replace(/ \S+ /, ' changed ')}`;
		expect(summary(withBell, edited)).toEqual(full(sanitiseText(withBell), edited));
	});

	it('aligns texts with nothing in common as the diff does, and falls back with it', () => {
		const textA = renderWords(generateWords(30_000, 31), 32);
		const textB = renderWords(generateWords(30_000, 33), 34);
		expect(summary(textA, textB)).toEqual(full(textA, textB));
		// Out of time: the paragraph diff, which reads the texts' layout, decoded for it.
		const late = summariseUtf8(utf8(textA), utf8(textB), {timeBudgetMs: 0});
		const fallback = diffTexts(textA, textB, {timeBudgetMs: 0});
		expect(late).toEqual({
			edits: editsOf(fallback),
			stats: fallback.stats,
			fallback: true,
			lengthA: textA.length,
			lengthB: textB.length,
		});
	});
});
