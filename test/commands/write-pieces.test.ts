import {describe, expect, it} from 'vitest';
import {parseDocument} from '../../source/core/corpus/document.js';
import {renderMarkdown} from '../../source/core/markdown/render.js';
import {showCommand} from '../../source/commands/show.js';
import {writeInPieces} from '../../source/commands/write-pieces.js';

function pieces(texts: Iterable<string>): string[] {
	const written: string[] = [];
	writeInPieces(texts, (text) => written.push(text));
	return written;
}

describe('writeInPieces', () => {
	it('joins texts into pieces of at most 32,000 characters, filled up to the limit', () => {
		const tenThousand = 'x'.repeat(10_000);
		const texts = [tenThousand, tenThousand, tenThousand, 'w'.repeat(2001), 'y'];
		expect(pieces(texts).map((piece) => piece.length)).toEqual([30_000, 2002]);
		expect(pieces(['a'.repeat(31_999), 'b', 'c']).map((piece) => piece.length)).toEqual([
			32_000, 1,
		]);
	});

	it('writes a text longer than a piece whole and alone, and nothing for no texts', () => {
		const long = 'z'.repeat(40_000);
		expect(pieces(['a', long, 'b'])).toEqual(['a', long, 'b']);
		expect(pieces([long])).toEqual([long]);
		expect(pieces([])).toEqual([]);
		expect(pieces([''])).toEqual([]);
	});
});

describe('show of a long article', () => {
	const paragraph = (at: number) => `Paragraph ${at} says one short thing.`;
	const text = Array.from({length: 3000}, (_, at) => paragraph(at + 1)).join('\n\n') + '\n';
	/** What show writes of the article, named `id` (Markdown when it ends in .md). */
	const shown = (id: string) => {
		const document = parseDocument({
			id,
			path: `/tmp/${id}`,
			bytes: text.length,
			text,
			encoding: 'utf-8',
			...(id.endsWith('.md') ? {markdown: renderMarkdown} : {}),
		});
		const written: string[] = [];
		showCommand({document, width: 80, write: (chunk) => written.push(chunk)});
		expect(written.length).toBeLessThan(10);
		expect(Math.max(...written.map((piece) => piece.length))).toBeLessThanOrEqual(32_000);
		return written.join('');
	};

	it('is written in pieces, not a write per paragraph', () => {
		const whole = shown('long.txt');
		// The first paragraph is taken as the headline.
		expect(whole.startsWith('Paragraph 1 says one short thing.\n\nParagraph 2 says')).toBe(true);
		expect(whole.endsWith('\n\nParagraph 3000 says one short thing.\n')).toBe(true);
		expect(whole.split('\n\n')).toHaveLength(3000);
	});

	it('is written in pieces when it is Markdown, laid out line by line', () => {
		const whole = shown('long.md');
		expect(whole.startsWith('Paragraph 1 says one short thing.\n\nParagraph 2 says')).toBe(true);
		expect(whole.endsWith('\n\nParagraph 3000 says one short thing.\n')).toBe(true);
	});
});
