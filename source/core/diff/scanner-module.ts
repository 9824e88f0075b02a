/**
 * The diff's scanner as WebAssembly (source/wasm/scanner.ts): compiled once, on the first diff
 * (well under a millisecond for its few kilobytes), and instantiated per TokenIds, whose memory
 * holds the token table and every text scanned with it.
 */
import {scannerBytes} from './scanner-bytes.js';

/** What the scanner exports (pointers and offsets are numbers). */
export interface ScannerExports {
	readonly memory: {readonly buffer: ArrayBuffer};
	alloc(size: number): number;
	init(capacity: number, poolBytes: number): void;
	byteKindsAt(): number;
	standInsAt(): number;
	hashStandIns(): void;
	ids(): number;
	begin(
		text: number,
		length: number,
		from: number,
		surplus: number,
		layout: number,
		breakTokens: number,
		bytesAlone: number,
		guided: number,
	): void;
	scan(limit: number): void;
	scannedAt(): number;
	scannedSurplus(): number;
	scannedCount(): number;
	scannedWords(): number;
	scannedTakenOver(): number;
	idsAt(): number;
	kindsAt(): number;
	startsAt(): number;
	endsAt(): number;
	gapsAt(): number;
	byteStartsAt(): number;
	marksAt(): number;
	marksCount(): number;
	guide(
		text: number,
		length: number,
		count: number,
		ids: number,
		kinds: number,
		starts: number,
		ends: number,
		gaps: number,
		byteStarts: number,
		marks: number,
		marksLength: number,
		units: number,
	): void;
}

/** What the scanner asks of JavaScript: a code point's kind (once per code point and
 * instance), and whether whitespace breaks a paragraph, where the text's layout decides. */
export interface ScannerImports {
	kind(codePoint: number): number;
	isBreak(start: number, end: number, newlines: number): number;
}

/** Node's WebAssembly, as far as it is used here (the project's lib, ES2023, declares none). */
interface WebAssemblyGlobal {
	Module: new (bytes: Uint8Array) => object;
	Instance: new (module: object, imports: object) => {readonly exports: object};
}
const wasm = (globalThis as unknown as {WebAssembly: WebAssemblyGlobal}).WebAssembly;

let compiled: object | undefined;

export function instantiateScanner(imports: ScannerImports): ScannerExports {
	compiled ??= new wasm.Module(scannerBytes());
	const instance = new wasm.Instance(compiled, {
		scanner: {kind: imports.kind, isBreak: imports.isBreak},
	});
	return instance.exports as unknown as ScannerExports;
}
