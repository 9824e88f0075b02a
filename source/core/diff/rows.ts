import type {Segment, SegmentRole, StyledLine} from '../types.js';
import {sanitiseHeading} from '../text/sanitise.js';
import {cellWidth} from '../text/width.js';
import {wrapText} from '../text/wrap.js';
import type {DiffResult} from './types.js';
import {
	GAP_NONE,
	GAP_PARAGRAPH,
	GAP_SPACE,
	KIND_BREAK,
	tokenText,
	type TokenList,
} from './word-tokens.js';

export type DiffRowMode = 'side-by-side' | 'inline';

export interface DiffRowOptions {
	readonly mode: DiffRowMode;
	/** Width of the whole diff area in terminal cells. */
	readonly width: number;
	/** Show paragraph breaks added or removed as '¶' (needs a result computed with layout). */
	readonly layout: boolean;
	/** Wrap deletions in [-…-] and insertions in {+…+}, for screens without colour. The brackets
	 * are part of the text, so they are counted when lines are wrapped. */
	readonly brackets: boolean;
}

interface ChangeSpan {
	/** Lowest and highest change index drawn on the row, so n/N can find every change. */
	readonly change?: number;
	readonly lastChange?: number;
}

export interface SideBySideRow extends ChangeSpan {
	/** Padded to exactly the left column's width (see sideBySideColumns). */
	readonly left: StyledLine;
	/** Padded to exactly the right column's width. */
	readonly right: StyledLine;
	/** Lowest and highest change drawn on each side of the row, when any. */
	readonly leftChanges?: readonly [number, number];
	readonly rightChanges?: readonly [number, number];
}

export interface InlineRow extends ChangeSpan {
	readonly line: StyledLine;
}

export type DiffRow = SideBySideRow | InlineRow;

/** A place in a diff's texts that survives a change of mode or width (see passageAt). */
export interface Passage {
	readonly block: number;
	/** How far through the block's rows, 0 to 1. */
	readonly within: number;
}

/** Cells between the two columns of a side-by-side diff; the screen draws a rule there. */
export const GUTTER = 3;

/** Both columns of a side-by-side diff are as wide, so the two sides wrap alike; an odd cell
 * left over stays blank at the right edge. */
export function sideBySideColumns(width: number): {left: number; right: number} {
	const column = Math.max(1, Math.floor((Math.floor(width) - GUTTER) / 2));
	return {left: column, right: column};
}

/** Index of the first row drawing change `index`, or -1. */
export function rowOfChange(rows: readonly DiffRow[], index: number): number {
	return rows.findIndex(
		(row) => row.change !== undefined && row.change <= index && index <= row.lastChange!,
	);
}

const NO_EDIT = 0;
const DELETED = 1;
const INSERTED = 2;
const FROM_A = 0;
const FROM_B = 1;
const ROLES: readonly (SegmentRole | undefined)[] = [undefined, 'deleted', 'inserted'];

/**
 * The pieces one column draws for one block, as parallel arrays: laying out a 5 MB diff walks
 * a million tokens, and an object per token was most of what the old layout cost.
 */
class Lane {
	length = 0;
	tokens = new Int32Array(256);
	sources = new Uint8Array(256);
	edits = new Uint8Array(256);
	changes = new Int32Array(256);
	/** Whether a space separates the piece from the one before it. */
	spaces = new Uint8Array(256);
	/** Whether the piece opens a paragraph (ignored for the lane's first piece). */
	opens = new Uint8Array(256);
	/** Cells without brackets, or NOT_PLAIN (see DiffLayout.widthOf). */
	widths = new Int32Array(256);
	/** Which stretch of the block the piece belongs to: each equal run and each change is one,
	 * numbered alike on both sides, so side by side they can start on the same row. */
	units = new Int32Array(256);
	/** The unit of pieces pushed next. */
	unit = 0;

	push(
		token: number,
		source: number,
		edit: number,
		change: number,
		gap: number,
		width: number,
	): void {
		if (this.length === this.tokens.length) this.grow();
		const k = this.length++;
		this.units[k] = this.unit;
		this.tokens[k] = token;
		this.sources[k] = source;
		this.edits[k] = edit;
		this.changes[k] = change;
		this.spaces[k] = gap === GAP_NONE ? 0 : 1;
		this.opens[k] = gap === GAP_PARAGRAPH ? 1 : 0;
		this.widths[k] = width;
	}

	private grow(): void {
		const size = this.tokens.length * 2;
		const widen = <T extends Int32Array | Uint8Array>(from: T): T => {
			const to = new (from.constructor as new (length: number) => T)(size);
			to.set(from);
			return to;
		};
		this.tokens = widen(this.tokens);
		this.sources = widen(this.sources);
		this.edits = widen(this.edits);
		this.changes = widen(this.changes);
		this.spaces = widen(this.spaces);
		this.opens = widen(this.opens);
		this.widths = widen(this.widths);
		this.units = widen(this.units);
	}
}

/** What a lane's piece looks like when drawn. */
interface Piece {
	readonly text: string;
	readonly role: SegmentRole | undefined;
	readonly edit: number;
	readonly space: boolean;
	readonly change: number;
}

interface DrawnLine {
	readonly line: StyledLine;
	readonly first: number;
	readonly last: number;
}

/** Words that pin a place in a text, rows looked at around a row's estimate, and tokens around
 * a token's (tokenAt, rowOfToken). */
const PLACE_WORDS = 3;
const PLACE_ROWS = 40;
const PLACE_TOKENS = 2_000;

/** The first `count` words of `tokens` from `from`, as a row shows them: tokens joined where no
 * space parts them, paragraph breaks skipped. */
function spellWords(tokens: TokenList, from: number, count: number): string[] {
	const words: string[] = [];
	let word = '';
	for (let index = from; index < tokens.length && words.length < count; index++) {
		if (tokens.kinds[index] === KIND_BREAK) {
			if (word !== '') words.push(word);
			word = '';
			continue;
		}
		if (index > from && tokens.gaps[index] !== GAP_NONE && word !== '') {
			words.push(word);
			word = '';
			if (words.length === count) break;
		}
		word += shownText(tokens, index);
	}
	if (word !== '' && words.length < count) words.push(word);
	return words;
}

/**
 * A token as the rows show it: the bidirectional controls that reach past themselves (an RLO,
 * an embedding, an isolate) as U+FFFD, as titles show them (sanitiseHeading). Printed, one
 * reverses the rest of its row in a terminal that lays out bidirectional text, side by side the
 * other version's column too; and an inserted one alone would be a change that shows nothing.
 */
function shownText(tokens: TokenList, index: number): string {
	return sanitiseHeading(tokenText(tokens, index));
}

/** A row's text without the brackets NO_COLOR draws around deleted and inserted runs. */
function stripBrackets(text: string): string {
	return text.replace(/\[-|-\]|\{\+|\+\}/g, '');
}

const OPEN = ['', '[-', '{+'];
const CLOSE = ['', '-]', '+}'];
/** Blocks whose rows are kept once drawn; the screen shows a few at a time. */
const DRAWN_BLOCKS_KEPT = 512;
/** Marks a token width not known yet, and a token whose width is not its length. */
const UNKNOWN = -1;
const NOT_PLAIN = -2;
/**
 * Characters one cell wide that never join a neighbour into one grapheme (no marks, joiners,
 * variation selectors, soft hyphen or surrogates): a word made of them is as wide as it is
 * long, whichever tokens it is cut from, and wrapText cuts it a character at a time, so lines
 * can be counted from token lengths alone. Prose quotes and dashes (U+2010–2027) are in.
 */
const ONE_CELL_EACH = /^[\x20-\x7e\xa1-\xac\xae-\u02ff\u2010-\u2027]*$/;

/**
 * A diff laid out in rows for one (width, mode, layout, brackets), lazily. The diff is cut into
 * blocks where both texts start a paragraph (so paragraph faces paragraph side by side). Blocks
 * are measured in order, only counting lines (fast: no strings for plain text), and drawn only
 * when a screen asks for their rows; until every block is measured, `rowCount` is an estimate.
 * `diffRows` draws everything, for small diffs and for tests.
 */
export class DiffLayout {
	readonly mode: DiffRowMode;
	readonly width: number;
	readonly brackets: boolean;
	readonly blockCount: number;
	private readonly showLayout: boolean;
	private readonly columns: {left: number; right: number};
	/** Block k starts at token `blockOffsets[k]` of part `blockParts[k]`. */
	private readonly blockParts: Int32Array;
	private readonly blockOffsets: Int32Array;
	/** Tokens (of A and B) before each block, to estimate the rows of what is not measured. */
	private readonly blockTokens: Float64Array;
	/** First row of each measured block (its separating blank row included); [measured] is the
	 * row after the last measured block. */
	private readonly blockRows: Int32Array;
	private readonly changeBlocks: Int32Array;
	/** First row of each change in a measured block, -1 when it draws nothing. */
	private readonly changeRows: Int32Array;
	/** Last row of each change in a measured block, -1 when it draws nothing. */
	private readonly changeLastRows: Int32Array;
	private measuredBlocks = 0;
	private readonly widths: Int32Array;
	private readonly left = new Lane();
	private readonly right = new Lane();
	private readonly drawn = new Map<number, DiffRow[]>();

	constructor(
		private readonly result: DiffResult,
		options: DiffRowOptions,
	) {
		this.mode = options.mode;
		this.width = Math.max(1, Math.floor(options.width));
		this.brackets = options.brackets;
		this.showLayout = options.layout && result.layout;
		this.columns = sideBySideColumns(options.width);
		const {parts, a, b} = result;
		const blockParts: number[] = [0];
		const blockOffsets: number[] = [0];
		const changeBlocks = new Int32Array(result.changes.length);
		let previousChange = -1;
		for (let p = 0; p < parts.length; p++) {
			const part = parts[p]!;
			if (part.type === 'equal') {
				for (let t = 0; t < part.endA - part.startA; t++) {
					if (
						(p > 0 || t > 0) &&
						startsParagraph(a, part.startA + t) &&
						startsParagraph(b, part.startB + t)
					) {
						blockParts.push(p);
						blockOffsets.push(t);
					}
				}
				continue;
			}
			const change = part.change!;
			if (
				change !== previousChange &&
				p > 0 &&
				startsParagraph(a, part.startA) &&
				startsParagraph(b, part.startB)
			) {
				blockParts.push(p);
				blockOffsets.push(0);
			}
			if (change !== previousChange) changeBlocks[change] = blockParts.length - 1;
			previousChange = change;
			// A paragraph diff (the fallback) is a few changes of whole texts: a block per
			// paragraph of them, so that a 10 MB one is laid out a screen at a time like any other
			// (its deleted paragraphs then face blank rows, and its inserted ones after them).
			if (result.fallback) {
				const deleted = part.type === 'delete';
				const tokens = deleted ? a : b;
				const start = deleted ? part.startA : part.startB;
				const end = deleted ? part.endA : part.endB;
				for (let k = start + 1; k < end; k++) {
					if (startsParagraph(tokens, k)) {
						blockParts.push(p);
						blockOffsets.push(k - start);
					}
				}
			}
		}
		this.blockCount = blockParts.length;
		this.blockParts = Int32Array.from(blockParts);
		this.blockOffsets = Int32Array.from(blockOffsets);
		this.blockTokens = new Float64Array(this.blockCount + 1);
		for (let k = 0; k < this.blockCount; k++) {
			const part = parts[this.blockParts[k]!];
			const offset = this.blockOffsets[k]!;
			this.blockTokens[k] = part === undefined ? 0 : part.startA + part.startB + 2 * offset;
		}
		this.blockTokens[this.blockCount] = a.length + b.length;
		this.blockRows = new Int32Array(this.blockCount + 1);
		this.changeBlocks = changeBlocks;
		this.changeRows = new Int32Array(result.changes.length).fill(-1);
		this.changeLastRows = new Int32Array(result.changes.length).fill(-1);
		this.widths = new Int32Array(Math.max(1, maxId(a, b) + 1)).fill(UNKNOWN);
	}

	/** Blocks measured so far, from the first. */
	get measuredBlockCount(): number {
		return this.measuredBlocks;
	}

	/** Rows of the blocks measured so far (exact). */
	get measuredRows(): number {
		return this.blockRows[this.measuredBlocks]!;
	}

	/** The block change `index` starts in. */
	changeBlock(index: number): number {
		return this.changeBlocks[index]!;
	}

	/** Measures up to `count` more blocks. */
	measureBlocks(count: number): void {
		for (let k = 0; k < count && !this.complete; k++) this.measureNext();
	}

	/** Whether every block is measured, so that `rowCount` is exact. */
	get complete(): boolean {
		return this.measuredBlocks === this.blockCount;
	}

	/** Rows of the whole diff: exact once `complete`, else measured rows plus an estimate. */
	get rowCount(): number {
		const measured = this.blockRows[this.measuredBlocks]!;
		if (this.complete) return measured;
		const done = this.blockTokens[this.measuredBlocks]!;
		const rest = this.blockTokens[this.blockCount]! - done;
		// Until something is measured, guess six cells a token: side by side, A and B share rows;
		// inline, B's tokens (most of the stream) fill the whole width.
		const perToken = done > 0 ? measured / done : (this.mode === 'inline' ? 3 : 6) / this.width;
		return measured + Math.ceil(rest * perToken);
	}

	/** Measures blocks until block `block` is measured. */
	measureThrough(block: number): void {
		const last = Math.min(block, this.blockCount - 1);
		while (this.measuredBlocks <= last) this.measureNext();
	}

	/** Measures blocks until one holds row `row` (or none is left). */
	measureToRow(row: number): void {
		while (!this.complete && this.blockRows[this.measuredBlocks]! <= row) this.measureNext();
	}

	/** Measures for about `milliseconds`; returns whether the layout is complete. */
	measureFor(milliseconds: number): boolean {
		const deadline = performance.now() + milliseconds;
		while (!this.complete) {
			for (let k = 0; k < 64 && !this.complete; k++) this.measureNext();
			if (performance.now() >= deadline) break;
		}
		return this.complete;
	}

	measureAll(): void {
		while (!this.complete) this.measureNext();
	}

	/** First row drawing change `index` (measuring up to it), or -1 when it draws nothing. */
	rowOfChange(index: number): number {
		if (index < 0 || index >= this.changeRows.length) return -1;
		this.measureThrough(this.changeBlocks[index]!);
		return this.changeRows[index]!;
	}

	/** Last row drawing change `index` (measuring up to it), or -1 when it draws nothing. */
	lastRowOfChange(index: number): number {
		if (index < 0 || index >= this.changeRows.length) return -1;
		this.measureThrough(this.changeBlocks[index]!);
		return this.changeLastRows[index]!;
	}

	/** Rows [first, end) of block `block` (measuring up to it), its separating blank row
	 * included. */
	blockRowRange(block: number): {readonly first: number; readonly end: number} {
		this.measureThrough(block);
		return {first: this.blockRows[block]!, end: this.blockRows[block + 1]!};
	}

	/** The block that row `row` is in (measuring up to it). */
	blockOfRow(row: number): number {
		this.measureToRow(row);
		return this.measuredBlocks === 0 ? 0 : this.blockAt(Math.max(0, row));
	}

	/**
	 * Where row `row` is in the texts, whatever the mode and width: the block it is in (blocks
	 * are cut alike in every layout of a diff) and how far through the block's rows. `s` keeps
	 * the passage on screen by giving the new layout's rowOfPassage the old one's passageAt.
	 */
	passageAt(row: number): Passage {
		this.measureToRow(row);
		if (this.measuredBlocks === 0) return {block: 0, within: 0};
		const block = this.blockAt(Math.max(0, row));
		const first = this.blockRows[block]!;
		const size = this.blockRows[block + 1]! - first;
		return {block, within: size <= 0 ? 0 : Math.min(1, Math.max(0, (row - first) / size))};
	}

	/**
	 * The passage holding token `token` of A or of B: its block, and how far through the
	 * block's tokens on that side (an estimate of how far through its rows, good to a row or
	 * so in prose), for search matches.
	 */
	passageOfToken(side: 'a' | 'b', token: number): Passage {
		const starts = this.blockStarts(side);
		let low = 0;
		let high = this.blockCount - 1;
		while (low < high) {
			const middle = (low + high + 1) >> 1;
			if (starts[middle]! <= token) low = middle;
			else high = middle - 1;
		}
		const size = starts[low + 1]! - starts[low]!;
		return {block: low, within: size <= 0 ? 0 : Math.min(1, (token - starts[low]!) / size)};
	}

	/**
	 * The token of A or of B that row `row` starts with on that side: estimated from the share
	 * of its block's rows it is through (filler rows make that rough in a long block), then put
	 * where the row's first words stand near the estimate. A version's tokens are the same in
	 * every diff it is in, so a story's `]` and `[` keep the place in the version two pairs
	 * share (rowOfToken finds it in the next).
	 */
	tokenAt(side: 'a' | 'b', row: number): number {
		const {block, within} = this.passageAt(row);
		const starts = this.blockStarts(side);
		const first = starts[block] ?? 0;
		const size = (starts[block + 1] ?? first) - first;
		const estimate = first + Math.floor(within * size);
		const words = this.sideWords(side, row, row + 1).slice(0, PLACE_WORDS);
		return this.nearestTokenOf(side, words, estimate) ?? estimate;
	}

	/** The row whose `side` starts token `token`, or holds it: passageOfToken's estimate, put
	 * where the token's words are drawn near it. */
	rowOfToken(side: 'a' | 'b', token: number): number {
		const estimate = this.rowOfPassage(this.passageOfToken(side, token));
		const tokens = side === 'a' ? this.result.a : this.result.b;
		const wanted = spellWords(tokens, token, PLACE_WORDS).join(' ');
		if (wanted === '') return estimate;
		for (let distance = 0; distance <= PLACE_ROWS; distance++) {
			for (const row of distance === 0 ? [estimate] : [estimate - distance, estimate + distance]) {
				if (row < 0) continue;
				// The words start on this row and may run on to the next.
				const here = this.sideWords(side, row, row + 1).join(' ');
				const at = `${here} ${this.sideWords(side, row + 1, row + 2).join(' ')}`.indexOf(wanted);
				if (at !== -1 && at < here.length) return row;
			}
		}
		return estimate;
	}

	/** The words `side` draws on rows [start, end), brackets and the other side's words left out. */
	private sideWords(side: 'a' | 'b', start: number, end: number): string[] {
		const other: SegmentRole = side === 'a' ? 'inserted' : 'deleted';
		const words: string[] = [];
		for (const row of this.rows(Math.max(0, start), end)) {
			const line = 'line' in row ? row.line : side === 'a' ? row.left : row.right;
			const text = line
				.filter((segment) => segment.role !== other)
				.map((segment) => segment.text)
				.join('');
			for (const word of stripBrackets(text).split(/\s+/)) if (word !== '') words.push(word);
		}
		return words;
	}

	/** The token nearest `estimate` from which `side`'s text reads `words`, if any is near. */
	private nearestTokenOf(side: 'a' | 'b', words: readonly string[], estimate: number) {
		if (words.length === 0) return undefined;
		const tokens = side === 'a' ? this.result.a : this.result.b;
		const wanted = words.join(' ');
		for (let distance = 0; distance <= PLACE_TOKENS; distance++) {
			for (const token of distance === 0
				? [estimate]
				: [estimate - distance, estimate + distance]) {
				if (token < 0 || token >= tokens.length) continue;
				if (tokens.kinds[token] === KIND_BREAK) continue;
				if (spellWords(tokens, token, words.length).join(' ') === wanted) return token;
			}
		}
		return undefined;
	}

	private blockStartsA: Int32Array | undefined;
	private blockStartsB: Int32Array | undefined;

	/** First token of each block on one side ([blockCount] is the side's length), made once. */
	private blockStarts(side: 'a' | 'b'): Int32Array {
		const made = side === 'a' ? this.blockStartsA : this.blockStartsB;
		if (made) return made;
		const starts = new Int32Array(this.blockCount + 1);
		const {parts} = this.result;
		for (let k = 0; k < this.blockCount; k++) {
			const part = parts[this.blockParts[k]!];
			if (part === undefined) continue;
			const offset = this.blockOffsets[k]!;
			if (side === 'a') starts[k] = part.startA + (part.type === 'insert' ? 0 : offset);
			else starts[k] = part.startB + (part.type === 'delete' ? 0 : offset);
		}
		starts[this.blockCount] = side === 'a' ? this.result.a.length : this.result.b.length;
		if (side === 'a') this.blockStartsA = starts;
		else this.blockStartsB = starts;
		return starts;
	}

	/** The row of a passage (from passageAt of any layout of the same diff). */
	rowOfPassage(passage: Passage): number {
		if (this.blockCount === 0) return 0;
		const block = Math.min(passage.block, this.blockCount - 1);
		this.measureThrough(block);
		const first = this.blockRows[block]!;
		const size = this.blockRows[block + 1]! - first;
		return first + Math.min(Math.max(0, size - 1), Math.floor(passage.within * size));
	}

	/** Rows [start, end), drawing only the blocks they fall in. */
	rows(start: number, end: number): DiffRow[] {
		this.measureToRow(end - 1);
		const total = this.blockRows[this.measuredBlocks]!;
		const out: DiffRow[] = [];
		if (start >= Math.min(end, total)) return out;
		let block = this.blockAt(Math.max(0, start));
		while (block < this.measuredBlocks && this.blockRows[block]! < end) {
			const first = this.blockRows[block]!;
			const rows = this.blockRowsDrawn(block);
			for (let r = Math.max(0, start - first); r < rows.length && first + r < end; r++) {
				out.push(rows[r]!);
			}
			block++;
		}
		return out;
	}

	/** Every row, block by block (for printing: only one block's rows are alive at a time). */
	*allRows(): Generator<DiffRow> {
		for (let block = 0; block < this.blockCount; block++) {
			this.measureThrough(block);
			yield* this.drawBlock(block);
		}
	}

	private blockAt(row: number): number {
		let low = 0;
		let high = this.measuredBlocks - 1;
		while (low < high) {
			const middle = (low + high + 1) >> 1;
			if (this.blockRows[middle]! <= row) low = middle;
			else high = middle - 1;
		}
		return low;
	}

	private blockRowsDrawn(block: number): DiffRow[] {
		let rows = this.drawn.get(block);
		if (rows === undefined) {
			if (this.drawn.size >= DRAWN_BLOCKS_KEPT) this.drawn.clear();
			rows = this.drawBlock(block);
			this.drawn.set(block, rows);
		}
		return rows;
	}

	/** Counts the next block's rows and notes the first row of each change in it. */
	private measureNext(): void {
		const block = this.measuredBlocks;
		this.fill(block);
		const before = this.blockRows[block]!;
		const base = before > 0 ? before + 1 : 0;
		let lines: number;
		if (this.mode === 'inline') {
			lines = this.countLane(this.left, this.width, base);
		} else if (this.lanesAlike()) {
			// Both sides draw the same text alike (most blocks of a near-identical pair): they wrap
			// the same, no row needs aligning, and the lengths say how many rows, as inline.
			lines = this.countLane(this.left, this.columns.left, base);
		} else {
			// Side by side, rows are aligned at every change (alignedRows), which takes drawing.
			const rows = this.alignedRows();
			lines = rows.length;
			rows.forEach((row, index) => {
				for (const span of [row.leftChanges, row.rightChanges]) {
					if (span === undefined) continue;
					for (let change = span[0]; change <= span[1]; change++) {
						this.noteRow(change, base + index);
					}
				}
			});
		}
		this.blockRows[block + 1] = lines === 0 ? before : base + lines;
		this.measuredBlocks++;
	}

	/** Fills the lanes with block `block`'s pieces: A left and B right, or one inline stream. */
	private fill(block: number): void {
		const {parts, a, b} = this.result;
		const inline = this.mode === 'inline';
		const left = this.left;
		const right = inline ? this.left : this.right;
		const show = this.showLayout;
		left.length = 0;
		right.length = 0;
		let unit = 0;
		let lastChange = -1;
		const endPart = block + 1 < this.blockCount ? this.blockParts[block + 1]! : parts.length;
		const endOffset = block + 1 < this.blockCount ? this.blockOffsets[block + 1]! : 0;
		for (let p = this.blockParts[block]!; p <= endPart && p < parts.length; p++) {
			const part = parts[p]!;
			const from = p === this.blockParts[block] ? this.blockOffsets[block]! : 0;
			if (part.type === 'equal' || part.change !== lastChange) {
				left.unit = ++unit;
				right.unit = unit;
				lastChange = part.type === 'equal' ? -1 : part.change!;
			}
			if (part.type === 'equal') {
				const to = p === endPart ? endOffset : part.endA - part.startA;
				for (let t = from; t < to; t++) {
					const i = part.startA + t;
					const j = part.startB + t;
					if (inline) {
						if (b.kinds[j] === KIND_BREAK) continue;
						// Right after a change, the break or space before this token is the one in
						// whichever text had more: a paragraph that ends in a deletion (A) or in an
						// insertion (B) still ends.
						const afterChange = t === 0 && p > 0 && parts[p - 1]!.type !== 'equal';
						const gap = afterChange ? Math.max(a.gaps[i]!, b.gaps[j]!) : b.gaps[j]!;
						left.push(j, FROM_B, NO_EDIT, -1, gap, this.widthOf(b, j));
					} else {
						if (a.kinds[i] !== KIND_BREAK) {
							left.push(i, FROM_A, NO_EDIT, -1, a.gaps[i]!, this.widthOf(a, i));
						}
						if (b.kinds[j] !== KIND_BREAK) {
							right.push(j, FROM_B, NO_EDIT, -1, b.gaps[j]!, this.widthOf(b, j));
						}
					}
				}
				continue;
			}
			if (p === endPart && endOffset === 0) break;
			const change = part.change!;
			const deleted = part.type === 'delete';
			const lane = deleted ? left : right;
			const tokens = deleted ? a : b;
			const source = deleted ? FROM_A : FROM_B;
			const edit = deleted ? DELETED : INSERTED;
			// Blocks start inside a change only in a paragraph diff (see the constructor).
			const partStart = deleted ? part.startA : part.startB;
			const start = partStart + from;
			const end = p === endPart ? partStart + endOffset : deleted ? part.endA : part.endB;
			// Inline, insertions right after deletions are set apart by a space even where the
			// text has none ("Of close", not "Ofclose"), so the two runs read as two without colour.
			const apart = inline && !deleted && parts[p - 1]?.type === 'delete';
			for (let k = start; k < end; k++) {
				if (tokens.kinds[k] === KIND_BREAK) {
					// A break changed: a '¶' in the paragraph it leaves, when layout is shown.
					if (show) lane.push(k, source, edit, change, GAP_SPACE, NOT_PLAIN);
				} else {
					const gap = k === start && apart ? Math.max(GAP_SPACE, tokens.gaps[k]!) : tokens.gaps[k]!;
					lane.push(k, source, edit, change, gap, this.widthOf(tokens, k));
				}
			}
		}
	}

	private tokensOf(source: number): TokenList {
		return source === FROM_A ? this.result.a : this.result.b;
	}

	/** Cells of a (non-break) token, or NOT_PLAIN unless it is ONE_CELL_EACH; once per word. */
	private widthOf(tokens: TokenList, index: number): number {
		const id = tokens.ids[index]!;
		let width = this.widths[id]!;
		if (width === UNKNOWN) {
			const text = shownText(tokens, index);
			width = ONE_CELL_EACH.test(text) ? text.length : NOT_PLAIN;
			this.widths[id] = width;
		}
		return width;
	}

	/** Lines a lane takes at `width` (blank lines between its paragraphs included); notes the
	 * first row of each change, counting rows from `base`. */
	private countLane(lane: Lane, width: number, base: number): number {
		let lines = 0;
		let start = 0;
		for (let k = 1; k <= lane.length; k++) {
			if (k < lane.length && lane.opens[k] === 0) continue;
			if (lines > 0) lines++;
			lines += this.countParagraph(lane, start, k, width, base + lines);
			start = k;
		}
		return lines;
	}

	/**
	 * Lines of pieces [from, to) wrapped like wrapText wraps the string wrapParagraph builds: the
	 * same greedy rule over the same words, done on lengths for ONE_CELL_EACH text; anything else
	 * builds the string and asks wrapText, so the count always matches what is drawn.
	 */
	private countParagraph(
		lane: Lane,
		from: number,
		to: number,
		width: number,
		base: number,
	): number {
		const {edits, spaces, widths} = lane;
		const brackets = this.brackets;
		let line = 0;
		let used = -1;
		let wordStart = from;
		let wordWidth = 0;
		let wordChanged = false;
		for (let k = from; k <= to; k++) {
			if (k === to || (k > from && spaces[k] === 1)) {
				// Place the word [wordStart, k) as wrapText would.
				let cut = false;
				if (used !== -1 && used + 1 + wordWidth <= width) {
					used += 1 + wordWidth;
				} else {
					if (used !== -1) line++;
					if (wordWidth <= width) {
						used = wordWidth;
					} else {
						// Cut into whole lines; the rest starts the next line's text.
						if (wordChanged) this.noteCutWord(lane, wordStart, k, from, to, width, base + line);
						cut = true;
						const cuts = Math.ceil(wordWidth / width) - 1;
						line += cuts;
						used = wordWidth - cuts * width;
					}
				}
				if (wordChanged && !cut) this.noteWord(lane, wordStart, k, base + line);
				if (k === to) break;
				wordStart = k;
				wordWidth = 0;
				wordChanged = false;
			}
			const pieceWidth = widths[k]!;
			if (pieceWidth === NOT_PLAIN) return this.countByWrapping(lane, from, to, width, base);
			wordWidth += pieceWidth;
			if (edits[k] !== NO_EDIT) {
				wordChanged = true;
				if (brackets) wordWidth += this.bracketWidth(lane, k, from, to);
			}
		}
		return line + 1;
	}

	private noteRow(change: number, row: number): void {
		if (change < 0) return;
		const rows = this.changeRows;
		if (rows[change] === -1 || rows[change]! > row) rows[change] = row;
		const last = this.changeLastRows;
		if (last[change]! < row) last[change] = row;
	}

	/** Whether the filled lanes hold no change and the same pieces, measured alike. */
	private lanesAlike(): boolean {
		const {left, right} = this;
		if (left.length !== right.length) return false;
		for (let k = 0; k < left.length; k++) {
			if (
				left.edits[k] !== NO_EDIT ||
				right.edits[k] !== NO_EDIT ||
				left.widths[k] !== right.widths[k] ||
				left.spaces[k] !== right.spaces[k] ||
				left.opens[k] !== right.opens[k] ||
				left.units[k] !== right.units[k]
			)
				return false;
		}
		return true;
	}

	private noteWord(lane: Lane, from: number, to: number, row: number): void {
		for (let k = from; k < to; k++) this.noteRow(lane.changes[k]!, row);
	}

	/** A word cut into lines of `width` cells: each piece is on the line its first cell is. */
	private noteCutWord(
		lane: Lane,
		wordStart: number,
		wordEnd: number,
		from: number,
		to: number,
		width: number,
		row: number,
	): void {
		let offset = 0;
		for (let k = wordStart; k < wordEnd; k++) {
			this.noteRow(lane.changes[k]!, row + Math.floor(offset / width));
			offset += lane.widths[k]! + this.bracketWidth(lane, k, from, to);
		}
	}

	private bracketWidth(lane: Lane, k: number, from: number, to: number): number {
		if (!this.brackets) return 0;
		const edit = lane.edits[k]!;
		if (edit === NO_EDIT) return 0;
		let extra = 0;
		if (k === from || lane.edits[k - 1] !== edit) extra += 2;
		if (k === to - 1 || lane.edits[k + 1] !== edit) extra += 2;
		return extra;
	}

	private countByWrapping(lane: Lane, from: number, to: number, width: number, base: number) {
		const pieces = this.pieces(lane, from, to);
		const {text, starts} = paragraphText(pieces, this.brackets);
		const ranges = wrapText(text, width);
		let line = 0;
		for (let k = 0; k < pieces.length; k++) {
			while (line < ranges.length - 1 && ranges[line]!.end <= starts[k]!) line++;
			this.noteRow(pieces[k]!.change, base + line);
		}
		return ranges.length;
	}

	private pieces(lane: Lane, from: number, to: number): Piece[] {
		const pieces: Piece[] = [];
		for (let k = from; k < to; k++) {
			const tokens = this.tokensOf(lane.sources[k]!);
			const index = lane.tokens[k]!;
			const edit = lane.edits[k]!;
			pieces.push({
				text: shownText(tokens, index),
				role: ROLES[edit],
				edit,
				space: lane.spaces[k] === 1,
				change: lane.changes[k]!,
			});
		}
		return pieces;
	}

	private laneParagraphs(lane: Lane): Piece[][] {
		const paragraphs: Piece[][] = [];
		let start = 0;
		for (let k = 1; k <= lane.length; k++) {
			if (k < lane.length && lane.opens[k] === 0) continue;
			paragraphs.push(this.pieces(lane, start, k));
			start = k;
		}
		return paragraphs;
	}

	/** Block `block`'s rows, its separating blank row first when rows come before it. */
	private drawBlock(block: number): DiffRow[] {
		this.fill(block);
		const separated = this.blockRows[block]! > 0;
		if (this.mode === 'inline') {
			const drawn = sideLines(this.laneParagraphs(this.left), this.width, this.brackets, false);
			if (drawn.length === 0) return [];
			const rows: InlineRow[] = separated ? [{line: []}] : [];
			for (const line of drawn) {
				rows.push(line === undefined ? {line: []} : {line: line.line, ...changeSpan(line)});
			}
			return rows;
		}
		const rows = this.alignedRows();
		if (rows.length === 0) return [];
		if (!separated) return rows;
		const {columns} = this;
		const blank: SideBySideRow = {
			left: [{text: ' '.repeat(columns.left)}],
			right: [{text: ' '.repeat(columns.right)}],
		};
		return [blank, ...rows];
	}

	/**
	 * The filled lanes side by side, each wrapped to its column, with the two sides brought
	 * level at every unit (an equal run or a change): the side whose next text would start
	 * on an earlier row ends its line there and waits with blank rows. So every change's
	 * deleted words and inserted words start on the same row, equal text resumes side by side
	 * after it, and a paragraph on one side only faces blank rows; where the sides already
	 * agree (most of a near-identical pair) the text flows on untouched.
	 */
	private alignedRows(): SideBySideRow[] {
		const left = new Column(this.piecesOf(this.left), this.columns.left);
		const right = new Column(this.piecesOf(this.right), this.columns.right);
		while (!left.done || !right.done) {
			const unit = Math.min(left.unit, right.unit);
			const target = Math.max(left.nextRow(unit), right.nextRow(unit));
			left.padTo(target, unit);
			right.padTo(target, unit);
			left.place(unit);
			right.place(unit);
		}
		const leftLines = left.finish();
		const rightLines = right.finish();
		const count = Math.max(leftLines.length, rightLines.length);
		const rows: SideBySideRow[] = [];
		for (let r = 0; r < count; r++) {
			const l = leftLines[r];
			const rr = rightLines[r];
			rows.push({
				left: padLine(l?.line ?? [], this.columns.left),
				right: padLine(rr?.line ?? [], this.columns.right),
				...changeSpan(l, rr),
				...(l !== undefined && l.last !== -1 ? {leftChanges: [l.first, l.last] as const} : {}),
				...(rr !== undefined && rr.last !== -1 ? {rightChanges: [rr.first, rr.last] as const} : {}),
			});
		}
		return rows;
	}

	/** A lane's pieces as drawn: text (with brackets), role, width, and where paragraphs open. */
	private piecesOf(lane: Lane): AlignedPiece[] {
		const pieces: AlignedPiece[] = [];
		for (let k = 0; k < lane.length; k++) {
			const tokens = this.tokensOf(lane.sources[k]!);
			const index = lane.tokens[k]!;
			const edit = lane.edits[k]!;
			let text = shownText(tokens, index);
			if (this.brackets && edit !== NO_EDIT) {
				const opensRun = k === 0 || lane.opens[k] === 1 || lane.edits[k - 1] !== edit;
				const closesRun =
					k === lane.length - 1 || lane.opens[k + 1] === 1 || lane.edits[k + 1] !== edit;
				if (opensRun) text = OPEN[edit] + text;
				if (closesRun) text += CLOSE[edit];
			}
			const width = lane.widths[k]!;
			pieces.push({
				text,
				role: ROLES[edit],
				edit,
				space: k > 0 && lane.spaces[k] === 1,
				opens: k > 0 && lane.opens[k] === 1,
				change: lane.changes[k]!,
				unit: lane.units[k]!,
				width: width >= 0 && !this.brackets ? width : cellWidth(text),
			});
		}
		return pieces;
	}
}

interface AlignedPiece {
	readonly text: string;
	readonly role: SegmentRole | undefined;
	readonly edit: number;
	/** A space before it (on the same line). */
	readonly space: boolean;
	/** It opens a paragraph: a blank row before it. */
	readonly opens: boolean;
	readonly change: number;
	readonly unit: number;
	readonly width: number;
}

/**
 * One side of aligned rows, laid out greedily like wrapText (words are runs of pieces without
 * a space between; a word wider than the column is cut), unit by unit, so that the other side
 * can be waited for between units (padTo).
 */
class Column {
	private readonly lines: DrawnLine[] = [];
	private segments: Segment[] = [];
	private used = 0;
	private first = Infinity;
	private last = -1;
	private at = 0;

	constructor(
		private readonly pieces: readonly AlignedPiece[],
		private readonly width: number,
	) {}

	get done(): boolean {
		return this.at >= this.pieces.length;
	}

	/** The unit of the next piece (Infinity when none is left). */
	get unit(): number {
		return this.done ? Infinity : this.pieces[this.at]!.unit;
	}

	private get empty(): boolean {
		return this.segments.length === 0;
	}

	/** The row the next piece of `unit` would start on; this side's place if it has none. */
	nextRow(unit: number): number {
		const row = this.lines.length;
		if (this.unit !== unit) return row;
		const piece = this.pieces[this.at]!;
		if (piece.opens) {
			// place() ends the line, then adds a blank row unless one is there already.
			const previous = this.lines[this.lines.length - 1];
			const blank = !this.empty || (previous !== undefined && previous.line.length > 0);
			return row + (this.empty ? 0 : 1) + (blank ? 1 : 0);
		}
		if (this.empty) return row;
		const wordWidth = this.wordWidth(this.at);
		return this.used + (piece.space ? 1 : 0) + wordWidth <= this.width ? row : row + 1;
	}

	/** Ends the line and adds blank rows until the next piece starts on row `target`. */
	padTo(target: number, unit: number): void {
		if (this.nextRow(unit) >= target) return;
		this.endLine();
		while (this.lines.length < target) this.lines.push({line: [], first: Infinity, last: -1});
	}

	/** Places the pieces of `unit`. */
	place(unit: number): void {
		while (!this.done && this.pieces[this.at]!.unit === unit) {
			const start = this.at;
			const piece = this.pieces[start]!;
			if (piece.opens) {
				this.endLine();
				const previous = this.lines[this.lines.length - 1];
				if (previous !== undefined && previous.line.length > 0) {
					this.lines.push({line: [], first: Infinity, last: -1});
				}
			}
			let end = start + 1;
			while (
				end < this.pieces.length &&
				this.pieces[end]!.unit === unit &&
				!this.pieces[end]!.space &&
				!this.pieces[end]!.opens
			)
				end++;
			const wordWidth = this.wordWidth(start);
			const space = !this.empty && piece.space && !piece.opens;
			if (!this.empty && this.used + (space ? 1 : 0) + wordWidth > this.width) this.endLine();
			if (!this.empty && space) {
				const previous = this.pieces[start - 1];
				this.push(' ', previous?.edit === piece.edit ? piece.role : undefined, 1);
			}
			if (wordWidth <= this.width - this.used) {
				for (let k = start; k < end; k++) this.putPiece(this.pieces[k]!);
			} else {
				for (let k = start; k < end; k++) this.cutPiece(this.pieces[k]!);
			}
			this.at = end;
		}
	}

	finish(): DrawnLine[] {
		this.endLine();
		return this.lines;
	}

	private wordWidth(from: number): number {
		const unit = this.pieces[from]!.unit;
		let width = this.pieces[from]!.width;
		for (let k = from + 1; k < this.pieces.length; k++) {
			const piece = this.pieces[k]!;
			if (piece.unit !== unit || piece.space || piece.opens) break;
			width += piece.width;
		}
		return width;
	}

	private putPiece(piece: AlignedPiece): void {
		this.push(piece.text, piece.role, piece.width);
		this.note(piece.change);
	}

	/** A piece of a word too wide for the column, a character at a time. */
	private cutPiece(piece: AlignedPiece): void {
		for (const character of piece.text) {
			const width = cellWidth(character);
			if (this.used + width > this.width && !this.empty) this.endLine();
			this.push(character, piece.role, width);
			this.note(piece.change);
		}
	}

	private note(change: number): void {
		if (change < 0) return;
		this.first = Math.min(this.first, change);
		this.last = Math.max(this.last, change);
	}

	private push(text: string, role: SegmentRole | undefined, width: number): void {
		const previous = this.segments[this.segments.length - 1];
		if (previous !== undefined && previous.role === role) {
			this.segments[this.segments.length - 1] = role
				? {text: previous.text + text, role}
				: {text: previous.text + text};
		} else {
			this.segments.push(role ? {text, role} : {text});
		}
		this.used += width;
	}

	private endLine(): void {
		if (this.empty) return;
		this.lines.push({line: this.segments, first: this.first, last: this.last});
		this.segments = [];
		this.used = 0;
		this.first = Infinity;
		this.last = -1;
	}
}

function maxId(a: TokenList, b: TokenList): number {
	let max = 0;
	for (const ids of [a.ids, b.ids])
		for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
	return max;
}

function startsParagraph(tokens: TokenList, index: number): boolean {
	return (
		index === 0 ||
		index >= tokens.length ||
		tokens.kinds[index] === KIND_BREAK ||
		tokens.gaps[index] === GAP_PARAGRAPH
	);
}

/** Lays a whole diff out in rows; for small diffs (the screen uses DiffLayout's slices). */
export function diffRows(
	result: DiffResult,
	options: DiffRowOptions & {mode: 'side-by-side'},
): SideBySideRow[];
export function diffRows(
	result: DiffResult,
	options: DiffRowOptions & {mode: 'inline'},
): InlineRow[];
export function diffRows(result: DiffResult, options: DiffRowOptions): DiffRow[];
export function diffRows(result: DiffResult, options: DiffRowOptions): DiffRow[] {
	return [...new DiffLayout(result, options).allRows()];
}

function changeSpan(...lines: (DrawnLine | undefined)[]): ChangeSpan {
	let first = Infinity;
	let last = -1;
	for (const line of lines) {
		if (line === undefined || line.last === -1) continue;
		first = Math.min(first, line.first);
		last = Math.max(last, line.last);
	}
	return last === -1 ? {} : {change: first, lastChange: last};
}

/** Paragraphs wrapped to `width`, a blank line between paragraphs (undefined unless padded). */
function sideLines(
	paragraphs: readonly Piece[][],
	width: number,
	brackets: boolean,
	pad = true,
): (DrawnLine | undefined)[] {
	const lines: (DrawnLine | undefined)[] = [];
	for (const paragraph of paragraphs) {
		if (lines.length > 0) lines.push(undefined);
		for (const line of wrapParagraph(paragraph, width, brackets)) {
			lines.push(pad ? {...line, line: padLine(line.line, width)} : line);
		}
	}
	return lines.map((line) =>
		line === undefined && pad ? {line: [{text: ' '.repeat(width)}], first: 0, last: -1} : line,
	);
}

function padLine(line: StyledLine, width: number): StyledLine {
	let used = 0;
	for (const segment of line) used += cellWidth(segment.text);
	return used >= width ? line : [...line, {text: ' '.repeat(width - used)}];
}

/** A paragraph's text as drawn (brackets included) and where each piece starts and ends. */
function paragraphText(paragraph: readonly Piece[], brackets: boolean) {
	let text = '';
	const starts: number[] = [];
	const ends: number[] = [];
	for (let k = 0; k < paragraph.length; k++) {
		const piece = paragraph[k]!;
		if (k > 0 && piece.space) text += ' ';
		starts.push(text.length);
		let pieceText = piece.text;
		if (brackets && piece.edit !== NO_EDIT) {
			if (paragraph[k - 1]?.edit !== piece.edit) pieceText = OPEN[piece.edit] + pieceText;
			if (paragraph[k + 1]?.edit !== piece.edit) pieceText += CLOSE[piece.edit];
		}
		text += pieceText;
		ends.push(text.length);
	}
	return {text, starts, ends};
}

function wrapParagraph(paragraph: readonly Piece[], width: number, brackets: boolean): DrawnLine[] {
	const {text, starts, ends} = paragraphText(paragraph, brackets);
	const lines: DrawnLine[] = [];
	let k = 0;
	for (const range of wrapText(text, width)) {
		const segments: Segment[] = [];
		let first = Infinity;
		let last = -1;
		const push = (piece: string, role: SegmentRole | undefined) => {
			const previous = segments[segments.length - 1];
			const joined = previous !== undefined && previous.role === role;
			const segment = joined ? previous.text + piece : piece;
			segments[joined ? segments.length - 1 : segments.length] = role
				? {text: segment, role}
				: {text: segment};
		};
		while (k < paragraph.length && ends[k]! <= range.start) k++;
		for (let p = k; p < paragraph.length && starts[p]! < range.end; p++) {
			const piece = paragraph[p]!;
			const spaceAt = starts[p]! - 1;
			if (p > 0 && piece.space && spaceAt >= range.start) {
				push(' ', paragraph[p - 1]!.edit === piece.edit ? piece.role : undefined);
			}
			const from = Math.max(range.start, starts[p]!);
			const to = Math.min(range.end, ends[p]!);
			if (to > from) push(text.slice(from, to), piece.role);
			if (piece.change >= 0) {
				first = Math.min(first, piece.change);
				last = Math.max(last, piece.change);
			}
		}
		lines.push({line: segments, first, last});
	}
	return lines;
}
