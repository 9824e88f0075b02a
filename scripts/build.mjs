// Bundles source/ into dist/ as ESM. Start-up time is dominated by module loading, so one
// bundle (with code splitting for what the first screen does not need) is much faster than
// loading node_modules file by file. Figures: ../shared/notes/startup.md, readme "Bench".
import {build} from 'esbuild';
import {readdirSync, statSync, existsSync, rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {join, dirname} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'source', 'cli.tsx');
const output = join(root, 'dist', 'cli.js');

function newestSourceTime(folder) {
	let newest = 0;
	for (const entry of readdirSync(folder, {withFileTypes: true})) {
		const path = join(folder, entry.name);
		newest = Math.max(
			newest,
			entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs,
		);
	}
	return newest;
}

if (process.argv.includes('--if-stale') && existsSync(output)) {
	const builtAt = statSync(output).mtimeMs;
	const inputs = Math.max(
		newestSourceTime(join(root, 'source')),
		statSync(join(root, 'package.json')).mtimeMs,
		statSync(join(root, 'scripts', 'build.mjs')).mtimeMs,
	);
	if (builtAt >= inputs) process.exit(0);
}

/**
 * meow's prebundled dependencies build normalize-package-data (spdx licence tables, semver
 * and hosted-git-info patterns) as soon as they load, ~10 ms of every start, though meow calls
 * it only when `cli.pkg` is read, which this app never does (it passes the fields it needs).
 * This makes that one initialisation happen on first use. It fails the build if meow's code
 * has changed, rather than silently doing nothing.
 */
const lazyPackageNormalising = {
	name: 'lazy-package-normalising',
	setup(build) {
		build.onLoad({filter: /meow[\\/]build[\\/]dependencies\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			const eager =
				'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);';
			if (!source.includes(eager)) {
				throw new Error(`meow changed: update lazyPackageNormalising in scripts/build.mjs`);
			}
			const lazy =
				'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);';
			return {contents: source.replace(eager, lazy), loader: 'js'};
		});
	},
};

// Chunk names carry content hashes: clear old ones so dist/ holds one build only.
rmSync(join(root, 'dist'), {recursive: true, force: true});

await build({
	entryPoints: [entry],
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	splitting: true,
	outdir: join(root, 'dist'),
	chunkNames: 'chunks/[name]-[hash]',
	define: {'process.env.NODE_ENV': '"production"'},
	alias: {
		'react-devtools-core': join(root, 'scripts', 'empty-module.js'),
		'is-in-ci': join(root, 'scripts', 'not-in-ci.js'),
	},
	banner: {
		// Bundled CommonJS dependencies expect require, __filename and __dirname (write-file-atomic
		// names its temp files after __filename).
		js: "#!/usr/bin/env node\nimport {createRequire as __createRequire} from 'node:module'; import {fileURLToPath as __fileURLToPath} from 'node:url'; import {dirname as __pathDirname} from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);",
	},
	legalComments: 'none',
	// Loaded on demand from node_modules: iconv-lite by core/corpus/decode.ts, only for
	// non-UTF-8 files; better-sqlite3 (a native module) by core/store/database.ts.
	external: ['iconv-lite', 'better-sqlite3'],
	plugins: [lazyPackageNormalising],
	logLevel: 'warning',
});
