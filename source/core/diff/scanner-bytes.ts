import {readFileSync} from 'node:fs';

/**
 * The scanner's WebAssembly (source/wasm/scanner.ts), as scripts/assemble-scanner.mjs builds it
 * into .build/ (`npm run build`, and vitest's global setup). In the bundles this module is
 * replaced by one that holds the bytes themselves (scripts/build-options.mjs, inlineScanner), so
 * the app needs no file beside it.
 */
export function scannerBytes(): Uint8Array {
	return readFileSync(new URL('../../../.build/scanner.wasm', import.meta.url));
}
