import {afterEach, describe, expect, it} from 'vitest';
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

const WIDE = {cols: 140, rows: 40};
const NARROW = {cols: 80, rows: 24};
/** The status bar (the app stays one row short of the terminal). */
const status = (app: TerminalSession) => app.row(app.rows - 2);

/** Column and row of the first cell showing `text`, or undefined. */
function find(app: TerminalSession, text: string): {x: number; y: number} | undefined {
	for (let y = 0; y < app.rows; y++) {
		const x = app.row(y).indexOf(text);
		// Only ASCII before the match on these rows' left parts, so x is a cell column.
		if (x !== -1) return {x, y};
	}
	return undefined;
}

describe('reading-room diff 000 001', () => {
	it('opens side by side at 140×40: A left, B right, aligned paragraphs, stats', async () => {
		const app = open(['diff', '000', '001'], WIDE);
		await app.waitForText('2 changes');
		expect(app.row(0)).toMatch(/^A 000_fcf7af4745e890eb\.txt +│ B 001_2da24b835264bdcc\.txt/);
		const headline = find(app, 'Prospects of Iran-Iraq ties')!;
		expect(headline.x).toBeGreaterThan(60);
		expect(app.row(headline.y).slice(0, headline.x).trim()).toBe('│');
		const shared = find(app, 'In his first foreign trip')!;
		expect(shared.x).toBe(0);
		expect(app.row(shared.y)).toMatch(/│ In his first foreign trip/);
		expect(status(app)).toMatch(/A 1,270 w, B 1,266 w · −17 \+13 · 98\.8% similar · 000_/);
	});

	it('opens inline at 80×24', async () => {
		const app = open(['diff', '000', '001'], NARROW);
		await app.waitForText('2 changes');
		expect(app.row(0)).toBe('A 000_fcf7af4745e890eb.txt → B 001_2da24b835264bdcc.txt');
		expect(app.row(1)).toBe('Prospects of Iran-Iraq ties');
		expect(app.row(3)).toBe('July 20, 2020 - 21:8');
		expect(app.row(5)).toMatch(/^In his first foreign trip/);
		expect(app.screenText()).not.toContain('│');
	});

	it('moves through the changes with n and N, the change near the top', async () => {
		const app = open(['diff', '000', '001'], NARROW);
		await app.waitForText('2 changes');
		app.press('n');
		await app.waitForText('change 1/2');
		app.press('n');
		await app.waitForText('change 2/2');
		expect(app.screenText()).toContain('Leave a Comment');
		expect(app.screenText()).not.toContain('Prospects');
		app.press('N');
		await app.waitForText('change 1/2');
		expect(app.row(1)).toBe('Prospects of Iran-Iraq ties');
		app.press('N');
		await app.waitForText('first change reached, continuing at the last');
	});

	it('toggles inline and side by side with s, and layout changes with w', async () => {
		const app = open(['diff', '000', '001'], WIDE);
		await app.waitForText('2 changes');
		app.press('s');
		await app.waitFor((screen) => screen.startsWith('A 000_fcf7af4745e890eb.txt → B'));
		app.press('s');
		await app.waitForText('│ B 001_');
		app.press('w');
		// Layout mode also counts paragraph breaks added or removed.
		await app.waitForText(/\d{2} changes/);
		expect(app.screenText()).toContain('¶');
		app.press('w');
		await app.waitForText(/ 2 changes|^2 changes/m);
	});

	it('re-lays out on resize: side by side when wide, inline when narrow', async () => {
		const app = open(['diff', '000', '001'], WIDE);
		await app.waitForText('│ B 001_');
		app.resize(80, 24);
		await app.waitFor((screen) => screen.startsWith('A 000_fcf7af4745e890eb.txt → B'));
		expect(app.row(5)).toMatch(/^In his first foreign trip, Iraqi Prime Minister/);
		app.resize(140, 40);
		await app.waitForText('│ B 001_');
	});

	it('brackets changes under NO_COLOR', async () => {
		const app = open(['diff', '000', '001'], NARROW, {NO_COLOR: '1'});
		await app.waitForText('2 changes');
		expect(app.row(1)).toBe('{+Prospects of Iran-Iraq ties+}');
		app.press('n', 'n');
		await app.waitForText('change 2/2');
		expect(app.screenText()).toContain('[-All Content by Mehr News Agency');
		expect(app.screenText()).toContain('{+Leave a Comment+}');
	});

	it('with colour, styles deletions struck through and insertions underlined', async () => {
		const app = open(['diff', '000', '001'], NARROW);
		await app.waitForText('2 changes');
		const inserted = app.cellStyle(0, 1)!;
		expect(inserted.char).toBe('P');
		expect(inserted).toMatchObject({underline: true, strikethrough: false});
		expect(inserted.fg).not.toBe('default');
		const plain = app.cellStyle(0, 5)!;
		expect(plain).toMatchObject({char: 'I', underline: false, strikethrough: false});
		app.press('n', 'n');
		await app.waitForText('change 2/2');
		const deleted = find(app, 'All Content by Mehr')!;
		const style = app.cellStyle(deleted.x, deleted.y)!;
		expect(style).toMatchObject({char: 'A', strikethrough: true, underline: false});
		expect(app.screenText()).not.toContain('[-');
	});

	it('quits with q with exit 0 when opened directly', async () => {
		const app = open(['diff', '000', '001'], NARROW);
		await app.waitForText('2 changes');
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
		expect(app.isAlternateScreen()).toBe(false);
	});
});

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
		expect(app.row(0)).toMatch(/^A 002_f2f61d732b4d2628\.txt +│ B 003_9ce0b3694a9a8d18\.txt/);
		app.press('escape');
		await app.waitForText('5 documents', patient);
		// The marks did their job: the rows are unmarked and the status no longer counts them.
		// (The file names may be cut to the room the read column leaves.)
		expect(app.row(3)).toMatch(/^ {2}.*002_f2f61d73/);
		expect(app.row(4)).toMatch(/^ {2}.*003_9ce0b369/);
		expect(app.screenText()).not.toContain('marked');
	});

	it('d on row 000 opens its closest version, 001', async () => {
		const app = open([], {cols: 140, rows: 30});
		const patient = {timeout: 15_000};
		await app.waitForText('[2 versions]', patient);
		app.press('d');
		await app.waitForText('2 changes', patient);
		expect(app.row(0)).toMatch(/^A 000_fcf7af4745e890eb\.txt +│ B 001_2da24b835264bdcc\.txt/);
		app.press('q');
		await app.waitForText('5 documents', patient);
		expect(app.hasExited()).toBe(false);
	});
});
