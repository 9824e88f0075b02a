import React from 'react';
import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {keysRested, noteKeys, untilKeysRest} from '../../source/ui/key-activity.js';
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

describe('useIdleWork waiting for keys to rest', () => {
	beforeEach(() => {
		vi.useFakeTimers({toFake: ['setTimeout', 'setImmediate', 'performance']});
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

	it('without keysRestMs, works between keys as before', async () => {
		let slices = 0;
		noteKeys(performance.now());
		const app = render(<Worker work={() => ++slices === 2} />);
		await vi.advanceTimersByTimeAsync(1);
		expect(slices).toBe(2);
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
