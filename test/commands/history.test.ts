import {appendFileSync, readFileSync, rmSync, utimesSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {historyCommand} from '../../source/commands/history.js';
import {loadAll} from '../../source/core/corpus/load.js';
import {fileModified} from '../../source/core/corpus/modified.js';
import {runCli} from '../fixtures/run-cli.js';
import {seedPath} from '../fixtures/seeds.js';
import {STORY_FILES, storyFiles} from '../fixtures/story.js';
import {makeTempFolder, type TempFolder} from '../fixtures/temp-folder.js';

const SEED_000 = '000_fcf7af4745e890eb.txt';
const SEED_001 = '001_2da24b835264bdcc.txt';

/** Runs the built CLI piped, in UTC so file times print the same everywhere. */
const run = (args: string[]) => runCli(args, {env: {TZ: 'UTC'}});

let folder: TempFolder | undefined;
afterEach(async () => {
	await folder?.remove();
	folder = undefined;
});

/** Seeds 000 and 001 (and 002, another story) copied, with the file times given: a git
 * checkout sets times arbitrarily. */
async function seedsWithTimes(time000: string, time001: string): Promise<TempFolder> {
	folder = await makeTempFolder();
	for (const prefix of ['000', '001', '002']) {
		const path = seedPath(prefix);
		await folder.write(path.slice(path.lastIndexOf('/') + 1), readFileSync(path));
	}
	utimesSync(join(folder.root, SEED_000), new Date(time000), new Date(time000));
	utimesSync(join(folder.root, SEED_001), new Date(time001), new Date(time001));
	return folder;
}

/** The generated story's six files, saved in the reverse of their datelines' order. */
async function storyFolder(options: {dateline?: boolean} = {}): Promise<TempFolder> {
	folder = await makeTempFolder();
	const files = storyFiles(options);
	for (const [index, file] of files.entries()) {
		const path = await folder.write(file.name, file.text);
		const time = new Date(Date.UTC(2020, 6, 30 - index, 12));
		utimesSync(path, time, time);
	}
	return folder;
}

describe('reading-room history', () => {
	it('--json orders seeds 000 and 001 by file time (000 has no dateline): one step', async () => {
		const {root} = await seedsWithTimes('2020-07-21T10:00:00Z', '2020-07-20T21:08:00Z');
		const {code, stdout} = run(['history', '000', root, '--json']);
		expect(code).toBe(0);
		expect(JSON.parse(stdout)).toEqual({
			documents: [
				{
					id: SEED_001,
					title: 'Prospects of Iran-Iraq ties',
					date: '2020-07-20T21:08:00.000Z',
					dateSource: 'mtime',
					words: 1266,
				},
				{
					id: SEED_000,
					title: 'In his first foreign trip, Iraqi Prime Minister Mustafa al-Kadhimi is expected…',
					date: '2020-07-21T10:00:00.000Z',
					dateSource: 'mtime',
					words: 1270,
				},
			],
			steps: [
				{
					from: SEED_001,
					to: SEED_000,
					stats: {
						wordsA: 1266,
						wordsB: 1270,
						common: 1253,
						deleted: 13,
						inserted: 17,
						similarity: 0.9881703470031545,
					},
					summary: 'body identical · headline removed · dateline removed · footer replaced',
				},
			],
			orderedBy: 'mtime',
			notes: [`not ordered by dateline: ${SEED_000} has no dateline`],
		});
	});

	it('follows the files’ times, whichever seed was saved first, and agrees with diff --json', async () => {
		const {root} = await seedsWithTimes('2020-07-20T09:00:00Z', '2020-07-21T09:00:00Z');
		const history = JSON.parse(run(['history', SEED_001, root, '--json']).stdout) as {
			documents: {id: string}[];
			steps: {stats: unknown}[];
		};
		expect(history.documents.map((document) => document.id)).toEqual([SEED_000, SEED_001]);
		const diff = JSON.parse(run(['diff', SEED_000, SEED_001, root, '--json']).stdout) as {
			stats: unknown;
		};
		expect(history.steps[0]!.stats).toEqual(diff.stats);
		expect(history.steps[0]!.stats).toMatchObject({deleted: 17, inserted: 13});
	});

	it('prints the versions with dates, files, words, changes and titles', async () => {
		const {root} = await seedsWithTimes('2020-07-21T10:00:00Z', '2020-07-20T21:08:00Z');
		const {code, stdout} = run(['history', '001', root, '--width', '80']);
		expect(code).toBe(0);
		expect(stdout).toBe(
			[
				'2 versions, ordered by file time',
				`! not ordered by dateline: ${SEED_000} has no dateline`,
				'',
				`v1  20 Jul 2020 21:08  ${SEED_001}   1,266 w`,
				'    Prospects of Iran-Iraq ties',
				'    first version',
				`v2  21 Jul 2020 10:00  ${SEED_000}   1,270 w`,
				'    In his first foreign trip, Iraqi Prime Minister Mustafa al-Kadhimi is expec…',
				'    body identical · headline removed · dateline removed · footer replaced',
				'',
			].join('\n'),
		);
	});

	it('exits 1 when the document has no other version', async () => {
		const {root} = await seedsWithTimes('2020-07-21T10:00:00Z', '2020-07-20T21:08:00Z');
		expect(run(['history', '002', root])).toEqual({
			code: 1,
			stdout: '002_f2f61d732b4d2628.txt has no other version here\n',
			stderr: '',
		});
		const json = run(['history', '002', root, '--json']);
		expect(json.code).toBe(1);
		expect(JSON.parse(json.stdout)).toMatchObject({
			documents: [{id: '002_f2f61d732b4d2628.txt', date: null, dateSource: 'name'}],
			steps: [],
		});
	});

	it('says so in one line when the document is unknown or missing', async () => {
		const {root} = await seedsWithTimes('2020-07-21T10:00:00Z', '2020-07-20T21:08:00Z');
		const unknown = run(['history', '009', root]);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toMatch(/^reading-room: no document "009" in .*\n$/);
		const missing = run(['history']);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toBe(
			'reading-room: history needs a document: reading-room history <doc> [folder]\n',
		);
	});

	it('--json orders the generated story by its datelines, though saved in reverse', async () => {
		const {root} = await storyFolder();
		const {code, stdout} = run(['history', 'story-a', root, '--json']);
		expect(code).toBe(0);
		const result = JSON.parse(stdout) as {
			documents: {id: string; title: string; date: string; dateSource: string; words: number}[];
			steps: {from: string; to: string; summary: string; stats: {deleted: number}}[];
			orderedBy: string;
			notes: string[];
		};
		expect(result.orderedBy).toBe('dateline');
		expect(result.notes).toEqual([]);
		expect(
			result.documents.map(({id, date, dateSource, words}) => [id, date, dateSource, words]),
		).toEqual([
			['story-c.txt', '2020-07-20T21:08', 'dateline', 176],
			['story-e.txt', '2020-07-21T10:15', 'dateline', 180],
			['story-a.txt', '2020-07-21T14:30', 'dateline', 275],
			['story-f.txt', '2020-07-22', 'dateline', 252],
			['story-b.txt', '2020-07-23', 'dateline', 252],
			['story-d.txt', '2020-07-24T08:05', 'dateline', 273],
		]);
		expect(result.documents[0]!.title).toBe('Talks on border crossings resume in Baghdad');
		expect(result.documents[1]!.title).toBe('Iraq and Iran agree to reopen two border crossings');
		expect(result.steps.map(({from, to, summary}) => [from, to, summary])).toEqual([
			// The diff's per-region summary: v2 sharpens the headline, v3 adds two paragraphs (the
			// minimal diff keeps common words inside them, so five runs), v4 removes one, v5
			// corrects a quote, v6 appends a correction; every dateline differs.
			['story-c.txt', 'story-e.txt', 'body identical · headline changed · dateline changed'],
			['story-e.txt', 'story-a.txt', 'body: 5 changes (+97 words) · dateline changed'],
			['story-a.txt', 'story-f.txt', 'body: 1 change (−21 words) · dateline changed'],
			['story-f.txt', 'story-b.txt', 'body: 2 changes (−2 +2 words) · dateline changed'],
			['story-b.txt', 'story-d.txt', 'body: 1 change (+19 words) · dateline changed'],
		]);
	});

	it('orders the story by file time when it has no datelines', async () => {
		const {root} = await storyFolder({dateline: false});
		const result = JSON.parse(run(['history', 'story-a', root, '--json']).stdout) as {
			documents: {id: string; dateSource: string}[];
			orderedBy: string;
		};
		expect(result.orderedBy).toBe('mtime');
		// Saved in reverse: the file times put the newest version first.
		expect(result.documents.map((document) => document.id)).toEqual([...STORY_FILES].reverse());
	});

	it('versions --json lists each group oldest first, with its members’ dates', async () => {
		const {root} = await storyFolder();
		const {code, stdout} = run(['versions', root, '--json']);
		expect(code).toBe(0);
		const {groups} = JSON.parse(stdout) as {
			groups: {documents: string[]; orderedBy: string; dates: unknown[]}[];
		};
		expect(groups).toHaveLength(1);
		expect(groups[0]!.documents).toEqual([...STORY_FILES]);
		expect(groups[0]!.orderedBy).toBe('dateline');
		expect(groups[0]!.dates[0]).toEqual({
			id: 'story-c.txt',
			date: '2020-07-20T21:08',
			dateSource: 'dateline',
		});
		expect(groups[0]!.dates[3]).toEqual({
			id: 'story-f.txt',
			date: '2020-07-22',
			dateSource: 'dateline',
		});
	});
});

describe('historyCommand on files that vanished or changed', () => {
	it('orders by name and says which file it could not read', async () => {
		const {root} = await seedsWithTimes('2020-07-21T10:00:00Z', '2020-07-20T21:08:00Z');
		const {documents} = await loadAll(root);
		let output = '';
		const code = await historyCommand({
			id: SEED_001,
			documents,
			json: false,
			width: 80,
			write: (text) => (output += text),
			modifiedOf: (document) =>
				document.id === SEED_000 ? {problem: 'vanished'} : {modifiedMs: 0},
			nowMs: Date.UTC(2026, 0, 1),
		});
		expect(code).toBe(0);
		expect(output.split('\n').slice(0, 7)).toEqual([
			'2 versions, ordered by name',
			`! not ordered by dateline: ${SEED_000} has no dateline`,
			`! no file time for ${SEED_000} (vanished): ordered by name`,
			'',
			`v1  —                  ${SEED_000}   1,270 w`,
			'    In his first foreign trip, Iraqi Prime Minister Mustafa al-Kadhimi is expec…',
			'    first version',
		]);
	});

	it('says which file changed or vanished since it was read, from the files themselves', async () => {
		const {root} = await seedsWithTimes('2020-07-21T10:00:00Z', '2020-07-20T21:08:00Z');
		const {documents} = await loadAll(root);
		appendFileSync(join(root, SEED_000), '\nA paragraph added after the folder was read.\n');
		const history = async () => {
			let output = '';
			const code = await historyCommand({
				id: SEED_001,
				documents,
				json: false,
				width: 80,
				write: (text) => (output += text),
				modifiedOf: fileModified,
				nowMs: Date.UTC(2026, 0, 1),
			});
			return {code, lines: output.split('\n')};
		};
		const changed = await history();
		expect(changed.code).toBe(0);
		expect(changed.lines.slice(0, 3)).toEqual([
			'2 versions, ordered by name',
			`! not ordered by dateline: ${SEED_000} has no dateline`,
			`! no file time for ${SEED_000} (changed since it was read): ordered by name`,
		]);
		// The text read is still what the history shows.
		expect(changed.lines).toContain(`v1  —                  ${SEED_000}   1,270 w`);
		rmSync(join(root, SEED_000));
		const vanished = await history();
		expect(vanished.code).toBe(0);
		expect(vanished.lines[2]).toBe(`! no file time for ${SEED_000} (vanished): ordered by name`);
	});

	it('never prints a control character from a document', async () => {
		folder = await makeTempFolder();
		const text = storyFiles()[0]!.text;
		await folder.write('a\x1b[31m.txt', text.replace('Talks', 'Talks\x1b]52;c;aGk=\x07'));
		await folder.write('b.txt', text.replace('Baghdad', 'Baghdad today'));
		const {code, stdout} = run(['history', 'b.txt', folder.root]);
		expect(code).toBe(0);
		// eslint-disable-next-line no-control-regex -- no control character may come out
		expect(stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
		expect(stdout).toContain('a␛[31m.txt');
	});
});
