/**
 * find started by dist/cli.js (source/start.ts) for `search` and `list`, before the commands'
 * bundle is compiled and run: at 100,000 files the command waits for find's listing (about a
 * quarter of a second of the other core), and the bundle took 30–40 ms to start it itself. The
 * bundle takes the run up when it lists the same folder (core/corpus/find-run.ts
 * takeStartedFind); when it lists another, or none (a usage error, --no-cache), the run is
 * dropped, so reading the arguments here only has to be right to be of use, never for answers.
 */
import type {spawn as Spawn} from 'node:child_process';
import {realpathSync} from 'node:fs';
import {resolve} from 'node:path';
import {
	leaveStartedFind,
	startFind,
	startSplitListing,
	listingOptionsFor,
} from './core/corpus/find-run.js';
import {cacheHomeFrom, namesFileOf} from './core/store/cache-home.js';

/** Options that change neither the folder nor whether it is cached, and take no value. */
const PLAIN_OPTIONS = new Set([
	'--json',
	'--no-json',
	'--state',
	'--no-state',
	'--print',
	'--layout',
	'--ignore-boilerplate',
]);

/** Options that change neither, written with their value as the next argument. */
const VALUE_OPTIONS = new Set(['--limit', '-n', '--width', '-w', '--sort', '--context']);

/**
 * The folder `search` or `list` is given as an argument (as written, not resolved), when the
 * arguments are plain enough to tell (the command, its positionals, and only options that
 * change neither the folder nor the cache); undefined otherwise: other options, `--`, too few
 * arguments (the bundled articles are not cached) or too many (a usage error).
 */
export function listedFolderArgument(args: readonly string[]): string | undefined {
	const [command, ...rest] = args;
	const positionals = command === 'search' ? 2 : command === 'list' ? 1 : undefined;
	if (positionals === undefined) return undefined;
	const given: string[] = [];
	for (let index = 0; index < rest.length; index++) {
		const argument = rest[index]!;
		if (!argument.startsWith('-')) {
			given.push(argument);
			continue;
		}
		if (PLAIN_OPTIONS.has(argument)) continue;
		const name = argument.split('=', 1)[0]!;
		if (!VALUE_OPTIONS.has(name)) return undefined;
		if (name === argument) index++; // its value is the next argument
	}
	if (given.length !== positionals) return undefined;
	const folder = given[positionals - 1]!;
	return folder === '' ? undefined : folder;
}

/**
 * Starts find on the folder the arguments name (see listedFolderArgument), left for the
 * commands' bundle; nothing when they name none, it is `seeds` (the bundled articles, never
 * cached), or it cannot be resolved. The run does not keep the process alive until taken, and
 * is stopped at exit if it never was.
 */
export function startEarlyListing(
	args: readonly string[],
	spawn: typeof Spawn,
	sha256Hex: (text: string) => string,
	seeds: string,
	environment: NodeJS.ProcessEnv,
): void {
	const folder = listedFolderArgument(args);
	if (folder === undefined) return;
	let root: string;
	try {
		root = realpathSync.native(resolve(folder));
		if (root === realpathSync.native(seeds)) return;
	} catch {
		return;
	}
	// Taken in two halves when the last confirmed listing kept the folder's names (see
	// core/corpus/find-run.ts, SplitRun).
	const cacheHome = cacheHomeFrom(environment);
	const options = {
		environment,
		holds: false,
		...listingOptionsFor(args[0], environment),
	};
	const run =
		(cacheHome === undefined
			? undefined
			: startSplitListing(root, spawn, namesFileOf(cacheHome, root, sha256Hex), options)) ??
		startFind(root, spawn, options);
	if (run === undefined) return;
	leaveStartedFind(run);
	process.once('exit', () => run.drop());
}
