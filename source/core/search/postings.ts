/**
 * Posting lists: for each term, the documents holding it in ordinal order, one number each:
 * ordinal << 6 | (occurrences − 1, at most 15) << 2 | where the term occurs (IN_TITLE, IN_BODY).
 * The occurrences are the term frequency relevance ranking needs; past 16 it hardly matters
 * (BM25 saturates), so four bits hold it and ordinals keep 25 bits (33 million documents).
 *
 * A corpus has tens of thousands of terms and millions of postings. As one JS array per term
 * they cost an object, a pointer chase and garbage per list and slowed the build; here every
 * list is a chain of blocks in shared byte chunks, each block twice the size of the one before
 * (up to a limit) and ending in four bytes that point to the next. Chunks are fixed-size so
 * growing never copies what is there (one big array's doublings stalled single batches).
 *
 * Stored compactly (issue 14: at 100,000 documents four bytes a posting were ~240 MB): each
 * posting is written as a varint (7 bits a byte, low bits first) of its ordinal's distance from
 * the list's previous one, shifted left 6, with its six low bits (occurrences and fields). Those
 * six bits are always in the first byte, so the occurrences of the document being indexed are
 * counted there in place, and that byte is never 0 (a posting has a field): a block's unused end
 * is zeros. On the bench corpus a posting takes about 2 bytes.
 */

export const IN_TITLE = 1;
export const IN_BODY = 2;
const FIELD_BITS = 3;
const FREQUENCY_SHIFT = 2;
const FREQUENCY_STEP = 1 << FREQUENCY_SHIFT;
const FREQUENCY_MASK = 15 << FREQUENCY_SHIFT;
export const ORDINAL_SHIFT = 6;

/** The document of a posting. */
export function postingOrdinal(posting: number): number {
	return posting >>> ORDINAL_SHIFT;
}

/** Where in its document a posting's term occurs: IN_TITLE, IN_BODY or both. */
export function postingField(posting: number): number {
	return posting & FIELD_BITS;
}

/** How often a posting's term occurs in its document, 1 to 16 (16 for 16 or more). */
export function postingFrequency(posting: number): number {
	return ((posting & FREQUENCY_MASK) >>> FREQUENCY_SHIFT) + 1;
}

/** A posting (for tests and for readers of forEach). */
export function makePosting(ordinal: number, field: number, frequency = 1): number {
	return (
		(ordinal << ORDINAL_SHIFT) |
		((Math.min(16, Math.max(1, frequency)) - 1) << FREQUENCY_SHIFT) |
		field
	);
}

/** The most bytes a posting takes (32 bits, 7 a byte). */
const LONGEST_POSTING = 5;
/** Bytes of a term's first block (any posting fits), and the most a block grows to (links
 * not counted). */
const FIRST_BLOCK = LONGEST_POSTING;
const LARGEST_BLOCK = 4096;
const LINK = 4;
/** A position is chunk << CHUNK_BITS | offset; a block never straddles two chunks. */
const CHUNK_BITS = 22;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const OFFSET_MASK = CHUNK_SIZE - 1;

/** Posting lists as they are, for a snapshot: every chunk but the last is whole. */
export interface PostingsState {
	readonly chunks: readonly Uint8Array[];
	/** Per term: head, tail, block end, block size, last ordinal, count and where its last
	 * posting starts (see Postings). */
	readonly head: Int32Array;
	readonly tail: Int32Array;
	readonly blockEnd: Int32Array;
	readonly blockSize: Int32Array;
	readonly lastOrdinal: Int32Array;
	readonly counts: Int32Array;
	readonly lastAt: Int32Array;
}

export class Postings {
	private chunks: Uint8Array[] = [new Uint8Array(CHUNK_SIZE)];
	/** Next free offset in the last chunk. */
	private used = 0;
	/** Per term: where its first block starts (-1 before its first posting). */
	private head: Int32Array = new Int32Array(1024).fill(-1);
	/** Per term: where the next posting goes. */
	private tail: Int32Array = new Int32Array(1024);
	/** Per term: end of its last block, which is where the link to a next block goes. */
	private blockEnd: Int32Array = new Int32Array(1024);
	private blockSize: Int32Array = new Int32Array(1024);
	/** Per term: ordinal of its last posting, to keep one posting per document (-1 before). */
	private lastOrdinal: Int32Array = new Int32Array(1024).fill(-1);
	private counts: Int32Array = new Int32Array(1024);
	/** Per term: where its last posting's first byte is. */
	private lastAt: Int32Array = new Int32Array(1024);
	/** Where decode writes a list. */
	private decoded: Int32Array = new Int32Array(1024);

	/** The lists as they are (views, not copies; the last chunk cut to what is used), for a
	 * snapshot (see snapshot.ts). */
	state(): PostingsState {
		const last = this.chunks.length - 1;
		return {
			chunks: this.chunks.map((chunk, index) =>
				index === last ? chunk.subarray(0, this.used) : chunk,
			),
			head: this.head,
			tail: this.tail,
			blockEnd: this.blockEnd,
			blockSize: this.blockSize,
			lastOrdinal: this.lastOrdinal,
			counts: this.counts,
			lastAt: this.lastAt,
		};
	}

	/** Posting lists over a snapshot's arrays, used as they are (not copied); undefined when
	 * they do not fit together (a damaged snapshot). */
	static fromState(state: PostingsState): Postings | undefined {
		const terms = state.head.length;
		const perTerm = [
			state.tail,
			state.blockEnd,
			state.blockSize,
			state.lastOrdinal,
			state.counts,
			state.lastAt,
		];
		if (terms === 0 || perTerm.some((array) => array.length !== terms)) return undefined;
		const chunks = state.chunks;
		// Any chunk may be cut to what its blocks use, not only the last: an index taken up from
		// a snapshot and grown has the snapshot's last chunk, cut, before its own.
		if (chunks.length === 0 || chunks.some((chunk) => chunk.length > CHUNK_SIZE)) return undefined;
		const postings = new Postings();
		postings.chunks = [...chunks];
		// The last chunk is cut to what its blocks use: counted as full, so the next block
		// starts a new chunk.
		postings.used = CHUNK_SIZE;
		postings.head = state.head;
		postings.tail = state.tail;
		postings.blockEnd = state.blockEnd;
		postings.blockSize = state.blockSize;
		postings.lastOrdinal = state.lastOrdinal;
		postings.counts = state.counts;
		postings.lastAt = state.lastAt;
		return postings;
	}

	/**
	 * The walk along `term`'s postings (it must have some): each posting, where its bytes end,
	 * and its block's start and size; stops when `visit` returns false.
	 */
	private walk(
		term: number,
		visit: (posting: number, end: number, block: number, size: number) => boolean,
	): void {
		let block = this.head[term]!;
		const tail = this.tail[term]!;
		let size = FIRST_BLOCK;
		let ordinal = -1;
		for (;;) {
			const chunk = this.chunks[block >>> CHUNK_BITS]!;
			const base = block & ~OFFSET_MASK;
			const from = block & OFFSET_MASK;
			const last = tail > block && tail <= block + size;
			const to = last ? from + (tail - block) : from + size;
			let at = from;
			while (at < to) {
				let byte = chunk[at++]!;
				// A full block's unused end.
				if (byte === 0) break;
				let value = byte & 0x7f;
				let shift = 7;
				while (byte >= 0x80) {
					byte = chunk[at++]!;
					value += (byte & 0x7f) * 2 ** shift;
					shift += 7;
				}
				ordinal += Math.floor(value / 64);
				const posting = (ordinal << ORDINAL_SHIFT) | (value & 63);
				if (!visit(posting, base | at, block, size)) return;
			}
			if (last) return;
			block = readLink(chunk, from + size);
			size = Math.min(size * 2, LARGEST_BLOCK);
		}
	}

	/** Records that `term` occurs in document `ordinal`, in `field`; ordinals never decrease. */
	add(term: number, ordinal: number, field: number): void {
		if (term >= this.head.length) this.growTerms(term + 1);
		if (this.lastOrdinal[term] === ordinal) {
			const last = this.lastAt[term]!;
			const chunk = this.chunks[last >>> CHUNK_BITS]!;
			const at = last & OFFSET_MASK;
			let byte = chunk[at]! | field;
			if ((byte & FREQUENCY_MASK) !== FREQUENCY_MASK) byte += FREQUENCY_STEP;
			chunk[at] = byte;
			return;
		}
		this.append(term, ordinal, field);
	}

	/** Appends `term`'s posting in document `ordinal`, after its last: `low` is its six low bits
	 * (occurrences − 1 and fields, as makePosting), each occurrence counted already. */
	append(term: number, ordinal: number, low: number): void {
		if (term >= this.head.length) this.growTerms(term + 1);
		// The distance from the previous posting, then the six low bits: unsigned, under 2^32.
		let value = ((ordinal - this.lastOrdinal[term]!) * 64 + low) >>> 0;
		const length =
			value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5;
		this.lastOrdinal[term] = ordinal;
		this.counts[term]!++;
		let tail = this.tail[term]!;
		if (this.head[term] === -1) {
			tail = this.allocate(FIRST_BLOCK);
			this.head[term] = tail;
			this.blockSize[term] = FIRST_BLOCK;
			this.blockEnd[term] = tail + FIRST_BLOCK;
		} else if (tail + length > this.blockEnd[term]!) {
			const size = Math.min(this.blockSize[term]! * 2, LARGEST_BLOCK);
			const block = this.allocate(size);
			const end = this.blockEnd[term]!;
			const chunk = this.chunks[end >>> CHUNK_BITS]!;
			// What is left of the block reads as its end (it may hold a truncated list's bytes).
			chunk.fill(0, tail & OFFSET_MASK, end & OFFSET_MASK);
			writeLink(chunk, end & OFFSET_MASK, block);
			tail = block;
			this.blockSize[term] = size;
			this.blockEnd[term] = block + size;
		}
		const chunk = this.chunks[tail >>> CHUNK_BITS]!;
		let at = tail & OFFSET_MASK;
		this.lastAt[term] = tail;
		while (value >= 0x80) {
			chunk[at++] = (value & 0x7f) | 0x80;
			value >>>= 7;
		}
		chunk[at] = value;
		this.tail[term] = tail + length;
	}

	/** How many documents hold `term`. */
	count(term: number): number {
		return term < this.counts.length ? this.counts[term]! : 0;
	}

	/** Calls `visit` with each posting of `term`, in ordinal order. */
	forEach(term: number, visit: (posting: number) => void): void {
		if (term >= this.head.length || this.head[term] === -1) return;
		this.walk(term, (posting) => {
			visit(posting);
			return true;
		});
	}

	/**
	 * `term`'s postings in ordinal order, the first count(term) entries of a buffer shared by
	 * every call (read it before the next): for loops over hundreds of thousands of them.
	 */
	decode(term: number): Int32Array {
		const count = this.count(term);
		if (this.decoded.length < count) this.decoded = new Int32Array(count);
		if (count === 0) return this.decoded;
		const out = this.decoded;
		let written = 0;
		let block = this.head[term]!;
		const tail = this.tail[term]!;
		let size = FIRST_BLOCK;
		let ordinal = -1;
		for (;;) {
			const chunk = this.chunks[block >>> CHUNK_BITS]!;
			const from = block & OFFSET_MASK;
			const last = tail > block && tail <= block + size;
			const to = last ? from + (tail - block) : from + size;
			let at = from;
			while (at < to) {
				let byte = chunk[at++]!;
				if (byte === 0) break;
				const low = byte & 63;
				// The distance's bits after the first byte's one: whole numbers all the way (a
				// distance is under 2^26).
				let distance = (byte >>> 6) & 1;
				if (byte >= 0x80) {
					byte = chunk[at++]!;
					distance |= (byte & 0x7f) << 1;
					if (byte >= 0x80) {
						byte = chunk[at++]!;
						distance |= (byte & 0x7f) << 8;
						if (byte >= 0x80) {
							byte = chunk[at++]!;
							distance |= (byte & 0x7f) << 15;
							if (byte >= 0x80) distance |= (chunk[at++]! & 0x7f) << 22;
						}
					}
				}
				ordinal += distance;
				out[written++] = (ordinal << ORDINAL_SHIFT) | low;
			}
			if (last || written >= count) return out;
			block = readLink(chunk, from + size);
			size = Math.min(size * 2, LARGEST_BLOCK);
		}
	}

	/** Reserves a block of `size` bytes plus its link. */
	private allocate(size: number): number {
		if (this.used + size + LINK > CHUNK_SIZE) {
			this.chunks.push(new Uint8Array(CHUNK_SIZE));
			this.used = 0;
		}
		const start = ((this.chunks.length - 1) << CHUNK_BITS) | this.used;
		this.used += size + LINK;
		return start;
	}

	private growTerms(needed: number): void {
		let size = this.head.length;
		while (size < needed) size *= 2;
		const widen = (old: Int32Array, fill: number) => {
			const wider = new Int32Array(size).fill(fill);
			wider.set(old);
			return wider;
		};
		this.head = widen(this.head, -1);
		this.tail = widen(this.tail, 0);
		this.blockEnd = widen(this.blockEnd, 0);
		this.blockSize = widen(this.blockSize, 0);
		this.lastOrdinal = widen(this.lastOrdinal, -1);
		this.counts = widen(this.counts, 0);
		this.lastAt = widen(this.lastAt, 0);
	}
}

function readLink(chunk: Uint8Array, at: number): number {
	return chunk[at]! | (chunk[at + 1]! << 8) | (chunk[at + 2]! << 16) | (chunk[at + 3]! << 24);
}

function writeLink(chunk: Uint8Array, at: number, position: number): void {
	chunk[at] = position & 0xff;
	chunk[at + 1] = (position >>> 8) & 0xff;
	chunk[at + 2] = (position >>> 16) & 0xff;
	chunk[at + 3] = (position >>> 24) & 0xff;
}

/**
 * The postings of the document being indexed, gathered per term and appended once it is all
 * read (SearchIndex's indexing). Adding each word's occurrence to Postings straight away read
 * three places a word (the term's last ordinal, where its last posting is, and that byte in its
 * chunk); here it is one: the term's posting so far. Terms are appended in the order each first
 * occurred, the order Postings.add would have made their postings in, so the bytes are the same.
 */
export class DocumentPostings {
	/** Per term: its posting in the document under way (ordinal << 6 | low bits), or any value
	 * of an earlier ordinal (-1 before the term first occurs anywhere). */
	private current: Int32Array = new Int32Array(1024).fill(-1);
	/** The document's distinct terms, in the order they first occurred. */
	private terms: Int32Array = new Int32Array(1024);
	private count = 0;
	private ordinal = 0;

	/** Starts gathering document `ordinal`'s postings, dropping any gathered before. */
	begin(ordinal: number): void {
		// An earlier document under the same ordinal (a job dropped halfway) must not count.
		for (let index = 0; index < this.count; index++) this.current[this.terms[index]!] = -1;
		this.ordinal = ordinal;
		this.count = 0;
	}

	/** Records an occurrence of `term` in `field` of the document under way. */
	add(term: number, field: number): void {
		if (term >= this.current.length) this.current = widened(this.current, term + 1, -1);
		const posting = this.current[term]!;
		if (posting >> ORDINAL_SHIFT === this.ordinal) {
			let low = posting | field;
			if ((low & FREQUENCY_MASK) !== FREQUENCY_MASK) low += FREQUENCY_STEP;
			this.current[term] = low;
			return;
		}
		this.current[term] = (this.ordinal << ORDINAL_SHIFT) | field;
		if (this.count === this.terms.length) this.terms = widened(this.terms, this.count + 1, 0);
		this.terms[this.count++] = term;
	}

	/** Appends the document's postings to `postings`, and starts the next document afresh. */
	appendTo(postings: Postings): void {
		const mask = (1 << ORDINAL_SHIFT) - 1;
		for (let index = 0; index < this.count; index++) {
			const term = this.terms[index]!;
			postings.append(term, this.ordinal, this.current[term]! & mask);
		}
		this.count = 0;
		this.ordinal++;
	}
}

function widened(array: Int32Array, needed: number, fill: number): Int32Array {
	let size = array.length * 2;
	while (size < needed) size *= 2;
	const wider = new Int32Array(size).fill(fill);
	wider.set(array);
	return wider;
}
