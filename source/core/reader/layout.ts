import type {Document, SegmentRole} from '../types.js';
import {wrapSlice} from '../text/wrap.js';
import {cellWidth} from '../text/width.js';
import type {MarkdownSpan} from '../markdown/types.js';
import {markdownBlocks} from './markdown-blocks.js';

import {HEADER, type Anchor} from './anchor.js';

export {HEADER, type Anchor} from './anchor.js';

/** The widest comfortable text column, in cells. */
export const MAX_TEXT_WIDTH = 90;
/** Cells kept free on each side when the terminal is narrower than the column. */
const NARROW_MARGIN = 2;

export const EMPTY_NOTICE = 'this document is empty';

/** One laid-out line: `text.slice(start, end)` of a block, or a blank separator line. */
export interface LayoutLine {
	readonly blank: boolean;
	/** Paragraph index (HEADER for header lines). */
	readonly paragraph: number;
	/** Offsets into the paragraph (header: into the virtual title + '\n' + meta text). */
	readonly start: number;
	readonly end: number;
	readonly text: string;
	readonly role: SegmentRole | undefined;
	/** Drawn before the text, not part of it: a list marker, quote bars, an indent. */
	readonly prefix: string;
	/** Styled ranges of the paragraph (Markdown emphasis, links…), in paragraph offsets. */
	readonly spans: readonly MarkdownSpan[];
}

/** A run of text wrapped as one: a header line, a paragraph, or one line of a code block. */
export interface Block {
	readonly text: string;
	readonly paragraph: number;
	/** Where `text` starts in the paragraph's offsets (non-zero for the header's second line
	 * and a code block's later lines). */
	readonly base: number;
	readonly role: SegmentRole | undefined;
	readonly gapAfter: boolean;
	/** Before the block's first line, and before each later line. */
	readonly prefix?: string;
	readonly continuation?: string;
	readonly spans?: readonly MarkdownSpan[];
}

const NO_SPANS: readonly MarkdownSpan[] = [];

/** Where a text column of `width` cells sits in a terminal `columns` wide. */
export function textColumn(columns: number): {width: number; margin: number} {
	const total = Math.max(1, Math.floor(columns));
	const room = total > 4 * NARROW_MARGIN ? total - 2 * NARROW_MARGIN : total;
	const width = Math.min(MAX_TEXT_WIDTH, room);
	return {width, margin: Math.floor((total - width) / 2)};
}

/** The header's one dim line: dateline and source, when the article has them. */
export function metaLine(document: Document): string {
	return [document.dateline, document.source].filter((part) => part && part.trim()).join(' · ');
}

/**
 * The title the reader shows above the text, and searches with it: the article's headline, or
 * '' when it has none. A title the app made from the opening (for the library's rows) would
 * repeat the first sentence, and count its words twice in a search; an empty article's is a
 * placeholder.
 */
export function shownTitle(document: Document): string {
	return document.titleFromHeadline && document.title.trim() !== '' ? document.title : '';
}

function blocksOf(document: Document, width: number): Block[] {
	const blocks: Block[] = [];
	const hasBody = document.paragraphs.length > 0;
	const header: {text: string; role: SegmentRole}[] = [];
	const title = shownTitle(document);
	if (title !== '') header.push({text: title, role: 'title'});
	const meta = metaLine(document);
	if (meta) header.push({text: meta, role: 'dim'});
	const notice = hasBody ? undefined : {text: EMPTY_NOTICE, role: 'dim' as const};
	let base = 0;
	header.forEach((line, index) => {
		// One blank line after the header, none between its lines.
		const gapAfter = index === header.length - 1;
		blocks.push({...line, paragraph: HEADER, base, gapAfter});
		base += line.text.length + 1;
	});
	if (notice) blocks.push({...notice, paragraph: HEADER, base, gapAfter: false});
	if (document.markdown) {
		blocks.push(...markdownBlocks(document.markdown, width));
		return blocks;
	}
	document.paragraphs.forEach((text, paragraph) => {
		const last = paragraph === document.paragraphs.length - 1;
		blocks.push({text, paragraph, base: 0, role: undefined, gapAfter: !last});
	});
	return blocks;
}

/** Lines wrapped per step while laying out ahead of what is on screen. */
const SLICE_LINES = 512;
const BLANK = -1;

/**
 * An article wrapped to one terminal width. Lines are made on demand, front to back, and kept:
 * opening a 5 MB article only wraps the first screenful, and `layoutStep` finishes the rest in
 * slices (or any call that needs a far line or the total does it at once). Positions are
 * anchors into paragraphs, so the same passage can be found again at another width.
 */
export class ReaderLayout {
	readonly document: Document;
	/** Terminal width this layout was made for. */
	readonly columns: number;
	/** Width of the text column in cells. */
	readonly width: number;
	/** Spaces to put left of every line to centre the column. */
	readonly margin: number;

	private readonly blocks: Block[];
	/** Index of each paragraph's first block; the header's blocks come before paragraph 0's. */
	private readonly paragraphBlock: Int32Array;
	/** First line of every block laid out so far (-1 until it is reached). */
	private readonly blockFirst: Int32Array;
	private lineBlock: Int32Array;
	private lineStart: Int32Array;
	private lineEnd: Int32Array;
	private count = 0;
	private cursorBlock = 0;
	private cursorOffset = 0;
	private charsDone = 0;
	private readonly charsTotal: number;
	/** Characters in blocks [i, end), for the reading time left. */
	private readonly charsAfter: Float64Array;

	/** `textWidth` sets the text column's width exactly, with no margin (for printing). */
	constructor(document: Document, columns: number, textWidth?: number) {
		this.document = document;
		this.columns = Math.max(1, Math.floor(columns));
		const column =
			textWidth === undefined
				? textColumn(this.columns)
				: {width: Math.max(1, Math.floor(textWidth)), margin: 0};
		this.width = column.width;
		this.margin = column.margin;
		this.blocks = blocksOf(document, this.width);
		this.paragraphBlock = new Int32Array(document.paragraphs.length + 1).fill(this.blocks.length);
		for (let index = this.blocks.length - 1; index >= 0; index--) {
			const paragraph = this.blocks[index]!.paragraph;
			if (paragraph >= 0) this.paragraphBlock[paragraph] = index;
		}
		this.blockFirst = new Int32Array(this.blocks.length + 1).fill(-1);
		this.charsTotal = this.blocks.reduce((sum, block) => sum + block.text.length + 1, 0);
		const guess = Math.min(1 << 20, 16 + this.blocks.length * 2);
		this.lineBlock = new Int32Array(guess);
		this.lineStart = new Int32Array(guess);
		this.lineEnd = new Int32Array(guess);
		this.charsAfter = new Float64Array(this.blocks.length + 1);
		for (let i = this.blocks.length - 1; i >= 0; i--) {
			this.charsAfter[i] = this.charsAfter[i + 1]! + this.blocks[i]!.text.length + 1;
		}
	}

	get complete(): boolean {
		return this.cursorBlock >= this.blocks.length;
	}

	/** Lines laid out so far; the total once `complete`. */
	get linesSoFar(): number {
		return this.count;
	}

	/** All lines, laying out the rest first. */
	get total(): number {
		this.extend(Number.POSITIVE_INFINITY, this.blocks.length);
		return this.count;
	}

	/** The total while the layout is incomplete, extrapolated from the characters done. */
	estimatedTotal(): number {
		if (this.complete || this.charsDone === 0) return this.count;
		return Math.max(this.count, Math.round((this.count * this.charsTotal) / this.charsDone));
	}

	/** Finishes the layout now when at most `chars` characters are left: for an article of
	 * ordinary length an exact total costs less than a millisecond. */
	finishIfShort(chars: number): boolean {
		if (!this.complete && this.charsTotal - this.charsDone <= chars) {
			this.extend(Number.POSITIVE_INFINITY, this.blocks.length);
		}
		return this.complete;
	}

	/** Lays out about `lines` more lines; returns whether the layout is complete. */
	step(lines: number): boolean {
		this.extend(this.count + Math.max(1, lines), 0);
		return this.complete;
	}

	/** Makes sure lines [0, n) exist (or all lines, when there are fewer); returns how many exist. */
	ensureLines(n: number): number {
		this.extend(n, 0);
		return this.count;
	}

	line(index: number): LayoutLine | undefined {
		if (index < 0 || index >= this.ensureLines(index + 1)) return undefined;
		const block = this.blocks[this.lineBlock[index]!]!;
		const start = this.lineStart[index]!;
		if (start === BLANK) {
			const offset = block.base + block.text.length + 1;
			return {
				blank: true,
				paragraph: block.paragraph,
				start: offset,
				end: offset,
				text: '',
				role: undefined,
				prefix: '',
				spans: NO_SPANS,
			};
		}
		const end = this.lineEnd[index]!;
		const firstLine = index === 0 || this.lineBlock[index - 1] !== this.lineBlock[index];
		return {
			blank: false,
			paragraph: block.paragraph,
			start: block.base + start,
			end: block.base + end,
			text: block.text.slice(start, end),
			role: block.role,
			prefix: (firstLine ? block.prefix : block.continuation) ?? '',
			spans: block.spans ?? NO_SPANS,
		};
	}

	/** The anchor that keeps line `index` at the top after a re-wrap. */
	anchorOf(index: number): Anchor {
		const line = this.line(Math.max(0, Math.min(index, this.ensureLines(index + 1) - 1)));
		if (!line) return {paragraph: HEADER, offset: 0};
		return {paragraph: line.paragraph, offset: line.start};
	}

	/** The line showing `anchor` (the last line when the anchor is past the end). */
	lineOf(anchor: Anchor): number {
		const headerBlocks = this.blocks.findIndex((block) => block.paragraph !== HEADER);
		const headerCount = headerBlocks === -1 ? this.blocks.length : headerBlocks;
		let blockIndex: number;
		if (anchor.paragraph < 0) {
			blockIndex = 0;
			for (let i = 1; i < headerCount; i++) {
				if (this.blocks[i]!.base <= anchor.offset) blockIndex = i;
			}
			if (headerCount === 0) blockIndex = 0;
		} else {
			blockIndex = this.paragraphBlock[Math.min(anchor.paragraph, this.paragraphBlock.length - 1)]!;
			// A paragraph drawn as several blocks (a code block's lines): the one holding the offset.
			while (
				blockIndex + 1 < this.blocks.length &&
				this.blocks[blockIndex + 1]!.paragraph === anchor.paragraph &&
				this.blocks[blockIndex + 1]!.base <= anchor.offset
			) {
				blockIndex++;
			}
		}
		if (blockIndex >= this.blocks.length) return Math.max(0, this.total - 1);
		this.extend(0, blockIndex + 1);
		const first = this.blockFirst[blockIndex]!;
		const after =
			this.blockFirst[blockIndex + 1]! === -1 ? this.count : this.blockFirst[blockIndex + 1]!;
		const block = this.blocks[blockIndex]!;
		const offset = anchor.offset - block.base;
		if (offset > block.text.length && block.gapAfter) return after - 1;
		// The last text line starting at or before the offset.
		let low = first;
		let high = block.gapAfter ? after - 2 : after - 1;
		while (low < high) {
			const middle = (low + high + 1) >> 1;
			if (this.lineStart[middle]! <= offset) low = middle;
			else high = middle - 1;
		}
		return Math.max(0, low);
	}

	/** Share of the article's characters from line `index` on (a cheap stand-in for words left). */
	fractionAfter(index: number): number {
		const line = this.line(index);
		if (!line || this.charsTotal === 0) return 0;
		const blockIndex = this.lineBlock[index]!;
		const block = this.blocks[blockIndex]!;
		const rest = Math.max(0, block.text.length - (line.start - block.base));
		return (this.charsAfter[blockIndex + 1]! + rest) / this.charsTotal;
	}

	/** Wraps blocks in order until `lines` lines exist and blocks [0, untilBlock) are done. */
	private extend(lines: number, untilBlock: number): void {
		while (
			this.cursorBlock < this.blocks.length &&
			(this.count < lines || this.cursorBlock < untilBlock)
		) {
			const block = this.blocks[this.cursorBlock]!;
			if (this.cursorOffset === 0) this.blockFirst[this.cursorBlock] = this.count;
			const want = Math.max(SLICE_LINES, Math.min(lines - this.count, 1 << 16));
			// An empty block (a blank line inside a code block) is still a line.
			if (block.text === '') this.push(this.cursorBlock, 0, 0);
			const slice = wrapSlice(block.text, this.widthFor(block), this.cursorOffset, want);
			for (const range of slice.lines) this.push(this.cursorBlock, range.start, range.end);
			this.charsDone += slice.next - this.cursorOffset;
			this.cursorOffset = slice.next;
			if (slice.next < block.text.length) continue;
			if (block.gapAfter) this.push(this.cursorBlock, BLANK, BLANK);
			this.charsDone += 1;
			this.cursorBlock++;
			this.cursorOffset = 0;
			if (this.cursorBlock === this.blocks.length) this.blockFirst[this.cursorBlock] = this.count;
		}
	}

	/** The column left for a block's text beside its prefix (at least one cell). */
	private widthFor(block: Block): number {
		if (block.prefix === undefined) return this.width;
		return Math.max(1, this.width - cellWidth(block.prefix));
	}

	private push(block: number, start: number, end: number): void {
		if (this.count === this.lineBlock.length) {
			const grow = (array: Int32Array) => {
				const bigger = new Int32Array(array.length * 2);
				bigger.set(array);
				return bigger;
			};
			this.lineBlock = grow(this.lineBlock);
			this.lineStart = grow(this.lineStart);
			this.lineEnd = grow(this.lineEnd);
		}
		this.lineBlock[this.count] = block;
		this.lineStart[this.count] = start;
		this.lineEnd[this.count] = end;
		this.count++;
	}
}

/** Layouts made so far, per document and width, the most recently used last. A layout holds its
 * article's text, so only the last few articles' are kept. */
const layouts = new Map<Document, Map<number, ReaderLayout>>();
export const KEPT_LAYOUTS = 8;
/** Widths kept per article: a resize drags through many, and only the ones in use are worth it. */
const KEPT_WIDTHS = 4;

/** The layout of `document` for a terminal `columns` wide, made once per width and kept while
 * the article is among the last KEPT_LAYOUTS laid out. */
export function layoutDocument(document: Document, columns: number): ReaderLayout {
	let byWidth = layouts.get(document);
	if (byWidth) layouts.delete(document);
	else byWidth = new Map();
	layouts.set(document, byWidth);
	while (layouts.size > KEPT_LAYOUTS) layouts.delete(layouts.keys().next().value!);
	const key = Math.max(1, Math.floor(columns));
	let layout = byWidth.get(key);
	if (!layout) {
		if (byWidth.size >= KEPT_WIDTHS) byWidth.clear();
		layout = new ReaderLayout(document, key);
		byWidth.set(key, layout);
	}
	return layout;
}
