import {describe, expect, it} from 'vitest';
import {KEYS_HURRY} from '../../source/core/store/key-signal.js';
import {keySignal, noteKeys, untilKeysRest} from '../../source/ui/key-activity.js';

describe('key activity', () => {
	it('tells the store’s writer thread when keys were pressed, through the shared signal', () => {
		keySignal.hurry();
		expect(Atomics.load(keySignal.slots, 0)).toBe(KEYS_HURRY);
		const before = Date.now() - keySignal.origin;
		noteKeys();
		const noted = Atomics.load(keySignal.slots, 0);
		expect(noted).toBeGreaterThanOrEqual(before);
		expect(noted).toBeLessThanOrEqual(Date.now() - keySignal.origin);
		expect(untilKeysRest(500)).toBeGreaterThan(0);
	});
});
