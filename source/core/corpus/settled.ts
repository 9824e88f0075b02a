import {wholeNumberIn} from '../whole-number-setting.js';
import type {BigIntStats} from 'node:fs';

/**
 * How long before a listing began each directory must have last changed for a directory
 * record to vouch for the names listed (see core/corpus/listing.ts, directoryRecord, and
 * core/corpus/kept-scan.ts): as git treats files modified within the file system's timestamp
 * granularity of its index as racily clean, a directory changed just before the listing could
 * change again with the same change time.
 */
export const SETTLE_MS = 2000;

/**
 * Whether a change at `changedNs` (a stat's time, ns) was at least `settleMs` before
 * `startedAt` (ms, wall clock): any change after `startedAt` then shows as another time, where
 * one just before could share it (the file system's timestamps are coarser than a nanosecond).
 */
export function settledBefore(changedNs: bigint, startedAt: number, settleMs: number): boolean {
	const before = Math.floor(startedAt - settleMs);
	// A time to settle too large to be a number (a setting of 400 digits) leaves nothing settled.
	return Number.isFinite(before) && changedNs < BigInt(before) * 1_000_000n;
}

/** From how many directories no record of them is kept (the commands' listing, the app's
 * scan): each is stat'ed at every start. */
export const MOST_DIRECTORIES = 4096;

/** A directory's identity as a directory record keeps it: device, inode and change time (ns). */
export function directoryIdentity(stats: BigIntStats): string {
	return `${stats.dev}:${stats.ino}:${stats.ctimeNs}`;
}

/**
 * How long before a listing or scan each of the folder's directories must have last changed
 * for the names found to be vouched for by their change times: READING_ROOM_SETTLE_MS from
 * `environment` when set to a whole number, so that tests can take a folder just made that
 * way; SETTLE_MS otherwise.
 */
export function settleMsFrom(environment: Readonly<Record<string, string | undefined>>): number {
	return wholeNumberIn(environment, 'READING_ROOM_SETTLE_MS') ?? SETTLE_MS;
}
