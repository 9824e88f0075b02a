import type {Document, Range, Segment, StyledLine} from '../types.js';
import {cellWidth, padToWidth, truncateToWidth} from '../text/width.js';
import {formatCount} from '../text/numbers.js';
import {readCell, type ReadState} from './read-state.js';

/** Which columns the rows of one screen share, so they line up: see rowLayout. */
export interface RowLayout {
	readonly words: boolean;
	readonly minutes: boolean;
	/** Cells for the words and the reading time: the widest on screen, at least their usual
	 * widths, so a figure past them ("3,442 min") does not push its row out of line. */
	readonly wordsWidth: number;
	readonly minutesWidth: number;
	/** Cells for the file name; 0 leaves it out. */
	readonly nameWidth: number;
	/** Whether the rows show how far each article was read (known once the places are read). */
	readonly read?: boolean;
}

export interface RowOptions {
	readonly width: number;
	/** The columns, shared by the rows on screen (rowLayout); by the width alone when absent. */
	readonly layout?: RowLayout;
	readonly selected: boolean;
	readonly marked: boolean;
	/** Versions in this document's group (including itself), 0 or 1 when it has none. */
	readonly versions: number;
	/** Character ranges of the title to highlight (search matches). */
	readonly titleRanges?: readonly Range[];
	/** How far it was read (shown when the layout has the read column). */
	readonly readState?: ReadState | undefined;
	/** Listed as stored while its changed file is read again: its title and figures may be
	 * old. Marked REFRESHING_MARK in the read column, or (without one) where a mark goes. */
	readonly refreshing?: boolean;
}

/** The mark of a row whose file is being read again. */
export const REFRESHING_MARK = '↻';

/** Pointer, mark, space. */
const MARK_WIDTH = 3;
/** The read column (core/library/read-state readCell) and a space. */
const READ_WIDTH = 4;
const WORDS_WIDTH = 9;
const MINUTES_WIDTH = 7;
const GAP = 2;
/** The file-name column: never wider, and not worth showing narrower. */
const MAX_NAME_WIDTH = 28;
const MIN_NAME_WIDTH = 12;

function badgeOf(versions: number): string {
	return versions > 1 ? ` [${versions} versions]` : '';
}

/**
 * The columns for rows of `documents` at `width`. The title matters most, then the figures:
 * words from 60 cells, reading time from 50. The file name takes only the room the longest
 * title (with its versions badge) leaves, down to MIN_NAME_WIDTH, and goes before a title is
 * cut; at 80 cells a long title keeps the line and the name is left out.
 */
export function rowLayout(
	width: number,
	documents: readonly Document[],
	versionsOf: (id: string) => number = () => 0,
	read = false,
): RowLayout {
	const words = width >= 60;
	const minutes = width >= 50;
	let wordsWidth = WORDS_WIDTH;
	let minutesWidth = MINUTES_WIDTH;
	for (const document of documents) {
		wordsWidth = Math.max(wordsWidth, wordsCell(document).length);
		minutesWidth = Math.max(minutesWidth, minutesCell(document).length);
	}
	const figures = (words ? GAP + wordsWidth : 0) + (minutes ? GAP + minutesWidth : 0);
	let longest = 0;
	for (const document of documents) {
		longest = Math.max(
			longest,
			cellWidth(document.title) + cellWidth(badgeOf(versionsOf(document.id))),
		);
	}
	let longestName = 0;
	for (const document of documents)
		longestName = Math.max(longestName, cellWidth(document.fileName));
	const room = width - MARK_WIDTH - (read ? READ_WIDTH : 0) - figures - GAP - longest;
	const nameWidth = Math.min(MAX_NAME_WIDTH, longestName, room);
	return {
		words,
		minutes,
		wordsWidth,
		minutesWidth,
		nameWidth: nameWidth >= MIN_NAME_WIDTH ? nameWidth : 0,
		read,
	};
}

const wordsCell = (document: Document) => `${formatCount(document.words)} w`;
const minutesCell = (document: Document) => `${formatCount(document.readingMinutes)} min`;

/**
 * One library row: mark, how far it was read when the layout has that column (see
 * core/library/read-state), title (with search highlights and a versions badge), then the
 * words, reading time and file name in the columns of `layout` (see rowLayout).
 */
export function libraryRow(document: Document, options: RowOptions): StyledLine {
	const {width} = options;
	const layout = options.layout ?? rowLayout(width, [document]);
	// The pointer is a cue that needs no colour or inverse video (TERM=dumb, NO_COLOR, screen readers).
	// Without a read column, a refreshing row is marked where a marked one is, unless marked.
	const refreshMark = options.refreshing === true && !layout.read && !options.marked;
	const mark =
		(options.selected ? '▸' : ' ') +
		(options.marked ? '●' : refreshMark ? REFRESHING_MARK : ' ') +
		' ';
	const read = !layout.read
		? ''
		: (options.refreshing === true ? ` ${REFRESHING_MARK} ` : readCell(options.readState)) + ' ';
	const columns: string[] = [];
	if (layout.words) columns.push(wordsCell(document).padStart(layout.wordsWidth));
	if (layout.minutes) columns.push(minutesCell(document).padStart(layout.minutesWidth));
	if (layout.nameWidth > 0) {
		const nameWidth = layout.nameWidth;
		columns.push(padToWidth(truncateToWidth(document.fileName, nameWidth), nameWidth));
	}
	const right = columns.length > 0 ? '  ' + columns.join('  ') : '';
	const badge = badgeOf(options.versions);
	const titleRoom = Math.max(1, width - cellWidth(mark) - cellWidth(read) - cellWidth(right));
	const badgeFits = cellWidth(badge) + 8 <= titleRoom;
	const titleWidth = titleRoom - (badgeFits ? cellWidth(badge) : 0);

	const segments: Segment[] = refreshMark
		? [
				{text: mark[0]!, role: 'marker'},
				{text: REFRESHING_MARK, role: 'dim'},
				{text: ' ', role: 'marker'},
			]
		: [{text: mark, role: 'marker'}];
	if (read) {
		const unread = options.refreshing !== true && options.readState?.kind === 'unread';
		segments.push({text: read, role: unread ? 'marker' : 'dim'});
	}
	const title = truncateToWidth(document.title, titleWidth);
	segments.push(...highlight(title, options.titleRanges ?? [], 'title'));
	let used = cellWidth(title);
	if (badgeFits && badge) {
		segments.push({text: badge, role: 'marker'});
		used += cellWidth(badge);
	}
	segments.push({text: ' '.repeat(Math.max(0, titleRoom - used))});
	if (right) segments.push({text: right, role: 'dim'});
	return segments;
}

/** Splits `text` into plain and highlighted segments; ranges past a truncation are clipped. */
export function highlight(
	text: string,
	ranges: readonly Range[],
	baseRole?: Segment['role'],
	matchRole: Segment['role'] = 'match',
): Segment[] {
	const segments: Segment[] = [];
	let position = 0;
	const sorted = [...ranges].sort((a, b) => a.start - b.start);
	for (const range of sorted) {
		const start = Math.max(position, Math.min(range.start, text.length));
		const end = Math.min(range.end, text.length);
		if (end <= start) continue;
		if (start > position) segments.push(role(text.slice(position, start), baseRole));
		segments.push({text: text.slice(start, end), role: matchRole});
		position = end;
	}
	if (position < text.length) segments.push(role(text.slice(position), baseRole));
	return segments;
}

function role(text: string, segmentRole: Segment['role']): Segment {
	return segmentRole ? {text, role: segmentRole} : {text};
}
