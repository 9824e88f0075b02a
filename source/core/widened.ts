/**
 * `array` copied into a new array of at least `length` elements, and of at least twice its own
 * (so growing one element at a time costs little overall), the elements past its own set to
 * `fill`.
 */
export function widened(array: Int32Array, length: number, fill = 0): Int32Array<ArrayBuffer> {
	const wider = new Int32Array(Math.max(length, array.length * 2));
	if (fill !== 0) wider.fill(fill, array.length);
	wider.set(array);
	return wider;
}
