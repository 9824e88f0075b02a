/**
 * `/` in the diff: the library's query language (core/search: every word within its typo
 * budget, the last as a prefix, "quoted phrases") over both versions' text. The two documents
 * get a search index of their own, made when the first query is asked, and a query's matcher
 * (the terms each of its words matched) finds its words in either text.
 */
import {findMatches} from '../search/matching.js';
import {SearchIndex} from '../search/index.js';
import type {Document, Range} from '../types.js';

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
		if (query.trim() === '') return {a: [], b: []};
		this.index ??= this.build();
		const [result] = this.index.search(query, {limit: 1}).results;
		if (result === undefined) return {a: [], b: []};
		const on = (side: 'a' | 'b') =>
			findMatches(this[side].text, result.matcher).ranges.map((range) => ({...range, side}));
		return {a: on('a'), b: on('b')};
	}

	private build(): SearchIndex {
		const index = new SearchIndex();
		index.add([this.a, this.b]);
		return index;
	}
}
