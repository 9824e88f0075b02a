import type {Segment, StyledLine} from '../types.js';
import type {LayoutLine, ReaderLayout} from './layout.js';
import type {Match} from './search.js';

/** Matches to draw: all of them in reading order, and which one is current. */
export interface Highlights {
	readonly matches: readonly Match[];
	readonly current?: number | undefined;
}

const BLANK_LINE: StyledLine = [{text: ''}];

/**
 * The lines of the screen from line `top`, `height` of them at most (fewer at the end).
 * Lines carry no left margin: the screen indents by `layout.margin`.
 */
export function visibleLines(
	layout: ReaderLayout,
	top: number,
	height: number,
	highlights?: Highlights,
): StyledLine[] {
	const first = Math.max(0, Math.floor(top));
	const end = Math.min(layout.ensureLines(first + height), first + Math.max(0, height));
	const lines: StyledLine[] = [];
	for (let index = first; index < end; index++) {
		const line = layout.line(index)!;
		lines.push(line.blank ? BLANK_LINE : styleLine(line, highlights));
	}
	return lines;
}

function styleLine(line: LayoutLine, highlights: Highlights | undefined): StyledLine {
	const plain = (text: string): Segment => (line.role ? {text, role: line.role} : {text});
	const matches = highlights?.matches ?? [];
	let index = firstOverlapping(matches, line);
	if (index === matches.length) return [plain(line.text)];
	const segments: Segment[] = [];
	let at = line.start;
	for (; index < matches.length; index++) {
		const match = matches[index]!;
		if (match.paragraph !== line.paragraph || match.start >= line.end) break;
		const start = Math.max(match.start, line.start);
		const end = Math.min(match.end, line.end);
		if (start > at) segments.push(plain(line.text.slice(at - line.start, start - line.start)));
		const role = index === highlights?.current ? 'current-match' : 'match';
		segments.push({text: line.text.slice(start - line.start, end - line.start), role});
		at = end;
	}
	if (segments.length === 0) return [plain(line.text)];
	if (at < line.end) segments.push(plain(line.text.slice(at - line.start)));
	return segments;
}

/** Index of the first match ending after the line starts, by binary search (matches.length if none). */
function firstOverlapping(matches: readonly Match[], line: LayoutLine): number {
	let low = 0;
	let high = matches.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		const match = matches[middle]!;
		const before =
			match.paragraph < line.paragraph ||
			(match.paragraph === line.paragraph && match.end <= line.start);
		if (before) low = middle + 1;
		else high = middle;
	}
	return low;
}
