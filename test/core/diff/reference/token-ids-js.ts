/**
 * Interns tokens to small integers so that comparing tokens is comparing numbers. Tokens are
 * looked up by their place in the bytes being scanned, in an open-addressing table on typed
 * arrays: slicing every token into a string for a Map cost more than the whole alignment. A
 * slot is a hash and an id, 8 bytes, so that the slots of the common tokens stay in the cache
 * (a lookup that missed it was a third of the scan); each id's bytes sit in a pool of their own.
 */
export class TokenIds {
	/** Id of every paragraph-break token. */
	static readonly BREAK = 0;
	/** [hash, id] per slot; id 0 marks free. */
	private slots: Int32Array;
	private mask: number;
	/** Per id: where its bytes start in the pool; the next id's start is where they end. */
	private poolStarts: Int32Array;
	private pool: Uint8Array;
	private poolLength = 0;
	private count = 1;

	/** `bytes`: how long the texts to intern are, together, when known: the table starts at
	 * the size they will likely need, rather than growing to it (each growth copies the table
	 * into fresh memory, which is slow to come by: see Utf8Tokens). */
	constructor(bytes = 0) {
		const expected = expectedDistinct(bytes);
		let capacity = 16;
		while (capacity < expected * 2) capacity *= 2;
		this.slots = new Int32Array(2 * capacity);
		this.mask = capacity - 1;
		// Room for the tokens' bytes too, at twice prose's average length: growing the pool in a
		// long scan threw V8's compiled scan away (the growth had never run where it was
		// watched), and pages never written cost nothing.
		this.pool = new Uint8Array(Math.max(64, expected * 16));
		this.poolStarts = new Int32Array(capacity / 2 + 2);
	}

	get size(): number {
		return this.count;
	}

	/** The id of bytes[start, end), whose `hashBytes` is `hash`: the scanner hashes as it reads. */
	idOf(bytes: Uint8Array, start: number, end: number, hash: number): number {
		const slots = this.slots;
		let slot = hash & this.mask;
		for (;;) {
			const id = slots[2 * slot + 1]!;
			if (id === 0) return this.add(2 * slot, bytes, start, end - start, hash);
			if (slots[2 * slot] === hash) {
				const poolStarts = this.poolStarts;
				const from = poolStarts[id]!;
				if (poolStarts[id + 1]! - from === end - start) {
					const pool = this.pool;
					const shift = from - start;
					let k = start;
					while (k < end && pool[shift + k] === bytes[k]) k++;
					if (k === end) return id;
				}
			}
			slot = (slot + 1) & this.mask;
		}
	}

	private add(at: number, bytes: Uint8Array, start: number, length: number, hash: number): number {
		if (this.poolLength + length > this.pool.length) {
			const larger = new Uint8Array(Math.max(this.pool.length * 2, this.poolLength + length));
			larger.set(this.pool);
			this.pool = larger;
		}
		// Byte by byte: a subarray of a file's Buffer is a Buffer, made by a JavaScript constructor,
		// and one per new token was a tenth of diff --json's time.
		const pool = this.pool;
		for (let k = 0; k < length; k++) pool[this.poolLength + k] = bytes[start + k]!;
		const id = this.count++;
		if (id + 2 > this.poolStarts.length) {
			const larger = new Int32Array(this.poolStarts.length * 2);
			larger.set(this.poolStarts);
			this.poolStarts = larger;
		}
		this.poolStarts[id] = this.poolLength;
		this.poolLength += length;
		this.poolStarts[id + 1] = this.poolLength;
		this.slots[at] = hash;
		this.slots[at + 1] = id;
		if (this.count * 2 > this.mask + 1) this.rehash();
		return id;
	}

	private rehash(): void {
		const old = this.slots;
		const capacity = (this.mask + 1) * 2;
		const slots = new Int32Array(capacity * 2);
		const mask = capacity - 1;
		for (let from = 0; from < old.length; from += 2) {
			if (old[from + 1] === 0) continue;
			let slot = old[from]! & mask;
			while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
			slots[2 * slot] = old[from]!;
			slots[2 * slot + 1] = old[from + 1]!;
		}
		this.slots = slots;
		this.mask = mask;
	}
}

/** About how many distinct tokens texts of `bytes` bytes hold: Heaps' law, fitted to the
 * bench's pairs and the seeds (prose runs about 5.5 bytes a token), erring low. */
function expectedDistinct(bytes: number): number {
	return Math.ceil(16 * Math.pow(bytes / 5.5, 0.55));
}

export const FNV_START = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;

/** FNV-1a's last step: the table's slot is the hash's low bits, which FNV alone spreads poorly. */
export function mixHash(hash: number): number {
	hash ^= hash >>> 15;
	hash = Math.imul(hash, 0x2c1b3c6d);
	return hash ^ (hash >>> 12);
}

/** The hash the scanner gives bytes[start, end) (FNV-1a over the bytes, then mixed). */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
	let hash = FNV_START;
	for (let at = start; at < end; at++) hash = Math.imul(hash ^ bytes[at]!, FNV_PRIME);
	return mixHash(hash);
}
