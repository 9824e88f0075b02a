import {isoWallDate} from './dateline-date.js';
import type {VersionDate} from './order.js';

/** Minutes the local clock is ahead of UTC at a moment (−getTimezoneOffset()); the caller's
 * to give, so core stays free of the machine's time zone. UTC when not given. */
export type LocalOffset = (ms: number) => number;

export const utcOffset: LocalOffset = () => 0;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Cells a shown date takes at most: "20 Jul 2020 21:08". */
export const DATE_WIDTH = 17;

/**
 * A version's date as a screen shows it: a dateline's as written ("20 Jul 2020 21:08", or
 * "20 Jul 2020" without a time), a file's time on the local clock, "—" without a date.
 */
export function formatVersionDate(
	date: VersionDate | undefined,
	localOffset: LocalOffset = utcOffset,
): string {
	if (date === undefined) return '—';
	const wallMs =
		date.source === 'dateline' ? date.date.wallMs : date.ms + localOffset(date.ms) * 60_000;
	const wall = new Date(wallMs);
	const day = `${wall.getUTCDate()} ${MONTHS[wall.getUTCMonth()]} ${wall.getUTCFullYear()}`;
	if (date.source === 'dateline' && !date.date.hasTime) return day;
	const time = `${String(wall.getUTCHours()).padStart(2, '0')}:${String(wall.getUTCMinutes()).padStart(2, '0')}`;
	return `${day} ${time}`;
}

/** A version's date in JSON: a dateline's without a zone ("2020-07-20T21:08"), a file's time
 * in UTC ("2026-12-03T18:18:05.000Z"), null without one. */
export function jsonVersionDate(date: VersionDate | undefined): string | null {
	if (date === undefined) return null;
	return date.source === 'dateline' ? isoWallDate(date.date) : new Date(date.ms).toISOString();
}
