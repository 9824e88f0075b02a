/**
 * Keys written together (a paste, a fast typist, tmux send-keys, a slow SSH link) act exactly
 * as the same keys typed one at a time: each meets the screen the one before it left.
 */
import {describe, expect, it} from 'vitest';
import {
	PATIENT as patient,
	TWO_SIZES,
	appsClosedAfterEach,
	searchLine,
	seedsIndexed,
	statusBar as status,
	type Size,
} from './app-session.js';
import type {TerminalSession} from './terminal.js';
import {seedDocuments} from '../fixtures/seeds.js';

const seeds = seedDocuments();
const startApp = appsClosedAfterEach();

async function launched(size: Size): Promise<TerminalSession> {
	const app = startApp([], size);
	await seedsIndexed(app);
	return app;
}

/** The library row of seed `index` (the list is in file order): its title, as far as it shows. */
const titleStart = (index: number) => seeds[index]!.title.slice(0, 18);
/** The reader open on article `index`: its headline on the first row, or, for an article
 * without one (the title made from its opening), its text within the first rows. */
const reading = (index: number) => (screen: string) =>
	/lines? \d+(–\d+)? of \d+/.test(screen) &&
	screen.split('\n').slice(0, 4).join('\n').includes(titleStart(index));

interface Case {
	readonly name: string;
	/** Keys before the burst, each waited for: the screen they leave is where the burst starts. */
	readonly before?: readonly {keys: string; then: (app: TerminalSession) => boolean}[];
	/** The burst, and the same keys one at a time, each with what its screen shows. */
	readonly keys: readonly {keys: string; then: (app: TerminalSession) => boolean}[];
	/** What the screen shows at the end. */
	readonly end: (app: TerminalSession) => boolean;
}

// The cursor's row starts with ▸; then come the mark and the read column.
const row = (index: number) => (app: TerminalSession) =>
	status(app).includes(`${index + 1}/5`) &&
	app
		.screenText()
		.split('\n')
		.some((line) => line.startsWith('▸') && line.includes(titleStart(index)));

const cases: Case[] = [
	{
		name: '/zarif searches "zarif", not "arif"',
		keys: [...'/zarif'].map((key, index) => ({
			keys: key,
			then: (app) => searchLine(app) === `/${'zarif'.slice(0, index)}█`,
		})),
		end: (app) =>
			/^\d+ of 5 match “zarif”/.test(status(app)) &&
			!status(app).includes('indexing') &&
			searchLine(app) === '/zarif█',
	},
	{
		name: 'g, then j j j Enter opens the fourth article',
		before: [{keys: 'g', then: row(0)}],
		keys: [
			{keys: 'j', then: row(1)},
			{keys: 'j', then: row(2)},
			{keys: 'j', then: row(3)},
			{keys: '\r', then: (app) => reading(3)(app.screenText())},
		],
		end: (app) => reading(3)(app.screenText()),
	},
	{
		name: 'G, then g Enter opens the first article',
		before: [{keys: 'G', then: row(4)}],
		keys: [
			{keys: 'g', then: row(0)},
			{keys: '\r', then: (app) => reading(0)(app.screenText())},
		],
		end: (app) => reading(0)(app.screenText()),
	},
	{
		name: 'j Space marks the second row and moves to the third',
		keys: [
			{keys: 'j', then: row(1)},
			{keys: ' ', then: (app) => row(2)(app) && status(app).includes('1 marked')},
		],
		// The list starts on the second screen row: seed 1 is on row 2, marked with ●.
		end: (app) => row(2)(app) && app.row(2).startsWith(' ●') && status(app).includes('1 marked'),
	},
	{
		name: 'a search, then Enter Enter opens the result at its first match',
		before: [...'/zarif'].map((key, index) => ({
			keys: key,
			then: (app: TerminalSession) =>
				searchLine(app) === `/${'zarif'.slice(0, index)}█` && !status(app).includes('indexing'),
		})),
		keys: [
			{keys: '\r', then: (app) => /match 1 of \d+ “zarif”/.test(status(app))},
			{keys: '\r', then: (app) => /match 1 of \d+ “zarif”/.test(status(app))},
		],
		end: (app) =>
			/lines? \d+(–\d+)? of \d+/.test(status(app)) && /match 1 of \d+ “zarif”/.test(status(app)),
	},
];

for (const size of TWO_SIZES) {
	describe(`keys written together at ${size.cols}×${size.rows}`, () => {
		for (const test of cases) {
			it(`${test.name}, as when typed one at a time`, async () => {
				const slow = await launched(size);
				const fast = await launched(size);
				for (const app of [slow, fast]) {
					for (const step of test.before ?? []) {
						app.type(step.keys);
						await app.waitFor((_, session) => step.then(session), {
							...patient,
							description: JSON.stringify(step.keys),
						});
					}
				}
				for (const step of test.keys) {
					slow.type(step.keys);
					await slow.waitFor((_, session) => step.then(session), {
						...patient,
						description: JSON.stringify(step.keys),
					});
				}
				fast.type(test.keys.map((step) => step.keys).join(''));
				await fast.waitFor((_, session) => test.end(session), {
					...patient,
					description: 'the end of the burst',
				});
				expect(test.end(slow)).toBe(true);
				expect(fast.screenText().split('\n')).toEqual(slow.screenText().split('\n'));
			});
		}
	});
}

describe('the search line edits like readline', () => {
	it('moves, inserts and deletes by characters and words, and never types a chord', async () => {
		const app = await launched({cols: 80, rows: 24});
		const line = (text: string) => (_: string, session: TerminalSession) =>
			searchLine(session).trimEnd() === text;
		app.type('/irn');
		await app.waitFor(line('/irn█'));
		app.press('left');
		app.type('a');
		// The cursor is on the n, drawn in reverse video.
		await app.waitFor(line('/iran'));
		expect(app.cellStyle(4, app.rows - 3)).toMatchObject({char: 'n', inverse: true});
		app.press('ctrl+e');
		app.type(' iraq ties');
		await app.waitFor(line('/iran iraq ties█'));
		app.press('ctrl+w');
		await app.waitFor(line('/iran iraq █'));
		app.type('\u001Bb');
		app.type('\u001Bb');
		app.press('ctrl+d');
		await app.waitFor(line('/ran iraq'));
		app.type('\u001Bd');
		await app.waitFor(line('/ iraq'));
		// The line is " iraq " (Ctrl+W left the space before "ties"): Ctrl+H twice ends at "ira".
		app.press('ctrl+e');
		app.type('\u0008');
		await app.waitFor(line('/ iraq█'));
		app.type('\u0008');
		await app.waitFor(line('/ ira█'));
		// Ctrl+N and Ctrl+P move through the results; they are never typed.
		app.press('ctrl+n', 'ctrl+p');
		app.press('ctrl+u');
		await app.waitFor(line('/█'));
		app.type('x');
		await app.waitFor(line('/x█'));
	});
});

describe('the first moments', () => {
	it('d pressed right after the first frame waits for the versions, then opens the diff', async () => {
		const app = startApp([], {cols: 100, rows: 24});
		await app.waitForText('Reading Room', patient);
		app.type('d');
		await app.waitForText('2 changes', patient);
		expect(app.row(0)).toMatch(/^ {2}A In his first foreign trip.* → B Prospects of Iran-Iraq/);
		expect(app.screenText()).not.toContain('try again');
	});
});

describe('help at 60×20', () => {
	it('fits the width and scrolls with j, PgDn and k when it does not fit the height', async () => {
		const app = await launched({cols: 60, rows: 20});
		app.type('?');
		await app.waitForText('Library — keys');
		// The footer is the frame's last row: once it shows, the whole frame is there.
		await app.waitFor(() => /^lines 1–\d+ of \d+/.test(app.row(app.rows - 2)));
		const rows = app.screenText().split('\n');
		// No line is cut short: descriptions are whole, keys that need room wrap instead.
		expect(rows.filter((text) => text.includes('…'))).toEqual([]);
		const footer = app.row(app.rows - 2);
		const match = /^lines 1–(\d+) of (\d+)/.exec(footer);
		expect(match).not.toBeNull();
		const [shown, total] = [Number(match![1]), Number(match![2])];
		expect(total).toBeGreaterThan(shown);
		app.type('j');
		await app.waitFor(() => app.row(app.rows - 2).startsWith(`lines 2–${shown + 1} of`));
		app.press('pagedown');
		// A frame can be seen half written, its footer row still blank: that is not yet a match
		// (a predicate that threw on it stopped the wait from ever seeing the next frame).
		await app.waitFor(() => {
			const first = /^lines (\d+)–/.exec(app.row(app.rows - 2))?.[1];
			return first !== undefined && first !== '2';
		});
		app.press('end');
		await app.waitFor(() =>
			app.row(app.rows - 2).startsWith(`lines ${total - shown + 1}–${total}`),
		);
		expect(app.screenText()).toContain('Suspend');
		app.type('k');
		await app.waitFor(() => app.row(app.rows - 2).startsWith(`lines ${total - shown}–`));
		app.type('q');
		await app.waitForText('5 documents');
	});
});
