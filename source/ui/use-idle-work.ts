import {useEffect} from 'react';

/** Work per slice by default: short enough that a key pressed meanwhile is handled within a
 * frame. */
const SLICE_BUDGET_MS = 5;

/**
 * Runs `work` in slices of about `sliceMs` between which Ink handles keys and draws, until it
 * says it is done or the component goes (or `work` changes: keep it stable). `work(deadline)`
 * does at least one piece, then more until `deadline()` is true, and returns whether
 * everything is done.
 */
export function useIdleWork(
	work: ((deadline: () => boolean) => boolean) | undefined,
	sliceMs = SLICE_BUDGET_MS,
): void {
	useEffect(() => {
		if (work === undefined) return;
		let timer: NodeJS.Immediate | undefined = setImmediate(function slice() {
			const end = performance.now() + sliceMs;
			const done = work(() => performance.now() >= end);
			timer = done ? undefined : setImmediate(slice);
		});
		return () => {
			if (timer) clearImmediate(timer);
		};
	}, [work, sliceMs]);
}
