/**
 * `/` in the diff: the library's query language (core/search: every word within its typo
 * budget, the last as a prefix, "quoted phrases") over both versions' text. The two documents
 * get a search index of their own, made when the first query is asked, and a query's matcher
 * (the terms each of its words matched) finds its words in either text.
 */
import {findMatches} from '../search/matching.js';
import type {QueryMatcher} from '../search/index.js';
import {SearchIndex} from '../search/index.js';
import type {Document, Range} from '../types.js';
import type {DiffPart, DiffResult} from './types.js';
import type {TokenList} from './word-tokens.js';

/** A match in one version's text (UTF-16 offsets into Document.text). */
export interface DiffMatch extends Range {
	readonly side: 'a' | 'b';
}

export class DiffSearch {
	private index: SearchIndex | undefined;

	constructor(
		private readonly a: Document,
		private readonly b: Document,
	) {}

	/**
	 * Where `query` matches in A's text and in B's, each in reading order. Both versions are
	 * searched with the matcher of a version that holds every word of the query, so a word in
	 * a version that lacks the others is found there too; nothing when neither has them all.
	 */
	find(query: string): {readonly a: DiffMatch[]; readonly b: DiffMatch[]} {
		const matcher = this.matcher(query);
		if (matcher === undefined) return {a: [], b: []};
		const on = (side: 'a' | 'b') =>
			findMatches(this[side].text, matcher).ranges.map((range) => ({...range, side}));
		return {a: on('a'), b: on('b')};
	}

	/** The matcher of `query` over the two versions (what find uses), to mark matches in any
	 * text drawn from them; undefined when neither version holds every word. */
	matcher(query: string): QueryMatcher | undefined {
		if (query.trim() === '') return undefined;
		this.index ??= this.build();
		return this.index.search(query, {limit: 1}).results[0]?.matcher;
	}

	private build(): SearchIndex {
		const index = new SearchIndex();
		index.add([this.a, this.b]);
		return index;
	}
}

/** A match as the diff shows it: a token of A or B (see matchTargets). */
export interface MatchTarget {
	readonly side: 'a' | 'b';
	readonly token: number;
}

/**
 * The places n/N visit for a search, in reading order: B's matches (B's text is drawn whole,
 * inline as side by side) and A's matches in deleted text (A's equal text faces B's, or is B's
 * inline). Ordered by part of the diff, then by token, so a deletion's match comes before the
 * insertion that replaces it.
 */
export function matchTargets(
	result: DiffResult,
	found: {readonly a: readonly DiffMatch[]; readonly b: readonly DiffMatch[]},
): MatchTarget[] {
	const keyed: {part: number; target: MatchTarget}[] = [];
	const {parts} = result;
	for (const side of ['a', 'b'] as const) {
		const tokens = side === 'a' ? result.a : result.b;
		for (const match of found[side]) {
			const token = tokenAt(tokens, match.start);
			const part = partOf(parts, side, token);
			if (part < 0) continue;
			if (side === 'a' && parts[part]!.type !== 'delete') continue;
			keyed.push({part, target: {side, token}});
		}
	}
	keyed.sort((x, y) => x.part - y.part || x.target.token - y.target.token);
	return keyed.map((each) => each.target);
}

/** The token holding character `offset` (the last starting at or before it). */
function tokenAt(tokens: TokenList, offset: number): number {
	let low = 0;
	let high = tokens.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (tokens.starts[middle]! <= offset) low = middle;
		else high = middle - 1;
	}
	return low;
}

/** The part holding token `token` of one side, or -1. */
function partOf(parts: DiffResult['parts'], side: 'a' | 'b', token: number): number {
	const start = (part: DiffPart) => (side === 'a' ? part.startA : part.startB);
	const end = (part: DiffPart) => (side === 'a' ? part.endA : part.endB);
	let low = 0;
	let high = parts.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (start(parts[middle]!) <= token) low = middle;
		else high = middle - 1;
	}
	// Parts of the other side are empty here: step back to the one that holds the token.
	for (let p = low; p >= 0 && start(parts[p]!) <= token; p--) {
		if (token < end(parts[p]!)) return p;
		if (end(parts[p]!) <= token && end(parts[p]!) > start(parts[p]!)) break;
	}
	return -1;
}
