// The bundler's options, apart from scripts/build.mjs so test/bundle.test.ts bundles exactly as
// the build does (with a metafile) to check what the first frame loads.
import {readFile} from 'node:fs/promises';
import {join, dirname} from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const entry = join(root, 'source', 'cli.tsx');

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

/** esbuild's options for bundling source/cli.tsx into dist/. */
export const buildOptions = {
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
};
