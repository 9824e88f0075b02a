import {describe, expect, it} from 'vitest';
import {PendingCallback} from '../../source/ui/pending-callback.js';

/** Whether a setImmediate callback still runs (within a second). */
function immediatesRun(): Promise<boolean> {
	return new Promise((resolve) => {
		const timeout = setTimeout(() => resolve(false), 1_000);
		setImmediate(() => {
			clearTimeout(timeout);
			resolve(true);
		});
	});
}

describe('PendingCallback', () => {
	it('cancels a waiting timeout without stopping later immediates', async () => {
		const pending = new PendingCallback();
		let ran = false;
		pending.after(50, () => {
			ran = true;
		});
		pending.cancel();
		expect(await immediatesRun()).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 80));
		expect(ran).toBe(false);
	});

	it('runs the last callback asked for, soon or after a time, and only it', async () => {
		const pending = new PendingCallback();
		const calls: string[] = [];
		pending.soon(() => calls.push('soon'));
		pending.after(10, () => calls.push('after'));
		await new Promise((resolve) => setTimeout(resolve, 40));
		expect(calls).toEqual(['after']);
		pending.after(10, () => calls.push('after again'));
		pending.soon(() => calls.push('soon again'));
		pending.cancel();
		pending.soon(() => calls.push('last'));
		await new Promise((resolve) => setTimeout(resolve, 40));
		expect(calls).toEqual(['after', 'last']);
		expect(await immediatesRun()).toBe(true);
	});
});
