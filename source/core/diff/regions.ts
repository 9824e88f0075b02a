/**
 * The parts of an article a reader of two versions asks about: its headline, its dateline (or
 * byline) line, its body, and the site's boilerplate above and below it (licence lines, "Leave
 * a Comment", "All rights reserved", "Share this", subscription prompts, and any paragraph that
 * recurs at the start or end of RECURRING_DOCUMENTS or more documents of the folder). A diff
 * summarised by region answers "is this the same article, and what changed in the story?" in
 * one line: "body identical · headline added · dateline added · footer replaced".
 */
import {isDateline, splitHeading} from '../corpus/heading.js';
import {collapseWhitespace, splitParagraphsSteps, trimBlankLines} from '../corpus/paragraphs.js';
import {countOf, formatWordChange} from '../text/numbers.js';
import {countWords} from '../text/words.js';
import {finish, SteppedWork, type Steps} from '../steps.js';
import type {Document} from '../types.js';
import type {DiffEdit, DiffResult} from './types.js';
import {GAP_PARAGRAPH, TokenIds, tokenizeWords} from './word-tokens.js';

export type RegionKind = 'headline' | 'dateline' | 'body' | 'header' | 'footer';

/** A stretch [start, end) of a text (UTF-16 offsets) and what it is. */
export interface Region {
	readonly kind: RegionKind;
	readonly start: number;
	readonly end: number;
	/** Its text, whitespace collapsed; '' for the body, which is not read whole. */
	readonly text: string;
}

/** A paragraph at the start or end of this many documents of a folder is boilerplate. */
export const RECURRING_DOCUMENTS = 3;
/** Paragraphs at each end of a document looked at for recurrence. */
const EDGE_PARAGRAPHS = 2;
/** Boilerplate is short: a longer paragraph is the story's, whatever it says. */
const BOILERPLATE_MAX_WORDS = 40;

/** Lines sites put around an article; matched only in short paragraphs at the body's ends. */
const BOILERPLATE = [
	/\blicen[cs]ed under\b/i,
	/\bcreative commons\b/i,
	/\ball rights reserved\b/i,
	/^(?:©|\(c\)\s|copyright\b)/i,
	/^leave a (?:comment|reply)\b/i,
	/^(?:share|tweet|email) (?:this|on)\b/i,
	/\b(?:subscribe|sign up)\b.*\b(?:newsletter|updates|inbox|free)\b/i,
	/^(?:subscribe|follow us|read more|related articles?)\b/i,
];

/** The key a paragraph recurs by: its words, whatever the wrapping and case. */
function paragraphKey(paragraph: string): string {
	return collapseWhitespace(paragraph).toLowerCase();
}

/** A paragraph this long, away from a document's ends, is its story's own: documents that share
 * one are versions of one story. */
const STORY_PARAGRAPH_CHARACTERS = 80;

/**
 * Paragraphs that recur at the start or end (the first or last EDGE_PARAGRAPHS) of documents of
 * at least RECURRING_DOCUMENTS different stories: a site's header and footer. Documents that
 * share a long paragraph between their ends are versions of one story and count once, so a
 * headline kept by every version of a story is not taken for a site's header. Give it a
 * folder's texts.
 */
export function recurringBoilerplate(texts: Iterable<string>): Set<string> {
	return finish(recurringBoilerplateSteps(texts));
}

/** Paragraphs read between two yields of recurringBoilerplateSteps: well under a millisecond. */
const PARAGRAPHS_PER_STEP = 500;

/**
 * recurringBoilerplate a piece at a time, for the app to find between keys (a folder of six
 * 5 MB versions took 450 ms in one go): a document's text is got in a step, its paragraphs are
 * split in the next (about 25 ms for 5 MB), then read PARAGRAPHS_PER_STEP at a time.
 */
export function* recurringBoilerplateSteps(texts: Iterable<string>): Steps<Set<string>> {
	const edges: Set<string>[] = [];
	const story: number[] = [];
	const rootOf = (document: number): number => {
		while (story[document] !== document) document = story[document] = story[story[document]!]!;
		return document;
	};
	const firstWith = new Map<string, number>();
	let read = 0;
	for (const text of texts) {
		// Getting a text may be reading it back from the store: a piece of its own.
		yield;
		const document = edges.length;
		story.push(document);
		const paragraphs = yield* splitParagraphsSteps(text);
		yield;
		edges.push(
			new Set(
				[...paragraphs.slice(0, EDGE_PARAGRAPHS), ...paragraphs.slice(-EDGE_PARAGRAPHS)].map(
					paragraphKey,
				),
			),
		);
		const middleEnd = paragraphs.length - EDGE_PARAGRAPHS;
		for (let index = EDGE_PARAGRAPHS; index < middleEnd; index++) {
			if (++read % PARAGRAPHS_PER_STEP === 0) yield;
			const paragraph = paragraphs[index]!;
			if (paragraph.length < STORY_PARAGRAPH_CHARACTERS) continue;
			const key = paragraphKey(paragraph);
			const other = firstWith.get(key);
			if (other === undefined) firstWith.set(key, document);
			else story[rootOf(document)] = rootOf(other);
		}
	}
	const stories = new Map<string, Set<number>>();
	edges.forEach((keys, document) => {
		const root = rootOf(document);
		for (const key of keys) {
			let seen = stories.get(key);
			if (seen === undefined) stories.set(key, (seen = new Set()));
			seen.add(root);
		}
	});
	const recurring = new Set<string>();
	for (const [key, seen] of stories) {
		if (seen.size >= RECURRING_DOCUMENTS && countWords(key) <= BOILERPLATE_MAX_WORDS)
			recurring.add(key);
	}
	return recurring;
}

/** Folders of more documents than this are not read for their boilerplate: a diff or a history
 * should not wait for a whole library to be read. Below it, every document is looked at. */
export const BOILERPLATE_FOLDER_DOCUMENTS = 200;

/** The folder's recurring boilerplate (recurringBoilerplate) when it has at most
 * BOILERPLATE_FOLDER_DOCUMENTS documents, else none: the one rule `diff` and `history` follow,
 * so both say the same of the same two versions. `texts` is called only when it is read. */
export function folderBoilerplate(count: number, texts: () => Iterable<string>): Set<string> {
	return finish(folderBoilerplateSteps(count, texts));
}

/** folderBoilerplate a piece at a time (recurringBoilerplateSteps). */
export function* folderBoilerplateSteps(
	count: number,
	texts: () => Iterable<string>,
): Steps<Set<string>> {
	// Fewer documents than RECURRING_DOCUMENTS cannot share a paragraph with enough others.
	if (count < RECURRING_DOCUMENTS || count > BOILERPLATE_FOLDER_DOCUMENTS) return new Set();
	return yield* recurringBoilerplateSteps(texts());
}

/** folderBoilerplateOf's work per list of documents, under way or done. */
const boilerplateOfFolders = new WeakMap<readonly Document[], SteppedWork<ReadonlySet<string>>>();

/** folderBoilerplate of the folder `documents` are, found once per list: what the app's diff
 * screen and its histories both summarise with, as `diff` and `history` do from the files. */
export function folderBoilerplateOf(documents: readonly Document[]): ReadonlySet<string> {
	return finish(folderBoilerplateOfSteps(documents));
}

/** folderBoilerplateOf a piece at a time: the app finds it between keys before its histories
 * summarise their first step. Every caller for one list drives the same work, and a call of
 * folderBoilerplateOf meanwhile finishes it. */
export function* folderBoilerplateOfSteps(
	documents: readonly Document[],
): Steps<ReadonlySet<string>> {
	let work = boilerplateOfFolders.get(documents);
	if (work === undefined) {
		work = new SteppedWork<ReadonlySet<string>>(
			folderBoilerplateSteps(documents.length, () => textsOf(documents)),
		);
		boilerplateOfFolders.set(documents, work);
	}
	while (!work.step(() => true)) yield;
	return work.result!;
}

/** The documents' texts, each got when the one before has been read: a stored document's
 * text is read back from the store when asked for. */
function* textsOf(documents: readonly Document[]): Iterable<string> {
	for (const document of documents) yield document.text;
}

/** Whether a paragraph at an end of the body is a site's, not the story's. */
export function isBoilerplate(paragraph: string, recurring: ReadonlySet<string> = NONE): boolean {
	const key = paragraphKey(paragraph);
	if (recurring.has(key)) return true;
	if (countWords(key) > BOILERPLATE_MAX_WORDS) return false;
	return BOILERPLATE.some((pattern) => pattern.test(key));
}

const NONE: ReadonlySet<string> = new Set();

/** A text as the regions need it: its length and its two ends, so that a 5 MB text need not
 * be decoded, nor its paragraphs read, to find its headline and footer. */
export interface TextEnds {
	/** Length in UTF-16 units. */
	readonly length: number;
	/** The first `length` units at most, or the whole text when it is shorter. */
	readonly head: (length: number) => string;
	/** The last `length` units at most. */
	readonly tail: (length: number) => string;
}

/** Units read at each end of a long text: a heading, a dateline and a few paragraphs. */
const EDGE = 16_384;

export function textEnds(text: string): TextEnds {
	return {
		length: text.length,
		head: (length) => text.slice(0, length),
		tail: (length) => text.slice(Math.max(0, text.length - length)),
	};
}

/**
 * Splits a text (a Document's) into regions, in order: a headline and a dateline as the
 * library reads them (core/corpus/heading.ts, and a dateline that is the first paragraph),
 * then the body, whose paragraphs, as the diff reads them, are `header` or `footer` while they
 * are boilerplate at either end. Each region spans its first token to its last; the body is one
 * region. Only the text's ends are read (EDGE units each).
 */
export function splitRegions(
	text: string | TextEnds,
	recurring: ReadonlySet<string> = NONE,
): Region[] {
	const ends = typeof text === 'string' ? textEnds(text) : text;
	const whole = ends.length <= 2 * EDGE;
	const head = ends.head(whole ? ends.length : EDGE);
	const lead = head.length - head.replace(/^(?:[^\S\n]*\n)+/, '').length;
	const trimmed = trimBlankLines(head);
	const heading = splitHeading(trimmed);
	const bodyStart = lead + trimmed.length - heading.body.length;
	const regions: Region[] = [];
	// The heading's lines: the headline, and a dateline above or below it.
	let lineStart = lead;
	while (lineStart < bodyStart) {
		let lineEnd = head.indexOf('\n', lineStart);
		if (lineEnd === -1 || lineEnd > bodyStart) lineEnd = bodyStart;
		const raw = head.slice(lineStart, lineEnd);
		const line = collapseWhitespace(raw);
		if (line !== '') {
			// A site's name above every article reads as a headline: it is the header.
			const kind =
				line !== heading.headline
					? 'dateline'
					: isBoilerplate(line, recurring)
						? 'header'
						: 'headline';
			const start = lineStart + raw.length - raw.trimStart().length;
			regions.push({kind, start, end: start + raw.trim().length, text: line});
		}
		lineStart = lineEnd + 1;
	}
	// Paragraphs at the start of the body, and at its end (of the tail, all but the first,
	// which may be cut), as offsets in the text.
	const first = paragraphRanges(head, bodyStart, 0);
	if (!whole) first.pop();
	let last = first;
	// Where the body ends when no whole paragraph of the tail is body: the end of the tail's
	// first, cut one (a paragraph longer than the tail, an article saved as one line).
	let cutEnd: number | undefined;
	if (!whole) {
		const tail = ends.tail(EDGE);
		const ranges = paragraphRanges(tail, 0, ends.length - tail.length);
		cutEnd = ranges[0]?.end;
		last = ranges.slice(1);
	}
	let from = 0;
	if (heading.dateline === undefined && first.length > 1 && isDateline(first[0]!.text)) {
		regions.push({kind: 'dateline', ...first[0]!});
		from = 1;
	}
	while (from < first.length && isBoilerplate(first[from]!.text, recurring)) {
		regions.push({kind: 'header', ...first[from]!});
		from++;
	}
	const bodyFrom = first[from]?.start ?? bodyStart;
	let to = last.length;
	while (to > 0 && last[to - 1]!.start > bodyFrom && isBoilerplate(last[to - 1]!.text, recurring)) {
		to--;
	}
	const bodyTo = to > 0 ? last[to - 1]!.end : (cutEnd ?? bodyFrom);
	if (bodyTo > bodyFrom) regions.push({kind: 'body', start: bodyFrom, end: bodyTo, text: ''});
	for (const range of last.slice(to)) regions.push({kind: 'footer', ...range});
	return regions;
}

interface Paragraph {
	readonly start: number;
	readonly end: number;
	/** Whitespace collapsed. */
	readonly text: string;
}

/** The paragraphs of text[from, …) as the diff's tokenizer breaks them, first token to last,
 * offsets moved by `shift`. */
function paragraphRanges(text: string, from: number, shift: number): Paragraph[] {
	const ids = new TokenIds(text.length);
	const tokens = tokenizeWords(text, ids, {breakTokens: false, from});
	ids.release();
	const ranges: Paragraph[] = [];
	let start = -1;
	for (let i = 0; i <= tokens.length; i++) {
		if (i === tokens.length || tokens.gaps[i] === GAP_PARAGRAPH || start === -1) {
			if (start !== -1) {
				const end = tokens.ends[i - 1]!;
				ranges.push({
					start: start + shift,
					end: end + shift,
					text: collapseWhitespace(text.slice(start, end)),
				});
			}
			if (i < tokens.length) start = tokens.starts[i]!;
		}
	}
	return ranges;
}

/** How a region compares between two versions. */
export type RegionStatus = 'added' | 'removed' | 'changed' | 'same' | 'none';

export interface BodySummary {
	/** Changes of the diff with a deletion or insertion in either version's body. */
	readonly changes: number;
	/** Words those changes delete and insert. */
	readonly deleted: number;
	readonly inserted: number;
}

/** What `diff --json` reports as "summary". */
export interface RegionSummary {
	readonly headline: RegionStatus;
	readonly dateline: RegionStatus;
	/** The boilerplate, header and footer together. */
	readonly footer: RegionStatus;
	readonly body: BodySummary;
	/** The footer was changed and the two share no word of four letters or more (a "a" or
	 * "the" does not make it the same footer): it was replaced. */
	readonly footerReplaced: boolean;
}

/** One version of a diff: its regions (splitRegions). */
export interface RegionSide {
	readonly regions: readonly Region[];
}

/**
 * Summarises a diff's edits (in order, as DiffSummary or editsOf give them) by region. A change
 * (a deletion and the insertion after it, or either alone) is the body's when any of its edits
 * overlaps its own version's body; headline, dateline and footer compare their text. `totals`:
 * the words all the edits delete and insert (the diff's statistics), when known, so that only
 * the few changes outside the body need their words counted.
 */
export function summariseRegions(
	a: RegionSide,
	b: RegionSide,
	edits: readonly DiffEdit[],
	totals?: {readonly deleted: number; readonly inserted: number},
): RegionSummary {
	let changes = 0;
	let deleted = 0;
	let inserted = 0;
	let outsideDeleted = 0;
	let outsideInserted = 0;
	for (const change of groupChanges(edits)) {
		const body = change.some((edit) => inRegions(edit, a, b, BODY));
		if (body) changes++;
		if (body && totals !== undefined) continue;
		for (const edit of change) {
			const words = countWords(edit.text);
			if (edit.type === 'delete') {
				if (body) deleted += words;
				else outsideDeleted += words;
			} else if (body) inserted += words;
			else outsideInserted += words;
		}
	}
	if (totals !== undefined) {
		deleted = totals.deleted - outsideDeleted;
		inserted = totals.inserted - outsideInserted;
	}
	const footerA = regionText(a, BOILERPLATE_KINDS);
	const footerB = regionText(b, BOILERPLATE_KINDS);
	const footer = compare(footerA, footerB);
	return {
		headline: compare(regionText(a, HEADLINE), regionText(b, HEADLINE)),
		dateline: compare(regionText(a, DATELINE), regionText(b, DATELINE)),
		footer,
		body: {changes, deleted, inserted},
		footerReplaced: footer === 'changed' && !sharesAWord(footerA, footerB),
	};
}

const BODY: ReadonlySet<RegionKind> = new Set(['body']);
const HEADLINE: ReadonlySet<RegionKind> = new Set(['headline']);
const DATELINE: ReadonlySet<RegionKind> = new Set(['dateline']);
const BOILERPLATE_KINDS: ReadonlySet<RegionKind> = new Set(['header', 'footer']);
/** What --ignore-boilerplate keeps. */
const STORY: ReadonlySet<RegionKind> = new Set(['headline', 'body']);

/** Edits in changes, each a deletion then an insertion or either alone: a deletion and the
 * insertion right after it are one change when they stand at the same place in B. */
export function groupChanges(edits: readonly DiffEdit[]): DiffEdit[][] {
	const changes: DiffEdit[][] = [];
	for (let k = 0; k < edits.length; k++) {
		const edit = edits[k]!;
		const previous = edits[k - 1];
		const joins =
			edit.type === 'insert' && previous?.type === 'delete' && previous.offsetB === edit.offsetB;
		if (joins) changes[changes.length - 1]!.push(edit);
		else changes.push([edit]);
	}
	return changes;
}

/** Whether an edit overlaps, in its own version, a region of one of `kinds`. */
function inRegions(
	edit: DiffEdit,
	a: RegionSide,
	b: RegionSide,
	kinds: ReadonlySet<RegionKind>,
): boolean {
	const [side, start] = edit.type === 'delete' ? [a, edit.offsetA] : [b, edit.offsetB];
	const end = start + edit.text.length;
	return side.regions.some(
		(region) => kinds.has(region.kind) && start < region.end && end > region.start,
	);
}

/** Which changes of a diff touch the headline or the body (what --ignore-boilerplate keeps),
 * by change index; `editsOf` gives a list of parts' edits (diff-documents' editsOf). */
export function changesInStory(
	result: DiffResult,
	a: RegionSide,
	b: RegionSide,
	editsOf: (result: DiffResult) => DiffEdit[],
): boolean[] {
	return result.changes.map(
		(change) =>
			storyEdits(
				a,
				b,
				editsOf({...result, parts: result.parts.slice(change.firstPart, change.endPart)}),
			).length > 0,
	);
}

/** The edits of changes that touch the headline or the body (--ignore-boilerplate). */
export function storyEdits(a: RegionSide, b: RegionSide, edits: readonly DiffEdit[]): DiffEdit[] {
	return groupChanges(edits)
		.filter((change) => change.some((edit) => inRegions(edit, a, b, STORY)))
		.flat();
}

function regionText(side: RegionSide, kinds: ReadonlySet<RegionKind>): string {
	return side.regions
		.filter((region) => kinds.has(region.kind))
		.map((region) => region.text)
		.join(' ');
}

function compare(a: string, b: string): RegionStatus {
	if (a === '' && b === '') return 'none';
	if (a === '') return 'added';
	if (b === '') return 'removed';
	return a === b ? 'same' : 'changed';
}

function sharesAWord(a: string, b: string): boolean {
	const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []);
	const inA = words(a);
	for (const word of words(b)) if (inA.has(word)) return true;
	return false;
}

/** " (−5 +7 words)", or nothing when the body's changes are punctuation only. */
function bodyWords(body: BodySummary): string {
	const words = formatWordChange(body.deleted, body.inserted);
	return words === undefined ? '' : ` (${words})`;
}

/** The summary in one line: "body identical · headline added · dateline added · footer replaced",
 * or "body: 3 changes (−5 +7 words) · headline changed" (a side with no words is left out:
 * "body: 1 change (+19 words)"); regions the same in both are left out. */
export function formatRegionSummary(summary: RegionSummary): string {
	const {body} = summary;
	const parts = [
		body.changes === 0
			? 'body identical'
			: `body: ${countOf(body.changes, 'change')}${bodyWords(body)}`,
	];
	const say = (name: string, status: RegionStatus, replaced = false) => {
		if (status === 'none' || status === 'same') return;
		parts.push(`${name} ${replaced ? 'replaced' : status}`);
	};
	say('headline', summary.headline);
	say('dateline', summary.dateline);
	say('footer', summary.footer, summary.footerReplaced);
	return parts.join(' · ');
}
