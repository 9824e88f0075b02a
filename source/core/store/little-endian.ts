/**
 * Arrays of numbers kept in the database as bytes, little-endian whatever the machine: written
 * as they lie in memory where that is little-endian, and read back without a copy when the bytes
 * are aligned for it (a blob read from SQLite need not be).
 */
/** Whether this machine keeps numbers little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The bytes of `values` as little-endian numbers (where the machine is little-endian, the
 * values' own bytes: not a copy). */
export function littleEndianBytes(values: Int32Array | Uint32Array | Float64Array): Uint8Array {
	if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
	const bytes = new Uint8Array(values.byteLength);
	const view = new DataView(bytes.buffer);
	values.forEach((value, at) => {
		if (values instanceof Int32Array) view.setInt32(at * 4, value, true);
		else if (values instanceof Uint32Array) view.setUint32(at * 4, value, true);
		else view.setFloat64(at * 8, value, true);
	});
	return bytes;
}

/** The little-endian 32-bit integers of `bytes`; undefined when its length is not a multiple
 * of four. */
export function int32sOf(bytes: Uint8Array): Int32Array | undefined {
	if (bytes.byteLength % 4 !== 0) return undefined;
	if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
		return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const values = new Int32Array(bytes.byteLength / 4);
	for (let at = 0; at < values.length; at++) values[at] = view.getInt32(at * 4, true);
	return values;
}

/** The little-endian unsigned 32-bit integers of `bytes` (the same bytes as int32sOf's);
 * undefined when its length is not a multiple of four. */
export function uint32sOf(bytes: Uint8Array): Uint32Array | undefined {
	const values = int32sOf(bytes);
	return values && new Uint32Array(values.buffer, values.byteOffset, values.length);
}

/** The little-endian 64-bit floats of `bytes`; undefined when its length is not a multiple of
 * eight. */
export function float64sOf(bytes: Uint8Array): Float64Array | undefined {
	if (bytes.byteLength % 8 !== 0) return undefined;
	if (LITTLE_ENDIAN && bytes.byteOffset % 8 === 0) {
		return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const values = new Float64Array(bytes.byteLength / 8);
	for (let at = 0; at < values.length; at++) values[at] = view.getFloat64(at * 8, true);
	return values;
}
