import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {editWords, generateWords, renderWords} from '../core/diff/fixtures.js';
import {startApp, type TerminalOptions, type TerminalSession} from './terminal.js';

const sessions: TerminalSession[] = [];

function open(args: string[], size: {cols: number; rows: number}, env?: TerminalOptions['env']) {
	const session = startApp(args, {...size, ...(env ? {env} : {})});
	sessions.push(session);
	return session;
}

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
});

/** The status bar (the app stays one row short of the terminal), and the summary above it. */
const status = (app: TerminalSession) => app.row(app.rows - 2);
const summaryRow = (app: TerminalSession) => app.row(app.rows - 3);

/** A frame can be seen half written: the status bar is its last row, so it is waited for
 * before any other row is read. */
function waitForStatus(app: TerminalSession, expected: RegExp | string) {
	return app.waitFor(
		() =>
			typeof expected === 'string' ? status(app).includes(expected) : expected.test(status(app)),
		{description: `the status to show ${String(expected)}`},
	);
}

/** Column and row of the first cell showing `text`, or undefined. */
function find(app: TerminalSession, text: string): {x: number; y: number} | undefined {
	for (let y = 0; y < app.rows; y++) {
		const x = app.row(y).indexOf(text);
		// Only ASCII before the match on these rows' left parts, so x is a cell column.
		if (x !== -1) return {x, y};
	}
	return undefined;
}

/** Rows whose gutter marks the current change (or match). */
const markedRows = (app: TerminalSession) =>
	Array.from({length: app.rows}, (_, y) => app.row(y)).filter((row) => row.startsWith('▶ '));

const SUMMARY = 'body identical · headline added · dateline added · footer replaced';

/**
 * 000 against 001 at the two widths: inline at 100 columns, side by side at 160. The figures
 * are the screen's: `rows` the unfolded diff's rows, `hidden` what its one fold hides.
 */
const SIZES = [
	{
		cols: 100,
		rows: 30,
		sideBySide: false,
		folded: 14,
		rowsAll: 117,
		hidden: 104,
		bodyRows: 26,
	},
	{
		cols: 160,
		rows: 40,
		sideBySide: true,
		folded: 12,
		rowsAll: 137,
		hidden: 126,
		bodyRows: 36,
	},
] as const;

for (const size of SIZES) {
	const {cols, rows, folded, rowsAll, hidden, bodyRows} = size;
	const lastTop = rowsAll - bodyRows;
	const atEnd = `lines ${lastTop + 1}–${rowsAll} of ${rowsAll} · 100%`;
	const atTop = `lines 1–${bodyRows} of ${rowsAll} · ${Math.round((100 * bodyRows) / rowsAll)}%`;

	describe(`reading-room diff 000 001 at ${cols}×${rows}`, () => {
		it('opens folded: titles and dates over the text, one fold row, the summary, the place', async () => {
			const app = open(['diff', '000', '001'], {cols, rows});
			await waitForStatus(app, `lines 1–${folded} of ${folded} · 100% · 2 changes`);
			const header = app.row(0);
			expect(header).toMatch(/^ {2}A In his first foreign trip, Iraqi Prime Minis/);
			expect(header).toMatch(
				size.sideBySide ? / │ B Prospects of Iran-Iraq ties/ : / → B Prospects/,
			);
			expect(header).toContain('20 Jul 2020 21:08');
			// The file name, dimmer, where there is room.
			if (size.sideBySide) expect(header).toContain('001_2da24b835264bdcc.txt');
			expect(find(app, `⋯ ${hidden} unchanged lines ⋯`)).toMatchObject({x: 2});
			expect(summaryRow(app)).toBe(SUMMARY);
			// The screen stays a line short of the terminal.
			expect(app.row(rows - 1).trim()).toBe('');
		});

		it('Enter opens the fold, and z folds again and shows everything', async () => {
			const app = open(['diff', '000', '001'], {cols, rows});
			await waitForStatus(app, '2 changes');
			app.press('enter');
			await waitForStatus(app, `${atTop} · 2 changes`);
			expect(app.screenText()).not.toContain('unchanged lines');
			app.press('z');
			await waitForStatus(app, `lines 1–${folded} of ${folded}`);
			app.press('z');
			await waitForStatus(app, atTop);
		});

		it('n, N, g and G: the current change marked ▶, the place in the status', async () => {
			const app = open(['diff', '000', '001'], {cols, rows});
			await waitForStatus(app, '2 changes');
			app.press('n');
			await waitForStatus(app, 'change 1/2');
			expect(markedRows(app)[0]).toMatch(/^▶ +(│ )?Prospects of Iran-Iraq ties/);
			app.press('n');
			await waitForStatus(app, 'change 2/2');
			expect(markedRows(app)[0]).toMatch(/^▶ All Content by Mehr News Agency/);
			expect(app.screenText()).not.toContain('▶ Prospects');
			// Every line shown: the place moves.
			app.press('z');
			await waitForStatus(app, new RegExp(`^lines \\d+–\\d+ of ${rowsAll} `));
			app.press('G');
			await waitForStatus(app, `${atEnd} · change 2/2`);
			app.press('g');
			await waitForStatus(app, `${atTop} · change 1/2`);
			expect(markedRows(app)[0]).toMatch(/Prospects of Iran-Iraq ties/);
			app.press('j', 'j', 'j', 'j', 'j', 'j');
			// Change 1 (the headline and dateline) scrolled off the top: the nearest is named.
			// Change 1 (the headline and dateline) scrolled off the top, change 2 not yet on screen:
			// the reader is past change 1, which is named.
			await waitForStatus(app, /^lines 7–\d+ of \d+ · \d+% · near change 1\/2 · /);
			app.press('N');
			await waitForStatus(app, /change 1\/2/);
		});

		it('the same keys written at once end where they do one at a time', async () => {
			const app = open(['diff', '000', '001'], {cols, rows});
			await waitForStatus(app, '2 changes');
			app.type('znnggG');
			await waitForStatus(app, `${atEnd} · change 2/2`);
			app.type('gjjjjjjN');
			await waitForStatus(app, /change 1\/2/);
		});

		it('/ searches both versions; n and N go through the matches; Esc goes back to changes', async () => {
			const app = open(['diff', '000', '001'], {cols, rows});
			await waitForStatus(app, '2 changes');
			app.press('/');
			// Typed letters go to the search line: f and b do not page.
			app.type('comment fb');
			await waitForStatus(app, /^\/comment fb█/);
			app.press('backspace', 'backspace', 'backspace', 'enter');
			// The first match, in the shared body (B's "request for comment"), was folded: the
			// fold opened to show it.
			await waitForStatus(app, 'match 1/4 for “comment”');
			expect(markedRows(app)).toHaveLength(1);
			expect(markedRows(app)[0]).toContain('request for comment');
			// The current match stands out without colour too: reverse video or a background.
			const match = find(app, 'request for comment')!;
			const look = app.cellStyle(match.x + 'request for '.length, match.y)!;
			expect(look.char).toBe('c');
			expect(look.inverse || look.bg !== 'default').toBe(true);
			app.press('n');
			await waitForStatus(app, 'match 2/4 for “comment”');
			// A's deleted footer: "Creative Commons" (the last word of a query is a prefix).
			expect(markedRows(app)[0]).toMatch(/All Content by Mehr/);
			app.press('N');
			await waitForStatus(app, 'match 1/4');
			if (size.sideBySide) expect(status(app)).toMatch(/n\/N match {2}Esc end search/);
			app.press('escape');
			await waitForStatus(app, /(near )?change \d\/2/);
			if (size.sideBySide) expect(status(app)).toMatch(/n\/N change {2}\/ search/);
			app.press('n');
			await waitForStatus(app, 'change 2/2');
			// The next Esc leaves (and, opened from the command line, quits).
			app.press('escape');
			expect((await app.waitForExit()).exitCode).toBe(0);
		});

		it('a search typed in one write searches all of it', async () => {
			const app = open(['diff', '000', '001'], {cols, rows});
			await waitForStatus(app, '2 changes');
			app.type('/comment\rn');
			await waitForStatus(app, 'match 2/4 for “comment”');
			app.type('\u001b');
			await waitForStatus(app, /change/);
		});

		it('x swaps A and B', async () => {
			const app = open(['diff', '000', '001'], {cols, rows});
			await waitForStatus(app, '2 changes');
			app.press('x');
			await app.waitFor(() => /^ {2}A Prospects of Iran-Iraq/.test(app.row(0)));
			await waitForStatus(app, '−13 +17');
			expect(summaryRow(app)).toBe(
				'body identical · headline removed · dateline removed · footer replaced',
			);
		});
	});
}

describe('reading-room diff 000 001: modes and marks', () => {
	it('s keeps the same passage on screen, in the other mode', async () => {
		const app = open(['diff', '000', '001'], {cols: 160, rows: 40});
		await waitForStatus(app, '2 changes');
		app.type('zff');
		await waitForStatus(app, /^lines 69–104 of 137/);
		// Three words from the top of the screen, on A's side (the mode switch wraps them anew).
		const words = app.row(2).slice(2, 80).trim().split(' ').slice(0, 3).join(' ');
		expect(words).toBe('Tehran-based Center for');
		app.press('s');
		await app.waitFor(() => app.row(0).includes(' → B '));
		await waitForStatus(app, /^lines \d+–\d+ of \d+ /);
		expect(app.screenText()).toContain(words);
		// The mode chosen is kept: back and into the diff again would find it; here w and s.
		app.press('s');
		await app.waitFor(() => app.row(0).includes(' │ B '));
		expect(app.screenText()).toContain(words);
	});

	it('side by side, a deletion and the insertion replacing it start on the same row', async () => {
		const app = open(['diff', '000', '001'], {cols: 160, rows: 40});
		await waitForStatus(app, '2 changes');
		const footer = find(app, 'All Content by Mehr News Agency')!;
		expect(footer.x).toBe(2);
		expect(app.row(footer.y)).toMatch(/│ Leave a Comment/);
		// Below the header, which names B by its title.
		const headline = app.row(1).indexOf('Prospects of Iran-Iraq ties');
		expect(app.row(1).slice(0, headline).trim()).toBe('│');
	});

	it('brackets changes under NO_COLOR', async () => {
		const app = open(['diff', '000', '001'], {cols: 100, rows: 30}, {NO_COLOR: '1'});
		await waitForStatus(app, '2 changes');
		expect(app.row(1)).toBe('  {+Prospects of Iran-Iraq ties+}');
		expect(app.screenText()).toContain('[-All Content by Mehr News Agency');
		expect(app.screenText()).toContain('{+Leave a Comment+}');
	});

	it('with colour, deletions struck through, insertions underlined, the current change bold', async () => {
		const app = open(['diff', '000', '001'], {cols: 100, rows: 30});
		await waitForStatus(app, '2 changes');
		const inserted = app.cellStyle(2, 1)!;
		expect(inserted).toMatchObject({char: 'P', underline: true, strikethrough: false, bold: false});
		expect(inserted.fg).not.toBe('default');
		const deleted = find(app, 'All Content by Mehr')!;
		expect(app.cellStyle(deleted.x, deleted.y)).toMatchObject({
			char: 'A',
			strikethrough: true,
			underline: false,
		});
		app.press('n');
		await waitForStatus(app, 'change 1/2');
		expect(app.cellStyle(2, 1)).toMatchObject({char: 'P', underline: true, bold: true});
		expect(app.cellStyle(0, 1)).toMatchObject({char: '▶'});
		expect(app.screenText()).not.toContain('[-');
	});

	it('re-lays out on resize: side by side when wide, inline when narrow', async () => {
		const app = open(['diff', '000', '001'], {cols: 160, rows: 40});
		await app.waitFor(() => app.row(0).includes(' │ B '));
		app.resize(100, 30);
		await app.waitFor(() => app.row(0).includes(' → B '));
		await waitForStatus(app, 'lines 1–14 of 14');
		app.resize(160, 40);
		await app.waitFor(() => app.row(0).includes(' │ B '));
	});

	it('i (and --ignore-boilerplate) hides the footer change: it folds, and n skips it', async () => {
		const app = open(['diff', '000', '001'], {cols: 100, rows: 30});
		await waitForStatus(app, '2 changes · −17 +13 ·');
		app.press('i');
		// The words of the change shown: the headline and dateline, not the footer.
		await waitForStatus(app, '1 change · −0 +10 ·');
		expect(summaryRow(app)).toMatch(/^body identical · .* · changes outside the headline/);
		expect(app.screenText()).not.toContain('Leave a Comment');
		app.press('n', 'n');
		await waitForStatus(app, 'last change reached, continuing at the first');
		const flagged = open(['diff', '000', '001', '--ignore-boilerplate'], {cols: 100, rows: 30});
		await waitForStatus(flagged, '1 change ·');
	});

	it('quits with q with exit 0 when opened directly', async () => {
		const app = open(['diff', '000', '001'], {cols: 100, rows: 30});
		await waitForStatus(app, '2 changes');
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
		expect(app.isAlternateScreen()).toBe(false);
	});
});

describe(
	'a long pair (over a megabyte together): measured as it is shown',
	{timeout: 60_000},
	() => {
		let folder: string;
		beforeAll(() => {
			folder = mkdtempSync(join(tmpdir(), 'rr-long-diff-'));
			const words = generateWords(100_000, 3);
			writeFileSync(join(folder, 'long-a.txt'), renderWords(words, 4, 72));
			writeFileSync(join(folder, 'long-b.txt'), renderWords(editWords(words, 60, 5, 400), 4, 72));
		});
		afterAll(() => rmSync(folder, {recursive: true, force: true}));

		it('opens folded at the first change; G, g and n find their rows in the folded text', async () => {
			const app = open(['diff', join(folder, 'long-a.txt'), join(folder, 'long-b.txt')], {
				cols: 100,
				rows: 30,
			});
			const patient = {timeout: 20_000};
			await app.waitFor(() => / · 60 changes · /.test(status(app)), patient);
			expect(app.screenText()).toMatch(/⋯ [\d,]+ unchanged lines ⋯/);
			app.press('G');
			// The total is exact once G has measured everything: the last screen ends on it.
			await app.waitFor(
				() => /^lines [\d,]+–([\d,]+) of \1 · 100% · change \d+\/60 · /.test(status(app)),
				patient,
			);
			app.press('g');
			await app.waitFor(
				() => /^lines 1–26 of [\d,]+ · \d+% · change 1\/60 · /.test(status(app)),
				patient,
			);
			app.type('nnn');
			await app.waitFor(() => / · change 4\/60 · /.test(status(app)), patient);
			expect(markedRows(app).length).toBeGreaterThan(0);
		});
	},
);

describe('diff from the library', () => {
	// The library loads and indexes in the background: on a busy machine that takes a while.
	it('Space marks a row and moves down, d compares the two marked, and the marks are then cleared', async () => {
		const app = open([], {cols: 140, rows: 30});
		const patient = {timeout: 15_000};
		await app.waitForText('5 documents', patient);
		app.press('j', 'j');
		await app.waitForText('3/5', patient);
		app.press('space');
		await app.waitFor(() => app.row(3).startsWith(' ●') && app.row(4).startsWith('▸'), patient);
		expect(app.screenText()).toContain('4/5 · 1 marked');
		app.press('space');
		await app.waitFor(() => app.row(4).startsWith(' ●') && app.row(5).startsWith('▸'), patient);
		expect(app.screenText()).toContain('5/5 · 2 marked');
		app.press('d');
		// The figures show once the diff takes keys.
		await app.waitForText('% similar', patient);
		expect(app.row(0)).toMatch(/^ {2}A Al-Kadhimi's visit to Iran.* │ B /);
		app.press('escape');
		await app.waitForText('5 documents', patient);
		// The marks did their job: the rows are unmarked and the status no longer counts them.
		// (The file names may be cut to the room the read column leaves.)
		expect(app.row(3)).toMatch(/^ {2}.*002_f2f61d73/);
		expect(app.row(4)).toMatch(/^ {2}.*003_9ce0b369/);
		expect(app.screenText()).not.toContain('marked');
	});

	it('d on row 000 opens its closest version, 001; s there is kept for the next diff', async () => {
		const app = open([], {cols: 140, rows: 30});
		const patient = {timeout: 15_000};
		await app.waitForText('[2 versions]', patient);
		app.press('d');
		await app.waitForText('2 changes', patient);
		expect(app.row(0)).toMatch(
			/^ {2}A In his first foreign trip.* │ B Prospects of Iran-Iraq ties/,
		);
		app.press('s');
		await app.waitFor(() => app.row(0).includes(' → B '), patient);
		app.press('q');
		await app.waitForText('5 documents', patient);
		expect(app.hasExited()).toBe(false);
		app.press('d');
		await app.waitForText('2 changes', patient);
		// Inline still, though 140 columns would open side by side.
		expect(app.row(0)).toContain(' → B ');
	});
});
