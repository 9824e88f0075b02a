import {describe, expect, it} from 'vitest';
import {formatVersionDate, jsonVersionDate} from '../../../source/core/history/dates.js';
import {historyFrame, historyView, stepsWanted} from '../../../source/core/history/frame.js';
import {orderVersions} from '../../../source/core/history/order.js';
import {provenance} from '../../../source/core/history/provenance.js';
import {provenanceLines} from '../../../source/core/history/provenance-lines.js';
import {bar} from '../../../source/core/history/rows.js';
import {initialHistoryState, type HistoryState} from '../../../source/core/history/state.js';
import {StoryHistory} from '../../../source/core/history/story.js';
import {cellWidth} from '../../../source/core/text/width.js';
import type {StyledLine} from '../../../source/core/types.js';
import {documentFromText} from '../../fixtures/seeds.js';
import {storyFiles} from '../../fixtures/story.js';

function storyHistory(versions = 6): StoryHistory {
	const documents = storyFiles()
		.slice(0, versions)
		.map((file) => documentFromText(file.text, file.name));
	const facts = documents.map((document) => ({
		id: document.id,
		dateline: document.dateline,
		modifiedMs: 0,
	}));
	return new StoryHistory(documents, orderVersions(facts, {nowMs: Date.UTC(2026, 0, 1)}));
}

const text = (line: StyledLine) => line.map((segment) => segment.text).join('');

describe('historyFrame', () => {
	it('lists the versions with dates, titles, words, changes and bars; pending steps show …', () => {
		const history = storyHistory();
		for (const to of [1, 2, 4]) history.step(to);
		const state: HistoryState = {...initialHistoryState(2), marked: [0]};
		const lines = historyFrame({history, state, current: 5, width: 100, height: 10});
		expect(lines.map(text)).toEqual([
			'History · 6 versions · ordered by dateline · Iraq and Iran agree to reopen two border crossin… ▂█·▁·',
			' ●  v1  20 Jul 2020 21:08  Talks on border crossings …     176 w  first version                     ',
			'    v2  21 Jul 2020 10:15  Iraq and Iran agree to reo…     180 w  −8 +12 words                     ▂',
			'▸   v3  21 Jul 2020 14:30  Iraq and Iran agree to reo…     275 w  −5 +100 words                    █',
			'    v4  22 Jul 2020        Iraq and Iran agree to reo…     252 w  …                                ·',
			'    v5  23 Jul 2020        Iraq and Iran agree to reo…     252 w  −4 +4 words                      ▁',
			'  ◆ v6  24 Jul 2020 08:05  Iraq and Iran agree to reo…     273 w  …                                ·',
			'',
			'',
			'v3 of 6 · 1 marked · ◆ the version you came from               Enter diff  p parts  ? help  Esc back',
		]);
		// Headline changes stand out: bold where the headline is new, dim where it is the same.
		const titleRole = (line: StyledLine) =>
			line.find((segment) => segment.text.startsWith('Iraq') || segment.text.startsWith('Talks'))
				?.role;
		expect(titleRole(lines[1]!)).toBe('title');
		expect(titleRole(lines[2]!)).toBe('title');
		expect(titleRole(lines[4]!)).toBe('dim');
		expect(lines[3]!.every((segment) => segment.role === 'selected')).toBe(true);
	});

	it('draws the story’s sparkline from three versions on; two have their one bar on the row', () => {
		const pair = storyHistory(2);
		pair.step(1);
		const lines = historyFrame({
			history: pair,
			state: initialHistoryState(),
			current: undefined,
			width: 80,
			height: 6,
		}).map(text);
		expect(lines[0]).toBe(
			'History · 2 versions · ordered by dateline · Iraq and Iran agree to reopen two …',
		);
		expect(lines[2]).toMatch(/−8 \+12 words +█$/);
		const three = storyHistory(3);
		for (const to of [1, 2]) three.step(to);
		const header = text(
			historyFrame({
				history: three,
				state: initialHistoryState(),
				current: undefined,
				width: 80,
				height: 6,
			})[0]!,
		);
		expect(header).toMatch(/ ▂█$/);
	});

	it('drops columns as the terminal narrows, and never draws a line wider than it', () => {
		const history = storyHistory();
		history.step(1);
		for (const width of [40, 50, 60, 70, 80, 120]) {
			const lines = historyFrame({
				history,
				state: initialHistoryState(),
				current: undefined,
				width,
				height: 10,
			});
			expect(lines).toHaveLength(10);
			for (const line of lines) expect(cellWidth(text(line))).toBeLessThanOrEqual(width);
		}
		const narrow = historyFrame({
			history,
			state: initialHistoryState(),
			current: undefined,
			width: 50,
			height: 10,
		});
		expect(text(narrow[2]!)).toBe('    v2  Iraq and Iran ag…  −8 +12 words          █');
	});

	it('scrolls the list, and shows the order’s notes above the status bar', () => {
		const documents = storyFiles({dateline: false}).map((file) =>
			documentFromText(file.text, file.name),
		);
		const facts = documents.map((document, index) => ({
			id: document.id,
			dateline: document.dateline,
			modifiedMs: Date.UTC(2020, 6, 20 + index, 9),
		}));
		const history = new StoryHistory(
			documents,
			orderVersions(facts, {nowMs: Date.UTC(2026, 0, 1)}),
		);
		const state: HistoryState = {...initialHistoryState(5), top: 3};
		const lines = historyFrame({
			history,
			state,
			current: undefined,
			width: 80,
			height: 7,
			localOffset: () => 120,
		});
		expect(lines.map(text)).toEqual([
			'History · 6 versions · by file time · Iraq and Iran agree to reopen two b… ·····',
			'    v3  22 Jul 2020 11:00  Iraq and Iran agr…     270 w  …                     ·',
			'    v4  23 Jul 2020 11:00  Iraq and Iran agr…     249 w  …                     ·',
			'    v5  24 Jul 2020 11:00  Iraq and Iran agr…     249 w  …                     ·',
			'▸   v6  25 Jul 2020 11:00  Iraq and Iran agr…     268 w  …                     ·',
			'! not ordered by dateline: story-a.txt, story-b.txt, story-c.txt and 3 more hav…',
			'v6 of 6                                    Enter diff  p parts  ? help  Esc back',
		]);
		expect(historyView({history, state, current: undefined, width: 80, height: 7})).toEqual({
			versions: 6,
			visible: 4,
			provenanceLines: 0,
			provenanceHeight: 5,
		});
	});

	it('is exactly as tall as asked, no line wider than the terminal, in both views at any size', () => {
		const history = storyHistory();
		history.step(2);
		for (const width of [40, 57, 80, 133]) {
			const body = provenanceLines(provenance(history.versions), width);
			for (const line of body) expect(cellWidth(text(line))).toBeLessThanOrEqual(width);
			for (const height of [9, 10, 17, 60]) {
				for (const showing of ['list', 'provenance'] as const) {
					const state: HistoryState = {...initialHistoryState(3), showing, provenanceTop: 7};
					const lines = historyFrame({history, state, provenance: body, current: 0, width, height});
					expect(lines).toHaveLength(height);
					for (const line of lines) expect(cellWidth(text(line))).toBeLessThanOrEqual(width);
				}
			}
		}
	});

	it('asks for the steps on screen first', () => {
		const history = storyHistory();
		history.step(4);
		const state: HistoryState = {...initialHistoryState(), top: 3};
		expect(stepsWanted({history, state, current: undefined, width: 80, height: 5})).toEqual([
			3, 5, 1, 2,
		]);
	});

	it('counts the provenance view’s lines with thousands separators', () => {
		const history = storyHistory();
		const body = provenanceLines(provenance(history.versions), 60);
		// The same lines many times over: a long story's view.
		const long = Array.from({length: 40}, () => body).flat();
		expect(long).toHaveLength(2_000);
		const state: HistoryState = {
			...initialHistoryState(),
			showing: 'provenance',
			provenanceTop: 1_200,
		};
		const lines = historyFrame({
			history,
			state,
			provenance: long,
			current: undefined,
			width: 80,
			height: 6,
		});
		expect(text(lines.at(-1)!)).toMatch(/^lines 1,201–1,204 of 2,000 · /);
	});

	it('shows the provenance view: margins, removed text struck out, a line count', () => {
		const history = storyHistory();
		const body = provenanceLines(provenance(history.versions), 60);
		const state: HistoryState = {...initialHistoryState(), showing: 'provenance', provenanceTop: 0};
		const lines = historyFrame({
			history,
			state,
			provenance: body,
			current: undefined,
			width: 60,
			height: 6,
		});
		expect(lines.map(text)).toEqual([
			'Which parts came when · v6, the latest, by first appearance ',
			'v1−v2  Talks on border crossings resume in Baghdad',
			'v2     Iraq and Iran agree to reopen two border crossings',
			'',
			'v1     Officials energy officials the local prepared said',
			'lines 1–4 of 50 · vN: came in vN · ~ last edited · struck o…',
		]);
		expect(lines[1]![1]).toEqual({
			text: 'Talks on border crossings resume in Baghdad',
			role: 'removed',
		});
		expect(lines[2]![1]).toEqual({
			text: 'Iraq and Iran agree to reopen two border crossings',
			role: 'title',
		});
		const all = body.map(text);
		expect(all.filter((line) => /^v\d/.test(line)).map((line) => line.split('  ')[0])).toEqual([
			'v1−v2',
			'v2',
			'v1',
			'v3',
			'v1',
			'v1~v5',
			'v1−v4',
			'v1',
			'v3',
			'v6',
		]);
		const removed = body.filter((line) => line[1]?.role === 'removed').map((line) => line[1]!.text);
		expect(removed[0]).toBe('Talks on border crossings resume in Baghdad');
		expect(removed.length).toBeGreaterThan(1);
	});
});

describe('dates and bars', () => {
	it('writes dateline dates as written, file times on the local clock, and JSON dates', () => {
		const dateline = {
			source: 'dateline',
			date: {wallMs: Date.UTC(2020, 6, 20, 21, 8), hasTime: true},
		} as const;
		const dayOnly = {
			source: 'dateline',
			date: {wallMs: Date.UTC(2020, 6, 20), hasTime: false},
		} as const;
		const mtime = {source: 'mtime', ms: Date.UTC(2026, 11, 3, 23, 30, 5)} as const;
		expect(formatVersionDate(dateline)).toBe('20 Jul 2020 21:08');
		expect(formatVersionDate(dateline, () => 600)).toBe('20 Jul 2020 21:08');
		expect(formatVersionDate(dayOnly)).toBe('20 Jul 2020');
		expect(formatVersionDate(mtime)).toBe('3 Dec 2026 23:30');
		expect(formatVersionDate(mtime, () => 60)).toBe('4 Dec 2026 00:30');
		expect(formatVersionDate(undefined)).toBe('—');
		expect(jsonVersionDate(dateline)).toBe('2020-07-20T21:08');
		expect(jsonVersionDate(dayOnly)).toBe('2020-07-20');
		expect(jsonVersionDate(mtime)).toBe('2026-12-03T23:30:05.000Z');
		expect(jsonVersionDate(undefined)).toBeNull();
	});

	it('scales a bar to the largest change, with the lowest block for any change', () => {
		expect(bar(100, 100)).toBe('█');
		expect(bar(1, 100)).toBe('▁');
		expect(bar(50, 100)).toBe('▄');
		expect(bar(51, 100)).toBe('▅');
		expect(bar(0, 100)).toBe(' ');
		expect(bar(undefined, 100)).toBe('·');
	});
});
