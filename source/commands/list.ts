import type {Document, SkippedFile} from '../core/types.js';
import {cellWidth, padToWidth, truncateToWidth} from '../core/text/width.js';
import {formatCount} from '../core/text/numbers.js';
import {paragraphCount} from '../core/store/stored-document.js';
import {realpath} from 'node:fs/promises';
import {homedir} from 'node:os';
import {PositionStore, positionsFile} from '../core/positions.js';
import {jsonProgress, NEVER_OPENED, readStateOf} from '../core/library/read-state.js';
import {sortDocuments, type SortOrder} from '../core/library/sort.js';
import {documentDate} from '../core/library/document-date.js';
import {findVersions} from '../core/versions/version-index.js';
import type {KnownVersionFacts} from '../core/store/types.js';
import {sanitiseLine} from '../core/text/sanitise.js';
import {writeInPieces} from './write-pieces.js';

export interface ListOptions {
	readonly folder: string;
	readonly documents: readonly Document[];
	readonly skipped: readonly SkippedFile[];
	/** How far each was read, for --json (see core/library/read-state jsonProgress). */
	readonly progress?: (document: Document) => number | null;
	readonly json: boolean;
	/** Cells to cut each line to; undefined (piped) prints every title whole. */
	readonly width?: number | undefined;
	readonly write: (text: string) => void;
}

/**
 * The documents in `sort` order and how far each was read, from the state file the library
 * keeps (read only: the list changes nothing). A state file that cannot be used is said on
 * stderr in one line; the list goes on without it.
 */
export async function readingFacts(
	folder: string,
	documents: readonly Document[],
	options: {
		readonly remember: boolean;
		readonly sort: SortOrder | undefined;
		/** The store's kept signatures, asked for only by a sort that keeps versions together:
		 * without them every text is read to sign it (20–28 s at 100,000 documents). */
		readonly knownFacts?: () => KnownVersionFacts | undefined;
	},
): Promise<{documents: readonly Document[]; progress: (document: Document) => number | null}> {
	const path = options.remember ? positionsFile(process.env, homedir()) : undefined;
	const places =
		path === undefined
			? undefined
			: PositionStore.open(path, {
					folder: await realpath(folder).catch(() => folder),
					warn: (message) => process.stderr.write(`reading-room: ${sanitiseLine(message)}\n`),
				});
	const readState = (document: Document) =>
		places ? readStateOf(places.record(document.id), document) : NEVER_OPENED;
	const progress = (document: Document) => jsonProgress(readState(document));
	if (options.sort === undefined || options.sort === 'name') return {documents, progress};
	const groups = new Map<string, string>();
	const known = options.knownFacts?.();
	const versions = findVersions(
		documents,
		known ? {knownSignature: (document) => known.signature(document)} : {},
	);
	for (const group of versions)
		for (const id of group.documents) groups.set(id, group.documents[0]!);
	const sorted = sortDocuments(documents, options.sort, {
		dateOf: documentDate,
		lastReadOf: (document) => places?.record(document.id)?.savedAt,
		groupOf: (document) => groups.get(document.id) ?? document.id,
	});
	return {documents: sorted, progress};
}

/** `reading-room list`: one line per article (id, words, minutes, title), or JSON. */
export function listCommand(options: ListOptions): number {
	const {documents, write} = options;
	if (options.json) {
		writeInPieces(jsonPieces(options), write);
		return 0;
	}
	const idWidth = idColumn(
		documents.reduce((widest, document) => Math.max(widest, cellWidth(document.id)), 2),
		options.width,
	);
	const line = (document: Document) => {
		const words = `${formatCount(document.words)} w`.padStart(9);
		const minutes = `${formatCount(document.readingMinutes)} min`.padStart(7);
		const prefix = `${padToWidth(truncateToWidth(document.id, idWidth), idWidth)} ${words} ${minutes}  `;
		const {width} = options;
		if (width === undefined) return prefix + document.title;
		return prefix + truncateToWidth(document.title, Math.max(10, width - cellWidth(prefix)));
	};
	writeInPieces(
		(function* () {
			for (const document of documents) yield line(document) + '\n';
		})(),
		write,
	);
	return 0;
}

/**
 * What JSON.stringify(…, null, 2) makes of the list, a document at a time: at 100,000 documents
 * the whole took 290 MB at its peak, a string of 25 MB made and then copied again to be written.
 */
function* jsonPieces(options: ListOptions): Generator<string> {
	// JSON.stringify writes no line break inside a string (it escapes them), so every one it
	// writes starts a line, indented here by the depth the value sits at.
	const nested = (value: unknown, depth: number) =>
		JSON.stringify(value, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`);
	yield `{\n  "folder": ${JSON.stringify(options.folder)},\n  "documents": [`;
	let first = true;
	for (const document of options.documents) {
		const entry = {
			id: document.id,
			title: document.title,
			words: document.words,
			paragraphs: paragraphCount(document),
			readingMinutes: document.readingMinutes,
			dateline: document.dateline ?? null,
			source: document.source ?? null,
			progress: options.progress?.(document) ?? null,
		};
		yield `${first ? '' : ','}\n    ${nested(entry, 2)}`;
		first = false;
	}
	yield first ? ']' : '\n  ]';
	const skipped = options.skipped.map(({id, reason}) => ({id, reason}));
	yield `,\n  "skipped": ${nested(skipped, 1)}\n}\n`;
}

/** Cells for the file names: all of the widest piped (a name is what a script passes on to
 * `show`), else up to 32, or as much as a wide terminal leaves beside the figures and a title. */
export function idColumn(widest: number, width: number | undefined): number {
	if (width === undefined) return widest;
	return Math.min(widest, Math.max(32, width - 60));
}
