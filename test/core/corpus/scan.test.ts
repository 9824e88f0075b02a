import {execFileSync} from 'node:child_process';
import {Buffer} from 'node:buffer';
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {chmod, mkdir, symlink, truncate, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import {dirname, join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {
	compareIds,
	MAX_FILE_BYTES,
	naturalKey,
	scanFolder,
	sortById,
} from '../../../source/core/corpus/scan.js';
import {loadFile} from '../../../source/core/corpus/load.js';
import {hasMkfifo, makeTempFolder} from '../../fixtures/temp-folder.js';
import type {TempFolder} from '../../fixtures/temp-folder.js';
import {SEEDS_FOLDER} from '../../fixtures/seeds.js';

let folder: TempFolder | undefined;
afterEach(async () => {
	await folder?.remove();
	folder = undefined;
});

const ids = async (root: string): Promise<string[]> =>
	(await scanFolder(root)).files.map((file) => file.id);

describe('scanFolder', () => {
	it('lists the five seeds with absolute paths, without statting them for sizes', async () => {
		const {files, skipped} = await scanFolder(SEEDS_FOLDER);
		expect(files.map((file) => file.id.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
		// Only id and path: a size would mean a stat per file, most of the scan's time.
		expect(files[0]).toEqual({id: files[0]!.id, path: join(SEEDS_FOLDER, files[0]!.id)});
		expect(files.every((file) => file.bytes === undefined)).toBe(true);
		expect(skipped).toEqual([]);
	});

	it('finds a file 1,500 folders down, once, in a scan that grows with the number of folders', async () => {
		// Known by device and inode, a folder costs one stat; with a realpath per folder (every
		// component of its path resolved) this scan took 105 s, and the test's timeout fails it.
		const deep = Array.from({length: 1500}, () => 'd').join('/');
		folder = await makeTempFolder({[`${deep}/x.txt`]: 'Deep words.\n'});
		await symlink(join(folder.root, 'd', 'd'), join(folder.root, 'd', 'd', 'd', 'loop'));
		const {files, skipped} = await scanFolder(folder.root);
		expect(files.map((file) => file.id)).toEqual([`${deep}/x.txt`]);
		expect(skipped).toEqual([]);
	});

	it('reads Latin-1 file and folder names, shown decoded, instead of calling them unreadable', async () => {
		folder = await makeTempFolder();
		const root = Buffer.from(folder.root);
		const latin1 = (name: string) => Buffer.from(name, 'latin1');
		const path = (...names: Buffer[]) =>
			Buffer.concat([root, ...names.flatMap((name) => [Buffer.from('/'), name])]);
		writeFileSync(path(latin1('café.txt')), 'Hello there.\n');
		mkdirSync(path(latin1('dé')));
		writeFileSync(path(latin1('dé'), Buffer.from('in.txt')), 'Inner words.\n');
		writeFileSync(path(Buffer.from('plain.txt')), 'Plain.\n');
		const {files, skipped} = await scanFolder(folder.root);
		expect(skipped).toEqual([]);
		expect(files.map((file) => file.id)).toEqual(['café.txt', 'dé/in.txt', 'plain.txt']);
		expect(files.map((file) => file.rawPath)).toEqual([
			path(latin1('café.txt')),
			path(latin1('dé'), Buffer.from('in.txt')),
			undefined,
		]);
		const loaded = await Promise.all(files.map((file) => loadFile(file)));
		expect(
			loaded.map((document) => ('title' in document ? document.title : document.reason)),
		).toEqual(['Hello there.', 'Inner words.', 'Plain.']);
	});

	it('keeps a Latin-1 name apart from the same name in UTF-8', async () => {
		folder = await makeTempFolder({'café.txt': 'UTF-8.\n'});
		writeFileSync(
			Buffer.concat([Buffer.from(`${folder.root}/`), Buffer.from('café.txt', 'latin1')]),
			'Latin-1.\n',
		);
		const {files} = await scanFolder(folder.root);
		expect(files.map((file) => [file.id, file.rawPath !== undefined])).toEqual([
			['café.txt', false],
			['café.txt (2)', true],
		]);
	});

	it('shows bidirectional controls in names as placeholders', async () => {
		folder = await makeTempFolder({'report\u202Etxt.exe.txt': 'Words.\n'});
		expect(await ids(folder.root)).toEqual(['report\ufffdtxt.exe.txt']);
	});

	it('takes .txt, .md and extensionless files, recursively, and nothing else', async () => {
		folder = await makeTempFolder({
			'a.txt': 'a',
			'B.TXT': 'b',
			'notes.md': 'n',
			README: 'r',
			'sub/deeper/c.txt': 'c',
			'image.png': 'x',
			'paper.pdf': 'x',
			'.hidden.txt': 'x',
			'.git/HEAD': 'x',
			'.config/d.txt': 'x',
			'node_modules/pkg/readme.txt': 'x',
		});
		expect(await ids(folder.root)).toEqual([
			'a.txt',
			'B.TXT',
			'notes.md',
			'README',
			'sub/deeper/c.txt',
		]);
	});

	it('sortById keeps items already in order as they are, and sorts the others', () => {
		const item = (id: string) => ({id});
		const ordered = ['1.txt', '2.txt', '10.txt', 'A', 'a', 'x/9', 'x/10'].map(item);
		const kept = sortById(ordered);
		expect(kept).toEqual(ordered);
		expect(kept).not.toBe(ordered);
		// Out of order only at the end, or only by the code point that breaks a tie.
		expect(sortById(['1.txt', '2.txt', '10.txt', '3.txt'].map(item)).map(({id}) => id)).toEqual([
			'1.txt',
			'2.txt',
			'3.txt',
			'10.txt',
		]);
		expect(sortById(['a', 'A'].map(item)).map(({id}) => id)).toEqual(['A', 'a']);
	});

	it('sorts ids in natural order', async () => {
		folder = await makeTempFolder({'10.txt': '', '2.txt': '', '1.txt': '', 'x/10': '', 'x/9': ''});
		expect(await ids(folder.root)).toEqual(['1.txt', '2.txt', '10.txt', 'x/9', 'x/10']);
		expect(compareIds('file2', 'file10')).toBeLessThan(0);
		expect(compareIds('a', 'A')).not.toBe(0);
		expect(['eb', 'Zed', 'éa', 'ea', 'file007', 'file7', 'file10'].sort(compareIds)).toEqual([
			'ea',
			'éa',
			'eb',
			'file007',
			'file7',
			'file10',
			'Zed',
		]);
		// A run of digits: its length without leading zeros (one kept for zero), then the digits.
		expect(naturalKey('File007b10')).toBe('file00017b000210');
		expect(naturalKey('000')).toBe('00010');
		expect(naturalKey('a0')).toBe('a00010');
		expect(naturalKey('n01230')).toBe('n00041230');
		expect(['a000', 'a0', 'a1', 'a00', 'a01'].sort(compareIds)).toEqual([
			'a0',
			'a00',
			'a000',
			'a01',
			'a1',
		]);
	});

	it('compares plain ids without keys exactly as their keys compare', () => {
		// Plain (printable ASCII, no upper case): walked without keys. The same number written
		// with and without leading zeros ties on the keys, then goes by code point.
		expect(compareIds('a1b', 'a01b')).toBeGreaterThan(0);
		expect(compareIds('a01b', 'a1b')).toBeLessThan(0);
		expect(compareIds('x9', 'x10')).toBeLessThan(0);
		expect(compareIds('x010', 'x9')).toBeGreaterThan(0);
		expect(compareIds('x12', 'x13')).toBeLessThan(0);
		// A run's key starts with a digit: after '/' (before '0'), before ':' (after '9').
		expect(compareIds('x/', 'x1')).toBeLessThan(0);
		expect(compareIds('x1', 'x/')).toBeGreaterThan(0);
		expect(compareIds('x:', 'x1')).toBeGreaterThan(0);
		expect(compareIds('x1', 'x:')).toBeLessThan(0);
		// One key ends first.
		expect(compareIds('a', 'a0')).toBeLessThan(0);
		expect(compareIds('a7', 'a7-')).toBeLessThan(0);
		expect(compareIds('same', 'same')).toBe(0);
		// Not plain: upper case folds, and a combining mark after a run is dropped from the key,
		// joining the run to the digits after it ('v12' against 'v3').
		expect(compareIds('b2c', 'B2c')).toBeGreaterThan(0);
		expect(compareIds('v1\u03012', 'v3')).toBeGreaterThan(0);
		expect(compareIds('v3', 'v1\u03012')).toBeLessThan(0);
		// A run of 1,000 digits or more is left to the keys: from 10,000 digits their length is
		// five digits long, and '10000' sorts before '9999'.
		expect(compareIds(`n${'1'.repeat(1000)}`, `n${'9'.repeat(999)}`)).toBeGreaterThan(0);
		expect(compareIds(`n${'1'.repeat(10_000)}`, `n${'1'.repeat(9999)}`)).toBeLessThan(0);
	});

	it('sortById merges a few runs of plain ids and keys the rest', () => {
		const item = (id: string) => ({id});
		// As the scan lists them: each folder's names sorted by their bytes.
		const runs = ['b1', 'b10', 'b2', 'a3', 'a20', 'c/x9', 'c/x10'].map(item);
		expect(sortById(runs).map(({id}) => id)).toEqual([
			'a3',
			'a20',
			'b1',
			'b2',
			'b10',
			'c/x9',
			'c/x10',
		]);
		// More runs than a merge is worth: keyed.
		const reversed = Array.from({length: 40}, (_, at) => item(`f${40 - at}`));
		expect(sortById(reversed).map(({id}) => id)).toEqual(
			Array.from({length: 40}, (_, at) => `f${at + 1}`),
		);
		// Not plain.
		expect(sortById(['b', 'É', 'a', 'e'].map(item)).map(({id}) => id)).toEqual([
			'a',
			'b',
			'e',
			'É',
		]);
	});

	it('follows links to files and folders, skips dangling links and links to folders it is in, and says so', async () => {
		folder = await makeTempFolder({
			'real/one.txt': '1',
			'inside/two.txt': '2',
			'.hidden/four.txt': '4',
		});
		const elsewhere = await makeTempFolder({'three.txt': '3'});
		const {root} = folder;
		try {
			await symlink(join(root, 'real/one.txt'), join(root, 'link.txt'));
			// Out of the folder: followed, as fzf's walker does.
			await symlink(elsewhere.root, join(root, 'away'));
			// To folders the folder is in: not walked (they would take in the disk around it),
			// said among the skipped files (whatever their names).
			await symlink('/', join(root, 'real/slash.d'));
			await symlink(dirname(root), join(root, 'real/parent'));
			// A second name for a folder already in the tree: listed once, under its real name.
			await symlink(join(root, 'inside'), join(root, 'again'));
			// Into the folder, a folder the scan passes over: followed.
			await symlink(join(root, '.hidden'), join(root, 'shown'));
			await symlink(join(root, 'missing.txt'), join(root, 'dangling.txt'));
			// Loops: back to the folder itself, and through a relative link to its parent.
			await symlink(root, join(root, 'real/loop'));
			await symlink('..', join(root, 'inside/up'));
			await symlink(join(root, 'self-a'), join(root, 'self-b'));
			await symlink(join(root, 'self-b'), join(root, 'self-a'));
			const {files, skipped} = await scanFolder(root);
			expect(files.map((file) => file.id)).toEqual([
				'away/three.txt',
				'inside/two.txt',
				'link.txt',
				'real/one.txt',
				'shown/four.txt',
			]);
			// A link is stat'ed to be followed, so its size comes for free.
			expect(files.find((file) => file.id === 'link.txt')).toEqual({
				id: 'link.txt',
				path: join(root, 'link.txt'),
				bytes: 1,
			});
			// Named like articles, the dangling link and the two links to each other are said.
			const broken = {reason: 'unreadable', detail: 'a link that leads to no file'};
			const around = {reason: 'unreadable', detail: 'a link to a folder this folder is in'};
			expect(skipped).toEqual([
				{id: 'dangling.txt', ...broken},
				{id: 'real/parent', ...around},
				{id: 'real/slash.d', ...around},
				{id: 'self-a', ...broken},
				{id: 'self-b', ...broken},
			]);
		} finally {
			await elsewhere.remove();
		}
	});

	it('takes a folder named through a link as the folder it leads to, links inside it included', async () => {
		folder = await makeTempFolder({'real/a.txt': 'a', 'real/sub/b.txt': 'b', 'other/c.txt': 'c'});
		const {root} = folder;
		await symlink(join(root, 'real'), join(root, 'named'));
		// Relative and absolute links into the real folder, met through the link named.
		await symlink('sub', join(root, 'real/again'));
		await symlink(join(root, 'real/sub'), join(root, 'real/absolute'));
		// A sibling of the real folder: followed. Their parent, which holds the real folder (and
		// not the link's name for it), is not.
		await symlink('../other', join(root, 'real/sibling'));
		await symlink('..', join(root, 'real/up'));
		const {files, skipped} = await scanFolder(join(root, 'named'));
		expect(files.map((file) => file.id)).toEqual(['a.txt', 'sibling/c.txt', 'sub/b.txt']);
		expect(files[0]!.path).toBe(join(root, 'named', 'a.txt'));
		expect(skipped).toEqual([
			{id: 'up', reason: 'unreadable', detail: 'a link to a folder this folder is in'},
		]);
	});

	it.skipIf(!existsSync('/proc/self/root'))(
		"ends promptly on /proc/self, whose links lead to / and to each process's folders",
		async () => {
			// Followed wherever they led, its links ('root' and each task's) walked the whole
			// disk and every process's /proc: over 250,000 files here, and `list` never ended.
			const {files, skipped} = await scanFolder('/proc/self');
			expect(files.length).toBeGreaterThan(10);
			expect(files.length).toBeLessThan(20_000);
			expect(files.some((file) => file.id.startsWith('root/'))).toBe(false);
			expect(skipped).toContainEqual({
				id: 'root',
				reason: 'unreadable',
				detail: 'a link to a folder this folder is in',
			});
		},
	);

	it('lists files over the size limit: the loader, which learns sizes, skips them', async () => {
		folder = await makeTempFolder({'small.txt': 'ok'});
		const big = await folder.write('big.txt', '');
		await truncate(big, MAX_FILE_BYTES + 1); // sparse: no disk used
		const {files, skipped} = await scanFolder(folder.root);
		expect(files).toEqual([
			{id: 'big.txt', path: big},
			{id: 'small.txt', path: join(folder.root, 'small.txt')},
		]);
		expect(skipped).toEqual([]);
	});

	it.skipIf(!hasMkfifo())(
		'skips named pipes, sockets and devices, and links to them, never opened, and says so',
		async () => {
			folder = await makeTempFolder({'a.txt': 'a'});
			const {root} = folder;
			execFileSync('mkfifo', [join(root, 'pipe.txt')]);
			execFileSync('mkfifo', [join(root, 'pipe.jpg')]);
			await symlink(join(root, 'pipe.txt'), join(root, 'pipe-link.txt'));
			await symlink('/dev/null', join(root, 'null.txt'));
			await symlink('/dev/null', join(root, 'null.jpg'));
			const server = createServer();
			await new Promise<void>((listening) => server.listen(join(root, 'socket'), listening));
			try {
				await symlink(join(root, 'socket'), join(root, 'socket-link.md'));
				const {files, skipped} = await scanFolder(root);
				expect(files.map((file) => file.id)).toEqual(['a.txt']);
				// Named like articles, each is said; the others (.jpg) are not articles anyway.
				const unreadable = (id: string, detail: string) => ({id, reason: 'unreadable', detail});
				expect(skipped).toEqual([
					unreadable('null.txt', 'a device, not a regular file'),
					unreadable('pipe-link.txt', 'a named pipe, not a regular file'),
					unreadable('pipe.txt', 'a named pipe, not a regular file'),
					unreadable('socket', 'a socket, not a regular file'),
					unreadable('socket-link.md', 'a socket, not a regular file'),
				]);
			} finally {
				await new Promise((closed) => server.close(closed));
			}
		},
	);

	it('sanitises ids but keeps the real path', async () => {
		folder = await makeTempFolder();
		await writeFile(join(folder.root, 'bad\x1b[2Jname.txt'), 'x');
		await writeFile(join(folder.root, 'bad␛[2Jname.txt'), 'y');
		const {files} = await scanFolder(folder.root);
		expect(files.map((file) => file.id).sort()).toEqual(['bad␛[2Jname.txt', 'bad␛[2Jname.txt (2)']);
		expect(files.map((file) => file.path)).toContain(join(folder.root, 'bad\x1b[2Jname.txt'));
	});

	it('rejects a missing folder or a file with one clear line', async () => {
		folder = await makeTempFolder({'file.txt': 'x'});
		await expect(scanFolder(join(folder.root, 'nope'))).rejects.toThrow(
			`No such folder: ${join(folder.root, 'nope')}`,
		);
		await expect(scanFolder(join(folder.root, 'file.txt'))).rejects.toThrow(/^Not a folder: /);
		await expect(scanFolder(join(folder.root, 'nope\x1b[2J'))).rejects.toThrow(/nope␛\[2J$/);
	});

	// Root reads every folder whatever its mode, so this only runs as an ordinary user.
	it.skipIf(process.getuid?.() === 0)('reports an unreadable folder and goes on', async () => {
		folder = await makeTempFolder({'a.txt': 'a', 'locked/b.txt': 'b'});
		await chmod(join(folder.root, 'locked'), 0o000);
		try {
			const {files, skipped} = await scanFolder(folder.root);
			expect(files.map((file) => file.id)).toEqual(['a.txt']);
			expect(skipped).toEqual([{id: 'locked', reason: 'unreadable', detail: 'permission denied'}]);
		} finally {
			await chmod(join(folder.root, 'locked'), 0o755);
		}
	});

	it('handles an empty folder and many files', async () => {
		folder = await makeTempFolder();
		const empty = await scanFolder(folder.root);
		expect({files: empty.files, skipped: empty.skipped}).toEqual({files: [], skipped: []});
		expect(empty.directories!.map(({id}) => id)).toEqual(['']);
		await mkdir(join(folder.root, 'many'));
		await Promise.all(
			Array.from({length: 500}, (_, index) =>
				writeFile(join(folder!.root, 'many', `${index}`), ''),
			),
		);
		const found = await ids(folder.root);
		expect(found).toHaveLength(500);
		expect(found.slice(0, 3)).toEqual(['many/0', 'many/1', 'many/2']);
		expect(found.at(-1)).toBe('many/499');
	});
});
