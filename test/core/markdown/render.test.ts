import {describe, expect, it} from 'vitest';
import {renderMarkdown, decodeEntities} from '../../../source/core/markdown/render.js';

describe('renderMarkdown', () => {
	it('reads headings with their level and no hashes', () => {
		const blocks = renderMarkdown('# Top\n\n### Third *level*\n\nSetext\n===\n');
		expect(blocks.map((block) => [block.kind, block.level, block.text])).toEqual([
			['heading', 1, 'Top'],
			['heading', 3, 'Third level'],
			['heading', 1, 'Setext'],
		]);
		expect(blocks[1]!.spans).toEqual([{start: 6, end: 11, style: 'emphasis'}]);
	});

	it('keeps the words of emphasis, code, struck text and links, with their ranges', () => {
		const [block] = renderMarkdown(
			'A **bold** and _soft_ `x < y` ~~gone~~ [site](https://example.org "t") end.',
		);
		expect(block!.text).toBe('A bold and soft x < y gone site end.');
		expect(block!.spans).toEqual([
			{start: 2, end: 6, style: 'strong'},
			{start: 11, end: 15, style: 'emphasis'},
			{start: 16, end: 21, style: 'code'},
			{start: 22, end: 26, style: 'deleted'},
			{start: 27, end: 31, style: 'link', href: 'https://example.org'},
		]);
	});

	it('collapses runs of white space and line breaks, moving the ranges with the text', () => {
		const [block] = renderMarkdown('  One\u00a0\u00a0 *two*\n   three  **four**  \n');
		expect(block!.text).toBe('One two three four');
		expect(block!.spans).toEqual([
			{start: 4, end: 7, style: 'emphasis'},
			{start: 14, end: 18, style: 'strong'},
		]);
	});

	it('numbers ordered lists from their start and bullets nested ones by depth', () => {
		const blocks = renderMarkdown(
			'3. three\n4. four\n\n- top\n  - inner\n    - deepest\n- [x] done\n',
		);
		expect(blocks.map((block) => [block.kind, block.marker, block.indent, block.text])).toEqual([
			['item', '3.', 0, 'three'],
			['item', '4.', 0, 'four'],
			['item', '•', 0, 'top'],
			['item', '◦', 2, 'inner'],
			['item', '▪', 4, 'deepest'],
			['item', '☑', 0, 'done'],
		]);
		// Tight lists run on; the last item of a list is followed by a blank line.
		expect(blocks.map((block) => block.tight === true)).toEqual([
			true,
			false,
			true,
			true,
			true,
			false,
		]);
	});

	it('counts block-quote depth', () => {
		const blocks = renderMarkdown('> outer\n>\n> > inner\n');
		expect(blocks.map((block) => [block.quote, block.text])).toEqual([
			[1, 'outer'],
			[2, 'inner'],
		]);
	});

	it('keeps code verbatim, indentation and blank lines included', () => {
		const [block] = renderMarkdown('```js\nif (a) {\n\n    b();\n}\n```\n');
		expect(block).toMatchObject({kind: 'code', text: 'if (a) {\n\n    b();\n}'});
	});

	it('lays a table out in columns, aligned as asked, the header row bold', () => {
		const blocks = renderMarkdown(
			'| Name | Words |\n|:--|--:|\n| Kadhimi | 537 |\n| Zarif | 60 |\n',
		);
		expect(blocks.map((block) => block.text)).toEqual([
			'Name    │ Words',
			'Kadhimi │   537',
			'Zarif   │    60',
		]);
		expect(blocks[0]!.spans).toEqual([{start: 0, end: 15, style: 'strong'}]);
		expect(blocks.map((block) => block.tight)).toEqual([true, true, false]);
	});

	it('shows raw HTML as text, never as markup', () => {
		const blocks = renderMarkdown('Say <b>hi</b>.\n\n<div>\nblock\n</div>\n');
		expect(blocks.map((block) => [block.kind, block.text])).toEqual([
			['paragraph', 'Say <b>hi</b>.'],
			['html', '<div>\nblock\n</div>'],
		]);
	});

	it('never lets a control character through, raw or as an entity', () => {
		const blocks = renderMarkdown(
			'Red \u001B[31mtext &#27;]0;title&#7; and &#x9b;x\n\n```\n\u001B[2J\n```\n\n[a](javascript:\u0007)\n',
		);
		const everything = blocks.map(
			(block) => block.text + block.spans.map((s) => s.href ?? '').join(''),
		);
		for (const text of everything) expect(text).not.toMatch(/\p{Cc}/u);
		expect(blocks[0]!.text).toBe('Red ␛[31mtext ␛]0;title␇ and \ufffdx');
		expect(blocks[1]!.text).toBe('␛[2J');
	});

	it('decodes named and numeric entities, and leaves unknown ones as written', () => {
		expect(decodeEntities('a &amp; b &lt;&gt; &#233;&#xE9; &bogus; &#xD800;')).toBe(
			'a & b <> éé &bogus; \ufffd',
		);
	});
});
