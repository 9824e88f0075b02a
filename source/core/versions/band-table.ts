/**
 * LSH buckets: a map from 32-bit band keys to the entries filed under them, in typed arrays
 * (open addressing with linear probing). A JavaScript Map would box most uint32 keys as heap
 * numbers; this keeps millions of keys cheap.
 *
 * Each slot holds one key and one entry, a bucket's entries being the slots of its key along
 * the probe run: almost every band key is filed once (documents that are not versions share
 * none), so a slot per key and a list node per entry (as this table had) cost three times the
 * memory: at 100,000 documents, 6.4 million keys took about 300 MB, pairs in slots take about
 * 100 MB.
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
 * about 13 slots at the most, 3 at the least. Doubling at 75%, a table could sit at 38% full,
 * as 100,000 documents' did (150 MB where 80 would do). */
const MOST_FULL = 0.8;
const GROWTH = 1.5;

interface Shard {
	keys: Uint32Array;
	/** The entry filed in each slot, or EMPTY. */
	entries: Int32Array;
	used: number;
}

function newShard(slots: number): Shard {
	return {keys: new Uint32Array(slots), entries: new Int32Array(slots).fill(EMPTY), used: 0};
}

export class BandTable {
	readonly #shards = Array.from({length: SHARDS}, () => newShard(INITIAL_SLOTS));

	/** Appends to `out` the entries filed under `key` (newest first), then files `entry` there
	 * too unless the bucket already holds `limit` entries. */
	collectAndFile(key: number, entry: number, limit: number, out: number[]): void {
		const shard = this.#shards[key >>> (32 - SHARD_BITS)]!;
		const from = out.length;
		const free = scan(shard, key, out);
		const filed = out.length - from;
		reverseFrom(out, from);
		if (filed < limit) place(shard, free, key, entry);
	}

	/** Appends to `out` the entries filed under `key`, newest first. With file, what
	 * collectAndFile does, for a caller with work to do between the two. */
	collect(key: number, out: number[]): void {
		const from = out.length;
		scan(this.#shards[key >>> (32 - SHARD_BITS)]!, key, out);
		reverseFrom(out, from);
	}

	/** Files `entry` under `key` unless the bucket already holds `limit` entries. */
	file(key: number, entry: number, limit: number): void {
		const shard = this.#shards[key >>> (32 - SHARD_BITS)]!;
		const {keys, entries} = shard;
		const slots = keys.length;
		let slot = home(key, slots);
		let filed = 0;
		while (entries[slot] !== EMPTY) {
			if (keys[slot] === key) filed++;
			if (++slot === slots) slot = 0;
		}
		if (filed < limit) place(shard, slot, key, entry);
	}
}

/** Appends the entries filed under `key` in the order they were filed (the order of its probe
 * run, which growing keeps), and returns the empty slot ending the run. */
function scan(shard: Shard, key: number, out: number[]): number {
	const {keys, entries} = shard;
	const slots = keys.length;
	let slot = home(key, slots);
	while (entries[slot] !== EMPTY) {
		if (keys[slot] === key) out.push(entries[slot]!);
		if (++slot === slots) slot = 0;
	}
	return slot;
}

function reverseFrom(out: number[], from: number): void {
	for (let low = from, high = out.length - 1; low < high; low++, high--) {
		const entry = out[low]!;
		out[low] = out[high]!;
		out[high] = entry;
	}
}

/** Files `entry` under `key` in the empty slot `slot` (the end of the key's probe run). */
function place(shard: Shard, slot: number, key: number, entry: number): void {
	shard.keys[slot] = key;
	shard.entries[slot] = entry;
	shard.used++;
	if (shard.used > shard.keys.length * MOST_FULL) grow(shard);
}

/** Grows the shard by half. Slots are moved starting after an empty one, so no probe run is
 * entered from its middle: entries of a key keep the order they were filed in. */
function grow(shard: Shard): void {
	const {keys, entries} = shard;
	const slots = keys.length;
	const bigger = newShard(Math.ceil(slots * GROWTH));
	const biggerSlots = bigger.keys.length;
	let start = 0;
	while (entries[start] !== EMPTY) start++;
	for (let step = 1; step <= slots; step++) {
		const old = (start + step) % slots;
		if (entries[old] === EMPTY) continue;
		const key = keys[old]!;
		let slot = home(key, biggerSlots);
		while (bigger.entries[slot] !== EMPTY) if (++slot === biggerSlots) slot = 0;
		bigger.keys[slot] = key;
		bigger.entries[slot] = entries[old]!;
	}
	shard.keys = bigger.keys;
	shard.entries = bigger.entries;
}

/** Where `key`'s probe run starts among `slots`: its low bits (the top ones chose the shard)
 * scaled to the shard's size, which need not be a power of two. */
function home(key: number, slots: number): number {
	return Math.floor(((key & KEY_IN_SHARD) * slots) / (KEY_IN_SHARD + 1));
}
