import type {Document, Range} from '../types.js';
import {HEADER, shownTitle} from './layout.js';
import {forEachWord} from '../text/words.js';
import {foldWord} from '../search/normalise.js';

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
		folded = [fold(shownTitle(document)), ...document.paragraphs.map(fold)];
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
	return mergeMatches([...new Set(terms)].flatMap((term) => findMatches(document, term)));
}

/** Words of a library query worth looking for in the text: two characters or more. */
export function queryWords(query: string): string[] {
	return query.split(/\s+/).filter((word) => foldForSearch(word).length >= 2);
}

/**
 * What the reader highlights when opened from a library search: the whole query where it
 * occurs as written, else each of its words, and a word that occurs nowhere as written is
 * looked for with the library's typo tolerance ('kadimi' finds 'Kadhimi'), so the reader shows
 * what the library matched. A list is taken as the terms to find.
 */
export function findQuery(document: Document, query: string | readonly string[]): Match[] {
	if (typeof query !== 'string') return findTerms(document, query);
	const phrase = findMatches(document, query.trim());
	if (phrase.length > 0) return phrase;
	const words = queryWords(query);
	const found = words.map((word) => findMatches(document, word));
	const missing = words.filter((_, index) => found[index]!.length === 0);
	return mergeMatches([...found.flat(), ...findSimilarWords(document, missing)]);
}

/** Sorts matches into reading order and drops overlaps (the earlier, longer wins). */
function mergeMatches(all: Match[]): Match[] {
	all.sort(compareMatches);
	const kept: Match[] = [];
	for (const match of all) {
		const previous = kept.at(-1);
		if (previous && previous.paragraph === match.paragraph && match.start < previous.end) continue;
		kept.push(match);
	}
	return kept;
}

/**
 * Matches for a finder that knows what a search matched in a text (the library's matcher):
 * it is asked about the title and every paragraph, and its ranges become matches.
 */
export function findWith(document: Document, finder: (text: string) => readonly Range[]): Match[] {
	const matches: Match[] = [];
	[shownTitle(document), ...document.paragraphs].forEach((text, index) => {
		const paragraph = index === 0 ? HEADER : index - 1;
		for (const range of finder(text)) {
			if (range.end > range.start) matches.push({paragraph, start: range.start, end: range.end});
		}
	});
	return mergeMatches(matches);
}

/** Typing mistakes a word of this many letters tolerates: the library search's rule (see
 * typoBudget in core/search/normalise), so the reader finds what the library found. */
export function typoBudget(word: string): number {
	const letters = word.match(/\p{L}/gu)?.length ?? 0;
	if (letters <= 2) return 0;
	if (letters <= 4) return 1;
	return 2;
}

/**
 * Whole words of the title and paragraphs within each query word's typo budget, keeping for
 * each query word only its closest spellings: 'qasem' finds 'Qassem' (one edit) and not also
 * 'based' (two), which the budget alone would allow.
 */
export function findSimilarWords(document: Document, queryWords: readonly string[]): Match[] {
	const wanted = queryWords
		.map((word) => foldForSearch(word))
		.map((folded) => ({folded, budget: typoBudget(folded)}))
		.filter((word) => word.budget > 0);
	if (wanted.length === 0) return [];
	// Articles repeat their words: each distinct word is measured once.
	const distances = new Map<string, number[]>();
	const found: {match: Match; distances: number[]}[] = [];
	const closest = wanted.map((word) => word.budget + 1);
	[shownTitle(document), ...document.paragraphs].forEach((text, index) => {
		const paragraph = index === 0 ? HEADER : index - 1;
		// Whole words as core/text/words.ts cuts them, as the library's search does.
		forEachWord(text, (start, end) => {
			const word = text.slice(start, end);
			let measured = distances.get(word);
			if (measured === undefined) {
				// The library's folding: "Kadhimi’s" is measured as "kadhimi".
				const folded = foldWord(word);
				measured = wanted.map((query) => editDistance(query.folded, folded, query.budget));
				distances.set(word, measured);
			}
			if (!measured.some((distance, which) => distance <= wanted[which]!.budget)) return;
			measured.forEach((distance, which) => {
				closest[which] = Math.min(closest[which]!, distance);
			});
			found.push({match: {paragraph, start, end}, distances: measured});
		});
	});
	return found
		.filter((candidate) =>
			candidate.distances.some(
				(distance, which) => distance <= wanted[which]!.budget && distance === closest[which],
			),
		)
		.map((candidate) => candidate.match);
}

/**
 * Damerau–Levenshtein distance (optimal string alignment: insert, delete, substitute, swap
 * neighbours) between `a` and `b`, or `limit + 1` as soon as it must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
	if (Math.abs(a.length - b.length) > limit) return limit + 1;
	let before = new Array<number>(b.length + 1).fill(0);
	let previous = Array.from({length: b.length + 1}, (_, column) => column);
	for (let i = 1; i <= a.length; i++) {
		const current = new Array<number>(b.length + 1).fill(0);
		current[0] = i;
		let rowBest = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				value = Math.min(value, before[j - 2]! + 1);
			}
			current[j] = value;
			rowBest = Math.min(rowBest, value);
		}
		if (rowBest > limit) return limit + 1;
		before = previous;
		previous = current;
	}
	return Math.min(previous[b.length]!, limit + 1);
}
