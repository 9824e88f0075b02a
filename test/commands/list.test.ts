import {execFileSync} from 'node:child_process';
import {
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	realpathSync,
	rmSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {SEEDS_FOLDER, seedDocuments} from '../fixtures/seeds.js';
import {cliPath} from '../e2e/terminal.js';
import {listCommand, readingFacts} from '../../source/commands/list.js';
import {versionSignature} from '../../source/core/versions/signature.js';
import type {Document, SkippedFile} from '../../source/core/types.js';

const seeds = seedDocuments();
const stateHome = mkdtempSync(join(tmpdir(), 'reading-room-list-'));
afterAll(() => rmSync(stateHome, {recursive: true, force: true}));

/** `reading-room list …` over the seeds (a copy's real path is what places are kept under). */
function list(args: string[], env: Record<string, string> = {}): string {
	return execFileSync(process.execPath, [cliPath, 'list', SEEDS_FOLDER, '--no-cache', ...args], {
		encoding: 'utf8',
		env: {...process.env, XDG_STATE_HOME: stateHome, ...env},
	});
}

describe('list --json "progress"', () => {
	it('is null for every article never opened', () => {
		const json = JSON.parse(list(['--json']));
		expect(json.documents.map((document: {progress: unknown}) => document.progress)).toEqual([
			null,
			null,
			null,
			null,
			null,
		]);
	});

	it('is how far each was read, 1 once read, from the state file', () => {
		const folder = realpathSync(SEEDS_FOLDER).replace(/\/$/, '');
		const place = (index: number, fields: object) => [
			`${folder}/${seeds[index]!.id}`,
			{hash: seeds[index]!.hash, paragraph: 3, offset: 0, savedAt: 1, ...fields},
		];
		mkdirSync(join(stateHome, 'reading-room'), {recursive: true});
		writeFileSync(
			join(stateHome, 'reading-room', 'positions.json'),
			JSON.stringify({
				version: 1,
				places: Object.fromEntries([
					place(1, {progress: 0.45}),
					place(3, {progress: 0.2, mark: 'read'}),
					place(4, {mark: 'unread'}),
				]),
			}),
		);
		const json = JSON.parse(list(['--json']));
		expect(json.documents.map((document: {progress: unknown}) => document.progress)).toEqual([
			null,
			0.45,
			null,
			1,
			0,
		]);
		// --no-state reads nothing.
		const without = JSON.parse(list(['--json', '--no-state']));
		expect(
			without.documents.every((document: {progress: unknown}) => document.progress === null),
		).toBe(true);
	});
});

describe('list --sort', () => {
	const ids = (output: string) =>
		output
			.trimEnd()
			.split('\n')
			.map((line) => line.slice(0, 3));

	it('lists by title, longest first, by name; versions (000 and 001) together', () => {
		// Titles: 002 "Al-Kadhimi's…", 000 "In his first…" (001 "Prospects…" behind it),
		// 004 "Iranian Foreign…", 003 "Kadhimi in Iran…".
		expect(ids(list(['--sort', 'title']))).toEqual(['002', '000', '001', '004', '003']);
		expect(ids(list(['--sort', 'words']))).toEqual(['000', '001', '002', '003', '004']);
		expect(ids(list(['--sort', 'name']))).toEqual(['000', '001', '002', '003', '004']);
	});

	it('lists newest first by dateline, else file time; versions beside the newest of their group', () => {
		// Only 001 has a dateline (July 20, 2020 - 21:8): its file time, newest of all, is not
		// its date. The others go by file time.
		const folder = mkdtempSync(join(tmpdir(), 'reading-room-list-date-'));
		try {
			const times: Record<string, string> = {
				'000': '2020-07-22T12:00:00Z',
				'001': '2021-01-01T12:00:00Z',
				'002': '2020-08-01T12:00:00Z',
				'003': '2020-07-25T12:00:00Z',
				'004': '2020-07-10T12:00:00Z',
			};
			for (const document of seeds) {
				const path = join(folder, document.id);
				copyFileSync(join(SEEDS_FOLDER, document.id), path);
				const time = new Date(times[document.id.slice(0, 3)]!);
				utimesSync(path, time, time);
			}
			const output = execFileSync(
				process.execPath,
				[cliPath, 'list', folder, '--no-cache', '--no-state', '--sort', 'date'],
				{encoding: 'utf8'},
			);
			// 002 (Aug 1), 003 (Jul 25), 000 (Jul 22) with its version 001 (Jul 20) behind it,
			// 004 (Jul 10). Ordered by 001's file time, the pair would come first.
			expect(ids(output)).toEqual(['002', '003', '000', '001', '004']);
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});

	it('lists the last read first, the never read after them by name', () => {
		const folder = realpathSync(SEEDS_FOLDER).replace(/\/$/, '');
		const place = (index: number, savedAt: number) => [
			`${folder}/${seeds[index]!.id}`,
			{hash: seeds[index]!.hash, paragraph: 0, offset: 0, savedAt},
		];
		const readHome = mkdtempSync(join(tmpdir(), 'reading-room-list-read-'));
		try {
			mkdirSync(join(readHome, 'reading-room'), {recursive: true});
			writeFileSync(
				join(readHome, 'reading-room', 'positions.json'),
				JSON.stringify({version: 1, places: Object.fromEntries([place(3, 100), place(2, 200)])}),
			);
			expect(ids(list(['--sort', 'read'], {XDG_STATE_HOME: readHome}))).toEqual([
				'002',
				'003',
				'000',
				'001',
				'004',
			]);
		} finally {
			rmSync(readHome, {recursive: true, force: true});
		}
	});

	it('refuses an order it does not know, in one line', () => {
		expect(() =>
			execFileSync(process.execPath, [cliPath, 'list', '--sort', 'size'], {
				encoding: 'utf8',
				stdio: 'pipe',
			}),
		).toThrow(/--sort takes one of: name, date, title, words, read/);
	});
});

describe('list, piped', () => {
	it('prints long file names whole, so a script can pass them on to show', () => {
		const folder = mkdtempSync(join(tmpdir(), 'reading-room-list-names-'));
		try {
			const long = 'a-long-file-name-that-a-script-passes-on-to-show-as-it-is.txt';
			writeFileSync(join(folder, long), 'A short headline\n\nA body of a few words.\n');
			writeFileSync(join(folder, 'b.txt'), 'Another headline\n\nAnother body.\n');
			const output = execFileSync(process.execPath, [cliPath, 'list', folder, '--no-cache'], {
				encoding: 'utf8',
				env: {...process.env, XDG_STATE_HOME: stateHome},
			});
			expect(output.split('\n')[0]).toBe(`${long}       9 w   1 min  A short headline`);
			expect(output.split('\n')[1]).toMatch(/^b\.txt {50}/);
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});
});

describe('listCommand', () => {
	const story = (at: number, title?: string) => {
		const number = String(at + 1).padStart(4, '0');
		return {
			id: `d${number}.txt`,
			title: title ?? `Story ${number}`,
			words: at + 1,
			readingMinutes: 1,
			paragraphs: ['One.', 'Two.'],
		} as unknown as Document;
	};
	const written = (documents: Document[], json = false, skipped: SkippedFile[] = []) => {
		const pieces: string[] = [];
		listCommand({
			folder: '/folder',
			documents,
			skipped,
			json,
			write: (text) => pieces.push(text),
		});
		return pieces;
	};

	it('prints every line once, in order, in pieces of whole lines of at most 32,000 characters', () => {
		// Lines of 40 characters with their newline: 800 fill a piece exactly, 801 would not.
		const pieces = written(Array.from({length: 4100}, (_, at) => story(at)));
		expect(pieces.map((piece) => piece.length)).toEqual([
			32_000, 32_000, 32_000, 32_000, 32_000, 4000,
		]);
		expect(pieces[0]!.endsWith('d0800.txt     800 w   1 min  Story 0800\n')).toBe(true);
		expect(pieces[1]!.startsWith('d0801.txt     801 w   1 min  Story 0801\n')).toBe(true);
		const lines = pieces.join('').split('\n');
		expect(lines).toHaveLength(4101);
		expect(lines.slice(4094, 4096)).toEqual([
			'd4095.txt   4,095 w   1 min  Story 4095',
			'd4096.txt   4,096 w   1 min  Story 4096',
		]);
		expect(lines[0]).toBe('d0001.txt       1 w   1 min  Story 0001');
		expect(lines.at(-2)).toBe('d4100.txt   4,100 w   1 min  Story 4100');
		expect(lines.at(-1)).toBe('');
	});

	it('writes a line longer than a piece whole and alone, piped', () => {
		const long = 'word '.repeat(8000).trim();
		const pieces = written([story(0, long), story(1), story(2, long)]);
		expect(pieces).toEqual([
			`d0001.txt       1 w   1 min  ${long}\n`,
			'd0002.txt       2 w   1 min  Story 0002\n',
			`d0003.txt       3 w   1 min  ${long}\n`,
		]);
	});

	it('writes --json as JSON.stringify lays it out, two spaces a level, in pieces', () => {
		const dated = {
			...story(0, 'Quotes " and a line\nbreak'),
			dateline: 'TEHRAN, Jan 3',
			source: 'Reuters',
		} as unknown as Document;
		const pieces = written([dated, story(1)], true, [{id: 'b.bin', reason: 'binary'}]);
		expect(pieces.join('')).toBe(
			[
				'{',
				'  "folder": "/folder",',
				'  "documents": [',
				'    {',
				'      "id": "d0001.txt",',
				'      "title": "Quotes \\" and a line\\nbreak",',
				'      "words": 1,',
				'      "paragraphs": 2,',
				'      "readingMinutes": 1,',
				'      "dateline": "TEHRAN, Jan 3",',
				'      "source": "Reuters",',
				'      "progress": null',
				'    },',
				'    {',
				'      "id": "d0002.txt",',
				'      "title": "Story 0002",',
				'      "words": 2,',
				'      "paragraphs": 2,',
				'      "readingMinutes": 1,',
				'      "dateline": null,',
				'      "source": null,',
				'      "progress": null',
				'    }',
				'  ],',
				'  "skipped": [',
				'    {',
				'      "id": "b.bin",',
				'      "reason": "binary"',
				'    }',
				'  ]',
				'}',
				'',
			].join('\n'),
		);
		expect(written([], true).join('')).toBe(
			'{\n  "folder": "/folder",\n  "documents": [],\n  "skipped": []\n}\n',
		);
	});

	it('writes --json of 3,000 documents in full pieces of at most 32,000 characters, laid out as JSON.stringify does', () => {
		const documents = Array.from({length: 3000}, (_, at) => story(at));
		const pieces = written(documents, true);
		const whole = pieces.join('');
		expect(whole).toBe(
			JSON.stringify(
				{
					folder: '/folder',
					documents: documents.map((document, at) => ({
						id: document.id,
						title: document.title,
						words: at + 1,
						paragraphs: 2,
						readingMinutes: 1,
						dateline: null,
						source: null,
						progress: null,
					})),
					skipped: [],
				},
				null,
				2,
			) + '\n',
		);
		// 3,000 documents of about 210 characters each: 20 pieces, all but the last full.
		expect(pieces).toHaveLength(20);
		for (const piece of pieces.slice(0, -1)) {
			expect(piece.length).toBeLessThanOrEqual(32_000);
			expect(piece.length).toBeGreaterThan(31_700);
		}
	});
});

describe('readingFacts, a sort that keeps versions together', () => {
	/** The seeds, counting which ones have their text or paragraphs read. */
	function countedSeeds() {
		const read = new Set<string>();
		const documents = seedDocuments().map(
			(document) =>
				new Proxy(document, {
					get(target, property, receiver) {
						if (property === 'text' || property === 'paragraphs') read.add(target.id);
						return Reflect.get(target, property, receiver) as unknown;
					},
				}),
		);
		return {documents, read};
	}
	const byTitle = [
		'002_f2f61d732b4d2628.txt',
		'000_fcf7af4745e890eb.txt',
		'001_2da24b835264bdcc.txt',
		'004_84368847e5c1b126.txt',
		'003_9ce0b3694a9a8d18.txt',
	];

	it('signs the documents from the kept signatures: only the pair compared is read', async () => {
		const signatures = new Map(seeds.map((seed) => [seed.id, versionSignature(seed.text)]));
		const {documents, read} = countedSeeds();
		const sorted = await readingFacts(SEEDS_FOLDER, documents, {
			remember: false,
			sort: 'title',
			knownFacts: () => ({
				signature: (document) => signatures.get(document.id),
				datelineDate: () => undefined,
			}),
		});
		expect(sorted.documents.map((document) => document.id)).toEqual(byTitle);
		expect([...read].sort()).toEqual(['000_fcf7af4745e890eb.txt', '001_2da24b835264bdcc.txt']);
	});

	it('reads every text without them, in the same order', async () => {
		const {documents, read} = countedSeeds();
		const sorted = await readingFacts(SEEDS_FOLDER, documents, {remember: false, sort: 'title'});
		expect(sorted.documents.map((document) => document.id)).toEqual(byTitle);
		expect(read.size).toBe(5);
	});
});
