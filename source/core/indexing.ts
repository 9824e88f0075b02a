/**
 * Background indexing a slice at a time, shared by the search index and the versions index:
 * a job works through its documents in pieces of text and looks at its deadline between
 * pieces, so no slice grows with the size of a document.
 */
export interface IndexingJob {
	/** Documents in the batch. */
	readonly total: number;
	/** Documents wholly indexed (and visible) so far, a prefix of the batch. */
	readonly completed: number;
	readonly done: boolean;
	/** Works through at least one piece of text, then more until `deadline()` returns true
	 * (asked between pieces) or the batch is in. Returns whether the batch is in. */
	step(deadline: () => boolean): boolean;
}

export interface AddingOptions {
	/** Characters per piece; tests make it tiny to cut words, shingles and paragraphs at every
	 * possible place. */
	readonly pieceCharacters?: number;
}
