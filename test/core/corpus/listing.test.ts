import {Buffer} from 'node:buffer';
import {closeSync, openSync, realpathSync, statSync, writeSync} from 'node:fs';
import {symlink, utimes} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {
	GrowingFile,
	listFolder,
	listingOf,
	parseListing,
} from '../../../source/core/corpus/listing.js';
import {scanFolder} from '../../../source/core/corpus/scan.js';
import {makeTempFolder, type TempFolder} from '../../fixtures/temp-folder.js';

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
});
