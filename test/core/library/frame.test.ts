import {beforeAll, describe, expect, it} from 'vitest';
import {
	libraryFrame,
	libraryView,
	type LibraryFrameInput,
} from '../../../source/core/library/frame.js';
import {initialLibraryState} from '../../../source/core/library/state.js';
import {SearchIndex, snippetFor} from '../../../source/core/search/index.js';
import {cellWidth} from '../../../source/core/text/width.js';
import type {Document} from '../../../source/core/types.js';
import {seedDocuments} from '../../fixtures/seeds.js';

let documents: Document[] = [];
let index: SearchIndex;

beforeAll(async () => {
	documents = seedDocuments();
	index = new SearchIndex();
	index.add(documents);
});

function input(overrides: Partial<LibraryFrameInput> = {}): LibraryFrameInput {
	return {
		folderLabel: 'seeds',
		documents,
		results: undefined,
		state: initialLibraryState,
		width: 90,
		height: 20,
		loading: {loaded: 5, total: 5, done: true},
		skipped: [],
		versionsOf: () => 0,
		indexed: documents.length,
		snippet: snippetFor,
		...overrides,
	};
}

const text = (line: readonly {text: string}[]) => line.map((segment) => segment.text).join('');

describe('libraryFrame', () => {
	it('is exactly as tall as asked and every line exactly as wide, at any size', () => {
		for (const [width, height] of [
			[40, 10],
			[90, 20],
			[200, 50],
		] as const) {
			const lines = libraryFrame(input({width, height}));
			expect(lines).toHaveLength(height);
			for (const line of lines.filter((line) => line.length > 0)) {
				expect(cellWidth(text(line))).toBeLessThanOrEqual(width);
			}
		}
	});

	it('shows results as a title row and a snippet row, and keeps the matches marked on the selected row', () => {
		const results = index.search('kadhimi');
		const searching = input({
			results,
			state: {...initialLibraryState, filter: 'applied', query: 'kadhimi'},
		});
		const lines = libraryFrame(searching);
		// Header, search line and status bar take three of the 20 lines; a result takes two.
		expect(libraryView(searching).visible).toBe(Math.floor((20 - 3) / 2));
		const selectedRow = lines[1]!;
		expect(
			selectedRow.every(
				(segment) => segment.role === 'selected' || segment.role === 'selected-match',
			),
		).toBe(true);
		expect(
			selectedRow
				.filter((segment) => segment.role === 'selected-match')
				.map((segment) => segment.text.toLowerCase()),
		).toContain('kadhimi');
		expect(text(lines[2]!)).toMatch(/Kadhimi/);
		expect(text(lines.at(-1)!)).toContain(`${results.total} of 5 match “kadhimi”`);
	});
});
