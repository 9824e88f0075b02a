import type {Document, SkippedFile} from '../core/types.js';
import {cellWidth, padToWidth, truncateToWidth} from '../core/text/width.js';
import {formatCount} from '../core/text/numbers.js';
import {paragraphCount} from '../core/store/stored-document.js';

export interface ListOptions {
	readonly folder: string;
	readonly documents: readonly Document[];
	readonly skipped: readonly SkippedFile[];
	readonly json: boolean;
	/** Cells to cut each line to; undefined (piped) prints every title whole. */
	readonly width?: number | undefined;
	readonly write: (text: string) => void;
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
					})),
					skipped: options.skipped.map(({id, reason}) => ({id, reason})),
				},
				null,
				2,
			) + '\n',
		);
		return 0;
	}
	const idWidth = Math.min(
		32,
		documents.reduce((widest, document) => Math.max(widest, cellWidth(document.id)), 2),
	);
	const lines = documents.map((document) => {
		const words = `${formatCount(document.words)} w`.padStart(9);
		const minutes = `${formatCount(document.readingMinutes)} min`.padStart(7);
		const prefix = `${padToWidth(truncateToWidth(document.id, idWidth), idWidth)} ${words} ${minutes}  `;
		const {width} = options;
		if (width === undefined) return prefix + document.title;
		return prefix + truncateToWidth(document.title, Math.max(10, width - cellWidth(prefix)));
	});
	if (lines.length > 0) write(lines.join('\n') + '\n');
	return 0;
}
