import {describe, expect, it} from 'vitest';
import {foldBlock, mix32, scrambleBlock} from '../../../source/core/versions/hash.js';

describe('hash', () => {
	it('mixes consecutive inputs to distinct, well-spread unsigned values', () => {
		const outputs = Array.from({length: 100_000}, (_, value) => mix32(value));
		expect(new Set(outputs).size).toBe(outputs.length);
		for (const output of outputs.slice(0, 100)) {
			expect(output).toBeGreaterThanOrEqual(0);
			expect(output).toBeLessThan(2 ** 32);
		}
		// Consecutive inputs fill the top bits evenly, which the MinHash bins rely on.
		const topBits = new Array<number>(16).fill(0);
		for (const output of outputs) topBits[output >>> 28]!++;
		for (const count of topBits) expect(Math.abs(count - 6250)).toBeLessThan(400);
	});

	it('flips about half the output bits when one input bit flips', () => {
		let flipped = 0;
		for (let value = 0; value < 1000; value++) {
			const difference = mix32(value) ^ mix32(value ^ 1);
			flipped += difference.toString(2).replace(/0/g, '').length;
		}
		expect(flipped / 1000).toBeGreaterThan(14);
		expect(flipped / 1000).toBeLessThan(18);
	});

	it('folds blocks in an order-sensitive way', () => {
		const [a, b] = [scrambleBlock(1), scrambleBlock(2)];
		expect(foldBlock(foldBlock(0, a), b)).not.toBe(foldBlock(foldBlock(0, b), a));
	});
});
