import {describe, expect, it} from 'vitest';
import {parseDocument} from '../../../source/core/corpus/document.js';
import {renderMarkdown} from '../../../source/core/markdown/render.js';
import {layoutDocument} from '../../../source/core/reader/layout.js';
import {visibleLines} from '../../../source/core/reader/visible.js';
import type {StyledLine} from '../../../source/core/types.js';

const SOURCE = [
	'# Notes',
	'See **this** [page](https://example.org/p) now.',
	'- an item long enough to wrap under its own text\n- two',
	'> quoted words that wrap onto a second line here',
	'```\nfirst\n\n    indented\n```',
	'Last.',
].join('\n\n');

function markdownDocument(source: string) {
	return parseDocument({
		id: 'notes.md',
		path: '/tmp/notes.md',
		bytes: source.length,
		text: source,
		encoding: 'utf-8',
		markdown: renderMarkdown,
	});
}

/** A line as a person sees it, with each styled run in <role>…</>. */
const show = (line: StyledLine) =>
	line
		.map((segment) => (segment.role ? `<${segment.role}>${segment.text}</>` : segment.text))
		.join('');

describe('the reader on a Markdown document', () => {
	// 34 columns leave a 30-cell text column (two cells of margin each side).
	const layout = layoutDocument(markdownDocument(SOURCE), 34);

	it('draws bullets, quote bars, code indents and link addresses beside the text', () => {
		expect(visibleLines(layout, 0, 40).map(show)).toEqual([
			'<title>Notes</>',
			'',
			'See <strong>this</> <link>page</> now.',
			'<dim>↳ https://example.org/p</>',
			'',
			'<dim>• </>an item long enough to wrap',
			'<dim>  </>under its own text',
			'<dim>• </>two',
			'',
			'<dim>│ </>quoted words that wrap onto',
			'<dim>│ </>a second line here',
			'',
			'<dim>  </><code>first</>',
			'<dim>  </>',
			'<dim>      </><code>indented</>',
			'',
			'Last.',
		]);
	});

	it('carries a link’s address on its text, for terminals that draw OSC 8 links', () => {
		const line = visibleLines(layout, 2, 1)[0]!;
		expect(line.filter((segment) => segment.href !== undefined)).toEqual([
			{text: 'page', role: 'link', href: 'https://example.org/p'},
		]);
	});

	it('finds a paragraph again by its anchor, a code block line by its offset', () => {
		// Paragraph 4 is the code block: "first  indented" with offsets through its lines.
		expect(layout.lineOf({paragraph: 0, offset: 0})).toBe(2);
		expect(layout.lineOf({paragraph: 1, offset: 20})).toBe(5);
		expect(layout.lineOf({paragraph: 1, offset: 30})).toBe(6);
		expect(layout.lineOf({paragraph: 4, offset: 6})).toBe(13);
		expect(layout.lineOf({paragraph: 4, offset: 0})).toBe(12);
		expect(layout.lineOf({paragraph: 4, offset: 11})).toBe(14);
		expect(layout.lineOf({paragraph: 5, offset: 0})).toBe(16);
		expect(layout.anchorOf(14)).toEqual({paragraph: 4, offset: 11});
	});

	describe('a table', () => {
		const TABLE = [
			'# Table',
			'| Name | Note |\n|---|--:|\n| alpha | a note long enough to need wrapping here |\n| beta | short |',
			'After.',
		].join('\n\n');
		const document = markdownDocument(TABLE);

		it('is laid out in columns where it fits the width', () => {
			expect(visibleLines(layoutDocument(document, 60), 0, 40).map(show)).toEqual([
				'<title>Table</>',
				'',
				'<strong>Name  │                                     Note</>',
				'alpha │ a note long enough to need wrapping here',
				'beta  │                                    short',
				'',
				'After.',
			]);
		});

		it('wider than the width, is drawn a cell a line behind its column’s name, cells wrapped', () => {
			const narrow = layoutDocument(document, 34);
			expect(visibleLines(narrow, 0, 40).map(show)).toEqual([
				'<title>Table</>',
				'',
				'<strong>Name</>',
				'<strong>Note</>',
				'',
				'<dim>Name │ </>alpha',
				'<dim>Note │ </>a note long enough to',
				'<dim>       </>need wrapping here',
				'',
				'<dim>Name │ </>beta',
				'<dim>Note │ </>short',
				'',
				'After.',
			]);
			// A place in a cell is found on its line: "need" is at 30 in the row "alpha │ a note…".
			expect(narrow.lineOf({paragraph: 1, offset: 0})).toBe(5);
			expect(narrow.lineOf({paragraph: 1, offset: 8})).toBe(6);
			expect(narrow.lineOf({paragraph: 1, offset: 30})).toBe(7);
			expect(narrow.anchorOf(7)).toEqual({paragraph: 1, offset: 30});
		});
	});
});
