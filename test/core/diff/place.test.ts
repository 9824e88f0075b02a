import {describe, expect, it} from 'vitest';
import {formatPlace, nearestChange, placeOf} from '../../../source/core/diff/place.js';

// 340 rows; changes start on rows 5, 140 and 300; change 3 draws nothing.
const starts = [5, 140, 300, -1];
const rowOfChange = (index: number) => starts[index]!;

describe('placeOf and formatPlace', () => {
	it('gives the lines on screen, the percentage, and the change nearest the top', () => {
		const place = placeOf(119, 31, 340, 4, rowOfChange);
		expect(place).toEqual({
			first: 120,
			last: 150,
			total: 340,
			percent: 44,
			near: 1,
			estimated: false,
		});
		expect(formatPlace(place, 4, undefined, false)).toBe(
			'lines 120–150 of 340 · 44% · near change 2/4',
		);
		// The change last jumped to, while it is on screen, is named as current.
		expect(formatPlace(place, 4, 1, true)).toBe('lines 120–150 of 340 · 44% · change 2/4');
		// Scrolled away from it: the nearest one is named instead.
		expect(formatPlace(placeOf(0, 31, 340, 4, rowOfChange), 4, 1, false)).toBe(
			'lines 1–31 of 340 · 9% · near change 1/4',
		);
	});

	it('names the change above when none starts on screen, and the first below before any', () => {
		expect(nearestChange(200, 30, 4, rowOfChange)).toBe(1);
		expect(nearestChange(320, 20, 4, rowOfChange)).toBe(2);
		expect(nearestChange(0, 3, 4, rowOfChange)).toBe(0);
		expect(nearestChange(0, 3, 0, rowOfChange)).toBeUndefined();
	});

	it('ends at 100% and copes with an empty diff', () => {
		expect(placeOf(310, 40, 340, 4, rowOfChange)).toMatchObject({last: 340, percent: 100});
		const empty = placeOf(0, 20, 0, 0, rowOfChange);
		expect(formatPlace(empty, 0, undefined, false)).toBe('no lines');
		expect(formatPlace(placeOf(0, 20, 12, 0, rowOfChange), 0, undefined, false)).toBe(
			'lines 1–12 of 12 · 100%',
		);
	});

	it('marks a total that is still an estimate', () => {
		const place = placeOf(0, 40, 3400, 4, rowOfChange, true);
		expect(formatPlace(place, 4, undefined, false)).toBe(
			'lines 1–40 of ~3,400 · ~1% · near change 1/4',
		);
	});
});
