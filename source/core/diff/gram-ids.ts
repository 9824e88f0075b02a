import type {Budget} from './budget.js';
import {IdTable} from './unique-anchors.js';

/**
 * Ids for runs of `size` consecutive tokens (position i stands for tokens i … i+size-1), shared
 * by both sequences, so a run that occurs once on each side can anchor a diff where no single
 * word is unique. Built by interning pairs twice (size 4 = pair of pairs), in an open-addressing
 * table on typed arrays: a Map keyed by numbers would box them and be several times slower.
 */
export class GramIds {
	readonly a: Int32Array;
	readonly b: Int32Array;
	readonly counter: IdTable;

	/** `budget`: ticked per gram, as building the grams of two long texts takes a while. */
	constructor(a: Int32Array, b: Int32Array, size: 2 | 4, budget: Budget) {
		const pairs = new PairTable(a.length + b.length);
		let gramA = pairUp(a, 1, pairs, budget);
		let gramB = pairUp(b, 1, pairs, budget);
		if (size === 4) {
			const quads = new PairTable(a.length + b.length);
			gramA = pairUp(gramA, 2, quads, budget);
			gramB = pairUp(gramB, 2, quads, budget);
			this.counter = new IdTable(quads.size);
		} else {
			this.counter = new IdTable(pairs.size);
		}
		// Positions near the end, where a whole gram does not fit, keep id 0; IdTable never
		// reads them because it is told the gram's span.
		this.a = gramA;
		this.b = gramB;
	}
}

function pairUp(ids: Int32Array, stride: number, table: PairTable, budget: Budget): Int32Array {
	const grams = new Int32Array(ids.length);
	for (let i = 0; i + stride < ids.length; i++) {
		budget.tick();
		grams[i] = table.idOf(ids[i]!, ids[i + stride]!);
	}
	return grams;
}

class PairTable {
	private readonly first: Int32Array;
	private readonly second: Int32Array;
	private readonly ids: Int32Array;
	private readonly mask: number;
	size = 0;

	constructor(maxEntries: number) {
		let capacity = 1024;
		while (capacity < maxEntries * 2) capacity *= 2;
		this.first = new Int32Array(capacity);
		this.second = new Int32Array(capacity);
		this.ids = new Int32Array(capacity).fill(-1);
		this.mask = capacity - 1;
	}

	idOf(x: number, y: number): number {
		let hash = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77);
		hash ^= hash >>> 15;
		let slot = hash & this.mask;
		for (;;) {
			const id = this.ids[slot]!;
			if (id === -1) {
				this.first[slot] = x;
				this.second[slot] = y;
				this.ids[slot] = this.size;
				return this.size++;
			}
			if (this.first[slot] === x && this.second[slot] === y) return id;
			slot = (slot + 1) & this.mask;
		}
	}
}
