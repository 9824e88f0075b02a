import stringWidth from 'string-width';

// string-width segments graphemes with Intl.Segmenter, which is slow on long strings; words
// repeat a lot in prose, so measuring each distinct word once keeps layout linear and cheap.
const cache = new Map<string, number>();
const CACHE_LIMIT = 200_000;
/**
 * Text of characters each one cell wide on their own and never joined to a neighbour: printable
 * ASCII, Latin-1 (but the soft hyphen, which is zero wide), and the general punctuation news
 * titles use (dashes, curly quotes, the ellipsis a cut leaves, daggers, primes), and the marks
 * the library's rows draw (↻ ▸ ● ✓; string-width's first call costs ~40 ms of the first frame,
 * compiling its patterns, so the first frame must not need it), and the arrows the hints draw
 * (← ↑ → ↓: the search prompt's first frame, which a query typed at once waits for). Such text is
 * as wide as it is long, so titles and cut file names are not segmented one by one (a third of
 * `list`'s time on 10,000 documents). A joining or combining character anywhere falls outside
 * the class and takes the full path.
 */
const ONE_CELL_EACH =
	/^[\x20-\x7e\u00a0-\u00ac\u00ae-\u00ff\u2010-\u2027\u2030-\u205e\u2190-\u2193\u21bb\u25b8\u25cf\u2713]*$/;

/** Longer strings are segmented a window at a time: Intl.Segmenter slows down more than
 * linearly on long input (a 120,000-character word took seconds in one go). */
const SEGMENT_WINDOW = 512;

/** Width of `text` in terminal cells (wide CJK = 2, combining marks = 0). Meant for short
 * strings such as words; for long text, measure word by word. */
export function cellWidth(text: string): number {
	if (ONE_CELL_EACH.test(text)) return text.length;
	if (text.length > SEGMENT_WINDOW) {
		let sum = 0;
		for (const {segment} of graphemeClusters(text)) sum += cellWidth(segment);
		return sum;
	}
	let width = cache.get(text);
	if (width === undefined) {
		width = stringWidth(text);
		if (cache.size >= CACHE_LIMIT) cache.clear();
		cache.set(text, width);
	}
	return width;
}

let graphemeSegmenter: Intl.Segmenter | undefined;
/** Made on first use: the process's first Intl object loads ICU's data (~19 ms). */
const graphemes = () =>
	(graphemeSegmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'}));

/** Splits text into grapheme clusters (what a person sees as one character). */
export function* graphemeClusters(text: string): Generator<{segment: string; index: number}> {
	if (text.length <= SEGMENT_WINDOW) {
		for (const {segment, index} of graphemes().segment(text)) yield {segment, index};
		return;
	}
	let offset = 0;
	while (offset < text.length) {
		const end = Math.min(text.length, offset + SEGMENT_WINDOW);
		let last: Intl.SegmentData | undefined;
		for (const data of graphemes().segment(text.slice(offset, end))) {
			if (last) yield {segment: last.segment, index: offset + last.index};
			last = data;
		}
		if (!last) break;
		// The window's last cluster may continue past its end: segment it again with what follows,
		// unless the text ends there or that cluster fills the whole window.
		if (end === text.length || last.index === 0) {
			yield {segment: last.segment, index: offset + last.index};
			offset += last.index + last.segment.length;
		} else {
			offset += last.index;
		}
	}
}

/** Cuts `text` to at most `width` cells without splitting a character; appends `ellipsis` when cut. */
export function truncateToWidth(text: string, width: number, ellipsis = '…'): string {
	if (width <= 0) return '';
	// One cell a character, none joined to another: cut where the cells run out. Grapheme
	// segmentation (and the ICU data Intl.Segmenter loads, ~16 ms of the seeds' first frame when a
	// title with a curly quote was cut) is only for the rest.
	if (ONE_CELL_EACH.test(text)) {
		if (text.length <= width) return text;
		const room = width - cellWidth(ellipsis);
		return room >= 0 ? text.slice(0, room) + ellipsis : '';
	}
	if (cellWidth(text) <= width) return text;
	// Screens cut the same titles to the same widths on every frame: remember the cuts.
	const key = `${width}\u0000${ellipsis}\u0000${text}`;
	let cut = truncations.get(key);
	if (cut === undefined) {
		cut = cutToWidth(text, width, ellipsis);
		if (truncations.size >= TRUNCATION_CACHE_LIMIT) truncations.clear();
		truncations.set(key, cut);
	}
	return cut;
}

const truncations = new Map<string, string>();
const TRUNCATION_CACHE_LIMIT = 20_000;

function cutToWidth(text: string, width: number, ellipsis: string): string {
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
	const cells = cellWidth(text);
	if (cells <= width) return text + ' '.repeat(width - cells);
	const fitted = truncateToWidth(text, width);
	return fitted + ' '.repeat(Math.max(0, width - cellWidth(fitted)));
}
