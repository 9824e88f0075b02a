import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {Guide, scanUtf8, surplusAt, type Scan} from '../../../source/core/diff/scan-utf8.js';
import {TokenIds, tokenizeUtf8, tokenizeUtf8Pair} from '../../../source/core/diff/word-tokens.js';
import {hardWrap, paragraphs, seededRandom} from '../../fixtures/prose.js';
import {seedFiles, seedPath} from '../../fixtures/seeds.js';

/**
 * The scan of a pair's second text, bytes alone, walks the first text's bytes beside its own
 * and takes A's tokens over wherever the two differ only in whitespace (Guide.lockstep). Its
 * tokens must be exactly those of the plain scan of B: here every field of the two scans is
 * compared, on pairs built to differ in every way the walk must notice.
 */

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Every field of a scan of bytes alone, token by token, as plain arrays. */
function fieldsOf(scan: Scan) {
	const count = scan.count;
	return {
		count,
		ids: Array.from(scan.ids.subarray(0, count)),
		kinds: Array.from(scan.kinds.subarray(0, count)),
		byteStarts: Array.from(scan.byteStarts.subarray(0, count)),
		marks: [...scan.marks],
		surplus: Array.from({length: count}, (_, i) => surplusAt(scan.marks, i)),
		wordCount: scan.wordCount,
		units: scan.units,
	};
}

/** B scanned alone (after A, with one table, so the ids are comparable) and with A as its
 * guide. */
function scanBoth(a: Uint8Array, b: Uint8Array): {alone: Scan; guided: Scan} {
	const ids = new TokenIds();
	scanUtf8(a, 0, 0, ids, undefined, false, true, undefined);
	const alone = scanUtf8(b, 0, 0, ids, undefined, false, true, undefined);
	const guidedIds = new TokenIds();
	const scanA = scanUtf8(a, 0, 0, guidedIds, undefined, false, true, undefined);
	const guide = new Guide(scanA);
	const guided = scanUtf8(b, 0, 0, guidedIds, undefined, false, true, guide);
	return {alone, guided};
}

/** Checks the guided scan of B against the plain one; the share of B's tokens taken over. */
function expectSameTokens(a: string | Uint8Array, b: string | Uint8Array): number {
	const bytesA = typeof a === 'string' ? utf8(a) : a;
	const bytesB = typeof b === 'string' ? utf8(b) : b;
	const {alone, guided} = scanBoth(bytesA, bytesB);
	expect(fieldsOf(guided)).toEqual(fieldsOf(alone));
	// And through the tokenizer the summary reads, offsets and spelled text included.
	const ids = new TokenIds();
	tokenizeUtf8(bytesA, ids);
	const aloneList = tokenizeUtf8(bytesB, ids);
	const guidedList = tokenizeUtf8Pair(bytesA, bytesB, new TokenIds())[1];
	const offsets = (list: typeof aloneList) =>
		Array.from({length: list.length}, (_, i) => list.offsetOf(i));
	expect(offsets(guidedList)).toEqual(offsets(aloneList));
	expect(guidedList.textLength).toBe(aloneList.textLength);
	if (aloneList.length > 0) {
		expect(guidedList.spell(0, guidedList.length)).toBe(aloneList.spell(0, aloneList.length));
	}
	return alone.count === 0 ? 0 : guided.takenOver / alone.count;
}

/** Words of every kind the walk must treat right: apostrophes inside and at the ends of words,
 * accents, an emoji (four bytes, two UTF-16 units), curly quotes, a dash, Persian, a control
 * character (a token of its own), and a carriage return. */
const ODD_WORDS = [
	'Iran’s',
	'rock’n’roll',
	'naïve',
	"don't",
	"students'",
	'🎉',
	'“quoted”',
	'—',
	'تهران',
	'x\u0007y',
	'end.',
];

/** A generated article: paragraphs of prose with odd words among them. */
function article(random: () => number, count: number): string[] {
	return paragraphs(count, Math.floor(random() * 1000)).map((paragraph) =>
		paragraph
			.split(' ')
			.map((word) => (random() < 0.05 ? ODD_WORDS[Math.floor(random() * ODD_WORDS.length)]! : word))
			.join(' '),
	);
}

/** Paragraphs laid out as a file holds them: wrapped at `width` (0: one line a paragraph),
 * lines ended by `newline`, paragraphs apart by a blank line. */
function layOut(paragraphList: readonly string[], width: number, newline = '\n'): string {
	return paragraphList
		.map((paragraph) => (width === 0 ? [paragraph] : hardWrap(paragraph, width)).join(newline))
		.join(newline + newline);
}

/** The words of `paragraphList` edited as a later version would be: words replaced, dropped
 * and added, at `rate` a word. */
function editWords(paragraphList: readonly string[], random: () => number, rate: number): string[] {
	return paragraphList.map((paragraph) =>
		paragraph
			.split(' ')
			.flatMap((word) => {
				const roll = random();
				if (roll >= rate) return [word];
				if (roll < rate / 3) return [];
				if (roll < (rate * 2) / 5) return [ODD_WORDS[Math.floor(random() * ODD_WORDS.length)]!];
				// A word split in two, or joined to the one before it.
				if (roll < (rate * 3) / 5 && word.length > 3) return [word.slice(0, 2), word.slice(2)];
				if (roll < (rate * 4) / 5) return [`\u0000${word}`];
				return [word, 'inserted'];
			})
			.join(' ')
			.replaceAll(' \u0000', ''),
	);
}

describe('Guide.lockstep: B read as A where the two differ only in whitespace', () => {
	it('takes over a re-wrapped text, each token starting where B has it', () => {
		// Written out: B's tokens start at bytes 0, 4 and 9; "two" and "three" are A's.
		const {alone, guided} = scanBoth(utf8('one two\nthree'), utf8('one\ntwo  three'));
		expect(Array.from(guided.byteStarts.subarray(0, guided.count))).toEqual([0, 4, 9]);
		expect(guided.takenOver).toBe(2);
		expect(fieldsOf(guided)).toEqual(fieldsOf(alone));
	});

	it('goes on through a run of whitespace longer on one side', () => {
		// Written out: after "one", A's second space is B's "t"; both had a space before, so
		// the walk skips A's run and takes "two", "three" and "four" over.
		const {alone, guided} = scanBoth(utf8('one  two three four'), utf8('one two\nthree four'));
		expect(guided.takenOver).toBe(3);
		expect(Array.from(guided.byteStarts.subarray(0, guided.count))).toEqual([0, 4, 8, 14]);
		expect(fieldsOf(guided)).toEqual(fieldsOf(alone));
	});

	it('does not take over where B splits a word A has whole, or joins two', () => {
		for (const [a, b] of [
			['the weekend talks went on', 'the week end talks went on'],
			['the week end talks went on', 'the weekend talks went on'],
		] as const) {
			const {alone, guided} = scanBoth(utf8(a), utf8(b));
			expect(fieldsOf(guided)).toEqual(fieldsOf(alone));
		}
	});

	it('reads texts of one-byte tokens, more than the scan’s arrays first hold', () => {
		// Punctuation and single letters: a token a byte, where the arrays start at a token
		// for every four bytes and the walk may take over only as many as there is room for.
		const random = seededRandom(29);
		const characters = 'ab.,;:!?';
		for (let round = 0; round < 8; round++) {
			const tokens = Array.from({length: 3000}, () => characters[Math.floor(random() * 8)]!);
			const a = tokens.map((token, i) => (i % 7 === 6 ? `${token} ` : token)).join('');
			const b = tokens.map((token, i) => (i % 9 === 8 ? `${token}\n` : token)).join('');
			expectSameTokens(a, a.replaceAll(' ', '\n'));
			expectSameTokens(a, b);
		}
	});

	it('finds where the two differ at any byte of a run compared four bytes at a time', () => {
		// One run of the same bytes after a re-wrapped line, B differing from A at each of its
		// first 24 bytes in turn (every place within a four-byte word), or ending 1–7 bytes
		// early or late: the walk must stop at that byte, not at the word around it.
		const line = 'the minister said talks would go on';
		const a = `opening words\n${line} and end`;
		for (let at = 0; at < 24; at++) {
			const changed = line.slice(0, at) + (line[at] === 'x' ? 'y' : 'x') + line.slice(at + 1);
			expectSameTokens(a, `opening words ${changed} and end`);
		}
		for (let cut = 1; cut <= 7; cut++) {
			expectSameTokens(a, `opening words ${line} and end`.slice(0, -cut));
			expectSameTokens(a, `opening words ${line} and end${'s and more'.slice(0, cut)}`);
		}
		// Written out: the change at byte 5 of the line ("minister" → "mixister") leaves the
		// tokens before it taken over, and the walk resumes after it.
		const {alone, guided} = scanBoth(
			utf8(a),
			utf8(`opening words ${line.replace('minister', 'mixister')} and end`),
		);
		expect(fieldsOf(guided)).toEqual(fieldsOf(alone));
		expect(guided.takenOver).toBeGreaterThan(0);
	});

	it('does not take over a word that runs on in B past where A ends', () => {
		const {alone, guided} = scanBoth(utf8('one two three'), utf8('one two threes'));
		expect(guided.takenOver).toBe(0);
		expect(fieldsOf(guided)).toEqual(fieldsOf(alone));
	});

	it('reads re-wrapped pairs with edits exactly as the plain scan, and takes most over', () => {
		const random = seededRandom(13);
		for (let round = 0; round < 24; round++) {
			const text = article(random, 4 + Math.floor(random() * 12));
			const rate = [0, 0.002, 0.02, 0.2][round % 4]!;
			const a = layOut(text, 72);
			const b = layOut(editWords(text, random, rate), [64, 0, 40][round % 3]!);
			const share = expectSameTokens(a, b);
			if (rate <= 0.002) expect(share).toBeGreaterThan(0.9);
		}
	});

	it('reads pairs with paragraphs inserted, removed, joined and split', () => {
		const random = seededRandom(17);
		for (let round = 0; round < 16; round++) {
			const text = article(random, 8);
			const edited = [...text];
			edited.splice(2, 1); // removed
			edited.splice(4, 0, ...article(random, 1)); // inserted
			edited[0] = `${edited[0]} ${edited[1]}`; // joined
			edited.splice(1, 1);
			const middle = edited[3]!.indexOf(' ', edited[3]!.length >> 1);
			edited.splice(3, 1, edited[3]!.slice(0, middle), edited[3]!.slice(middle + 1)); // split
			// After a paragraph removed or moved, the guide finds its place in A again at a word
			// A holds once, and these paragraphs are written in some fifty words: less is taken
			// over than from an article, but still a good part.
			const share = expectSameTokens(layOut(text, 72), layOut(edited, 64));
			expect(share).toBeGreaterThan(0.15);
		}
	});

	it('reads odd whitespace: tabs, runs of spaces, no-break spaces, CRLF, ends', () => {
		const random = seededRandom(19);
		const spaces = [' ', '  ', '\t', ' \t ', '\n', '\n\n', '\u00a0', ' \u00a0', '\u00a0\n'];
		for (let round = 0; round < 40; round++) {
			const words = article(random, 3).join(' ').split(' ');
			const join = (list: readonly string[]) =>
				list.map((word, i) => (i === 0 ? word : spaces[Math.floor(random() * 9)]! + word));
			const a = join(words).join('');
			// Mostly the same whitespace, sometimes another kind; a word edited now and then.
			const b = join(words.map((word) => (random() < 0.01 ? `${word}s` : word))).join('');
			const ends = ['', '\n', '  \n\n', '\u00a0'];
			expectSameTokens(a + ends[round % 4]!, b + ends[Math.floor(round / 4) % 4]!);
			// A file with CRLF line ends against the same text re-wrapped, each way; the carriage
			// return is a token (the stand-in the screen shows), not whitespace.
			const crlf = layOut(words.join(' ').split('. '), 50, '\r\n');
			expectSameTokens(crlf, layOut(words.join(' ').split('. '), 60, '\r\n'));
			expectSameTokens(crlf, layOut(words.join(' ').split('. '), 50));
		}
	});

	it('reads the seeds against themselves re-wrapped, and 000 against 001', () => {
		const random = seededRandom(23);
		for (const file of seedFiles) {
			const bytes = new Uint8Array(readFileSync(seedPath(file.slice(0, 3))));
			const text = new TextDecoder().decode(bytes);
			// Every single space or line break swapped for the other now and then.
			const rewrapped = text.replace(/(?<=\S)[ \n](?=\S)/g, (space) =>
				random() < 0.2 ? (space === ' ' ? '\n' : ' ') : space,
			);
			expect(expectSameTokens(bytes, rewrapped)).toBeGreaterThan(0.9);
			expectSameTokens(rewrapped, bytes);
		}
		expectSameTokens(
			new Uint8Array(readFileSync(seedPath('000'))),
			new Uint8Array(readFileSync(seedPath('001'))),
		);
	});
});
