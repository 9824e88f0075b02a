import {describe, expect, it} from 'vitest';
import {Budget} from '../../../source/core/diff/budget.js';
import {DELETE, EQUAL, INSERT} from '../../../source/core/diff/edit-script.js';
import {windowedAlign, windowEnd} from '../../../source/core/diff/windows.js';
import {TokenIds, tokenizeWords} from '../../../source/core/diff/word-tokens.js';
import {editWords, generateWords, renderWords} from './fixtures.js';

describe('windowEnd', () => {
	it('resumes at the first equal run after a change that is long enough not to be folded in', () => {
		const runs = [
			EQUAL,
			2,
			DELETE,
			1,
			INSERT,
			1,
			EQUAL,
			3,
			DELETE,
			9,
			EQUAL,
			9,
			INSERT,
			1,
			EQUAL,
			4,
		];
		// 3 equal tokens are too few; 9 after a 9-token change are enough.
		expect(windowEnd(runs, false)).toEqual({kind: 'resume', keep: 10, atA: 15, atB: 6});
		expect(windowEnd([DELETE, 9, EQUAL, 8], false)).toEqual({kind: 'grow'});
		expect(windowEnd([INSERT, 2, EQUAL, 8], false)).toEqual({
			kind: 'resume',
			keep: 2,
			atA: 0,
			atB: 2,
		});
	});

	it('keeps everything at the texts’ ends, walks on after a window with no change, else grows', () => {
		expect(windowEnd([EQUAL, 3, DELETE, 1], true)).toEqual({kind: 'finished'});
		expect(windowEnd([EQUAL, 16], false)).toEqual({kind: 'after'});
		expect(windowEnd([EQUAL, 3, DELETE, 1, EQUAL, 2], false)).toEqual({kind: 'grow'});
	});
});

describe('windowedAlign', () => {
	const tokens = (textA: string, textB: string) => {
		const ids = new TokenIds();
		const a = tokenizeWords(textA, ids, {breakTokens: false});
		const b = tokenizeWords(textB, ids, {breakTokens: false});
		return {a, b, ids};
	};

	it('aligns scattered edits in windows, with as few edits as there were', () => {
		const words = generateWords(5_000, 61);
		const {a, b, ids} = tokens(
			renderWords(words, 61),
			renderWords(editWords(words, 40, 62), 61, 50),
		);
		const runs = windowedAlign(a, b, ids.size, new Budget(10_000))!;
		const total = (operation: number) =>
			runs.reduce(
				(sum, value, k) => (k % 2 === 1 && runs[k - 1] === operation ? sum + value : sum),
				0,
			);
		expect(total(DELETE)).toBe(40);
		expect(total(INSERT)).toBe(40);
		expect(total(EQUAL) + total(DELETE)).toBe(a.length);
		expect(total(EQUAL) + total(INSERT)).toBe(b.length);
	});

	it('gives up on texts too different for its largest window', () => {
		const {a, b, ids} = tokens(
			renderWords(generateWords(80_000, 63), 63),
			renderWords(generateWords(80_000, 64), 64),
		);
		expect(windowedAlign(a, b, ids.size, new Budget(10_000))).toBeUndefined();
	});
});
