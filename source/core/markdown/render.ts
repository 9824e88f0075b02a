import {Lexer, type Token, type Tokens} from 'marked';
import {sanitiseLine} from '../text/sanitise.js';
import {cellWidth} from '../text/width.js';
import type {MarkdownBlock, MarkdownSpan, MarkdownSpanStyle, TableCell} from './types.js';

/**
 * Markdown read into blocks of plain text with their looks: what the reader draws, and what
 * search, word counts and the diff read (the text without any Markdown syntax, so a Markdown
 * article and a plain copy of it are versions of each other). marked's lexer does the parsing
 * (CommonMark + GFM tables); this module only walks its tokens.
 *
 * Everything that comes out is sanitised: raw HTML is kept as visible text and entities that
 * decode to control characters become placeholders, so nothing in a document reaches the
 * terminal raw.
 */
export function renderMarkdown(source: string): MarkdownBlock[] {
	const tokens = Lexer.lex(source.replace(/\t/g, '    '), {gfm: true});
	const blocks: MarkdownBlock[] = [];
	renderBlocks(tokens, {indent: 0, quote: 0}, blocks);
	return blocks.filter((block) => block.text.trim() !== '');
}

interface Nesting {
	/** Cells of list indentation. */
	readonly indent: number;
	/** Block-quote depth. */
	readonly quote: number;
}

const BULLETS = ['•', '◦', '▪'];

function renderBlocks(tokens: readonly Token[], nesting: Nesting, out: MarkdownBlock[]): void {
	for (const token of tokens) renderBlock(token, nesting, out);
}

function renderBlock(token: Token, nesting: Nesting, out: MarkdownBlock[]): void {
	const base = {indent: nesting.indent, quote: nesting.quote};
	switch (token.type) {
		case 'heading': {
			const heading = token as Tokens.Heading;
			out.push({kind: 'heading', level: heading.depth, ...base, ...inline(heading.tokens)});
			return;
		}
		case 'paragraph':
		case 'text': {
			const paragraph = token as Tokens.Paragraph | Tokens.Text;
			const rendered = paragraph.tokens ? inline(paragraph.tokens) : plain(paragraph.text);
			out.push({kind: 'paragraph', ...base, ...rendered});
			return;
		}
		case 'blockquote':
			renderBlocks(
				(token as Tokens.Blockquote).tokens,
				{...nesting, quote: nesting.quote + 1},
				out,
			);
			return;
		case 'list': {
			const list = token as Tokens.List;
			const start = typeof list.start === 'number' ? list.start : 1;
			const before = out.length;
			list.items.forEach((item, index) => {
				const marker = list.ordered
					? `${start + index}.`
					: item.task
						? item.checked
							? '☑'
							: '☐'
						: BULLETS[Math.min(nesting.indent / 2, BULLETS.length - 1)]!;
				renderListItem(item, marker, nesting, out, !list.loose);
			});
			// A blank line after the list, unless it is nested in a tight list's item.
			if (nesting.indent === 0 && out.length > before) {
				out[out.length - 1] = {...out[out.length - 1]!, tight: false};
			}
			return;
		}
		case 'code': {
			const code = token as Tokens.Code;
			out.push({
				kind: 'code',
				...base,
				text: code.text.split('\n').map(sanitiseLine).join('\n'),
				spans: [],
			});
			return;
		}
		case 'table':
			out.push(...renderTable(token as Tokens.Table, nesting));
			return;
		case 'html':
			out.push({kind: 'html', ...base, text: sanitiseVerbatim(token.raw.trimEnd()), spans: []});
			return;
		case 'hr':
		case 'checkbox':
		case 'space':
		case 'def':
			return;
		default:
			if ('raw' in token && token.raw.trim() !== '') {
				out.push({kind: 'paragraph', ...base, ...plain(token.raw)});
			}
	}
}

function renderListItem(
	item: Tokens.ListItem,
	marker: string,
	nesting: Nesting,
	out: MarkdownBlock[],
	tight: boolean,
): void {
	const inner: MarkdownBlock[] = [];
	renderBlocks(item.tokens, {...nesting, indent: nesting.indent + 2}, inner);
	const first = inner.findIndex((block) => block.indent === nesting.indent + 2);
	inner.forEach((block, index) => {
		const entry: MarkdownBlock =
			index === first ? {...block, kind: 'item', marker, indent: nesting.indent} : block;
		out.push(tight ? {...entry, tight: true} : entry);
	});
	if (first === -1) {
		out.push({
			kind: 'item',
			marker,
			indent: nesting.indent,
			quote: nesting.quote,
			text: '',
			spans: [],
		});
	}
}

/** A table as one block a row, each row its cells padded to the column's width and joined by
 * a bar, so a row reads as a line in search and the diff and lines up in the reader. */
function renderTable(table: Tokens.Table, nesting: Nesting): MarkdownBlock[] {
	const cell = (tokens: Token[]) => inline(tokens).text;
	const header = table.header.map((column) => cell(column.tokens));
	const rows = table.rows.map((row) => row.map((column) => cell(column.tokens)));
	const all = [header, ...rows];
	const widths = header.map((_, column) =>
		Math.max(...all.map((cells) => cellWidth(cells[column] ?? ''))),
	);
	return all.map((cells, index) => {
		let text = '';
		const ranges: TableCell[] = [];
		widths.forEach((width, column) => {
			if (column > 0) text += ' │ ';
			const content = cells[column] ?? '';
			const padded = alignCell(content, width, table.align[column] ?? 'left');
			const start = text.length + padded.indexOf(content);
			ranges.push({start, end: start + content.length});
			text += padded;
		});
		text = text.trimEnd();
		return {
			kind: 'table-row' as const,
			indent: nesting.indent,
			quote: nesting.quote,
			header: index === 0,
			tight: index < all.length - 1,
			cells: ranges,
			text,
			spans: index === 0 ? [{start: 0, end: text.length, style: 'strong' as const}] : [],
		};
	});
}

function alignCell(text: string, width: number, align: 'left' | 'center' | 'right'): string {
	const room = Math.max(0, width - cellWidth(text));
	if (align === 'right') return ' '.repeat(room) + text;
	if (align === 'center') {
		const left = Math.floor(room / 2);
		return ' '.repeat(left) + text + ' '.repeat(room - left);
	}
	return text + ' '.repeat(room);
}

/** Inline tokens as one line of plain text with styled ranges. */
function inline(tokens: readonly Token[]): {text: string; spans: MarkdownSpan[]} {
	const builder = {text: '', spans: [] as MarkdownSpan[]};
	walkInline(tokens, builder, undefined);
	const collapsed = collapse(builder.text, builder.spans);
	return collapsed;
}

function plain(text: string): {text: string; spans: MarkdownSpan[]} {
	return collapse(decodeEntities(text), []);
}

interface Builder {
	text: string;
	spans: MarkdownSpan[];
}

function append(
	builder: Builder,
	text: string,
	style: MarkdownSpanStyle | undefined,
	href?: string,
) {
	const start = builder.text.length;
	builder.text += text;
	if (style !== undefined && text !== '') {
		builder.spans.push({start, end: builder.text.length, style, ...(href ? {href} : {})});
	}
}

function walkInline(
	tokens: readonly Token[],
	builder: Builder,
	outer: MarkdownSpanStyle | undefined,
) {
	for (const token of tokens) {
		switch (token.type) {
			case 'text':
			case 'escape': {
				const text = token as Tokens.Text;
				if (text.tokens && text.tokens.length > 0) walkInline(text.tokens, builder, outer);
				else append(builder, decodeEntities(text.text), outer);
				break;
			}
			case 'strong':
			case 'em':
			case 'del': {
				const style: MarkdownSpanStyle =
					token.type === 'strong' ? 'strong' : token.type === 'em' ? 'emphasis' : 'deleted';
				const start = builder.text.length;
				walkInline((token as Tokens.Strong).tokens, builder, outer);
				if (builder.text.length > start) {
					builder.spans.push({start, end: builder.text.length, style});
				}
				break;
			}
			case 'codespan':
				append(builder, decodeEntities((token as Tokens.Codespan).text), 'code');
				break;
			case 'link': {
				const link = token as Tokens.Link;
				const start = builder.text.length;
				walkInline(link.tokens, builder, outer);
				if (builder.text.length === start) append(builder, link.href, undefined);
				builder.spans.push({
					start,
					end: builder.text.length,
					style: 'link',
					href: sanitiseLine(link.href),
				});
				break;
			}
			case 'image': {
				const image = token as Tokens.Image;
				append(
					builder,
					image.text === '' ? '[image]' : `[image: ${decodeEntities(image.text)}]`,
					'code',
				);
				break;
			}
			case 'br':
				append(builder, ' ', outer);
				break;
			case 'html':
				append(builder, token.raw, 'html');
				break;
			default:
				append(
					builder,
					'text' in token && typeof token.text === 'string' ? token.text : token.raw,
					outer,
				);
		}
	}
}

/** Whitespace collapsed to single spaces, as every paragraph of a document is, with the spans
 * moved to match; every control character sanitised. */
function collapse(
	text: string,
	spans: readonly MarkdownSpan[],
): {text: string; spans: MarkdownSpan[]} {
	// Where collapsing leaves every offset where it was (the common case), spans stay as they are.
	const map = new Int32Array(text.length + 1);
	const pieces: string[] = [];
	let length = 0;
	let runStart = 0;
	let inSpace = true;
	for (let index = 0; index < text.length; index++) {
		map[index] = length + (index - runStart);
		if (!isSpace(text.charCodeAt(index))) {
			if (inSpace) {
				if (length > 0) {
					pieces.push(' ');
					length++;
					map[index] = length;
				}
				runStart = index;
				inSpace = false;
			}
			continue;
		}
		if (!inSpace) {
			pieces.push(text.slice(runStart, index));
			length += index - runStart;
			inSpace = true;
		}
		map[index] = length;
	}
	if (!inSpace) {
		pieces.push(text.slice(runStart));
		length += text.length - runStart;
	}
	map[text.length] = length;
	const out = pieces.join('');
	const moved = spans
		.map((span) => ({...span, start: map[span.start]!, end: Math.min(map[span.end]!, length)}))
		.filter((span) => span.end > span.start);
	return {text: sanitiseLine(out), spans: moved};
}

/** White space as /\s/ knows it, by code. */
function isSpace(code: number): boolean {
	if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
	if (code < 160) return false;
	return (
		code === 160 ||
		code === 0x1680 ||
		(code >= 0x2000 && code <= 0x200a) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x3000 ||
		code === 0xfeff
	);
}

function sanitiseVerbatim(text: string): string {
	return text.split('\n').map(sanitiseLine).join('\n');
}

const NAMED_ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0',
	mdash: '—',
	ndash: '–',
	hellip: '…',
	lsquo: '‘',
	rsquo: '’',
	ldquo: '“',
	rdquo: '”',
	copy: '©',
};

/** HTML entities as the characters they stand for (marked keeps them as written). */
export function decodeEntities(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, name: string) => {
		if (name.startsWith('#')) {
			const code =
				name[1] === 'x' || name[1] === 'X'
					? parseInt(name.slice(2), 16)
					: parseInt(name.slice(1), 10);
			return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
				? String.fromCodePoint(code)
				: '\ufffd';
		}
		return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
	});
}
