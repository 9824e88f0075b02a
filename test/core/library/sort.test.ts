import {describe, expect, it} from 'vitest';
import {nextSortOrder, sortDocuments, type SortFacts} from '../../../source/core/library/sort.js';
import {seedDocuments} from '../../fixtures/seeds.js';
import type {Document} from '../../../source/core/types.js';

const seeds = seedDocuments();
const short = (documents: readonly Document[]) =>
	documents.map((document) => document.id.slice(0, 3));

// 000 and 001 are one article saved twice; the others stand alone.
const groupOf = (document: Document) =>
	document.id.startsWith('001') ? seeds[0]!.id : document.id;
const day = (n: number) => Date.UTC(2020, 6, n);
const dates: Record<string, number | undefined> = {
	'000': day(19),
	'001': day(20),
	'002': day(22),
	'003': undefined,
	'004': day(21),
};
const facts: SortFacts = {
	dateOf: (document) => dates[document.id.slice(0, 3)],
	lastReadOf: (document) => ({'003': day(1), '002': day(3)})[document.id.slice(0, 3)],
	groupOf,
};

describe('sortDocuments', () => {
	it('lists by file name in natural order', () => {
		expect(short(sortDocuments([...seeds].reverse(), 'name', facts))).toEqual([
			'000',
			'001',
			'002',
			'003',
			'004',
		]);
	});

	it('lists newest first, the undated last, versions beside the newest of their group', () => {
		// 001 (20 July) pulls 000 (19 July) up behind it.
		expect(short(sortDocuments(seeds, 'date', facts))).toEqual(['002', '004', '001', '000', '003']);
	});

	it('lists by title, ignoring case and accents', () => {
		// Titles: 000 "In his first…", 001 "Prospects…", 002 "Al-Kadhimi's…", 003 "Kadhimi in
		// Iran…", 004 "Iranian Foreign…"; 001 follows 000 as its version.
		expect(short(sortDocuments(seeds, 'title', facts))).toEqual([
			'002',
			'000',
			'001',
			'004',
			'003',
		]);
	});

	it('lists the longest first', () => {
		// Words: 000 1,293 · 001 1,284 · 002 791 · 003 537 · 004 460 (as `list` counts them).
		expect(short(sortDocuments(seeds, 'words', facts))).toEqual([
			'000',
			'001',
			'002',
			'003',
			'004',
		]);
	});

	it('lists the last read first, the never read after them in name order', () => {
		expect(short(sortDocuments(seeds, 'read', facts))).toEqual(['002', '003', '000', '001', '004']);
	});

	it('cycles through every order and back', () => {
		const seen = ['name'];
		let order = nextSortOrder('name');
		while (order !== 'name') {
			seen.push(order);
			order = nextSortOrder(order);
		}
		expect(seen).toEqual(['name', 'date', 'title', 'words', 'read']);
	});
});

describe('documentDate', () => {
	it('reads the dateline, else the file time, else nothing', async () => {
		const {documentDate} = await import('../../../source/core/library/document-date.js');
		const {mkdtempSync, writeFileSync, utimesSync, rmSync} = await import('node:fs');
		const {tmpdir} = await import('node:os');
		const {join} = await import('node:path');
		const {documentFromText} = await import('../../fixtures/seeds.js');
		// 001's dateline is "July 20, 2020 - 21:8": its wall clock, counted as if UTC.
		expect(documentDate(seeds[1]!)).toBe(Date.UTC(2020, 6, 20, 21, 8));
		const folder = mkdtempSync(join(tmpdir(), 'reading-room-date-'));
		try {
			const text = 'A headline\n\nA body with no dateline at all.\n';
			const path = join(folder, 'undated.txt');
			writeFileSync(path, text);
			utimesSync(path, new Date(Date.UTC(2021, 0, 2)), new Date(Date.UTC(2021, 0, 2)));
			const undated = {...documentFromText(text, 'undated.txt'), path};
			expect(undated.dateline).toBeUndefined();
			expect(documentDate(undated)).toBe(Date.UTC(2021, 0, 2));
			rmSync(path);
			expect(documentDate(undated)).toBeUndefined();
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});
});
