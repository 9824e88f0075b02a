import {describe, expect, it} from 'vitest';
import type {MetadataRow} from '../../../source/core/store/database.js';
import {keepRows, keptRowsOf, type KeptRowsColumns} from '../../../source/core/store/kept-rows.js';
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
});
