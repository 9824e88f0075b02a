import {afterEach, describe, expect, it} from 'vitest';
import {renderApp, unmountAll} from './render-app.js';
import {seedDocuments} from '../fixtures/seeds.js';

afterEach(() => unmountAll());

const titles = seedDocuments().map((document) => document.title);
const ready = (frame: string) => frame.includes('5 documents');
/** The results for `query` once every document is indexed (the status says "indexing"
 * until then). */
const searched = (query: string) => (frame: string) =>
	frame.includes(`match “${query}”`) && !frame.includes('indexing');
/** The library's cursor row: the line that starts with the pointer. */
const cursorRow = (lines: string[]) => lines.find((line) => line.startsWith('▸')) ?? '';

describe('the library, driven through the app keyboard', () => {
	it('draws one row per document, the versions badge and the status bar', async () => {
		const app = renderApp({rows: 21});
		await app.until((frame) => frame.includes('5 documents · 1/5'));
		const lines = app.lines();
		expect(lines).toHaveLength(20);
		expect(lines[0]).toContain('Reading Room · seeds');
		expect(lines[2]).toContain('Prospects of Iran-Iraq ties');
	});

	it('moves the pointer with j and opens the selected article with Enter', async () => {
		const app = renderApp();
		await app.until(ready);
		app.write('j');
		await app.until((frame) => frame.includes('2/5'));
		expect(cursorRow(app.lines())).toContain(titles[1]!.slice(0, 20));
		app.write('\r');
		await app.until((frame) => /lines 1–\d+ of \d+/.test(frame));
		expect(app.frame()).toContain(titles[1]!.slice(0, 20));
	});

	it('filters as you type, shows "N of M match", and Esc restores the list and selection', async () => {
		const app = renderApp();
		await app.until(ready);
		await app.typeSlowly('j', '/', 's', 'o', 'l', 'e', 'i', 'm', 'a', 'n', 'y');
		await app.until(searched('soleimany'));
		expect(app.frame()).toMatch(/\d of 5 match “soleimany”/);
		expect(app.frame()).toContain('/soleimany');
		expect(app.frame()).toMatch(/Soleimani/);
		app.write('\u001B');
		await app.until((frame) => frame.includes('5 documents · 2/5'));
		expect(app.lines()[2]).toMatch(/^▸/);
	});

	it('shows an empty state line, not an empty screen, when nothing matches', async () => {
		const app = renderApp();
		await app.until(ready);
		app.write('/"qqqq zzzz"');
		await app.until(searched('"qqqq zzzz"'));
		expect(app.frame()).toContain('No articles match');
		expect(app.frame()).toContain('0 of 5 match');
	});

	it('one Enter in the search line opens the highlighted result at its first match', async () => {
		const app = renderApp();
		await app.until(ready);
		await app.typeSlowly('/', 'rohani');
		await app.until(searched('rohani'));
		expect(app.frame()).toContain('2 of 5 match “rohani”');
		app.write('\r');
		await app.until(
			(frame) => frame.includes('“rohani”') && /match \d+ of \d+ “rohani”/.test(frame),
		);
		expect(app.frame()).toMatch(/Rouhani/);
	});

	it('shows help drawn from the keymap on ?, and ? in the search line is text', async () => {
		const app = renderApp();
		await app.until(ready);
		app.write('?');
		await app.until((frame) => frame.includes('Library — keys'));
		expect(app.frame()).toContain('Mark and move down');
		app.write('?/?');
		await app.until((frame) => frame.includes('match “?”') || frame.includes('/?'));
		expect(app.frame()).not.toContain('Library — keys');
	});

	it('q quits with exit code 0, Ctrl+C with 130, and Ctrl+Z asks to suspend', async () => {
		const app = renderApp();
		await app.until(ready);
		app.write('\u001A');
		expect(app.suspends).toBe(1);
		app.write('q');
		expect(app.quits).toEqual([0]);
		const other = renderApp();
		await other.until(ready);
		other.write('/ab\u0003');
		expect(other.quits).toEqual([130]);
	});
});
