import {describe, expect, it} from 'vitest';
import {widened} from '../../source/core/widened.js';

describe('widened', () => {
	it('copies into at least the length asked, at least twice as long, the rest filled', () => {
		const array = Int32Array.from([4, 5, 6]);
		expect([...widened(array, 0)]).toEqual([4, 5, 6, 0, 0, 0]);
		expect([...widened(array, 8, -1)]).toEqual([4, 5, 6, -1, -1, -1, -1, -1]);
		expect([...widened(new Int32Array(0), 2, -1)]).toEqual([-1, -1]);
		// A new array: the old one is left as it was.
		const wider = widened(array, 4);
		wider[0] = 9;
		expect([...array]).toEqual([4, 5, 6]);
	});
});
