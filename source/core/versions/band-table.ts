/**
 * LSH buckets: a map from 32-bit band keys to the entries filed under them, in typed arrays
 * (open addressing with linear probing; each bucket a linked list of nodes). A JavaScript Map
 * would box most uint32 keys as heap numbers; this keeps hundreds of thousands of keys cheap.
 *
 * Nothing is ever allocated or copied in one big piece, because a keystroke would feel it: the
 * table is split into SHARDS by the key's top bits, each growing on its own (at slightly
 * different times, as keys are random), and nodes live in fixed-size pages.
 */

const EMPTY = -1;
const SHARD_BITS = 8;
const SHARDS = 1 << SHARD_BITS;
const INITIAL_SLOTS = 64;
const PAGE_BITS = 14;
const PAGE_SIZE = 1 << PAGE_BITS;

interface Shard {
	keys: Uint32Array;
	/** First node of each slot's list, or EMPTY. */
	heads: Int32Array;
	sizes: Int32Array;
	used: number;
}

function newShard(slots: number): Shard {
	return {
		keys: new Uint32Array(slots),
		heads: new Int32Array(slots).fill(EMPTY),
		sizes: new Int32Array(slots),
		used: 0,
	};
}

/** The slot holding `key`, or the empty slot where it would go. */
function slotOf(shard: Shard, key: number): number {
	const mask = shard.keys.length - 1;
	let slot = key & mask;
	while (shard.heads[slot] !== EMPTY && shard.keys[slot] !== key) slot = (slot + 1) & mask;
	return slot;
}

export class BandTable {
	readonly #shards = Array.from({length: SHARDS}, () => newShard(INITIAL_SLOTS));
	readonly #entryPages: Int32Array[] = [];
	readonly #nextPages: Int32Array[] = [];
	#nodes = 0;

	/** Appends to `out` the entries filed under `key` (newest first), then files `entry` there
	 * too unless the bucket already holds `limit` entries. */
	collectAndFile(key: number, entry: number, limit: number, out: number[]): void {
		const shard = this.#shards[key >>> (32 - SHARD_BITS)]!;
		const slot = slotOf(shard, key);
		if (shard.heads[slot] === EMPTY) {
			shard.keys[slot] = key;
			shard.used++;
		}
		for (let node = shard.heads[slot]!; node !== EMPTY;) {
			const page = node >>> PAGE_BITS;
			const offset = node & (PAGE_SIZE - 1);
			out.push(this.#entryPages[page]![offset]!);
			node = this.#nextPages[page]![offset]!;
		}
		if (shard.sizes[slot]! < limit) {
			shard.sizes[slot]!++;
			shard.heads[slot] = this.#newNode(entry, shard.heads[slot]!);
		}
		if (shard.used * 2 > shard.keys.length) grow(shard);
	}

	/** Appends to `out` the entries filed under `key`, newest first. With file, what
	 * collectAndFile does, for a caller with work to do between the two. */
	collect(key: number, out: number[]): void {
		const shard = this.#shards[key >>> (32 - SHARD_BITS)]!;
		const slot = slotOf(shard, key);
		for (let node = shard.heads[slot]!; node !== EMPTY;) {
			const page = node >>> PAGE_BITS;
			const offset = node & (PAGE_SIZE - 1);
			out.push(this.#entryPages[page]![offset]!);
			node = this.#nextPages[page]![offset]!;
		}
	}

	/** Files `entry` under `key` unless the bucket already holds `limit` entries. */
	file(key: number, entry: number, limit: number): void {
		const shard = this.#shards[key >>> (32 - SHARD_BITS)]!;
		const slot = slotOf(shard, key);
		if (shard.heads[slot] === EMPTY) {
			shard.keys[slot] = key;
			shard.used++;
		}
		if (shard.sizes[slot]! < limit) {
			shard.sizes[slot]!++;
			shard.heads[slot] = this.#newNode(entry, shard.heads[slot]!);
		}
		if (shard.used * 2 > shard.keys.length) grow(shard);
	}

	#newNode(entry: number, next: number): number {
		const node = this.#nodes++;
		const page = node >>> PAGE_BITS;
		if (page === this.#entryPages.length) {
			this.#entryPages.push(new Int32Array(PAGE_SIZE));
			this.#nextPages.push(new Int32Array(PAGE_SIZE));
		}
		this.#entryPages[page]![node & (PAGE_SIZE - 1)] = entry;
		this.#nextPages[page]![node & (PAGE_SIZE - 1)] = next;
		return node;
	}
}

function grow(shard: Shard): void {
	const {keys, heads, sizes} = shard;
	const bigger = newShard(keys.length * 2);
	for (let old = 0; old < keys.length; old++) {
		if (heads[old] === EMPTY) continue;
		const slot = slotOf(bigger, keys[old]!);
		bigger.keys[slot] = keys[old]!;
		bigger.heads[slot] = heads[old]!;
		bigger.sizes[slot] = sizes[old]!;
	}
	shard.keys = bigger.keys;
	shard.heads = bigger.heads;
	shard.sizes = bigger.sizes;
}
