/**
 * The documents table kept whole in a file beside the database (`<database>-rows`, see
 * database.ts), so a start reads every document's metadata in one go: two strings holding every
 * row's text fields one after another, and arrays of numbers (with each row's key digest, which
 * the search index's snapshot checks its documents by: core/search/document-key.ts). Read row by
 * row, 100,000 rows made an array and six strings each (about 0.3 s, and as long again
 * collecting them); kept whole they are five values, and a row's strings are cut from them when
 * asked for (title, hash…), so the ones no one asks for are never made. Kept in a row of the
 * database (a table kept_rows, until the nineteenth session), its 24 MB at 100,000 documents
 * took 95–125 ms to read through SQLite's overflow pages; read from a file of their own,
 * 26–58 ms.
 *
 * A cache of the documents table at one write count (the folder key 'generation'): it is taken
 * up only while the database's count is still the one it was kept at, the database names this
 * very file (the folder key 'kept_rows', see database.ts), and it holds together (see
 * keptRowsFromBytes and keptRowsOf); otherwise the table is read.
 */
import {Buffer} from 'node:buffer';
import type {TextEncodingName} from '../types.js';
import type {MetadataRow} from './database.js';
import {float64sOf, int32sOf, littleEndianBytes} from './little-endian.js';
import {fillFrom, readNamedKept} from './read-kept.js';
import {keyDigest, keyOfParts} from './key-digest.js';

/** Bumped whenever what is kept, or how, changes: a file of another format is not taken up. */
export const KEPT_ROWS_FORMAT = 3;

/** The text fields, in the order each row's are kept. */
const ID = 0;
const HASH = 1;
const FILE_NAME = 2;
const TITLE = 3;
const DATELINE = 4;
const SOURCE = 5;
const TEXT_FIELDS = 6;
/** Bounds a row: where its text starts, then where each of its text fields ends. */
const BOUNDS = TEXT_FIELDS + 1;

/** The number fields, in the order each row's are kept. */
const ROWID = 0;
const SIZE = 1;
const MTIME = 2;
const PARAGRAPHS = 3;
const WORDS = 4;
const READING_MINUTES = 5;
const SEQUENCE_WORDS = 6;
const FLAGS = 7;
const NUMBERS = 8;
/** The number fields the table keeps as integers, none below 0. */
const COUNTS = [ROWID, SIZE, PARAGRAPHS, WORDS, READING_MINUTES, SEQUENCE_WORDS];

/** Flags: the title is the headline; no dateline; no source; the file name is the id's last
 * part (not kept again); the row's text fields are in the wide text (not all Latin-1); and,
 * from ENCODING_SHIFT up, the encoding's place in ENCODINGS. */
const TITLE_FROM_HEADLINE = 1;
const NO_DATELINE = 2;
const NO_SOURCE = 4;
const FILE_NAME_FROM_ID = 8;
const WIDE = 16;
const ENCODING_SHIFT = 5;
const KNOWN_FLAGS = (1 << (ENCODING_SHIFT + 2)) - 1;

export const ENCODINGS: readonly TextEncodingName[] = [
	'utf-8',
	'utf-16le',
	'utf-16be',
	'windows-1252',
];

/** Only characters V8 keeps a byte each for: such a row's fields go in the narrow text (and
 * such a vocabulary's terms are kept a byte each, see kept-vocabulary.ts). */
export const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/** The rows as kept (see keepRows). */
export interface KeptRowsColumns {
	readonly count: number;
	/** The text fields of the rows whose fields are all Latin-1, one after another. */
	readonly narrow: string;
	/** The text fields of the other rows. */
	readonly wide: string;
	/** BOUNDS 32-bit integers a row, little-endian. */
	readonly bounds: Uint8Array;
	/** NUMBERS 64-bit floats a row, little-endian. */
	readonly numbers: Uint8Array;
	/** The keyDigest of each row's documentKey (core/search/document-key.ts), two 32-bit
	 * integers a row, little-endian: worked out when kept, not at every start. */
	readonly keys: Uint8Array;
}

/** `rows` as kept; undefined when one cannot be (not written yet, or an encoding not known). */
export function keepRows(given: Iterable<MetadataRow>): KeptRowsColumns | undefined {
	const rows = [...given];
	const narrow: string[] = [];
	const wide: string[] = [];
	let narrowLength = 0;
	let wideLength = 0;
	const bounds = new Int32Array(rows.length * BOUNDS);
	const numbers = new Float64Array(rows.length * NUMBERS);
	const keys = new Int32Array(rows.length * 2);
	for (const [at, row] of rows.entries()) {
		const encoding = ENCODINGS.indexOf(row.encoding as TextEncodingName);
		if (encoding < 0 || row.rowid <= 0) return undefined;
		keyDigest(
			keyOfParts(row.hash, row.title, row.dateline, row.source, row.paragraphs),
			keys,
			at * 2,
		);
		const slash = row.id.lastIndexOf('/');
		const nameFromId = row.file_name === row.id.slice(slash + 1);
		const fields = [
			row.id,
			row.hash,
			nameFromId ? '' : row.file_name,
			row.title,
			row.dateline ?? '',
			row.source ?? '',
		];
		const isWide = fields.some((field) => BEYOND_LATIN1.test(field));
		let end = isWide ? wideLength : narrowLength;
		bounds[at * BOUNDS] = end;
		fields.forEach((field, place) => {
			end += field.length;
			bounds[at * BOUNDS + place + 1] = end;
			(isWide ? wide : narrow).push(field);
		});
		if (isWide) wideLength = end;
		else narrowLength = end;
		const flags =
			(row.title_from_headline === 1 ? TITLE_FROM_HEADLINE : 0) |
			(row.dateline === null ? NO_DATELINE : 0) |
			(row.source === null ? NO_SOURCE : 0) |
			(nameFromId ? FILE_NAME_FROM_ID : 0) |
			(isWide ? WIDE : 0) |
			(encoding << ENCODING_SHIFT);
		numbers.set(
			[
				row.rowid,
				row.size,
				row.mtime,
				row.paragraphs,
				row.words,
				row.reading_minutes,
				row.sequence_words,
				flags,
			],
			at * NUMBERS,
		);
	}
	return {
		count: rows.length,
		narrow: narrow.join(''),
		wide: wide.join(''),
		bounds: littleEndianBytes(bounds),
		numbers: littleEndianBytes(numbers),
		keys: littleEndianBytes(keys),
	};
}

/**
 * The rows kept in `columns`, by id in the order kept, when they hold together: the arrays as
 * long as `count` rows need, every row's text bounds in order and within its text, whole numbers
 * where the table has integers, known flags, and no id empty or given twice. Undefined otherwise
 * (then the table is read instead).
 */
export function keptRowsOf(columns: KeptRowsColumns): Map<string, MetadataRow> | undefined {
	const {count, narrow, wide} = columns;
	if (!Number.isInteger(count) || count < 0) return undefined;
	const bounds = int32sOf(columns.bounds);
	const numbers = float64sOf(columns.numbers);
	const keys = int32sOf(columns.keys);
	if (bounds?.length !== count * BOUNDS || numbers?.length !== count * NUMBERS) return undefined;
	if (keys?.length !== count * 2) return undefined;
	const kept: Kept = {narrow, wide, bounds, numbers, keys};
	const rows = new Map<string, MetadataRow>();
	for (let at = 0; at < count; at++) {
		const flags = numbers[at * NUMBERS + FLAGS]!;
		// Every encoding's place fits in the bits above ENCODING_SHIFT that KNOWN_FLAGS allows.
		if (!Number.isInteger(flags) || flags < 0 || flags > KNOWN_FLAGS) return undefined;
		const text = flags & WIDE ? wide : narrow;
		const first = at * BOUNDS;
		for (let field = 0; field < TEXT_FIELDS; field++) {
			if (bounds[first + field + 1]! < bounds[first + field]!) return undefined;
		}
		if (bounds[first]! < 0 || bounds[first + TEXT_FIELDS]! > text.length) return undefined;
		for (const field of COUNTS) {
			const value = numbers[at * NUMBERS + field]!;
			if (!Number.isSafeInteger(value) || value < 0) return undefined;
		}
		if (numbers[at * NUMBERS + ROWID] === 0) return undefined;
		if (!Number.isFinite(numbers[at * NUMBERS + MTIME])) return undefined;
		const row = new KeptRow(kept, at);
		if (row.id === '') return undefined;
		rows.set(row.id, row);
		// An id given twice.
		if (rows.size === at) return undefined;
	}
	return rows;
}

interface Kept {
	readonly narrow: string;
	readonly wide: string;
	readonly bounds: Int32Array;
	readonly numbers: Float64Array;
	readonly keys: Int32Array;
}

/**
 * A row as kept: its id is cut from the text when made (it keys the store's rows), the other
 * text fields each time they are asked for, its numbers read from the kept array; its rowid and
 * sequence length are its own, as the store updates them when it writes.
 */
class KeptRow implements MetadataRow {
	readonly id: string;
	rowid: number;
	sequence_words: number;

	constructor(
		private readonly kept: Kept,
		private readonly at: number,
	) {
		this.id = this.field(ID);
		this.rowid = kept.numbers[at * NUMBERS + ROWID]!;
		this.sequence_words = kept.numbers[at * NUMBERS + SEQUENCE_WORDS]!;
	}

	get size(): number {
		return this.number(SIZE);
	}

	get mtime(): number {
		return this.number(MTIME);
	}

	get hash(): string {
		return this.field(HASH);
	}

	get file_name(): string {
		if (this.flags & FILE_NAME_FROM_ID) return this.id.slice(this.id.lastIndexOf('/') + 1);
		return this.field(FILE_NAME);
	}

	get title(): string {
		return this.field(TITLE);
	}

	get title_from_headline(): number {
		return this.flags & TITLE_FROM_HEADLINE ? 1 : 0;
	}

	get dateline(): string | null {
		return this.flags & NO_DATELINE ? null : this.field(DATELINE);
	}

	get source(): string | null {
		return this.flags & NO_SOURCE ? null : this.field(SOURCE);
	}

	get paragraphs(): number {
		return this.number(PARAGRAPHS);
	}

	get words(): number {
		return this.number(WORDS);
	}

	get reading_minutes(): number {
		return this.number(READING_MINUTES);
	}

	get encoding(): string {
		return ENCODINGS[this.flags >>> ENCODING_SHIFT]!;
	}

	keyDigestInto(into: Int32Array, at: number): void {
		into[at] = this.kept.keys[this.at * 2]!;
		into[at + 1] = this.kept.keys[this.at * 2 + 1]!;
	}

	private get flags(): number {
		return this.number(FLAGS);
	}

	private number(field: number): number {
		return this.kept.numbers[this.at * NUMBERS + field]!;
	}

	private field(field: number): string {
		const {bounds} = this.kept;
		const first = this.at * BOUNDS + field;
		const text = this.flags & WIDE ? this.kept.wide : this.kept.narrow;
		return text.slice(bounds[first]!, bounds[first + 1]!);
	}
}

/** The kept rows, and what they are of. */
export interface KeptRowsFile {
	/** The database's write count they are of. */
	readonly generation: number;
	/** Whether every document had its terms and version facts at that write count. */
	readonly factsComplete: boolean;
	readonly columns: KeptRowsColumns;
}

const FILE_MAGIC = 'RRKR';
/**
 * The file's first bytes: "RRKR" · format (u32) · generation (f64) · facts complete (u32, 0 or
 * 1) · count (u32) · the bytes of numbers, bounds, wide, narrow and keys (u32 each) · 4 bytes
 * of 0; then the numbers (on a multiple of 8), the bounds, the keys, the wide text as UTF-16 and
 * the narrow text as Latin-1 (each character a byte: it holds none beyond), all little-endian.
 * The texts are read back as they are, without decoding UTF-8, which took Node 20 about 8 ms a
 * megabyte.
 */
const FILE_HEADER = 48;

/** The bytes of `kept`'s file, as parts to write one after the other. */
export function keptRowsBytes(kept: KeptRowsFile): Uint8Array[] {
	const {columns} = kept;
	const wide = Buffer.from(columns.wide, 'utf16le');
	const narrow = Buffer.from(columns.narrow, 'latin1');
	const header = Buffer.alloc(FILE_HEADER);
	header.write(FILE_MAGIC, 0, 'latin1');
	header.writeUInt32LE(KEPT_ROWS_FORMAT, 4);
	header.writeDoubleLE(kept.generation, 8);
	header.writeUInt32LE(kept.factsComplete ? 1 : 0, 16);
	header.writeUInt32LE(columns.count, 20);
	[columns.numbers, columns.bounds, wide, narrow, columns.keys].forEach((part, at) =>
		header.writeUInt32LE(part.length, 24 + 4 * at),
	);
	return [header, columns.numbers, columns.bounds, columns.keys, wide, narrow];
}

/** What `bytes` (a kept rows file, see keptRowsBytes) hold; undefined when they are not such a
 * file of this format, or their parts do not add up to them. The rows themselves are checked
 * by keptRowsOf. */
export function keptRowsFromBytes(bytes: Uint8Array): KeptRowsFile | undefined {
	const layout = layoutOf(bytes, bytes.length);
	return (
		layout && fromParts(layout, bytes.subarray(0, layout.textsAt), bytes.subarray(layout.textsAt))
	);
}

/** Where a kept rows file's parts lie, from its header (its first FILE_HEADER bytes) and its
 * size; undefined when it is not one of this format or they do not add up to its size. */
interface Layout {
	readonly generation: number;
	readonly factsComplete: boolean;
	readonly count: number;
	readonly numbersLength: number;
	readonly boundsLength: number;
	readonly keysLength: number;
	readonly wideLength: number;
	/** Where the texts start: the wide, then the narrow. */
	readonly textsAt: number;
}

function layoutOf(header: Uint8Array, size: number): Layout | undefined {
	if (header.length < FILE_HEADER) return undefined;
	const bytes = Buffer.from(header.buffer, header.byteOffset, FILE_HEADER);
	if (bytes.toString('latin1', 0, 4) !== FILE_MAGIC) return undefined;
	if (bytes.readUInt32LE(4) !== KEPT_ROWS_FORMAT) return undefined;
	const facts = bytes.readUInt32LE(16);
	if (facts > 1) return undefined;
	const [numbersLength, boundsLength, wideLength, narrowLength, keysLength] = [0, 1, 2, 3, 4].map(
		(at) => bytes.readUInt32LE(24 + 4 * at),
	) as [number, number, number, number, number];
	const textsAt = FILE_HEADER + numbersLength + boundsLength + keysLength;
	if (textsAt + wideLength + narrowLength !== size) return undefined;
	if (numbersLength % 8 !== 0 || boundsLength % 4 !== 0 || keysLength % 8 !== 0) return undefined;
	if (wideLength % 2 !== 0) return undefined;
	return {
		generation: bytes.readDoubleLE(8),
		factsComplete: facts === 1,
		count: bytes.readUInt32LE(20),
		numbersLength,
		boundsLength,
		keysLength,
		wideLength,
		textsAt,
	};
}

/** The kept rows from a file's first part (header, numbers, bounds and keys, which are kept as
 * they are) and its texts (decoded: the bytes are not kept). */
function fromParts(layout: Layout, numbered: Uint8Array, texts: Uint8Array): KeptRowsFile {
	const boundsAt = FILE_HEADER + layout.numbersLength;
	const keysAt = boundsAt + layout.boundsLength;
	const text = Buffer.from(texts.buffer, texts.byteOffset, texts.length);
	return {
		generation: layout.generation,
		factsComplete: layout.factsComplete,
		columns: {
			count: layout.count,
			numbers: numbered.subarray(FILE_HEADER, boundsAt),
			bounds: numbered.subarray(boundsAt, keysAt),
			keys: numbered.subarray(keysAt, keysAt + layout.keysLength),
			wide: text.toString('utf16le', 0, layout.wideLength),
			narrow: text.toString('latin1', layout.wideLength),
		},
	};
}

/**
 * The rows kept in `file` when it is the file `identity` names (see fileIdentity: the database
 * keeps the identity of the file it wrote) and holds kept rows (see keptRowsFromBytes);
 * undefined otherwise. Read in two goes: the numbers into memory that stays theirs, and the
 * texts into memory dropped once they are strings (read whole, the file's 24 MB at 100,000
 * documents stayed as long as the numbers).
 */
export function readKeptRows(file: string, identity: string): KeptRowsFile | undefined {
	return readNamedKept(file, identity, (kept, size) => {
		const header = new Uint8Array(FILE_HEADER);
		if (fillFrom(kept, header, 0) !== header.length) return undefined;
		const layout = layoutOf(header, size);
		if (layout === undefined) return undefined;
		const numbered = new Uint8Array(layout.textsAt);
		const texts = new Uint8Array(size - layout.textsAt);
		if (fillFrom(kept, numbered, 0) !== numbered.length) return undefined;
		if (fillFrom(kept, texts, layout.textsAt) !== texts.length) return undefined;
		return fromParts(layout, numbered, texts);
	});
}
