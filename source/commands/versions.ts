import type {Document} from '../core/types.js';
import {cellWidth, padToWidth, truncateToWidth} from '../core/text/width.js';
import {idColumn} from './list.js';
import {jsonVersionDate} from '../core/history/dates.js';
import {orderGroup, type ModifiedOf} from '../core/history/stories.js';
import {countOf, formatCount} from '../core/text/numbers.js';
import {findVersions} from '../core/versions/version-index.js';
import type {KnownVersionFacts} from '../core/store/types.js';
import type {VersionGroup} from '../core/versions/version-index.js';

export interface VersionsOptions {
	readonly documents: readonly Document[];
	readonly json: boolean;
	readonly write: (text: string) => void;
	/** Cells to cut long titles to; undefined (piped) prints them whole. */
	readonly width?: number | undefined;
	/** Files' times, to order versions without datelines (see core/history/order.ts); without
	 * it they are ordered by name. */
	readonly modifiedOf?: ModifiedOf;
	/** The present, for telling dates in the future; default now. */
	readonly nowMs?: number;
	/** Signatures and dateline dates kept by the store, so unchanged files are not read. */
	readonly knownFacts?: KnownVersionFacts | undefined;
}

/**
 * `reading-room versions`: the groups of documents that are versions of one article, each with
 * its phrase overlap (the weakest pair's share of five-word runs in common, Jaccard, see
 * core/versions/version-index.ts) and its members' ids and titles, oldest first (see
 * core/history/order.ts); or JSON `{"groups": [{"documents": [id, …], "overlap": 0..1,
 * "orderedBy", "dates": [{"id", "date", "dateSource"}]}]}`. Called "overlap", not "similar":
 * the diff's "similar" is another measure (words in common, word by word), and one name means
 * one figure.
 */
export async function versionsCommand(options: VersionsOptions): Promise<number> {
	const {documents, write} = options;
	const byId = new Map(documents.map((document) => [document.id, document]));
	const nowMs = options.nowMs ?? Date.now();
	// Each group oldest first, as the history orders it.
	const {knownFacts} = options;
	const found = findVersions(
		documents,
		knownFacts ? {knownSignature: (document) => knownFacts.signature(document)} : {},
	);
	const ordered = found.map((group) => ({
		group,
		order: orderGroup(group, byId, {
			nowMs,
			...(options.modifiedOf ? {modifiedOf: options.modifiedOf} : {}),
			...(knownFacts ? {datelineDateOf: (document) => knownFacts.datelineDate(document)} : {}),
		}),
	}));
	const groups = ordered.map(({group, order}) => ({
		...group,
		documents: order.versions.map((version) => version.id),
	}));
	if (options.json) {
		const json = ordered.map(({group, order}) => ({
			documents: order.versions.map((version) => version.id),
			overlap: roundDown(group.similarity, 4),
			orderedBy: order.basis,
			dates: order.versions.map((version) => ({
				id: version.id,
				date: jsonVersionDate(version.date),
				dateSource: version.date?.source ?? 'name',
			})),
		}));
		write(JSON.stringify({groups: json}, null, 2) + '\n');
		return 0;
	}
	if (groups.length === 0) {
		write(`No versions found among ${countOf(documents.length, 'document')}.\n`);
		return 0;
	}
	const heading =
		groups.length === 1
			? '1 article has versions:'
			: `${formatCount(groups.length)} articles have versions:`;
	write(heading + '\n');
	for (const group of groups) write('\n' + describeGroup(group, byId, options.width));
	return 0;
}

function describeGroup(
	group: VersionGroup,
	byId: ReadonlyMap<string, Document>,
	width: number | undefined,
): string {
	const idWidth = idColumn(
		group.documents.reduce((widest, id) => Math.max(widest, cellWidth(id)), 2),
		width,
	);
	const lines = [`${percent(group.similarity)} phrase overlap`];
	for (const id of group.documents) {
		const prefix = `  ${padToWidth(truncateToWidth(id, idWidth), idWidth)}  `;
		const title = byId.get(id)?.title ?? '';
		lines.push(
			prefix +
				(width === undefined
					? title
					: truncateToWidth(title, Math.max(10, width - cellWidth(prefix)))),
		);
	}
	return lines.join('\n') + '\n';
}

/** Rounded down, so texts that differ never show as 100%. */
function percent(similarity: number): string {
	return `${Math.floor(similarity * 100)}%`;
}

function roundDown(value: number, decimals: number): number {
	const scale = 10 ** decimals;
	return Math.floor(value * scale) / scale;
}
