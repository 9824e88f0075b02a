import {describe, expect, it} from 'vitest';
import {settledBefore, settleMsFrom} from '../../../source/core/corpus/settled.js';

describe('settledBefore', () => {
	// A start at 10,000.5 ms with 2,000 ms to settle: changes before 8,000 ms (8e9 ns) are settled.
	it('takes a change strictly earlier than the start less the time to settle', () => {
		expect(settledBefore(7_999_999_999n, 10_000.5, 2000)).toBe(true);
		expect(settledBefore(8_000_000_000n, 10_000.5, 2000)).toBe(false);
		expect(settledBefore(9_500_000_000n, 10_000.5, 2000)).toBe(false);
	});

	it('with nothing to settle, a change at the very start is not settled, one just before is', () => {
		expect(settledBefore(10_000_000_000n, 10_000, 0)).toBe(false);
		expect(settledBefore(9_999_999_999n, 10_000, 0)).toBe(true);
	});
});

describe('settledBefore with a time to settle too large to be a number', () => {
	it('leaves nothing settled, and does not throw', () => {
		const huge = Number(`1${'0'.repeat(400)}`);
		expect(huge).toBe(Infinity);
		expect(settledBefore(0n, 10_000, huge)).toBe(false);
	});
});

describe('settleMsFrom', () => {
	it('reads READING_ROOM_SETTLE_MS when a whole number, else 2 s', () => {
		expect(settleMsFrom({READING_ROOM_SETTLE_MS: '0'})).toBe(0);
		expect(settleMsFrom({READING_ROOM_SETTLE_MS: '250'})).toBe(250);
		expect(settleMsFrom({READING_ROOM_SETTLE_MS: 'soon'})).toBe(2000);
		expect(settleMsFrom({})).toBe(2000);
	});
});
