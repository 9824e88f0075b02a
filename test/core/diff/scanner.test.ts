import {describe, expect, it} from 'vitest';
import {Guide, scanUtf8} from '../../../source/core/diff/scan-utf8.js';
import {
	GAP_NONE,
	GAP_SPACE,
	KIND_PUNCTUATION,
	KIND_WORD,
	TokenIds,
	tokenizeUtf8,
	tokenizeWords,
} from '../../../source/core/diff/word-tokens.js';

/**
 * The scanner (WebAssembly, source/wasm/scanner.ts) on small texts, every field written out:
 * one of each kind of character, whitespace and control, in both kinds of scan; the table
 * growing; an instance used again by the next TokenIds.
 */

const MIXED = 'Iran’s  rock\n\nx\u0007y 🎉 日本';
// Iran’s [0, 6) · rock [8, 12) · x [14, 15) · BEL [15, 16) · y [16, 17) · 🎉 [18, 20) · 日本 [21, 23)
const STARTS = [0, 8, 14, 15, 16, 18, 21];
const ENDS = [6, 12, 15, 16, 17, 20, 23];
const KINDS = [
	KIND_WORD,
	KIND_WORD,
	KIND_WORD,
	KIND_PUNCTUATION,
	KIND_WORD,
	KIND_PUNCTUATION,
	KIND_WORD,
];

describe('the scanner', () => {
	it('reads a text: ids, kinds, UTF-16 offsets, gaps and words', () => {
		const tokens = tokenizeWords(MIXED, new TokenIds(), {breakTokens: false, paragraphs: false});
		expect(tokens.length).toBe(7);
		expect(Array.from(tokens.ids)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(Array.from(tokens.kinds)).toEqual(KINDS);
		expect(Array.from(tokens.starts)).toEqual(STARTS);
		expect(Array.from(tokens.ends)).toEqual(ENDS);
		expect(Array.from(tokens.gaps)).toEqual([
			GAP_NONE,
			GAP_SPACE,
			GAP_SPACE,
			GAP_NONE,
			GAP_NONE,
			GAP_SPACE,
			GAP_SPACE,
		]);
		expect(tokens.wordCount).toBe(5);
		expect(tokens.textLength).toBe(23);
	});

	it('reads the same text’s bytes alone: the same tokens, offsets worked out from marks', () => {
		const bytes = new TextEncoder().encode(MIXED);
		const scan = scanUtf8(bytes, 0, 0, new TokenIds(), undefined, false, true, undefined);
		expect(scan.count).toBe(7);
		// Bytes: Iran’s 0 (’ is 3 bytes) · rock 10 · x 16 · BEL 17 · y 18 · 🎉 20 (4 bytes) · 日本 25.
		expect(Array.from(scan.byteStarts)).toEqual([0, 10, 16, 17, 18, 20, 25]);
		// From rock on, 2 bytes more than units (’); from 日本 on, 4 (’, and 🎉's 4 bytes in 2 units).
		expect(Array.from(scan.marks)).toEqual([1, 2, 6, 4]);
		expect(scan.units).toBe(23);
		const list = tokenizeUtf8(bytes, new TokenIds());
		expect(Array.from({length: list.length}, (_, i) => list.offsetOf(i))).toEqual(STARTS);
		expect(Array.from(list.kinds)).toEqual(KINDS);
	});

	it('interns a control character as its stand-in, and every C1 control as one', () => {
		const tokens = tokenizeWords('\u0007 \u2407 \u0085 \u009b \ufffd', new TokenIds(), {
			breakTokens: false,
		});
		expect(Array.from(tokens.ids)).toEqual([1, 1, 2, 2, 2]);
	});

	it('grows its table: 300 distinct tokens from the smallest, each found again', () => {
		const words = Array.from({length: 300}, (_, i) => `w${i}`);
		const ids = new TokenIds();
		const forward = tokenizeWords(words.join(' '), ids, {breakTokens: false});
		const backward = tokenizeWords([...words].reverse().join(' '), ids, {breakTokens: false});
		const numbers = Array.from({length: 300}, (_, i) => i + 1);
		expect(Array.from(forward.ids)).toEqual(numbers);
		expect(Array.from(backward.ids)).toEqual([...numbers].reverse());
		expect(ids.size).toBe(301);
	});

	it('starts afresh in an instance a released TokenIds gave back', () => {
		const first = new TokenIds();
		const before = tokenizeWords('zeta eta theta', first, {breakTokens: false});
		first.release();
		expect(first.size).toBe(4);
		expect(() => tokenizeWords('more', first, {breakTokens: false})).toThrow(/release/);
		// The next TokenIds takes that instance: its table is empty (the same words are new to
		// it, in its own order), its lists are its own.
		const second = new TokenIds();
		const again = tokenizeWords('theta zeta new eta', second, {breakTokens: false});
		expect(Array.from(again.ids)).toEqual([1, 2, 3, 4]);
		const after = tokenizeWords(MIXED, second, {breakTokens: false, paragraphs: false});
		expect(Array.from(after.ids)).toEqual([5, 6, 7, 8, 9, 10, 11]);
		expect(Array.from(after.starts)).toEqual(STARTS);
		second.release();
		// Its table grows into memory the texts before were written to.
		const third = new TokenIds();
		tokenizeWords(MIXED.repeat(200), third, {breakTokens: false});
		third.release();
		const words = Array.from({length: 300}, (_, i) => `w${i}`);
		const grown = tokenizeWords(words.join(' '), new TokenIds(), {breakTokens: false});
		expect(Array.from(grown.ids)).toEqual(Array.from({length: 300}, (_, i) => i + 1));
		// The first lists were copied out, so the instance's new use leaves them as they were.
		expect(Array.from(before.ids)).toEqual([1, 2, 3]);
		expect(Array.from(before.starts)).toEqual([0, 5, 9]);
	});

	it('reads a text from a place in it, given that place’s UTF-16 offset', () => {
		// From "rock" (byte 10, unit 8).
		const bytes = new TextEncoder().encode(MIXED);
		const scan = scanUtf8(bytes, 10, 8, new TokenIds(), undefined, false, false, undefined);
		expect(Array.from(scan.starts)).toEqual(STARTS.slice(1));
		expect(Array.from(scan.ends)).toEqual(ENDS.slice(1));
		expect(scan.units).toBe(23);
	});

	it('takes a guided text’s stretch that is the guide’s over, offsets moved', () => {
		// Twenty words the same, after a first word that differs by a byte.
		const same = Array.from({length: 20}, (_, i) => `s${i}`).join(' ');
		const ids = new TokenIds();
		const a = scanUtf8(
			new TextEncoder().encode(`alpha ${same}`),
			0,
			0,
			ids,
			undefined,
			false,
			false,
			undefined,
		);
		const b = scanUtf8(
			new TextEncoder().encode(`alphas ${same} end`),
			0,
			0,
			ids,
			undefined,
			false,
			false,
			new Guide(a),
		);
		expect(b.count).toBe(22);
		expect(Array.from(b.ids.subarray(1, 21))).toEqual(Array.from(a.ids.subarray(1, 21)));
		// B's "s0" at 7 (A's at 6): every start after one unit on.
		expect(Array.from(b.starts.subarray(1, 21))).toEqual(
			Array.from(a.starts.subarray(1, 21), (start) => start + 1),
		);
		expect(b.takenOver).toBe(0);
	});
});
