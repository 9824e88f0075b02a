import stringWidth from 'string-width';

// string-width segments graphemes with Intl.Segmenter, which is slow on long strings; words
// repeat a lot in prose, so measuring each distinct word once keeps layout linear and cheap.
const cache = new Map<string, number>();
const CACHE_LIMIT = 200_000;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Width of `text` in terminal cells (wide CJK = 2, combining marks = 0). Meant for short
 * strings such as words; for long text, measure word by word. */
export function cellWidth(text: string): number {
	if (PRINTABLE_ASCII.test(text)) return text.length;
	let width = cache.get(text);
	if (width === undefined) {
		width = stringWidth(text);
		if (cache.size >= CACHE_LIMIT) cache.clear();
		cache.set(text, width);
	}
	return width;
}

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Splits text into grapheme clusters (what a person sees as one character). */
export function* graphemeClusters(text: string): Generator<{segment: string; index: number}> {
	for (const {segment, index} of graphemes.segment(text)) yield {segment, index};
}

/** Cuts `text` to at most `width` cells without splitting a character; appends `ellipsis` when cut. */
export function truncateToWidth(text: string, width: number, ellipsis = '…'): string {
	if (width <= 0) return '';
	if (cellWidth(text) <= width) return text;
	const room = width - cellWidth(ellipsis);
	let used = 0;
	let end = 0;
	for (const {segment, index} of graphemeClusters(text)) {
		const w = cellWidth(segment);
		if (used + w > room) break;
		used += w;
		end = index + segment.length;
	}
	return text.slice(0, end) + (room >= 0 ? ellipsis : '');
}

/** Pads `text` with spaces to exactly `width` cells (truncating when it is wider). */
export function padToWidth(text: string, width: number): string {
	const fitted = cellWidth(text) > width ? truncateToWidth(text, width) : text;
	return fitted + ' '.repeat(Math.max(0, width - cellWidth(fitted)));
}
