import {describeLinkChanges, linkChanges, type LinkChanges} from '../core/markdown/links.js';
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
import {CONTEXT_LINES, findFolds, FOLDED, foldLabel, FoldView} from '../core/diff/folds.js';
import type {DiffRow} from '../core/diff/rows.js';
import {formatStats} from '../core/diff/stats.js';
import type {DiffEdit, DiffResult, DiffSummary} from '../core/diff/types.js';
import {utf8Ends} from '../core/diff/diff-documents.js';
import {WRITE_CHARACTERS} from './write-pieces.js';

/** What the command needs of each version: its id and text (a whole Document will do), or,
 * for a summary, the file's bytes when plainUtf8 passes them (see run.ts): decoding, titles,
 * paragraphs and hashes cost more than the diff of a megabyte article. */
export type DiffSide =
	| {
			readonly id: string;
			readonly text: string;
			/** A Markdown side's link addresses (core/markdown/links): its text has their words only. */
			readonly links?: readonly string[];
	  }
	| {readonly id: string; readonly utf8: Uint8Array};

/** How the two sides' links differ, when both are Markdown (see diffDocuments). */
function linksOf(a: DiffSide, b: DiffSide): LinkChanges | undefined {
	const left = 'links' in a ? a.links : undefined;
	const right = 'links' in b ? b.links : undefined;
	return left && right ? linkChanges(left, right) : undefined;
}

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
	/** Printed rows of context around each change (--context); 'all' prints everything.
	 * Default CONTEXT_LINES. */
	readonly context?: number | 'all';
	/** Width to wrap printed lines at (--width); without it, a line is a paragraph. */
	readonly width?: number;
}

/** A side's regions, reading only the ends of its text (`length`: its UTF-16 length, when a
 * summary knows it, so that the bytes need not be counted). */
function regionsOf(
	side: DiffSide,
	recurring: ReadonlySet<string> | undefined,
	length?: number,
): RegionSide {
	return {
		regions: splitRegions('utf8' in side ? utf8Ends(side.utf8, length) : side.text, recurring),
	};
}

/**
 * `reading-room diff a b`: an inline word diff then dwdiff-style statistics, or with `json` the
 * statistics and the list of deletions and insertions. Exit code 0 when the two are the same in
 * content (layout changes do not count), 1 when they differ.
 */
export async function diffCommand(options: DiffCommandOptions): Promise<number> {
	const {a, b, recurring} = options;
	const links = linksOf(a, b);
	if (options.json && !options.layout) {
		// No rows to print: the summary, which skips what the two share, will do.
		const summary =
			'utf8' in a && 'utf8' in b
				? summariseUtf8(a.utf8, b.utf8)
				: summariseTexts(textOf(a), textOf(b));
		const regions = {
			a: regionsOf(a, recurring, summary.lengthA),
			b: regionsOf(b, recurring, summary.lengthB),
		};
		const edits = options.ignoreBoilerplate
			? storyEdits(regions.a, regions.b, summary.edits)
			: summary.edits;
		const byRegion = summariseRegions(regions.a, regions.b, summary.edits, summary.stats);
		writeJson(options, {...summary, edits}, byRegion, summary.edits.length === 0, links);
		return edits.length === 0 && !links ? 0 : 1;
	}
	const regions = {a: regionsOf(a, recurring), b: regionsOf(b, recurring)};
	/** The edits shown: all, or with --ignore-boilerplate those of the headline and body. */
	const shown = (edits: readonly DiffEdit[]) =>
		options.ignoreBoilerplate ? storyEdits(regions.a, regions.b, edits) : edits;
	const result = diffTexts(textOf(a), textOf(b), {layout: options.layout});
	const all = editsOf(result);
	// The changes shown: with --ignore-boilerplate, those of the headline and body.
	const shownChanges = result.changes.filter(
		(change) =>
			!options.ignoreBoilerplate ||
			storyEdits(
				regions.a,
				regions.b,
				editsOf({...result, parts: result.parts.slice(change.firstPart, change.endPart)}),
			).length > 0,
	);
	const byRegion = summariseRegions(
		regions.a,
		regions.b,
		options.layout ? contentEdits(result) : all,
	);
	if (options.json) {
		writeJson(
			options,
			{...result, edits: shown(all), lengthA: result.a.textLength, lengthB: result.b.textLength},
			byRegion,
			result.changes.every((change) => change.layoutOnly),
			links,
		);
	} else {
		const shownSet = new Set(shownChanges.map((change) => change.index));
		await writeText(options, result, byRegion, shownSet, links);
	}
	return shownChanges.every((change) => change.layoutOnly) && !links ? 0 : 1;
}

/** The edits of a layout diff that change words, not only paragraph breaks. */
function contentEdits(result: DiffResult): DiffEdit[] {
	return editsOf(result).filter((edit) => edit.text.trim() !== '');
}

/** Written text is flushed once it holds this many characters, rather than as one huge string
 * (see write-pieces.ts). */
const CHUNK = WRITE_CHARACTERS;

function writeJson(
	{a, b, write}: DiffCommandOptions,
	result: DiffSummary,
	byRegion: RegionSummary,
	identical: boolean,
	links: LinkChanges | undefined,
): void {
	const {wordsA, wordsB, common, deleted, inserted, similarity} = result.stats;
	const stats = {wordsA, wordsB, common, deleted, inserted, similarity};
	const {headline, dateline, footer, body} = byRegion;
	const summary = {headline, dateline, footer, body};
	// "links" only where two Markdown articles' links lead elsewhere: other output is as before.
	const linksField = links ? `,"links":${JSON.stringify(links)}` : '';
	let chunk = `{"a":${JSON.stringify(a.id)},"b":${JSON.stringify(b.id)},"identical":${identical && !links},"fallback":${result.fallback},"stats":${JSON.stringify(stats)},"summary":${JSON.stringify(summary)}${linksField},"changes":[`;
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

/**
 * The inline diff in hunks: rows within `context` rows of a shown change, each hunk under a
 * line saying which paragraphs it holds ("── paragraphs 3–5 ──"), the rows between folded to
 * one line ("⋯ 38 unchanged lines"), as the screen folds them (core/diff/folds.ts); then the
 * statistics and the summary by region.
 */
async function writeText(
	{a, b, colour, layout, write, context = CONTEXT_LINES, width}: DiffCommandOptions,
	result: DiffResult,
	byRegion: RegionSummary,
	shown: ReadonlySet<number>,
	links: LinkChanges | undefined,
): Promise<void> {
	// Loaded here, not with the module: `--json` has no rows to lay out, nor text to measure.
	const {DiffLayout} = await import('../core/diff/rows.js');
	// Without a width the terminal wraps: lines are paragraphs.
	const layoutRows = new DiffLayout(result, {
		mode: 'inline',
		width: width ?? Infinity,
		layout,
		brackets: !colour,
	});
	const rows = [...layoutRows.allRows()];
	const changed = (row: number) => {
		const {change, lastChange} = rows[row]!;
		if (change === undefined) return false;
		for (let index = change; index <= lastChange!; index++) if (shown.has(index)) return true;
		return false;
	};
	const folds = findFolds(rows.length, changed, context);
	const view = new FoldView(folds, FOLDED, rows.length);
	// Paragraph of each row: inline, a blank row separates paragraphs.
	const paragraphOf = new Int32Array(rows.length);
	let paragraph = 1;
	for (let row = 0; row < rows.length; row++) {
		const line = lineOf(rows[row]!);
		if (line.length === 0 && row > 0) paragraph++;
		paragraphOf[row] = paragraph;
	}
	const blank = (at: number) => {
		const shownRow = view.at(at);
		return shownRow.kind === 'row' && lineOf(rows[shownRow.row]!).length === 0;
	};
	let chunk = '';
	for (let at = 0; at < view.length;) {
		const shownRow = view.at(at);
		if (shownRow.kind === 'fold') {
			chunk += foldLabel(shownRow.hidden) + '\n';
			at++;
			continue;
		}
		// A hunk: the rows up to the next fold, without blank rows at either end.
		let end = at;
		while (end < view.length && view.at(end).kind === 'row') end++;
		let first = at;
		let last = end - 1;
		if (context !== 'all') {
			while (first < last && blank(first)) first++;
			while (last > first && blank(last)) last--;
			chunk += hunkHeader(view, first, last, paragraphOf) + '\n';
		}
		for (let row = first; row <= last; row++) {
			const {row: index} = view.at(row) as {row: number};
			chunk += render(lineOf(rows[index]!), colour) + '\n';
			if (chunk.length >= CHUNK) {
				write(chunk);
				chunk = '';
			}
		}
		at = end;
	}
	if (result.fallback)
		chunk += '\n(the texts differ too much for a word diff: paragraphs compared)\n';
	chunk += '\n' + formatStats(result.stats, a.id, b.id).join('\n') + '\n';
	chunk += formatRegionSummary(byRegion);
	chunk += (links ? ` · ${describeLinkChanges(links)}` : '') + '\n';
	write(chunk);
}

/** Inline rows are lines; the check only tells TypeScript so. */
function lineOf(row: DiffRow): StyledLine {
	return 'line' in row ? row.line : [];
}

/** "── paragraph 3 ──" or "── paragraphs 3–5 ──" for the hunk of shown rows [first, last]. */
function hunkHeader(view: FoldView, first: number, last: number, paragraphOf: Int32Array): string {
	const paragraph = (at: number) => {
		const shownRow = view.at(at);
		return shownRow.kind === 'row' ? paragraphOf[shownRow.row]! : 1;
	};
	const from = paragraph(first);
	const to = paragraph(last);
	return from === to ? `── paragraph ${from} ──` : `── paragraphs ${from}–${to} ──`;
}

function render(line: StyledLine, colour: boolean): string {
	let text = '';
	for (const segment of line) {
		const style = colour && segment.role ? STYLE[segment.role] : undefined;
		text += style ? style + segment.text + RESET : segment.text;
	}
	return text;
}
