/**
 * Who published an article, when the text says so: a wire-style prefix on the first paragraph
 * ("PEJOURNAL – …", "WASHINGTON (Reuters) - …") or a credit in a short footer ("All Content by
 * Mehr News Agency is licensed…", "Source: …", "© 2020 …"). Only reads; the body is left whole.
 */

const MAX_SOURCE_LENGTH = 60;
/** Footers are short; a long closing paragraph is body text, whatever words it contains. */
const MAX_FOOTER_LENGTH = 300;
const FOOTER_PARAGRAPHS = 3;

const WIRE_IN_BRACKETS = /^(?:\p{Lu}[\p{Lu}\p{M} .,'/-]*\s)?\(([^()]{2,40})\)\s*[-–—]{1,2}\s/u;
const WIRE_IN_CAPITALS = /^(\p{Lu}[\p{Lu}\p{M}\p{N}&.' ]{0,38}[\p{Lu}\p{N}.])\s*[-–—]{1,2}\s/u;
const FOOTER_CREDITS = [
	/\b(?:contents?|articles?|story|stories|text|material)\s+(?:by|from|of|courtesy of)\s+(.{2,60}?)\s+(?:is|are|was|were)\s+(?:licensed|published|distributed|provided|copyrighted)\b/i,
	/^(?:source|via|courtesy(?:\s+of)?|credits?|originally published (?:by|in|on|at))\s*[:–—-]?\s*(.{2,60}?)\.?$/i,
	/(?:©|\(c\)|\bcopyright\b)\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?(?:by\s+)?([^.|,;]{2,60}?)\s*(?:[.|,;]|\ball rights\b|$)/i,
];
const TWO_CAPITALS = /\p{Lu}.*\p{Lu}/u;
const TRIM_PUNCTUATION = /^[\s"'“‘]+|[\s"'”’.,;:]+$/g;

export function findSource(paragraphs: readonly string[]): string | undefined {
	const first = paragraphs[0];
	if (first !== undefined) {
		const bracketed = clean(WIRE_IN_BRACKETS.exec(first)?.[1]);
		if (bracketed !== undefined) return bracketed;
		const capitals = clean(WIRE_IN_CAPITALS.exec(first)?.[1]);
		if (capitals !== undefined && TWO_CAPITALS.test(capitals)) return capitals;
	}
	const footerStart = Math.max(1, paragraphs.length - FOOTER_PARAGRAPHS);
	for (let index = paragraphs.length - 1; index >= footerStart; index--) {
		const paragraph = paragraphs[index]!;
		if (paragraph.length > MAX_FOOTER_LENGTH) continue;
		for (const pattern of FOOTER_CREDITS) {
			const credit = clean(pattern.exec(paragraph)?.[1]);
			if (credit !== undefined) return credit;
		}
	}
	return undefined;
}

function clean(source: string | undefined): string | undefined {
	if (source === undefined) return undefined;
	const cleaned = source.replace(TRIM_PUNCTUATION, '');
	return cleaned === '' || cleaned.length > MAX_SOURCE_LENGTH ? undefined : cleaned;
}
