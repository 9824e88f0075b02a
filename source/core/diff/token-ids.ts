/**
 * Interns tokens to small integers so that comparing tokens is comparing numbers. The table is
 * the scanner's (source/wasm/scanner.ts): an open-addressing table of [hash, id] slots, 8 bytes
 * each, so the common tokens' slots stay in the cache, with each id's bytes in a pool of their
 * own, in the memory of a WebAssembly instance of its own. Every text tokenized with one
 * TokenIds is scanned in that memory, so a pair's second text can read the first's tokens
 * (Guide) and its ids are comparable with the first's.
 */
import {sanitiseText} from '../text/sanitise.js';
import {characterKind, SEPARATOR, SPACE_CHARACTER} from '../text/words.js';
import type {ParagraphRule} from './paragraph-rule.js';
import {acquireScanner, releaseScanner, type ScannerExports} from './scanner-module.js';

/**
 * The characters' kinds per byte (words.ts's WORD_CHARACTER, SPACE_CHARACTER or SEPARATOR) as
 * the app shows them: a file's bytes are diffed as the text sanitiseText makes of them, where a
 * tab is a space and every other control character a visible stand-in (a separator). An ASCII
 * byte is its character; a byte from 0x80 on starts (or continues) a longer sequence, 0, which
 * the scanner decodes and looks up (C1 controls are separators there already).
 */
const BYTE_KIND = new Uint8Array(256);
for (let byte = 0; byte < 128; byte++) {
	const control = byte < 0x20 || byte === 0x7f;
	BYTE_KIND[byte] =
		byte === 0x09 || byte === 0x0a ? SPACE_CHARACTER : control ? SEPARATOR : characterKind(byte);
}

/**
 * The UTF-8 of each control character's stand-in (sanitiseText's), three bytes each: C0
 * controls, DEL, then C1 controls. A control in a file is interned as its stand-in, so that it
 * equals the stand-in, and another control with the same stand-in, as they do in the text shown.
 */
const STAND_INS = new Uint8Array(3 * (0x20 + 1 + 0x20));
for (let index = 0; index < STAND_INS.length / 3; index++) {
	const code = index < 0x20 ? index : index === 0x20 ? 0x7f : 0x80 + index - 0x21;
	const standIn = sanitiseText(String.fromCharCode(code));
	STAND_INS.set(new TextEncoder().encode(standIn.padEnd(1)), 3 * index);
}

/** Bytes of zeros after each text in the scanner's memory: what it reads past a text's end. */
const PADDING = 16;

/** A text in the scanner's memory: its bytes at `pointer`, `length` of them. */
export interface ScannerText {
	readonly pointer: number;
	readonly length: number;
}

export class TokenIds {
	/** Id of every paragraph-break token. */
	static readonly BREAK = 0;
	/** The paragraph rule of the scan in progress, which the scanner asks (see ParagraphRule). */
	rule: ParagraphRule | undefined;
	/** Set by a scan of bytes alone, whose arrays are views of the scanner's memory: the
	 * instance is then never used again by another TokenIds (see release). */
	keepsViews = false;
	private current: ScannerExports | undefined;
	/** `size` when released. */
	private finalSize = 0;

	/** `bytes`: how long the texts to intern are, together, when known: the table starts at
	 * the size they will likely need, rather than growing to it. */
	constructor(bytes = 0) {
		const expected = expectedDistinct(bytes);
		let capacity = 16;
		while (capacity < expected * 2) capacity *= 2;
		const {scanner} = acquireScanner(
			{
				kind: characterKind,
				isBreak: (start, end, newlines) => (this.rule!.isBreak(start, end, newlines) ? 1 : 0),
			},
			(fresh) => {
				const memory = fresh.memory.buffer;
				new Uint8Array(memory, fresh.byteKindsAt(), 256).set(BYTE_KIND);
				new Uint8Array(memory, fresh.standInsAt(), STAND_INS.length).set(STAND_INS);
				fresh.hashStandIns();
			},
		);
		this.current = scanner;
		// Room for the tokens' bytes at twice prose's average length; pages never written cost
		// nothing.
		scanner.init(capacity, Math.max(64, expected * 16));
	}

	/** The scanner whose memory holds this table. */
	get scanner(): ScannerExports {
		if (this.current === undefined) throw new Error('TokenIds used after release()');
		return this.current;
	}

	get size(): number {
		return this.current === undefined ? this.finalSize : this.current.ids();
	}

	/** The scanner's memory as it is now (it is replaced when the memory grows). */
	get memory(): ArrayBuffer {
		return this.scanner.memory.buffer;
	}

	/**
	 * Done scanning: `size` still answers, nothing else. The scanner's instance goes to the next
	 * TokenIds (the lists of a scan of a text hold copies of their arrays), unless a scan of
	 * bytes alone left views of its memory (keepsViews): then it stays this TokenIds' as it was.
	 */
	release(): void {
		if (this.current === undefined || this.keepsViews) return;
		this.finalSize = this.current.ids();
		releaseScanner(this.current);
		this.current = undefined;
	}

	/** `bytes` copied into the scanner's memory. */
	place(bytes: Uint8Array): ScannerText {
		const pointer = this.scanner.alloc(bytes.length + PADDING);
		const memory = new Uint8Array(this.memory, pointer, bytes.length + PADDING);
		memory.set(bytes);
		memory.fill(0, bytes.length);
		return {pointer, length: bytes.length};
	}

	/** The UTF-8 of `text` in the scanner's memory: a lone surrogate becomes U+FFFD, as the
	 * UTF-8 the app reads from files never holds one. */
	encode(text: string): ScannerText {
		// Prose is nearly all ASCII; a text that is not needs a second, larger go.
		let room = text.length + (text.length >> 3) + 16;
		for (;;) {
			const pointer = this.scanner.alloc(room + PADDING);
			const memory = new Uint8Array(this.memory, pointer, room + PADDING);
			const {read, written} = encoder.encodeInto(text, memory.subarray(0, room));
			if (read === text.length) {
				memory.fill(0, written, written + PADDING);
				return {pointer, length: written};
			}
			room = 3 * text.length;
		}
	}
}

const encoder = new TextEncoder();

/** About how many distinct tokens texts of `bytes` bytes hold: Heaps' law, fitted to the
 * bench's pairs and the seeds (prose runs about 5.5 bytes a token), erring low. */
function expectedDistinct(bytes: number): number {
	return Math.ceil(16 * Math.pow(bytes / 5.5, 0.55));
}
