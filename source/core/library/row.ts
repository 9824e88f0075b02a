import type {Document, Range, Segment, StyledLine} from '../types.js';
import {cellWidth, padToWidth, truncateToWidth} from '../text/width.js';

export interface RowOptions {
	readonly width: number;
	readonly selected: boolean;
	readonly marked: boolean;
	/** Versions in this document's group (including itself), 0 or 1 when it has none. */
	readonly versions: number;
	/** Character ranges of the title to highlight (search matches). */
	readonly titleRanges?: readonly Range[];
}

const numberFormat = new Intl.NumberFormat('en-US');

/**
 * One library row: mark, title (with search highlights and a versions badge), then the words,
 * reading time and file name in columns that are dropped, right to left, as the width shrinks.
 */
export function libraryRow(document: Document, options: RowOptions): StyledLine {
	const {width} = options;
	// The pointer is a cue that needs no colour or inverse video (TERM=dumb, NO_COLOR, screen readers).
	const mark = (options.selected ? '▸' : ' ') + (options.marked ? '●' : ' ') + ' ';
	const words = `${numberFormat.format(document.words)} w`;
	const minutes = `${document.readingMinutes} min`;
	const columns: string[] = [];
	if (width >= 60) columns.push(words.padStart(9));
	if (width >= 50) columns.push(minutes.padStart(7));
	if (width >= 80) {
		const nameWidth = Math.min(28, Math.max(12, Math.floor(width * 0.22)));
		columns.push(padToWidth(truncateToWidth(document.fileName, nameWidth), nameWidth));
	}
	const right = columns.length > 0 ? '  ' + columns.join('  ') : '';
	const badge = options.versions > 1 ? ` [${options.versions} versions]` : '';
	const titleRoom = Math.max(1, width - cellWidth(mark) - cellWidth(right));
	const badgeFits = cellWidth(badge) + 8 <= titleRoom;
	const titleWidth = titleRoom - (badgeFits ? cellWidth(badge) : 0);

	const segments: Segment[] = [{text: mark, role: 'marker'}];
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
