import {describe, expect, it} from 'vitest';
import {BandTable} from '../../../source/core/versions/band-table.js';

/** A table of `bands` bands whose entries' keys (by band) the test keeps, as the versions index
 * works them out from signatures. */
function newTable(bands = 1) {
	const keys = new Map<string, number>();
	const table = new BandTable(bands, (entry, band) => keys.get(`${entry} ${band}`)!);
	return {table, keys};
}

type Table = ReturnType<typeof newTable>;

function collect(
	{table, keys}: Table,
	key: number,
	entry: number,
	limit = 100,
	band = 0,
): number[] {
	keys.set(`${entry} ${band}`, key);
	const out: number[] = [];
	table.collectAndFile(band, key, entry, limit, out);
	return out;
}

describe('BandTable', () => {
	it('returns the entries filed earlier under the same key', () => {
		const table = newTable();
		expect(collect(table, 42, 0)).toEqual([]);
		expect(collect(table, 7, 1)).toEqual([]);
		expect(collect(table, 42, 2)).toEqual([0]);
		expect(collect(table, 42, 3).sort()).toEqual([0, 2]);
		expect(collect(table, 7, 4)).toEqual([1]);
	});

	it('tells apart keys that fall into the same slot, and uses the full 32 bits', () => {
		const table = newTable();
		collect(table, 0x10, 0);
		collect(table, 0x10 + (1 << 12), 1);
		collect(table, 0xffffffff, 2);
		expect(collect(table, 0x10, 3)).toEqual([0]);
		expect(collect(table, 0x10 + (1 << 12), 4)).toEqual([1]);
		expect(collect(table, 0xffffffff, 5)).toEqual([2]);
	});

	it('keeps the bands apart: the same key in another band is another bucket', () => {
		const table = newTable(64);
		collect(table, 99, 0, 100, 3);
		collect(table, 99, 1, 100, 5);
		expect(collect(table, 99, 2, 100, 3)).toEqual([0]);
		expect(collect(table, 99, 3, 100, 5)).toEqual([1]);
		expect(collect(table, 99, 4, 100, 63)).toEqual([]);
		const out: number[] = [];
		table.table.collect(3, 99, out);
		expect(out).toEqual([2, 0]);
		// One entry filed for two bands under the same key is in each bucket once.
		collect(table, 77, 5, 100, 1);
		collect(table, 77, 5, 100, 2);
		expect(collect(table, 77, 6, 100, 1)).toEqual([5]);
		expect(collect(table, 77, 7, 100, 2)).toEqual([5]);
	});

	it('stops filing under a key at the limit but keeps answering', () => {
		const table = newTable();
		for (let entry = 0; entry < 10; entry++) collect(table, 5, entry, 3);
		expect(collect(table, 5, 10, 3).sort()).toEqual([0, 1, 2]);
	});

	it('keeps every key while growing', () => {
		const table = newTable(4);
		const keys = Array.from({length: 50_000}, (_, index) => Math.imul(index + 1, 0x9e3779b1) >>> 0);
		keys.forEach((key, entry) => collect(table, key, entry, 100, entry % 4));
		const found = keys.map((key, entry) => collect(table, key, 50_000 + entry, 100, entry % 4));
		expect(found).toEqual(keys.map((_, entry) => [entry]));
	});

	it("gives a key's entries newest first, also after growing moved a probe run that wrapped round", () => {
		const table = newTable();
		// Keys under 2^24 share the first shard, of 64 slots at first, a key's run starting at
		// slot (key * 64) / 2^24: the two keys below both start at the last slot, so their
		// entries run on past the end into slots 0, 1 and 2.
		const [a, b] = [0xfc0000, 0xfc0001];
		collect(table, a, 0);
		collect(table, b, 1);
		collect(table, a, 2);
		collect(table, b, 3);
		// Enough other keys (in slots 10 to 59) to make the shard grow.
		for (let slot = 10; slot < 60; slot++) collect(table, slot * 2 ** 18, 100 + slot);
		expect(collect(table, a, 4)).toEqual([2, 0]);
		expect(collect(table, b, 5)).toEqual([3, 1]);
		expect(collect(table, a, 6)).toEqual([4, 2, 0]);
		expect(collect(table, 30 * 2 ** 18, 7)).toEqual([130]);
	});

	it('keeps many entries under one key and the first ones when over the limit', () => {
		const {table, keys} = newTable();
		for (let entry = 0; entry < 200; entry++) {
			keys.set(`${entry} 0`, 9);
			table.file(0, 9, entry, 150);
		}
		const out: number[] = [];
		table.collect(0, 9, out);
		expect(out).toEqual(Array.from({length: 150}, (_, index) => 149 - index));
	});

	it('grows each shard once to the room reserved, and finds every key after', () => {
		const {table, keys} = newTable(4);
		const count = 40_000;
		table.reserve(count);
		// 256 shards of 64 slots before anything is filed.
		expect(table.capacity).toBe(256 * 64);
		const key = (index: number) => Math.imul(index + 1, 0x9e3779b1) >>> 0;
		const fileOne = (entry: number) => {
			keys.set(`${entry} ${entry % 4}`, key(entry));
			table.file(entry % 4, key(entry), entry, 100);
		};
		for (let entry = 0; entry < count / 2; entry++) fileOne(entry);
		// Half filed: every shard has grown, once, to its share of 40,000 (about 156, four
		// deviations more, 206.25) at 65% full: 318 slots.
		expect(table.capacity).toBe(256 * 318);
		for (let entry = count / 2; entry < count; entry++) fileOne(entry);
		expect(table.capacity).toBe(256 * 318);
		for (let entry = 0; entry < count; entry += 997) {
			const out: number[] = [];
			table.collect(entry % 4, key(entry), out);
			expect(out).toEqual([entry]);
		}
	});

	it('grows by half as before when little is reserved', () => {
		const {table, keys} = newTable();
		table.reserve(256);
		// Keys under 2^24 all go to the first shard: 52 make its 64 slots more than 80% full.
		for (let entry = 0; entry < 52; entry++) {
			keys.set(`${entry} 0`, entry * 2 ** 18);
			table.file(0, entry * 2 ** 18, entry, 100);
		}
		expect(table.capacity).toBe(255 * 64 + 96);
	});
});
