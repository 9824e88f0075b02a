import type {Range, Segment} from '../types.js';
import {mergeRanges} from './matching.js';

function isLowSurrogate(text: string, index: number): boolean {
	const code = text.charCodeAt(index);
	return code >= 0xdc00 && code <= 0xdfff;
}

/** Splits `text` into plain segments and 'match' segments for `ranges` (any order, may overlap
 * or reach past the text; a range never splits a surrogate pair). Empty text gives []. */
export function highlightSegments(text: string, ranges: readonly Range[]): Segment[] {
	const clamped = ranges.map((range) => {
		let start = Math.min(Math.max(0, range.start), text.length);
		let end = Math.min(Math.max(0, range.end), text.length);
		if (start > 0 && isLowSurrogate(text, start)) start--;
		if (end < text.length && isLowSurrogate(text, end)) end++;
		return {start, end};
	});
	const segments: Segment[] = [];
	let position = 0;
	for (const range of mergeRanges(clamped)) {
		if (range.start > position) segments.push({text: text.slice(position, range.start)});
		segments.push({text: text.slice(range.start, range.end), role: 'match'});
		position = range.end;
	}
	if (position < text.length) segments.push({text: text.slice(position)});
	return segments;
}
