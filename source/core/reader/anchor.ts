/** A place in the article that survives re-wrapping: a body paragraph (or HEADER for the header,
 * whose text is the title, then the dateline/source line, one offset apart) and a UTF-16 offset
 * into it. An offset one past a paragraph's end is the blank line after it. In a module of its
 * own, so that the library's first frame reads places without loading the reader's layout. */
export interface Anchor {
	readonly paragraph: number;
	readonly offset: number;
}

/** The paragraph index of the header lines (headline, dateline) above the body. */
export const HEADER = -1;

/**
 * The same place in a new version of the paragraphs (after the editor, or R): the paragraph
 * that was at the place, found again by its text (the nearest copy, when it repeats), at the
 * same offset. When that paragraph itself was changed, the place goes to where it was between
 * its neighbours: the next paragraph found again, less the paragraphs between. Kept as an index
 * only where nothing around it is found.
 */
export function relocateAnchor(
	anchor: Anchor,
	before: readonly string[],
	after: readonly string[],
): Anchor {
	if (anchor.paragraph === HEADER || after.length === 0) return anchor;
	const last = after.length - 1;
	const same = nearestIndexOf(after, before[anchor.paragraph], anchor.paragraph);
	if (same !== undefined) return {paragraph: same, offset: anchor.offset};
	for (let next = anchor.paragraph + 1; next < before.length; next++) {
		const found = nearestIndexOf(after, before[next], next);
		if (found !== undefined) {
			const paragraph = Math.max(0, found - (next - anchor.paragraph));
			return {paragraph, offset: Math.min(anchor.offset, after[paragraph]!.length)};
		}
	}
	const paragraph = Math.min(anchor.paragraph, last);
	return {paragraph, offset: Math.min(anchor.offset, after[paragraph]!.length)};
}

/** The index in `paragraphs` of `text` nearest to `near`, if it is there. */
function nearestIndexOf(
	paragraphs: readonly string[],
	text: string | undefined,
	near: number,
): number | undefined {
	if (text === undefined) return undefined;
	for (let distance = 0; distance < paragraphs.length; distance++) {
		if (paragraphs[near - distance] === text) return near - distance;
		if (paragraphs[near + distance] === text) return near + distance;
		if (near - distance < 0 && near + distance >= paragraphs.length) return undefined;
	}
	return undefined;
}
