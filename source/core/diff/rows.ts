import type {Segment, SegmentRole, StyledLine} from '../types.js';
import {cellWidth} from '../text/width.js';
import {wrapText} from '../text/wrap.js';
import type {DiffResult} from './types.js';
import {GAP_NONE, GAP_PARAGRAPH, KIND_BREAK, tokenText, type TokenList} from './word-tokens.js';

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
}

export interface InlineRow extends ChangeSpan {
	readonly line: StyledLine;
}

export type DiffRow = SideBySideRow | InlineRow;

/** Cells between the two columns of a side-by-side diff; the screen draws a rule there. */
export const GUTTER = 3;

export function sideBySideColumns(width: number): {left: number; right: number} {
	const usable = Math.max(2, Math.floor(width) - GUTTER);
	const left = Math.floor(usable / 2);
	return {left, right: usable - left};
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

interface Piece {
	readonly text: string;
	readonly role: SegmentRole | undefined;
	readonly edit: number;
	/** Whether a space separates it from the piece before it in the paragraph. */
	readonly space: boolean;
	readonly change: number;
}

class Side {
	readonly paragraphs: Piece[][] = [];
	private current: Piece[] = [];

	add(piece: Piece, newParagraph: boolean): void {
		if (newParagraph && this.current.length > 0) this.end();
		this.current.push(piece);
	}

	end(): void {
		if (this.current.length > 0) this.paragraphs.push(this.current);
		this.current = [];
	}

	get empty(): boolean {
		return this.paragraphs.length === 0 && this.current.length === 0;
	}
}

/** Lays a diff out in rows, once per (width, mode, layout, brackets); the screen only slices. */
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
	const showLayout = options.layout && result.layout;
	return options.mode === 'inline'
		? inlineRows(result, options, showLayout)
		: sideBySideRows(result, options, showLayout);
}

/** Adds token `index` of `tokens` to `side`; false when it draws nothing. */
function addToken(
	side: Side,
	tokens: TokenList,
	index: number,
	edit: number,
	change: number,
	showLayout: boolean,
	gapFrom: TokenList = tokens,
	gapIndex: number = index,
): void {
	if (tokens.kinds[index] === KIND_BREAK) {
		if (edit === NO_EDIT || !showLayout) return;
		side.add({text: '¶', role: 'layout', edit, space: true, change}, false);
		return;
	}
	const gap = gapFrom.gaps[gapIndex];
	const role = edit === DELETED ? 'deleted' : edit === INSERTED ? 'inserted' : undefined;
	side.add(
		{text: tokenText(tokens, index), role, edit, space: gap !== GAP_NONE, change},
		gap === GAP_PARAGRAPH,
	);
}

function startsParagraph(tokens: TokenList, index: number): boolean {
	return (
		index === 0 ||
		index >= tokens.length ||
		tokens.kinds[index] === KIND_BREAK ||
		tokens.gaps[index] === GAP_PARAGRAPH
	);
}

function sideBySideRows(
	result: DiffResult,
	options: DiffRowOptions,
	showLayout: boolean,
): SideBySideRow[] {
	const {a, b, parts} = result;
	const columns = sideBySideColumns(options.width);
	const rows: SideBySideRow[] = [];
	let left = new Side();
	let right = new Side();
	const blankLeft: StyledLine = [{text: ' '.repeat(columns.left)}];
	const blankRight: StyledLine = [{text: ' '.repeat(columns.right)}];

	// Both sides start a paragraph here: draw what came before as one block, aligned at the top,
	// so paragraph faces paragraph and a paragraph on one side only faces blank rows.
	const sync = () => {
		if (left.empty && right.empty) return;
		left.end();
		right.end();
		const leftLines = sideLines(left, columns.left, options.brackets);
		const rightLines = sideLines(right, columns.right, options.brackets);
		if (rows.length > 0) rows.push({left: blankLeft, right: blankRight});
		for (let r = 0; r < Math.max(leftLines.length, rightLines.length); r++) {
			const l = leftLines[r];
			const rr = rightLines[r];
			rows.push({
				left: l?.line ?? blankLeft,
				right: rr?.line ?? blankRight,
				...changeSpan(l, rr),
			});
		}
		left = new Side();
		right = new Side();
	};

	let previousChange = -1;
	for (const part of parts) {
		if (part.type === 'equal') {
			for (let t = 0; t < part.endA - part.startA; t++) {
				const i = part.startA + t;
				const j = part.startB + t;
				if (startsParagraph(a, i) && startsParagraph(b, j)) sync();
				addToken(left, a, i, NO_EDIT, -1, showLayout);
				addToken(right, b, j, NO_EDIT, -1, showLayout);
			}
			continue;
		}
		const change = part.change!;
		if (
			change !== previousChange &&
			startsParagraph(a, part.startA) &&
			startsParagraph(b, part.startB)
		) {
			sync();
		}
		previousChange = change;
		if (part.type === 'delete') {
			for (let i = part.startA; i < part.endA; i++)
				addToken(left, a, i, DELETED, change, showLayout);
		} else {
			for (let j = part.startB; j < part.endB; j++) {
				addToken(right, b, j, INSERTED, change, showLayout);
			}
		}
	}
	sync();
	return rows;
}

function inlineRows(result: DiffResult, options: DiffRowOptions, showLayout: boolean): InlineRow[] {
	const {a, b, parts} = result;
	const side = new Side();
	for (const part of parts) {
		if (part.type === 'equal') {
			for (let t = 0; t < part.endB - part.startB; t++) {
				addToken(side, b, part.startB + t, NO_EDIT, -1, showLayout);
			}
		} else if (part.type === 'delete') {
			for (let i = part.startA; i < part.endA; i++) {
				addToken(side, a, i, DELETED, part.change!, showLayout);
			}
		} else {
			for (let j = part.startB; j < part.endB; j++) {
				addToken(side, b, j, INSERTED, part.change!, showLayout);
			}
		}
	}
	side.end();
	return sideLines(side, Math.max(1, Math.floor(options.width)), options.brackets, false).map(
		(drawn) => (drawn === undefined ? {line: []} : {line: drawn.line, ...changeSpan(drawn)}),
	);
}

interface DrawnLine {
	readonly line: StyledLine;
	readonly first: number;
	readonly last: number;
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

const OPEN = ['', '[-', '{+'];
const CLOSE = ['', '-]', '+}'];

/** A side's paragraphs wrapped to `width`, a blank line between paragraphs (undefined). */
function sideLines(
	side: Side,
	width: number,
	brackets: boolean,
	pad = true,
): (DrawnLine | undefined)[] {
	const lines: (DrawnLine | undefined)[] = [];
	for (const paragraph of side.paragraphs) {
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

function wrapParagraph(paragraph: readonly Piece[], width: number, brackets: boolean): DrawnLine[] {
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
