import {describe, expect, it} from 'vitest';
import {rowsInMemory} from '../../../source/core/store/database-index.js';
import type {MetadataRow} from '../../../source/core/store/database.js';

/** Rows with only what rowsInMemory reads filled in: each "doc-N" at rowid N * 3, N words. */
function rowsOf(count: number): Map<string, MetadataRow> {
	const rows = new Map<string, MetadataRow>();
	for (let number = 1; number <= count; number++) {
		const id = `doc-${number}`;
		rows.set(id, {
			rowid: number * 3,
			id,
			size: 0,
			mtime: 0,
			hash: '',
			file_name: id,
			title: id,
			title_from_headline: 0,
			dateline: null,
			source: null,
			paragraphs: 0,
			words: 0,
			reading_minutes: 0,
			encoding: 'utf-8',
			sequence_words: number,
		});
	}
	return rows;
}

describe('rowsInMemory', () => {
	it('gives the ids of a few rowids in their order, leaving out rowids no row has', () => {
		const source = rowsInMemory(rowsOf(2000));
		expect(source.idsOf([300, 6, 7, 5997, 6000, 6003])).toEqual([
			'doc-100',
			'doc-2',
			'doc-1999',
			'doc-2000',
		]);
		expect(source.sequenceWordsOf([300, 6, 7, 6003])).toBe(102);
		expect(source.idsOf([])).toEqual([]);
	});

	it('gives the same for many rowids as for few', () => {
		const source = rowsInMemory(rowsOf(3000));
		// 1,500 rowids, every other row's from the last back, and one no row has.
		const many = Array.from({length: 1500}, (_, index) => (3000 - 2 * index) * 3);
		many.splice(10, 0, 4);
		const ids = source.idsOf(many);
		expect(ids).toHaveLength(1500);
		expect(ids.slice(0, 3)).toEqual(['doc-3000', 'doc-2998', 'doc-2996']);
		expect(ids.at(-1)).toBe('doc-2');
		// 2 + 4 + … + 3000.
		expect(source.sequenceWordsOf(many)).toBe(2_251_500);
		// And a few again, once every row's map is made.
		expect(source.idsOf([9, 4, 3])).toEqual(['doc-3', 'doc-1']);
	});
});
