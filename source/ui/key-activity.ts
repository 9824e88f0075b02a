/**
 * When the person last pressed a key, for background work that can wait until they pause: what
 * is kept for the next start (a document's terms and facts, the search index snapshot) need not
 * compete with typing, where every slice of it is time a key waits before its frame.
 */
let lastKeysAt = Number.NEGATIVE_INFINITY;

/** Called with every input event's keys (see keyboard.tsx). */
export function noteKeys(now = performance.now()): void {
	lastKeysAt = now;
}

/** Milliseconds until keys have rested `restMs` (0 when they have). */
export function untilKeysRest(restMs: number, now = performance.now()): number {
	return Math.max(0, lastKeysAt + restMs - now);
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
