/**
 * Whether a text file (not .md) is clearly Markdown, so the reader renders it as such. Meant to
 * be conservative: a plain article must never lose its characters to a Markdown reading. It
 * must open with an ATX heading ("# Title": a plain article's headline has no '#'), and go on
 * with more of Markdown's marks: several lines of at least two kinds among headings, list
 * items, fenced code, quotes, links and strong emphasis.
 */

/** Lines looked at: enough to judge, bounded for a huge file. */
const LINES_LOOKED_AT = 400;
/** Lines with a Markdown mark needed after the opening heading, and kinds of mark. */
const MARKED_LINES = 3;
const KINDS = 2;

const HEADING = /^#{1,6}[ \t]+\S/;
const SIGNALS: readonly (readonly [kind: string, pattern: RegExp])[] = [
	['heading', HEADING],
	['list', /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S/],
	['fence', /^ {0,3}(?:```|~~~)/],
	['quote', /^ {0,3}>[ \t]?\S/],
	['link', /\[[^\]\n]+\]\((?:https?:\/\/|mailto:|\.{0,2}\/|#)[^)\s]*\)/],
	['strong', /(?:\*\*|__)\S[^*_\n]*\S(?:\*\*|__)/],
];

export function looksLikeMarkdown(text: string): boolean {
	// Most files fail at once: their first non-blank character is not '#'.
	const start = text.search(/\S/);
	if (start < 0 || text[start] !== '#') return false;
	const lines = text.slice(start).split('\n', LINES_LOOKED_AT);
	if (!HEADING.test(lines[0]!)) return false;
	const kinds = new Set<string>(['heading']);
	let marked = 0;
	for (const line of lines.slice(1)) {
		const signal = SIGNALS.find(([, pattern]) => pattern.test(line));
		if (!signal) continue;
		marked++;
		kinds.add(signal[0]);
	}
	return marked >= MARKED_LINES && kinds.size >= KINDS;
}
