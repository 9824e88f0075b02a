import {KeySignal} from '../core/store/key-signal.js';

/**
 * When the person last pressed a key, and when the screen last answered, for background work:
 * every slice of it run while a key waits is time that key waits before its frame.
 *
 * - What can wait until they pause (what is kept for the next start: a document's terms and
 *   facts, the search index snapshot) waits for keys to rest (`untilKeysRest`).
 * - Everything else (the indexes, the history's steps) runs between keys, but never between a
 *   key read and its frame (`untilKeysAnswered`): a slice queued before the key would otherwise
 *   run first, and the key's frame after it. While the person types, slices are shorter
 *   (`sliceBudget`), so a key that arrives during one waits less for it.
 */
let lastKeysAt = Number.NEGATIVE_INFINITY;
/** The same, for the store's writer thread (see core/store/key-signal.ts). */
export const keySignal = new KeySignal();
let lastFrameAt = Number.NEGATIVE_INFINITY;

/** Longest a slice waits for the frame of keys read: a key that changes nothing on screen
 * draws no frame, and the work must not stop for it. */
export const ANSWER_WAIT_MS = 100;
/** A key within this long counts as typing (a person types a key every 100–300 ms). */
export const TYPING_MS = 400;
/** A slice's budget while typing: the longest a key arriving meanwhile waits for it, give or
 * take one piece of work. */
export const TYPING_SLICE_MS = 2;

/** Called with every input event's keys (see keyboard.tsx). */
export function noteKeys(now = performance.now()): void {
	lastKeysAt = now;
	keySignal.note();
}

/** Called once the screen has answered the keys read so far: Ink drew a frame, or the keys
 * changed nothing to draw. */
export function noteFrame(now = performance.now()): void {
	lastFrameAt = now;
}

/** Milliseconds until keys have rested `restMs` (0 when they have). */
export function untilKeysRest(restMs: number, now = performance.now()): number {
	return Math.max(0, lastKeysAt + restMs - now);
}

/** Milliseconds background work should still wait for the frame of the keys read last: 0 once
 * it is drawn (or there were none), and at most ANSWER_WAIT_MS after the keys. */
export function untilKeysAnswered(now = performance.now()): number {
	if (lastFrameAt >= lastKeysAt) return 0;
	return Math.max(0, lastKeysAt + ANSWER_WAIT_MS - now);
}

/** A background slice's budget: `budget`, or TYPING_SLICE_MS (when less) while keys come. */
export function sliceBudget(budget: number, now = performance.now()): number {
	return now - lastKeysAt < TYPING_MS ? Math.min(budget, TYPING_SLICE_MS) : budget;
}

/** How often a slice waiting for a frame looks again. Ink draws a frame within the turn that
 * handled the keys (or its throttle's 5 ms later), so this is seldom more than one look. */
export const ANSWER_POLL_MS = 2;

/** What a background slice does now: look again after `wait` ms (the frame of keys read is
 * not drawn yet), or work for `budget` ms (see sliceBudget). */
export function nextSlice(
	budget: number,
	now = performance.now(),
): {readonly wait: number} | {readonly budget: number} {
	const wait = untilKeysAnswered(now);
	if (wait > 0) return {wait: Math.min(wait, ANSWER_POLL_MS)};
	return {budget: sliceBudget(budget, now)};
}

/** Resolves on a later turn of the event loop once keys have rested `restMs`. */
export function keysRested(restMs: number): Promise<void> {
	return new Promise((resolve) => {
		const check = () => {
			const wait = untilKeysRest(restMs);
			if (wait > 0) setTimeout(check, wait);
			else setImmediate(resolve);
		};
		check();
	});
}
