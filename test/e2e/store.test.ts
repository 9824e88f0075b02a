import {
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	unlinkSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Sqlite from 'better-sqlite3';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {decodeSnapshot} from '../../source/core/search/snapshot.js';
import {paragraphs} from '../fixtures/prose.js';
import {startApp, type TerminalSession} from './terminal.js';

/** A few thousand documents: enough that a library filling in would show it. */
const DOCUMENTS = 3000;
/** Older than the loader's settling time, so a second run trusts sizes and mtimes. */
const PAST = new Date(Date.now() - 86_400_000);
const LOADING = 60_000;
/** Each test starts the app three or four times on 3,000 files: on a loaded machine, a minute. */
const TEST_TIMEOUT = 180_000;

let folder: string;
let cacheHome: string;
let stateHome: string;
const sessions: TerminalSession[] = [];

const name = (index: number) => `article-${String(index).padStart(4, '0')}.txt`;
const title = (index: number) => `Report number ${index} on the harbour`;

beforeAll(() => {
	folder = mkdtempSync(join(tmpdir(), 'reading-room-store-e2e-'));
	cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-store-e2e-cache-'));
	stateHome = mkdtempSync(join(tmpdir(), 'reading-room-store-e2e-state-'));
	const body = paragraphs(3, 7).join('\n\n');
	for (let index = 0; index < DOCUMENTS; index++) {
		const path = join(folder, name(index));
		writeFileSync(path, `${title(index)}\n\n${body}\n`);
		utimesSync(path, PAST, PAST);
	}
});

afterAll(() => {
	rmSync(folder, {recursive: true, force: true});
	rmSync(cacheHome, {recursive: true, force: true});
	rmSync(stateHome, {recursive: true, force: true});
});

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
});

function open(rows = 24, cols = 100): TerminalSession {
	const session = startApp([folder], {
		cols,
		rows,
		env: {XDG_CACHE_HOME: cacheHome, XDG_STATE_HOME: stateHome},
	});
	sessions.push(session);
	return session;
}

/** How the status bar writes DOCUMENTS (core/text/numbers.ts groups thousands). */
const SHOWN = '3,000';
const allListed = `${SHOWN} documents`;

/** The frame's last line: the app leaves the terminal's bottom row empty. */
const statusBar = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';

/** Polls the file system until `done()` (the app writes its cache on its own time). */
async function waitUntil(done: () => boolean, description: string): Promise<void> {
	const until = Date.now() + LOADING;
	while (!done()) {
		if (Date.now() > until) throw new Error(`timed out waiting for ${description}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** Runs the app until the whole folder is loaded and cached, then quits. */
async function runOnce(): Promise<void> {
	const app = open();
	await app.waitFor((screen) => screen.includes(allListed) && !screen.includes('loading'), {
		timeout: LOADING,
		description: 'the whole folder loaded',
	});
	app.press('q');
	expect((await app.waitForExit({timeout: LOADING})).exitCode).toBe(0);
}

/** The first whole frame that shows titles, and the app. */
async function firstScreenWithTitles(rows: number, cols: number) {
	const app = open(rows, cols);
	let first: string | undefined;
	await app.waitFor(
		(screen) => {
			// A whole frame: the status bar is drawn after the rows.
			first ??= screen.includes(title(0)) && / documents/.test(screen) ? screen : undefined;
			return first !== undefined;
		},
		{timeout: LOADING, description: 'the first titles'},
	);
	return {app, first: first!};
}

describe('the cache across runs', () => {
	it(
		'a second start lists every document at once, at several sizes',
		async () => {
			await runOnce();
			for (const [rows, cols] of [
				[24, 100],
				[10, 60],
				[40, 140],
			] as const) {
				const {app, first} = await firstScreenWithTitles(rows, cols);
				expect(first).toContain(`${allListed} · 1/${SHOWN}`);
				expect(first).not.toContain('loading');
				expect(first).toContain(title(1));
				app.press('G');
				await app.waitForText(title(DOCUMENTS - 1));
				await app.waitForText(`${SHOWN}/${SHOWN}`);
				// Listed as stored before they were compared with their files; once they all are,
				// the count of those still to compare goes.
				await app.waitFor(
					(screen) =>
						statusBar(screen).startsWith(`${allListed} · ${SHOWN}/${SHOWN}`) &&
						!statusBar(screen).includes('checking'),
					{timeout: LOADING, description: 'every file compared'},
				);
			}
		},
		TEST_TIMEOUT,
	);

	it(
		'a database written by another version is rebuilt with one line, and the count stays in sight',
		async () => {
			await runOnce();
			const databases = readdirSync(join(cacheHome, 'reading-room')).filter((file) =>
				file.endsWith('.sqlite'),
			);
			expect(databases).toHaveLength(1);
			const db = new Sqlite(join(cacheHome, 'reading-room', databases[0]!));
			db.pragma('user_version = 4');
			db.close();

			const app = open();
			// No key pressed: the notice waits for one, and the count beside it still fills in.
			await app.waitFor(
				(screen) => {
					const status = statusBar(screen);
					return status.includes(allListed) && !status.includes('loading');
				},
				{timeout: LOADING, description: 'the whole folder listed beside the notice'},
			);
			const status = statusBar(app.screenText());
			expect(status).toMatch(
				/^cache rebuilt \(written by another version \(4\)\) · 3,000 documents/,
			);
			app.press('j');
			await app.waitFor((screen) => statusBar(screen).startsWith(`${allListed} · 2/`));
			app.press('q');
			expect((await app.waitForExit({timeout: LOADING})).exitCode).toBe(0);
		},
		TEST_TIMEOUT,
	);

	it(
		'keeps its search index for the next start, and a damaged one is passed over and written again',
		async () => {
			const kept = () =>
				readdirSync(join(cacheHome, 'reading-room'))
					.filter((file) => file.endsWith('-search'))
					.map((file) => join(cacheHome, 'reading-room', file));
			const first = open();
			await first.waitFor((screen) => screen.includes(allListed) && !screen.includes('loading'), {
				timeout: LOADING,
				description: 'the whole folder loaded',
			});
			await waitUntil(() => kept().length === 1, 'the search index kept');
			first.press('q');
			expect((await first.waitForExit({timeout: LOADING})).exitCode).toBe(0);
			const [file] = kept();
			const good = readFileSync(file!);
			expect('state' in (await decodeSnapshot(good))).toBe(true);
			// Bytes flipped in the middle, where the postings are.
			const damaged = Buffer.from(good);
			for (let at = damaged.length >> 1; at < (damaged.length >> 1) + 64; at++) {
				damaged.writeUInt8(damaged.readUInt8(at) ^ 0xff, at);
			}
			writeFileSync(file!, damaged);
			const damagedInode = statSync(file!).ino;

			for (const typing of ['one key at a time', 'all at once'] as const) {
				const app = open();
				await app.waitFor((screen) => screen.includes(allListed) && !screen.includes('loading'), {
					timeout: LOADING,
					description: 'the whole folder loaded',
				});
				app.press('/');
				if (typing === 'all at once') app.type('"number 1234"');
				else app.press(...'"number 1234"');
				await app.waitForText(`1 of ${SHOWN} match`, {timeout: LOADING});
				expect(app.screenText()).toContain(title(1234));
				if (typing === 'one key at a time') {
					// Written again whole (another file put in its place), and usable.
					await waitUntil(() => statSync(file!).ino !== damagedInode, 'the index kept again');
					expect('state' in (await decodeSnapshot(readFileSync(file!)))).toBe(true);
				}
				app.press('ctrl+c');
				expect((await app.waitForExit({timeout: LOADING})).exitCode).toBe(130);
			}
		},
		TEST_TIMEOUT,
	);

	it(
		'a file changed between runs shows its new title and is found by a new word',
		async () => {
			await runOnce();
			const changed = 1234;
			const path = join(folder, name(changed));
			writeFileSync(
				path,
				'Quokkas take over the harbour office\n\nNobody expected the marsupials.\n',
			);
			const later = new Date(PAST.getTime() + 60_000);
			utimesSync(path, later, later);

			for (const typing of ['one key at a time', 'all at once'] as const) {
				const app = open();
				await app.waitFor((screen) => screen.includes(allListed) && !screen.includes('loading'), {
					timeout: LOADING,
					description: 'the whole folder loaded',
				});
				app.press('/');
				if (typing === 'all at once') app.type('marsupals');
				else app.press(...'marsupals');
				// A typo, as people type: found in the new text, listed under the new title.
				await app.waitForText(`1 of ${SHOWN} match`, {timeout: LOADING});
				expect(app.screenText()).toContain('Quokkas take over the harbour office');
				expect(app.screenText()).not.toContain(title(changed));
				// Ctrl+C leaves with 130, as a shell's SIGINT does (ui/terminal.ts).
				app.press('ctrl+c');
				// Leaving writes what the cache still holds: on a loaded machine that can take a
				// few seconds (seen once at over 5 s in a clean-clone run with a CPU burner beside it).
				expect((await app.waitForExit({timeout: LOADING})).exitCode).toBe(130);
			}
		},
		TEST_TIMEOUT,
	);

	it(
		'files changed between runs are listed at once, marked while they are read again, then shown new',
		async () => {
			await runOnce();
			const changed = [1, 3];
			for (const [round, [rows, cols]] of [
				[24, 100],
				[20, 60],
			].entries()) {
				const revised = (index: number, when = round) =>
					`Revised ${when} story ${index} from the quay`;
				/** The title the database has from the run before. */
				const stored = (index: number) => (round === 0 ? title(index) : revised(index, round - 1));
				for (const index of changed) {
					const path = join(folder, name(index));
					writeFileSync(path, `${revised(index)}\n\nThe quay was busy all week.\n`);
					const later = new Date(PAST.getTime() + (round + 1) * 60_000);
					utimesSync(path, later, later);
				}
				const app = open(rows, cols);
				// The first frame whose last row, the status bar, is drawn: every file listed, two
				// being read again.
				let first: string | undefined;
				await app.waitFor(
					(screen) => {
						first ??= /^3,000 documents · 1\/3,000 · refreshing 2( |$)/.test(statusBar(screen))
							? screen
							: undefined;
						return first !== undefined;
					},
					{timeout: LOADING, description: 'the first frame'},
				);
				const lines = first!.split('\n');
				expect(statusBar(first!)).not.toContain('loading');
				// Listed as stored, with their old titles, marked in the read column; the others not.
				for (const index of changed) {
					expect(lines.find((line) => line.includes(stored(index)))).toMatch(
						new RegExp(`^ {4}↻ {2}${stored(index)}`),
					);
				}
				for (const index of [0, 2, 4]) {
					expect(lines.find((line) => line.includes(title(index)))).not.toContain('↻');
				}
				// Then read again: the new titles, unmarked, in the same places.
				await app.waitFor(
					(screen) =>
						statusBar(screen).startsWith(`${allListed} · 1/${SHOWN}`) &&
						!statusBar(screen).includes('refreshing'),
					{timeout: LOADING, description: 'the refresh done'},
				);
				const after = app.screenText().split('\n');
				expect(after[2]).toContain(revised(1));
				expect(after[4]).toContain(revised(3));
				expect(after.filter((line) => line.includes('↻'))).toEqual([]);
				expect(after.join('\n')).not.toContain(stored(1));
				// The cursor walks the rows as they are now: down three, onto the refreshed one.
				if (round === 0) app.press('j', 'j', 'j');
				else app.type('jjj');
				await app.waitFor((screen) => statusBar(screen).startsWith(`${allListed} · 4/${SHOWN}`));
				expect(app.screenText().split('\n')[4]).toMatch(new RegExp(`^▸ {3}[• ] {2}${revised(3)}`));
				app.press('q');
				expect((await app.waitForExit({timeout: LOADING})).exitCode).toBe(0);
			}
		},
		TEST_TIMEOUT,
	);
});

describe('the scan kept beside the cache', () => {
	it(
		'a second start takes the names while no folder changed, and sees a file added or removed between runs',
		async () => {
			// A folder of its own, with a subfolder, whose folders count as settled at once.
			const root = mkdtempSync(join(tmpdir(), 'reading-room-kept-scan-e2e-'));
			const cache = mkdtempSync(join(tmpdir(), 'reading-room-kept-scan-e2e-cache-'));
			const state = mkdtempSync(join(tmpdir(), 'reading-room-kept-scan-e2e-state-'));
			try {
				mkdirSync(join(root, 'older'));
				const body = paragraphs(2, 11).join('\n\n');
				for (let index = 0; index < 1000; index++) {
					const path = join(root, index < 800 ? name(index) : join('older', name(index)));
					writeFileSync(path, `${title(index)}\n\n${body}\n`);
					utimesSync(path, PAST, PAST);
				}
				const start = (rows = 24, cols = 100) => {
					const session = startApp([root], {
						cols,
						rows,
						env: {XDG_CACHE_HOME: cache, XDG_STATE_HOME: state, READING_ROOM_SETTLE_MS: '0'},
					});
					sessions.push(session);
					return session;
				};
				const listedOnce = async (count: string, rows?: number, cols?: number) => {
					const app = start(rows, cols);
					let first: string | undefined;
					await app.waitFor(
						(screen) => {
							first ??= screen.includes(title(0)) && / documents/.test(screen) ? screen : undefined;
							return (
								first !== undefined &&
								screen.includes(`${count} documents`) &&
								!screen.includes('loading')
							);
						},
						{timeout: LOADING, description: `${count} documents listed`},
					);
					return {app, first: first!};
				};
				const kept = () => {
					const [file] = readdirSync(join(cache, 'reading-room')).filter((entry) =>
						entry.endsWith('.scan'),
					);
					return file === undefined ? undefined : statSync(join(cache, 'reading-room', file)).ino;
				};

				const firstRun = await listedOnce('1,000');
				firstRun.app.press('q');
				expect((await firstRun.app.waitForExit({timeout: LOADING})).exitCode).toBe(0);
				const record = kept();
				expect(record).toBeDefined();

				// Nothing changed: listed whole in the first frame with titles, from the names kept
				// (the record is not written again), at two sizes.
				for (const [rows, cols] of [
					[10, 60],
					[30, 120],
				] as const) {
					const {app, first} = await listedOnce('1,000', rows, cols);
					expect(first).toContain('1,000 documents · 1/1,000');
					expect(first).not.toContain('loading');
					app.press('q');
					expect((await app.waitForExit({timeout: LOADING})).exitCode).toBe(0);
					expect(kept()).toBe(record);
				}

				// A file added in the subfolder: scanned again, found, and the new names kept.
				const added = join(root, 'older', 'pelicans.txt');
				writeFileSync(added, 'Pelicans audit the harbour ledgers\n\nEvery fish accounted for.\n');
				utimesSync(added, PAST, PAST);
				for (const typing of ['one key at a time', 'all at once'] as const) {
					const {app} = await listedOnce('1,001');
					app.press('/');
					if (typing === 'all at once') app.type('pelicnas');
					else app.press(...'pelicnas');
					await app.waitForText('1 of 1,001 match', {timeout: LOADING});
					expect(app.screenText()).toContain('Pelicans audit the harbour ledgers');
					app.press('ctrl+c');
					expect((await app.waitForExit({timeout: LOADING})).exitCode).toBe(130);
				}
				expect(kept()).not.toBe(record);

				// Removed again: no longer listed or found.
				unlinkSync(added);
				const {app} = await listedOnce('1,000');
				app.press('/');
				app.type('pelicans');
				await app.waitForText('No articles match', {timeout: LOADING});
				expect(app.screenText()).not.toContain('Pelicans audit');
				app.press('ctrl+c');
				expect((await app.waitForExit({timeout: LOADING})).exitCode).toBe(130);
			} finally {
				rmSync(root, {recursive: true, force: true});
				rmSync(cache, {recursive: true, force: true});
				rmSync(state, {recursive: true, force: true});
			}
		},
		TEST_TIMEOUT,
	);
});
