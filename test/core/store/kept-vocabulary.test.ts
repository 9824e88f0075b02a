import {Buffer} from 'node:buffer';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {QueryWord} from '../../../source/core/search/query.js';
import {
	keptVocabularyBytes,
	keptVocabularyFromBytes,
	readKeptVocabulary,
} from '../../../source/core/store/kept-vocabulary.js';
import {fileIdentity} from '../../../source/core/store/read-kept.js';
import {StoredVocabulary, type KeptVocabulary} from '../../../source/core/store/term-index.js';
import {hasMkfifo} from '../../fixtures/temp-folder.js';

const word = (text: string, maxTypos: number): QueryWord => ({
	kind: 'word',
	text,
	maxTypos,
	prefix: false,
});

/** A vocabulary's kept form: terms numbered 2, 6, 10… (numbers need not follow on). */
function keptOf(terms: readonly string[]): KeptVocabulary {
	return StoredVocabulary.fromTerms(
		terms,
		terms.map((_, index) => 2 + index * 4),
	).keptForm();
}

const LATIN = ['tehran', 'teheran', 'zarif', 'café'];
const WIDE = ['kadimi', 'москва', '𝒜lpha'];

let folder: string;
beforeEach(() => {
	folder = mkdtempSync(join(tmpdir(), 'reading-room-kept-vocabulary-'));
});
afterEach(() => rmSync(folder, {recursive: true, force: true}));

describe('the vocabulary kept in a file', () => {
	it('writes a header of its parts, then the parts, the text a byte a character when it can be', () => {
		const kept = keptOf(LATIN);
		const bytes = Buffer.concat(keptVocabularyBytes(kept));
		const text = 'tehranteheranzarifcafé';
		expect(kept.text).toBe(text);
		expect(bytes.toString('latin1', 0, 4)).toBe('RRKV');
		expect([4, 8, 12, 16, 20, 24, 28].map((at) => bytes.readUInt32LE(at))).toEqual([
			1, // the format
			kept.through,
			0, // Latin-1
			4 * 5, // starts: one per term and the end
			4 * 4, // numbers
			kept.trie.length,
			text.length, // a byte each
		]);
		expect(bytes.length).toBe(32 + 20 + 16 + kept.trie.length + 22);
		expect(bytes.toString('latin1', bytes.length - 22)).toBe(text);
		// A text with characters beyond Latin-1 is kept as UTF-16.
		const wide = Buffer.concat(keptVocabularyBytes(keptOf(WIDE)));
		expect(wide.readUInt32LE(12)).toBe(1);
		expect(wide.readUInt32LE(28)).toBe(2 * 'kadimiмосква𝒜lpha'.length);
	});

	it('reads back the vocabulary written, which matches as the one it was made from', () => {
		for (const terms of [LATIN, WIDE, []]) {
			const kept = keptOf(terms);
			const read = keptVocabularyFromBytes(Buffer.concat(keptVocabularyBytes(kept)))!;
			expect(read.format).toBe(kept.format);
			expect(read.through).toBe(kept.through);
			expect(read.text).toBe(kept.text);
			expect(Buffer.from(read.starts)).toEqual(Buffer.from(kept.starts));
			expect(Buffer.from(read.numbers)).toEqual(Buffer.from(kept.numbers));
			expect(Buffer.from(read.trie)).toEqual(Buffer.from(kept.trie));
			expect(StoredVocabulary.fromKept(read)).toBeDefined();
		}
		const read = StoredVocabulary.fromKept(
			keptVocabularyFromBytes(Buffer.concat(keptVocabularyBytes(keptOf(LATIN))))!,
		)!;
		// tehran (2), teheran (6): one typo from 'tehran'.
		expect(read.matching(word('tehran', 1)).sort((a, b) => a - b)).toEqual([2, 6]);
		expect(read.termOf(10)).toBe('zarif');
		const wide = StoredVocabulary.fromKept(
			keptVocabularyFromBytes(Buffer.concat(keptVocabularyBytes(keptOf(WIDE))))!,
		)!;
		expect(wide.matching(word('mockba', 0))).toEqual([]);
		expect(wide.matching(word('москв', 1))).toEqual([6]);
		expect(wide.termOf(10)).toBe('𝒜lpha');
	});

	it('reads nothing from bytes that are not such a file, or whose parts do not add up', () => {
		const good = Buffer.concat(keptVocabularyBytes(keptOf(LATIN)));
		const spoilt = (change: (bytes: Buffer) => Buffer) =>
			keptVocabularyFromBytes(change(Buffer.from(good)));
		expect(spoilt((bytes) => bytes)).toBeDefined();
		expect(spoilt((bytes) => bytes.subarray(0, 31))).toBeUndefined();
		expect(spoilt((bytes) => (bytes.write('RRKR', 0, 'latin1'), bytes))).toBeUndefined();
		expect(spoilt((bytes) => (bytes.writeUInt32LE(2, 12), bytes))).toBeUndefined(); // neither
		expect(spoilt((bytes) => bytes.subarray(0, bytes.length - 1))).toBeUndefined();
		expect(spoilt((bytes) => Buffer.concat([bytes, Buffer.from('x')]))).toBeUndefined();
		// Lengths adding up, but the arrays' not multiples of 4.
		expect(
			spoilt((bytes) => {
				bytes.writeUInt32LE(bytes.readUInt32LE(16) - 2, 16);
				bytes.writeUInt32LE(bytes.readUInt32LE(28) + 2, 28);
				return bytes;
			}),
		).toBeUndefined();
		// A text one byte longer: Latin-1 may be, UTF-16 may not (half a character).
		const longer = (terms: readonly string[]) => {
			const bytes = Buffer.concat([...keptVocabularyBytes(keptOf(terms)), Buffer.from([0x61])]);
			bytes.writeUInt32LE(bytes.readUInt32LE(28) + 1, 28);
			return keptVocabularyFromBytes(bytes);
		};
		expect(longer(LATIN)?.text).toBe('tehranteheranzarifcaféa');
		expect(longer(WIDE)).toBeUndefined();
	});

	it('is read from the file the identity names only, and not waited for when a pipe is in its place', () => {
		const file = join(folder, 'kept-vocabulary');
		writeFileSync(file, Buffer.concat(keptVocabularyBytes(keptOf(LATIN))));
		const identity = fileIdentity(statSync(file, {bigint: true}));
		expect(readKeptVocabulary(file, identity)?.text).toBe('tehranteheranzarifcafé');
		expect(readKeptVocabulary(file, `${identity}1`)).toBeUndefined();
		expect(readKeptVocabulary(join(folder, 'none'), identity)).toBeUndefined();
		if (!hasMkfifo()) return;
		rmSync(file);
		execFileSync('mkfifo', [file]);
		expect(readKeptVocabulary(file, identity)).toBeUndefined();
	});
});
