/**
 * The search index written out as it is, so a start whose documents are the ones indexed last
 * time takes the index up in a fraction of a second instead of reading and indexing every text
 * again (about 2.7 s at 10,000 documents). The bytes are the index's own typed arrays, each
 * section as it lies in memory (little-endian, as every machine Node runs on here), behind a
 * JSON header:
 *
 *   "RRSI" · format (u32) · two CRC-32s (u32 each) · header length (u32) ·
 *   header (UTF-8 JSON) · sections, each starting on a multiple of 4 bytes
 *
 * The checksums are of the two halves of everything after them (see checkedHalves), so the two
 * can be worked out at once, in two threads: at 100,000 documents the one SHA-1 of 310 MB, in a
 * worker, was what the index's take-up waited for. CRC-32 (zlib's, as gzip and PNG check their
 * bytes) finds a damaged cache as surely as SHA-1 did for what a cache needs (every damage of up
 * to 32 bits in a row; anything else missed once in 2^32), in half its time here (310 MB:
 * 0.135 s against 0.255 s), so each thread does less even when no core is free.
 *
 * A snapshot is a cache: it is taken up only when its checksum holds, its format and
 * fingerprint are this code's, and its documents are, in order, the first of the folder's
 * with the same texts, titles and paragraphs (see SearchIndex.restore); anything else is
 * ignored and the index built as before. The fingerprint is what this code makes of a sample
 * text: a change to the tokeniser or the folding that is not matched by a new format number
 * still makes every old snapshot unusable.
 */
import {Buffer} from 'node:buffer';
import zlib from 'node:zlib';
import type {Document} from '../types.js';
import {SearchIndex, type SearchIndexState} from './index.js';
import {Sequences, type ByteSource, type SourceChunk} from './sequences.js';

const MAGIC = 'RRSI';
/** 2: word sequences as varints in byte chunks (sequences.ts), not an Int32Array each.
 * 3: postings as varints in byte chunks (postings.ts). 4: each sequence's size in bytes (they
 * are read from the file one by one). 5: the documents' ids as one string and their keys as
 * digests in a section, where each was a pair of strings in the JSON header (at 100,000
 * documents 17 MB, 0.26 s to parse, and 200,000 strings). 6: two CRC-32s, one a half, for
 * the SHA-1 of the whole. */
const FORMAT = 6;
const DIGEST_AT = 8;
const DIGEST_BYTES = 4;
const HEADER_LENGTH_AT = DIGEST_AT + 2 * DIGEST_BYTES;
const HEADER_AT = HEADER_LENGTH_AT + 4;

type SectionKind = 'i32' | 'u16' | 'u8';
type Section = Int32Array | Uint16Array | Uint8Array;

interface SectionEntry {
	readonly name: string;
	readonly kind: SectionKind;
	/** Elements, not bytes. */
	readonly length: number;
}

interface Header {
	readonly fingerprint: string;
	readonly terms: readonly string[];
	/** How many entries, and their ids, joined by NUL (which no path holds). */
	readonly documentCount: number;
	readonly ids: string;
	readonly titleLengths: readonly number[];
	readonly chunks: number;
	readonly sequenceChunks: number;
	readonly sections: readonly SectionEntry[];
}

/**
 * The bytes of `index`'s snapshot, checksummed, as the parts to write one after the other (its
 * arrays themselves, not copies: write them before the index changes); undefined when it
 * cannot be taken now (see SearchIndex.state). The checksum is worked out a few megabytes at a
 * time between turns of the event loop.
 */
export async function encodeSnapshot(
	index: SearchIndex,
	/** Waits between the steps: a turn of the event loop, or longer (the app waits for keys to
	 * rest: nobody is waiting for the snapshot). */
	turn: () => Promise<void> = nextTurn,
): Promise<Uint8Array[] | undefined> {
	const state = index.state();
	if (state === undefined) return undefined;
	await turn();
	const sections: {entry: SectionEntry; array: Section}[] = [];
	const add = (name: string, array: Section) =>
		sections.push({
			entry: {
				name,
				kind: array instanceof Uint16Array ? 'u16' : array instanceof Uint8Array ? 'u8' : 'i32',
				length: array.length,
			},
			array,
		});
	const {vocabulary, postings, sequences} = state;
	add('trie.codePoint', vocabulary.trie.codePoint);
	add('trie.firstChild', vocabulary.trie.firstChild);
	add('trie.nextSibling', vocabulary.trie.nextSibling);
	add('trie.term', vocabulary.trie.term);
	add('vocabulary.table', vocabulary.table);
	add('vocabulary.characters', vocabulary.characters);
	add('vocabulary.starts', vocabulary.starts);
	add('postings.head', postings.head);
	add('postings.tail', postings.tail);
	add('postings.blockEnd', postings.blockEnd);
	add('postings.blockSize', postings.blockSize);
	add('postings.lastOrdinal', postings.lastOrdinal);
	add('postings.counts', postings.counts);
	add('postings.lastAt', postings.lastAt);
	postings.chunks.forEach((chunk, at) => add(`postings.chunk${at}`, chunk));
	add('documents.keys', state.keys);
	add('sequences.chunkOf', sequences.chunkOf);
	add('sequences.starts', sequences.starts);
	add('sequences.sizes', sequences.sizes);
	add('sequences.lengths', sequences.lengths);
	for (const [at, chunk] of sequences.chunks.entries()) {
		// A chunk left in the last snapshot's file is read back (the file stays open: a new
		// snapshot is written aside and renamed over it).
		let bytes = chunk;
		if (!(chunk instanceof Uint8Array)) {
			bytes = await sequences.source!.read(chunk.position, chunk.length);
			if (bytes.length !== chunk.length) return undefined;
		}
		add(`sequences.chunk${at}`, bytes as Uint8Array);
	}
	const header: Header = {
		fingerprint: fingerprint(),
		terms: vocabulary.terms,
		documentCount: state.ids.length,
		ids: state.ids.join('\0'),
		titleLengths: state.titleLengths,
		chunks: postings.chunks.length,
		sequenceChunks: sequences.chunks.length,
		sections: sections.map(({entry}) => entry),
	};
	// A turn of the event loop between the steps that take milliseconds at 10,000 documents.
	await turn();
	const json = JSON.stringify(header);
	await turn();
	const headerBytes = Buffer.from(json, 'utf8');
	await turn();
	const prefix = Buffer.alloc(align(HEADER_AT + headerBytes.length));
	prefix.write(MAGIC, 0, 'latin1');
	prefix.writeUInt32LE(FORMAT, 4);
	prefix.writeUInt32LE(headerBytes.length, HEADER_LENGTH_AT);
	headerBytes.copy(prefix, HEADER_AT);
	const parts: Uint8Array[] = [prefix];
	for (const {array} of sections) {
		const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
		parts.push(bytes);
		const padding = align(bytes.length) - bytes.length;
		if (padding > 0) parts.push(new Uint8Array(padding));
	}
	let length = 0;
	for (const part of parts) length += part.length;
	const [first, second] = checkedHalves(length);
	(await digest(parts, first, turn)).copy(prefix, DIGEST_AT);
	(await digest(parts, second, turn)).copy(prefix, DIGEST_AT + DIGEST_BYTES);
	return parts;
}

/** A snapshot's bytes as a ByteSource (tests, and bytes read whole). */
export function bytesSource(bytes: Uint8Array): SnapshotSource {
	return {
		size: bytes.length,
		readSync(into, position) {
			const piece = bytes.subarray(position, position + into.length);
			into.set(piece);
			return piece.length;
		},
		read(position, length) {
			// A copy of its own, as read from a file (a Buffer's slice would be a view of them all).
			return Promise.resolve(Uint8Array.prototype.slice.call(bytes, position, position + length));
		},
		close() {},
	};
}

/** A snapshot to read: its size, and its bytes (see the store's openSearchSnapshot). */
export interface SnapshotSource extends ByteSource {
	readonly size: number;
	/** Done with it (one not taken up); a store's are closed with the store anyway. */
	close(): void;
	/**
	 * The CRC-32 of its bytes from `from` up to `to` (as a u32, little-endian), worked out off
	 * the main thread (a file's, in
	 * a worker, from the same file); undefined when it cannot be (the file replaced meanwhile, or
	 * unreadable). Asked for both halves at once (see checkedHalves). Without it,
	 * decodeSnapshotFrom hashes the bytes itself, a few megabytes a turn.
	 */
	digestRange?(from: number, to: number): Promise<Uint8Array | undefined>;
}

/** A snapshot's two checksums being worked out elsewhere (see startSnapshotCheck). */
export type SnapshotCheck = Promise<readonly (Uint8Array | undefined)[]> | undefined;

/**
 * Starts working out `source`'s two checksums off the main thread, when it can (both halves at
 * once: source.digestRange); undefined when it cannot (decodeSnapshotFrom then hashes the bytes
 * itself). The word sequences, half the file, are then not read at all on the main thread, and
 * it does no hashing. Started when the snapshot is opened, before the folder is listed: at
 * 100,000 documents the two workers take about 0.3 s (310 MB, each half read and hashed), which
 * the take-up after listing waited for, and the sections are read only once the folder is
 * listed (read meanwhile, they were held beside the listing's peak: 30–40 MB more at once).
 */
export function startSnapshotCheck(source: SnapshotSource): SnapshotCheck {
	if (source.digestRange === undefined) return undefined;
	const halves = checkedHalves(source.size);
	return Promise.all(halves.map(([from, to]) => source.digestRange!(from, to)));
}

/** The index state in `bytes` (see decodeSnapshotFrom), or why it cannot be used. */
export async function decodeSnapshot(
	bytes: Uint8Array,
): Promise<{state: SearchIndexState} | {problem: string}> {
	return decodeSnapshotFrom(bytesSource(bytes));
}

/**
 * The index state in `source`, or why it cannot be used. Every section is read into memory of
 * its own but the word sequences, which stay in the source and are read from it when a query
 * needs them (see sequences.ts): the source must stay readable while the index is used. The
 * checksums are worked out meanwhile (source.digestRange), or after, a few megabytes at a
 * time, so the whole file is never in memory at once.
 */
export async function decodeSnapshotFrom(
	source: SnapshotSource,
	/** Its checksums, when started already (startSnapshotCheck): else started here. */
	check?: SnapshotCheck,
): Promise<{state: SearchIndexState} | {problem: string}> {
	const damaged = {problem: 'a damaged snapshot'};
	if (source.size < HEADER_AT) return {problem: 'not a search index snapshot'};
	const prefix = Buffer.from(await source.read(0, HEADER_AT));
	if (prefix.length < HEADER_AT || prefix.toString('latin1', 0, 4) !== MAGIC) {
		return {problem: 'not a search index snapshot'};
	}
	if (prefix.readUInt32LE(4) !== FORMAT) return {problem: 'a snapshot of another format'};
	const expected = [
		prefix.subarray(DIGEST_AT, DIGEST_AT + DIGEST_BYTES),
		prefix.subarray(DIGEST_AT + DIGEST_BYTES, DIGEST_AT + 2 * DIGEST_BYTES),
	];
	const halves = checkedHalves(source.size);
	const digesting = check ?? startSnapshotCheck(source);
	const headerLength = prefix.readUInt32LE(HEADER_LENGTH_AT);
	const sectionsAt = align(HEADER_AT + headerLength);
	if (sectionsAt > source.size) return damaged;
	const headerBytes = Buffer.from(
		await source.read(HEADER_LENGTH_AT, sectionsAt - HEADER_LENGTH_AT),
	);
	let header: Header;
	try {
		header = JSON.parse(headerBytes.toString('utf8', 4, 4 + headerLength)) as Header;
	} catch {
		return damaged;
	}
	// Where each section lies; the ones held in memory are read in one go, into one buffer
	// (they lie together, before the word sequences): read into a fresh buffer each, the 40 or
	// so sections (124 MB of postings at 100,000 documents) cost about 0.1 s of garbage
	// collection (each allocation counts as external memory, and collections follow).
	const layout: {name: string; kind: SectionKind; length: number; at: number}[] = [];
	let at = sectionsAt;
	let held: [number, number] | undefined;
	for (const {name, kind, length} of header.sections) {
		const end = align(at + length * widthOf(kind));
		if (end > source.size) return damaged;
		layout.push({name, kind, length, at});
		if (!SEQUENCE_CHUNK.test(name)) held = [held?.[0] ?? at, end];
		at = end;
	}
	const bytes = held && (await source.read(held[0], held[1] - held[0]));
	if (held && bytes!.length !== held[1] - held[0]) return damaged;
	// A fresh buffer from offset 0 (see SnapshotSource.read), so every view starts on a multiple
	// of 4; copied when a source gives another (a Buffer's slice is a view: Uint8Array's copies).
	const region =
		bytes && (bytes.byteOffset % 4 === 0 ? bytes : Uint8Array.prototype.slice.call(bytes));
	const named = new Map<string, Section | SourceChunk>();
	for (const {name, kind, length, at: position} of layout) {
		if (SEQUENCE_CHUNK.test(name)) {
			// Left in the source.
			named.set(name, {position, length: length * widthOf(kind)});
			continue;
		}
		const offset = region!.byteOffset + position - held![0];
		named.set(
			name,
			kind === 'u8'
				? new Uint8Array(region!.buffer, offset, length)
				: kind === 'u16'
					? new Uint16Array(region!.buffer, offset, length)
					: new Int32Array(region!.buffer, offset, length),
		);
	}
	// Anything after the sections counts too.
	const digests = await (digesting ??
		Promise.all(halves.map(([from, to]) => digestOf(source, from, to))));
	for (const [half, digest] of digests.entries()) {
		if (digest === undefined || !Buffer.from(digest).equals(expected[half]!)) return damaged;
	}
	if (header.fingerprint !== fingerprint()) return {problem: 'a snapshot of other rules'};
	const i32 = (name: string) => {
		const array = named.get(name);
		return array instanceof Int32Array ? array : undefined;
	};
	const u8 = (name: string) => {
		const array = named.get(name);
		return array instanceof Uint8Array ? array : undefined;
	};
	const characters = named.get('vocabulary.characters');
	const chunks = Array.from({length: header.chunks}, (_, index) => u8(`postings.chunk${index}`));
	const sequenceChunks = Array.from({length: header.sequenceChunks}, (_, index) => {
		const chunk = named.get(`sequences.chunk${index}`);
		return chunk !== undefined && 'position' in chunk ? chunk : undefined;
	});
	const parts = {
		codePoint: i32('trie.codePoint'),
		firstChild: i32('trie.firstChild'),
		nextSibling: i32('trie.nextSibling'),
		term: i32('trie.term'),
		table: i32('vocabulary.table'),
		starts: i32('vocabulary.starts'),
		head: i32('postings.head'),
		tail: i32('postings.tail'),
		blockEnd: i32('postings.blockEnd'),
		blockSize: i32('postings.blockSize'),
		lastOrdinal: i32('postings.lastOrdinal'),
		counts: i32('postings.counts'),
		lastAt: i32('postings.lastAt'),
		chunkOf: i32('sequences.chunkOf'),
		sequenceStarts: i32('sequences.starts'),
		sizes: i32('sequences.sizes'),
		lengths: i32('sequences.lengths'),
		keys: i32('documents.keys'),
	};
	if (
		!(characters instanceof Uint16Array) ||
		Object.values(parts).some((part) => part === undefined) ||
		chunks.some((chunk) => chunk === undefined) ||
		sequenceChunks.some((chunk) => chunk === undefined)
	) {
		return damaged;
	}
	const ids =
		header.documentCount === 0 || typeof header.ids !== 'string' ? [] : header.ids.split('\0');
	if (ids.length !== header.documentCount) return damaged;
	const whole = parts as {[Name in keyof typeof parts]: Int32Array};
	return {
		state: {
			vocabulary: {
				terms: header.terms,
				trie: {
					codePoint: whole.codePoint,
					firstChild: whole.firstChild,
					nextSibling: whole.nextSibling,
					term: whole.term,
				},
				table: whole.table,
				characters,
				starts: whole.starts,
			},
			postings: {
				chunks: chunks as Uint8Array[],
				head: whole.head,
				tail: whole.tail,
				blockEnd: whole.blockEnd,
				blockSize: whole.blockSize,
				lastOrdinal: whole.lastOrdinal,
				counts: whole.counts,
				lastAt: whole.lastAt,
			},
			sequences: {
				chunks: sequenceChunks as SourceChunk[],
				source,
				chunkOf: whole.chunkOf,
				starts: whole.sequenceStarts,
				sizes: whole.sizes,
				lengths: whole.lengths,
			},
			titleLengths: header.titleLengths,
			ids,
			keys: whole.keys,
		},
	};
}

const SEQUENCE_CHUNK = /^sequences\.chunk\d+$/;

/** Bytes an element of a section of `kind` takes. */
function widthOf(kind: SectionKind): number {
	return kind === 'u8' ? 1 : kind === 'u16' ? 2 : 4;
}

function align(offset: number): number {
	return (offset + 3) & ~3;
}

/** What each of a snapshot's checksums covers, from byte to byte, in a snapshot of `size`
 * bytes: the first and the second half of everything after them (the first the shorter by a
 * byte when the bytes are odd). */
export function checkedHalves(size: number): [[number, number], [number, number]] {
	const middle =
		HEADER_LENGTH_AT + Math.floor((Math.max(size, HEADER_LENGTH_AT) - HEADER_LENGTH_AT) / 2);
	return [
		[HEADER_LENGTH_AT, middle],
		[middle, Math.max(size, HEADER_LENGTH_AT)],
	];
}

/** CRC-32 of `source`'s bytes from `from` up to `to`, read a few megabytes a turn. */
async function digestOf(source: SnapshotSource, from: number, to: number): Promise<Buffer> {
	let crc = 0;
	for (let at = from; at < to; at += HASHED_PER_TURN) {
		crc = crc32(await source.read(at, Math.min(HASHED_PER_TURN, to - at)), crc);
		await nextTurn();
	}
	return u32(crc);
}

function u32(value: number): Buffer {
	const bytes = Buffer.alloc(DIGEST_BYTES);
	bytes.writeUInt32LE(value >>> 0);
	return bytes;
}

/** zlib's CRC-32 of `bytes`, going on from `crc` (that of the bytes before): Node's own, there
 * from 20.15 on (package.json's engines). */
export function crc32(bytes: Uint8Array, crc = 0): number {
	return zlib.crc32(bytes, crc);
}

/** Bytes checked between two turns of the event loop: about 2 ms of CRC-32 here. */
const HASHED_PER_TURN = 4 << 20;

/** CRC-32 of `parts` (as one run of bytes) from byte `from` up to `to`, a few megabytes at a
 * time with a turn of the event loop between. */
async function digest(
	parts: readonly Uint8Array[],
	[from, to]: readonly [number, number],
	turn: () => Promise<void> = nextTurn,
): Promise<Buffer> {
	let crc = 0;
	let skip = from;
	let left = to - from;
	let sinceTurn = 0;
	for (const part of parts) {
		let at = Math.min(skip, part.length);
		skip -= at;
		const stop = Math.min(part.length, at + left);
		left -= stop - at;
		while (at < stop) {
			const end = Math.min(stop, at + HASHED_PER_TURN - sinceTurn);
			crc = crc32(part.subarray(at, end), crc);
			sinceTurn += end - at;
			at = end;
			if (sinceTurn >= HASHED_PER_TURN) {
				sinceTurn = 0;
				await turn();
			}
		}
	}
	return u32(crc);
}

function nextTurn(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

let sampleFingerprint: string | undefined;

/** What this code makes of a sample text: its terms and word sequence. */
function fingerprint(): string {
	if (sampleFingerprint !== undefined) return sampleFingerprint;
	const text =
		'Iran’s FM Zarif: café in Zürich, 3.5% up; state-of-the-art ＡＢＣ 東京都 ایران naïve' +
		" e\u0301 O’Brien don't co-op 2020-07-20 #tag @user x".repeat(2) +
		'a'.repeat(80);
	const sample: Document = {
		id: 'sample',
		path: 'sample',
		fileName: 'sample',
		title: 'Sample Headline — Über',
		titleFromHeadline: true,
		dateline: 'July 20, 2020 - 21:8',
		source: 'Source',
		paragraphs: [text, 'Second paragraph.'],
		words: 0,
		readingMinutes: 0,
		text,
		encoding: 'utf-8',
		hash: '',
		bytes: 0,
	};
	const index = new SearchIndex();
	index.add([sample]);
	const state = index.state()!;
	const sequences = Sequences.fromState(state.sequences, 1)!;
	const words = [...sequences.read(0).subarray(0, sequences.length(0))];
	sampleFingerprint = JSON.stringify([state.vocabulary.terms, words]);
	return sampleFingerprint;
}
