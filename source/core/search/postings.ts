/**
 * Posting lists: for each term, the documents holding it in ordinal order, one number each:
 * ordinal << 6 | (occurrences − 1, at most 15) << 2 | where the term occurs (IN_TITLE, IN_BODY).
 * The occurrences are the term frequency relevance ranking needs; past 16 it hardly matters
 * (BM25 saturates), so four bits hold it and ordinals keep 25 bits (33 million documents).
 *
 * A corpus has tens of thousands of terms and millions of postings. As one JS array per term
 * they cost an object, a pointer chase and garbage per list and slowed the build; here every
 * list is a chain of blocks in shared Int32Array chunks, each block twice the size of the one
 * before (up to a limit) and ending in a slot that points to the next. Chunks are fixed-size so
 * growing never copies what is there (one big array's doublings stalled single batches).
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

const FIRST_BLOCK = 2;
const LARGEST_BLOCK = 1024;
/** A position is chunk << CHUNK_BITS | offset; a block never straddles two chunks. */
const CHUNK_BITS = 20;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const OFFSET_MASK = CHUNK_SIZE - 1;

/** Posting lists as they are, for a snapshot: every chunk but the last is whole. */
export interface PostingsState {
	readonly chunks: readonly Int32Array[];
	/** Per term: head, tail, block end, block size, last ordinal and count (see Postings). */
	readonly head: Int32Array;
	readonly tail: Int32Array;
	readonly blockEnd: Int32Array;
	readonly blockSize: Int32Array;
	readonly lastOrdinal: Int32Array;
	readonly counts: Int32Array;
}

export class Postings {
	private chunks: Int32Array[] = [new Int32Array(CHUNK_SIZE)];
	/** Next free offset in the last chunk. */
	private used = 0;
	/** Per term: where its first block starts (-1 before its first posting). */
	private head: Int32Array = new Int32Array(1024).fill(-1);
	/** Per term: where the next posting goes. */
	private tail: Int32Array = new Int32Array(1024);
	/** Per term: end of its last block, which is where the link to a next block goes. */
	private blockEnd: Int32Array = new Int32Array(1024);
	private blockSize: Int32Array = new Int32Array(1024);
	/** Per term: ordinal of its last posting, to keep one posting per document. */
	private lastOrdinal: Int32Array = new Int32Array(1024).fill(-1);
	private counts: Int32Array = new Int32Array(1024);

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
		};
	}

	/** Posting lists over a snapshot's arrays, used as they are (not copied); undefined when
	 * they do not fit together (a damaged snapshot). */
	static fromState(state: PostingsState): Postings | undefined {
		const terms = state.head.length;
		const perTerm = [state.tail, state.blockEnd, state.blockSize, state.lastOrdinal, state.counts];
		if (terms === 0 || perTerm.some((array) => array.length !== terms)) return undefined;
		const chunks = state.chunks;
		if (chunks.length === 0 || chunks.slice(0, -1).some((chunk) => chunk.length !== CHUNK_SIZE)) {
			return undefined;
		}
		if (chunks[chunks.length - 1]!.length > CHUNK_SIZE) return undefined;
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
		return postings;
	}

	/**
	 * Forgets every posting of documents `ordinal` and after, so they can be filed again (a
	 * snapshot taken up for its first documents only). The space they took is not reused.
	 */
	truncate(ordinal: number): void {
		for (let term = 0; term < this.head.length; term++) {
			if (this.head[term] === -1 || this.lastOrdinal[term]! < ordinal) continue;
			let kept = 0;
			let keptEnd = -1;
			let keptBlock = -1;
			let keptSize = 0;
			let lastKept = -1;
			this.forEachBlockAt(term, (chunk, from, to, blockStart, size) => {
				for (let index = from; index < to; index++) {
					const posting = chunk[index]!;
					if (posting >>> ORDINAL_SHIFT >= ordinal) return false;
					kept++;
					lastKept = posting >>> ORDINAL_SHIFT;
					keptEnd = blockStart + (index - from) + 1;
					keptBlock = blockStart;
					keptSize = size;
				}
				return true;
			});
			if (kept === 0) {
				this.head[term] = -1;
				this.tail[term] = 0;
				this.blockEnd[term] = 0;
				this.blockSize[term] = 0;
				this.lastOrdinal[term] = -1;
				this.counts[term] = 0;
				continue;
			}
			this.tail[term] = keptEnd;
			this.blockEnd[term] = keptBlock + keptSize;
			this.blockSize[term] = keptSize;
			this.lastOrdinal[term] = lastKept;
			this.counts[term] = kept;
		}
	}

	/** The walk along `term`'s blocks (it must have postings): each block's run, its start
	 * position and its size; stops when `visit` returns false. */
	private forEachBlockAt(
		term: number,
		visit: (chunk: Int32Array, from: number, to: number, start: number, size: number) => boolean,
	): void {
		let position = this.head[term]!;
		const tail = this.tail[term]!;
		let size = FIRST_BLOCK;
		for (;;) {
			const chunk = this.chunks[position >>> CHUNK_BITS]!;
			const from = position & OFFSET_MASK;
			const end = position + size;
			const last = tail > position && tail <= end;
			const to = last ? from + (tail - position) : from + size;
			if (!visit(chunk, from, to, position, size) || last) return;
			position = chunk[from + size]!;
			size = Math.min(size * 2, LARGEST_BLOCK);
		}
	}

	/** Records that `term` occurs in document `ordinal`, in `field`; ordinals never decrease. */
	add(term: number, ordinal: number, field: number): void {
		if (term >= this.head.length) this.growTerms(term + 1);
		if (this.lastOrdinal[term] === ordinal) {
			const last = this.tail[term]! - 1;
			const chunk = this.chunks[last >>> CHUNK_BITS]!;
			const at = last & OFFSET_MASK;
			let posting = chunk[at]! | field;
			if ((posting & FREQUENCY_MASK) !== FREQUENCY_MASK) posting += FREQUENCY_STEP;
			chunk[at] = posting;
			return;
		}
		this.lastOrdinal[term] = ordinal;
		this.counts[term]!++;
		let tail = this.tail[term]!;
		if (this.head[term] === -1) {
			tail = this.allocate(FIRST_BLOCK);
			this.head[term] = tail;
			this.blockSize[term] = FIRST_BLOCK;
			this.blockEnd[term] = tail + FIRST_BLOCK;
		} else if (tail === this.blockEnd[term]) {
			const size = Math.min(this.blockSize[term]! * 2, LARGEST_BLOCK);
			const block = this.allocate(size);
			this.chunks[tail >>> CHUNK_BITS]![tail & OFFSET_MASK] = block;
			tail = block;
			this.blockSize[term] = size;
			this.blockEnd[term] = block + size;
		}
		this.chunks[tail >>> CHUNK_BITS]![tail & OFFSET_MASK] = (ordinal << ORDINAL_SHIFT) | field;
		this.tail[term] = tail + 1;
	}

	/** How many documents hold `term`. */
	count(term: number): number {
		return term < this.counts.length ? this.counts[term]! : 0;
	}

	/** Calls `visit` with each posting of `term`, in ordinal order. */
	forEach(term: number, visit: (posting: number) => void): void {
		this.forEachBlock(term, (chunk, from, to) => {
			for (let index = from; index < to; index++) visit(chunk[index]!);
		});
	}

	/** Calls `visit` with each run of `term`'s postings, chunk[from, to), in ordinal order: one
	 * call per block rather than per posting, for loops over hundreds of thousands of them. */
	forEachBlock(term: number, visit: (chunk: Int32Array, from: number, to: number) => void): void {
		if (term >= this.head.length || this.head[term] === -1) return;
		this.forEachBlockAt(term, (chunk, from, to) => {
			visit(chunk, from, to);
			return true;
		});
	}

	/** Reserves a block of `size` postings plus its link slot. */
	private allocate(size: number): number {
		if (this.used + size + 1 > CHUNK_SIZE) {
			this.chunks.push(new Int32Array(CHUNK_SIZE));
			this.used = 0;
		}
		const start = ((this.chunks.length - 1) << CHUNK_BITS) | this.used;
		this.used += size + 1;
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
	}
}
