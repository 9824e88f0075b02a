import {Buffer} from 'node:buffer';
import {createHash} from 'node:crypto';
import {execFileSync} from 'node:child_process';
import {
	mkdirSync,
	renameSync,
	statSync,
	symlinkSync,
	unlinkSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import {join} from 'node:path';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {afterEach, describe, expect, it} from 'vitest';
import {loadAll, loadCorpus, type CorpusBatch} from '../../../source/core/corpus/load.js';
import {openStore} from '../../../source/core/store/open.js';
import {keptScan, scanRecord} from '../../../source/core/corpus/kept-scan.js';
import {scanFolder, type ScanResult} from '../../../source/core/corpus/scan.js';
import {hasMkfifo, makeTempFolder, type TempFolder} from '../../fixtures/temp-folder.js';
// The first frame is painted from the loader's first batches: the record waits for it.
import {paintFirstFrame} from '../../../source/ui/first-paint.js';

let folder: TempFolder | undefined;
afterEach(async () => {
	await folder?.remove();
	folder = undefined;
});

/** A folder of articles at the top and two levels down, with what the scan passes over; its
 * files modified a day ago, so a store takes them as they were stored (one modified in the
 * last two seconds is read again every time). */
async function articles(): Promise<TempFolder> {
	const made = await makeTempFolder({
		'b 10.txt': 'Ten.\n',
		'b 2.txt': 'Two.\n',
		'notes/c.md': '# C\n',
		'notes/deeper/d': 'No extension.\n',
		'photo.jpg': 'not an article',
		'.hidden/e.txt': 'Hidden.\n',
		'node_modules/f.txt': 'Passed over.\n',
	});
	const past = new Date(Date.now() - 86_400_000);
	for (const file of ['b 10.txt', 'b 2.txt', 'notes/c.md', 'notes/deeper/d']) {
		utimesSync(join(made.root, file), past, past);
	}
	return made;
}

/**
 * Waits until a change made now gets a later change time than every folder of `scan` has: the
 * kernel stamps times from a clock that moves in ticks (a few milliseconds), and a change in
 * the same tick would keep the time the record holds (which is why SETTLE_MS exists).
 */
async function pastTheFoldersTick(scan: ScanResult): Promise<void> {
	await pastTheTick(newestInScan(scan));
}

/** Waits until a change made now gets a later time than one made at `newest` (ms) did. */
async function pastTheTick(newest: number): Promise<void> {
	while (Date.now() <= newest + 20) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** The record of a scan of `root`, every folder taken as settled (the scan said to have begun
 * a minute from now: a folder made in the same millisecond as the scan has a later time). */
async function recordOf(root: string): Promise<{scan: ScanResult; record: string}> {
	const scan = await scanFolder(root);
	const record = scanRecord(root, scan, Date.now() + 60_000, 0);
	expect(record).toBeDefined();
	return {scan, record: record!};
}

const newestInScan = (scan: ScanResult) =>
	Math.max(...scan.directories!.map(({stats}) => Number(stats.ctimeNs / 1_000_000n)));

/** The loader's next batch (it has one). */
async function nextBatch(batches: AsyncGenerator<CorpusBatch>): Promise<CorpusBatch> {
	const next = await batches.next();
	if (next.done === true) throw new Error('the loader ended without its last batch');
	return next.value;
}

const idsOf = (scan: ScanResult | undefined) => scan?.files.map((file) => file.id);

describe('kept scan', () => {
	it('gives the files the scan found, in its order, with their paths, while no folder changed', async () => {
		folder = await articles();
		const {scan, record} = await recordOf(folder.root);
		expect(scan.directories!.map(({id}) => id)).toEqual(['', 'notes', 'notes/deeper']);
		const kept = keptScan(folder.root, record);
		expect(idsOf(kept)).toEqual(['b 2.txt', 'b 10.txt', 'notes/c.md', 'notes/deeper/d']);
		expect(kept!.files.map((file) => file.path)).toEqual([
			join(folder.root, 'b 2.txt'),
			join(folder.root, 'b 10.txt'),
			join(folder.root, 'notes/c.md'),
			join(folder.root, 'notes/deeper/d'),
		]);
		expect(kept!.skipped).toEqual([]);
		expect(kept!.paths).toEqual({
			prefix: `${folder.root}/`,
			names: 'b 2.txt\nb 10.txt\nnotes/c.md\nnotes/deeper/d',
			separator: '\n',
			count: 4,
		});
	});

	it('still vouches when a file is changed in place (the loader stats every file for that)', async () => {
		folder = await articles();
		const {scan, record} = await recordOf(folder.root);
		await pastTheFoldersTick(scan);
		writeFileSync(join(folder.root, 'notes/c.md'), '# C, longer now\n');
		expect(idsOf(keptScan(folder.root, record))).toEqual(idsOf(scan));
	});

	it.each([
		[
			'a file added deep down',
			(root: string) => writeFileSync(join(root, 'notes/deeper/new.txt'), 'New.\n'),
		],
		['a file removed', (root: string) => unlinkSync(join(root, 'b 2.txt'))],
		[
			'a file renamed',
			(root: string) => renameSync(join(root, 'notes/c.md'), join(root, 'notes/c2.md')),
		],
		['a folder made', (root: string) => mkdirSync(join(root, 'more'))],
		['a folder removed', (root: string) => execFileSync('rm', ['-r', join(root, 'notes/deeper')])],
	])('does not vouch once %s', async (_, change) => {
		folder = await articles();
		const {scan, record} = await recordOf(folder.root);
		await pastTheFoldersTick(scan);
		change(folder.root);
		expect(keptScan(folder.root, record)).toBeUndefined();
	});

	it('does not vouch for another folder with the same names', async () => {
		folder = await articles();
		const {record} = await recordOf(folder.root);
		const other = await articles();
		try {
			expect(keptScan(other.root, record)).toBeUndefined();
		} finally {
			await other.remove();
		}
	});

	it('is not kept for a folder changed within the settling time before the scan', async () => {
		folder = await articles();
		const scan = await scanFolder(folder.root);
		const newest = Math.max(
			...scan.directories!.map(({stats}) => Number(stats.ctimeNs / 1_000_000n)),
		);
		// Begun 1 s after the newest change: settled for 0.5 s, not for 2 s.
		expect(scanRecord(folder.root, scan, newest + 1000, 500)).toBeDefined();
		expect(scanRecord(folder.root, scan, newest + 1000, 2000)).toBeUndefined();
		expect(scanRecord(folder.root, scan, newest + 1000)).toBeUndefined();
	});

	it('is not kept when the scan met a link, skipped a file or read a name that is not UTF-8', async () => {
		folder = await articles();
		symlinkSync(join(folder.root, 'b 2.txt'), join(folder.root, 'link.txt'));
		expect(
			scanRecord(folder.root, await scanFolder(folder.root), Date.now() + 60_000, 0),
		).toBeUndefined();
		unlinkSync(join(folder.root, 'link.txt'));
		expect(
			scanRecord(folder.root, await scanFolder(folder.root), Date.now() + 60_000, 0),
		).toBeDefined();
		writeFileSync(
			Buffer.concat([Buffer.from(`${folder.root}/`), Buffer.from('caf\xe9.txt', 'latin1')]),
			'x',
		);
		expect(
			scanRecord(folder.root, await scanFolder(folder.root), Date.now() + 60_000, 0),
		).toBeUndefined();
	});

	it('is not kept when a name is shown otherwise than it is, or a folder\u2019s name is not UTF-8', async () => {
		// A control character: shown as its picture, so the id is not the file's name.
		folder = await articles();
		writeFileSync(join(folder.root, 'a\x1b.txt'), 'Escaped.\n');
		const shown = await scanFolder(folder.root);
		expect(shown.files.map((file) => file.id)).toContain('a␛.txt');
		expect(scanRecord(folder.root, shown, Date.now() + 60_000, 0)).toBeUndefined();
		unlinkSync(join(folder.root, 'a\x1b.txt'));
		expect(
			scanRecord(folder.root, await scanFolder(folder.root), Date.now() + 60_000, 0),
		).toBeDefined();
		// A folder with no articles whose name is not UTF-8 (its id is the name read as Latin-1).
		mkdirSync(Buffer.concat([Buffer.from(`${folder.root}/`), Buffer.from('caf\xe9', 'latin1')]));
		const raw = await scanFolder(folder.root);
		expect(raw.directories!.map(({id}) => id)).toContain('café');
		expect(scanRecord(folder.root, raw, Date.now() + 60_000, 0)).toBeUndefined();
	});

	it.skipIf(!hasMkfifo())('is not kept when a file was skipped (a named pipe)', async () => {
		folder = await articles();
		execFileSync('mkfifo', [join(folder.root, 'pipe.txt')]);
		const scan = await scanFolder(folder.root);
		expect(scan.skipped.map((file) => file.id)).toEqual(['pipe.txt']);
		expect(scanRecord(folder.root, scan, Date.now() + 60_000, 0)).toBeUndefined();
	});

	it('is kept for a folder with no articles, and gives none back', async () => {
		folder = await makeTempFolder({'photo.jpg': 'x'});
		const {record} = await recordOf(folder.root);
		expect(keptScan(folder.root, record)).toEqual({files: [], skipped: []});
	});

	it('does not take a record that does not hold together, or one whose ids lead out of the folder', async () => {
		folder = await articles();
		const {record} = await recordOf(folder.root);
		const [header, ...ids] = record.split('\n');
		const withIds = (lines: string[], digest = true) => {
			const text = lines.join('\n');
			const parsed = JSON.parse(header!) as Record<string, unknown>;
			if (digest) parsed['digest'] = createHash('sha1').update(text).digest('base64');
			parsed['files'] = lines.length;
			return `${JSON.stringify(parsed)}\n${text}`;
		};
		// As kept, and as written again by the test: the same.
		expect(idsOf(keptScan(folder.root, withIds(ids)))).toEqual(ids);
		expect(keptScan(folder.root, withIds([...ids, 'extra.txt'], false))).toBeUndefined();
		expect(keptScan(folder.root, withIds(['../../etc/passwd']))).toBeUndefined();
		expect(keptScan(folder.root, withIds(['notes/../../x.txt']))).toBeUndefined();
		expect(keptScan(folder.root, withIds(['/etc/passwd']))).toBeUndefined();
		expect(keptScan(folder.root, withIds(['.hidden/e.txt']))).toBeUndefined();
		expect(keptScan(folder.root, withIds(['node_modules/f.txt']))).toBeUndefined();
		expect(keptScan(folder.root, withIds(['b 2.txt', '']))).toBeUndefined();
		expect(keptScan(folder.root, withIds(['b 2.txt', 'x\0y.txt']))).toBeUndefined();
		expect(keptScan(folder.root, withIds(['b 2.txt', 'a\x1b[2J.txt']))).toBeUndefined();
		expect(keptScan(folder.root, withIds(['elsewhere/c.md']))).toBeUndefined();
		expect(idsOf(keptScan(folder.root, withIds(['b 2.txt', 'notes/deeper/d'])))).toEqual([
			'b 2.txt',
			'notes/deeper/d',
		]);
		// Through a link in the folder (a kept scan met none): a record made up with the folders
		// as they are now, naming the link as a folder or not at all.
		symlinkSync(join(folder.root, 'notes'), join(folder.root, 'linked'));
		const identity = (id: string) => {
			const stats = statSync(join(folder!.root, id), {bigint: true});
			return `${stats.dev}:${stats.ino}:${stats.ctimeNs}`;
		};
		const madeUp = (directories: string[], lines: string[]) => {
			const text = lines.join('\n');
			const header = {
				format: 1,
				directories: directories.map((id) => [id, identity(id)]),
				files: lines.length,
				digest: createHash('sha1').update(text).digest('base64'),
			};
			return `${JSON.stringify(header)}\n${text}`;
		};
		expect(idsOf(keptScan(folder.root, madeUp(['', 'notes'], ['b 2.txt', 'notes/c.md'])))).toEqual([
			'b 2.txt',
			'notes/c.md',
		]);
		expect(keptScan(folder.root, madeUp(['', 'notes'], ['linked/c.md']))).toBeUndefined();
		expect(keptScan(folder.root, madeUp(['', 'linked'], ['linked/c.md']))).toBeUndefined();
		expect(keptScan(folder.root, record.slice(0, -3))).toBeUndefined();
		expect(keptScan(folder.root, record.replace('"format":1', '"format":2'))).toBeUndefined();
		expect(keptScan(folder.root, 'not a record')).toBeUndefined();
		expect(keptScan(folder.root, '')).toBeUndefined();
	});

	it('keeps the folders by device, inode and change time', async () => {
		folder = await articles();
		const {record} = await recordOf(folder.root);
		const stats = statSync(join(folder.root, 'notes'), {bigint: true});
		expect(JSON.parse(record.split('\n')[0]!).directories[1]).toEqual([
			'notes',
			`${stats.dev}:${stats.ino}:${stats.ctimeNs}`,
		]);
	});
});

describe('a start with a store keeps its scan', () => {
	let cacheHome: string | undefined;
	afterEach(() => {
		if (cacheHome !== undefined) rmSync(cacheHome, {recursive: true, force: true});
		cacheHome = undefined;
	});

	/** Loads the folder as a start does, through a store in `cacheHome`; the ids listed. */
	const load = async (options: {useCache?: boolean; settleMs?: number; through?: string} = {}) => {
		const root = options.through ?? folder!.root;
		const store = openStore({folder: root, useCache: options.useCache ?? true, cacheHome});
		try {
			return (await loadAll(root, {store, settleMs: options.settleMs ?? 0})).documents;
		} finally {
			store.close();
		}
	};
	const start = async (options: {useCache?: boolean; settleMs?: number} = {}) =>
		(await load(options)).map((document) => document.id);
	/** A cache of its own for the folder just made, once the clock has moved past its making, so
	 * the scan that follows begins after it, even by a clock that moves in ticks. */
	const cacheAfterTheTick = async () => {
		await pastTheTick(Date.now());
		return mkdtempSync(join(tmpdir(), 'reading-room-kept-scan-'));
	};
	const keptFiles = () =>
		readdirSync(join(cacheHome!, 'reading-room')).filter((name) => name.endsWith('.scan'));
	const keptRecord = () => readFileSync(join(cacheHome!, 'reading-room', keptFiles()[0]!), 'utf8');

	it('lists the next start from it, and scans again once a folder changed', async () => {
		folder = await articles();
		cacheHome = await cacheAfterTheTick();
		const all = ['b 2.txt', 'b 10.txt', 'notes/c.md', 'notes/deeper/d'];
		expect(await start()).toEqual(all);
		expect(keptFiles()).toHaveLength(1);
		// The record, written again with one file fewer (and its digest made to match): the next
		// start lists what the record says, so it did not read the folder.
		const record = keptRecord();
		const [header, ...ids] = record.split('\n');
		const fewer = ids.filter((id) => id !== 'notes/c.md').join('\n');
		const forged = JSON.parse(header!) as Record<string, unknown>;
		forged['files'] = 3;
		forged['digest'] = createHash('sha1').update(fewer).digest('base64');
		writeFileSync(
			join(cacheHome, 'reading-room', keptFiles()[0]!),
			`${JSON.stringify(forged)}\n${fewer}`,
		);
		expect(await start()).toEqual(['b 2.txt', 'b 10.txt', 'notes/deeper/d']);
		// A file added: the folder is scanned, and the new record has it.
		await pastTheTick(newestInRecord(record));
		writeFileSync(join(folder.root, 'notes/new.txt'), 'New.\n');
		const now = ['b 2.txt', 'b 10.txt', 'notes/c.md', 'notes/deeper/d', 'notes/new.txt'];
		expect(await start()).toEqual(now);
		expect(keptRecord().split('\n').slice(1)).toEqual(now);
	});

	it('is kept once the first documents are handed over (the first frame’s), or with the last batch', async () => {
		folder = await articles();
		cacheHome = await cacheAfterTheTick();
		const store = openStore({folder: folder.root, useCache: true, cacheHome});
		try {
			// The first screenful is one document: the first frame is painted from that batch.
			const batches = loadCorpus(folder.root, {store, settleMs: 0, firstBatchDocuments: 1});
			expect(await nextBatch(batches)).toMatchObject({documents: [], loaded: 0});
			const first = await nextBatch(batches);
			expect(first.documents.map((document) => document.id)).toEqual(['b 2.txt']);
			expect(keptFiles()).toEqual([]);
			expect(await nextBatch(batches)).toMatchObject({done: true, loaded: 4});
			expect(keptFiles()).toHaveLength(1);
			expect(keptRecord().split('\n').slice(1)).toEqual([
				'b 2.txt',
				'b 10.txt',
				'notes/c.md',
				'notes/deeper/d',
			]);
		} finally {
			store.close();
		}
		// A folder loaded in one batch: kept before it, as the loader is not asked again.
		rmSync(cacheHome, {recursive: true, force: true});
		cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-kept-scan-'));
		const again = openStore({folder: folder.root, useCache: true, cacheHome});
		try {
			const batches = loadCorpus(folder.root, {store: again, settleMs: 0});
			await nextBatch(batches);
			expect(await nextBatch(batches)).toMatchObject({done: true, loaded: 4});
			expect(keptFiles()).toHaveLength(1);
		} finally {
			again.close();
		}
	});

	it('is not kept before the first frame when the first batch of documents is cut short by its bytes', async () => {
		// Forty articles of 40 kB: the loader's first batch ends at 256 kB (seven of them), short
		// of a 12-row screen, so the first paint asks for the next batch before painting.
		const body = `${'word '.repeat(8000)}\n`;
		const files: Record<string, string> = {};
		for (let index = 0; index < 40; index++) {
			files[`${String(index).padStart(2, '0')}.txt`] = `Title ${index}\n\n${body}`;
		}
		folder = await makeTempFolder(files);
		const past = new Date(Date.now() - 86_400_000);
		for (const name of Object.keys(files)) utimesSync(join(folder.root, name), past, past);
		cacheHome = await cacheAfterTheTick();
		const store = openStore({folder: folder.root, useCache: true, cacheHome});
		const keptAtPaint: number[] = [];
		const stdout = {
			columns: 80,
			rows: 12,
			write: () => {
				keptAtPaint.push(keptFiles().length);
				return true;
			},
		} as unknown as NodeJS.WriteStream;
		try {
			const painted = await paintFirstFrame({
				folder: folder.root,
				folderLabel: 'articles',
				colour: false,
				stdout,
				store,
				remembering: false,
				settleMs: 0,
			});
			expect(keptAtPaint).toEqual([0]);
			for await (const batch of painted.batches) if (batch.done) break;
			expect(keptFiles()).toHaveLength(1);
		} finally {
			store.close();
		}
	});

	it('is kept on a start whose changed files are read again after the list', async () => {
		folder = await articles();
		cacheHome = await cacheAfterTheTick();
		expect(await start()).toHaveLength(4);
		rmSync(join(cacheHome, 'reading-room', keptFiles()[0]!));
		const now = new Date();
		utimesSync(join(folder.root, 'b 2.txt'), now, now);
		const store = openStore({folder: folder.root, useCache: true, cacheHome});
		try {
			const batches: CorpusBatch[] = [];
			for await (const batch of loadCorpus(folder.root, {store, settleMs: 0, refreshLater: true})) {
				batches.push(batch);
				if (batch.done) break;
			}
			expect(batches.some((batch) => (batch.refreshed?.length ?? 0) > 0)).toBe(true);
			expect(keptFiles()).toHaveLength(1);
		} finally {
			store.close();
		}
	});

	it('keeps none for a folder that has not settled, and removes the one kept', async () => {
		folder = await articles();
		cacheHome = await cacheAfterTheTick();
		await start();
		expect(keptFiles()).toHaveLength(1);
		// Unchanged: taken, not written again, whatever the settling time.
		await start({settleMs: 3_600_000});
		expect(keptFiles()).toHaveLength(1);
		await pastTheTick(newestInRecord(keptRecord()));
		writeFileSync(join(folder.root, 'notes/new.txt'), 'New.\n');
		expect(await start({settleMs: 3_600_000})).toContain('notes/new.txt');
		expect(keptFiles()).toEqual([]);
	});

	it('gives the documents the paths the scan gives, through a link to the folder too', async () => {
		folder = await articles();
		cacheHome = await cacheAfterTheTick();
		const link = join(cacheHome, 'link');
		symlinkSync(folder.root, link);
		for (const root of [folder.root, link]) {
			// The first load through the folder scans it; every other takes the names kept.
			for (const run of ['first', 'second']) {
				const documents = await load({through: root});
				expect([run, documents.map((document) => document.path)]).toEqual([
					run,
					['b 2.txt', 'b 10.txt', 'notes/c.md', 'notes/deeper/d'].map((id) => join(root, id)),
				]);
				// The .md file read as Markdown, told by its id or its path.
				expect(documents.map((document) => document.markdown !== undefined)).toEqual([
					false,
					false,
					true,
					false,
				]);
			}
		}
		expect(keptFiles()).toHaveLength(1);
	});

	it('scans the folder when a record names a file through a link, the stat worker on it stopped', async () => {
		folder = await articles();
		cacheHome = await cacheAfterTheTick();
		await start();
		symlinkSync(join(folder.root, 'notes'), join(folder.root, 'linked'));
		// Made up with the folders as they are now (the link made the folder change).
		const identity = (id: string) => {
			const stats = statSync(join(folder!.root, id), {bigint: true});
			return `${stats.dev}:${stats.ino}:${stats.ctimeNs}`;
		};
		const text = 'linked/c.md';
		const header = {
			format: 1,
			directories: [
				['', identity('')],
				['notes', identity('notes')],
			],
			files: 1,
			digest: createHash('sha1').update(text).digest('base64'),
		};
		writeFileSync(
			join(cacheHome, 'reading-room', keptFiles()[0]!),
			`${JSON.stringify(header)}\n${text}`,
		);
		const store = openStore({folder: folder.root, useCache: true, cacheHome});
		try {
			// The worker is asked for from one file (and waited for), as at 20,000 and more.
			const {documents} = await loadAll(folder.root, {
				store,
				settleMs: 0,
				bothEndsFrom: 1,
				bothEndsFirst: true,
			});
			// As the scan lists it: the link leads into the tree already listed.
			expect(documents.map((document) => document.id)).toEqual([
				'b 2.txt',
				'b 10.txt',
				'notes/c.md',
				'notes/deeper/d',
			]);
		} finally {
			store.close();
		}
	});

	it('lists a file whose name has a control character on every start', async () => {
		folder = await articles();
		writeFileSync(join(folder.root, 'a\x1b.txt'), 'Escaped.\n');
		writeFileSync(join(folder.root, 'notes', 'b\tc.txt'), 'Tabbed.\n');
		cacheHome = await cacheAfterTheTick();
		for (const run of ['first', 'second', 'third']) {
			expect([run, await start()]).toEqual([
				run,
				['a␛.txt', 'b 2.txt', 'b 10.txt', 'notes/b␉c.txt', 'notes/c.md', 'notes/deeper/d'],
			]);
		}
		expect(keptFiles()).toEqual([]);
	});

	it('keeps none without the cache', async () => {
		folder = await articles();
		cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-kept-scan-'));
		expect(await start({useCache: false})).toEqual([
			'b 2.txt',
			'b 10.txt',
			'notes/c.md',
			'notes/deeper/d',
		]);
		expect(readdirSync(cacheHome)).toEqual([]);
	});

	it.skipIf(!hasMkfifo())("is not held up by a named pipe in the record's place", async () => {
		folder = await articles();
		cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-kept-scan-'));
		await start();
		const place = join(cacheHome, 'reading-room', keptFiles()[0]!);
		unlinkSync(place);
		execFileSync('mkfifo', [place]);
		expect(await start()).toEqual(['b 2.txt', 'b 10.txt', 'notes/c.md', 'notes/deeper/d']);
	});
});

/** The newest change time (ms) of the folders a record names. */
function newestInRecord(record: string): number {
	const header = JSON.parse(record.split('\n')[0]!) as {directories: [string, string][]};
	return Math.max(
		...header.directories.map(([, identity]) =>
			Number(BigInt(identity.split(':')[2]!) / 1_000_000n),
		),
	);
}
