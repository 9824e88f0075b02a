import type {SegmentRole, StyledLine} from '../core/types.js';
import {
	diffTexts,
	editsOf,
	plainUtf8Text,
	summariseTexts,
	summariseUtf8,
} from '../core/diff/diff-documents.js';
import {
	formatRegionSummary,
	splitRegions,
	storyEdits,
	summariseRegions,
	type RegionSide,
	type RegionSummary,
} from '../core/diff/regions.js';
import {formatStats} from '../core/diff/stats.js';
import type {DiffEdit, DiffResult, DiffSummary} from '../core/diff/types.js';
import {utf8Ends} from '../core/diff/diff-documents.js';

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
	/** Leave out changes outside the headline and the body (--ignore-boilerplate). */
	readonly ignoreBoilerplate?: boolean;
	/** Paragraphs that recur at the ends of the folder's documents (recurringBoilerplate). */
	readonly recurring?: ReadonlySet<string>;
}

/** A side's regions, reading only the ends of its text. */
function regionsOf(side: DiffSide, recurring: ReadonlySet<string> | undefined): RegionSide {
	return {regions: splitRegions('utf8' in side ? utf8Ends(side.utf8) : side.text, recurring)};
}

/**
 * `reading-room diff a b`: an inline word diff then dwdiff-style statistics, or with `json` the
 * statistics and the list of deletions and insertions. Exit code 0 when the two are the same in
 * content (layout changes do not count), 1 when they differ.
 */
export async function diffCommand(options: DiffCommandOptions): Promise<number> {
	const {a, b, recurring} = options;
	const regions = {a: regionsOf(a, recurring), b: regionsOf(b, recurring)};
	/** The edits shown: all, or with --ignore-boilerplate those of the headline and body. */
	const shown = (edits: readonly DiffEdit[]) =>
		options.ignoreBoilerplate ? storyEdits(regions.a, regions.b, edits) : edits;
	if (options.json && !options.layout) {
		// No rows to print: the summary, which skips what the two share, will do.
		const summary =
			'utf8' in a && 'utf8' in b
				? summariseUtf8(a.utf8, b.utf8)
				: summariseTexts(textOf(a), textOf(b));
		const edits = shown(summary.edits);
		writeJson(options, {...summary, edits}, summariseRegions(regions.a, regions.b, summary.edits));
		return edits.length === 0 ? 0 : 1;
	}
	const result = diffTexts(textOf(a), textOf(b), {layout: options.layout});
	const all = editsOf(result);
	const byRegion = summariseRegions(
		regions.a,
		regions.b,
		options.layout ? contentEdits(result) : all,
	);
	if (options.json) {
		writeJson(options, {...result, edits: shown(all)}, byRegion);
	} else {
		await writeText(options, result, byRegion);
	}
	return result.changes.every((change) => change.layoutOnly) ? 0 : 1;
}

/** The edits of a layout diff that change words, not only paragraph breaks. */
function contentEdits(result: DiffResult): DiffEdit[] {
	return editsOf(result).filter((edit) => edit.text.trim() !== '');
}

/** Flush written text in chunks of about this many characters rather than one huge string. */
const CHUNK = 64 * 1024;

function writeJson(
	{a, b, write}: DiffCommandOptions,
	result: DiffSummary,
	byRegion: RegionSummary,
): void {
	const {wordsA, wordsB, common, deleted, inserted, similarity} = result.stats;
	const stats = {wordsA, wordsB, common, deleted, inserted, similarity};
	const {headline, dateline, footer, body} = byRegion;
	const summary = {headline, dateline, footer, body};
	let chunk = `{"a":${JSON.stringify(a.id)},"b":${JSON.stringify(b.id)},"fallback":${result.fallback},"stats":${JSON.stringify(stats)},"summary":${JSON.stringify(summary)},"changes":[`;
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
	byRegion: RegionSummary,
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
	chunk += formatRegionSummary(byRegion) + '\n';
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
