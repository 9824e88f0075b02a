/**
 * The searchable form of a word: lower-case, compatibility-decomposed (NFKD) with combining
 * marks removed, so 'Zarīf', 'ZARIF' and 'ｚａｒｉｆ' are all 'zarif'.
 */

const ASCII = /^\p{ASCII}*$/u;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;
const LETTER = /\p{L}/gu;

const APOSTROPHE = /['’]/;
const APOSTROPHES = /['’]/g;
const POSSESSIVE = /['’][sS]$/;

/** Folds a word (as cut by the tokeniser) to its searchable form; '' when nothing is left,
 * e.g. for a lone combining mark. A word with an apostrophe loses it, and a possessive its
 * "’s": "Iran’s" is found by "iran", "didn't" by "didnt". */
export function foldWord(word: string): string {
	if (APOSTROPHE.test(word)) word = word.replace(POSSESSIVE, '').replace(APOSTROPHES, '');
	if (ASCII.test(word)) return word.toLowerCase();
	// Lower-case first: some upper-case letters lower-case into a letter plus a combining mark.
	return word.toLowerCase().normalize('NFKD').replace(NOT_LETTER_OR_DIGIT, '');
}

/** How many typing mistakes a folded query word tolerates. Only letters count: a year or a
 * number is meant exactly, and '2021' must not find '2020'. */
export function typoBudget(folded: string): number {
	const letters = folded.match(LETTER)?.length ?? 0;
	if (letters <= 2) return 0;
	if (letters <= 4) return 1;
	return 2;
}

/** The code points of a string, as numbers. */
export function codePoints(text: string): number[] {
	const points: number[] = [];
	for (const character of text) points.push(character.codePointAt(0)!);
	return points;
}
