import {describe, expect, it} from 'vitest';
import {float64sOf, int32sOf, littleEndianBytes} from '../../../source/core/store/little-endian.js';

describe('numbers kept as little-endian bytes', () => {
	it('writes 32-bit integers and 64-bit floats least significant byte first', () => {
		expect([...littleEndianBytes(new Int32Array([1, -2, 0x01020304]))]).toEqual([
			1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff, 4, 3, 2, 1,
		]);
		// 1.5 is 0x3FF8000000000000.
		expect([...littleEndianBytes(new Float64Array([1.5]))]).toEqual([0, 0, 0, 0, 0, 0, 0xf8, 0x3f]);
	});

	it('reads them back, from bytes aligned or not (a blob need not be)', () => {
		const bytes = [1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff, 4, 3, 2, 1];
		expect([...int32sOf(Uint8Array.from(bytes))!]).toEqual([1, -2, 0x01020304]);
		const unaligned = new Uint8Array(bytes.length + 1).fill(9).subarray(1);
		unaligned.set(bytes);
		expect([...int32sOf(unaligned)!]).toEqual([1, -2, 0x01020304]);
		const floats = [0, 0, 0, 0, 0, 0, 0xf8, 0x3f, 0, 0, 0, 0, 0, 0, 0xf0, 0xbf];
		const shifted = new Uint8Array(floats.length + 3).subarray(3);
		shifted.set(floats);
		expect([...float64sOf(shifted)!]).toEqual([1.5, -1]);
		expect([...float64sOf(Uint8Array.from(floats))!]).toEqual([1.5, -1]);
	});

	it('refuses bytes that are not a whole number of values', () => {
		expect(int32sOf(new Uint8Array(7))).toBeUndefined();
		expect(float64sOf(new Uint8Array(12))).toBeUndefined();
		expect(int32sOf(new Uint8Array(0))).toEqual(new Int32Array(0));
	});
});
