import {existsSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {ParagraphRule} from '../../../source/core/diff/paragraph-rule.js';
import {Guide, scanUtf8, type Scan} from '../../../source/core/diff/scan-utf8.js';
import {TokenIds} from '../../../source/core/diff/token-ids.js';
import {
	Guide as GuideJs,
	scanUtf8 as scanUtf8Js,
	type Scan as ScanJs,
} from './reference/scan-utf8-js.js';
import {TokenIds as TokenIdsJs} from './reference/token-ids-js.js';
import {hardWrap, paragraphs, seededRandom} from '../../fixtures/prose.js';
import {seedFiles, seedPath} from '../../fixtures/seeds.js';

/**
 * The WebAssembly scanner against the JavaScript scanner it replaces (kept under reference/
 * for this comparison only): every field of both scans of a pair, in every mode, equal.
 */

const utf8 = (text: string) => new TextEncoder().encode(text);

function fieldsOf(scan: Scan | ScanJs, text: boolean) {
	const count = scan.count;
	return {
		count,
		ids: Array.from(scan.ids.subarray(0, count)),
		kinds: Array.from(scan.kinds.subarray(0, count)),
		byteStarts: Array.from(scan.byteStarts.subarray(0, count)),
		starts: text ? Array.from(scan.starts.subarray(0, count)) : [],
		ends: text ? Array.from(scan.ends.subarray(0, count)) : [],
		gaps: text ? Array.from(scan.gaps.subarray(0, count)) : [],
		marks: Array.from(scan.marks),
		wordCount: scan.wordCount,
		units: scan.units,
		takenOver: scan.takenOver,
		// The ids as a checksum too, for long texts' failure messages.
		idSum: Array.from(scan.ids.subarray(0, count)).reduce((sum, id) => (sum * 31 + id) | 0, 0),
	};
}

interface Mode {
	readonly name: string;
	readonly bytesAlone: boolean;
	readonly rule: boolean;
	readonly breakTokens: boolean;
}

const MODES: readonly Mode[] = [
	{name: 'bytes alone', bytesAlone: true, rule: false, breakTokens: false},
	{name: 'text, paragraphs', bytesAlone: false, rule: true, breakTokens: false},
	{name: 'text, break tokens', bytesAlone: false, rule: true, breakTokens: true},
	{name: 'text, no paragraphs', bytesAlone: false, rule: false, breakTokens: false},
];

/** A scanned, then B guided by A, by both scanners: every field equal. */
function expectSameScans(textA: string | Uint8Array, textB: string | Uint8Array, mode: Mode): void {
	const bytesA = typeof textA === 'string' ? utf8(textA) : textA;
	const bytesB = typeof textB === 'string' ? utf8(textB) : textB;
	const ruleOf = (text: string | Uint8Array) =>
		mode.rule
			? new ParagraphRule(typeof text === 'string' ? text : new TextDecoder().decode(text))
			: undefined;
	const [ruleA, ruleB] = [ruleOf(textA), ruleOf(textB)];
	const text = !mode.bytesAlone;
	// Small texts start with the smallest table, which then grows (rehash).
	const size = bytesA.length + bytesB.length < 100_000 ? 0 : bytesA.length + bytesB.length;

	const js = new TokenIdsJs(size);
	const aJs = scanUtf8Js(bytesA, 0, 0, js, ruleA, mode.breakTokens, mode.bytesAlone, undefined);
	const guideJs = new GuideJs(bytesA, aJs, js.size);
	const bJs = scanUtf8Js(bytesB, 0, 0, js, ruleB, mode.breakTokens, mode.bytesAlone, guideJs);

	const wasm = new TokenIds(size);
	const a = scanUtf8(bytesA, 0, 0, wasm, ruleA, mode.breakTokens, mode.bytesAlone, undefined);
	const b = scanUtf8(bytesB, 0, 0, wasm, ruleB, mode.breakTokens, mode.bytesAlone, new Guide(a));

	expect(fieldsOf(a, text)).toEqual(fieldsOf(aJs, text));
	expect(fieldsOf(b, text)).toEqual(fieldsOf(bJs, text));
	expect(wasm.size).toBe(js.size);
	// And B alone, unguided, after A.
	const bAloneJs = scanUtf8Js(
		bytesB,
		0,
		0,
		js,
		ruleB,
		mode.breakTokens,
		mode.bytesAlone,
		undefined,
	);
	const bAlone = scanUtf8(bytesB, 0, 0, wasm, ruleB, mode.breakTokens, mode.bytesAlone, undefined);
	expect(fieldsOf(bAlone, text)).toEqual(fieldsOf(bAloneJs, text));
	// A scan of a text leaves nothing in the scanner's memory that its results read: the
	// instance goes to the next TokenIds, which so reads memory written before (the next case).
	wasm.release();
}

/** Every mode, both ways round. */
function expectSameAllModes(a: string | Uint8Array, b: string | Uint8Array): void {
	for (const mode of MODES) {
		expectSameScans(a, b, mode);
		expectSameScans(b, a, mode);
	}
}

/** Text in every script and whitespace the scanner must read right. */
const MIXED = [
	'Iran’s',
	"don't",
	"students'",
	'’quoted’',
	'rock’n’roll',
	'🎉',
	'👩‍👩‍👧',
	'日本語の文章',
	'中文',
	'تهران',
	'می‌خواهم',
	'naïve',
	'a\u00a0b',
	'em\u2003space',
	'x\u0007y',
	'\u0085',
	'\u009b',
	'\u007f',
	'tab\there',
	'end.',
	'“quoted”',
	'—',
	'CR\r\nLF',
	'14.6',
];

function mixedText(random: () => number, words: number): string {
	const spaces = [' ', ' ', ' ', '  ', '\n', '\n\n', '\t', '\u00a0', '\r\n', '\u3000'];
	const prose = paragraphs(4, Math.floor(random() * 1000))
		.join(' ')
		.split(' ');
	let text = '';
	for (let i = 0; i < words; i++) {
		const word =
			random() < 0.3
				? MIXED[Math.floor(random() * MIXED.length)]!
				: prose[Math.floor(random() * prose.length)]!;
		text += (i === 0 ? '' : spaces[Math.floor(random() * spaces.length)]!) + word;
	}
	return text;
}

describe('the WebAssembly scanner reads as the JavaScript scanner did', () => {
	it('from a place in a text (its UTF-16 offset given)', () => {
		const random = seededRandom(53);
		for (let round = 0; round < 20; round++) {
			const text = mixedText(random, 200);
			const from = text.indexOf(' ', Math.floor(random() * text.length));
			if (from === -1) continue;
			const at = utf8(text.slice(0, from)).length;
			const bytes = utf8(text);
			const rule = new ParagraphRule(text);
			for (const breakTokens of [false, true]) {
				const js = scanUtf8Js(
					bytes,
					at,
					from,
					new TokenIdsJs(),
					rule,
					breakTokens,
					false,
					undefined,
				);
				const wasm = scanUtf8(bytes, at, from, new TokenIds(), rule, breakTokens, false, undefined);
				expect(fieldsOf(wasm, true)).toEqual(fieldsOf(js, true));
			}
			const js = scanUtf8Js(bytes, at, from, new TokenIdsJs(), undefined, false, true, undefined);
			const wasm = scanUtf8(bytes, at, from, new TokenIds(), undefined, false, true, undefined);
			expect(fieldsOf(wasm, false)).toEqual(fieldsOf(js, false));
		}
	});

	it('on every pair of seeds, in every mode', () => {
		const texts = seedFiles.map((file) => new Uint8Array(readFileSync(seedPath(file.slice(0, 3)))));
		for (const a of texts)
			for (const b of texts) for (const mode of MODES) expectSameScans(a, b, mode);
	});

	it('on mixed text: quotes, emoji, CJK, Persian, NBSP, em space, ZWNJ, controls, CRLF', () => {
		const random = seededRandom(41);
		for (let round = 0; round < 30; round++) {
			const a = mixedText(random, 50 + Math.floor(random() * 400));
			const edited = a
				.split(' ')
				.map((word) => (random() < 0.05 ? MIXED[Math.floor(random() * MIXED.length)]! : word))
				.join(random() < 0.5 ? ' ' : '\n');
			expectSameAllModes(a, edited);
			expectSameAllModes(a, a);
		}
	});

	// Bytes a file may hold that plainUtf8 would not pass (the diff reads valid UTF-8 only):
	// both scanners read them alike all the same. (A lead byte from 0xf5 on makes no code point,
	// and both threw on it, where characterKind is asked.)
	it('on invalid UTF-8 (the bytes as they come)', () => {
		const random = seededRandom(43);
		const odd = [[0x80], [0xc3], [0xe2, 0x80], [0xf0, 0x9f], [0xc0, 0x80], [0xed, 0xa0, 0x80]];
		for (let round = 0; round < 20; round++) {
			const bytes = utf8(mixedText(random, 200));
			const out: number[] = [];
			for (const byte of bytes) {
				out.push(byte);
				if (random() < 0.02) out.push(...odd[Math.floor(random() * odd.length)]!);
			}
			// Ending in ASCII: a sequence cut short by the end was read past the end, where
			// JavaScript read `undefined` (equal to no byte: the same cut token got a new id each
			// time) and the WebAssembly reads the zeros after the text.
			out.push(0x2e);
			const a = new Uint8Array(out);
			const b = new Uint8Array([...a.slice(0, a.length - Math.floor(random() * 40)), 0x2e]);
			for (const mode of MODES.filter((each) => each.bytesAlone)) {
				expectSameScans(a, b, mode);
				expectSameScans(b, a, mode);
			}
		}
	});

	it('on long generated pairs: re-wrapped, edited, paragraphs moved; arrays and table grown', () => {
		const random = seededRandom(47);
		for (let round = 0; round < 2; round++) {
			const text = paragraphs(150, round).map((paragraph) =>
				paragraph
					.split(' ')
					.map((word) => (random() < 0.03 ? MIXED[Math.floor(random() * MIXED.length)]! : word))
					.join(' '),
			);
			const a = text.map((paragraph) => hardWrap(paragraph, 72).join('\n')).join('\n\n');
			const edited = text.map((paragraph) =>
				paragraph
					.split(' ')
					.map((word) => (random() < 0.01 ? `${word}x` : word))
					.join(' '),
			);
			edited.splice(10, 2);
			const b = edited.map((paragraph) => hardWrap(paragraph, 64).join('\n')).join('\n\n');
			expectSameAllModes(a, b);
			expectSameAllModes(a, text.join('\n'));
			expectSameAllModes(a, text.join('  '));
		}
		// One-byte tokens: more than the arrays first hold.
		const punctuation = Array.from(
			{length: 20_000},
			() => '.,;:!?ab'[Math.floor(random() * 8)],
		).join('');
		expectSameAllModes(punctuation, punctuation.replaceAll('a', 'a '));
	}, 120_000);

	const bench = '/work/main/.bench-cache/full/';
	it.runIf(existsSync(`${bench}diff-large-a.txt`))(
		'on the bench’s 5 MB pair',
		() => {
			const a = new Uint8Array(readFileSync(`${bench}diff-large-a.txt`));
			const b = new Uint8Array(readFileSync(`${bench}diff-large-b.txt`));
			expectSameScans(a, b, MODES[0]!);
			expectSameScans(b, a, MODES[0]!);
			expectSameScans(a, b, MODES[1]!);
		},
		120_000,
	);
});
