import {describe, expect, it} from 'vitest';
import {Components} from '../../../source/core/versions/components.js';

function components(size: number): Components {
	const result = new Components();
	for (let item = 0; item < size; item++) result.reset(item);
	return result;
}

describe('Components', () => {
	it('lists only joined items, members in ascending order', () => {
		const sets = components(6);
		sets.union(4, 1);
		sets.union(5, 1);
		sets.union(0, 2);
		expect(sets.membersOf(3)).toBeUndefined();
		expect(sets.membersOf(5)).toEqual([1, 4, 5]);
		expect([...sets.groups()].map(([, members]) => members).sort()).toEqual([
			[0, 2],
			[1, 4, 5],
		]);
	});

	it('merges components transitively', () => {
		const sets = components(5);
		sets.union(0, 1);
		sets.union(2, 3);
		sets.union(1, 3);
		expect(sets.find(0)).toBe(sets.find(2));
		expect(sets.membersOf(2)).toEqual([0, 1, 2, 3]);
		expect(sets.union(0, 3)).toBe(sets.find(1));
	});

	it('dissolves a component into single items', () => {
		const sets = components(4);
		sets.union(0, 1);
		sets.union(1, 2);
		expect([...sets.dissolve(1)]).toEqual([0, 1, 2]);
		expect(sets.membersOf(0)).toBeUndefined();
		expect([...sets.groups()]).toEqual([]);
		expect(new Set([0, 1, 2].map((item) => sets.find(item))).size).toBe(3);
	});
});
