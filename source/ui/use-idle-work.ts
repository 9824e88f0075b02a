import {useEffect} from 'react';
import {untilKeysRest} from './key-activity.js';

/** Work per slice by default: short enough that a key pressed meanwhile is handled within a
 * frame. */
const SLICE_BUDGET_MS = 5;

/**
 * Runs `work` in slices of about `sliceMs` between which Ink handles keys and draws, until it
 * says it is done or the component goes (or `work` changes: keep it stable). `work(deadline)`
 * does at least one piece, then more until `deadline()` is true, and returns whether
 * everything is done. With `keysRestMs`, it works only once no key has come for that long: for
 * work whose result nobody waits for on screen (what is kept for the next start), so that
 * typing never waits for a slice of it.
 */
export function useIdleWork(
	work: ((deadline: () => boolean) => boolean) | undefined,
	sliceMs = SLICE_BUDGET_MS,
	keysRestMs?: number,
): void {
	useEffect(() => {
		if (work === undefined) return;
		let timer: NodeJS.Immediate | NodeJS.Timeout | undefined;
		const slice = () => {
			const wait = keysRestMs === undefined ? 0 : untilKeysRest(keysRestMs);
			if (wait > 0) {
				timer = setTimeout(slice, wait);
				return;
			}
			const end = performance.now() + sliceMs;
			const done = work(() => performance.now() >= end);
			timer = done ? undefined : setImmediate(slice);
		};
		timer = setImmediate(slice);
		return () => {
			clearImmediate(timer as NodeJS.Immediate);
			clearTimeout(timer as NodeJS.Timeout);
		};
	}, [work, sliceMs, keysRestMs]);
}
