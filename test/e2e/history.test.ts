import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makeTempFolder, type TempFolder} from '../fixtures/temp-folder.js';
import {storyFiles} from '../fixtures/story.js';
import {startApp, type TerminalSession} from './terminal.js';

/**
 * The history screen in a real terminal, on the generated story: an original and five
 * revisions (headline sharpened, paragraphs added, one removed, a quote corrected, a
 * correction appended), in files whose names are not in date order. Oldest first, the versions
 * are story-c, e, a, f, b, d; the library lists them by name, a to f.
 */
let folder: TempFolder;
const sessions: TerminalSession[] = [];

beforeAll(async () => {
	const files = Object.fromEntries(storyFiles().map((file) => [file.name, file.text]));
	folder = await makeTempFolder(files);
});

afterAll(async () => {
	await folder.remove();
});

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
});

// Loading and indexing run in the background: on a busy machine that takes a while.
const patient = {timeout: 15_000};

function open(size: {cols: number; rows: number}) {
	const session = startApp([folder.root], size);
	sessions.push(session);
	return session;
}

/** The app stays a line short of the terminal: the status bar is the last row but one. */
const status = (app: TerminalSession) => app.row(app.rows - 2);

/** The row showing version `n` of the history, or undefined. */
function versionRow(app: TerminalSession, n: number): string | undefined {
	for (let y = 0; y < app.rows; y++) {
		if (new RegExp(`^.{3} v${n} `).test(app.row(y))) return app.row(y);
	}
	return undefined;
}

/** Opens the library on the story and the history of the row `row`: the library lists the
 * files by name, so row 0 is story-a.txt (v3), row 5 story-f.txt (v4). */
async function openHistory(app: TerminalSession, row: number) {
	await app.waitForText('6 documents', patient);
	app.press('g', ...Array.from({length: row}, () => 'j'));
	await app.waitForText(`${row + 1}/6`, patient);
	app.press('h');
	await app.waitForText('History · 6 versions · ordered by dateline', patient);
}

/** What the diff's first row names: A's version (and title) → B's (inline), or A's │ B's
 * (side by side). The titles take the room first, so the versions name the pair. */
const pairHeader = (a: string, b: string, sideBySide: boolean) =>
	new RegExp(`^ {2}A ${a.split(' ')[0]} .*${sideBySide ? '│' : '→'} B ${b.split(' ')[0]} `);

/** Each step of the story, oldest first: the files compared. */
const STEPS = [
	['story-c.txt', 'story-e.txt'],
	['story-e.txt', 'story-a.txt'],
	['story-a.txt', 'story-f.txt'],
	['story-f.txt', 'story-b.txt'],
	['story-b.txt', 'story-d.txt'],
] as const;

for (const size of [
	{cols: 120, rows: 30},
	{cols: 60, rows: 20},
]) {
	const sideBySide = size.cols >= 120;
	const waitForStep = (app: TerminalSession, step: number) => {
		const [a, b] = STEPS[step]!;
		const header = pairHeader(`v${step + 1} ${a}`, `v${step + 2} ${b}`, sideBySide);
		return app.waitFor((screen) => header.test(screen), {
			...patient,
			description: `the diff of ${a} and ${b}`,
		});
	};

	// Each test waits for several screens, each patiently: more than the default 20 s in all.
	describe(`the history at ${size.cols}×${size.rows}`, {timeout: 60_000}, () => {
		it('h lists the versions oldest first with dates and what changed, the current one marked', async () => {
			const app = open(size);
			// story-f.txt (row 5) is v4.
			await openHistory(app, 5);
			// Each step's line is the diff's per-region summary, cut to the row's change column.
			await app.waitFor(() => versionRow(app, 6)?.includes('body: 1 change (+') === true, patient);
			expect(versionRow(app, 1)).toMatch(/^ {4}v1 {2}20 Jul 2020 21:08 {2}Talks on.*first version/);
			expect(versionRow(app, 2)).toMatch(
				/^ {4}v2 {2}21 Jul 2020 10:15 {2}Iraq and.*body identical · /,
			);
			expect(versionRow(app, 3)).toContain('body: 5 changes (');
			expect(versionRow(app, 4)).toMatch(/^▸ ◆ v4 {2}22 Jul 2020 .*body: 1 change \(−/);
			expect(versionRow(app, 5)).toContain('body: 2 changes (');
			if (size.cols >= 120) {
				expect(versionRow(app, 2)).toContain('body identical · headline changed · ');
				expect(versionRow(app, 4)).toContain('body: 1 change (−21 words) · dateline');
			}
			// The status row is written last in a frame: waited for, not read at once.
			await app.waitFor(() => /^v4 of 6 · ◆ the version you came from/.test(status(app)), patient);
			// The last row stays empty: the screen is a line short of the terminal.
			expect(app.row(app.rows - 1).trim()).toBe('');
			app.press('escape');
			await app.waitForText('6/6', patient);
		});

		it('Enter opens a step; ] and [ go through every step and back, one key at a time', async () => {
			const app = open(size);
			await openHistory(app, 0); // story-a.txt, v3
			app.press('k');
			await app.waitFor(() => versionRow(app, 2)?.startsWith('▸') === true, patient);
			app.press('enter');
			await waitForStep(app, 0);
			for (let step = 1; step < STEPS.length; step++) {
				app.press(']');
				await waitForStep(app, step);
			}
			app.press(']');
			await app.waitForText('the latest version', patient);
			for (let step = STEPS.length - 2; step >= 0; step--) {
				app.press('[');
				await waitForStep(app, step);
			}
			app.press('[');
			await app.waitForText('the first version', patient);
			// Esc: back to the history, the cursor on the newer version last shown, then the library.
			app.press('escape');
			// Both rows in one wait: a frame can be seen half written.
			await app.waitFor(
				() => versionRow(app, 2)?.startsWith('▸ ') === true && versionRow(app, 3) !== undefined,
				patient,
			);
			expect(versionRow(app, 3)).toMatch(/^ {2}◆ v3/);
			app.press('escape');
			await app.waitForText('1/6', patient);
		});

		it('the same keys written together land on the same step', async () => {
			const app = open(size);
			await openHistory(app, 0);
			app.type('k\r]]]');
			await waitForStep(app, 3);
			app.type('[[');
			await waitForStep(app, 1);
			// Space then d compares the two marked versions.
			app.press('escape');
			await app.waitForText('History · 6 versions', patient);
			app.type('g G d');
			await app.waitFor(
				(screen) => pairHeader('v1 story-c.txt', 'v6 story-d.txt', sideBySide).test(screen),
				patient,
			);
		});

		it('p shows which parts came when, scrolls, and Esc comes back to the list', async () => {
			const app = open(size);
			await openHistory(app, 0);
			app.press('p');
			await app.waitForText('Which parts came when · v6', patient);
			await app.waitFor(() => /^lines 1–\d+ of \d+/.test(status(app)), patient);
			// The headline replaced in v2, struck out and dim, then the latest.
			expect(app.row(1)).toBe('v1−v2  Talks on border crossings resume in Baghdad');
			expect(app.row(2)).toBe('v2     Iraq and Iran agree to reopen two border crossings');
			expect(app.cellStyle(7, 1)).toMatchObject({char: 'T', strikethrough: true, dim: true});
			expect(app.cellStyle(7, 2)).toMatchObject({char: 'I', strikethrough: false, bold: true});
			// The frame may still be arriving when the header is seen: wait for its last row too.
			await app.waitFor(() => /^lines 1–\d+ of \d+/.test(status(app)), patient);
			app.press('G');
			await app.waitFor(() => /^lines \d+–(\d+) of \1 /.test(status(app)), patient);
			// The correction came last, in v6, and ends the latest version.
			expect(app.screenText()).toMatch(/^v6 +Correction: An earlier version/m);
			app.press('g');
			await app.waitForText('v1−v2  Talks on border crossings', patient);
			app.press('escape');
			await app.waitForText('History · 6 versions', patient);
		});

		it('? shows help on the history, on which parts came when, and on a diff from it', async () => {
			const app = open(size);
			await openHistory(app, 0);
			app.press('?');
			await app.waitForText('History — keys', patient);
			await app.waitForText('Mark for comparison', patient);
			app.press('?');
			await app.waitForText('History · 6 versions', patient);
			app.press('p', '?');
			await app.waitForText('Which parts came when — keys', patient);
			app.press('escape');
			await app.waitForText('Which parts came when · v6', patient);
			// A key right behind Esc would arrive as Alt+key: Esc is waited for first.
			app.press('escape');
			await app.waitForText('History · 6 versions', patient);
			app.press('enter');
			await waitForStep(app, 1);
			app.press('?');
			await app.waitForText('Diff — keys', patient);
			app.press('G');
			await app.waitForText('next step of the history', patient);
		});
	});
}

describe('h from the reader', {timeout: 60_000}, () => {
	it('opens the history on the version being read, and Esc comes back to the reader', async () => {
		const app = open({cols: 100, rows: 24});
		await app.waitForText('6 documents', patient);
		app.press('G'); // story-f.txt: v4
		await app.waitForText('6/6', patient);
		app.press('enter');
		await app.waitForText('Trade', patient);
		app.press('h');
		await app.waitForText('History · 6 versions', patient);
		expect(versionRow(app, 4)).toMatch(/^▸ ◆ v4/);
		app.press('escape');
		await app.waitFor(
			(screen) => !screen.includes('History ·') && /lines? 1(–\d+)? of /.test(screen),
			patient,
		);
	});
});
