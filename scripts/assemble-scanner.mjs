// Compiles the diff's scanner (source/wasm/scanner.ts, AssemblyScript) to WebAssembly in
// .build/scanner.wasm: build output, never committed. scripts/build.mjs runs it before
// bundling (the bundles inline the bytes, see inlineScanner in build-options.mjs) and vitest's
// global setup (test/global-setup.ts) before the tests, which load it from .build/.
import {existsSync, mkdirSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const scannerSource = join(root, 'source', 'wasm', 'scanner.ts');
export const scannerOutput = join(root, '.build', 'scanner.wasm');

/** Compiles the scanner, or with `ifStale` only when the output is older than its source
 * (or this script). */
export async function assembleScanner({ifStale = false} = {}) {
	if (ifStale && existsSync(scannerOutput)) {
		const builtAt = statSync(scannerOutput).mtimeMs;
		const inputs = Math.max(
			statSync(scannerSource).mtimeMs,
			statSync(fileURLToPath(import.meta.url)).mtimeMs,
		);
		if (builtAt >= inputs) return;
	}
	mkdirSync(join(root, '.build'), {recursive: true});
	const {default: asc} = await import('assemblyscript/asc');
	const {error, stderr} = await asc.main([
		scannerSource,
		'--outFile',
		scannerOutput,
		'-O3',
		// No garbage collector and no managed objects: the scanner lays out its own memory.
		'--runtime',
		'stub',
		'--noAssert',
		'--use',
		'abort=',
	]);
	if (error) throw new Error(`assembling the scanner failed:\n${stderr.toString()}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await assembleScanner();
