import {describe, expect, it} from 'vitest';
import {lonelyBands, sharingWith} from '../../../source/core/versions/lonely-bands.js';
import {BANDS, SIGNATURE_BINS} from '../../../source/core/versions/minhash.js';
import {seededRandom} from '../../fixtures/prose.js';

function randomSignature(random: () => number): Uint32Array {
	return Uint32Array.from({length: SIGNATURE_BINS}, () => Math.floor(random() * 2 ** 32));
}

/** The bands of document `at` whose keys are lonely (1) or shared (0), as a string of 64. */
function bandsOf(lonely: Uint8Array, at: number): string {
	return [...lonely.subarray(at * BANDS, (at + 1) * BANDS)].join('');
}

const ALL_LONELY = '1'.repeat(BANDS);
const NONE_LONELY = '0'.repeat(BANDS);

describe('lonelyBands', () => {
	it('marks the keys no other signature has, band by band', () => {
		const random = seededRandom(3);
		const [a, b, c] = [randomSignature(random), randomSignature(random), randomSignature(random)];
		// Band 0 is bins 0 and 1; band 5 is bins 10 and 11 (two rows a band).
		b!.set(a!.subarray(0, 2), 0);
		b!.set(a!.subarray(10, 12), 10);
		c!.set(a!.subarray(10, 12), 10);
		// Bin 2 alone agrees (band 1 is bins 2 and 3): not a shared key.
		c![2] = a![2]!;
		const {lonely, shared} = lonelyBands([a, b, undefined, c]);
		expect(lonely).toHaveLength(4 * BANDS);
		const bandsZeroAndFiveShared = '0111101' + '1'.repeat(BANDS - 7);
		expect(bandsOf(lonely, 0)).toBe(bandsZeroAndFiveShared);
		expect(bandsOf(lonely, 1)).toBe(bandsZeroAndFiveShared);
		// No signature: no key of its own to be lonely.
		expect(bandsOf(lonely, 2)).toBe(NONE_LONELY);
		expect(bandsOf(lonely, 3)).toBe('1111101' + '1'.repeat(BANDS - 7));
		// Band 0: a and b; band 5: a, b and c.
		expect(shared).toBe(5);
	});

	it('finds copies among a thousand signatures, wherever their keys fall in its table', () => {
		const random = seededRandom(8);
		const signatures: (Uint32Array | undefined)[] = Array.from({length: 1000}, () =>
			randomSignature(random),
		);
		signatures[400] = signatures[17]!.slice();
		signatures[999] = signatures[17]!.slice();
		signatures[0] = signatures[998]!.slice();
		signatures[500] = undefined;
		const {lonely, shared} = lonelyBands(signatures);
		for (const copy of [17, 400, 999, 0, 998]) expect(bandsOf(lonely, copy)).toBe(NONE_LONELY);
		for (const other of [1, 16, 18, 399, 401, 997]) expect(bandsOf(lonely, other)).toBe(ALL_LONELY);
		expect(bandsOf(lonely, 500)).toBe(NONE_LONELY);
		const lonelyCount = lonely.reduce((sum, flag) => sum + flag, 0);
		// 1,000 signatures less one missing and five copies, every band lonely.
		expect(lonelyCount).toBe(994 * BANDS);
		expect(shared).toBe(5 * BANDS);
	});

	it('has nothing to mark without signatures', () => {
		expect(lonelyBands([])).toMatchObject({lonely: new Uint8Array(0), shared: 0});
		expect(lonelyBands([undefined, undefined])).toMatchObject({
			lonely: new Uint8Array(2 * BANDS),
			shared: 0,
		});
	});
});

describe('sharingWith', () => {
	it('follows shared keys from one document to the next, and no further', () => {
		const random = seededRandom(4);
		const signatures: (Uint32Array | undefined)[] = Array.from({length: 8}, () =>
			randomSignature(random),
		);
		// 1 shares band 0 with 5; 5 shares band 9 with 6; 2 and 3 share band 63; 7 has none.
		signatures[5]!.set(signatures[1]!.subarray(0, 2), 0);
		signatures[6]!.set(signatures[5]!.subarray(18, 20), 18);
		signatures[3]!.set(signatures[2]!.subarray(126, 128), 126);
		signatures[4] = undefined;
		const bands = lonelyBands(signatures);
		expect(sharingWith(6, signatures, bands)).toEqual([1, 5, 6]);
		expect(sharingWith(1, signatures, bands)).toEqual([1, 5, 6]);
		expect(sharingWith(3, signatures, bands)).toEqual([2, 3]);
		expect(sharingWith(7, signatures, bands)).toEqual([7]);
		expect(sharingWith(4, signatures, bands)).toEqual([4]);
	});
});
