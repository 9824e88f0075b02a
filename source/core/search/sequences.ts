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
 */

/** A break between two texts of a document (no phrase spans it). */
export const BREAK = -1;

const CHUNK_BYTES = 1 << 22;
/** A sequence this long gets a chunk of its own, so a chunk's unused end stays small. */
const OWN_CHUNK_BYTES = CHUNK_BYTES >> 2;

/** Sequences as they are, for a snapshot: every chunk cut to what it holds. */
export interface SequencesState {
	readonly chunks: readonly Uint8Array[];
	/** Per document: its chunk, where its bytes start in it, and its number of entries. */
	readonly chunkOf: Int32Array;
	readonly starts: Int32Array;
	readonly lengths: Int32Array;
}

export class Sequences {
	private chunks: Uint8Array[] = [];
	/** The chunk new sequences go into, and its next free byte. */
	private current = -1;
	private used = 0;
	private chunkOf: Int32Array = new Int32Array(1024);
	private starts: Int32Array = new Int32Array(1024);
	private lengths: Int32Array = new Int32Array(1024);
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
			if (this.current < 0 || this.used + size > this.chunks[this.current]!.length) {
				this.current = this.chunks.length;
				this.chunks.push(new Uint8Array(CHUNK_BYTES));
				this.used = 0;
			}
			chunk = this.current;
			start = this.used;
			this.chunks[chunk]!.set(bytes.subarray(0, size), start);
			this.used += size;
		}
		// A buffer made for a long document is not kept for the short ones after it.
		if (this.encoded.length > 1 << 20) this.encoded = new Uint8Array(1 << 14);
		if (this.count === this.lengths.length) {
			this.chunkOf = widen(this.chunkOf);
			this.starts = widen(this.starts);
			this.lengths = widen(this.lengths);
		}
		this.chunkOf[this.count] = chunk;
		this.starts[this.count] = start;
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
		const bytes = this.chunks[this.chunkOf[ordinal]!]!;
		let at = this.starts[ordinal]!;
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
				index === this.current ? chunk.subarray(0, this.used) : chunk,
			),
			chunkOf: this.chunkOf.subarray(0, this.count),
			starts: this.starts.subarray(0, this.count),
			lengths: this.lengths.subarray(0, this.count),
		};
	}

	/**
	 * The first `count` sequences of a snapshot's, over its arrays as they are (not copied; the
	 * next sequence goes into a new chunk). Undefined when they do not fit together (a damaged
	 * snapshot): a sequence's place outside its chunks.
	 */
	static fromState(state: SequencesState, count: number): Sequences | undefined {
		const {chunks, chunkOf, starts, lengths} = state;
		if (count > lengths.length || chunkOf.length !== lengths.length) return undefined;
		if (starts.length !== lengths.length) return undefined;
		for (let ordinal = 0; ordinal < count; ordinal++) {
			const chunk = chunks[chunkOf[ordinal]!];
			// At least a byte an entry.
			if (chunk === undefined || starts[ordinal]! + lengths[ordinal]! > chunk.length) {
				return undefined;
			}
		}
		const sequences = new Sequences();
		sequences.chunks = [...chunks];
		const room = Math.max(1024, count);
		sequences.chunkOf = new Int32Array(room);
		sequences.chunkOf.set(chunkOf.subarray(0, count));
		sequences.starts = new Int32Array(room);
		sequences.starts.set(starts.subarray(0, count));
		sequences.lengths = new Int32Array(room);
		sequences.lengths.set(lengths.subarray(0, count));
		sequences.count = count;
		return sequences;
	}
}

function widen(array: Int32Array): Int32Array {
	const wider = new Int32Array(array.length * 2);
	wider.set(array);
	return wider;
}
