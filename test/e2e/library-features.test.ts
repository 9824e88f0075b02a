import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {execFileSync} from 'node:child_process';
import {
	appendFileSync,
	chmodSync,
	cpSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startApp, type TerminalSession} from './terminal.js';
import {hasMkfifo} from '../fixtures/temp-folder.js';
import {SEEDS_FOLDER, seedDocuments} from '../fixtures/seeds.js';

const seeds = seedDocuments();
const sessions: TerminalSession[] = [];
const temporary: string[] = [];
/** Loading and a cold start on a loaded machine. */
const patient = {timeout: 10_000};

function tempDir(prefix: string): string {
	const path = mkdtempSync(join(tmpdir(), `reading-room-${prefix}-`));
	temporary.push(path);
	return path;
}

/** A copy of the seeds the test may change. */
function seedCopy(): string {
	const folder = tempDir('articles');
	cpSync(SEEDS_FOLDER, folder, {recursive: true});
	return folder;
}

function open(
	args: string[],
	size: {cols: number; rows: number},
	env: Record<string, string | undefined>,
): TerminalSession {
	const session = startApp(['--no-cache', ...args], {...size, env});
	sessions.push(session);
	return session;
}

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
});
afterAll(() => {
	for (const path of temporary.splice(0)) rmSync(path, {recursive: true, force: true});
});

/** The status bar, the last row: read only once it says what is expected, since a frame can
 * be seen half written. */
function statusRow(app: TerminalSession): string {
	const rows = app.screenText().split('\n');
	return rows.findLast((row) => row.trim() !== '') ?? '';
}

/** The library row of seed `index`, found by the start of its title. */
function rowOf(app: TerminalSession, index: number): string {
	const start = seeds[index]!.title.slice(0, 18);
	return (
		app
			.screenText()
			.split('\n')
			.find((row) => row.includes(start)) ?? ''
	);
}

async function libraryAt(app: TerminalSession, position: number): Promise<void> {
	await app.waitFor(() => statusRow(app).includes(`5 documents · ${position}/5`), {
		...patient,
		description: `the library's status at ${position}/5`,
	});
}

const sizes = [
	{cols: 100, rows: 30},
	{cols: 60, rows: 20},
];

describe('read state across runs', {timeout: 90_000}, () => {
	for (const size of sizes) {
		it(`unread → partly read → read, at ${size.cols}×${size.rows}`, async () => {
			const stateHome = tempDir('state');
			const env = {XDG_STATE_HOME: stateHome};
			// First run: every row unread; 002 opened, a page read, left.
			const first = open([], size, env);
			await libraryAt(first, 1);
			await first.waitFor(() => /^ {4}• /.test(rowOf(first, 2)), patient);
			first.press('j');
			await libraryAt(first, 2);
			first.press('j');
			await libraryAt(first, 3);
			first.press('enter');
			await first.waitForText(/lines 1–[\d,]+ of [\d,]+/, patient);
			first.press('space');
			await first.waitForText(/lines (?!1–)\d+–[\d,]+ of [\d,]+ · \d+%/);
			const percent = /· (\d+)% ·/.exec(statusRow(first))![1]!;
			first.press('q');
			await libraryAt(first, 3);
			await first.waitFor(() =>
				rowOf(first, 2).startsWith(`▸ ${percent.padStart(3)}% `.slice(0, 6)),
			);
			expect(rowOf(first, 2)).toMatch(new RegExp(`^▸ {1,3}${percent}% `));
			first.press('q');
			expect((await first.waitForExit()).exitCode).toBe(0);

			// Second run: 002 shows how far it was read, reopens there and says so; read to the end.
			const second = open([], size, env);
			await libraryAt(second, 1);
			await second.waitFor(() => new RegExp(`^ {3,4}${percent}% `).test(rowOf(second, 2)), patient);
			expect(rowOf(second, 0)).toMatch(/^▸ {3}• /);
			// In one write: down twice and open.
			second.type('jj\r');
			await second.waitForText(`resumed at ${percent}% · g for the top`, patient);
			second.press('G');
			await second.waitForText(/ · 100% · /);
			second.press('q');
			await libraryAt(second, 3);
			await second.waitFor(() => /^▸ {3}✓ /.test(rowOf(second, 2)));
			second.press('q');
			expect((await second.waitForExit()).exitCode).toBe(0);

			// Third run: read it stays; r marks it unread again, u lists only the unread.
			const third = open([], size, env);
			await libraryAt(third, 1);
			await third.waitFor(() => /^ {4}✓ /.test(rowOf(third, 2)), patient);
			third.type('u');
			await third.waitFor(() => statusRow(third).includes('4 unread of 5 documents'));
			expect(rowOf(third, 2)).toBe('');
			third.type('ur');
			await third.waitFor(() => statusRow(third).includes('marked'));
			await third.waitFor(() => /^▸ {3}✓ /.test(rowOf(third, 0)));
			third.press('q');
			expect((await third.waitForExit()).exitCode).toBe(0);
			const saved = JSON.parse(
				readFileSync(join(stateHome, 'reading-room', 'positions.json'), 'utf8'),
			);
			const marks = Object.entries(saved.places as Record<string, {mark?: string}>).map(
				([key, place]) => [
					key.slice(key.lastIndexOf('/') + 1, key.lastIndexOf('/') + 4),
					place.mark,
				],
			);
			expect(marks.sort()).toEqual([
				['000', 'read'],
				['002', 'read'],
			]);
		});
	}
});

describe('sorting the library', {timeout: 90_000}, () => {
	for (const size of sizes) {
		it(`s cycles the orders, keys one at a time and in one write, remembered, at ${size.cols}×${size.rows}`, async () => {
			const stateHome = tempDir('state');
			const env = {XDG_STATE_HOME: stateHome};
			const app = open([], size, env);
			await libraryAt(app, 1);
			// The cursor on 003 ("Kadhimi in Iran…"), then by title: it is listed last, and the
			// cursor goes with it.
			app.type('jjj');
			await libraryAt(app, 4);
			await app.waitFor(() => /^ {4}• /.test(rowOf(app, 0)), patient);
			app.press('s');
			await app.waitFor(() => app.row(0).includes('newest first'));
			await app.waitFor(() => statusRow(app).includes('listed newest first'));
			app.press('s');
			await app.waitFor(() => statusRow(app).includes('listed by title'));
			expect(app.row(0)).toContain('by title');
			// The cursor went with 003 (last, or last but one until 001 joins 000 as its version).
			await app.waitFor(() => rowOf(app, 3).startsWith('▸'));
			// Two more in one write: longest first, then last read first.
			app.type('ss');
			await app.waitFor(() => statusRow(app).includes('listed last read first'));
			expect(app.row(0)).toContain('last read first');
			expect(rowOf(app, 3).startsWith('▸')).toBe(true);
			app.press('s');
			await app.waitFor(() => statusRow(app).includes('listed by file name'));
			app.type('ss');
			await app.waitFor(() => statusRow(app).includes('listed by title'));
			app.press('q');
			expect((await app.waitForExit()).exitCode).toBe(0);
			// The order is the folder's: the next run lists by title.
			const again = open([], size, env);
			await again.waitFor(() => again.row(0).includes('by title'), patient);
			// Versions go together once they are known: 001 behind 000, 003 last.
			await again.waitFor(() => again.row(5).includes(seeds[3]!.title.slice(0, 18)), patient);
			expect(again.row(1)).toContain(seeds[2]!.title.slice(0, 18));
			expect(again.row(3)).toContain(seeds[1]!.title.slice(0, 18));
			again.press('q');
			expect((await again.waitForExit()).exitCode).toBe(0);
		});
	}
});

describe('handing the article to the editor', {timeout: 90_000}, () => {
	function fakeEditor(): string {
		const script = join(tempDir('editor'), 'append-line');
		writeFileSync(
			script,
			'#!/bin/sh\nprintf "\\nA line the editor added at the end.\\n" >> "$1"\n',
		);
		chmodSync(script, 0o755);
		return script;
	}

	it('e runs $VISUAL on the file and comes back to the same place, the row updated', async () => {
		const folder = seedCopy();
		const size = sizes[0]!;
		const app = open([folder], size, {XDG_STATE_HOME: tempDir('state'), VISUAL: fakeEditor()});
		await libraryAt(app, 1);
		const words = `${seeds[2]!.words} w`;
		app.type('jj\r');
		await app.waitForText(/lines 1–[\d,]+ of [\d,]+/, patient);
		app.press('space');
		await app.waitForText(/lines [2-9]\d*–/);
		const place = /lines (\d+)–/.exec(statusRow(app))![1];
		app.press('e');
		await app.waitFor(
			() => statusRow(app).includes('the file changed: shown as it is now'),
			patient,
		);
		expect(statusRow(app)).toContain(`lines ${place}–`);
		expect(app.isAlternateScreen()).toBe(true);
		const file = join(folder, seeds[2]!.id);
		expect(readFileSync(file, 'utf8')).toMatch(/A line the editor added at the end\.\n$/);
		app.press('G');
		await app.waitForText('A line the editor added at the end.');
		app.press('q');
		await libraryAt(app, 3);
		// 778 words, and the eight the editor added.
		expect(words).toBe('778 w');
		await app.waitFor(() => rowOf(app, 2).includes('786 w'));
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	});

	it('o runs $PAGER on the file from the library, and comes back to the same row', async () => {
		const log = join(tempDir('pager'), 'seen');
		const pager = join(tempDir('pager-bin'), 'fake-pager');
		writeFileSync(pager, `#!/bin/sh\nhead -n 1 "$1" > '${log}'\n`);
		chmodSync(pager, 0o755);
		const app = open([], sizes[1]!, {XDG_STATE_HOME: tempDir('state'), PAGER: pager});
		await libraryAt(app, 1);
		// Down and o in one write: the pager gets the article under the cursor then.
		app.type('jo');
		await app.waitFor(() => {
			try {
				return readFileSync(log, 'utf8') !== '';
			} catch {
				return false;
			}
		}, patient);
		expect(readFileSync(log, 'utf8').trim()).toBe(seeds[1]!.title);
		await libraryAt(app, 2);
		expect(app.isAlternateScreen()).toBe(true);
		app.press('j');
		await libraryAt(app, 3);
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	});

	it('a missing editor, or one that fails, is one line and the app goes on', async () => {
		const app = open([], sizes[1]!, {
			XDG_STATE_HOME: tempDir('state'),
			VISUAL: undefined,
			EDITOR: 'no-such-editor-here',
		});
		await libraryAt(app, 1);
		app.press('e');
		await app.waitFor(
			() => statusRow(app).includes('“no-such-editor-here” ($EDITOR) was not found'),
			patient,
		);
		app.press('j');
		await libraryAt(app, 2);
		const failing = open([], sizes[1]!, {
			XDG_STATE_HOME: tempDir('state'),
			VISUAL: 'false',
			EDITOR: undefined,
		});
		await libraryAt(failing, 1);
		failing.press('e');
		await failing.waitFor(
			() => statusRow(failing).includes('“false” ($VISUAL) exited with 1'),
			patient,
		);
		const none = open([], sizes[1]!, {
			XDG_STATE_HOME: tempDir('state'),
			VISUAL: undefined,
			EDITOR: undefined,
		});
		await libraryAt(none, 1);
		none.press('e');
		await none.waitFor(
			() => statusRow(none).includes('no editor: set $VISUAL or $EDITOR'),
			patient,
		);
		none.press('q');
		expect((await none.waitForExit()).exitCode).toBe(0);
	});
});

describe('a Markdown article', {timeout: 60_000}, () => {
	const article = [
		'# Talks resume in Baghdad',
		'',
		'The minister said **talks** would *resume* soon.',
		'',
		'- first point',
		'- second point',
		'  1. nested one',
		'',
		'> A quoted line.',
		'',
		'    code kept  verbatim',
		'',
		'| City | Crossings |',
		'| --- | --- |',
		'| Basra | 2 |',
		'',
	].join('\n');

	for (const size of sizes) {
		it(`is drawn rendered, not as its marks, at ${size.cols}×${size.rows}`, async () => {
			const folder = tempDir('markdown-article');
			writeFileSync(join(folder, 'talks.md'), article);
			const app = open([folder], size, {XDG_STATE_HOME: tempDir('state')});
			await app.waitForText('1 document', patient);
			app.press('enter');
			await app.waitForText(/lines? 1(–\d+)? of \d+/, patient);
			const screen = app.screenText();
			expect(screen).toContain('The minister said talks would resume soon.');
			const rows = screen.split('\n').map((row) => row.trim());
			expect(rows).toContain('• first point');
			expect(rows).toContain('• second point');
			expect(rows.some((row) => /^1\. nested one$/.test(row))).toBe(true);
			expect(rows).toContain('│ A quoted line.');
			// Code keeps its own spacing.
			expect(screen).toContain('code kept  verbatim');
			// The table's cells in columns under a rule of its own, without its pipes and dashes.
			expect(rows).toContain('City  │ Crossings');
			expect(rows).toContain('Basra │ 2');
			for (const mark of ['# Talks', '**', '*resume*', '| City', '---'])
				expect(screen).not.toContain(mark);
		});
	}
});

describe('Markdown links as OSC 8 hyperlinks', {timeout: 60_000}, () => {
	function notes(): string {
		const folder = tempDir('markdown');
		writeFileSync(
			join(folder, 'notes.md'),
			'# Notes\n\nSee the [page](https://example.org/p) now, and [this](javascript:alert(1)).\n',
		);
		return folder;
	}

	it('are written where the terminal is known to draw them (FORCE_HYPERLINK here)', async () => {
		const app = open([notes()], sizes[0]!, {
			XDG_STATE_HOME: tempDir('state'),
			FORCE_HYPERLINK: '1',
		});
		await app.waitForText('1 document', patient);
		app.press('enter');
		await app.waitForText(/line[s]? 1(–\d+)? of \d+/, patient);
		await app.waitForText('See the page now, and this.');
		// The link's text inside the link (Ink may close the styles before the link ends).
		const link =
			// eslint-disable-next-line no-control-regex -- the escape sequences are what is tested
			/\u001B\]8;;https:\/\/example\.org\/p\u0007page(?:\u001B\[[\d;]*m)*\u001B\]8;;\u0007/;
		expect(app.rawOutput()).toMatch(link);
		// A script address is shown, never linked.
		expect(app.rawOutput()).not.toContain('\u001B]8;;javascript');
	});

	it('are not written for a terminal not known to draw them', async () => {
		const app = open([notes()], sizes[1]!, {
			XDG_STATE_HOME: tempDir('state'),
			FORCE_HYPERLINK: undefined,
			TERM_PROGRAM: undefined,
			VTE_VERSION: undefined,
		});
		await app.waitForText('1 document', patient);
		app.press('enter');
		await app.waitForText('See the page now, and this.', patient);
		expect(app.rawOutput()).not.toContain('\u001B]8;');
	});
});

describe('a live folder', {timeout: 90_000}, () => {
	// The status counts the folder's changes together until a key is pressed (filesToTell):
	// "1 changed", then, with no key between, "1 changed · 1 removed".
	it('shows files added, changed and removed while the library is open, the cursor on its article', async () => {
		const folder = seedCopy();
		const app = open([folder], sizes[0]!, {XDG_STATE_HOME: tempDir('state')});
		await libraryAt(app, 1);
		app.type('jj');
		await libraryAt(app, 3);
		writeFileSync(join(folder, 'new-article.txt'), 'A new article arrives\n\nIts few words.\n');
		await app.waitFor(() => statusRow(app).startsWith('1 new'), {
			...patient,
			description: 'the status to say "1 new"',
		});
		await app.waitFor(() => app.screenText().includes('A new article arrives'));
		app.press('j');
		await app.waitFor(() => statusRow(app).includes('6 documents · 4/6'), patient);
		// The cursor stayed on 002 while the list grew: j went on to 003.
		expect(rowOf(app, 3).startsWith('▸')).toBe(true);
		writeFileSync(
			join(folder, seeds[3]!.id),
			'Kadhimi in Iran, shortened\n\nOnly five words are left.\n',
		);
		// The new file's write may be heard as a second change after j: "2 changed" then.
		await app.waitFor(() => /^\d changed/.test(statusRow(app)), patient);
		await app.waitFor(() => app.screenText().includes('Kadhimi in Iran, shortened'));
		rmSync(join(folder, seeds[4]!.id));
		await app.waitFor(() => /^\d changed · 1 removed/.test(statusRow(app)), patient);
		expect(app.screenText()).not.toContain(seeds[4]!.title.slice(0, 18));
		app.press('j');
		await app.waitFor(() => statusRow(app).includes('5 documents · 5/5'), patient);
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	});

	it('searches a changed file by its new words, not its old ones, and a removed file not at all', async () => {
		const folder = seedCopy();
		const app = open([folder], sizes[0]!, {XDG_STATE_HOME: tempDir('state')});
		await libraryAt(app, 1);
		/** Searches `query` (typed one key at a time, or in one write) and waits for the count.
		 * A write is a truncation and then the text, two changes the watch may hear apart: the
		 * second, heard after the keys, puts its "1 changed" before the count. */
		const search = async (query: string, count: string, oneWrite: boolean) => {
			app.type('/');
			if (oneWrite) app.type(query);
			else for (const key of query) app.type(key);
			const counted = new RegExp(`^(?:\\d changed · )?${count} match “${query}”`);
			await app.waitFor(() => counted.test(statusRow(app)), {
				...patient,
				description: `“${query}”: ${count}`,
			});
		};
		// "abdulaziz" is in seed 003 only, "kurdistan" in seed 004 only.
		await search('abdulaziz', '1 of 5', false);
		app.press('escape');
		await libraryAt(app, 1);
		writeFileSync(join(folder, seeds[3]!.id), 'Harbour notes\n\nThe zebracorn came ashore.\n');
		await app.waitFor(() => statusRow(app).startsWith('1 changed'), patient);
		await search('zebracorn', '1 of 5', true);
		expect(app.screenText()).toContain('Harbour notes');
		app.press('escape');
		await libraryAt(app, 1);
		await search('abdulaziz', '0 of 5', false);
		app.press('escape');
		await libraryAt(app, 1);
		await search('kurdistan', '1 of 5', true);
		app.press('escape');
		await libraryAt(app, 1);
		rmSync(join(folder, seeds[4]!.id));
		await app.waitFor(() => statusRow(app).startsWith('1 removed'), patient);
		await search('kurdistan', '0 of 4', true);
		expect(app.screenText()).not.toContain(seeds[4]!.title.slice(0, 18));
		app.press('escape');
		await app.waitFor(() => statusRow(app).includes('4 documents · 1/4'), patient);
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	});

	it('says once that a folder that disappears is gone, and goes on showing what was read', async () => {
		const folder = seedCopy();
		const app = open([folder], sizes[0]!, {XDG_STATE_HOME: tempDir('state')});
		await libraryAt(app, 1);
		rmSync(folder, {recursive: true, force: true});
		await app.waitFor(
			() =>
				statusRow(app).startsWith('the folder “') &&
				statusRow(app).includes('is gone; showing what was read'),
			{...patient, description: 'the folder-gone notice'},
		);
		expect(app.screenText()).toContain(seeds[4]!.title.slice(0, 18));
		app.type('jj');
		await libraryAt(app, 3);
		app.press('enter');
		await app.waitForText(/lines 1–[\d,]+ of [\d,]+/, patient);
		expect(app.screenText()).toContain(seeds[2]!.title.slice(0, 18));
		app.press('escape');
		await libraryAt(app, 3);
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	});

	/** Saves `text` to `file` as editors and `sed -i` do: a temporary file in the same folder
	 * (a dot-name, which the library passes over) renamed over the original. */
	function saveByRename(file: string, text: string): void {
		const temporaryFile = join(file, '..', '.saving.tmp');
		writeFileSync(temporaryFile, text);
		renameSync(temporaryFile, file);
	}

	/** Adds a file and waits for it to be listed: the watch has started (a file changed before
	 * it would be missed; one added is found by the listing made as it starts). */
	async function watching(app: TerminalSession, folder: string): Promise<void> {
		writeFileSync(join(folder, 'watch-started.txt'), 'The watch has started\n\nSo it has.\n');
		await app.waitFor(() => statusRow(app).startsWith('1 new'), {
			...patient,
			description: 'the status to say "1 new"',
		});
	}

	/** The library row titled `title` (empty when there is none). */
	function rowTitled(app: TerminalSession, title: string): string {
		return (
			app
				.screenText()
				.split('\n')
				.find((row) => row.includes(title)) ?? ''
		);
	}

	it('goes on seeing a file saved by renaming a new file over it: changed again, then removed', async () => {
		const folder = seedCopy();
		const app = open([folder], sizes[0]!, {XDG_STATE_HOME: tempDir('state')});
		await libraryAt(app, 1);
		await watching(app, folder);
		const file = join(folder, seeds[3]!.id);
		// Title and body: 3 + 5 words.
		saveByRename(file, 'Saved by rename\n\nOne two three four five.\n');
		await app.waitFor(() => /^1 new · \d changed/.test(statusRow(app)), {
			...patient,
			description: 'the status to say "1 changed"',
		});
		await app.waitFor(() => /\b8 w\b/.test(rowTitled(app, 'Saved by rename')), {
			...patient,
			description: 'the renamed-over file at 8 words',
		});
		// Written in place now: the file is the one renamed in, which the watch must still see.
		appendFileSync(file, '\nSix seven eight nine.\n');
		await app.waitFor(() => /\b12 w\b/.test(rowTitled(app, 'Saved by rename')), {
			...patient,
			description: 'the appended file at 12 words',
		});
		rmSync(file);
		// Each file counts once by what became of it (filesToTell): changed, then removed.
		await app.waitFor(() => statusRow(app).startsWith('1 new · 1 removed'), {
			...patient,
			description: 'the status to say "1 new · 1 removed"',
		});
		await app.waitFor(() => statusRow(app).includes('5 documents · 1/5'), patient);
		expect(app.screenText()).not.toContain('Saved by rename');
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	});

	it('shows a folder that arrives with its articles, a file written in it later, and the folder moved out', async () => {
		const folder = seedCopy();
		const app = open([folder], sizes[0]!, {XDG_STATE_HOME: tempDir('state')});
		await libraryAt(app, 1);
		await watching(app, folder);
		const arriving = tempDir('arriving');
		mkdirSync(join(arriving, 'deeper'));
		writeFileSync(
			join(arriving, 'deeper', 'moved.txt'),
			'Moved in with its folder\n\nTwo words.\n',
		);
		renameSync(arriving, join(folder, 'moved'));
		await app.waitFor(() => statusRow(app).startsWith('2 new'), {
			...patient,
			description: 'the article that came with its folder to be new',
		});
		await app.waitFor(() => statusRow(app).includes('7 documents · 1/7'), patient);
		expect(app.screenText()).toContain('Moved in with its folder');
		// Title and body: 5 + 2 words, then 2 more.
		appendFileSync(join(folder, 'moved', 'deeper', 'moved.txt'), '\nTwo more.\n');
		await app.waitFor(() => /\b9 w\b/.test(rowTitled(app, 'Moved in with its folder')), {
			...patient,
			description: 'the moved-in file at 9 words',
		});
		// Moved out whole: no event names its files, only the folder.
		renameSync(join(folder, 'moved'), join(tempDir('moved-out'), 'moved'));
		// A new file written again and then gone is not told (filesToTell): the watch's own file
		// is left.
		await app.waitFor(() => statusRow(app).startsWith('1 new · 6 documents · 1/6'), {
			...patient,
			description: 'the status to say "1 new" and 6 documents',
		});
		expect(app.screenText()).not.toContain('Moved in with its folder');
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	});

	it('tells the open reader its article, saved by rename, changed again and then was removed', async () => {
		const folder = seedCopy();
		const app = open([folder], sizes[1]!, {XDG_STATE_HOME: tempDir('state')});
		await libraryAt(app, 1);
		await watching(app, folder);
		const file = join(folder, seeds[2]!.id);
		saveByRename(file, `${readFileSync(file, 'utf8')}\nA paragraph saved by rename.\n`);
		await app.waitFor(() => /^1 new · \d changed/.test(statusRow(app)), {
			...patient,
			description: 'the status to say "1 changed"',
		});
		app.type('jj\r');
		await app.waitForText(/lines 1–[\d,]+ of [\d,]+/, patient);
		appendFileSync(file, '\nA paragraph appended after.\n');
		await app.waitFor(
			() => statusRow(app).startsWith('the file changed on disk · R reloads it here'),
			{...patient, description: 'the reload notice'},
		);
		app.press('R');
		await app.waitFor(
			() => statusRow(app).startsWith('the file changed: shown as it is now'),
			patient,
		);
		app.press('G');
		await app.waitForText('A paragraph appended after.');
		rmSync(file);
		await app.waitFor(
			() => statusRow(app).startsWith('the file was removed: shown as it was read'),
			{...patient, description: 'the removed notice'},
		);
		app.press('escape');
		await app.waitFor(() => statusRow(app).includes('5 documents'), patient);
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	});

	it('tells the open reader its article changed, R reloads at the same place; removed, it stays readable', async () => {
		const folder = seedCopy();
		const app = open([folder], sizes[1]!, {XDG_STATE_HOME: tempDir('state')});
		await libraryAt(app, 1);
		app.type('jj\r');
		await app.waitForText(/lines 1–[\d,]+ of [\d,]+/, patient);
		app.press('space');
		await app.waitForText(/lines (?!1–)\d+–/);
		const place = /lines (\d+)–/.exec(statusRow(app))![1];
		const file = join(folder, seeds[2]!.id);
		// Saved whole, as an editor saves: written in place, the app can read it half written
		// (empty after the truncation) and R would show that.
		saveByRename(file, `${readFileSync(file, 'utf8')}\nA paragraph added on disk.\n`);
		await app.waitFor(
			() => statusRow(app).startsWith('the file changed on disk · R reloads it here'),
			{
				...patient,
				description: 'the reload notice',
			},
		);
		app.press('R');
		await app.waitFor(
			() => statusRow(app).startsWith('the file changed: shown as it is now'),
			patient,
		);
		expect(statusRow(app)).toContain(`lines ${place}–`);
		rmSync(file);
		await app.waitFor(
			() => statusRow(app).startsWith('the file was removed: shown as it was read'),
			patient,
		);
		app.press('G');
		await app.waitForText('A paragraph added on disk.');
		app.press('escape');
		await app.waitFor(() => statusRow(app).includes('4 documents'), patient);
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	});

	/** The reader of seed 002, whose file became a named pipe: its text still shown; the library
	 * then lists the other four and counts the pipe skipped; q quits cleanly. */
	async function keepsTheTextAndCountsThePipeSkipped(app: TerminalSession): Promise<void> {
		expect(app.screenText()).toContain(seeds[2]!.title.slice(0, 18));
		app.press('escape');
		await app.waitFor(
			() =>
				statusRow(app).includes('4 documents') &&
				statusRow(app).includes('1 file skipped (unreadable)'),
			{...patient, description: 'the library counting the pipe skipped'},
		);
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	}

	it.skipIf(!hasMkfifo())(
		'tells the open reader its file became a named pipe, never opened, and keeps its text; the library counts it skipped',
		async () => {
			const folder = seedCopy();
			const app = open([folder], sizes[0]!, {XDG_STATE_HOME: tempDir('state')});
			await libraryAt(app, 1);
			app.type('jj\r');
			await app.waitForText(/lines 1–[\d,]+ of [\d,]+/, patient);
			const file = join(folder, seeds[2]!.id);
			rmSync(file);
			execFileSync('mkfifo', [file]);
			// Said before as removed, though the file is there.
			await app.waitFor(
				() =>
					statusRow(app).startsWith(
						'the file cannot be read now (a named pipe, not a regular file): shown as it was read',
					),
				{...patient, description: 'the named pipe notice'},
			);
			await keepsTheTextAndCountsThePipeSkipped(app);
		},
	);

	it.skipIf(!hasMkfifo())(
		'tells the open reader its removed file became a named pipe, when the pipe comes after the removal was said',
		async () => {
			const folder = seedCopy();
			const app = open([folder], sizes[1]!, {XDG_STATE_HOME: tempDir('state')});
			await libraryAt(app, 1);
			app.type('jj\r');
			await app.waitForText(/lines 1–[\d,]+ of [\d,]+/, patient);
			const file = join(folder, seeds[2]!.id);
			rmSync(file);
			await app.waitFor(
				() => statusRow(app).startsWith('the file was removed: shown as it was read'),
				{...patient, description: 'the removal notice'},
			);
			execFileSync('mkfifo', [file]);
			// At 60 columns the notice is cut after "a regular fi".
			await app.waitFor(
				() => statusRow(app).startsWith('the file cannot be read now (a named pipe, not a regular'),
				{...patient, description: 'the named pipe notice after the removal'},
			);
			await keepsTheTextAndCountsThePipeSkipped(app);
		},
	);
});
