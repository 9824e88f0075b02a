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
