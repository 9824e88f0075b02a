import {useEffect} from 'react';
import {nextSlice, untilKeysRest} from './key-activity.js';
import {PendingCallback} from './pending-callback.js';

/** Work per slice by default: short enough that a key pressed meanwhile is handled within a
 * frame. */
const SLICE_BUDGET_MS = 5;

/**
 * Runs `work` in slices of about `sliceMs` between which Ink handles keys and draws, until it
 * says it is done or the component goes (or `work` changes: keep it stable). `work(deadline)`
 * does at least one piece, then more until `deadline()` is true, and returns whether
 * everything is done. No slice runs between keys read and their frame, and slices are shorter
 * while keys come (see key-activity.ts nextSlice). With `keysRestMs`, it works only once no key
 * has come for that long: for work whose result nobody waits for on screen (what is kept for
 * the next start), so that typing never waits for a slice of it.
 */
export function useIdleWork(
	work: ((deadline: () => boolean) => boolean) | undefined,
	sliceMs = SLICE_BUDGET_MS,
	keysRestMs?: number,
): void {
	useEffect(() => {
		if (work === undefined) return;
		const next = new PendingCallback();
		const slice = () => {
			const wait = keysRestMs === undefined ? 0 : untilKeysRest(keysRestMs);
			if (wait > 0) {
				next.after(wait, slice);
				return;
			}
			const turn = nextSlice(sliceMs);
			if ('wait' in turn) {
				next.after(turn.wait, slice);
				return;
			}
			const end = performance.now() + turn.budget;
			if (!work(() => performance.now() >= end)) next.soon(slice);
		};
		next.soon(slice);
		return () => next.cancel();
	}, [work, sliceMs, keysRestMs]);
}
