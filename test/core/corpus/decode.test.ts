import {Buffer} from 'node:buffer';
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {decodeBytes, plainUtf8} from '../../../source/core/corpus/decode.js';
import type {DecodeResult} from '../../../source/core/corpus/decode.js';
import {seedFiles, seedText} from '../../fixtures/seeds.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')];

function text(result: DecodeResult): {text: string; encoding: string} {
	if (result.kind !== 'text') throw new Error('expected text, got binary');
	return {text: result.text, encoding: result.encoding};
}

describe('decodeBytes: UTF-8', () => {
	it('decodes UTF-8 without a BOM', () => {
		expect(text(decodeBytes(Buffer.from('Café “ok” — €', 'utf8')))).toEqual({
			text: 'Café “ok” — €',
			encoding: 'utf-8',
		});
	});

	it('removes a UTF-8 BOM (which Buffer.toString keeps)', () => {
		const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Title', 'utf8')]);
		expect(withBom.toString('utf8').charCodeAt(0)).toBe(0xfeff);
		expect(text(decodeBytes(withBom))).toEqual({text: 'Title', encoding: 'utf-8'});
	});

	it('keeps a file cut in the middle of its last character as UTF-8', () => {
		const whole = Buffer.from('naïve café €', 'utf8');
		const cut = whole.subarray(0, whole.length - 1);
		const decoded = text(decodeBytes(cut));
		expect(decoded.encoding).toBe('utf-8');
		expect(decoded.text).toBe('naïve café \ufffd');
	});
});

describe('decodeBytes: Windows-1252', () => {
	it('reads Latin-1 "Café" (0xE9) as Windows-1252', () => {
		expect(text(decodeBytes(bytes(...ascii('Caf'), 0xe9)))).toEqual({
			text: 'Café',
			encoding: 'windows-1252',
		});
	});

	it('maps 0x80–0x9F to the Windows characters, not to C1 controls', () => {
		// “ ” ‘ ’ — € … as Word writes them.
		const input = bytes(0x93, 0x61, 0x94, 0x20, 0x91, 0x62, 0x92, 0x20, 0x97, 0x20, 0x80, 0x85);
		expect(text(decodeBytes(input))).toEqual({
			text: '“a” ‘b’ — €…',
			encoding: 'windows-1252',
		});
	});
});

describe('decodeBytes: UTF-16', () => {
	it('decodes UTF-16 LE with a BOM', () => {
		const input = Buffer.concat([
			Buffer.from([0xff, 0xfe]),
			Buffer.from('Ünïcode “16”', 'utf16le'),
		]);
		expect(text(decodeBytes(input))).toEqual({text: 'Ünïcode “16”', encoding: 'utf-16le'});
	});

	it('decodes UTF-16 BE with a BOM', () => {
		const little = Buffer.from('Big end € 🙂', 'utf16le');
		const big = Buffer.from(little).swap16();
		const input = Buffer.concat([Buffer.from([0xfe, 0xff]), big]);
		expect(text(decodeBytes(input))).toEqual({text: 'Big end € 🙂', encoding: 'utf-16be'});
	});

	describe('without a BOM', () => {
		const article = seedText(seedFiles[1]!);
		const persian = 'رئیس‌جمهور روز سه‌شنبه در تهران گفت: «روابط دو کشور، ۲۰۲۰.»\nپایان';
		const littleEndian = (value: string) => Buffer.from(value, 'utf16le');
		const bigEndian = (value: string) => Buffer.from(value, 'utf16le').swap16();

		it('recognises a whole article in UTF-16 LE and BE', () => {
			expect(text(decodeBytes(littleEndian(article)))).toEqual({
				text: article,
				encoding: 'utf-16le',
			});
			expect(text(decodeBytes(bigEndian(article)))).toEqual({
				text: article,
				encoding: 'utf-16be',
			});
		});

		it('recognises Persian, whose letters have no zero byte, by its spaces and punctuation', () => {
			expect(text(decodeBytes(littleEndian(persian)))).toEqual({
				text: persian,
				encoding: 'utf-16le',
			});
			expect(text(decodeBytes(bigEndian(persian)))).toEqual({
				text: persian,
				encoding: 'utf-16be',
			});
		});

		it('reads a file cut after an odd number of bytes up to its last whole character', () => {
			const cut = littleEndian('Cut short').subarray(0, 17);
			expect(text(decodeBytes(cut))).toEqual({text: 'Cut shor', encoding: 'utf-16le'});
		});

		it('still calls a real executable, the node binary, binary', () => {
			const executable = readFileSync(process.execPath).subarray(0, 1 << 20);
			expect(decodeBytes(executable)).toEqual({kind: 'binary'});
		});

		it('calls one-sided zeros binary when the rest is not text', () => {
			// Little-endian 16-bit samples of a quiet signal: every high byte zero, like ASCII.
			const samples = Buffer.alloc(4096);
			for (let index = 0; index < samples.length; index += 2) {
				samples[index] = 1 + ((index * 7) % 31);
			}
			expect(decodeBytes(samples)).toEqual({kind: 'binary'});
			// Zeros on one side, but pairs that decode to an unpaired surrogate.
			const surrogates = Buffer.alloc(4096);
			for (let index = 0; index < surrogates.length; index += 4) {
				surrogates.set([0x41, 0xd8, 0x41, 0x00], index);
			}
			expect(decodeBytes(surrogates)).toEqual({kind: 'binary'});
		});
	});

	it('normalises UTF-16 line endings too', () => {
		const input = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\r\nb', 'utf16le')]);
		expect(text(decodeBytes(input)).text).toBe('a\nb');
	});
});

describe('decodeBytes: line endings', () => {
	it('turns CRLF and lone CR into LF', () => {
		expect(text(decodeBytes(Buffer.from('one\r\ntwo\rthree\n\r\nfour'))).text).toBe(
			'one\ntwo\nthree\n\nfour',
		);
	});
});

describe('decodeBytes: binary detection', () => {
	it('calls data with a NUL byte binary', () => {
		expect(decodeBytes(Buffer.from('looks like text\0but is not'))).toEqual({kind: 'binary'});
	});

	it('calls data made mostly of control bytes binary', () => {
		const noise = Buffer.alloc(4096);
		for (let index = 0; index < noise.length; index++) noise[index] = index % 2 ? 0x01 : 0x41;
		expect(decodeBytes(noise)).toEqual({kind: 'binary'});
	});

	it('calls UTF-16 data with NUL characters binary', () => {
		const input = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.alloc(64)]);
		expect(decodeBytes(input)).toEqual({kind: 'binary'});
	});

	it('calls a real PNG header binary', () => {
		const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48);
		expect(decodeBytes(png)).toEqual({kind: 'binary'});
	});

	it('keeps text with a few escape sequences as text (sanitised later)', () => {
		const decoded = text(decodeBytes(Buffer.from('Headline\n\n\x1b[31mred\x1b[0m body text here')));
		expect(decoded.text).toContain('\x1b[31m');
	});

	it('accepts tabs, form feeds and line breaks in any amount', () => {
		expect(decodeBytes(Buffer.from('\t\f\r\n'.repeat(100))).kind).toBe('text');
	});

	it('decodes empty input as empty text', () => {
		expect(text(decodeBytes(new Uint8Array(0)))).toEqual({text: '', encoding: 'utf-8'});
	});

	it('decodes a view into a larger buffer by its own bytes only', () => {
		const whole = Buffer.from('xxHELLOyy');
		expect(text(decodeBytes(whole.subarray(2, 7))).text).toBe('HELLO');
	});
});

describe('plainUtf8', () => {
	const decodedText = (input: Uint8Array) => text(decodeBytes(input)).text;

	it('gives back the bytes of plain UTF-8, after a BOM, as decodeBytes would read them', () => {
		const body = Buffer.from('Café “ok” — €\nشهر 𝄞\tend', 'utf8');
		expect(plainUtf8(body)).toEqual(body);
		const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
		const plain = plainUtf8(withBom)!;
		expect(Buffer.from(plain).toString('utf8')).toBe(decodedText(withBom));
	});

	it('refuses what decoding would change or reject: CR, other encodings, binary', () => {
		for (const input of [
			Buffer.from('one\r\ntwo', 'utf8'),
			bytes(...ascii('Caf'), 0xe9),
			Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi', 'utf16le')]),
			bytes(0x50, 0x4b, 0x03, 0x04, 0, 0),
			bytes(...Array.from({length: 100}, (_, i) => (i % 2 === 0 ? 0x01 : 0x41))),
		]) {
			expect(plainUtf8(input)).toBeUndefined();
		}
	});
});
