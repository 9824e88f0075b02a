/** How a range of a Markdown block's text looks. */
export type MarkdownSpanStyle = 'strong' | 'emphasis' | 'deleted' | 'code' | 'link' | 'html';

/** A styled range [start, end) of a block's text; a link carries its (sanitised) address. */
export interface MarkdownSpan {
	readonly start: number;
	readonly end: number;
	readonly style: MarkdownSpanStyle;
	readonly href?: string;
}

/** A cell's text in its row's text, [start, end). */
export interface TableCell {
	readonly start: number;
	readonly end: number;
}

export type MarkdownBlockKind = 'heading' | 'paragraph' | 'item' | 'code' | 'table-row' | 'html';

/**
 * One block of a rendered Markdown document. `text` is plain (no Markdown syntax), whitespace
 * collapsed except in code and HTML blocks, which keep their lines; it is what search, word
 * counts and the diff read. The rest says how the reader draws it.
 */
export interface MarkdownBlock {
	readonly kind: MarkdownBlockKind;
	readonly text: string;
	readonly spans: readonly MarkdownSpan[];
	/** Cells of list indentation before the block (its marker, if any, sits in them). */
	readonly indent: number;
	/** Block-quote depth: each level draws a bar before every line. */
	readonly quote: number;
	/** Heading level, 1–6. */
	readonly level?: number;
	/** A list item's bullet or number ('•', '3.', '☑'). */
	readonly marker?: string;
	/** A block of a tight list: no blank line after it. */
	readonly tight?: boolean;
	/** A table's header row. */
	readonly header?: boolean;
	/** A table row's cells: where each column's text (without its padding) lies in `text`. */
	readonly cells?: readonly TableCell[];
}
