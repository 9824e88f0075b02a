import type {Range} from '../types.js';
import type {QueryMatcher} from './result.js';
import {tokenise} from './tokenise.js';

export interface TextMatches {
	/** Matched words and phrases, sorted, overlapping ones merged. */
	readonly ranges: Range[];
	/** How many distinct query units matched somewhere in the text. */
	readonly units: number;
}

/** Finds where a query matched in `text`: each word whose folded form is one of its unit's
 * terms, and each phrase's consecutive words. */
export function findMatches(text: string, matcher: QueryMatcher): TextMatches {
	const tokens = tokenise(text);
	const ids = tokens.map((token) => matcher.termOf(text, token.start, token.end, token.ascii));
	const found: Range[] = [];
	let units = 0;
	for (const unit of matcher.units) {
		const before = found.length;
		if (unit.kind === 'word') {
			for (let index = 0; index < tokens.length; index++) {
				if (unit.terms.has(ids[index]!)) found.push(tokens[index]!);
			}
		} else {
			const span = unit.positions.length;
			for (let index = 0; index + span <= tokens.length; index++) {
				let offset = 0;
				while (offset < span && unit.positions[offset]!.has(ids[index + offset]!)) offset++;
				if (offset === span) {
					found.push({start: tokens[index]!.start, end: tokens[index + span - 1]!.end});
				}
			}
		}
		if (found.length > before) units++;
	}
	return {ranges: mergeRanges(found), units};
}

/** Sorts ranges and merges the ones that overlap or touch. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
	const sorted = ranges.filter((range) => range.end > range.start);
	sorted.sort((a, b) => a.start - b.start || a.end - b.end);
	const merged: Range[] = [];
	for (const range of sorted) {
		const last = merged.at(-1);
		if (last !== undefined && range.start <= last.end) {
			merged[merged.length - 1] = {start: last.start, end: Math.max(last.end, range.end)};
		} else merged.push({start: range.start, end: range.end});
	}
	return merged;
}
