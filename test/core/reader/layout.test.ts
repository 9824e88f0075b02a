import {describe, expect, it} from 'vitest';
import {
	EMPTY_NOTICE,
	HEADER,
	KEPT_LAYOUTS,
	MAX_TEXT_WIDTH,
	layoutDocument,
	metaLine,
	textColumn,
} from '../../../source/core/reader/layout.js';
import type {LayoutLine, ReaderLayout} from '../../../source/core/reader/layout.js';
import {cellWidth} from '../../../source/core/text/width.js';
import {wrapText} from '../../../source/core/text/wrap.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';
import {longDocument} from './fixtures.js';

function allLines(layout: ReaderLayout): LayoutLine[] {
	const lines: LayoutLine[] = [];
	for (let index = 0; index < layout.total; index++) lines.push(layout.line(index)!);
	return lines;
}

describe('textColumn', () => {
	it('caps the column and centres it; narrow terminals keep a small margin', () => {
		expect(textColumn(200)).toEqual({width: MAX_TEXT_WIDTH, margin: 55});
		expect(textColumn(91)).toEqual({width: 87, margin: 2});
		expect(textColumn(80)).toEqual({width: 76, margin: 2});
		expect(textColumn(50)).toEqual({width: 46, margin: 2});
		expect(textColumn(6)).toEqual({width: 6, margin: 0});
	});
});

describe('layoutDocument on the seeds', () => {
	const seeds = seedDocuments();

	it.each([40, 80, 120, 200])(
		'lays out header, blank, then paragraphs at %i columns',
		(columns) => {
			for (const document of seeds) {
				const layout = layoutDocument(document, columns);
				const lines = allLines(layout);
				// An article with neither a headline nor a dateline or source (seed 004) has none.
				const header = lines.slice(
					0,
					lines.findIndex((line) => line.paragraph !== HEADER),
				);
				expect(header.at(-1)?.blank ?? true).toBe(true);
				expect(header.length === 0).toBe(!document.titleFromHeadline && metaLine(document) === '');
				const title = header.filter((line) => line.role === 'title').map((line) => line.text);
				// A headline is shown; a title made from the opening is not, as it repeats it.
				expect(title.join(' ')).toBe(document.titleFromHeadline ? document.title : '');
				const meta = header.filter((line) => line.role === 'dim').map((line) => line.text);
				expect(meta.join(' ')).toBe(metaLine(document));

				for (const line of lines) expect(cellWidth(line.text)).toBeLessThanOrEqual(layout.width);
				// Body: each paragraph's lines in order, exactly one blank line between paragraphs.
				const body = lines.slice(header.length);
				let index = 0;
				document.paragraphs.forEach((paragraph, number) => {
					const expected = wrapText(paragraph, layout.width);
					for (const range of expected) {
						expect(body[index]).toMatchObject({
							paragraph: number,
							start: range.start,
							blank: false,
						});
						expect(body[index]!.text).toBe(paragraph.slice(range.start, range.end));
						index++;
					}
					if (number < document.paragraphs.length - 1) expect(body[index++]!.blank).toBe(true);
				});
				expect(index).toBe(body.length);
			}
		},
	);

	it('shows the dateline and the source in a dim line under the title', () => {
		const withDateline = seeds.find((document) => document.dateline)!;
		const withSource = seeds.find((document) => document.source)!;
		for (const document of [withDateline, withSource]) {
			const lines = allLines(layoutDocument(document, 120));
			const meta = lines.find((line) => line.role === 'dim')!;
			expect(meta.text).toContain((document.dateline ?? document.source)!);
		}
	});

	it('finds every line again from its anchor', () => {
		for (const document of seeds) {
			const layout = layoutDocument(document, 57);
			for (let index = 0; index < layout.total; index++) {
				expect(layout.lineOf(layout.anchorOf(index))).toBe(index);
			}
		}
	});

	it('is made once per width', () => {
		const document = seeds[0]!;
		expect(layoutDocument(document, 80)).toBe(layoutDocument(document, 80));
		expect(layoutDocument(document, 81)).not.toBe(layoutDocument(document, 80));
	});
});

describe('layoutDocument edge cases', () => {
	it('lays out an empty document as one notice line', () => {
		for (const text of ['', '   \n\n  \n']) {
			const layout = layoutDocument(documentFromText(text), 80);
			expect(layout.total).toBe(1);
			expect(layout.line(0)).toMatchObject({text: EMPTY_NOTICE, role: 'dim'});
		}
	});

	it('wraps a 120,000-character word', () => {
		const word = 'x'.repeat(120_000);
		const document = documentFromText(`A headline\n\nbefore ${word} after`);
		const layout = layoutDocument(document, 100);
		const lines = allLines(layout);
		expect(lines.every((line) => line.text.length <= layout.width)).toBe(true);
		const body = lines.filter((line) => line.paragraph === 0).map((line) => line.text);
		// 120,000 = 1,333 × 90 + 30: the last 30 x's have room for ' after'.
		const full = Array.from({length: 1_333}, () => 'x'.repeat(90));
		expect(body).toEqual(['before', ...full, `${'x'.repeat(30)} after`]);
	});

	it('keeps right-to-left text in logical order', () => {
		const paragraph = 'وزیر امور خارجه ایران روز یکشنبه با مقامات عراقی در بغداد دیدار کرد';
		const document = documentFromText(`گزارش\n\n${paragraph}\n\n${paragraph}`);
		const lines = allLines(layoutDocument(document, 24));
		const first = lines
			.filter((line) => line.paragraph === 0 && !line.blank)
			.map((line) => line.text);
		expect(first.length).toBeGreaterThan(2);
		expect(first.join(' ')).toBe(paragraph);
	});
});

describe('lazy layout of a long article', () => {
	const document = longDocument(1_000_000);

	it('wraps only what the first screen needs, then the rest in steps, same as all at once', () => {
		const layout = layoutDocument(document, 100);
		expect(layout.ensureLines(50)).toBeGreaterThanOrEqual(50);
		expect(layout.complete).toBe(false);
		expect(layout.linesSoFar).toBeLessThan(2_000);

		const estimate = layout.estimatedTotal();
		let steps = 0;
		while (!layout.step(1_000)) steps++;
		expect(steps).toBeGreaterThan(5);

		const expected =
			2 +
			document.paragraphs.reduce((sum, paragraph) => sum + wrapText(paragraph, 90).length + 1, 0) -
			1;
		expect(layout.total).toBe(expected);
		expect(Math.abs(estimate - expected) / expected).toBeLessThan(0.1);
	});

	it('lays out only up to an anchor far down', () => {
		const layout = layoutDocument(document, 70);
		const paragraph = Math.floor(document.paragraphs.length / 3);
		const line = layout.lineOf({paragraph, offset: 0});
		expect(layout.complete).toBe(false);
		expect(layout.line(line)).toMatchObject({paragraph, start: 0});
		expect(layout.line(line - 1)!.blank).toBe(true);
	});
});

describe('layoutDocument', () => {
	it('keeps one layout per article and width, for the last KEPT_LAYOUTS articles used', () => {
		const [first, ...others] = seedDocuments();
		const copiesOf = (count: number) =>
			Array.from({length: count}, (_, index) => ({...others[index % others.length]!}));
		const layout = layoutDocument(first!, 80);
		expect(layoutDocument(first!, 80)).toBe(layout);
		expect(layoutDocument(first!, 100)).not.toBe(layout);
		expect(layoutDocument(first!, 80)).toBe(layout);
		for (const copy of copiesOf(KEPT_LAYOUTS - 1)) layoutDocument(copy, 80);
		// Used again, it is the most recent: a ninth article lets the oldest of the others go.
		expect(layoutDocument(first!, 80)).toBe(layout);
		layoutDocument({...others[0]!}, 80);
		expect(layoutDocument(first!, 80)).toBe(layout);
		// Eight others used after it: its layout (and the text it holds) was let go.
		for (const copy of copiesOf(KEPT_LAYOUTS)) layoutDocument(copy, 80);
		expect(layoutDocument(first!, 80)).not.toBe(layout);
	});
});
