import {describe, expect, it} from 'vitest';
import {layoutDocument} from '../../../source/core/reader/layout.js';
import {findMatches} from '../../../source/core/reader/search.js';
import {
	NO_SEARCH,
	WRAPPED_TO_BOTTOM,
	WRAPPED_TO_TOP,
	initialReaderState,
	notFound,
	pageSize,
	readerReducer,
	topLine,
} from '../../../source/core/reader/state.js';
import type {ReaderCommand, ReaderState, ReaderView} from '../../../source/core/reader/state.js';
import {promptOf} from '../../../source/core/prompt.js';
import {readerFrame, readerStatusText, statusFor} from '../../../source/core/reader/status.js';
import {statusLine} from '../../../source/core/status-line.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';

const document = seedDocuments().find((seed) => seed.title.includes('Prospects'))!;
const view = (columns: number, height: number): ReaderView => ({
	layout: layoutDocument(document, columns),
	height,
});

function run(state: ReaderState, commands: ReaderCommand[], at: ReaderView): ReaderState {
	return commands.reduce((current, command) => readerReducer(current, command, at), state);
}

/** The search line after typing `text` (core/prompt). */
const edit = (text: string): ReaderCommand => ({type: 'search-edit', prompt: promptOf(text)});

function typeQuery(state: ReaderState, query: string, at: ReaderView): ReaderState {
	return run(state, ['search', edit(query), {type: 'search-submit'}], at);
}

describe('scrolling', () => {
	const screen = view(80, 10);
	const start = initialReaderState(screen);
	const maxTop = screen.layout.total - 10;

	it('moves by lines, pages and half pages', () => {
		expect(topLine(start, screen)).toBe(0);
		const steps: [ReaderCommand, number][] = [
			['line-down', 1],
			['line-down', 2],
			['line-up', 1],
			['page-down', 1 + pageSize(10)],
			['half-page-down', 1 + pageSize(10) + 5],
			['page-up', 6],
			['half-page-up', 1],
			['top', 0],
			['bottom', maxTop],
		];
		let state = start;
		for (const [command, top] of steps) {
			state = readerReducer(state, command, screen);
			expect(topLine(state, screen)).toBe(top);
		}
	});

	it('clamps like vim: the last line reaches the bottom row, no further', () => {
		const bottom = readerReducer(start, 'bottom', screen);
		for (const command of ['line-down', 'page-down', 'half-page-down', 'bottom'] as const) {
			expect(readerReducer(bottom, command, screen)).toBe(bottom);
		}
		for (const command of ['line-up', 'page-up', 'half-page-up', 'top'] as const) {
			expect(readerReducer(start, command, screen)).toBe(start);
		}
		const lines = readerFrame(bottom, screen).lines;
		expect(lines.length).toBe(10);
		expect(
			lines
				.at(-1)!
				.map((segment) => segment.text)
				.join(''),
		).toBe(screen.layout.line(screen.layout.total - 1)!.text);
		// A screen taller than the article never scrolls.
		const tall = view(200, 500);
		expect(topLine(run(initialReaderState(tall), ['bottom', 'page-down'], tall), tall)).toBe(0);
	});

	it('leaves back, help and diff to the screen', () => {
		for (const command of ['back', 'help', 'diff'] as const) {
			expect(readerReducer(start, command, screen)).toBe(start);
		}
	});
});

describe('resizing', () => {
	it('keeps the same passage at the top from 80 to 50 to 120 columns and back', () => {
		let at = view(80, 12);
		let state = run(initialReaderState(at), Array(37).fill('line-down'), at);
		expect(topLine(state, at)).toBe(37);
		const passage = at.layout.line(37)!;
		expect(passage.blank).toBe(false);
		for (const columns of [50, 120]) {
			at = view(columns, 12);
			state = readerReducer(state, {type: 'resize'}, at);
			const top = at.layout.line(topLine(state, at))!;
			expect(top.paragraph).toBe(passage.paragraph);
			expect(top.start).toBeLessThanOrEqual(passage.start);
			expect(top.end).toBeGreaterThan(passage.start);
		}
		at = view(80, 12);
		expect(topLine(readerReducer(state, {type: 'resize'}, at), at)).toBe(37);
	});

	it('clamps again when the article gets shorter or the screen taller', () => {
		let at = view(50, 12);
		let state = readerReducer(initialReaderState(at), 'bottom', at);
		at = view(200, 30);
		state = readerReducer(state, {type: 'resize'}, at);
		expect(topLine(state, at)).toBe(at.layout.total - 30);
	});
});

describe('searching', () => {
	const screen = view(80, 12);
	const matches = findMatches(document, 'iraq');
	const third = Math.ceil(12 / 3);

	const matchRow = (state: ReaderState) => {
		const match = state.search!.matches[state.search!.current!]!;
		return (
			screen.layout.lineOf({paragraph: match.paragraph, offset: match.start}) -
			topLine(state, screen)
		);
	};

	it('types, edits, submits and shows the match in the top third', () => {
		let state = run(initialReaderState(screen), ['search', edit('Iraz')], screen);
		expect(state.prompt).toEqual({text: 'Iraz', cursor: 4});
		state = run(state, [edit('Iraq')], screen);
		expect(state.prompt?.text).toBe('Iraq');
		state = readerReducer(state, {type: 'search-submit'}, screen);
		expect(state.prompt).toBeUndefined();
		expect(state.search).toMatchObject({query: 'Iraq', matches, current: 0});
		expect(statusFor(state, screen.layout, 12).search).toEqual({
			current: 1,
			total: matches.length,
			query: 'Iraq',
		});
		expect(matchRow(state)).toBeGreaterThanOrEqual(0);
		expect(matchRow(state)).toBeLessThan(third);
	});

	it('steps with n and N, wrapping around with a message', () => {
		let state = typeQuery(initialReaderState(screen), 'iraq', screen);
		for (let index = 1; index < matches.length; index++) {
			state = readerReducer(state, 'next-match', screen);
			expect(state.search!.current).toBe(index);
			expect(state.message).toBeUndefined();
			expect(matchRow(state)).toBeGreaterThanOrEqual(0);
			// In the top third, unless the end of the article keeps the screen from scrolling there.
			const atEnd = topLine(state, screen) === screen.layout.total - 12;
			expect(atEnd || matchRow(state) < third).toBe(true);
		}
		state = readerReducer(state, 'next-match', screen);
		expect(state).toMatchObject({message: WRAPPED_TO_TOP, search: {current: 0}});
		expect(topLine(state, screen)).toBe(0);
		state = readerReducer(state, 'previous-match', screen);
		expect(state).toMatchObject({
			message: WRAPPED_TO_BOTTOM,
			search: {current: matches.length - 1},
		});
		state = readerReducer(state, 'line-up', screen);
		expect(state.message).toBeUndefined();
	});

	it('searches from the screen after scrolling away from the current match', () => {
		let state = typeQuery(initialReaderState(screen), 'iraq', screen);
		state = run(state, Array(40).fill('line-down'), screen);
		const top = topLine(state, screen);
		state = readerReducer(state, 'next-match', screen);
		const expected = matches.findIndex(
			(match) => screen.layout.lineOf({paragraph: match.paragraph, offset: match.start}) >= top,
		);
		expect(state.search!.current).toBe(expected);
	});

	it('gives the current match’s place only while it is on screen, else how many there are', () => {
		let state = typeQuery(initialReaderState(screen), 'iraq', screen);
		const place = (at: ReaderState) =>
			readerStatusText(statusFor(at, screen.layout, 12)).left.split(' · ')[2];
		expect(place(state)).toBe('match 1 of 39 “iraq”');
		// G: the first match is far above; n goes on from the screen, so "match 1" would mislead.
		state = readerReducer(state, 'bottom', screen);
		expect(place(state)).toBe('39 matches “iraq”');
		state = readerReducer(state, 'previous-match', screen);
		expect(place(state)).toMatch(/^match 3\d of 39 “iraq”$/);
		// One line down keeps the match on screen, its place stays.
		const shown = place(state);
		state = readerReducer(readerReducer(state, 'top', screen), 'line-down', screen);
		expect(place(state)).toBe('39 matches “iraq”');
		expect(shown).not.toBe(place(state));
		const alone = {
			...statusFor(state, screen.layout, 12),
			search: {current: 0, total: 1, query: 'x'},
		};
		expect(readerStatusText(alone).left).toContain(' · 1 match “x” · ');
	});

	it('N after scrolling away goes to the last match above the bottom of the screen', () => {
		const lineOf = (match: {paragraph: number; start: number}) =>
			screen.layout.lineOf({paragraph: match.paragraph, offset: match.start});
		let state = typeQuery(initialReaderState(screen), 'iraq', screen);
		// Scroll down until the screen holds a match that is not the first one on it, with the
		// current match (the first) far above.
		state = run(state, Array(40).fill('line-down'), screen);
		const top = topLine(state, screen);
		const bottom = top + 12;
		const onScreen = matches.filter((match) => lineOf(match) >= top && lineOf(match) < bottom);
		expect(onScreen.length).toBeGreaterThan(0);
		expect(lineOf(matches[state.search!.current!]!)).toBeLessThan(top);
		const expected = matches.findLastIndex((match) => lineOf(match) < bottom);
		const previous = readerReducer(state, 'previous-match', screen);
		expect(previous.search!.current).toBe(expected);
		expect(matches[expected]).toBe(onScreen.at(-1));
		// The next match below the screen is not taken, nor the one before the last on screen.
		expect(lineOf(matches[expected + 1]!)).toBeGreaterThanOrEqual(bottom);
	});

	it('reports a missing pattern, no search yet, and repeats on an empty submit', () => {
		const start = initialReaderState(screen);
		expect(readerReducer(start, 'next-match', screen).message).toBe(NO_SEARCH);
		const missing = typeQuery(start, 'Atlantis', screen);
		expect(missing.message).toBe(notFound('Atlantis'));
		expect(statusFor(missing, screen.layout, 12).search).toBeUndefined();
		const found = typeQuery(start, 'iraq', screen);
		// A search that finds nothing leaves the one before it for n and N.
		const stillIraq = typeQuery(found, 'Atlantis', screen);
		expect(stillIraq.message).toBe(notFound('Atlantis'));
		expect(stillIraq.search).toBe(found.search);
		expect(typeQuery(found, '', screen).search!.current).toBe(1);
		const cancelled = run(found, ['search', edit('x'), {type: 'search-cancel'}], screen);
		expect(cancelled.prompt).toBeUndefined();
		expect(cancelled.search).toBe(found.search);
	});

	it('opens at the first match of a library query', () => {
		const state = initialReaderState(screen, {query: 'Soleimani Qasem'});
		// 'Qasem' is not in the text: the library's typo tolerance finds 'Qassem' instead.
		expect(state.search!.matches).toEqual(
			[...findMatches(document, 'Soleimani'), ...findMatches(document, 'Qassem')].sort(
				(a, b) => a.paragraph - b.paragraph || a.start - b.start,
			),
		);
		expect(state.search!.current).toBe(0);
		expect(matchRow(state)).toBeLessThan(third + 1);
		expect(initialReaderState(screen, {query: ['Kadhimi']}).search!.matches.length).toBe(
			findMatches(document, 'kadhimi').length,
		);
		expect(initialReaderState(screen, {query: 'zzzz'}).search).toBeUndefined();
	});
});

describe('status', () => {
	it('says where the screen is, how far through and how long is left', () => {
		const screen = view(60, 15);
		const {layout} = screen;
		let state = initialReaderState(screen);
		const first = statusFor(state, layout, 15);
		expect(first).toMatchObject({
			title: document.title,
			line: 1,
			total: layout.total,
			totalIsEstimate: false,
		});
		expect(first.lastLine).toBe(15);
		expect(first.percent).toBe(Math.floor((100 * 15) / layout.total));
		// At the top, the library's reading time for the article.
		expect(first.minutesLeft).toBe(document.readingMinutes);
		let previous = first.minutesLeft;
		for (let step = 0; step < 10; step++) {
			state = readerReducer(state, 'page-down', screen);
			const status = statusFor(state, layout, 15);
			expect(status.minutesLeft).toBeLessThanOrEqual(previous);
			previous = status.minutesLeft;
		}
		const end = statusFor(readerReducer(state, 'bottom', screen), layout, 15);
		// The last screen still has words to read: a minute, at 100% through.
		expect(end).toMatchObject({
			line: layout.total - 14,
			lastLine: layout.total,
			percent: 100,
			minutesLeft: 1,
		});
		const before = statusFor(
			readerReducer(readerReducer(state, 'bottom', screen), 'line-up', screen),
			layout,
			15,
		);
		expect(before.lastLine).toBe(layout.total - 1);
		expect(before.percent).toBe(99);
	});

	it('starts a remembered place where it was left', () => {
		const screen = view(80, 10);
		const anchor = screen.layout.anchorOf(25);
		expect(topLine(initialReaderState(screen, {anchor}), screen)).toBe(25);
	});

	it('shows an empty article as its notice', () => {
		const empty = documentFromText('');
		const screen = {layout: layoutDocument(empty, 80), height: 20};
		const frame = readerFrame(initialReaderState(screen), screen);
		expect(frame.lines).toEqual([[{text: 'this document is empty', role: 'dim'}]]);
		expect(frame.status).toMatchObject({line: 1, total: 1, percent: 100, minutesLeft: 0});
	});
});

describe('status text', () => {
	const screen = view(60, 30);
	const status = statusFor(initialReaderState(screen), screen.layout, 30);
	const total = screen.layout.total.toLocaleString('en');

	it('says which lines are on screen and how far through, as less does', () => {
		const {left, right} = readerStatusText(status);
		// 001: 1,266 words, 6 minutes at 230 a minute, as the library says.
		expect(left).toBe(
			`lines 1–30 of ${total} · ${Math.floor((100 * 30) / screen.layout.total)}% · 6 min left · Prospects of Iran-Iraq ties`,
		);
		expect(right).toBe('/ search  ? help  q back');
	});

	it('drops the key hints before it cuts a figure or the title', () => {
		const {left, right} = readerStatusText(status);
		// 66 cells: at 70 they fit alone, not beside the hints.
		const at70 = statusLine(left, right, 70);
		expect(at70).toContain('Prospects of Iran-Iraq ties');
		expect(at70).not.toContain('help');
		// Wide enough for both, both are there.
		expect(statusLine(left, right, 100)).toMatch(
			/Prospects of Iran-Iraq ties +\/ search {2}\? help {2}q back$/,
		);
		// Narrower than the figures and title, the title's end is cut, never a figure.
		expect(statusLine(left, right, 41)).toMatch(/^lines 1–30 of \d+ · \d+% · 6 min left · P…$/);
	});

	it('gives the search place among the figures, with thousands separators', () => {
		const searching = {
			...status,
			total: 12_345,
			search: {current: 1_234, total: 2_000, query: 'iran'},
		};
		expect(readerStatusText(searching).left).toBe(
			`lines 1–30 of 12,345 · ${status.percent}% · match 1,234 of 2,000 “iran” · 6 min left · Prospects of Iran-Iraq ties`,
		);
		// A very long article's time left too, where "2609 min left" lacked its separator.
		expect(readerStatusText({...status, minutesLeft: 2609}).left).toContain(' · 2,609 min left · ');
	});
});
