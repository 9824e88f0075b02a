import type {Segment, SegmentRole, StyledLine} from '../types.js';
import type {MarkdownSpanStyle} from '../markdown/types.js';
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
	if (line.prefix === '') return styleText(line, highlights);
	const prefix: Segment = {text: line.prefix, role: 'dim'};
	return line.text === '' ? [prefix] : [prefix, ...styleText(line, highlights)];
}

/** The line's text cut where its look changes: a search match over a Markdown span over the
 * line's own role. */
function styleText(line: LayoutLine, highlights: Highlights | undefined): Segment[] {
	const matches = highlights?.matches ?? [];
	let index = firstOverlapping(matches, line);
	const overlapsMatch =
		index < matches.length &&
		matches[index]!.paragraph === line.paragraph &&
		matches[index]!.start < line.end;
	const spans = line.spans.filter((span) => span.start < line.end && span.end > line.start);
	if (!overlapsMatch && spans.length === 0) return [plainSegment(line.text, line.role)];

	const roles: (SegmentRole | undefined)[] = new Array(line.end - line.start).fill(line.role);
	const paint = (start: number, end: number, role: SegmentRole | undefined) => {
		for (let at = Math.max(start, line.start); at < Math.min(end, line.end); at++) {
			roles[at - line.start] = role;
		}
	};
	for (const span of spans) paint(span.start, span.end, SPAN_ROLES[span.style]);
	// Links' addresses, for terminals that make the text clickable (OSC 8).
	const hrefs: (string | undefined)[] = new Array(line.end - line.start);
	for (const span of spans) {
		if (span.style !== 'link' || span.href === undefined) continue;
		for (let at = Math.max(span.start, line.start); at < Math.min(span.end, line.end); at++)
			hrefs[at - line.start] = span.href;
	}
	for (; index < matches.length; index++) {
		const match = matches[index]!;
		if (match.paragraph !== line.paragraph || match.start >= line.end) break;
		paint(match.start, match.end, index === highlights?.current ? 'current-match' : 'match');
	}
	const segments: Segment[] = [];
	let from = 0;
	for (let at = 1; at <= roles.length; at++) {
		if (at < roles.length && roles[at] === roles[from] && hrefs[at] === hrefs[from]) continue;
		const segment = plainSegment(line.text.slice(from, at), roles[from]);
		const href = hrefs[from];
		segments.push(href === undefined ? segment : {...segment, href});
		from = at;
	}
	return segments.length === 0 ? [plainSegment(line.text, line.role)] : segments;
}

const SPAN_ROLES: Record<MarkdownSpanStyle, SegmentRole> = {
	strong: 'strong',
	emphasis: 'emphasis',
	deleted: 'struck',
	code: 'code',
	link: 'link',
	html: 'dim',
};

function plainSegment(text: string, role: SegmentRole | undefined): Segment {
	return role ? {text, role} : {text};
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
