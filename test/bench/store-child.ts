/**
 * Runs test/bench/store.ts as a child process in one of its modes and returns the last line of
 * its output parsed: a cold or warm run of the store, timed in a process of its own. The search
 * suite also uses it, to make the kept cache a second start of the app takes up.
 */
import {runBenchChild} from './child.js';

export function runStoreChild(
	root: string,
	args: readonly [mode: string, folder: string, cache: string, word: string],
): unknown {
	return runBenchChild(root, new URL('store.ts', import.meta.url), args);
}
