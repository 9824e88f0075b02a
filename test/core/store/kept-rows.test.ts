import {describe, expect, it} from 'vitest';
import type {MetadataRow} from '../../../source/core/store/database.js';
import type {MetadataRecord} from '../../../source/core/store/stored-document.js';
import {mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
	keepRows,
	keptRowsBytes,
	keptRowsFromBytes,
	keptRowsOf,
	readKeptRows,
	type KeptRowsColumns,
} from '../../../source/core/store/kept-rows.js';
import {keyDigest} from '../../../source/core/search/document-key.js';
import {rowFields} from '../../fixtures/metadata-row.js';

/** Three rows as the documents table holds them: plain, beyond Latin-1 in a subfolder, and one
 * whose file name is not its id's last part. */
const ROWS: MetadataRow[] = [
	{
		rowid: 7,
		id: 'a.txt',
		size: 5107,
		mtime: 1796413489644.999,
		hash: '50ad9d12cd17c32fe18a4137ee409527d9ef48c2',
		file_name: 'a.txt',
		title: 'Alpha headline',
		title_from_headline: 1,
		dateline: null,
		source: null,
		paragraphs: 16,
		words: 814,
		reading_minutes: 4,
		encoding: 'utf-8',
		sequence_words: 831,
	},
	{
		rowid: 9,
		id: 'press/tehran.txt',
		size: 3424,
		mtime: 1796413484170.9739,
		hash: 'eb399ca6b775261fda5b3f1afa03724e7029a7da',
		file_name: 'tehran.txt',
		title: 'Iran’s envoy 中文 — 𝔸',
		title_from_headline: 0,
		dateline: 'TEHRAN, 3 May',
		source: 'Café Press',
		paragraphs: 17,
		words: 537,
		reading_minutes: 3,
		encoding: 'windows-1252',
		sequence_words: 565,
	},
	{
		rowid: 12,
		// A second file whose name sanitised alike: its id is made unique, its file name is not.
		id: 'été.txt (2)',
		size: 0,
		mtime: 0.5,
		hash: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
		file_name: 'été.txt',
		title: 'Été à Zürich',
		title_from_headline: 1,
		dateline: '',
		source: null,
		paragraphs: 0,
		words: 0,
		reading_minutes: 0,
		encoding: 'utf-16le',
		sequence_words: 0,
	},
];

function kept(): KeptRowsColumns {
	const columns = keepRows(ROWS);
	if (columns === undefined) throw new Error('not kept');
	return columns;
}

/** `columns` with its numbers changed by `change` (each row's eight, in kept-rows.ts's order). */
function withNumbers(columns: KeptRowsColumns, change: (numbers: Float64Array) => void) {
	const numbers = new Float64Array(Uint8Array.from(columns.numbers).buffer);
	change(numbers);
	return {...columns, numbers: new Uint8Array(numbers.buffer)};
}

function withBounds(columns: KeptRowsColumns, change: (bounds: Int32Array) => void) {
	const bounds = new Int32Array(Uint8Array.from(columns.bounds).buffer);
	change(bounds);
	return {...columns, bounds: new Uint8Array(bounds.buffer)};
}

describe('the documents table kept whole', () => {
	it('gives back every row field for field, the ones beyond Latin-1 from the wide text', () => {
		const columns = kept();
		expect(columns.count).toBe(3);
		// The plain rows' fields one after another; the file names that are the id's last part
		// are not kept again.
		expect(columns.narrow).toBe(
			'a.txt50ad9d12cd17c32fe18a4137ee409527d9ef48c2Alpha headline' +
				'été.txt (2)da39a3ee5e6b4b0d3255bfef95601890afd80709été.txtÉté à Zürich',
		);
		expect(columns.wide).toBe(
			'press/tehran.txteb399ca6b775261fda5b3f1afa03724e7029a7daIran’s envoy 中文 — 𝔸TEHRAN, 3 MayCafé Press',
		);
		const rows = keptRowsOf(columns)!;
		expect([...rows.keys()]).toEqual(['a.txt', 'press/tehran.txt', 'été.txt (2)']);
		expect([...rows.values()].map(rowFields)).toEqual(ROWS);
	});

	it('keeps each row’s key digest, the one worked out from its fields', () => {
		const rows = [...keptRowsOf(kept())!.values()];
		for (const [at, row] of rows.entries()) {
			const given = ROWS[at]!;
			const expected = new Int32Array(2);
			keyDigest(
				[given.hash, given.title, given.dateline ?? '', given.source ?? '', given.paragraphs].join(
					'\u0000',
				),
				expected,
				0,
			);
			const keptDigest = new Int32Array(3);
			(row as MetadataRecord).keyDigestInto!(keptDigest, 1);
			expect([...keptDigest.subarray(1)], given.id).toEqual([...expected]);
		}
		// The first row's, written out: cyrb53's two halves of its key (worked out apart from this
		// code), as snapshots of formats 6 and 7 keep it.
		const first = new Int32Array(2);
		(rows[0] as MetadataRecord).keyDigestInto!(first, 0);
		expect([...first]).toEqual([829728231, -133086718]);
	});

	it('keeps a row’s rowid and sequence length its own, as the store updates them', () => {
		const rows = [...keptRowsOf(kept())!.values()];
		rows[0]!.rowid = 40;
		rows[0]!.sequence_words = 900;
		expect([rows[0]!.rowid, rows[0]!.sequence_words]).toEqual([40, 900]);
		expect([rows[1]!.rowid, rows[1]!.sequence_words]).toEqual([9, 565]);
	});

	it('keeps nothing of rows not written yet, or of an encoding it does not know', () => {
		expect(keepRows([{...ROWS[0]!, rowid: 0}])).toBeUndefined();
		expect(keepRows([{...ROWS[0]!, encoding: 'koi8-r'}])).toBeUndefined();
		expect(keepRows([])).toEqual({
			count: 0,
			narrow: '',
			wide: '',
			bounds: new Uint8Array(0),
			numbers: new Uint8Array(0),
			keys: new Uint8Array(0),
		});
	});

	it('refuses kept rows that do not hold together', () => {
		const columns = kept();
		const damaged: [string, KeptRowsColumns][] = [
			['a count the arrays do not have', {...columns, count: 4}],
			['bounds cut short', {...columns, bounds: columns.bounds.subarray(0, 80)}],
			['numbers cut short', {...columns, numbers: columns.numbers.subarray(0, 8 * 23)}],
			['a text cut short', {...columns, narrow: columns.narrow.slice(0, -1)}],
			['bounds out of order', withBounds(columns, (bounds) => void (bounds[2] = 1))],
			// A start below 0 that slice would count from the text's end, giving the id whole.
			[
				'a bound before the text',
				withBounds(columns, (bounds) => void (bounds[7] = -columns.wide.length)),
			],
			['flags it does not know', withNumbers(columns, (numbers) => void (numbers[7] = 1 << 9))],
			['a word count not whole', withNumbers(columns, (numbers) => void (numbers[4] = 1.5))],
			['a size below 0', withNumbers(columns, (numbers) => void (numbers[9] = -1))],
			['rowid 0', withNumbers(columns, (numbers) => void (numbers[8] = 0))],
			['keys cut short', {...columns, keys: columns.keys.subarray(0, 16)}],
			['a time not a number', withNumbers(columns, (numbers) => void (numbers[2] = Number.NaN))],
			// The third row's id made the first's, 'a.txt', by its bounds.
			[
				'an id given twice',
				withBounds(columns, (bounds) => {
					bounds[14] = 0;
					bounds[15] = 5;
				}),
			],
			['an empty id', withBounds(columns, (bounds) => void (bounds[1] = 0))],
		];
		for (const [what, columns] of damaged) expect(keptRowsOf(columns), what).toBeUndefined();
	});

	it('are kept in a file of their own: the texts as they are, the numbers little-endian', () => {
		const columns = kept();
		const bytes = Buffer.concat(keptRowsBytes({generation: 41, factsComplete: true, columns}));
		// The header, written out: "RRKR", format 3, generation 41, facts complete, 3 rows, and
		// the bytes of the numbers (3 × 8 × 8), bounds (3 × 7 × 4), wide (UTF-16), narrow
		// (Latin-1) and keys (3 × 2 × 4) parts.
		expect(bytes.toString('latin1', 0, 4)).toBe('RRKR');
		expect(bytes.readUInt32LE(4)).toBe(3);
		expect(bytes.readDoubleLE(8)).toBe(41);
		expect(bytes.readUInt32LE(16)).toBe(1);
		expect(bytes.readUInt32LE(20)).toBe(3);
		const wideBytes = 2 * columns.wide.length;
		const narrowBytes = columns.narrow.length;
		expect([0, 1, 2, 3, 4].map((at) => bytes.readUInt32LE(24 + 4 * at))).toEqual([
			192,
			84,
			wideBytes,
			narrowBytes,
			24,
		]);
		expect(bytes.length).toBe(48 + 192 + 84 + 24 + wideBytes + narrowBytes);
		// The narrow text a byte a character ('é' is 0xE9), last.
		expect(bytes.subarray(bytes.length - narrowBytes).toString('latin1')).toBe(columns.narrow);
		expect(bytes.readDoubleLE(48 + 8 * 2)).toBe(1796413489644.999);
		const read = keptRowsFromBytes(bytes)!;
		expect(read.generation).toBe(41);
		expect(read.factsComplete).toBe(true);
		expect([...keptRowsOf(read.columns)!.values()].map(rowFields)).toEqual(ROWS);
		const none = keptRowsFromBytes(
			Buffer.concat(keptRowsBytes({generation: 0, factsComplete: false, columns: keepRows([])!})),
		)!;
		expect([none.generation, none.factsComplete, keptRowsOf(none.columns)!.size]).toEqual([
			0,
			false,
			0,
		]);
	});

	it('refuses a file that is not kept rows of this format, or whose parts do not add up', () => {
		const bytes = Buffer.concat(
			keptRowsBytes({generation: 3, factsComplete: false, columns: kept()}),
		);
		const changed = (change: (copy: Buffer) => void) => {
			const copy = Buffer.from(bytes);
			change(copy);
			return copy;
		};
		const damaged: [string, Uint8Array][] = [
			['another magic', changed((copy) => copy.write('SQLi', 0, 'latin1'))],
			['another format', changed((copy) => copy.writeUInt32LE(2, 4))],
			['facts neither 0 nor 1', changed((copy) => copy.writeUInt32LE(2, 16))],
			['cut short', bytes.subarray(0, bytes.length - 1)],
			['a byte more', Buffer.concat([bytes, Buffer.alloc(1)])],
			['no header', bytes.subarray(0, 40)],
			// The parts' lengths moved, adding up still: numbers not whole floats, bounds not whole
			// integers, UTF-16 of an odd length.
			[
				'numbers of 190 bytes',
				changed((copy) => {
					copy.writeUInt32LE(190, 24);
					copy.writeUInt32LE(86, 28);
				}),
			],
			[
				'bounds of 82 bytes',
				changed((copy) => {
					copy.writeUInt32LE(82, 28);
					copy.writeUInt32LE(copy.readUInt32LE(32) + 2, 32);
				}),
			],
			[
				'wide of an odd length',
				changed((copy) => {
					copy.writeUInt32LE(copy.readUInt32LE(32) + 1, 32);
					copy.writeUInt32LE(copy.readUInt32LE(36) - 1, 36);
				}),
			],
		];
		for (const [what, given] of damaged) expect(keptRowsFromBytes(given), what).toBeUndefined();
	});

	it('are read from their file only when it is the one named', () => {
		const folder = mkdtempSync(join(tmpdir(), 'kept-rows-'));
		try {
			const file = join(folder, 'db-rows');
			writeFileSync(
				file,
				Buffer.concat(keptRowsBytes({generation: 5, factsComplete: true, columns: kept()})),
			);
			const stats = statSync(file, {bigint: true});
			const identity = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}`;
			expect(readKeptRows(file, identity)?.generation).toBe(5);
			expect(readKeptRows(file, `${stats.dev}:${stats.ino}:${stats.size}:0`)).toBeUndefined();
			expect(readKeptRows(join(folder, 'none'), identity)).toBeUndefined();
			rmSync(file);
			mkdirSync(file);
			expect(readKeptRows(file, identity)).toBeUndefined();
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});
});
