import type {SegmentRole, StyledLine} from '../core/types.js';
import {
	diffTexts,
	editsOf,
	plainUtf8Text,
	summariseTexts,
	summariseUtf8,
} from '../core/diff/diff-documents.js';
import {formatStats} from '../core/diff/stats.js';
import type {DiffResult, DiffSummary} from '../core/diff/types.js';

/** What the command needs of each version: its id and text (a whole Document will do), or,
 * for a summary, the file's bytes when plainUtf8 passes them (see run.ts): decoding, titles,
 * paragraphs and hashes cost more than the diff of a megabyte article. */
export type DiffSide =
	{readonly id: string; readonly text: string} | {readonly id: string; readonly utf8: Uint8Array};

/** A side's text, as the loader makes it: decoded and sanitised. */
function textOf(side: DiffSide): string {
	return 'text' in side ? side.text : plainUtf8Text(side.utf8);
}

export interface DiffCommandOptions {
	readonly a: DiffSide;
	readonly b: DiffSide;
	readonly json: boolean;
	readonly colour: boolean;
	readonly layout: boolean;
	readonly write: (text: string) => void;
}

/**
 * `reading-room diff a b`: an inline word diff then dwdiff-style statistics, or with `json` the
 * statistics and the list of deletions and insertions. Exit code 0 when the two are the same in
 * content (layout changes do not count), 1 when they differ.
 */
export async function diffCommand(options: DiffCommandOptions): Promise<number> {
	if (options.json && !options.layout) {
		// No rows to print: the summary, which skips what the two share, will do.
		const {a, b} = options;
		const summary =
			'utf8' in a && 'utf8' in b
				? summariseUtf8(a.utf8, b.utf8)
				: summariseTexts(textOf(a), textOf(b));
		const identical = summary.edits.length === 0;
		writeJson(options, summary, identical);
		return identical ? 0 : 1;
	}
	const result = diffTexts(textOf(options.a), textOf(options.b), {layout: options.layout});
	// The same in content: layout changes do not count.
	const identical = result.changes.every((change) => change.layoutOnly);
	if (options.json) writeJson(options, {...result, edits: editsOf(result)}, identical);
	else await writeText(options, result);
	return identical ? 0 : 1;
}

/** Flush written text in chunks of about this many characters rather than one huge string. */
const CHUNK = 64 * 1024;

function writeJson(
	{a, b, write}: DiffCommandOptions,
	result: DiffSummary,
	identical: boolean,
): void {
	const {wordsA, wordsB, common, deleted, inserted, similarity} = result.stats;
	const stats = {wordsA, wordsB, common, deleted, inserted, similarity};
	let chunk = `{"a":${JSON.stringify(a.id)},"b":${JSON.stringify(b.id)},"identical":${identical},"fallback":${result.fallback},"stats":${JSON.stringify(stats)},"changes":[`;
	let first = true;
	for (const edit of result.edits) {
		chunk += `${first ? '' : ','}{"type":"${edit.type}","text":${JSON.stringify(edit.text)},"offsetA":${edit.offsetA},"offsetB":${edit.offsetB}}`;
		first = false;
		if (chunk.length >= CHUNK) {
			write(chunk);
			chunk = '';
		}
	}
	write(`${chunk}]}\n`);
}

// Plain SGR: a colour plus a second cue, so the change still shows to colour-blind readers.
const STYLE: Partial<Record<SegmentRole, string>> = {
	deleted: '\x1b[31;9m',
	inserted: '\x1b[32;4m',
	layout: '\x1b[33m',
};
const RESET = '\x1b[0m';

async function writeText(
	{a, b, colour, layout, write}: DiffCommandOptions,
	result: DiffResult,
): Promise<void> {
	// Loaded here, not with the module: `--json` has no rows to lay out, nor text to measure.
	const {DiffLayout} = await import('../core/diff/rows.js');
	// No width: the terminal wraps; lines are paragraphs.
	const rows = new DiffLayout(result, {mode: 'inline', width: Infinity, layout, brackets: !colour});
	let chunk = '';
	for (const row of rows.allRows()) {
		// Inline rows are lines; the check only tells TypeScript so.
		chunk += render('line' in row ? row.line : [], colour) + '\n';
		if (chunk.length >= CHUNK) {
			write(chunk);
			chunk = '';
		}
	}
	if (result.fallback)
		chunk += '\n(the texts differ too much for a word diff: paragraphs compared)\n';
	chunk += '\n' + formatStats(result.stats, a.id, b.id).join('\n') + '\n';
	write(chunk);
}

function render(line: StyledLine, colour: boolean): string {
	let text = '';
	for (const segment of line) {
		const style = colour && segment.role ? STYLE[segment.role] : undefined;
		text += style ? style + segment.text + RESET : segment.text;
	}
	return text;
}
