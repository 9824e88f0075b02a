/**
 * The diff's scanner as WebAssembly (source/wasm/scanner.ts): compiled once, on the first diff
 * (well under a millisecond for its few kilobytes). Each TokenIds has an instance of its own,
 * whose memory holds the token table and every text scanned with it; one given back when its
 * TokenIds is done is used again, so a diff after another writes to memory already mapped
 * (fresh memory is slow to come by: each new instance's memory also asked V8 for a full
 * garbage collection) and keeps the code points' kinds already asked.
 */
import {scannerBytes} from './scanner-bytes.js';

/** What the scanner exports (pointers and offsets are numbers). */
export interface ScannerExports {
	readonly memory: {readonly buffer: ArrayBuffer};
	alloc(size: number): number;
	setUp(): void;
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
	guideTokens(from: number, to: number): void;
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

/** Instances given back (releaseScanner), set up, their memory ready for another TokenIds. */
const free: ScannerExports[] = [];
/** Instances kept at most: one per diff that runs at once (the screen's and a history's). */
const MOST_KEPT = 2;

/** An instance whose kinds' tables are set up (`setUp` writes them), fresh or given back. */
export function acquireScanner(
	imports: ScannerImports,
	setUp: (scanner: ScannerExports) => void,
): {scanner: ScannerExports; imports: ScannerImports} {
	const kept = free.pop();
	if (kept !== undefined) {
		const found = importsOf.get(kept)!;
		found.kind = imports.kind;
		found.isBreak = imports.isBreak;
		return {scanner: kept, imports: found};
	}
	compiled ??= new wasm.Module(scannerBytes());
	// The instance calls through this object, so a later TokenIds can put its own answers in.
	const forwarded: ScannerImports = {kind: imports.kind, isBreak: imports.isBreak};
	const instance = new wasm.Instance(compiled, {
		scanner: {
			kind: (codePoint: number) => forwarded.kind(codePoint),
			isBreak: (start: number, end: number, newlines: number) =>
				forwarded.isBreak(start, end, newlines),
		},
	});
	const scanner = instance.exports as unknown as ScannerExports;
	scanner.setUp();
	setUp(scanner);
	importsOf.set(scanner, forwarded);
	return {scanner, imports: forwarded};
}

const importsOf = new WeakMap<ScannerExports, ScannerImports>();

/** Gives an instance back for another TokenIds: nothing may read its memory any more. */
export function releaseScanner(scanner: ScannerExports): void {
	if (free.length < MOST_KEPT && !free.includes(scanner)) free.push(scanner);
}
