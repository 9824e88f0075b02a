import {describe, expect, it} from 'vitest';
import {highlight, libraryRow, rowLayout} from '../../../source/core/library/row.js';
import {describeSkipped} from '../../../source/core/library/describe.js';
import {cellWidth} from '../../../source/core/text/width.js';
import type {Document} from '../../../source/core/types.js';

function document(title: string, words = 1234): Document {
	return {
		id: `folder/${title.slice(0, 5)}.txt`,
		path: '/tmp/x.txt',
		fileName: 'a-rather-long-file-name-for-the-column.txt',
		title,
		titleFromHeadline: true,
		dateline: undefined,
		source: undefined,
		paragraphs: ['x'],
		words,
		readingMinutes: Math.ceil(words / 230),
		text: title,
		encoding: 'utf-8',
		hash: '0',
		bytes: 10,
	};
}

/** Both figures shown, at their usual widths. */
const figures = {words: true, minutes: true, wordsWidth: 9, minutesWidth: 7};

const text = (line: ReturnType<typeof libraryRow>) => line.map((segment) => segment.text).join('');

describe('libraryRow', () => {
	for (const width of [40, 50, 60, 80, 120, 200]) {
		it(`fills exactly ${width} cells, whatever the title`, () => {
			for (const title of [
				'Short',
				'A very long headline '.repeat(10),
				'伊朗与伊拉克的关系前景'.repeat(5),
				'emoji 😀😀😀 title',
			]) {
				expect(
					cellWidth(
						text(libraryRow(document(title), {width, selected: false, marked: false, versions: 0})),
					),
				).toBe(width);
			}
		});
	}

	it('shows words, reading time and file name when there is room, and drops them when narrow', () => {
		const wide = text(
			libraryRow(document('Prospects of Iran-Iraq ties'), {
				width: 120,
				selected: false,
				marked: false,
				versions: 0,
			}),
		);
		expect(wide).toContain('1,234 w');
		expect(wide).toContain('6 min');
		expect(wide).toContain('a-rather-long');
		const narrow = text(
			libraryRow(document('Prospects of Iran-Iraq ties'), {
				width: 40,
				selected: false,
				marked: false,
				versions: 0,
			}),
		);
		expect(narrow).not.toContain('1,234 w');
		expect(narrow).toContain('Prospects');
	});

	it('marks the selected row with a pointer and marked rows with a dot, without colour', () => {
		const row = text(
			libraryRow(document('Title'), {width: 80, selected: true, marked: true, versions: 0}),
		);
		expect(row.startsWith('▸● ')).toBe(true);
	});

	it('marks a row being refreshed in the read column, at the same width, and dims the mark', () => {
		const layout = {...figures, nameWidth: 0, read: true};
		const row = (refreshing: boolean) =>
			libraryRow(document('Prospects of Iran-Iraq ties'), {
				width: 60,
				layout,
				selected: false,
				marked: false,
				versions: 0,
				readState: {kind: 'read'},
				refreshing,
			});
		expect(text(row(false))).toBe('    ✓  Prospects of Iran-Iraq ties          1,234 w    6 min');
		expect(text(row(true))).toBe('    ↻  Prospects of Iran-Iraq ties          1,234 w    6 min');
		expect(row(true)[1]).toEqual({text: ' ↻  ', role: 'dim'});
	});

	it('without a read column, marks a row being refreshed where a marked row has its dot', () => {
		const layout = {...figures, nameWidth: 0, read: false};
		const row = (options: {refreshing: boolean; marked: boolean}) =>
			text(
				libraryRow(document('Prospects of Iran-Iraq ties'), {
					width: 60,
					layout,
					selected: true,
					versions: 0,
					...options,
				}),
			);
		expect(row({refreshing: false, marked: false})).toBe(
			'▸  Prospects of Iran-Iraq ties              1,234 w    6 min',
		);
		expect(row({refreshing: true, marked: false})).toBe(
			'▸↻ Prospects of Iran-Iraq ties              1,234 w    6 min',
		);
		// The user's mark wins: it is what Space and d act on.
		expect(row({refreshing: true, marked: true})).toBe(
			'▸● Prospects of Iran-Iraq ties              1,234 w    6 min',
		);
	});

	it('lines up the figures of a screen whose reading times pass 999 minutes', () => {
		const short = document('A short piece', 1_234);
		const long = document('A very long report', 791_432);
		const layout = rowLayout(80, [short, long]);
		const rows = [short, long].map((each) =>
			text(libraryRow(each, {width: 80, layout, selected: false, marked: false, versions: 0})),
		);
		expect(rows).toEqual([
			'   A short piece                1,234 w      6 min  a-rather-long-file-name-for…',
			'   A very long report         791,432 w  3,442 min  a-rather-long-file-name-for…',
		]);
	});

	it('shows a versions badge for grouped documents', () => {
		expect(
			text(
				libraryRow(document('Title'), {width: 100, selected: false, marked: false, versions: 2}),
			),
		).toContain('[2 versions]');
		expect(
			text(
				libraryRow(document('Title'), {width: 100, selected: false, marked: false, versions: 1}),
			),
		).not.toContain('versions');
	});

	it('highlights search ranges in the title', () => {
		const row = libraryRow(document('Kadhimi in Iran'), {
			width: 80,
			selected: false,
			marked: false,
			versions: 0,
			titleRanges: [{start: 0, end: 7}],
		});
		expect(row.find((segment) => segment.role === 'match')?.text).toBe('Kadhimi');
	});
});

describe('highlight', () => {
	it('splits into plain and matched parts and clips ranges past the end', () => {
		expect(
			highlight('abcdef', [
				{start: 4, end: 99},
				{start: 0, end: 1},
			]),
		).toEqual([{text: 'a', role: 'match'}, {text: 'bcd'}, {text: 'ef', role: 'match'}]);
	});
});

describe('describeSkipped', () => {
	it('says how many files were skipped and why', () => {
		expect(describeSkipped([])).toBe('');
		expect(
			describeSkipped([
				{id: 'a', reason: 'binary'},
				{id: 'b', reason: 'binary'},
			]),
		).toBe('2 files skipped (binary)');
		expect(
			describeSkipped([
				{id: 'a', reason: 'binary'},
				{id: 'b', reason: 'unreadable'},
			]),
		).toBe('2 files skipped (1 binary, 1 unreadable)');
		// The same files in another order (the scan's pipes before the loader's binary files):
		// the same line; the most common reason first.
		expect(
			describeSkipped([
				{id: 'b', reason: 'unreadable'},
				{id: 'a', reason: 'binary'},
			]),
		).toBe('2 files skipped (1 binary, 1 unreadable)');
		expect(
			describeSkipped([
				{id: 'a', reason: 'binary'},
				{id: 'b', reason: 'too large'},
				{id: 'c', reason: 'unreadable'},
				{id: 'd', reason: 'unreadable'},
			]),
		).toBe('4 files skipped (2 unreadable, 1 binary, 1 too large)');
	});
});
