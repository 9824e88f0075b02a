import {describe, expect, it} from 'vitest';
import {BREAK, Sequences, type ByteSource} from '../../../source/core/search/sequences.js';
import {seededRandom} from '../../fixtures/prose.js';

function read(sequences: Sequences, ordinal: number): number[] {
	return [...sequences.read(ordinal).subarray(0, sequences.length(ordinal))];
}

function push(sequences: Sequences, words: readonly number[]): void {
	sequences.push(Int32Array.from(words), words.length);
}

describe('word sequences', () => {
	it('gives back each sequence as written: breaks, and ids of one to five bytes', () => {
		const sequences = new Sequences();
		const first = [0, 1, BREAK, 126, 127, 128, 16_382, 16_383, 16_384, BREAK];
		const second = [2_097_150, 2_097_151, 2_097_152, 268_435_454, 268_435_455, 7, BREAK];
		push(sequences, first);
		push(sequences, []);
		push(sequences, second);
		expect(sequences.size).toBe(3);
		expect(read(sequences, 0)).toEqual(first);
		expect(read(sequences, 1)).toEqual([]);
		expect(read(sequences, 2)).toEqual(second);
		// Out of order, after a longer one: only the asked one's entries.
		expect(read(sequences, 0)).toEqual(first);
		// One byte for an id under 127 or a break, two up to 16,382, three up to 2,097,150, five from 268,435,455.
		const bytes = sequences.state().chunks.reduce((sum, chunk) => sum + chunk.length, 0);
		expect(bytes).toBe(1 + 1 + 1 + 1 + 2 + 2 + 2 + 3 + 3 + 1 + (3 + 4 + 4 + 4 + 5 + 1 + 1));
	});

	it('keeps many sequences across chunks, and a long one in a chunk of its own', () => {
		const random = seededRandom(3);
		const sequences = new Sequences();
		const written: number[][] = [];
		for (let at = 0; at < 3_000; at++) {
			// Every 500th is long: about 1.3 MB encoded, more than a quarter chunk.
			const length = at % 500 === 0 ? 600_000 : Math.floor(random() * 2_000);
			const words = Array.from({length}, () =>
				random() < 0.05 ? BREAK : Math.floor(random() ** 3 * 60_000),
			);
			written.push(words);
			push(sequences, words);
		}
		const {chunks} = sequences.state();
		expect(chunks.length).toBeGreaterThan(6);
		for (const at of [0, 1, 499, 500, 501, 1_234, 2_999]) {
			expect(read(sequences, at), `sequence ${at}`).toEqual(written[at]);
			expect(sequences.length(at)).toBe(written[at]!.length);
		}
	});

	it('taken up from its state, holds the first sequences and adds after them in new bytes', () => {
		const sequences = new Sequences();
		push(sequences, [5, 300, BREAK]);
		push(sequences, [70_000, BREAK, 1]);
		push(sequences, [9]);
		const state = sequences.state();
		const copy = (chunk: Uint8Array | {length: number}) => Uint8Array.from(chunk as Uint8Array);
		const before = state.chunks.map(copy);
		const taken = Sequences.fromState(state, 2)!;
		expect(taken.size).toBe(2);
		expect(read(taken, 0)).toEqual([5, 300, BREAK]);
		expect(read(taken, 1)).toEqual([70_000, BREAK, 1]);
		push(taken, [42, 43]);
		expect(read(taken, 2)).toEqual([42, 43]);
		// The state's bytes (a snapshot's) were not written to.
		expect(state.chunks.map(copy)).toEqual(before);
		// A place outside the chunks is a damaged state.
		const damaged = {...state, starts: Int32Array.from([0, 1 << 23, 0])};
		expect(Sequences.fromState(damaged, 2)).toBeUndefined();
		expect(Sequences.fromState(damaged, 1)).toBeDefined();
		expect(Sequences.fromState(state, 4)).toBeUndefined();
	});

	it('kept in a source, reads every sequence as from memory, in any order', () => {
		const random = seededRandom(5);
		const sequences = new Sequences();
		const written: number[][] = [];
		for (let at = 0; at < 400; at++) {
			// A few longer than one read of the source (256 KB), shorter than a chunk of their own.
			const length = at % 97 === 0 ? 300_000 : Math.floor(random() * 3_000);
			const words = Array.from({length}, () => Math.floor(random() ** 2 * 30_000));
			written.push(words);
			push(sequences, words);
		}
		// The chunks laid one after the other in a file, as a snapshot lays them.
		const state = sequences.state();
		const file = new Uint8Array(state.chunks.reduce((sum, chunk) => sum + chunk.length + 3, 0));
		let position = 0;
		const chunks = state.chunks.map((chunk) => {
			file.set(chunk as Uint8Array, position);
			const place = {position, length: chunk.length};
			position += chunk.length + 3;
			return place;
		});
		let reads = 0;
		const source: ByteSource = {
			readSync(into, at) {
				reads++;
				const piece = file.subarray(at, at + into.length);
				into.set(piece);
				return piece.length;
			},
			read: (at, length) => Promise.resolve(file.slice(at, at + length)),
		};
		const kept = Sequences.fromState({...state, chunks, source}, 400)!;
		// Compared as text: a failing diff of 300,000 numbers would take minutes to print.
		const text = (words: readonly number[]) => words.join(' ');
		for (let at = 0; at < 400; at++) {
			expect(text(read(kept, at)) === text(written[at]!), `sequence ${at}`).toBe(true);
		}
		// In order, one read brings many.
		expect(reads).toBeLessThan(100);
		for (const at of [291, 0, 97, 5, 399, 194]) {
			expect(text(read(kept, at)) === text(written[at]!), `sequence ${at}`).toBe(true);
		}
	});
});
