import {blockLinkAddresses} from '../markdown/links.js';
import type {SegmentRole} from '../types.js';
import type {MarkdownBlock} from '../markdown/types.js';
import {cellWidth, padToWidth, truncateToWidth} from '../text/width.js';
import type {Block} from './layout.js';

const QUOTE_BAR = '│ ';
/** Code and raw HTML sit this far in from the text around them. */
const CODE_INDENT = '  ';

/**
 * A Markdown document's paragraphs as the reader's blocks: headings bold, list items behind
 * their bullet or number with later lines under the text, quotes behind a bar on every line,
 * code and raw HTML verbatim, a line a block (each at its offset in the paragraph, so anchors
 * and search matches still point into `Document.paragraphs`).
 */
export function markdownBlocks(markdown: readonly MarkdownBlock[], width = Infinity): Block[] {
	const blocks: Block[] = [];
	const stacked = stackedTables(markdown, width);
	let labels: readonly string[] = [];
	markdown.forEach((block, paragraph) => {
		const last = paragraph === markdown.length - 1;
		const gapAfter = !last && block.tight !== true;
		const quote = QUOTE_BAR.repeat(block.quote);
		const indent = ' '.repeat(block.indent);
		const spans = block.spans;
		if (block.kind === 'table-row' && block.header === true)
			labels = tableLabels(block, quote + indent, width);
		if (block.kind === 'table-row' && stacked.has(paragraph)) {
			blocks.push(...stackedRow(block, paragraph, quote + indent, labels, !last));
			return;
		}
		switch (block.kind) {
			case 'code':
			case 'html': {
				const role: SegmentRole = block.kind === 'code' ? 'code' : 'dim';
				const prefix = quote + indent + CODE_INDENT;
				let base = 0;
				const lines = block.text.split('\n');
				lines.forEach((line, index) => {
					const lastLine = index === lines.length - 1;
					// Wrapping drops a line's leading spaces; in code they are meaning, so they go
					// into the prefix, and later lines of a long wrapped line keep the indent too.
					const indentCells = line.length - line.trimStart().length;
					const lineIndent = prefix + ' '.repeat(indentCells);
					blocks.push({
						text: line.slice(indentCells),
						paragraph,
						base: base + indentCells,
						role,
						gapAfter: lastLine && gapAfter,
						prefix: lineIndent,
						continuation: lineIndent,
					});
					base += line.length + 1;
				});
				return;
			}
			case 'item': {
				const marker = `${block.marker ?? '•'} `;
				const continuation = quote + indent + ' '.repeat(marker.length);
				const addresses = linkAddresses(block);
				blocks.push({
					text: block.text,
					paragraph,
					base: 0,
					role: undefined,
					gapAfter: gapAfter && addresses === undefined,
					prefix: quote + indent + marker,
					continuation,
					spans,
				});
				if (addresses)
					blocks.push(addressBlock(addresses, block, paragraph, continuation, gapAfter));
				return;
			}
			default: {
				const prefix = quote + indent;
				const addresses = linkAddresses(block);
				blocks.push({
					text: block.text,
					paragraph,
					base: 0,
					role: block.kind === 'heading' ? 'title' : undefined,
					gapAfter: gapAfter && addresses === undefined,
					prefix,
					continuation: prefix,
					spans,
				});
				if (addresses) blocks.push(addressBlock(addresses, block, paragraph, prefix, gapAfter));
			}
		}
	});
	return blocks;
}

/**
 * The rows (by paragraph) of every table wider than `width`: those are drawn a cell a line, each
 * behind its column's name, a blank line between rows, so the cells wrap within the width rather
 * than each row wrapping through the columns of the next line.
 */
function stackedTables(markdown: readonly MarkdownBlock[], width: number): Set<number> {
	const stacked = new Set<number>();
	let table: number[] = [];
	let tooWide = false;
	const end = () => {
		if (tooWide) for (const row of table) stacked.add(row);
		table = [];
		tooWide = false;
	};
	markdown.forEach((block, paragraph) => {
		if (block.kind !== 'table-row' || block.header === true) end();
		if (block.kind !== 'table-row') return;
		table.push(paragraph);
		const lead = QUOTE_BAR.length * block.quote + block.indent;
		if (lead + cellWidth(block.text) > width) tooWide = true;
	});
	end();
	return stacked;
}

/** A stacked table's column names as the prefixes its cells are drawn behind, all as wide:
 * at most a third of the width, cut with an ellipsis beyond it. */
function tableLabels(header: MarkdownBlock, lead: string, width: number): string[] {
	const names = (header.cells ?? []).map(({start, end}) => header.text.slice(start, end));
	const room = Math.max(4, Math.floor((width - cellWidth(lead)) / 3));
	const labelWidth = Math.min(room, Math.max(0, ...names.map(cellWidth)));
	return names.map((name) => padToWidth(truncateToWidth(name, labelWidth), labelWidth) + ' │ ');
}

/** One row of a stacked table: a block a cell, behind its column's name (the header row's
 * cells behind none), each at its offset in the row so anchors and matches still find it. */
function stackedRow(
	block: MarkdownBlock,
	paragraph: number,
	lead: string,
	labels: readonly string[],
	gapAfter: boolean,
): Block[] {
	const cells = block.cells ?? [{start: 0, end: block.text.length}];
	return cells.map(({start, end}, column) => {
		const label = block.header === true ? '' : (labels[column] ?? '');
		return {
			text: block.text.slice(start, end),
			paragraph,
			base: start,
			role: undefined,
			gapAfter: gapAfter && column === cells.length - 1,
			prefix: lead + label,
			continuation: lead + ' '.repeat(cellWidth(label)),
			spans: block.spans,
		};
	});
}

/** The line naming a block's link addresses (see core/markdown/links), if it has any. */
function linkAddresses(block: MarkdownBlock): string | undefined {
	const addresses = blockLinkAddresses(block);
	return addresses.length === 0 ? undefined : `↳ ${addresses.join(' · ')}`;
}

/** A dim line under a block naming its links' addresses: the text keeps the words only, so
 * search, word counts and the diff read the article as a plain copy of it would be. It sits
 * past the paragraph's end in offsets, where no match or word falls. */
function addressBlock(
	text: string,
	block: MarkdownBlock,
	paragraph: number,
	prefix: string,
	gapAfter: boolean,
): Block {
	return {
		text,
		paragraph,
		base: block.text.length + 1,
		role: 'dim',
		gapAfter,
		prefix,
		continuation: prefix,
	};
}
