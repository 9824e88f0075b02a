/**
 * Each document's word sequence (its words as term ids, with breaks between its texts), held
 * compactly: a varint per entry (7 bits a byte, low bits first; a term is written as id + 1 and
 * a break as 0), packed back to back in shared byte chunks.
 *
 * Why: the sequences were one Int32Array each, four bytes a word, and at 100,000 documents
 * (about 100 million words) they were the largest part of the index, ~420 MB. Term ids are
 * given in the order words first appear, so the common words have small ids: on the bench
 * corpus an entry takes 1.8 bytes on average. Phrases and the running documents' scan read a
 * sequence from start to end, so decoding it into a reused buffer costs a pass over its bytes.
 *
 * Taken up from a snapshot (snapshot.ts), the sequences stay in its file: a chunk there is a
 * place in the file, and a sequence is read from it when a phrase or the running documents'
 * scan needs it (one read of a few kilobytes a document). At 100,000 documents they are the
 * index's largest part (~165 MB even so), and a query reads only its candidates'.
 */

/** A break between two texts of a document (no phrase spans it). */
export const BREAK = -1;

const CHUNK_BYTES = 1 << 22;
/** Bytes of the source read at once: the sequences of the next few hundred documents. */
const WINDOW_BYTES = 1 << 18;
/** A sequence this long gets a chunk of its own, so a chunk's unused end stays small. */
const OWN_CHUNK_BYTES = CHUNK_BYTES >> 2;

/** Where bytes kept outside memory are read from: a snapshot's file (see the store's
 * openSearchSnapshot), or bytes in memory. */
export interface ByteSource {
	/** Fills `into` from byte `position`; how many bytes it read (fewer at the end, or 0 when the
	 * source can no longer be read: its store closed). Called while a query is answered. */
	readSync(into: Uint8Array, position: number): number;
	/** `length` bytes from `position` (fewer at the end). */
	read(position: number, length: number): Promise<Uint8Array>;
	/** Whether the bytes of the chunks it holds are as written, when that was not checked as
	 * they were taken (see core/search/snapshot.ts): asked before they are copied elsewhere. */
	sequencesHold?(): Promise<boolean>;
}

/** A chunk that stays in a ByteSource: `length` bytes from `position`. */
export interface SourceChunk {
	readonly position: number;
	readonly length: number;
}

/** Sequences as they are, for a snapshot: every chunk cut to what it holds. */
export interface SequencesState {
	/** Chunks in memory, or places in `source`. */
	readonly chunks: readonly (Uint8Array | SourceChunk)[];
	readonly source?: ByteSource;
	/** Per document: its chunk, where its bytes start in it, how many bytes and entries. */
	readonly chunkOf: Int32Array;
	readonly starts: Int32Array;
	readonly sizes: Int32Array;
	readonly lengths: Int32Array;
}

export class Sequences {
	private chunks: (Uint8Array | SourceChunk)[] = [];
	private source: ByteSource | undefined;
	/** The chunk new sequences go into, and its next free byte. */
	private current = -1;
	private used = 0;
	private chunkOf: Int32Array = new Int32Array(1024);
	private starts: Int32Array = new Int32Array(1024);
	private sizes: Int32Array = new Int32Array(1024);
	private lengths: Int32Array = new Int32Array(1024);
	/** Where a sequence kept in the source is read to. */
	private fromSource = new Uint8Array(WINDOW_BYTES);
	/** Which bytes of the source fromSource holds. */
	private windowAt = -1;
	private windowLength = 0;
	private count = 0;
	/** Where a sequence is encoded before it is copied into a chunk. */
	private encoded = new Uint8Array(1 << 14);
	/** Where a sequence is decoded for reading. */
	private decoded = new Int32Array(1 << 12);

	/** How many sequences there are. */
	get size(): number {
		return this.count;
	}

	/** The entries (words and breaks) of document `ordinal`'s sequence. */
	length(ordinal: number): number {
		return this.lengths[ordinal]!;
	}

	/** Appends the next document's sequence: `words[0…length)`, term ids and BREAKs. */
	push(words: Int32Array, length: number): void {
		// Five bytes at most an entry.
		if (this.encoded.length < length * 5) this.encoded = new Uint8Array(length * 5);
		const bytes = this.encoded;
		let size = 0;
		for (let index = 0; index < length; index++) {
			let value = words[index]! + 1;
			while (value >= 0x80) {
				bytes[size++] = (value & 0x7f) | 0x80;
				value >>>= 7;
			}
			bytes[size++] = value;
		}
		let chunk: number;
		let start: number;
		if (size >= OWN_CHUNK_BYTES) {
			chunk = this.chunks.length;
			this.chunks.push(bytes.slice(0, size));
			start = 0;
		} else {
			if (this.current < 0 || this.used + size > (this.chunks[this.current] as Uint8Array).length) {
				this.current = this.chunks.length;
				this.chunks.push(new Uint8Array(CHUNK_BYTES));
				this.used = 0;
			}
			chunk = this.current;
			start = this.used;
			(this.chunks[chunk] as Uint8Array).set(bytes.subarray(0, size), start);
			this.used += size;
		}
		// A buffer made for a long document is not kept for the short ones after it.
		if (this.encoded.length > 1 << 20) this.encoded = new Uint8Array(1 << 14);
		if (this.count === this.lengths.length) {
			this.chunkOf = widen(this.chunkOf);
			this.starts = widen(this.starts);
			this.sizes = widen(this.sizes);
			this.lengths = widen(this.lengths);
		}
		this.chunkOf[this.count] = chunk;
		this.starts[this.count] = start;
		this.sizes[this.count] = size;
		this.lengths[this.count] = length;
		this.count++;
	}

	/**
	 * Document `ordinal`'s sequence, decoded into a buffer shared by every call: read it before
	 * the next call. Its first `length(ordinal)` entries are the sequence.
	 */
	read(ordinal: number): Int32Array {
		const length = this.lengths[ordinal]!;
		if (this.decoded.length < length) this.decoded = new Int32Array(length);
		else if (this.decoded.length > 1 << 18 && length < 1 << 12) {
			this.decoded = new Int32Array(1 << 12);
		}
		const words = this.decoded;
		const chunk = this.chunks[this.chunkOf[ordinal]!]!;
		let bytes: Uint8Array;
		let at: number;
		if (chunk instanceof Uint8Array) {
			bytes = chunk;
			at = this.starts[ordinal]!;
		} else {
			const size = this.sizes[ordinal]!;
			const position = chunk.position + this.starts[ordinal]!;
			// Queries read their candidates in ordinal order, whose sequences lie one after the
			// other: one read brings a window of them (a phrase of common words reads tens of
			// thousands of sequences, one system call each was a third of its time).
			if (position < this.windowAt || position + size > this.windowAt + this.windowLength) {
				const end = Math.min(chunk.position + chunk.length, position + WINDOW_BYTES);
				const length = Math.max(size, end - position);
				if (this.fromSource.length < length) this.fromSource = new Uint8Array(length);
				else if (this.fromSource.length > 4 * WINDOW_BYTES && length <= WINDOW_BYTES) {
					this.fromSource = new Uint8Array(WINDOW_BYTES);
				}
				// What could not be read reads as breaks: nothing is found in it.
				const read = this.source!.readSync(this.fromSource.subarray(0, length), position);
				this.fromSource.fill(0, read, length);
				this.windowAt = position;
				this.windowLength = length;
			}
			bytes = this.fromSource;
			at = position - this.windowAt;
		}
		for (let index = 0; index < length; index++) {
			let byte = bytes[at++]!;
			let value = byte & 0x7f;
			let shift = 7;
			while (byte >= 0x80) {
				byte = bytes[at++]!;
				value |= (byte & 0x7f) << shift;
				shift += 7;
			}
			words[index] = value - 1;
		}
		return words;
	}

	/** The sequences as they are (views, not copies), for a snapshot. */
	state(): SequencesState {
		return {
			chunks: this.chunks.map((chunk, index) =>
				index === this.current ? (chunk as Uint8Array).subarray(0, this.used) : chunk,
			),
			...(this.source && {source: this.source}),
			chunkOf: this.chunkOf.subarray(0, this.count),
			starts: this.starts.subarray(0, this.count),
			sizes: this.sizes.subarray(0, this.count),
			lengths: this.lengths.subarray(0, this.count),
		};
	}

	/**
	 * The first `count` sequences of a snapshot's, over its arrays as they are (not copied; the
	 * next sequence goes into a new chunk). Undefined when they do not fit together (a damaged
	 * snapshot): a sequence's place outside its chunks.
	 */
	static fromState(state: SequencesState, count: number): Sequences | undefined {
		const {chunks, chunkOf, starts, sizes, lengths} = state;
		if (count > lengths.length) return undefined;
		if ([chunkOf, starts, sizes].some((array) => array.length !== lengths.length)) return undefined;
		if (state.source === undefined && chunks.some((chunk) => !(chunk instanceof Uint8Array))) {
			return undefined;
		}
		for (let ordinal = 0; ordinal < count; ordinal++) {
			const chunk = chunks[chunkOf[ordinal]!];
			const size = sizes[ordinal]!;
			// At least a byte an entry, at most five.
			if (
				chunk === undefined ||
				starts[ordinal]! + size > chunk.length ||
				size < lengths[ordinal]! ||
				size > 5 * lengths[ordinal]!
			) {
				return undefined;
			}
		}
		const sequences = new Sequences();
		sequences.chunks = [...chunks];
		sequences.source = state.source;
		const room = Math.max(1024, count);
		const copy = (array: Int32Array) => {
			const copied = new Int32Array(room);
			copied.set(array.subarray(0, count));
			return copied;
		};
		sequences.chunkOf = copy(chunkOf);
		sequences.starts = copy(starts);
		sequences.sizes = copy(sizes);
		sequences.lengths = copy(lengths);
		sequences.count = count;
		return sequences;
	}
}

function widen(array: Int32Array): Int32Array {
	const wider = new Int32Array(array.length * 2);
	wider.set(array);
	return wider;
}
