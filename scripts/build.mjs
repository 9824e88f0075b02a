// Bundles source/ into dist/ as ESM. Start-up time is dominated by module loading, so one
// bundle (with code splitting for what the first screen does not need) is much faster than
// loading node_modules file by file. Figures: ../shared/notes/startup.md, readme "Bench".
import {build} from 'esbuild';
import {createHash} from 'node:crypto';
import {
	chmodSync,
	readdirSync,
	readFileSync,
	statSync,
	existsSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import {join} from 'node:path';
import {
	asciiEscaped,
	buildOptions,
	commandsBuildOptions,
	root,
	startBuildOptions,
} from './build-options.mjs';
import {assembleScanner} from './assemble-scanner.mjs';

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
		// The build's scripts and the modules it puts in place of others (no-interface.js…).
		newestSourceTime(join(root, 'scripts')),
	);
	if (builtAt >= inputs) process.exit(0);
}

// Chunk names carry content hashes: clear old ones so dist/ holds one build only.
rmSync(join(root, 'dist'), {recursive: true, force: true});

// The diff's scanner (WebAssembly) first: the bundles inline its bytes.
await assembleScanner();
await Promise.all([build(buildOptions), build(commandsBuildOptions)]);
// ASCII, so that dist/cli.js reads it as latin1 (see asciiEscaped).
writeFileSync(
	commandsBuildOptions.outfile,
	asciiEscaped(readFileSync(commandsBuildOptions.outfile, 'utf8')),
);
// Last: dist/cli.js is what --if-stale compares with the sources.
const commandsHash = createHash('sha256')
	.update(readFileSync(commandsBuildOptions.outfile))
	.digest('hex')
	.slice(0, 16);
// dist/cli.js is CommonJS (the package is "type": "module"; the app's modules are .mjs).
writeFileSync(join(root, 'dist', 'package.json'), '{"type": "commonjs"}\n');
await build(startBuildOptions(commandsHash));
// Runnable as it is, as npm makes it when it links the bin: its first line is the launcher.
chmodSync(output, 0o755);
