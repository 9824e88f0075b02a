/**
 * Runs test/bench/store.ts as a child process in one of its modes and returns the last line of
 * its output parsed: a cold or warm run of the store, timed in a process of its own. The search
 * suite also uses it, to make the kept cache a second start of the app takes up.
 */
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const storeScript = fileURLToPath(new URL('store.ts', import.meta.url));

export function runStoreChild(
	root: string,
	args: readonly [mode: string, folder: string, cache: string, word: string],
): unknown {
	const output = execFileSync(process.execPath, ['--import', 'tsx', storeScript, ...args], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 1 << 20,
	});
	return JSON.parse(output.trim().split('\n').at(-1)!) as unknown;
}
