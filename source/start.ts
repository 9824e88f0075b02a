/**
 * dist/cli.js, what `reading-room` runs, a CommonJS script. The app is ES modules (Ink and
 * yoga-layout need top-level await) and starts from dist/app.mjs. The non-interactive commands start from
 * dist/commands.cjs instead, one script of the same code (built from cli.tsx), compiled with
 * V8's code cache: the bytecode of the functions a command ran the time before, kept under the
 * cache folder (source/code-cache.ts). Node 20 has no module.enableCompileCache(); a script
 * compiled by node:vm can be given cached data where an ES module cannot, and one script also
 * spares resolving and linking some thirty chunks. Figures: readme, "Start-up".
 */
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import type {spawn as Spawn} from 'node:child_process';
import type {createHash as CreateHash} from 'node:crypto';
import type {Script as VmScript} from 'node:vm';
import {codeCacheFile, commandOfTheBundle, readCodeCache, writeCodeCache} from './code-cache.js';
import {startEarlyListing} from './early-listing.js';
import {restoreLauncherEnvironment} from './launcher-environment.js';

/** The commands bundle's content hash, set by scripts/build.mjs: a cache is for one build. */
declare const COMMANDS_BUNDLE_HASH: string;

restoreLauncherEnvironment(process.env);

const args = process.argv.slice(2);
const command = commandOfTheBundle(args, process.env, process.stdout);

if (command === undefined) {
	// A variable, so the bundler leaves it to Node: the app's own entry, beside this file.
	const app = './app.mjs';
	void import(app);
} else {
	const file = join(__dirname, 'commands.cjs');
	const requireHere = createRequire(file);
	if (command === 'search' || command === 'list') {
		// find lists the folder while the bundle is compiled and run (see early-listing.ts).
		const {spawn} = requireHere('node:child_process') as {spawn: typeof Spawn};
		const {createHash} = requireHere('node:crypto') as {createHash: typeof CreateHash};
		const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
		startEarlyListing(args, spawn, sha256Hex, join(__dirname, '..', 'seeds'), process.env);
	}
	const {Script} = requireHere('node:vm') as {Script: typeof VmScript};
	// --no-cache: nothing read from or written to the cache folder.
	const cacheFile = args.includes('--no-cache')
		? undefined
		: codeCacheFile(process.env, COMMANDS_BUNDLE_HASH, command);
	const cachedData = cacheFile && readCodeCache(cacheFile, COMMANDS_BUNDLE_HASH);
	// The wrapper's opening shares the first line, so the bundle's line numbers hold. Read as
	// latin1: the build writes it in ASCII (scripts/build-options.mjs, asciiEscaped), which
	// makes a one-byte string rather than one decoded from UTF-8.
	const script = new Script(
		`(function (exports, require, module, __filename, __dirname, __importMetaUrl, __importMeta) {${readFileSync(file, 'latin1')}\n})`,
		{filename: file, ...(cachedData ? {cachedData} : {})},
	);
	if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
		// Made after the command ran, so the functions it compiled on the way are in it. Not
		// after a usage error: that run compiled too little to be worth keeping.
		process.on('exit', (code) => {
			if (code === 0 || code === 1) {
				writeCodeCache(
					cacheFile,
					COMMANDS_BUNDLE_HASH,
					script.createCachedData(),
					args,
					process.cwd(),
				);
			}
		});
	}
	const run = script.runInThisContext() as (...values: unknown[]) => void;
	const url = pathToFileURL(file).href;
	const module = {exports: {}};
	// import.meta as the app's modules have it beside this file (Node 20.11's url, dirname and
	// filename; the bundle maps import.meta to the last parameter).
	run(module.exports, requireHere, module, file, __dirname, url, {
		url,
		dirname: __dirname,
		filename: file,
	});
}
