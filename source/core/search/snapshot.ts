/**
 * The search index written out as it is, so a start whose documents are the ones indexed last
 * time takes the index up in a fraction of a second instead of reading and indexing every text
 * again (about 2.7 s at 10,000 documents). The bytes are the index's own typed arrays, each
 * section as it lies in memory (little-endian, as every machine Node runs on here), behind a
 * JSON header:
 *
 *   "RRSI" · format (u32) · two CRC-32s (u32 each) · where the word sequences start (u48,
 *   then two bytes of 0) · header length (u32) · header (UTF-8 JSON) · sections, each starting
 *   on a multiple of 4 bytes: first the ones held in memory, then the word sequences' chunks
 *
 * The checksums are of the two parts of everything after them (see checkedParts): the header
 * and the sections held in memory (at 100,000 documents 137 MB), and the word sequences, which
 * stay in the file (173 MB). The two are worked out at once, in two threads, and the thread
 * checking the first part hands over the bytes it read, so the main thread does not read them
 * again (see SnapshotSource.checkRange). CRC-32 (zlib's, as gzip and PNG check their bytes)
 * finds a damaged cache as surely as SHA-1 did for what a cache needs (every damage of up to
 * 32 bits in a row; anything else missed once in 2^32), in half its time here (310 MB: 0.135 s
 * against 0.255 s), so each thread does less even when no core is free.
 *
 * A file checked whole once has its word sequences (173 MB) summed no more while it is the same
 * file (see SnapshotSource.checked), as the kept rows' file is trusted by its identity
 * (core/store/read-kept.ts). The held part is checked at every start: it is read anyway, and a
 * damaged link in the trie or the postings could send a search round a loop for good, where a
 * damaged word sequence only reads as other words (its varints are read within their chunk).
 *
 * A snapshot is a cache: it is taken up only when its checksums hold (the word sequences' as
 * last checked, see above), its format and
 * fingerprint are this code's, and its documents are, in order, the first of the folder's
 * with the same texts, titles and paragraphs (see SearchIndex.restore); anything else is
 * ignored and the index built as before. The fingerprint is what this code makes of a sample
 * text: a change to the tokeniser or the folding that is not matched by a new format number
 * still makes every old snapshot unusable.
 */
import {Buffer, isAscii} from 'node:buffer';
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
 * the SHA-1 of the whole. 7: the checksums of the held sections and of the word sequences
 * (where each was half of the file), the titles' lengths and the ids in sections. */
const FORMAT = 7;
const DIGEST_AT = 8;
const DIGEST_BYTES = 4;
const SEQUENCES_AT_AT = DIGEST_AT + 2 * DIGEST_BYTES;
const HEADER_LENGTH_AT = SEQUENCES_AT_AT + 8;
const HEADER_AT = HEADER_LENGTH_AT + 4;
/** Where the checked bytes start: everything after the checksums. */
const CHECKED_FROM = SEQUENCES_AT_AT;

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
	add('documents.titleLengths', Int32Array.from(state.titleLengths));
	add('documents.ids', Buffer.from(state.ids, 'utf8'));
	add('sequences.chunkOf', sequences.chunkOf);
	add('sequences.starts', sequences.starts);
	add('sequences.sizes', sequences.sizes);
	add('sequences.lengths', sequences.lengths);
	// Word sequences taken up without their checksum are summed before they are copied: a new
	// snapshot's checksums would vouch for them as they are.
	const copied = sequences.chunks.some((chunk) => !(chunk instanceof Uint8Array));
	if (copied && sequences.source?.sequencesHold && !(await sequences.source.sequencesHold())) {
		return undefined;
	}
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
	let length = prefix.length;
	let sequencesAt: number | undefined;
	for (const {entry, array} of sections) {
		if (SEQUENCE_CHUNK.test(entry.name)) sequencesAt ??= length;
		const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
		parts.push(bytes);
		const padding = align(bytes.length) - bytes.length;
		if (padding > 0) parts.push(new Uint8Array(padding));
		length += bytes.length + padding;
	}
	prefix.writeUIntLE(sequencesAt ?? length, SEQUENCES_AT_AT, 6);
	const [first, second] = checkedParts(length, sequencesAt ?? length);
	(await digest(parts, first, turn)).copy(prefix, DIGEST_AT);
	(await digest(parts, second, turn)).copy(prefix, DIGEST_AT + DIGEST_BYTES);
	return parts;
}

/**
 * Whether the word sequences of `source` (from `part[0]` up to `part[1]`) hold `expected`, their
 * checksum, worked out as decodeSnapshotFrom does; told to the source when they do not.
 */
async function sequencesHold(
	source: SnapshotSource,
	part: readonly [number, number],
	expected: Uint8Array,
): Promise<boolean> {
	// The worker opens the file again by its name, which names another file once a snapshot is
	// written after this one was opened (by this run, say): then summed here, from the file this
	// one has open.
	const summed =
		(source.checkRange && (await source.checkRange(part[0], part[1]))?.digest) ??
		(await digestOf(source, part[0], part[1]).catch(() => undefined));
	// Not summed (closed, or not readable): not copied, but not said to be damaged either.
	if (summed === undefined) return false;
	const held = Buffer.from(summed).equals(expected);
	if (!held) source.checksFailed?.();
	return held;
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
	 * Whether these very bytes were found whole before: the store keeps the identity of the
	 * file whose checksums held (device, inode, size, modification and change times), and a
	 * file that is still that one has not been written since. The word sequences' checksum is
	 * then not worked out again (see the module comment).
	 */
	readonly checked?: boolean;
	/** Told when both checksums were worked out and held (see checked). */
	checksHeld?(): void;
	/** Told when the word sequences of a source taken as checked were summed after all (before a
	 * new snapshot copies them) and did not hold: not to be taken as checked again. */
	checksFailed?(): void;
	/**
	 * The CRC-32 of its bytes from `from` up to `to` (as a u32, little-endian), worked out off
	 * the main thread (a file's, in a worker, from the same file), and with `cuts` the bytes
	 * themselves, in pieces cut at those offsets (each piece in memory of its own, handed over,
	 * not copied); undefined when it cannot be (the file replaced meanwhile, or unreadable).
	 * Asked for both parts at once (see checkedParts). Without it, decodeSnapshotFrom reads the
	 * bytes and works the checksums out itself, a few megabytes a turn.
	 */
	checkRange?(
		from: number,
		to: number,
		cuts?: readonly number[],
	): Promise<CheckedRange | undefined>;
}

/** Bytes checked by SnapshotSource.checkRange. */
export interface CheckedRange {
	readonly digest: Uint8Array;
	/** The bytes, when asked for: a piece from `from` to the first cut, from each cut to the
	 * next, and from the last to `to`. */
	readonly pieces?: readonly Uint8Array[];
}

/** A snapshot's two parts being checked elsewhere (see startSnapshotCheck): the header and the
 * held sections, read (header and sections apart) as well as checked, and the word sequences,
 * unless the source was checked before (none then). */
export type SnapshotCheck =
	| {
			readonly sequencesAt: number;
			readonly held: Promise<CheckedRange | undefined>;
			readonly sequences: Promise<CheckedRange | undefined> | undefined;
	  }
	| undefined;

/** A snapshot's file opened, and its checks begun (see startSnapshotCheck). */
export interface OpenedSnapshot {
	readonly file: SnapshotSource;
	readonly check: SnapshotCheck;
}

/** The snapshot `open` gives, its checks begun at once; undefined when there is none or it
 * cannot be opened (only a cache: the index is built instead). */
export async function openSnapshotChecked(
	open: () => Promise<SnapshotSource | undefined>,
): Promise<OpenedSnapshot | undefined> {
	let file: SnapshotSource | undefined;
	try {
		file = await open();
		return file && {file, check: startSnapshotCheck(file)};
	} catch {
		file?.close();
		return undefined;
	}
}

/** What a snapshot's first bytes say, when they are a snapshot of this format's. */
interface Prefix {
	readonly digests: readonly [Uint8Array, Uint8Array];
	readonly sequencesAt: number;
	readonly headerLength: number;
	/** Where the sections start (after the header, on a multiple of 4). */
	readonly sectionsAt: number;
}

function readPrefix(bytes: Uint8Array, size: number): Prefix | {problem: string} {
	const prefix = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
	if (prefix.length < HEADER_AT || prefix.toString('latin1', 0, 4) !== MAGIC) {
		return {problem: 'not a search index snapshot'};
	}
	if (prefix.readUInt32LE(4) !== FORMAT) return {problem: 'a snapshot of another format'};
	const sequencesAt = prefix.readUIntLE(SEQUENCES_AT_AT, 6);
	const headerLength = prefix.readUInt32LE(HEADER_LENGTH_AT);
	const sectionsAt = align(HEADER_AT + headerLength);
	if (sectionsAt > sequencesAt || sequencesAt > size) return {problem: 'a damaged snapshot'};
	return {
		digests: [
			prefix.subarray(DIGEST_AT, DIGEST_AT + DIGEST_BYTES),
			prefix.subarray(DIGEST_AT + DIGEST_BYTES, DIGEST_AT + 2 * DIGEST_BYTES),
		],
		sequencesAt,
		headerLength,
		sectionsAt,
	};
}

/**
 * Starts checking `source`'s two parts off the main thread, when it can (both at once:
 * source.checkRange), the first part's bytes kept; undefined when it cannot, or its first
 * bytes are not a snapshot of this format (decodeSnapshotFrom then says why, or reads and
 * checks the bytes itself). The main thread then neither reads nor hashes anything but the
 * prefix. Started when the snapshot is opened, while the folder is listed: at 100,000
 * documents the two workers take about 0.2 s (137 MB read and checked, 173 MB checked); for a
 * source checked before, only the first (see SnapshotSource.checked).
 */
export function startSnapshotCheck(source: SnapshotSource): SnapshotCheck {
	if (source.checkRange === undefined || source.size < HEADER_AT) return undefined;
	const bytes = new Uint8Array(HEADER_AT);
	if (source.readSync(bytes, 0) !== HEADER_AT) return undefined;
	const prefix = readPrefix(bytes, source.size);
	if ('problem' in prefix) return undefined;
	const [held, sequences] = checkedParts(source.size, prefix.sequencesAt);
	return {
		sequencesAt: prefix.sequencesAt,
		held: source.checkRange(held[0], held[1], [prefix.sectionsAt]),
		sequences: source.checked ? undefined : source.checkRange(sequences[0], sequences[1]),
	};
}

/** The index state in `bytes` (see decodeSnapshotFrom), or why it cannot be used. */
export async function decodeSnapshot(
	bytes: Uint8Array,
): Promise<{state: SearchIndexState} | {problem: string}> {
	return decodeSnapshotFrom(bytesSource(bytes));
}

/**
 * The index state in `source`, or why it cannot be used. Every section is read into memory but
 * the word sequences, which stay in the source and are read from it when a query needs them
 * (see sequences.ts): the source must stay readable while the index is used. The sections are
 * read and checked meanwhile (source.checkRange), or read here and checked a few megabytes a
 * turn, so the word sequences are never in memory at once.
 */
export async function decodeSnapshotFrom(
	source: SnapshotSource,
	/** Its checks, when started already (startSnapshotCheck): else started here. */
	check?: SnapshotCheck,
): Promise<{state: SearchIndexState} | {problem: string}> {
	const damaged = {problem: 'a damaged snapshot'};
	if (source.size < HEADER_AT) return {problem: 'not a search index snapshot'};
	const prefix = readPrefix(await source.read(0, HEADER_AT), source.size);
	if ('problem' in prefix) return prefix;
	const {sequencesAt, headerLength, sectionsAt} = prefix;
	const [heldPart, sequencesPart] = checkedParts(source.size, sequencesAt);
	const checked = source.checked === true;
	const checking =
		(check?.sequencesAt === sequencesAt ? check : undefined) ?? startSnapshotCheck(source);
	// The header in one buffer and the sections held in memory in another (they lie together,
	// before the word sequences): read into a fresh buffer each, the 40 or so sections (124 MB of
	// postings at 100,000 documents) cost about 0.1 s of garbage collection (each allocation
	// counts as external memory, and collections follow).
	let headerBytes: Uint8Array;
	let region: Uint8Array;
	if (checking) {
		const held = await checking.held;
		const [first, second] = held?.pieces ?? [];
		if (held === undefined || first === undefined || second === undefined) return damaged;
		if (!Buffer.from(held.digest).equals(prefix.digests[0])) return damaged;
		headerBytes = first;
		region = second;
	} else {
		headerBytes = await source.read(heldPart[0], sectionsAt - heldPart[0]);
		region = await source.read(sectionsAt, sequencesAt - sectionsAt);
		const crc = await digest([headerBytes, region], [0, heldPart[1] - heldPart[0]]);
		if (!crc.equals(prefix.digests[0])) return damaged;
	}
	if (
		headerBytes.length !== sectionsAt - heldPart[0] ||
		region.length !== sequencesAt - sectionsAt
	) {
		return damaged;
	}
	// Views start on a multiple of 4: copied when a source gives bytes that do not (a Buffer's
	// slice is a view: Uint8Array's copies).
	if (region.byteOffset % 4 !== 0) region = Uint8Array.prototype.slice.call(region);
	let header: unknown;
	try {
		const start = HEADER_AT - heldPart[0];
		header = JSON.parse(decodeText(headerBytes.subarray(start, start + headerLength)));
	} catch {
		return damaged;
	}
	// Checked, though the checksums hold: they vouch for the bytes, not for their writer.
	if (!isHeader(header)) return damaged;
	// Each chunk is a section of its own.
	if (Math.max(header.chunks, header.sequenceChunks) > header.sections.length) return damaged;
	// Where each section lies: the held ones up to where the word sequences start, then the
	// word sequences' chunks, left in the source.
	const named = new Map<string, Section | SourceChunk>();
	let at = sectionsAt;
	for (const {name, kind, length} of header.sections) {
		const end = align(at + length * widthOf(kind));
		const inSource = SEQUENCE_CHUNK.test(name);
		if (inSource ? at < sequencesAt || end > source.size : end > sequencesAt) return damaged;
		if (inSource) {
			named.set(name, {position: at, length: length * widthOf(kind)});
		} else {
			const offset = region.byteOffset + at - sectionsAt;
			named.set(
				name,
				kind === 'u8'
					? new Uint8Array(region.buffer, offset, length)
					: kind === 'u16'
						? new Uint16Array(region.buffer, offset, length)
						: new Int32Array(region.buffer, offset, length),
			);
		}
		at = end;
	}
	if (!checked) {
		// Anything after the sections counts too.
		const sequencesDigest = checking?.sequences
			? (await checking.sequences)?.digest
			: await digestOf(source, sequencesPart[0], sequencesPart[1]);
		if (sequencesDigest === undefined || !Buffer.from(sequencesDigest).equals(prefix.digests[1])) {
			return damaged;
		}
		source.checksHeld?.();
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
		titleLengths: i32('documents.titleLengths'),
	};
	if (
		!(characters instanceof Uint16Array) ||
		Object.values(parts).some((part) => part === undefined) ||
		chunks.some((chunk) => chunk === undefined) ||
		sequenceChunks.some((chunk) => chunk === undefined)
	) {
		return damaged;
	}
	const idBytes = u8('documents.ids');
	if (idBytes === undefined) return damaged;
	const ids = decodeText(idBytes);
	const whole = parts as {[Name in keyof typeof parts]: Int32Array};
	let holding: Promise<boolean> | undefined;
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
				source: checked
					? {
							readSync: (into, position) => source.readSync(into, position),
							read: (position, length) => source.read(position, length),
							// Summed once, whatever asks (each snapshot written copies them).
							sequencesHold: () =>
								(holding ??= sequencesHold(source, sequencesPart, prefix.digests[1])),
						}
					: source,
				chunkOf: whole.chunkOf,
				starts: whole.sequenceStarts,
				sizes: whole.sizes,
				lengths: whole.lengths,
			},
			titleLengths: whole.titleLengths,
			ids,
			keys: whole.keys,
		},
	};
}

/** UTF-8 `bytes` as text: read as Latin-1 when they are all ASCII (the same text), which is a
 * copy, where reading UTF-8 took Node 20 about 8 ms a megabyte here. */
function decodeText(bytes: Uint8Array): string {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
	return buffer.toString(isAscii(buffer) ? 'latin1' : 'utf8');
}

function isHeader(value: unknown): value is Header {
	if (typeof value !== 'object' || value === null) return false;
	const {fingerprint, terms, chunks, sequenceChunks, sections} = value as Partial<
		Record<keyof Header, unknown>
	>;
	return (
		typeof fingerprint === 'string' &&
		Array.isArray(terms) &&
		terms.every((term) => typeof term === 'string') &&
		isCount(chunks) &&
		isCount(sequenceChunks) &&
		Array.isArray(sections) &&
		sections.every((entry: unknown) => {
			if (typeof entry !== 'object' || entry === null) return false;
			const {name, kind, length} = entry as Partial<Record<keyof SectionEntry, unknown>>;
			return (
				typeof name === 'string' &&
				(kind === 'i32' || kind === 'u16' || kind === 'u8') &&
				isCount(length)
			);
		})
	);
}

function isCount(value: unknown): value is number {
	return Number.isSafeInteger(value) && (value as number) >= 0;
}

const SEQUENCE_CHUNK = /^sequences\.chunk\d+$/;

/** Bytes an element of a section of `kind` takes. */
function widthOf(kind: SectionKind): number {
	return kind === 'u8' ? 1 : kind === 'u16' ? 2 : 4;
}

/** The next multiple of 4 from `offset` (arithmetic, not bits: a damaged length read as a
 * large number stays large). */
function align(offset: number): number {
	return Math.ceil(offset / 4) * 4;
}

/** What each of a snapshot's checksums covers, from byte to byte, in a snapshot of `size`
 * bytes whose word sequences start at `sequencesAt`: everything after the checksums up to the
 * word sequences (the header and the sections held in memory), and the word sequences (with
 * anything after them). */
function checkedParts(size: number, sequencesAt: number): [[number, number], [number, number]] {
	return [
		[CHECKED_FROM, sequencesAt],
		[sequencesAt, size],
	];
}

/** The CRC-32 of `source`'s bytes from `from` up to `to`, read a few megabytes a turn; undefined
 * when fewer can be read (the file cut short, or closed). */
async function digestOf(
	source: SnapshotSource,
	from: number,
	to: number,
): Promise<Buffer | undefined> {
	let crc = 0;
	for (let at = from; at < to; at += HASHED_PER_TURN) {
		const length = Math.min(HASHED_PER_TURN, to - at);
		const bytes = await source.read(at, length);
		if (bytes.length !== length) return undefined;
		crc = crc32(bytes, crc);
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
