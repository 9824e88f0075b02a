import {hardWrap} from '../../fixtures/prose.js';

// Generated articles for the versions tests and bench: pseudo-words built from syllables with
// Zipf-distributed frequencies, so texts look like prose to the shingler (frequent short words,
// a long tail of rare ones) without copying any real text. Seeded, hence reproducible.

export type Random = () => number;

const SYLLABLES = [
	'ka',
	'lo',
	'mi',
	'ser',
	'ta',
	'ven',
	'ri',
	'do',
	'nu',
	'pa',
	'es',
	'tor',
	'li',
	'an',
	'gro',
	'be',
	'ul',
	'fi',
	'ham',
	'zo',
	'ne',
	'cri',
	'ost',
	'wa',
	'de',
	'mar',
	'it',
	'vel',
	'so',
	'qua',
];

export interface Vocabulary {
	readonly words: readonly string[];
	/** Cumulative Zipf weights, for drawing a word by binary search. */
	readonly cumulative: Float64Array;
}

export function vocabulary(size: number, random: Random): Vocabulary {
	const seen = new Set<string>();
	const words: string[] = [];
	while (words.length < size) {
		// Frequent words are short, like real function words.
		const syllables = 1 + Math.floor(random() * (words.length < 50 ? 2 : 4));
		let word = '';
		for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
		if (seen.has(word)) continue;
		seen.add(word);
		words.push(word);
	}
	const cumulative = new Float64Array(size);
	let total = 0;
	for (let rank = 0; rank < size; rank++) cumulative[rank] = total += 1 / (rank + 1);
	for (let rank = 0; rank < size; rank++) cumulative[rank]! /= total;
	return {words, cumulative};
}

export function drawWord(words: Vocabulary, random: Random): string {
	const target = random();
	let low = 0;
	let high = words.cumulative.length - 1;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (words.cumulative[middle]! < target) low = middle + 1;
		else high = middle;
	}
	return words.words[low]!;
}

function capitalise(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

export function sentence(words: Vocabulary, random: Random): string {
	const length = 6 + Math.floor(random() * 18);
	const parts: string[] = [];
	for (let i = 0; i < length; i++) parts.push(drawWord(words, random));
	if (length > 12) parts[Math.floor(length / 2)] += ',';
	return capitalise(parts.join(' ')) + '.';
}

export interface Article {
	readonly headline: string;
	readonly dateline: string;
	readonly paragraphs: readonly string[];
	readonly footer: string;
}

export function article(words: Vocabulary, random: Random, paragraphs: number): Article {
	const body: string[] = [];
	for (let p = 0; p < paragraphs; p++) {
		const sentences: string[] = [];
		const count = 2 + Math.floor(random() * 4);
		for (let s = 0; s < count; s++) sentences.push(sentence(words, random));
		body.push(sentences.join(' '));
	}
	const day = 1 + Math.floor(random() * 28);
	return {
		headline: sentence(words, random).slice(0, -1),
		dateline: `March ${day}, 2021 - ${Math.floor(random() * 24)}:${10 + Math.floor(random() * 50)}`,
		paragraphs: body,
		footer: 'Leave a Comment',
	};
}

/** Plain text as a news site would publish it; `wrap` hard-wraps body lines at that many
 * characters, as old wire copy does. */
export function render(piece: Article, wrap?: number): string {
	const body = piece.paragraphs.map((paragraph) =>
		wrap ? hardWrap(paragraph, wrap).join('\n') : paragraph,
	);
	return [piece.headline, piece.dateline, ...body, piece.footer].join('\n\n') + '\n';
}

/** Another version of `piece`: a new headline, dateline and footer, and about one word in
 * `editEvery` replaced, dropped or preceded by an inserted word. */
export function edited(
	piece: Article,
	words: Vocabulary,
	random: Random,
	editEvery: number,
): Article {
	const paragraphs = piece.paragraphs.map((paragraph) => {
		const out: string[] = [];
		for (const word of paragraph.split(' ')) {
			if (random() >= 1 / editEvery) {
				out.push(word);
				continue;
			}
			const kind = random();
			if (kind < 0.4) out.push(drawWord(words, random));
			else if (kind < 0.7) out.push(drawWord(words, random), word);
			// else the word is dropped
		}
		return out.join(' ');
	});
	return {
		headline: sentence(words, random).slice(0, -1),
		dateline: piece.dateline.replace('2021', '2022'),
		paragraphs,
		footer:
			'All content is licensed under a Creative Commons Attribution 4.0 International License.',
	};
}
