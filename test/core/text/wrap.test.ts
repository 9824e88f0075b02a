import {describe, expect, it} from 'vitest';
import {cellWidth} from '../../../source/core/text/width.js';
import {wrapSlice, wrapText} from '../../../source/core/text/wrap.js';
import {seedDocuments} from '../../fixtures/seeds.js';

const lineTexts = (text: string, width: number) =>
	wrapText(text, width).map(({start, end}) => text.slice(start, end));

/** Every line fits, and the lines cover the paragraph: between two lines there is one space
 * (a break between words) or nothing (a cut inside a word too long for a line). */
function expectWellWrapped(text: string, width: number) {
	const ranges = wrapText(text, width);
	const lines = ranges.map(({start, end}) => text.slice(start, end));
	for (const line of lines) {
		expect(cellWidth(line)).toBeLessThanOrEqual(width);
		expect(line).toBe(line.trim());
	}
	expect(ranges[0]?.start ?? 0).toBe(0);
	expect(ranges.at(-1)?.end ?? 0).toBe(text.length);
	for (let index = 0; index + 1 < ranges.length; index++) {
		expect(['', ' ']).toContain(text.slice(ranges[index]!.end, ranges[index + 1]!.start));
	}
	return lines;
}

describe('wrapText', () => {
	it('wraps every seed paragraph greedily within the width', () => {
		for (const document of seedDocuments()) {
			for (const width of [24, 37, 60, 90]) {
				for (const paragraph of document.paragraphs) {
					const lines = expectWellWrapped(paragraph, width);
					// Greedy: the next line's first word would not have fitted on this one.
					for (let index = 0; index + 1 < lines.length; index++) {
						if (cellWidth(lines[index + 1]!) === width) continue; // possibly a cut word
						const nextWord = lines[index + 1]!.split(' ')[0]!;
						expect(cellWidth(lines[index]!) + 1 + cellWidth(nextWord)).toBeGreaterThan(width);
					}
				}
			}
		}
	});

	it('breaks exactly at the width', () => {
		expect(lineTexts('aaa bbb', 7)).toEqual(['aaa bbb']);
		expect(lineTexts('aaa bbb', 6)).toEqual(['aaa', 'bbb']);
		expect(lineTexts('abcdef', 3)).toEqual(['abc', 'def']);
		expect(lineTexts('', 10)).toEqual([]);
	});

	it('counts CJK as two cells and never splits a wide character', () => {
		const text = '東京都は日本の首都である 人口は約千四百万人 経済と文化の中心地';
		for (const width of [5, 8, 13]) {
			const lines = lineTexts(text, width);
			for (const line of lines) expect(cellWidth(line)).toBeLessThanOrEqual(width);
			expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
		}
		// Width 5 holds two wide characters, not two and a half.
		expect(lineTexts('東京都は日本', 5)).toEqual(['東京', '都は', '日本']);
	});

	it('gives combining marks no width and keeps them with their letter', () => {
		const word = 'e\u0301'.repeat(6);
		expect(cellWidth(word)).toBe(6);
		expect(lineTexts(`${word} ${word}`, 13)).toEqual([`${word} ${word}`]);
		const pieces = lineTexts(word, 4);
		expect(pieces).toEqual(['e\u0301'.repeat(4), 'e\u0301'.repeat(2)]);
	});

	it('counts emoji as terminals draw them', () => {
		const text = 'ok 👍🏽 👩‍👩‍👧 done';
		const lines = expectWellWrapped(text, 5);
		expect(lines).toEqual(['ok 👍🏽', '👩‍👩‍👧', 'done']);
	});

	it('keeps Arabic and Persian in logical order', () => {
		const persian = 'وزیر امور خارجه ایران روز یکشنبه با مقامات عراقی در بغداد دیدار کرد';
		const arabic = 'زار رئيس الوزراء العراقي مصطفى الكاظمي طهران في أول زيارة خارجية له';
		for (const text of [persian, arabic]) {
			for (const width of [10, 17, 30]) expectWellWrapped(text, width);
		}
		expect(lineTexts(persian, 10)[0]).toBe('وزیر امور');
	});

	it('cuts a word wider than the line, and a 120,000-character word', () => {
		const long = 'x'.repeat(120_000);
		const lines = lineTexts(`a ${long} b`, 80);
		expect(lines[0]).toBe('a');
		expect(lines.length).toBe(2 + 1500);
		expect(lines.slice(1, -1).join('')).toBe(long);
		expect(lines.at(-1)).toBe('b');

		const accented = 'é'.repeat(120_000);
		const pieces = lineTexts(accented, 70);
		expect(pieces.every((piece) => cellWidth(piece) <= 70)).toBe(true);
		expect(pieces.join('')).toBe(accented);
		expect(pieces.length).toBe(Math.ceil(120_000 / 70));
	});

	it('lets later words join the last piece of a cut word', () => {
		expect(lineTexts('abcdefgh ij', 5)).toEqual(['abcde', 'fgh', 'ij']);
		expect(lineTexts('abcdefg ij', 5)).toEqual(['abcde', 'fg ij']);
	});
});

describe('wrapSlice', () => {
	it('resumes at `next` with exactly the lines of one whole wrap', () => {
		for (const document of seedDocuments()) {
			const text = document.paragraphs.join(' ');
			for (const [width, step] of [
				[30, 1],
				[53, 7],
				[90, 3],
			] as const) {
				const whole = wrapText(text, width);
				const pieces = [];
				let from = 0;
				while (from < text.length) {
					const slice = wrapSlice(text, width, from, step);
					expect(slice.lines.length).toBeGreaterThan(0);
					pieces.push(...slice.lines);
					from = slice.next;
				}
				expect(pieces).toEqual(whole);
			}
		}
	});
});
