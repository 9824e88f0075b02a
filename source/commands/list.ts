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
import {sanitiseLine} from '../core/text/sanitise.js';

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
	options: {readonly remember: boolean; readonly sort: SortOrder | undefined},
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
	for (const group of findVersions(documents))
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
		write(
			JSON.stringify(
				{
					folder: options.folder,
					documents: documents.map((document) => ({
						id: document.id,
						title: document.title,
						words: document.words,
						paragraphs: paragraphCount(document),
						readingMinutes: document.readingMinutes,
						dateline: document.dateline ?? null,
						source: document.source ?? null,
						progress: options.progress?.(document) ?? null,
					})),
					skipped: options.skipped.map(({id, reason}) => ({id, reason})),
				},
				null,
				2,
			) + '\n',
		);
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
	// Written in pieces of at most WRITE_CHARACTERS (a line longer than that alone): each
	// line's pieces are then garbage while young, and no piece is so big that V8 gives it pages
	// of its own, or that Node's copy of it in UTF-8 is mapped afresh for each write. Pieces of
	// 4,096 lines (~600,000 characters at 100,000 documents) made `list` fault in fresh memory
	// for every write: 250 ms of 15 MB written, against 50 ms in pieces of 32,000 characters.
	let piece: string[] = [];
	let pieceLength = 0;
	for (const document of documents) {
		const text = line(document);
		if (pieceLength > 0 && pieceLength + text.length + 1 > WRITE_CHARACTERS) {
			write(piece.join(''));
			piece = [];
			pieceLength = 0;
		}
		piece.push(text, '\n');
		pieceLength += text.length + 1;
	}
	if (pieceLength > 0) write(piece.join(''));
	return 0;
}

/**
 * Characters written at a time (see listCommand). V8 gives a string of more than 128 KiB pages
 * of its own (64 Ki characters, when a title makes them two bytes each): measured writing 15 MB,
 * pieces of 16,000–64,000 characters took 50 ms, of 128,000 or more 250 ms.
 */
export const WRITE_CHARACTERS = 32_000;

/** Cells for the file names: all of the widest piped (a name is what a script passes on to
 * `show`), else up to 32, or as much as a wide terminal leaves beside the figures and a title. */
export function idColumn(widest: number, width: number | undefined): number {
	if (width === undefined) return widest;
	return Math.min(widest, Math.max(32, width - 60));
}
