import type {Document} from '../types.js';
import {HEADER} from './layout.js';

/** A found passage: offsets [start, end) into a body paragraph, or into the title (HEADER). */
export interface Match {
	readonly paragraph: number;
	readonly start: number;
	readonly end: number;
}

/** Text folded for matching, with a map back to the original offsets when folding changed
 * lengths (a stripped combining mark, a letter whose lower case is longer). */
interface Folded {
	readonly text: string;
	readonly starts?: Int32Array;
	readonly ends?: Int32Array;
}

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_RUN = /[\u0080-\uffff]+/g;
const MARKS = /\p{M}/gu;
const folds = new Map<string, string>();

/** Case- and diacritic-insensitive form of one character: 'É' → 'e', a lone mark → ''. */
function foldChar(char: string): string {
	let folded = folds.get(char);
	if (folded === undefined) {
		folded = char.toLowerCase().normalize('NFD').replace(MARKS, '').normalize('NFC');
		folds.set(char, folded);
	}
	return folded;
}

/** Folds `text` for searching; offsets are kept whenever every character folds to the same
 * length, which is the case for almost all prose, so no map is needed. */
export function foldForSearch(text: string): string {
	return fold(text).text;
}

function fold(text: string): Folded {
	if (!NON_ASCII.test(text)) return {text: text.toLowerCase()};
	const parts: string[] = [];
	let last = 0;
	let sameLength = true;
	for (const run of text.matchAll(NON_ASCII_RUN)) {
		parts.push(text.slice(last, run.index).toLowerCase());
		for (const char of run[0]) {
			const folded = foldChar(char);
			if (folded.length !== char.length) sameLength = false;
			parts.push(folded);
		}
		last = run.index + run[0].length;
	}
	parts.push(text.slice(last).toLowerCase());
	return sameLength ? {text: parts.join('')} : foldWithMap(text);
}

function foldWithMap(text: string): Folded {
	const parts: string[] = [];
	const starts: number[] = [];
	const ends: number[] = [];
	let offset = 0;
	for (const char of text) {
		const folded = char.charCodeAt(0) < 0x80 ? char.toLowerCase() : foldChar(char);
		const end = offset + char.length;
		if (folded.length === 0 && ends.length > 0) {
			// A stripped mark belongs to the letter before it: a match on that letter covers it.
			ends[ends.length - 1] = end;
		}
		for (let i = 0; i < folded.length; i++) {
			starts.push(offset);
			ends.push(end);
		}
		parts.push(folded);
		offset = end;
	}
	return {text: parts.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends)};
}

/** Title first (as HEADER), then the paragraphs, folded once per document. */
const foldedDocuments = new WeakMap<Document, Folded[]>();

function foldedOf(document: Document): Folded[] {
	let folded = foldedDocuments.get(document);
	if (!folded) {
		folded = [fold(document.title), ...document.paragraphs.map(fold)];
		foldedDocuments.set(document, folded);
	}
	return folded;
}

/** Every occurrence of `query` in the title and paragraphs, in reading order, ignoring case
 * and accents. A query that folds to nothing finds nothing. */
export function findMatches(document: Document, query: string): Match[] {
	const needle = fold(query).text;
	if (needle.trim().length === 0) return [];
	const matches: Match[] = [];
	foldedOf(document).forEach((folded, index) => {
		const paragraph = index === 0 ? HEADER : index - 1;
		for (
			let at = folded.text.indexOf(needle);
			at !== -1;
			at = folded.text.indexOf(needle, at + needle.length)
		) {
			const start = folded.starts ? folded.starts[at]! : at;
			const end = folded.ends ? folded.ends[at + needle.length - 1]! : at + needle.length;
			matches.push({paragraph, start, end});
		}
	});
	return matches;
}

/** Reading order: title first, then paragraphs, then offset. */
export function compareMatches(a: Match, b: Match): number {
	return a.paragraph - b.paragraph || a.start - b.start || b.end - a.end;
}

/** Matches of any of `terms`, in reading order, overlaps dropped (the earlier, longer wins). */
export function findTerms(document: Document, terms: readonly string[]): Match[] {
	const all = [...new Set(terms)]
		.flatMap((term) => findMatches(document, term))
		.sort(compareMatches);
	const kept: Match[] = [];
	for (const match of all) {
		const previous = kept.at(-1);
		if (previous && previous.paragraph === match.paragraph && match.start < previous.end) continue;
		kept.push(match);
	}
	return kept;
}

/** Words of a library query worth looking for in the text: two characters or more. */
export function queryWords(query: string): string[] {
	return query.split(/\s+/).filter((word) => foldForSearch(word).length >= 2);
}

/**
 * What the reader highlights when opened from a library search: the whole query where it
 * occurs as written, else each of its words (a query with a typo still finds its other words).
 * A list is taken as the terms to find, e.g. the passages the library's fuzzy search matched.
 */
export function findQuery(document: Document, query: string | readonly string[]): Match[] {
	if (typeof query !== 'string') return findTerms(document, query);
	const phrase = findMatches(document, query.trim());
	return phrase.length > 0 ? phrase : findTerms(document, queryWords(query));
}
