import React from 'react';
import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {
	keysRested,
	nextSlice,
	noteFrame,
	noteKeys,
	sliceBudget,
	untilKeysAnswered,
	untilKeysRest,
} from '../../source/ui/key-activity.js';
import {useIdleWork} from '../../source/ui/use-idle-work.js';

function Worker(props: {
	readonly work: (deadline: () => boolean) => boolean;
	readonly keysRestMs?: number;
}): React.ReactNode {
	useIdleWork(props.work, 5, props.keysRestMs);
	return null;
}

describe('untilKeysRest', () => {
	it('counts from the last keys', () => {
		noteKeys(1_000);
		expect(untilKeysRest(500, 1_000)).toBe(500);
		expect(untilKeysRest(500, 1_300)).toBe(200);
		expect(untilKeysRest(500, 1_500)).toBe(0);
		expect(untilKeysRest(500, 9_000)).toBe(0);
	});
});

describe('the background scheduling rule', () => {
	it('waits for the frame of keys read, at most 100 ms after them', () => {
		noteFrame(900);
		noteKeys(1_000);
		expect(untilKeysAnswered(1_000)).toBe(100);
		expect(untilKeysAnswered(1_030)).toBe(70);
		expect(untilKeysAnswered(1_100)).toBe(0);
		expect(untilKeysAnswered(1_250)).toBe(0);
		noteFrame(1_012);
		expect(untilKeysAnswered(1_030)).toBe(0);
		// The next keys wait for their own frame.
		noteKeys(1_040);
		expect(untilKeysAnswered(1_041)).toBe(99);
	});

	it('gives 2 ms slices while keys come, for 400 ms after the last', () => {
		noteKeys(1_000);
		expect(sliceBudget(5, 1_000)).toBe(2);
		expect(sliceBudget(5, 1_399)).toBe(2);
		expect(sliceBudget(5, 1_400)).toBe(5);
		expect(sliceBudget(8, 3_000)).toBe(8);
		// A budget already shorter stays as it is.
		expect(sliceBudget(1, 1_000)).toBe(1);
	});

	it('says when to look again and how long to work', () => {
		noteFrame(500);
		noteKeys(1_000);
		expect(nextSlice(5, 1_010)).toEqual({wait: 2});
		expect(nextSlice(5, 1_099)).toEqual({wait: 1});
		expect(nextSlice(5, 1_100)).toEqual({budget: 2});
		noteFrame(1_020);
		expect(nextSlice(5, 1_030)).toEqual({budget: 2});
		expect(nextSlice(5, 1_500)).toEqual({budget: 5});
	});
});

describe('useIdleWork waiting for keys to rest', () => {
	beforeEach(() => {
		vi.useFakeTimers({toFake: ['setTimeout', 'setImmediate', 'performance']});
		// No keys and no frame yet (the tests above leave theirs).
		noteKeys(Number.NEGATIVE_INFINITY);
		noteFrame(Number.NEGATIVE_INFINITY);
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('works only once no key has come for keysRestMs, and waits again for keys meanwhile', async () => {
		const slices: number[] = [];
		const work = () => {
			slices.push(performance.now());
			return slices.length === 3;
		};
		noteKeys(performance.now());
		const app = render(<Worker work={work} keysRestMs={500} />);
		await vi.advanceTimersByTimeAsync(499);
		expect(slices).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(slices).toHaveLength(1);
		const first = slices[0]!;
		// A key now: the rest of the work waits until 500 ms after it.
		noteKeys(performance.now());
		await vi.advanceTimersByTimeAsync(499);
		expect(slices).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(10);
		expect(slices).toHaveLength(3);
		expect(slices[1]! - first).toBeGreaterThanOrEqual(500);
		app.unmount();
	});

	it('without keysRestMs, works between keys once their frame is drawn', async () => {
		let slices = 0;
		noteKeys(performance.now());
		const app = render(<Worker work={() => ++slices === 3} />);
		await vi.advanceTimersByTimeAsync(10);
		expect(slices).toBe(0);
		noteFrame(performance.now());
		await vi.advanceTimersByTimeAsync(10);
		expect(slices).toBe(3);
		app.unmount();
	});

	it('does not wait for a frame that never comes longer than 100 ms', async () => {
		let slices = 0;
		noteKeys(performance.now());
		const app = render(<Worker work={() => ++slices === 1} />);
		await vi.advanceTimersByTimeAsync(98);
		expect(slices).toBe(0);
		await vi.advanceTimersByTimeAsync(3);
		expect(slices).toBe(1);
		app.unmount();
	});

	it('stops a slice at 2 ms while keys come, at its own budget once they rest', async () => {
		const budgets: number[] = [];
		const work = (deadline: () => boolean) => {
			const start = performance.now();
			// Fake time: advanced by hand until the slice says it is over.
			while (!deadline()) vi.advanceTimersByTime(1);
			budgets.push(performance.now() - start);
			// The person stops typing: the next slice comes 400 ms after the keys.
			if (budgets.length === 1) vi.advanceTimersByTime(398);
			return budgets.length === 2;
		};
		noteKeys(performance.now());
		noteFrame(performance.now());
		const app = render(<Worker work={work} />);
		await vi.advanceTimersByTimeAsync(10);
		expect(budgets).toEqual([2, 5]);
		app.unmount();
	});

	it('keysRested resolves once keys have rested', async () => {
		noteKeys(performance.now());
		let rested = false;
		void keysRested(200).then(() => {
			rested = true;
		});
		await vi.advanceTimersByTimeAsync(150);
		noteKeys(performance.now());
		await vi.advanceTimersByTimeAsync(150);
		expect(rested).toBe(false);
		await vi.advanceTimersByTimeAsync(60);
		expect(rested).toBe(true);
	});
});
