import {describe, expect, it} from 'vitest';
import {layoutDocument} from '../../../source/core/reader/layout.js';
import {findMatches} from '../../../source/core/reader/search.js';
import {visibleLines} from '../../../source/core/reader/visible.js';
import {seedDocuments} from '../../fixtures/seeds.js';

describe('visibleLines', () => {
	const document = seedDocuments().find((seed) => seed.title.includes('Prospects'))!;
	const layout = layoutDocument(document, 60);

	it('returns the lines of the screen, fewer at the end', () => {
		const lines = visibleLines(layout, 0, 10);
		expect(lines.length).toBe(10);
		expect(lines[0]).toEqual([{text: layout.line(0)!.text, role: 'title'}]);
		lines.forEach((line, row) => {
			expect(line.map((segment) => segment.text).join('')).toBe(layout.line(row)!.text);
		});
		expect(visibleLines(layout, layout.total - 3, 10).length).toBe(3);
	});

	it('marks matches, and the current one apart, even across line breaks', () => {
		const matches = findMatches(document, 'Iran');
		const current = 4;
		const lines = visibleLines(layout, 0, layout.total, {matches, current});
		let marked = 0;
		let currentText = '';
		lines.forEach((line, row) => {
			expect(line.map((segment) => segment.text).join('')).toBe(layout.line(row)!.text);
			for (const segment of line) {
				if (segment.role === 'match') {
					expect(segment.text.toLowerCase()).toBe('iran');
					marked++;
				}
				if (segment.role === 'current-match') currentText += segment.text;
			}
		});
		expect(marked).toBe(matches.length - 1);
		expect(currentText.toLowerCase()).toBe('iran');

		// A phrase that the wrap splits over two lines is marked on both.
		const narrow = layoutDocument(document, 24);
		const phrase = findMatches(document, 'Iraqi Prime Minister Mustafa al-Kadhimi');
		const all = visibleLines(narrow, 0, narrow.total, {matches: phrase});
		const pieces = all.flatMap((line) => line.filter((segment) => segment.role === 'match'));
		expect(pieces.length).toBeGreaterThan(phrase.length);
		expect(pieces.map((segment) => segment.text).join(' ')).toContain(
			'Iraqi Prime Minister Mustafa al-Kadhimi',
		);
	});
});
