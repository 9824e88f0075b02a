// The diff's scanner is WebAssembly built from source/wasm/scanner.ts: the tests load it from
// .build/, so it is assembled (when older than its source) before any test runs.
import {assembleScanner} from '../scripts/assemble-scanner.mjs';

export default async function setup(): Promise<void> {
	await assembleScanner({ifStale: true});
}
