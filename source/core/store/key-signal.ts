/**
 * When the person last pressed keys, in memory shared with the store's writer thread (see
 * facts-writer.ts): the writes that can wait (the terms and facts kept for the next start) wait
 * for keys to rest, so the other core is left to the typing. On two cores the app's main thread,
 * the writer and the terminal drawing the frames otherwise share them while a person types.
 */
export class KeySignal {
	/** Slot 0: milliseconds from `origin` to the last keys, or KEYS_HURRY. */
	readonly slots = new Int32Array(new SharedArrayBuffer(4));
	/** Date.now() when made; the writer counts from it too. */
	readonly origin = Date.now();

	constructor() {
		this.slots[0] = KEYS_HURRY;
	}

	note(now = Date.now()): void {
		// Past 24 days from origin the slot wraps to a negative time, which only ends a wait.
		Atomics.store(this.slots, 0, (now - this.origin) | 0);
	}

	/** The writer must not wait for keys to rest (until the next keys): the main thread is
	 * waiting for it. */
	hurry(): void {
		Atomics.store(this.slots, 0, KEYS_HURRY);
		Atomics.notify(this.slots, 0);
	}
}

/** A time so long ago that no wait for keys to rest is left. */
export const KEYS_HURRY = -(2 ** 31);
