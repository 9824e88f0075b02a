/**
 * The diff tokenizer's one scanner (see word-tokens.ts): UTF-8 in, interned tokens out, with
 * UTF-16 offsets (or, for bytes alone, byte offsets and marks to work them out), a chunk at a
 * time, the second text of a pair guided by the first. The scan itself is WebAssembly
 * (source/wasm/scanner.ts, which follows these rules step for step); this module hands it the
 * texts and reads what it found.
 *
 * - A word is a run of word characters (core/text/words.ts) with apostrophes (' or ’) between
 *   them; every other visible character is a token of its own; whitespace is no token, only a
 *   gap before the next (GAP_SPACE, or GAP_PARAGRAPH where the text's ParagraphRule says so, or
 *   a break token of its own). A control character is interned as sanitiseText's stand-in.
 * - Each token is hashed as it is read (FNV-1a) and looked up in the TokenIds table.
 * - The scan of a pair's second text (B) is guided by the first's (A): see Guide.
 */
import {finish, type Steps} from '../steps.js';
import type {ParagraphRule} from './paragraph-rule.js';
import type {ScannerText, TokenIds} from './token-ids.js';

/** What a scan found: the token arrays (`count` long) and the text's measures. */
export interface Scan {
	readonly count: number;
	readonly ids: Int32Array;
	readonly kinds: Uint8Array;
	/** UTF-16 offsets and gaps, made by a scan of a text (not of bytes alone). */
	readonly starts: Int32Array;
	readonly ends: Int32Array;
	readonly gaps: Uint8Array;
	/** Byte offset of each token. */
	readonly byteStarts: Int32Array;
	/** [token, surplus, …]: from that token on, bytes less UTF-16 units before a token's start
	 * are `surplus` (up to the next pair); made by a scan of bytes alone. */
	readonly marks: Int32Array;
	readonly wordCount: number;
	/** UTF-16 units in the bytes scanned, `from` included. */
	readonly units: number;
	/** Tokens taken over from the guide's text rather than scanned (lockstep). */
	readonly takenOver: number;
}

/** Bytes scanned per call of the scanner. WebAssembly has no on-stack replacement: a function
 * is moved to optimised code between calls, so one call over 5 MB would stay in the baseline
 * tier from start to end. */
const CHUNK = 1 << 16;
/** A's tokens read per call when a guide is made (see CHUNK). */
const GUIDE_CHUNK = 1 << 14;

/**
 * Splits bytes[at, end) into word and punctuation tokens and interns them (`units`: the UTF-16
 * offset of byte `at`). `bytes`: a text in the scanner's memory (TokenIds.encode or place), or
 * bytes to copy there.
 */
export function scanUtf8(
	bytes: Uint8Array | ScannerText,
	at: number,
	units: number,
	ids: TokenIds,
	rule: ParagraphRule | undefined,
	breakTokens: boolean,
	bytesAlone: boolean,
	guide: Guide | undefined,
): Scan {
	return finish(scanUtf8Steps(bytes, at, units, ids, rule, breakTokens, bytesAlone, guide));
}

/** scanUtf8 a chunk (CHUNK bytes, well under a millisecond) per step. */
export function* scanUtf8Steps(
	bytes: Uint8Array | ScannerText,
	at: number,
	units: number,
	ids: TokenIds,
	rule: ParagraphRule | undefined,
	breakTokens: boolean,
	bytesAlone: boolean,
	guide: Guide | undefined,
): Steps<Scan> {
	const text = bytes instanceof Uint8Array ? ids.place(bytes) : bytes;
	if (guide !== undefined && guide.scan.table !== ids) {
		throw new Error('A guide reads a scan of the same TokenIds');
	}
	const scanner = ids.scanner;
	const end = text.length;
	ids.rule = rule;
	scanner.begin(
		text.pointer,
		end,
		at,
		at - units,
		rule === undefined ? 0 : rule.code,
		breakTokens ? 1 : 0,
		bytesAlone ? 1 : 0,
		guide === undefined ? 0 : 1,
	);
	let scanned = at;
	while (scanned < end) {
		ids.rule = rule;
		scanner.scan(Math.min(end, scanned + CHUNK));
		scanned = scanner.scannedAt();
		if (scanned < end) yield;
	}
	ids.rule = undefined;
	return new ScannerScan(ids, text, bytesAlone);
}

interface ScanArrays {
	readonly ids: Int32Array;
	readonly kinds: Uint8Array;
	readonly starts: Int32Array;
	readonly ends: Int32Array;
	readonly gaps: Uint8Array;
	readonly byteStarts: Int32Array;
	readonly marks: Int32Array;
}

/**
 * A scan's results. A scan of a text copies its arrays out of the scanner's memory, so its
 * lists outlive the TokenIds (TokenIds.release); a scan of bytes alone (`diff --json`'s, two
 * 5 MB files, once a process) reads them where they are, as views made again when the memory
 * has grown since (growing replaces its buffer, and views of the old one are empty).
 */
class ScannerScan implements Scan {
	readonly count: number;
	readonly wordCount: number;
	readonly units: number;
	readonly takenOver: number;
	private readonly pointers: readonly number[];
	private readonly marksLength: number;
	private readonly copies: ScanArrays | undefined;
	private views: (ScanArrays & {readonly buffer: ArrayBuffer}) | undefined;

	constructor(
		readonly table: TokenIds,
		readonly text: ScannerText,
		readonly bytesAlone: boolean,
	) {
		const scanner = table.scanner;
		this.count = scanner.scannedCount();
		this.wordCount = scanner.scannedWords();
		this.units = text.length - scanner.scannedSurplus();
		this.takenOver = scanner.scannedTakenOver();
		this.pointers = [
			scanner.idsAt(),
			scanner.kindsAt(),
			scanner.startsAt(),
			scanner.endsAt(),
			scanner.gapsAt(),
			scanner.byteStartsAt(),
			scanner.marksAt(),
		];
		this.marksLength = scanner.marksCount();
		if (bytesAlone) table.keepsViews = true;
		else this.copies = this.viewsOf(table.memory, true);
	}

	private viewsOf(buffer: ArrayBuffer, copied: boolean) {
		const [ids, kinds, starts, ends, gaps, byteStarts, marks] = this.pointers as [
			number,
			number,
			number,
			number,
			number,
			number,
			number,
		];
		const count = this.count;
		const textCount = this.bytesAlone ? 0 : count;
		const copy = <T extends Int32Array | Uint8Array>(view: T): T =>
			copied ? (view.slice() as T) : view;
		return {
			buffer,
			ids: copy(new Int32Array(buffer, ids, count)),
			kinds: copy(new Uint8Array(buffer, kinds, count)),
			starts: copy(new Int32Array(buffer, starts, textCount)),
			ends: copy(new Int32Array(buffer, ends, textCount)),
			gaps: copy(new Uint8Array(buffer, gaps, textCount)),
			byteStarts: copy(new Int32Array(buffer, byteStarts, count)),
			marks: copy(new Int32Array(buffer, marks, this.marksLength)),
		};
	}

	private get arrays(): ScanArrays {
		if (this.copies !== undefined) return this.copies;
		const buffer = this.table.memory;
		if (this.views?.buffer !== buffer) this.views = this.viewsOf(buffer, false);
		return this.views;
	}

	get ids(): Int32Array {
		return this.arrays.ids;
	}
	get kinds(): Uint8Array {
		return this.arrays.kinds;
	}
	get starts(): Int32Array {
		return this.arrays.starts;
	}
	get ends(): Int32Array {
		return this.arrays.ends;
	}
	get gaps(): Uint8Array {
		return this.arrays.gaps;
	}
	get byteStarts(): Int32Array {
		return this.arrays.byteStarts;
	}
	get marks(): Int32Array {
		return this.arrays.marks;
	}

	/** The pointers the scanner's guide reads. */
	guideOf(): void {
		const [ids, kinds, starts, ends, gaps, byteStarts, marks] = this.pointers as number[];
		this.table.scanner.guide(
			this.text.pointer,
			this.text.length,
			this.count,
			ids!,
			kinds!,
			starts!,
			ends!,
			gaps!,
			byteStarts!,
			marks!,
			this.marksLength,
			this.units,
		);
		for (let from = 0; from < this.count; from += GUIDE_CHUNK) {
			this.table.scanner.guideTokens(from, Math.min(this.count, from + GUIDE_CHUNK));
		}
	}
}

/**
 * What the scan of a pair's second text reads of the first's, to find most of its ids without
 * the table: two versions of an article hold the same token at the same place, give or take
 * the edits. The scan of B asks for the token of A after the last one it matched; where that
 * is the same bytes, its id is B's. Where it is not, the table is asked, and the guide moves on
 * to the token's place in A when that is plain: a few tokens on (LOOK_AHEAD), or the token's
 * only place in A. A wrong guess costs only a look-up, so the ids are the table's either way.
 *
 * Where B's bytes are A's for a while, B takes A's tokens over rather than scanning them: a
 * scan of a text compares the bytes up to a little past a stretch of A's tokens (and stops at
 * whitespace its paragraph rule must judge, as B's layout is B's own) and copies their ids,
 * kinds, offsets moved and gaps; a scan of bytes alone walks both texts side by side while
 * they are the same bytes or both ASCII whitespace (a re-wrapped text is read a line break at a
 * time), and takes over the tokens whose ends were decided within the walk. A token is taken
 * over only when the bytes that decide where the one before it ends (up to 8 past its start)
 * are the same in both.
 *
 * The guide is the scanner's: one per TokenIds, the last made.
 */
export class Guide {
	readonly scan: ScannerScan;

	constructor(scan: Scan) {
		if (!(scan instanceof ScannerScan)) throw new Error('A guide reads a scan of the scanner');
		this.scan = scan;
		scan.guideOf();
	}
}

/** Index in `marks` ([token, surplus, …]) of the first mark of a token after `token`. */
function firstMarkAfter(marks: ArrayLike<number>, token: number): number {
	let low = 0;
	let high = marks.length / 2;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (marks[2 * middle]! <= token) low = middle + 1;
		else high = middle;
	}
	return 2 * low;
}

/** Bytes less UTF-16 units before token `token`'s start, by `marks` (see Scan.marks). */
export function surplusAt(marks: ArrayLike<number>, token: number): number {
	const after = firstMarkAfter(marks, token);
	return after === 0 ? 0 : marks[after - 1]!;
}
