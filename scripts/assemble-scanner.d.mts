/** source/wasm/scanner.ts, and the WebAssembly it is compiled to (.build/scanner.wasm). */
export const scannerSource: string;
export const scannerOutput: string;
/** Compiles the scanner; with `ifStale`, only when its output is older than its source. */
export function assembleScanner(options?: {ifStale?: boolean}): Promise<void>;
