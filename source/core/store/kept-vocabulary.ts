/**
 * The search vocabulary (see term-index.ts, StoredVocabulary) kept in a file beside the database
 * (`<database>-vocabulary`, see database-index.ts keepVocabulary), read in one go by every
 * search through the store. Kept in a row of the database (a table vocabulary, until the
 * twenty-first session), its 3.1 MB at the bench's 41,000 terms (2.5 MB of them the trie) took
 * 25–31 ms to read in a fresh process, through SQLite's overflow pages and a copy of each
 * column; from a file of its own, 9–11 ms.
 *
 * Taken up only when the database names this very file (the folder key 'kept_vocabulary': its
 * identity, see read-kept.ts fileIdentity) and it holds together (here, and then
 * StoredVocabulary.fromKept). Terms are numbered once and never renumbered, so a vocabulary
 * kept through a number stays right; the terms numbered after it are read from the table.
 */
import {Buffer} from 'node:buffer';
import {readFileSync} from 'node:fs';
import {BEYOND_LATIN1} from './kept-rows.js';
import type {KeptVocabulary} from './term-index.js';
import {readNamedKept} from './read-kept.js';

const FILE_MAGIC = 'RRKV';

/**
 * The file's first bytes: "RRKV" · the vocabulary's format · through · 1 when the text is
 * UTF-16, 0 when Latin-1 · the bytes of starts, numbers, trie and text (u32 each, little-endian);
 * then those four parts as they are (the three arrays' lengths multiples of 4, so each starts on a
 * 4-byte boundary and is taken as it lies). A text whose characters are all Latin-1 is kept a
 * byte each and read back without decoding.
 */
const FILE_HEADER = 32;

/** The bytes of `vocabulary`'s file, as parts to write one after the other. */
export function keptVocabularyBytes(vocabulary: KeptVocabulary): Uint8Array[] {
	const wide = BEYOND_LATIN1.test(vocabulary.text);
	const text = Buffer.from(vocabulary.text, wide ? 'utf16le' : 'latin1');
	const header = Buffer.alloc(FILE_HEADER);
	header.write(FILE_MAGIC, 0, 'latin1');
	header.writeUInt32LE(vocabulary.format, 4);
	header.writeUInt32LE(vocabulary.through, 8);
	header.writeUInt32LE(wide ? 1 : 0, 12);
	const parts = [vocabulary.starts, vocabulary.numbers, vocabulary.trie, text];
	parts.forEach((part, at) => header.writeUInt32LE(part.length, 16 + 4 * at));
	return [header, ...parts];
}

/** What `bytes` (a kept vocabulary file, see keptVocabularyBytes) hold; undefined when they are
 * not such a file, or its parts do not add up to it. The vocabulary itself is checked by
 * StoredVocabulary.fromKept. */
export function keptVocabularyFromBytes(bytes: Uint8Array): KeptVocabulary | undefined {
	if (bytes.length < FILE_HEADER) return undefined;
	const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
	if (file.toString('latin1', 0, 4) !== FILE_MAGIC) return undefined;
	const wide = file.readUInt32LE(12);
	if (wide > 1) return undefined;
	const [starts, numbers, trie, text] = [0, 1, 2, 3].map((at) =>
		file.readUInt32LE(16 + 4 * at),
	) as [number, number, number, number];
	if (starts % 4 !== 0 || numbers % 4 !== 0 || trie % 4 !== 0) return undefined;
	if (wide === 1 && text % 2 !== 0) return undefined;
	if (FILE_HEADER + starts + numbers + trie + text !== bytes.length) return undefined;
	const numbersAt = FILE_HEADER + starts;
	const trieAt = numbersAt + numbers;
	const textAt = trieAt + trie;
	return {
		format: file.readUInt32LE(4),
		through: file.readUInt32LE(8),
		starts: bytes.subarray(FILE_HEADER, numbersAt),
		numbers: bytes.subarray(numbersAt, trieAt),
		trie: bytes.subarray(trieAt, textAt),
		text: file.toString(wide === 1 ? 'utf16le' : 'latin1', textAt),
	};
}

/** The vocabulary kept in `file` when it is the file `identity` names (see fileIdentity: the
 * database keeps the identity of the file it wrote) and holds one (see keptVocabularyFromBytes);
 * undefined otherwise. */
export function readKeptVocabulary(file: string, identity: string): KeptVocabulary | undefined {
	return readNamedKept(file, identity, (kept) => keptVocabularyFromBytes(readFileSync(kept)));
}
