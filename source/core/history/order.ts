import {compareIds} from '../corpus/scan.js';
import {parseDatelineDate, type DatelineDate} from './dateline-date.js';

/**
 * The order of a story's versions, oldest first: by the date in their datelines when every one
 * has a date that can be read and is not in the future, else by file modification time when
 * every file's time is known, else by name. Ties keep name order. What stood in the way of a
 * better order is said in `notes`, one short line each, for the screen and the command.
 */

/** What ordering needs of a version: its id, its dateline and its file's time. */
export interface VersionFacts {
	/** The document's id (sanitised, as every Document id is). */
	readonly id: string;
	readonly dateline: string | undefined;
	/** The file's modification time, ms since 1970; undefined when it could not be read. */
	readonly modifiedMs: number | undefined;
	/** Why the file's time is unknown (it vanished, it cannot be read), in a few words. */
	readonly problem?: string | undefined;
	/** The dateline's date as parseDatelineDate read it before (kept in the store), null when
	 * it read none; undefined: read the dateline now. */
	readonly datelineDate?: DatelineDate | null | undefined;
}

/** What a version's place was decided by. */
export type DateSource = 'dateline' | 'mtime' | 'name';

export type VersionDate =
	| {readonly source: 'dateline'; readonly date: DatelineDate}
	| {readonly source: 'mtime'; readonly ms: number};

export interface OrderedVersion {
	readonly id: string;
	/** The date the version was ordered by; undefined when ordered by name. */
	readonly date: VersionDate | undefined;
}

export interface VersionOrder {
	readonly versions: readonly OrderedVersion[];
	readonly basis: DateSource;
	readonly notes: readonly string[];
}

export interface OrderOptions {
	/** The present, ms since 1970: datelines after it (by more than a day, for time zones) are
	 * taken for misreadings, not dates to order by. */
	readonly nowMs: number;
}

/** Datelines show local wall clocks, compared with the present in UTC: up to a day apart. */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;
/** Names listed in a note before "and N more". */
const NAMES_IN_NOTE = 3;

export function orderVersions(
	members: readonly VersionFacts[],
	options: OrderOptions,
): VersionOrder {
	const byName = [...members].sort((a, b) => compareIds(a.id, b.id));
	const notes: string[] = [];

	const dates = byName.map((member) => datelineDate(member, options.nowMs));
	const undated = byName.filter((_, index) => typeof dates[index] === 'string');
	if (undated.length === 0) {
		const versions = byName.map((member, index) => ({
			id: member.id,
			date: {source: 'dateline', date: dates[index] as DatelineDate} as const,
		}));
		const keys = versions.map((version) => version.date.date.wallMs);
		return {versions: sortStable(versions, keys, notes, 'dateline'), basis: 'dateline', notes};
	}
	notes.push(withoutDatelines(byName, dates));

	const unknownTime = byName.filter((member) => member.modifiedMs === undefined);
	if (unknownTime.length === 0) {
		const versions = byName.map((member) => ({
			id: member.id,
			date: {source: 'mtime', ms: member.modifiedMs!} as const,
		}));
		const keys = versions.map((version) => version.date.ms);
		return {versions: sortStable(versions, keys, notes, 'file time'), basis: 'mtime', notes};
	}
	notes.push(
		`no file time for ${listNames(unknownTime.map((member) => member.id + problemOf(member)))}: ordered by name`,
	);
	return {
		versions: byName.map((member) => ({id: member.id, date: undefined})),
		basis: 'name',
		notes,
	};
}

/** The member's dateline date, or why it has none fit to order by. */
function datelineDate(member: VersionFacts, nowMs: number): DatelineDate | string {
	if (member.dateline === undefined) return 'no dateline';
	const date =
		member.datelineDate === undefined
			? parseDatelineDate(member.dateline)
			: (member.datelineDate ?? undefined);
	if (date === undefined) return 'a dateline that is not a date';
	if (date.wallMs > nowMs + FUTURE_SLACK_MS) return 'a date in the future';
	return date;
}

/** One line saying which versions kept the story from being ordered by dateline, and why. */
function withoutDatelines(
	members: readonly VersionFacts[],
	dates: readonly (DatelineDate | string)[],
): string {
	const reasons = new Map<string, string[]>();
	members.forEach((member, index) => {
		const reason = dates[index];
		if (typeof reason !== 'string') return;
		reasons.set(reason, [...(reasons.get(reason) ?? []), member.id]);
	});
	const parts = [...reasons].map(
		([reason, ids]) => `${listNames(ids)} ${hasOrHave(ids)} ${reason}`,
	);
	return `not ordered by dateline: ${parts.join('; ')}`;
}

function hasOrHave(ids: readonly string[]): string {
	return ids.length === 1 ? 'has' : 'have';
}

function problemOf(member: VersionFacts): string {
	return member.problem === undefined ? '' : ` (${member.problem})`;
}

function listNames(names: readonly string[]): string {
	if (names.length <= NAMES_IN_NOTE) return names.join(', ');
	return `${names.slice(0, NAMES_IN_NOTE).join(', ')} and ${names.length - NAMES_IN_NOTE} more`;
}

/** The versions sorted by key, oldest first; equal keys stay in the order given (by name), and
 * a note says which shared one. */
function sortStable<T extends OrderedVersion>(
	versions: readonly T[],
	keys: readonly number[],
	notes: string[],
	what: string,
): T[] {
	const order = versions.map((_, index) => index).sort((a, b) => keys[a]! - keys[b]! || a - b);
	const sorted = order.map((index) => versions[index]!);
	const shared: string[] = [];
	for (let at = 1; at < order.length; at++) {
		if (keys[order[at]!] !== keys[order[at - 1]!]) continue;
		if (!shared.includes(sorted[at - 1]!.id)) shared.push(sorted[at - 1]!.id);
		shared.push(sorted[at]!.id);
	}
	if (shared.length > 0) notes.push(`same ${what}: ${listNames(shared)}, kept in name order`);
	return sorted;
}
