import {execFileSync, spawn} from 'node:child_process';
import {Buffer} from 'node:buffer';
import {createHash} from 'node:crypto';
import {
	closeSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readSync,
	realpathSync,
	rmSync,
	statSync,
	writeFileSync,
	writeSync,
} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {mkdir, rename, rm, symlink, utimes} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {
	directoryRecord,
	GrowingFile,
	listFolder,
	listingOf,
	parseListing,
} from '../../../source/core/corpus/listing.js';
import {
	namesInHalves,
	startSplitListing,
	vouchedNames,
} from '../../../source/core/corpus/find-run.js';
import {scanFolder} from '../../../source/core/corpus/scan.js';

const HOUR_MS = 3_600_000;
import {hasMkfifo, makeTempFolder, type TempFolder} from '../../fixtures/temp-folder.js';

let folder: TempFolder;
let root: string;

beforeEach(async () => {
	folder = await makeTempFolder({
		'a.txt': 'Alpha\n\nOne.',
		'b.md': '# Beta\n\nTwo.',
		noext: 'Gamma\n\nThree.',
		'c.pdf': 'not an article',
		'UPPER.TXT': 'Delta\n\nFour.',
		'.hidden/x.txt': 'hidden',
		'.dot.txt': 'hidden too',
		'node_modules/y.txt': 'a package',
		// Pruned deeper down too.
		'sub/.tucked.txt': 'hidden below',
		'sub/.cache/z.txt': 'hidden below too',
		'sub/node_modules/w.txt': 'a package below',
		'sub/deeper/d.txt': 'Epsilon\n\nFive.',
		'sub/note.v2.txt': 'Zeta\n\nSix.',
	});
	root = realpathSync(folder.root);
});

afterEach(() => folder.remove());

describe('listing a folder with find', () => {
	it('lists the files the scan finds, with the size and modification time Node gives them', async () => {
		// Times with nanoseconds, one on a second, one far ahead.
		await utimes(join(root, 'a.txt'), 1_700_000_000.123456, 1_700_000_000.123456);
		await utimes(join(root, 'noext'), 1_600_000_000, 1_600_000_000);
		await utimes(join(root, 'sub/deeper/d.txt'), 4_102_444_800.5, 4_102_444_800.5);
		const listing = (await listFolder(root))!;
		expect(listing.plain).toBe(true);
		expect([...listing.files.keys()].sort()).toEqual([
			'UPPER.TXT',
			'a.txt',
			'b.md',
			'noext',
			'sub/deeper/d.txt',
			'sub/note.v2.txt',
		]);
		const scanned = (await scanFolder(root)).files.map((file) => file.id);
		expect([...listing.files.keys()].sort()).toEqual([...scanned].sort());
		for (const [path, stamp] of listing.files) {
			const stats = statSync(join(root, path));
			expect(stamp, path).toEqual({size: stats.size, mtimeMs: stats.mtimeMs});
		}
		expect(listing.files.get('noext')).toEqual({size: 13, mtimeMs: 1_600_000_000_000});
	});

	it('has the same fingerprint while nothing changes, another when a time or a file does', async () => {
		const first = (await listFolder(root))!;
		expect((await listFolder(root))!.fingerprint).toBe(first.fingerprint);
		await utimes(join(root, 'b.md'), 1_700_000_000, 1_700_000_000);
		const touched = (await listFolder(root))!;
		expect(touched.fingerprint).not.toBe(first.fingerprint);
		await folder.write('sub/new.txt', 'New');
		expect((await listFolder(root))!.fingerprint).not.toBe(touched.fingerprint);
		// A hidden file changes nothing; a file that is not an article changes the fingerprint
		// (it only sends the next command the long way), not the files.
		const again = (await listFolder(root))!;
		await folder.write('.hidden/y.txt', 'still hidden');
		expect((await listFolder(root))!.fingerprint).toBe(again.fingerprint);
		await folder.write('picture.png', 'not an article');
		const withPicture = (await listFolder(root))!;
		expect(withPicture.fingerprint).not.toBe(again.fingerprint);
		expect([...withPicture.files.keys()].sort()).toEqual([...again.files.keys()].sort());
	});

	it('is not plain with a symbolic link anywhere, which the scan follows and find does not', async () => {
		await symlink(join(root, 'sub'), join(root, 'linked'));
		const listing = (await listFolder(root))!;
		expect(listing.plain).toBe(false);
	});

	it.skipIf(!hasMkfifo())(
		'is not plain with a named pipe or a socket, which the scan counts as skipped',
		async () => {
			const plain = (await listFolder(root))!;
			expect(plain.plain).toBe(true);
			execFileSync('mkfifo', [join(root, 'sub', 'pipe.txt')]);
			const piped = (await listFolder(root))!;
			expect(piped.plain).toBe(false);
			expect(piped.fingerprint).not.toBe(plain.fingerprint);
			await rm(join(root, 'sub', 'pipe.txt'));
			const server = createServer();
			await new Promise<void>((listening) => server.listen(join(root, 'socket'), listening));
			try {
				expect((await listFolder(root))!.plain).toBe(false);
			} finally {
				await new Promise((closed) => server.close(closed));
			}
		},
	);

	it('gives nothing when find cannot list the folder', async () => {
		expect(await listFolder(join(root, 'missing'))).toBeUndefined();
		expect(await listFolder(root, {command: 'no-such-command-here'})).toBeUndefined();
	});

	it('reads find’s entries, and gives nothing for output not of that form', () => {
		const listing = parseListing(
			Buffer.from('f 12 1700000000.5000000000 x.txt\0f 0 1.0000000010 d/y z.md\0'),
		)!;
		expect(listing.plain).toBe(true);
		expect([...listing.files]).toEqual([
			['x.txt', {size: 12, mtimeMs: 1_700_000_000_500}],
			['d/y z.md', {size: 0, mtimeMs: 1000.000001}],
		]);
		expect(parseListing(Buffer.from('l link\0'))!.plain).toBe(false);
		// Before 1970, or a name that is not UTF-8: not spoken for.
		expect(parseListing(Buffer.from('f 1 -5.5000000000 old.txt\0'))!.plain).toBe(false);
		const latin1 = Buffer.concat([Buffer.from('f 1 5.0000000000 caf'), Buffer.from([0xe9, 0])]);
		expect(parseListing(latin1)!.plain).toBe(false);
		expect(parseListing(Buffer.from('f 1 5.0000000000 cut'))).toBeUndefined();
		expect(parseListing(Buffer.from('something else\0'))).toBeUndefined();
		// A listing of that: a fingerprint, and nothing spoken for.
		const odd = listingOf(Buffer.from('something else\0'));
		expect(odd.fingerprint).toBe('UlHr8Zvfebgt0Cxl84LwGaRqfdw=');
		expect(odd.plain).toBe(false);
		expect(odd.files.size).toBe(0);
	});
});

describe('find’s output read as it is written', () => {
	it('hashes and keeps the file as a whole read would, however it grew between reads', () => {
		const path = join(folder.root, 'growing');
		const descriptor = openSync(path, 'w+');
		try {
			const growing = new GrowingFile(descriptor);
			growing.catchUp(); // nothing yet
			const pieces = [
				'f 12 1700000000.0000000000 a.txt\0f 3',
				'4 1700000001.5',
				'000000000 b.txt\0',
				'',
			];
			for (const piece of pieces) {
				writeSync(descriptor, piece);
				growing.catchUp();
			}
			const whole = Buffer.from(pieces.join(''));
			expect(growing.bytes()).toEqual(whole);
			// SHA-1 of the whole, in base64 (as `sha1sum | xxd -r -p | base64` gives it).
			expect(growing.digest()).toBe('JdoLe5O2HhoUQQPsDFy5EE+tU+U=');
			expect(listingOf(whole).fingerprint).toBe('JdoLe5O2HhoUQQPsDFy5EE+tU+U=');
		} finally {
			closeSync(descriptor);
		}
	});

	it('tells whether it holds the same bytes as another file, and an entry opening with /, however it was read', () => {
		const read = (pieces: readonly string[]) => {
			const descriptor = openSync(join(folder.root, 'names'), 'w+');
			const growing = new GrowingFile(descriptor);
			for (const piece of pieces) {
				writeSync(descriptor, piece);
				growing.catchUp();
			}
			return {growing, close: () => closeSync(descriptor)};
		};
		const other = (text: string) => {
			writeFileSync(join(folder.root, 'other'), text);
			return openSync(join(folder.root, 'other'), 'r');
		};
		for (const pieces of [['a.txt\0sub/b', '.txt\0'], ['a.txt\0', 'sub/b.txt\0', ''], []]) {
			const {growing, close} = read(pieces);
			const whole = pieces.join('');
			for (const [text, same] of [
				[whole, true],
				[`${whole}c.txt\0`, false],
				[whole.replace('b', 'c'), whole === ''],
				['', whole === ''],
			] as const) {
				const descriptor = other(text);
				expect(growing.sameAs(descriptor), `${pieces.join('|')} against ${text}`).toBe(same);
				closeSync(descriptor);
			}
			expect(growing.holdsLink()).toBe(false);
			close();
		}
		for (const pieces of [
			['/link\0'],
			['a.txt\0/link\0'],
			['a.txt\0', '/link\0'],
			['a.txt\0', '', '/link\0'],
			['a.txt', '\0/link\0'],
		]) {
			const {growing, close} = read(pieces);
			expect(growing.holdsLink(), pieces.join('|')).toBe(true);
			close();
		}
		// A '/' inside a name is no link.
		const {growing, close} = read(['a', '/b.txt\0']);
		expect(growing.holdsLink()).toBe(false);
		close();
	});
});

describe('a listing taken in two halves: the names as they are, and the stamps of the names kept', () => {
	const namesFile = () => join(folder.root, '.kept.names');
	const keep = (names: readonly string[]) =>
		writeFileSync(namesFile(), names.map((name) => `${name}\0`).join(''));
	const stats = (path: string) => {
		const {size, mtimeMs} = statSync(join(root, path));
		return {size, mtimeMs};
	};

	it('keeps from one find the names and stamps of its entries, in its order', async () => {
		const one = mkdtempSync(join(tmpdir(), 'reading-room-split-one-'));
		try {
			writeFileSync(join(one, 'only.txt'), 'Alpha');
			await utimes(join(one, 'only.txt'), 1_600_000_000.25, 1_600_000_000.25);
			const listing = (await listFolder(realpathSync(one)))!;
			// Below the count given, one find's fingerprint only.
			expect(listing.toConfirm(2)).toEqual({
				fingerprint: listing.fingerprint,
				files: listing.files,
			});
			const sha1 = (text: string) => createHash('sha1').update(text).digest('base64');
			// Changed within the settling time (an hour here, so a slow machine's seconds between
			// making the folder and listing it do not count): no directory record.
			expect(listing.toConfirm(1, HOUR_MS)).toEqual({
				fingerprint: sha1('f 5 1600000000.2500000000 only.txt\0'),
				files: new Map([['only.txt', {size: 5, mtimeMs: 1_600_000_000_250}]]),
				split: {
					fingerprint: `split ${sha1('only.txt\0')} ${sha1('f 5 1600000000.2500000000\0')}`,
					names: Buffer.from('only.txt\0'),
				},
			});
		} finally {
			rmSync(one, {recursive: true, force: true});
		}
	});

	it('gives one find’s files and stamps whatever names were kept, and its fingerprint when they were the names kept', async () => {
		const whole = (await listFolder(root))!;
		const kept = whole.toConfirm(0).split!;
		const listed = [...whole.files.keys()];
		expect(listed.length).toBeGreaterThan(4);
		const order = Buffer.from(kept.names).toString('utf8').split('\0').slice(0, -1);
		for (const names of [
			order, // as kept
			[...order].reverse(), // the same names in another order
			order.slice(1), // one fewer: a file added since
			[...order, 'gone.txt'], // one more: a file removed since
			[], // none
		]) {
			keep(names);
			const split = (await listFolder(root, {namesFile: namesFile()}))!;
			expect(split.plain, names.join()).toBe(true);
			expect(new Map(split.files), names.join()).toEqual(
				new Map(listed.map((path) => [path, stats(path)])),
			);
			expect(split.fingerprint, names.join()).toBe(kept.fingerprint);
			// Confirmed as one find's listing, or split as it was taken.
			expect(split.toConfirm(0), names.join()).toEqual({
				fingerprint: whole.fingerprint,
				files: split.files,
				split: {fingerprint: kept.fingerprint, names: Buffer.from(kept.names)},
			});
		}
	});

	it('has another fingerprint when a time changes, and is not plain with a symbolic link', async () => {
		const kept = (await listFolder(root))!.toConfirm(0).split!;
		writeFileSync(namesFile(), kept.names);
		expect((await listFolder(root, {namesFile: namesFile()}))!.fingerprint).toBe(kept.fingerprint);
		await utimes(join(root, 'b.md'), 1_700_000_000, 1_700_000_000);
		const touched = (await listFolder(root, {namesFile: namesFile()}))!;
		expect(touched.fingerprint).not.toBe(kept.fingerprint);
		expect(touched.files.get('b.md')).toEqual({size: 12, mtimeMs: 1_700_000_000_000});
		await symlink(join(root, 'sub'), join(root, 'linked'));
		const linked = (await listFolder(root, {namesFile: namesFile()}))!;
		expect(linked.plain).toBe(false);
		expect(linked.fingerprint).not.toBe(touched.fingerprint);
		if (!hasMkfifo()) return;
		await rm(join(root, 'linked'));
		expect((await listFolder(root, {namesFile: namesFile()}))!.plain).toBe(true);
		execFileSync('mkfifo', [join(root, 'pipe.md')]);
		expect((await listFolder(root, {namesFile: namesFile()}))!.plain).toBe(false);
	});
	it('gives no files when the stamps’ find printed one entry more or fewer than the names', async () => {
		const kept = (await listFolder(root))!.toConfirm(0).split!;
		writeFileSync(namesFile(), kept.names);
		const bin = mkdtempSync(join(tmpdir(), 'reading-room-find-'));
		try {
			for (const printing of ['fewer', 'more'] as const) {
				const listing = (await listFolder(root, {
					namesFile: namesFile(),
					command: findPrinting(bin, printing),
				}))!;
				expect(listing.plain, printing).toBe(false);
				expect(listing.files.size, printing).toBe(0);
			}
			// find itself: all of them.
			const listing = (await listFolder(root, {namesFile: namesFile()}))!;
			expect(listing.plain).toBe(true);
			expect([...listing.files.keys()].sort()).toEqual([
				'UPPER.TXT',
				'a.txt',
				'b.md',
				'noext',
				'sub/deeper/d.txt',
				'sub/note.v2.txt',
			]);
		} finally {
			rmSync(bin, {recursive: true, force: true});
		}
	});
});

describe('the names kept, vouched for by the directories’ change times', () => {
	// Kept outside the folder, as in the cache folder: a file made in it changes its time.
	let keptIn: string;
	beforeEach(() => {
		keptIn = mkdtempSync(join(tmpdir(), 'reading-room-kept-'));
	});
	afterEach(() => rmSync(keptIn, {recursive: true, force: true}));
	const namesFile = () => join(keptIn, 'folder.names');
	const recordFile = () => join(keptIn, 'folder.dirs');
	const sha1 = (text: string) => createHash('sha1').update(text).digest('base64');
	const identity = (path: string) => {
		const stats = statSync(path, {bigint: true});
		return `${stats.dev}:${stats.ino}:${stats.ctimeNs}`;
	};
	/** Waits until the clock is past the folder's and its directories' change times: a
	 * listing begun then finds them settled with no settling time. */
	const pastChanges = (folder = root, paths = ['', 'sub', 'sub/deeper']) => {
		const latest = paths
			.map((path) => statSync(join(folder, path), {bigint: true}).ctimeNs)
			.reduce((a, b) => (a > b ? a : b));
		while (BigInt(Date.now()) * 1_000_000n <= latest) {
			// A millisecond at most.
		}
	};
	/** Confirms a listing as the store does: the names, then the record when there is one. */
	const confirm = async (settleMs: number) => {
		pastChanges();
		const split = (await listFolder(root))!.toConfirm(0, settleMs).split!;
		rmSync(recordFile(), {force: true});
		writeFileSync(namesFile(), split.names);
		const keptIn = statSync(namesFile(), {bigint: true});
		if (split.directories !== undefined) writeFileSync(recordFile(), split.directories(keptIn));
		return split;
	};
	/** What the record kept vouches for, the names file open as a listing opens it. */
	const vouched = () => {
		const names = openSync(namesFile(), 'r');
		try {
			return vouchedNames(root, recordFile(), names);
		} finally {
			closeSync(names);
		}
	};

	it('lists directories by name, and keeps them among the names, their stamp their type alone', async () => {
		const parsed = parseListing(
			Buffer.from('d sub\0f 5 1600000000.2500000000 sub/a.txt\0d sub/deeper\0'),
		)!;
		expect(parsed).toEqual({
			files: new Map([['sub/a.txt', {size: 5, mtimeMs: 1_600_000_000_250}]]),
			plain: true,
			directories: ['sub', 'sub/deeper'],
		});
		const one = mkdtempSync(join(tmpdir(), 'reading-room-dirs-one-'));
		try {
			await folderWith(one, 'sub/only.txt', 'Alpha', 1_600_000_000.25);
			const real = realpathSync(one);
			// So that it is settled with no settling time below (a listing begun in the millisecond
			// of the last change did not find it settled, once, in CI).
			pastChanges(real, ['', 'sub']);
			const listing = (await listFolder(real))!;
			expect(listing.fingerprint).toBe(sha1('d sub\0f 5 1600000000.2500000000 sub/only.txt\0'));
			const names = 'sub\0sub/only.txt\0';
			const fingerprint = `split ${sha1(names)} ${sha1('d\0f 5 1600000000.2500000000\0')}`;
			// Just made (within the hour given as the settling time, so a slow machine's seconds
			// between making it and listing it do not count): no record vouches for the names yet.
			expect(listing.toConfirm(1, HOUR_MS)).toEqual({
				fingerprint: listing.fingerprint,
				files: new Map([['sub/only.txt', {size: 5, mtimeMs: 1_600_000_000_250}]]),
				split: {fingerprint, names: Buffer.from(names)},
			});
			// Settled: the names file kept, and the folder and each directory, with its device,
			// inode and change time.
			const keptIn = statSync(real, {bigint: true});
			expect(JSON.parse(listing.toConfirm(1, 0).split!.directories!(keptIn))).toEqual({
				format: 2,
				names: sha1(names),
				namesFile: `${keptIn.dev}:${keptIn.ino}:${keptIn.size}:${keptIn.mtimeNs}`,
				directories: [
					['', identity(real)],
					['sub', identity(join(real, 'sub'))],
				],
			});
		} finally {
			rmSync(one, {recursive: true, force: true});
		}
	});

	it('vouches for the names kept until an entry of a directory is added, removed or renamed', async () => {
		const kept = await confirm(0);
		expect(kept.directories).toBeDefined();
		expect(vouched()).toBe(kept.fingerprint.split(' ')[1]);
		// A file's contents or time are not the directories' to tell: the stamps are taken.
		await utimes(join(root, 'sub/deeper/d.txt'), 1_700_000_000, 1_700_000_000);
		expect(vouched()).toBe(kept.fingerprint.split(' ')[1]);
		for (const change of [
			() => folder.write('sub/deeper/new.txt', 'New'), // added deep down
			() => rm(join(root, 'sub/note.v2.txt')), // removed
			() => rename(join(root, 'a.txt'), join(root, 'a2.txt')), // renamed
			() => mkdir(join(root, 'sub/later')), // a folder made
		]) {
			await confirm(0);
			expect(vouched()).toBeDefined();
			await change();
			expect(vouched(), String(change)).toBeUndefined();
		}
		// A file in a pruned folder changes only that folder, which is not listed.
		await confirm(0);
		await folder.write('.hidden/x2.txt', 'hidden');
		expect(vouched()).toBeDefined();
		// Nothing vouched for by a record that is missing or does not hold together.
		for (const text of ['', '{}', '{"format":1,"names":"x","directories":[]}', 'not json']) {
			writeFileSync(recordFile(), text);
			expect(vouched(), text).toBeUndefined();
		}
		rmSync(recordFile());
		expect(vouched()).toBeUndefined();
	});

	it('keeps no record while a directory changed within the settling time before the listing', async () => {
		const listing = (await listFolder(root))!;
		const digest = sha1('x');
		// Made just now: not settled for two seconds before the listing began.
		expect(listing.toConfirm(0).split!.directories).toBeUndefined();
		expect(directoryRecord(root, ['sub', 'sub/deeper'], digest, Date.now(), 2000)).toBeUndefined();
		expect(directoryRecord(root, ['sub', 'sub/deeper'], digest, Date.now() + 10, 0)).toBeDefined();
		// Changed after the listing began (the record is made after it).
		const startedAt = Date.now() + 10;
		expect(directoryRecord(root, ['sub'], digest, startedAt, 0)).toBeDefined();
		await new Promise((resolve) => setTimeout(resolve, 20));
		await folder.write('sub/later.txt', 'Later');
		expect(directoryRecord(root, ['sub'], digest, startedAt, 0)).toBeUndefined();
		// A directory gone, or not a directory.
		expect(directoryRecord(root, ['gone'], digest, Date.now() + 10, 0)).toBeUndefined();
		expect(directoryRecord(root, ['a.txt'], digest, Date.now() + 10, 0)).toBeUndefined();
	});

	it('takes the stamps of the names vouched for: the listing and fingerprint two finds give', async () => {
		const kept = await confirm(0);
		const whole = (await listFolder(root))!;
		expect(vouched()).toBeDefined();
		const stamped = (await listFolder(root, {namesFile: namesFile()}))!;
		expect(stamped.fingerprint).toBe(kept.fingerprint);
		expect(new Map(stamped.files)).toEqual(new Map(whole.files));
		expect(stamped.plain).toBe(true);
		// No names listed, so nothing to keep: the record is the one kept.
		expect(stamped.keepDirectories).toBeUndefined();
		// A time changed, the size kept: the stamps tell.
		await utimes(join(root, 'b.md'), 1_700_000_000.5, 1_700_000_000.5);
		const touched = (await listFolder(root, {namesFile: namesFile()}))!;
		expect(touched.fingerprint).not.toBe(kept.fingerprint);
		expect(touched.files.get('b.md')).toEqual({size: 12, mtimeMs: 1_700_000_000_500});
		// The names file is not the one the record was made for, even with the same bytes: the
		// names are listed (and, not being the names kept, stamped again).
		const moved = await confirm(0);
		for (const bytes of [Buffer.from(moved.names).subarray(0, -1), Buffer.from(moved.names)]) {
			rmSync(namesFile());
			writeFileSync(namesFile(), bytes);
			expect(vouched()).toBeUndefined();
			const listed = (await listFolder(root, {namesFile: namesFile()}))!;
			expect(listed.fingerprint).toBe(moved.fingerprint);
			expect(new Map(listed.files)).toEqual(new Map((await listFolder(root))!.files));
		}
	});

	it('takes the stamps of the names vouched for by two finds at once, over the halves of the names', async () => {
		const kept = await confirm(0);
		// Every file another time, to the nanosecond: each half's stamps must come out right.
		const files = [...(await listFolder(root))!.files.keys()];
		for (const [at, path] of files.entries()) {
			await utimes(join(root, path), 1_600_000_000 + at + 0.125, 1_600_000_000 + at + 0.125);
		}
		await confirm(0);
		const whole = (await listFolder(root))!;
		expect(vouched()).toBeDefined();
		const run = startSplitListing(root, spawn, namesFile(), {stampsInHalvesFrom: 0})!;
		expect(run.names).toBeUndefined();
		expect(run.stamps).toHaveLength(2);
		const halved = (await listFolder(root, {started: run}))!;
		expect(halved.fingerprint).toBe(
			(await listFolder(root, {namesFile: namesFile()}))!.fingerprint,
		);
		expect(halved.fingerprint).not.toBe(kept.fingerprint);
		expect(new Map(halved.files)).toEqual(new Map(whole.files));
		expect(halved.files.get('b.md')).toEqual({
			size: 12,
			mtimeMs: 1_600_000_000_125 + files.indexOf('b.md') * 1000,
		});
		expect(halved.plain).toBe(true);
		// Names the record does not vouch for are listed by a find of their own, and stamped by one.
		await folder.write('sub/new.txt', 'New');
		const unvouched = startSplitListing(root, spawn, namesFile(), {stampsInHalvesFrom: 0})!;
		expect(unvouched.names).toBeDefined();
		expect(unvouched.stamps).toHaveLength(1);
		unvouched.drop();
	});

	it('splits the names kept into halves at the first NUL past the middle, the offset moved there', () => {
		const file = namesFile();
		const halves = (text: string, from = 0) => {
			writeFileSync(file, text);
			const list = openSync(file, 'r');
			try {
				const split = namesInHalves(list, from);
				const rest = Buffer.alloc(64);
				const restRead = readSync(list, rest, 0, 64, null);
				if (split === undefined) return {split, rest: rest.toString('utf8', 0, restRead)};
				expect(split[1]).toBe(list);
				const first = Buffer.alloc(64);
				const firstRead = readSync(split[0], first, 0, 64, null);
				closeSync(split[0]);
				return {
					first: first.toString('utf8', 0, firstRead),
					rest: rest.toString('utf8', 0, restRead),
				};
			} finally {
				closeSync(list);
			}
		};
		// 26 bytes: the middle (13) is in c.txt, whose NUL is at 18.
		expect(halves('a.txt\0bb.txt\0c.txt\0dd.txt\0')).toEqual({
			first: 'a.txt\0bb.txt\0c.txt\0',
			rest: 'dd.txt\0',
		});
		// 13 bytes, the middle (6) a NUL: the entry ending there is the first half's last.
		expect(halves('abcdef\0gh\0ij\0')).toEqual({first: 'abcdef\0', rest: 'gh\0ij\0'});
		// Not split (and the offset left at 0): too small, no NUL past the middle, or only the
		// last one.
		expect(halves('a.txt\0bb.txt\0c.txt\0dd.txt\0', 27)).toEqual({
			split: undefined,
			rest: 'a.txt\0bb.txt\0c.txt\0dd.txt\0',
		});
		expect(halves('a.txt\0bbbbbbbbbbbbbbbbbbbb')).toEqual({
			split: undefined,
			rest: 'a.txt\0bbbbbbbbbbbbbbbbbbbb',
		});
		expect(halves('a.txt\0bbbbbbbbbbbbbb.txt\0')).toEqual({
			split: undefined,
			rest: 'a.txt\0bbbbbbbbbbbbbb.txt\0',
		});
	});

	it('gives no files when the stamps of the names vouched for are one entry more or fewer, and lists whole when a find fails', async () => {
		await confirm(0);
		expect(vouched()).toBeDefined();
		const bin = mkdtempSync(join(tmpdir(), 'reading-room-find-'));
		try {
			// One find over the names, or two over their halves (each printing one more or fewer).
			for (const stampsInHalvesFrom of [undefined, 0]) {
				for (const printing of ['fewer', 'more'] as const) {
					const listing = (await listFolder(root, {
						namesFile: namesFile(),
						command: findPrinting(bin, printing),
						...(stampsInHalvesFrom === undefined ? {} : {stampsInHalvesFrom}),
					}))!;
					expect(listing.plain, printing).toBe(false);
					expect(listing.files.size, printing).toBe(0);
				}
			}
			// One of the two failing: one find lists the folder whole.
			const whole = (await listFolder(root))!;
			const listing = (await listFolder(root, {
				namesFile: namesFile(),
				command: findPrinting(bin, 'second fails'),
				stampsInHalvesFrom: 0,
			}))!;
			expect(listing.fingerprint).toBe(whole.fingerprint);
			expect(new Map(listing.files)).toEqual(new Map(whole.files));
		} finally {
			rmSync(bin, {recursive: true, force: true});
		}
	});

	it('keeps the record when the names listed were the names kept, once the folder has settled', async () => {
		const kept = await confirm(Number.MAX_SAFE_INTEGER); // no record: not settled
		expect(kept.directories).toBeUndefined();
		const listing = (await listFolder(root, {namesFile: namesFile()}))!;
		expect(listing.fingerprint).toBe(kept.fingerprint);
		listing.keepDirectories!(Number.MAX_SAFE_INTEGER);
		expect(vouched()).toBeUndefined();
		listing.keepDirectories!(0);
		expect(vouched()).toBe(kept.fingerprint.split(' ')[1]);
		// Other names than those kept: no record offered (the folder is confirmed again).
		await folder.write('sub/new.txt', 'New');
		rmSync(recordFile());
		const other = (await listFolder(root, {namesFile: namesFile()}))!;
		expect(other.keepDirectories).toBeUndefined();
	});
});

async function folderWith(root: string, path: string, text: string, time: number): Promise<void> {
	const file = join(root, path);
	mkdirSync(join(file, '..'), {recursive: true});
	writeFileSync(file, text);
	await utimes(file, time, time);
}

/**
 * A find in `bin` that runs find, except that the run taking stamps of the names it is given
 * (-files0-from) prints one entry fewer than find does, or one more; or, 'second fails', every
 * such run after the first prints all find does and then fails (as when a name is gone).
 */
function findPrinting(bin: string, printing: 'fewer' | 'more' | 'second fails'): string {
	const file = join(bin, printing.replace(' ', '-'));
	const stamps = {
		fewer: 'find "$@" | head -z -n -1',
		more: 'find "$@" && printf \'f 1 1600000000.0000000000\\0\'',
		// mkdir makes the directory for one run only, however close together they start.
		'second fails': `if mkdir '${join(bin, 'first')}' 2>/dev/null; then exec find "$@"; else find "$@"; exit 1; fi`,
	}[printing];
	writeFileSync(
		file,
		`#!/bin/sh\ncase " $* " in *" -files0-from "*) ${stamps} ;; *) exec find "$@" ;; esac\n`,
		{mode: 0o755},
	);
	return file;
}
