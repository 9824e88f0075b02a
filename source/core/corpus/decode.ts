import {Buffer, isUtf8} from 'node:buffer';
import {createRequire} from 'node:module';
import type * as IconvModule from 'iconv-lite';
import type {TextEncodingName} from '../types.js';

export type DecodeResult =
	{kind: 'text'; text: string; encoding: TextEncodingName} | {kind: 'binary'};

/** How much of the start of a file the binary test looks at. */
const SNIFF_BYTES = 8192;
/** More control characters than this share of the sniffed start means "not text". */
const BINARY_CONTROL_SHARE = 0.3;

const UTF16_BE_DECODER = new TextDecoder('utf-16be');

/**
 * Turns the bytes of a file into text, or says it is binary. UTF-8 (BOM removed), UTF-16 with a
 * BOM or recognisably without one, and anything else as Windows-1252, the usual encoding of old
 * Western articles. Line endings come out as '\n'. The text is not sanitised yet.
 */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

	if (buffer[0] === 0xff && buffer[1] === 0xfe) {
		return utf16(buffer.subarray(2, evenLength(buffer, 2)).toString('utf16le'), 'utf-16le');
	}
	if (buffer[0] === 0xfe && buffer[1] === 0xff) {
		return utf16(UTF16_BE_DECODER.decode(buffer.subarray(2, evenLength(buffer, 2))), 'utf-16be');
	}
	if (buffer.indexOf(0) !== -1) {
		const encoding = bomlessUtf16(buffer);
		if (encoding === undefined) return {kind: 'binary'};
		// Without a BOM the guess needs the text itself to vouch for it: data that happens to
		// have zeros on one side decodes to unpaired surrogates or to controls.
		const text = strictUtf16(buffer.subarray(0, evenLength(buffer, 0)), encoding);
		return text === undefined ? {kind: 'binary'} : utf16(text, encoding);
	}

	const hasBom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
	const body = hasBom ? buffer.subarray(3) : buffer;
	const utf8 = isUtf8(body) || isUtf8CutShort(body);
	const text = utf8 ? body.toString('utf8') : legacyDecoder().decode(body, 'windows-1252');
	// Both encodings keep control bytes as the same code points, so the decoded text can be
	// sniffed instead of the bytes.
	if (mostlyControls(text, SNIFF_BYTES)) return {kind: 'binary'};
	return {
		kind: 'text',
		text: normaliseNewlines(text),
		encoding: utf8 ? 'utf-8' : 'windows-1252',
	};
}

/**
 * A file's bytes, after any UTF-8 BOM, when decodeBytes would decode them as UTF-8 and change
 * nothing else (no CR to turn into LF), and would not call them binary: a caller that can work
 * on UTF-8 then need not decode them. Undefined for any other file.
 */
export function plainUtf8(bytes: Uint8Array): Uint8Array | undefined {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (buffer.indexOf(0) !== -1 || buffer.indexOf(CR) !== -1) return undefined;
	const hasBom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
	const body = hasBom ? buffer.subarray(3) : buffer;
	if (!isUtf8(body)) return undefined;
	// The characters mostlyControls samples lie within its sample's size × 4 bytes.
	const start = body.toString('utf8', 0, Math.min(body.length, SNIFF_BYTES * 4));
	return mostlyControls(start, SNIFF_BYTES) ? undefined : body;
}

const CR = 0x0d;

/** CRLF and lone CR (old Mac files) become LF. */
export function normaliseNewlines(text: string): string {
	return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function evenLength(buffer: Buffer, start: number): number {
	return start + Math.floor((buffer.length - start) / 2) * 2;
}

/** At least this share of the sniffed characters must have a zero byte for a UTF-16 guess. */
const UTF16_MIN_ZERO_SHARE = 0.1;
/** Zeros on the other side may be at most this share of the zeros on the expected side. */
const UTF16_STRAY_ZERO_SHARE = 0.05;

const STRICT_UTF16 = {
	'utf-16le': new TextDecoder('utf-16le', {fatal: true}),
	'utf-16be': new TextDecoder('utf-16be', {fatal: true}),
};

/** The text, or undefined when the bytes hold an unpaired surrogate. */
function strictUtf16(bytes: Uint8Array, encoding: keyof typeof STRICT_UTF16): string | undefined {
	try {
		return STRICT_UTF16[encoding].decode(bytes);
	} catch {
		return undefined;
	}
}

/**
 * UTF-16 saved without a BOM, which some exporters write. Spaces, digits, punctuation and
 * Latin, Greek, Cyrillic, Hebrew or Arabic letters all have a zero high byte or one far from
 * zero, so one byte of each pair is often zero and the other almost never is; binary data has
 * zeros on both sides. Text with no such characters at all (pure CJK) is not recognised.
 */
function bomlessUtf16(buffer: Buffer): 'utf-16le' | 'utf-16be' | undefined {
	const length = Math.min(evenLength(buffer, 0), SNIFF_BYTES);
	let evenZeros = 0;
	let oddZeros = 0;
	for (let index = 0; index < length; index += 2) {
		if (buffer[index] === 0) evenZeros++;
		if (buffer[index + 1] === 0) oddZeros++;
	}
	const characters = length / 2;
	const oneSided = (zeros: number, stray: number) =>
		zeros > 0 &&
		zeros >= characters * UTF16_MIN_ZERO_SHARE &&
		stray <= zeros * UTF16_STRAY_ZERO_SHARE;
	// Little-endian puts the high byte second.
	if (oneSided(oddZeros, evenZeros)) return 'utf-16le';
	if (oneSided(evenZeros, oddZeros)) return 'utf-16be';
	return undefined;
}

function utf16(text: string, encoding: TextEncodingName): DecodeResult {
	// A NUL is a plain control character in UTF-16 text (its other bytes are often 0).
	if (text.includes('\0') || mostlyControls(text, SNIFF_BYTES / 2)) return {kind: 'binary'};
	return {kind: 'text', text: normaliseNewlines(text), encoding};
}

// The same set as isBinaryControl, for a quick native test before counting one by one.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BINARY_CONTROL = /[\x00-\x08\x0b\x0e-\x1f\x7f]/;

/** Whether more than BINARY_CONTROL_SHARE of the first `length` characters are controls. */
function mostlyControls(text: string, length: number): boolean {
	const sample = text.length > length ? text.slice(0, length) : text;
	if (!BINARY_CONTROL.test(sample)) return false;
	let controls = 0;
	for (let index = 0; index < sample.length; index++) {
		if (isBinaryControl(sample.charCodeAt(index))) controls++;
	}
	return controls > sample.length * BINARY_CONTROL_SHARE;
}

/** Control characters that plain text does not use: all C0 but tab, LF, FF and CR; and DEL. */
function isBinaryControl(code: number): boolean {
	if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d;
	return code === 0x7f;
}

/** True when the bytes are UTF-8 except for a last character cut off by a truncated file: that
 * file is still UTF-8, and reading all of it as Windows-1252 would garble every accent. Needs
 * other UTF-8 characters as evidence: "Café" in Windows-1252 also ends with a lead byte (0xE9). */
function isUtf8CutShort(buffer: Buffer): boolean {
	for (let back = 1; back <= 3 && back <= buffer.length; back++) {
		const byte = buffer[buffer.length - back]!;
		if (byte < 0x80) return false;
		// A lead byte (11xxxxxx) starts the cut-off character; continuation bytes are 10xxxxxx.
		if (byte >= 0xc0) {
			const before = buffer.subarray(0, buffer.length - back);
			return isUtf8(before) && before.some((value) => value >= 0x80);
		}
	}
	return false;
}

type Iconv = typeof IconvModule;
let iconv: Iconv | undefined;

/**
 * iconv-lite, loaded the first time a file is not UTF-8. Most folders never need it, and
 * loading its code-page tables at start-up cost the first frame ~15 ms; the bundle leaves it
 * out (scripts/build.mjs) and it is required from node_modules here, on demand.
 */
function legacyDecoder(): Iconv {
	iconv ??= createRequire(import.meta.url)('iconv-lite') as Iconv;
	return iconv;
}
