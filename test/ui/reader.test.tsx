import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {join} from 'node:path';
import {findMatches} from '../../source/core/reader/search.js';
import {EMPTY_NOTICE, textColumn} from '../../source/core/reader/layout.js';
import type {Document} from '../../source/core/types.js';
import {seedDocuments} from '../fixtures/seeds.js';
import {makeTempFolder, type TempFolder} from '../fixtures/temp-folder.js';
import {renderApp, unmountAll, type RenderedApp} from './render-app.js';

/** The seed with a headline and a source line: "Al-Kadhimi's visit to Iran …", PEJOURNAL,
 * third in the library. */
let article: Document;
let temp: TempFolder;

beforeAll(async () => {
	article = seedDocuments()[2]!;
	expect(article.titleFromHeadline).toBe(true);
	expect(article.source).toBe('PEJOURNAL');
	temp = await makeTempFolder({'empty.txt': ''});
});
afterAll(() => temp.remove());
afterEach(() => unmountAll());

const inReader = (frame: string) => /lines? \d+(–\d+)? of \d+/.test(frame);

/** The app at `columns` × `rows`, with the third article open (j j Enter in the library). */
async function open(
	options: {columns?: number; rows?: number; positionsFile?: string} = {},
): Promise<RenderedApp> {
	const app = renderApp({
		columns: options.columns ?? 80,
		rows: options.rows ?? 24,
		...(options.positionsFile ? {remember: true, positionsFile: options.positionsFile} : {}),
	});
	await app.until((frame) => frame.includes('5 documents'));
	app.write('jj\r');
	await app.until(inReader, 'the reader');
	return app;
}

describe('the reader screen, driven through the app keyboard', () => {
	it('draws the header, then the text wrapped to the column, and the status bar last', async () => {
		const app = await open();
		const rows = app.lines();
		expect(rows).toHaveLength(23);
		const {width, margin} = textColumn(80);
		expect(rows[0]!.trim()).toBe(article.title);
		expect(rows[1]!.trim()).toBe('PEJOURNAL');
		expect(rows[2]!.trim()).toBe('');
		expect(rows[3]!.trim()).toBe(article.paragraphs[0]!.slice(0, rows[3]!.trim().length));
		for (const row of rows.slice(0, -1)) {
			expect(row.length).toBeLessThanOrEqual(margin + width);
			if (row.trim()) expect(row.startsWith(' '.repeat(margin))).toBe(true);
		}
		// At 80 cells the whole title needs the room the key hints would take: they go.
		expect(app.status()).toMatch(/^lines 1–22 of \d+ · \d+% · \d+ min left · Al-Kadhimi/);
		expect(app.status()).not.toContain('? help');
	});

	it('centres a column of at most 90 cells in a wide terminal', async () => {
		const app = await open({columns: 140, rows: 40});
		const text = app.lines().slice(0, -1);
		const longest = Math.max(...text.map((row) => row.trimEnd().length));
		expect(longest).toBeGreaterThan(25 + 80);
		expect(longest).toBeLessThanOrEqual(25 + 90);
		for (const row of text) if (row.trim()) expect(row.slice(0, 25).trim()).toBe('');
	});

	it('scrolls with j, k, Space, b, Ctrl+D, G and g, and says where it is', async () => {
		const app = await open();
		const total = Number(/lines 1–\d+ of (\d+)/.exec(app.status())![1]);
		const at = (line: number) => () => app.status().startsWith(`lines ${line}–`);
		app.write('j');
		app.write('j');
		await app.until(at(3));
		app.write('k');
		await app.until(at(2));
		app.write(' ');
		await app.until(at(2 + 20));
		app.write('b');
		await app.until(at(2));
		app.write('\u0004');
		await app.until(at(2 + 11));
		app.write('G');
		await app.until(() => app.status().includes(' · 100% · '));
		expect(app.status()).toContain(`lines ${total - 22 + 1}–${total} of ${total}`);
		expect(article.paragraphs.at(-1)!.endsWith(app.lines().at(-2)!.trim())).toBe(true);
		app.write('g');
		await app.until(at(1));
	});

	it('searches with /, counts matches, and steps with n and N around the ends', async () => {
		const app = await open();
		app.write('/');
		await app.until(() => app.status().trimEnd() === '/█');
		app.write('Iran');
		await app.until(() => app.status().trimEnd() === '/Iran█');
		app.write('\r');
		// The library's query language: whole words within the typo budget ("Iran", "Iran’s").
		await app.until(() => /match 1 of \d+ “Iran”/.test(app.status()));
		const count = Number(/match 1 of (\d+) “Iran”/.exec(app.status())![1]);
		expect(count).toBeGreaterThan(3);
		app.write('n');
		await app.until(() => app.status().includes(`match 2 of ${count} “Iran”`));
		app.write('NN');
		await app.until(() => app.status().includes(`match ${count} of ${count} “Iran”`));
		expect(app.status()).toContain('search hit TOP, continuing at BOTTOM');
		app.write('n');
		await app.until(() => app.status().includes(`match 1 of ${count} “Iran”`));
		expect(app.status()).toContain('search hit BOTTOM, continuing at TOP');
	});

	it('takes a typed search and its Enter in one chunk, as fast typing delivers them', async () => {
		const app = await open();
		app.write('/Tehran\r');
		const count = findMatches(article, 'Tehran').length;
		await app.until(() => app.status().includes(`match 1 of ${count} “Tehran”`));
	});

	it('says once when the pattern is not found; the next key clears the message', async () => {
		const app = await open();
		app.write('/zqxj\r');
		await app.until(() => app.status().includes('Pattern not found: zqxj'));
		// The title stays in view beside the message.
		expect(app.status()).toMatch(/^Pattern not found: zqxj · lines 1–22 of \d+ · .* · Al-Kadhimi/);
		app.write('j');
		await app.until(() => app.status().startsWith('lines 2–'));
		expect(app.status()).not.toContain('Pattern not found');
	});

	it('shows help drawn from the keymap and closes it with ? again', async () => {
		const app = await open();
		app.write('?');
		await app.until((frame) => frame.includes('Reader — keys'));
		const help = app.frame();
		for (const text of ['Ctrl+D', 'Space PgDn f Ctrl+F', 'g Home', 'G End', 'Next match']) {
			expect(help).toContain(text);
		}
		// The rest, below: G goes to the end of the help.
		app.write('G');
		await app.until((frame) => frame.includes('Esc q'));
		app.write('?');
		await app.until(inReader);
	});

	it('goes back with q, remembers the passage at the top, and reopens there', async () => {
		const positionsFile = join(temp.root, 'positions.json');
		const app = await open({positionsFile});
		app.write('jjjj');
		await app.until(() => app.status().startsWith('lines 5–'));
		app.write('q');
		await app.until((frame) => frame.includes('5 documents · 3/5'));
		app.write('\r');
		// Reopened where it was left, and said so.
		await app.until(() => app.status().startsWith('resumed at 29% · g for the top · lines 5–'));
		app.write('\u001B');
		await app.until((frame) => frame.includes('5 documents · 3/5'));
		// Another run reads the place from the file.
		unmountAll();
		const again = await open({positionsFile});
		expect(again.status()).toMatch(/^resumed at 29% · g for the top · lines 5–/);
	});

	it('opens from a library search at the first match, typo and all', async () => {
		const app = renderApp({rows: 13});
		await app.until((frame) => frame.includes('5 documents'));
		app.write('/kadimi');
		await app.until((frame) => frame.includes('match “kadimi”') && !frame.includes('indexing'));
		app.write('\r');
		await app.until((frame) => /match 1 of \d+ “kadimi”/.test(frame));
		// The first Kadhimi is in the title, on the first row.
		expect(app.lines()[0]).toContain('Kadhimi');
	});

	it('shows an empty document as a one-line notice', async () => {
		const app = renderApp({folder: temp.root});
		await app.until((frame) => frame.includes('1 document'));
		app.write('\r');
		await app.until((frame) => frame.includes(EMPTY_NOTICE));
		expect(app.lines().filter((row) => row.trim()).length).toBe(2);
		expect(app.status()).toContain('100%');
	});
});
