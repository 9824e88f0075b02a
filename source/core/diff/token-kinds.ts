/** What separates a token from the token before it in its own text. */
export const GAP_NONE = 0;
export const GAP_SPACE = 1;
export const GAP_PARAGRAPH = 2;

export const KIND_WORD = 0;
export const KIND_PUNCTUATION = 1;
/** A paragraph break made into a token, so that layout changes can be diffed (layout mode). */
export const KIND_BREAK = 2;
