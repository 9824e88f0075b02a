import {
	DATE_WIDTH,
	formatVersionDate,
	jsonVersionDate,
	type LocalOffset,
} from '../core/history/dates.js';
import {cellWidth, padToWidth, truncateToWidth} from '../core/text/width.js';
import {orderGroup, type ModifiedOf} from '../core/history/stories.js';
import {StoryHistory} from '../core/history/story.js';
import {folderStepLine, jsonStats} from '../core/history/summary.js';
import {sanitiseLine} from '../core/text/sanitise.js';
import type {Document} from '../core/types.js';
import {findVersionsOf} from '../core/versions/version-index.js';
import type {KnownVersionFacts} from '../core/store/types.js';

export interface HistoryCommandOptions {
	/** The document asked about: its id among `documents`. */
	readonly id: string;
	/** The folder's documents (with the one asked about). */
	readonly documents: readonly Document[];
	readonly json: boolean;
	readonly write: (text: string) => void;
	/** Width to cut lines to; undefined (piped without --width): nothing is cut. */
	readonly width?: number | undefined;
	readonly modifiedOf: ModifiedOf;
	/** Signatures and dateline dates kept by the store, so unchanged files are not worked out
	 * again. */
	readonly knownFacts?: KnownVersionFacts | undefined;
	readonly nowMs: number;
	readonly localOffset?: LocalOffset;
}

/** Widest id column before ids get cut, as in `list` and `versions`. */
const MAX_ID_WIDTH = 32;
const numberFormat = new Intl.NumberFormat('en-US');
const BASIS = {
	dateline: 'ordered by dateline',
	mtime: 'ordered by file time',
	name: 'ordered by name',
};

/**
 * `reading-room history <doc>`: the versions of the story `doc` is one of, oldest first, each
 * with its date, title, words and what changed from the one before; or JSON
 * `{"documents": [{"id", "title", "date", "dateSource", "words"}], "steps": [{"from", "to",
 * "stats", "summary"}], "orderedBy", "notes"}`. Exit 1 when the document has no other version.
 */
export async function historyCommand(options: HistoryCommandOptions): Promise<number> {
	const {documents, id, write} = options;
	const {knownFacts} = options;
	const group = findVersionsOf(
		documents,
		id,
		knownFacts ? {knownSignature: (member) => knownFacts.signature(member)} : {},
	);
	const document = documents.find((candidate) => candidate.id === id);
	if (document === undefined) throw new Error(`history: no document ${id}`);
	if (group === undefined) {
		if (options.json) {
			const only = {
				id,
				title: document.title,
				date: null,
				dateSource: 'name',
				words: document.words,
			};
			write(
				JSON.stringify({documents: [only], steps: [], orderedBy: 'name', notes: []}, null, 2) +
					'\n',
			);
		} else write(sanitiseLine(`${id} has no other version here`) + '\n');
		return 1;
	}
	const byId = new Map(documents.map((member) => [member.id, member]));
	const order = orderGroup(group, byId, {
		...options,
		...(knownFacts ? {datelineDateOf: (member: Document) => knownFacts.datelineDate(member)} : {}),
	});
	const history = new StoryHistory(documents, order, {regionSummary: folderStepLine(documents)});
	for (let to = 1; to < history.versions.length; to++) history.step(to);

	if (options.json) {
		const json = {
			documents: history.versions.map((version, index) => {
				const date = order.versions[index]!.date;
				return {
					id: version.id,
					title: version.title,
					date: jsonVersionDate(date),
					dateSource: date?.source ?? 'name',
					words: version.words,
				};
			}),
			steps: history.versions.slice(1).map((version, index) => {
				const step = history.step(index + 1);
				return {
					from: history.versions[index]!.id,
					to: version.id,
					stats: jsonStats(step.stats),
					summary: step.summary,
				};
			}),
			orderedBy: order.basis,
			notes: order.notes,
		};
		write(JSON.stringify(json, null, 2) + '\n');
		return 0;
	}

	const lines = [`${history.versions.length} versions, ${BASIS[order.basis]}`];
	for (const note of order.notes) lines.push(`! ${note}`);
	lines.push('');
	const labelWidth = `v${history.versions.length}`.length + 2;
	const idWidth = Math.min(
		MAX_ID_WIDTH,
		Math.max(...history.versions.map((version) => cellWidth(version.id))),
	);
	history.versions.forEach((version, index) => {
		const date = formatVersionDate(order.versions[index]!.date, options.localOffset);
		const words = `${numberFormat.format(version.words)} w`;
		const change = index === 0 ? 'first version' : history.step(index).summary;
		lines.push(
			[
				`v${index + 1}`.padEnd(labelWidth - 2),
				padToWidth(date, DATE_WIDTH),
				padToWidth(truncateToWidth(version.id, idWidth), idWidth),
				words.padStart(8),
			].join('  '),
		);
		// The title and what changed each get a line of their own: a region summary is as long
		// as a title, and neither should push the other off the width.
		const indented = (text: string) =>
			' '.repeat(labelWidth) +
			(options.width === undefined
				? text
				: truncateToWidth(text, Math.max(10, options.width - labelWidth)));
		lines.push(indented(version.title), indented(change));
	});
	write(lines.map(sanitiseLine).join('\n') + '\n');
	return 0;
}
