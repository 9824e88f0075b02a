/**
 * LSH buckets: a map from 32-bit band keys to the entries filed under them, in typed arrays
 * (open addressing with linear probing). A JavaScript Map would box most uint32 keys as heap
 * numbers; this keeps millions of keys cheap.
 *
 * Each slot holds one entry and the band it was filed for, a bucket's entries being the slots
 * of its key along the probe run. The keys themselves are not kept: the caller works an entry's
 * key for a band out again from its signature (keyOf), which a look-up needs only for the
 * entries of the same band it meets on its way (one in 64). Almost every band key is filed
 * once (documents that are not versions share none), so a slot per key with a list node per
 * entry (as this table had) took about 300 MB at 100,000 documents (6.4 million keys), a key
 * and an entry per slot 88 MB, an entry per slot 45.
 *
 * Nothing is ever allocated or copied in one big piece, because a keystroke would feel it: the
 * table is split into SHARDS by the key's top bits, each growing on its own (at slightly
 * different times, as keys are random).
 */

const EMPTY = -1;
const SHARD_BITS = 8;
const SHARDS = 1 << SHARD_BITS;
const INITIAL_SLOTS = 64;
const KEY_IN_SHARD = 2 ** (32 - SHARD_BITS) - 1;
/** A shard grows by half once more than this share of its slots is taken, so it is 53% to 80%
 * full: linear probing's misses (most look-ups, a new document's keys being mostly new) probe
 * about 13 slots at the most, 3 at the least. Doubling at 50%, a table could sit at 25% full. */
const MOST_FULL = 0.8;
const GROWTH = 1.5;
/** How full reserve sizes a shard for the filings it expects: about where growing leaves one on
 * average, so look-ups probe as far as in a table that grew. */
const RESERVED_FULL = 0.65;

/** The key entry `entry` was filed under for `band` (an unsigned 32-bit number). */
export type BandKeyOf = (entry: number, band: number) => number;

interface Shard {
	/** Per slot, entry * bands + band, or EMPTY. */
	slots: Int32Array;
	used: number;
	/** The size its next growth makes it at the least (see reserve). */
	reserved: number;
}

function newShard(size: number): Shard {
	return {slots: new Int32Array(size).fill(EMPTY), used: 0, reserved: 0};
}

export class BandTable {
	readonly #shards = Array.from({length: SHARDS}, () => newShard(INITIAL_SLOTS));
	readonly #bands: number;
	readonly #keyOf: BandKeyOf;

	/** Keys of `bands` bands (0 to bands - 1), each entry's worked out by `keyOf`. */
	constructor(bands: number, keyOf: BandKeyOf) {
		this.#bands = bands;
		this.#keyOf = keyOf;
	}

	/** Appends to `out` the entries filed under `key` for `band` (newest first), then files
	 * `entry` there too unless the bucket already holds `limit` entries. */
	collectAndFile(band: number, key: number, entry: number, limit: number, out: number[]): void {
		const shard = this.#shardOf(key);
		const from = out.length;
		const free = this.#scan(shard, band, key, out);
		reverseFrom(out, from);
		if (this.#matched < limit) this.#place(shard, free, band, entry);
	}

	/** Appends to `out` the entries filed under `key` for `band`, newest first. With file, what
	 * collectAndFile does, for a caller with work to do between the two. */
	collect(band: number, key: number, out: number[]): void {
		const from = out.length;
		this.#scan(this.#shardOf(key), band, key, out);
		reverseFrom(out, from);
	}

	/** Files `entry` under `key` for `band` unless the bucket already holds `limit` entries. */
	file(band: number, key: number, entry: number, limit: number): void {
		const shard = this.#shardOf(key);
		const free = this.#scan(shard, band, key, undefined);
		if (this.#matched < limit) this.#place(shard, free, band, entry);
	}

	/**
	 * Makes room for `filings` more entries-and-bands to be filed, so filing them moves nothing:
	 * each shard that would have to grow meanwhile grows, when it first must, straight to the size
	 * its share calls for (keys spread evenly over the shards, four deviations spared), not by
	 * half at a time. Growing moves every slot of a shard and works each one's key out again from
	 * its signature: at 100,000 documents (6.4 million filings) that was 7 s of the versions
	 * index's 12 s, every start. (Not made that size now: 40 MB at once would hold a keystroke.)
	 */
	reserve(filings: number): void {
		const share = filings / SHARDS;
		const expected = share + 4 * Math.sqrt(share);
		for (const shard of this.#shards) {
			const filled = shard.used + expected;
			if (filled <= shard.slots.length * MOST_FULL) continue;
			shard.reserved = Math.max(shard.reserved, Math.ceil(filled / RESERVED_FULL));
		}
	}

	/** Slots in all (for tests: reserved room is not grown again). */
	get capacity(): number {
		let slots = 0;
		for (const shard of this.#shards) slots += shard.slots.length;
		return slots;
	}

	#shardOf(key: number): Shard {
		return this.#shards[key >>> (32 - SHARD_BITS)]!;
	}

	/** How many entries the last #scan found. */
	#matched = 0;

	/** Appends to `out` (when given) the entries filed under `key` for `band` in the order they
	 * were filed (the order of its probe run, which growing keeps), counts them in #matched, and
	 * returns the empty slot ending the run. */
	#scan(shard: Shard, band: number, key: number, out: number[] | undefined): number {
		const {slots} = shard;
		const bands = this.#bands;
		const size = slots.length;
		let matched = 0;
		let slot = home(key, size);
		for (let value = slots[slot]!; value !== EMPTY; value = slots[slot]!) {
			if (value % bands === band) {
				const entry = (value - band) / bands;
				if (this.#keyOf(entry, band) === key) {
					matched++;
					out?.push(entry);
				}
			}
			if (++slot === size) slot = 0;
		}
		this.#matched = matched;
		return slot;
	}

	/** Files `entry` for `band` in the empty slot `slot` (the end of its key's probe run). */
	#place(shard: Shard, slot: number, band: number, entry: number): void {
		const value = entry * this.#bands + band;
		if (value > 0x7fffffff) throw new RangeError('BandTable: too many entries');
		shard.slots[slot] = value;
		shard.used++;
		if (shard.used > shard.slots.length * MOST_FULL) {
			this.#resize(shard, Math.max(Math.ceil(shard.slots.length * GROWTH), shard.reserved));
			shard.reserved = 0;
		}
	}

	/** Moves the shard's slots into `biggerSize` slots. Slots are moved starting after an empty
	 * one, so no probe run is entered from its middle: entries of a key keep the order they were
	 * filed in. */
	#resize(shard: Shard, biggerSize: number): void {
		const {slots} = shard;
		const bands = this.#bands;
		const size = slots.length;
		const bigger = new Int32Array(biggerSize).fill(EMPTY);
		let start = 0;
		while (slots[start] !== EMPTY) start++;
		for (let step = 1; step <= size; step++) {
			const value = slots[(start + step) % size]!;
			if (value === EMPTY) continue;
			const band = value % bands;
			let slot = home(this.#keyOf((value - band) / bands, band), biggerSize);
			while (bigger[slot] !== EMPTY) if (++slot === biggerSize) slot = 0;
			bigger[slot] = value;
		}
		shard.slots = bigger;
	}
}

function reverseFrom(out: number[], from: number): void {
	for (let low = from, high = out.length - 1; low < high; low++, high--) {
		const entry = out[low]!;
		out[low] = out[high]!;
		out[high] = entry;
	}
}

/** Where `key`'s probe run starts among `size` slots: its low bits (the top ones chose the
 * shard) scaled to the shard's size, which need not be a power of two. */
function home(key: number, size: number): number {
	return Math.floor(((key & KEY_IN_SHARD) * size) / (KEY_IN_SHARD + 1));
}
