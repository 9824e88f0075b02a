import {beforeAll, describe, expect, it} from 'vitest';
import {
	libraryFrame,
	libraryView,
	type LibraryFrameInput,
} from '../../../source/core/library/frame.js';
import {initialLibraryState} from '../../../source/core/library/state.js';
import {
	SearchIndex,
	snippetFor,
	type SearchResult,
	type SearchResults,
} from '../../../source/core/search/index.js';
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

	it('gives the title the room at 80 columns: the file-name column goes first', () => {
		const lines = libraryFrame(input({width: 80}));
		const rows = lines.slice(1, 6).map(text);
		for (const [index, row] of rows.entries()) {
			// 3 cells of marks, 57 of title, 2 + 9 cells of words, 2 + 7 of minutes.
			expect(row).toContain(documents[index]!.title.slice(0, 50));
			expect(row).not.toContain('.txt');
			expect(row).toMatch(/ \d+ min$/);
		}
		// The 57-cell title of 003 is whole (a file-name column of 19 cells cut it to 37).
		expect(rows[3]).toMatch(
			/^ {3}Kadhimi in Iran: Feverish pursuit to restore lost balance +530 w/,
		);
		expect(rows[0]).toContain('In his first foreign trip, Iraqi Prime Minister Mustafa …');
	});

	it('shows the file names when the titles leave them room, shrunk to it', () => {
		const lines = libraryFrame(input({width: 120}));
		const rows = lines.slice(1, 6).map(text);
		// 120 − 3 − 20 (figures) − 2 − 79 (the longest title) leaves 16 cells for the name.
		expect(rows[1]).toMatch(/Prospects of Iran-Iraq ties +1,266 w +6 min {2}001_2da24b83526…$/);
		for (const [index, row] of rows.entries()) expect(row).toContain(documents[index]!.title);
	});

	it('keeps the figures and the title at 60 columns and drops the words column below', () => {
		const at60 = libraryFrame(input({width: 60}))
			.slice(1, 6)
			.map(text);
		expect(at60[1]).toMatch(/^ {3}Prospects of Iran-Iraq ties +1,266 w +6 min$/);
		const at55 = libraryFrame(input({width: 55}))
			.slice(1, 6)
			.map(text);
		expect(at55[1]).toMatch(/^ {3}Prospects of Iran-Iraq ties +6 min$/);
	});
});

/** What a search over a large corpus found: `total` matches, ranked as the documents come. */
function foundIn(corpus: readonly Document[], total: number): SearchResults {
	const result = (rank: number): SearchResult => ({
		ordinal: rank,
		document: corpus[rank]!,
		score: total - rank,
		titleRanges: [],
		matcher: {units: [], termOf: () => -1},
	});
	const slice = (from: number, to: number) =>
		Array.from({length: Math.max(0, Math.min(to, total) - from)}, (_, k) => result(from + k));
	return {
		total,
		get results() {
			return slice(0, 100);
		},
		slice,
		at: (rank) => (rank >= 0 && rank < total ? result(rank) : undefined),
	};
}

describe('libraryFrame figures', () => {
	let corpus: Document[] = [];
	beforeAll(() => {
		corpus = Array.from({length: 10_000}, (_, k) => documents[k % documents.length]!);
	});
	const searching = {...initialLibraryState, filter: 'applied' as const, query: 'military'};
	const status = (overrides: Partial<LibraryFrameInput>) =>
		text(
			libraryFrame(input({documents: corpus, indexed: 10_000, width: 120, ...overrides})).at(-1)!,
		);

	it('counts with thousands separators', () => {
		expect(status({})).toMatch(/^10,000 documents · 1\/10,000 /);
		expect(status({state: {...initialLibraryState, selected: 9_999, top: 9_990}})).toMatch(
			/^10,000 documents · 10,000\/10,000 /,
		);
	});

	it('gives the true number of matches, and reaches the last one', () => {
		const results = foundIn(corpus, 5_080);
		expect(status({results, state: searching})).toMatch(
			/^5,080 of 10,000 match “military” · 1\/5,080 /,
		);
		expect(libraryView(input({documents: corpus, results, state: searching})).count).toBe(5_080);
		// The last rows on screen are the last matches.
		const end = libraryFrame(
			input({
				documents: corpus,
				indexed: 10_000,
				results,
				state: {...searching, selected: 5_079, top: 5_079},
			}),
		);
		expect(end.map(text).join('\n')).toContain(`▸  ${corpus[5_079]!.title.slice(0, 30)}`);
		const last = {...searching, selected: 5_079, top: 5_079};
		expect(status({results, state: last})).toContain('5,080/5,080');
	});

	it('says how far indexing is, and never "No articles match" before it is done', () => {
		const indexing = {documents: corpus, state: searching, indexed: 3_069};
		expect(status({...indexing, results: foundIn(corpus, 12)})).toMatch(
			/^12 match “military” so far · 1\/12 · indexing 3,069 of 10,000/,
		);
		const none = libraryFrame(input({...indexing, results: foundIn(corpus, 0), width: 120}));
		const screen = none.map(text).join('\n');
		expect(screen).not.toContain('No articles match');
		expect(screen).toContain('Searching… indexing 3,069 of 10,000.');
		const done = libraryFrame(
			input({documents: corpus, state: searching, indexed: 10_000, results: foundIn(corpus, 0)}),
		);
		expect(done.map(text).join('\n')).toContain('No articles match “military”.');
	});

	it('with only the unread listed, counts indexing against the whole folder, and says "No articles match" only once it is all indexed', () => {
		// One unread article of 10,000; the index has seen 3,069 of them.
		const unread = {documents: corpus.slice(0, 1), allDocuments: 10_000, state: searching};
		const early = libraryFrame(
			input({...unread, indexed: 3_069, results: foundIn(corpus, 0), width: 120}),
		).map(text);
		expect(early.join('\n')).toContain('Searching… indexing 3,069 of 10,000.');
		expect(early.join('\n')).not.toContain('No articles match');
		expect(early.at(-1)).toMatch(/^0 match “military” so far · indexing 3,069 of 10,000 /);
		const done = libraryFrame(
			input({...unread, indexed: 10_000, results: foundIn(corpus, 0), width: 120}),
		).map(text);
		expect(done.join('\n')).toContain('No articles match “military”.');
		expect(done.at(-1)).toMatch(/^0 of 1 match “military” /);
	});

	it('says an answer that covers the whole folder is complete while the index is still built', () => {
		// The store's answer: the whole folder's, though the index holds 3,069 of 10,000.
		const indexing = {documents: corpus, state: searching, indexed: 3_069};
		const complete = {...foundIn(corpus, 12), complete: true};
		expect(status({...indexing, results: complete})).toMatch(
			/^12 of 10,000 match “military” · 1\/12 +\/ edit/,
		);
		const none = libraryFrame(
			input({...indexing, results: {...foundIn(corpus, 0), complete: true}, width: 120}),
		);
		const screen = none.map(text).join('\n');
		expect(screen).toContain('No articles match “military”.');
		expect(screen).not.toContain('indexing');
		// An answer from the index so far still says so.
		expect(status({...indexing, results: {...foundIn(corpus, 12), complete: false}})).toMatch(
			/^12 match “military” so far · 1\/12 · indexing 3,069 of 10,000/,
		);
	});

	it('says how far loading is, in the status bar and under a search with no answer yet', () => {
		const loading = {
			documents: corpus.slice(0, 95),
			loading: {loaded: 95, total: 10_000, done: false},
			indexed: 0,
		};
		const screen = libraryFrame(
			input({...loading, state: searching, results: foundIn(corpus, 0), width: 120}),
		).map(text);
		expect(screen).toContain('Searching… loading 95 of 10,000.');
		expect(screen.at(-1)).toMatch(/^0 match “military” so far · loading 95 of 10,000 /);
	});

	it('says how far loading is', () => {
		expect(
			status({
				documents: corpus.slice(0, 3_069),
				loading: {loaded: 3_069, total: 10_000, done: false},
				indexed: 0,
			}),
		).toMatch(/^3,069 documents · 1\/3,069 · loading 3,069 of 10,000/);
	});

	it('counts the rows being refreshed, once every file is listed', () => {
		const refreshing = new Set([corpus[3]!.id, corpus[7]!.id]);
		expect(
			status({
				refreshing,
				loading: {loaded: 10_000, total: 10_000, done: false},
				indexed: 0,
			}),
		).toMatch(/^10,000 documents · 1\/10,000 · refreshing 2 +\/ search/);
		expect(
			status({
				refreshing,
				documents: corpus.slice(0, 3_069),
				loading: {loaded: 3_069, total: 10_000, done: false},
				indexed: 0,
			}),
		).toMatch(/^3,069 documents · 1\/3,069 · loading 3,069 of 10,000 · refreshing 2 /);
		expect(status({refreshing: new Set()})).toMatch(/^10,000 documents · 1\/10,000 +\/ search/);
	});

	it('counts the documents listed as stored that are still to be compared with their files', () => {
		expect(
			status({
				loading: {loaded: 10_000, total: 10_000, done: false, unchecked: 1_808},
				indexed: 0,
			}),
		).toMatch(/^10,000 documents · 1\/10,000 · checking 1,808 +\/ search/);
		expect(
			status({
				refreshing: new Set([corpus[3]!.id]),
				documents: corpus.slice(0, 3_069),
				loading: {loaded: 3_069, total: 10_000, done: false, unchecked: 64},
				indexed: 0,
			}),
		).toMatch(
			/^3,069 documents · 1\/3,069 · loading 3,069 of 10,000 · checking 64 · refreshing 1 /,
		);
		expect(
			status({loading: {loaded: 10_000, total: 10_000, done: false, unchecked: 0}, indexed: 0}),
		).toMatch(/^10,000 documents · 1\/10,000 +\/ search/);
	});

	it('marks the rows being refreshed, and no other', () => {
		const lines = libraryFrame(
			input({refreshing: new Set([documents[1]!.id]), readColumn: true, width: 100}),
		).map(text);
		expect(lines[1]!.slice(0, 7)).toBe('▸      ');
		expect(lines[2]!.slice(0, 7)).toBe('    ↻  ');
		expect(lines[3]!.slice(0, 7)).toBe('       ');
		// The titles start in the same column.
		expect(lines[2]!.slice(7)).toMatch(/^\S/);
		expect(lines[1]!.slice(7)).toMatch(/^\S/);
	});

	it('keeps the counts beside a notice, so one waiting for a key hides no progress', () => {
		const notice = 'cache rebuilt (written by another version (4))';
		expect(
			status({
				notice,
				documents: corpus.slice(0, 3_069),
				loading: {loaded: 3_069, total: 10_000, done: false},
				indexed: 0,
			}),
		).toMatch(
			/^cache rebuilt \(written by another version \(4\)\) · 3,069 documents · 1\/3,069 · loading 3,069 of 10,000/,
		);
		expect(status({notice})).toMatch(/^cache rebuilt .* · 10,000 documents · 1\/10,000 /);
	});
});
