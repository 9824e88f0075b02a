import {execFileSync, spawn} from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {
	MAX_STATE_BYTES,
	PositionStore,
	positionsFile,
	type PositionStoreOptions,
} from '../../source/core/positions.js';
import {seedDocuments} from '../fixtures/seeds.js';
import {hasMkfifo} from '../fixtures/temp-folder.js';

const folders: string[] = [];
function tempFolder(): string {
	const folder = mkdtempSync(join(tmpdir(), 'reading-room-positions-'));
	folders.push(folder);
	return folder;
}
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

const [first, second, third] = seedDocuments();

/** A store that records what it says. */
function openRecording(path: string, options: PositionStoreOptions = {}) {
	const warnings: string[] = [];
	const failures: string[] = [];
	const store = PositionStore.open(path, {
		warn: (message) => warnings.push(message),
		saveFailed: (message) => failures.push(message),
		...options,
	});
	return {store, warnings, failures};
}

function errorWithCode(code: string, message: string): NodeJS.ErrnoException {
	return Object.assign(new Error(`${code}: ${message}`), {code});
}

describe('PositionStore', () => {
	it('tells a place kept in another text of the article from no place at all', () => {
		const store = PositionStore.open(join(tempFolder(), 'positions.json'));
		expect(store.changedSince(first!.id, first!.hash)).toBe(false);
		store.set(first!.id, 'the hash of the text read then', {paragraph: 7, offset: 120});
		expect(store.get(first!.id, first!.hash)).toBeUndefined();
		expect(store.changedSince(first!.id, first!.hash)).toBe(true);
		expect(store.changedSince(first!.id, 'the hash of the text read then')).toBe(false);
	});

	it('remembers places across instances, creating the folder', () => {
		const path = join(tempFolder(), 'state', 'reading-room', 'positions.json');
		const store = PositionStore.open(path);
		expect(store.get(first!.id, first!.hash)).toBeUndefined();
		store.set(first!.id, first!.hash, {paragraph: 7, offset: 120});
		store.saveSync();
		const again = PositionStore.open(path);
		expect(again.get(first!.id, first!.hash)).toEqual({paragraph: 7, offset: 120});
	});

	it('saves off the caller’s turn with save(), and opens off it with load()', async () => {
		const path = join(tempFolder(), 'positions.json');
		const store = await PositionStore.load(path);
		store.set(first!.id, first!.hash, {paragraph: 2, offset: 3});
		const saving = store.save();
		expect(() => readFileSync(path)).toThrow(/ENOENT/);
		await saving;
		expect((await PositionStore.load(path)).get(first!.id, first!.hash)).toEqual({
			paragraph: 2,
			offset: 3,
		});
	});

	it('keeps how far an article was read; reaching the end marks it read, and it stays read', () => {
		const path = join(tempFolder(), 'positions.json');
		const store = PositionStore.open(path, {now: () => 1000});
		store.set(
			first!.id,
			first!.hash,
			{paragraph: 3, offset: 0},
			{progress: 0.45, reachedEnd: false},
		);
		store.saveSync();
		const again = PositionStore.open(path);
		expect(again.record(first!.id)).toEqual({
			hash: first!.hash,
			paragraph: 3,
			offset: 0,
			savedAt: 1000,
			progress: 0.45,
		});
		again.set(first!.id, first!.hash, {paragraph: 9, offset: 0}, {progress: 1, reachedEnd: true});
		again.set(
			first!.id,
			first!.hash,
			{paragraph: 0, offset: 0},
			{progress: 0.1, reachedEnd: false},
		);
		again.saveSync();
		expect(PositionStore.open(path).record(first!.id)).toMatchObject({progress: 0.1, mark: 'read'});
	});

	it('marks by hand, keeping the place; an article marked unread is being read once opened', () => {
		const path = join(tempFolder(), 'positions.json');
		const store = PositionStore.open(path, {now: () => 5});
		store.mark(second!.id, second!.hash, 'read');
		expect(store.record(second!.id)).toEqual({
			hash: second!.hash,
			paragraph: -1,
			offset: 0,
			savedAt: 5,
			mark: 'read',
		});
		store.set(
			first!.id,
			first!.hash,
			{paragraph: 4, offset: 2},
			{progress: 0.5, reachedEnd: false},
		);
		store.mark(first!.id, first!.hash, 'unread');
		store.saveSync();
		const again = PositionStore.open(path);
		expect(again.record(first!.id)).toMatchObject({paragraph: 4, offset: 2, mark: 'unread'});
		again.set(
			first!.id,
			first!.hash,
			{paragraph: 5, offset: 0},
			{progress: 0.6, reachedEnd: false},
		);
		expect(again.record(first!.id)?.mark).toBeUndefined();
	});

	it('remembers a folder’s settings beside its places, apart from other folders’', () => {
		const path = join(tempFolder(), 'positions.json');
		const here = PositionStore.open(path, {folder: '/articles'});
		expect(here.settings()).toEqual({});
		here.setSettings({sort: 'date'});
		here.saveSync();
		const other = PositionStore.open(path, {folder: '/elsewhere'});
		other.setSettings({sort: 'title'});
		other.saveSync();
		expect(PositionStore.open(path, {folder: '/articles'}).settings()).toEqual({sort: 'date'});
		expect(PositionStore.open(path, {folder: '/elsewhere'}).settings()).toEqual({sort: 'title'});
		expect(JSON.parse(readFileSync(path, 'utf8')).folders).toEqual({
			'/articles': {sort: 'date'},
			'/elsewhere': {sort: 'title'},
		});
	});

	it('starts a changed article at the top', () => {
		const path = join(tempFolder(), 'positions.json');
		const store = PositionStore.open(path);
		store.set(first!.id, first!.hash, {paragraph: 3, offset: 0});
		store.saveSync();
		expect(PositionStore.open(path).get(first!.id, second!.hash)).toBeUndefined();
	});

	it('keeps two folders’ files of the same name apart, by the folder’s path', () => {
		const path = join(tempFolder(), 'positions.json');
		const inA = PositionStore.open(path, {folder: '/news/a'});
		inA.set('notes.txt', 'same', {paragraph: 1, offset: 0});
		inA.saveSync();
		const inB = PositionStore.open(path, {folder: '/news/b'});
		expect(inB.get('notes.txt', 'same')).toBeUndefined();
		inB.set('notes.txt', 'same', {paragraph: 9, offset: 0});
		inB.saveSync();
		expect(PositionStore.open(path, {folder: '/news/a'}).get('notes.txt', 'same')).toEqual({
			paragraph: 1,
			offset: 0,
		});
		expect(Object.keys(JSON.parse(readFileSync(path, 'utf8')).places)).toEqual([
			'/news/a/notes.txt',
			'/news/b/notes.txt',
		]);
	});

	it('writes atomically: no temporary or lock files are left behind', async () => {
		const folder = tempFolder();
		const path = join(folder, 'positions.json');
		const store = PositionStore.open(path);
		for (const [index, document] of seedDocuments().entries()) {
			store.set(document.id, document.hash, {paragraph: index, offset: index * 10});
			await store.save();
		}
		store.set(first!.id, first!.hash, {paragraph: 9, offset: 9});
		store.saveSync();
		expect(readdirSync(folder)).toEqual(['positions.json']);
		expect(JSON.parse(readFileSync(path, 'utf8')).places[first!.id].paragraph).toBe(9);
	});

	it('keeps a file it cannot parse aside before writing a new one, and says so once', () => {
		for (const corrupt of [
			'{"version": 1, "places": {"a.txt": {"hash"',
			'[1, 2]',
			'{"version": 2, "places": {}}',
			'',
		]) {
			const folder = tempFolder();
			const path = join(folder, 'positions.json');
			writeFileSync(path, corrupt);
			const {store, warnings} = openRecording(path, {now: () => Date.UTC(2026, 11, 3, 18, 40)});
			expect(store.size).toBe(0);
			expect(warnings).toHaveLength(1);
			expect(warnings[0]).toMatch(
				/^ignoring reading places \(.*\), the file will be kept aside: .*positions\.json$/,
			);
			// Until something is saved, the file is left as it is.
			expect(readFileSync(path, 'utf8')).toBe(corrupt);
			store.set(first!.id, first!.hash, {paragraph: 1, offset: 2});
			store.saveSync();
			expect(readdirSync(folder).sort()).toEqual([
				'positions.json',
				'positions.json.unreadable-2026-12-03T18-40-00-000Z',
			]);
			expect(
				readFileSync(join(folder, 'positions.json.unreadable-2026-12-03T18-40-00-000Z'), 'utf8'),
			).toBe(corrupt);
			expect(PositionStore.open(path).get(first!.id, first!.hash)).toEqual({
				paragraph: 1,
				offset: 2,
			});
		}
	});

	it('drops malformed entries and keeps the good ones', () => {
		const path = join(tempFolder(), 'positions.json');
		const good = {hash: 'abc', paragraph: 2, offset: 5, savedAt: 1};
		const places = {
			'good.txt': good,
			'bad.txt': {hash: 'abc', paragraph: 'two'},
			'neg.txt': {...good, offset: -4},
		};
		writeFileSync(path, JSON.stringify({version: 1, places}));
		const store = PositionStore.open(path);
		expect(store.size).toBe(1);
		expect(store.get('good.txt', 'abc')).toEqual({paragraph: 2, offset: 5});
	});

	it('keeps both entries when two instances save in turn; the same article, the later save', () => {
		const path = join(tempFolder(), 'positions.json');
		const one = PositionStore.open(path);
		const two = PositionStore.open(path);
		one.set(first!.id, first!.hash, {paragraph: 1, offset: 10});
		two.set(second!.id, second!.hash, {paragraph: 2, offset: 20});
		one.saveSync();
		two.saveSync();
		one.set(third!.id, third!.hash, {paragraph: 3, offset: 30});
		two.set(third!.id, third!.hash, {paragraph: 4, offset: 40});
		one.saveSync();
		two.saveSync();
		const merged = PositionStore.open(path);
		expect(merged.get(first!.id, first!.hash)).toEqual({paragraph: 1, offset: 10});
		expect(merged.get(second!.id, second!.hash)).toEqual({paragraph: 2, offset: 20});
		expect(merged.get(third!.id, third!.hash)).toEqual({paragraph: 4, offset: 40});
	});

	it('A saves x, B saves x later, A saves y: x keeps B’s place', () => {
		const path = join(tempFolder(), 'positions.json');
		const a = PositionStore.open(path);
		const b = PositionStore.open(path);
		a.set(first!.id, first!.hash, {paragraph: 1, offset: 0});
		a.saveSync();
		b.set(first!.id, first!.hash, {paragraph: 2, offset: 0});
		b.saveSync();
		a.set(second!.id, second!.hash, {paragraph: 3, offset: 0});
		a.saveSync();
		const after = PositionStore.open(path);
		expect(after.get(first!.id, first!.hash)).toEqual({paragraph: 2, offset: 0});
		expect(after.get(second!.id, second!.hash)).toEqual({paragraph: 3, offset: 0});
	});

	it('two processes saving at once lose none of each other’s places', async () => {
		const path = join(tempFolder(), 'positions.json');
		const storeModule = new URL('../../source/core/positions.ts', import.meta.url).pathname;
		const writer = (name: string) => `
			import {PositionStore} from ${JSON.stringify(storeModule)};
			const store = PositionStore.open(${JSON.stringify(path)}, {saveFailed: (m) => { console.error(m); process.exit(3); }});
			for (let index = 0; index < 40; index++) {
				store.set('${name}-' + index, 'h', {paragraph: index, offset: 0});
				store.saveSync();
			}`;
		const run = (name: string) =>
			new Promise<number | null>((resolve) => {
				const child = spawn(
					process.execPath,
					['--import', 'tsx', '--input-type=module', '-e', writer(name)],
					{
						stdio: ['ignore', 'inherit', 'inherit'],
					},
				);
				child.on('exit', resolve);
			});
		expect(await Promise.all([run('one'), run('two'), run('three')])).toEqual([0, 0, 0]);
		const store = PositionStore.open(path);
		expect(store.size).toBe(120);
		for (const name of ['one', 'two', 'three']) {
			for (let index = 0; index < 40; index++) {
				expect(store.get(`${name}-${index}`, 'h'), `${name}-${index}`).toEqual({
					paragraph: index,
					offset: 0,
				});
			}
		}
	}, 60_000);

	it('keeps only the most recently read articles', () => {
		const path = join(tempFolder(), 'positions.json');
		let clock = 0;
		const store = PositionStore.open(path, {limit: 3, now: () => ++clock});
		for (let index = 0; index < 5; index++)
			store.set(`article-${index}.txt`, 'h', {paragraph: index, offset: 0});
		store.saveSync();
		const reopened = PositionStore.open(path);
		expect(reopened.size).toBe(3);
		expect(reopened.get('article-0.txt', 'h')).toBeUndefined();
		expect(reopened.get('article-4.txt', 'h')).toEqual({paragraph: 4, offset: 0});
	});
});

describe('a state file that is not what it should be', () => {
	it.skipIf(!hasMkfifo())(
		'a named pipe is not opened for reading or written, and is said once',
		() => {
			const path = join(tempFolder(), 'positions.json');
			execFileSync('mkfifo', [path]);
			const {store, warnings, failures} = openRecording(path);
			expect(warnings).toEqual([`reading places not kept: not a regular file: ${path}`]);
			store.set(first!.id, first!.hash, {paragraph: 1, offset: 0});
			store.saveSync();
			expect(failures).toEqual([]);
			expect(readdirSync(join(path, '..'))).toEqual(['positions.json']);
		},
	);

	it('a link to /dev/zero is not read', () => {
		const path = join(tempFolder(), 'positions.json');
		symlinkSync('/dev/zero', path);
		const {store, warnings} = openRecording(path);
		expect(warnings).toEqual([`reading places not kept: not a regular file: ${path}`]);
		expect(store.size).toBe(0);
	});

	it('a file over the size cap is not read', () => {
		const path = join(tempFolder(), 'positions.json');
		writeFileSync(path, Buffer.alloc(MAX_STATE_BYTES + 1, 0x20));
		const {store, warnings} = openRecording(path);
		expect(warnings).toEqual([`reading places not kept: too large (5 MB, over 4 MB): ${path}`]);
		expect(store.size).toBe(0);
	});

	it('a file it may not read (permission denied, injected: CI runs as root) is left alone', () => {
		const path = join(tempFolder(), 'positions.json');
		writeFileSync(path, '{"version":1,"places":{}}');
		const {store, warnings} = openRecording(path, {
			fileSystem: {
				openSync: () => {
					throw errorWithCode('EACCES', `permission denied, open '${path}'`);
				},
			},
		});
		expect(warnings).toEqual([`reading places not kept: permission denied: ${path}`]);
		store.set(first!.id, first!.hash, {paragraph: 1, offset: 0});
		store.saveSync();
		expect(readFileSync(path, 'utf8')).toBe('{"version":1,"places":{}}');
	});

	it('a save that fails (read-only folder, injected) is reported once, and what is unsaved is told', () => {
		const path = join(tempFolder(), 'positions.json');
		const {store, failures} = openRecording(path, {
			fileSystem: {
				writeSync: () => {
					throw errorWithCode('EROFS', 'read-only file system, open');
				},
			},
		});
		expect(store.unsaved()).toBeUndefined();
		store.set(first!.id, first!.hash, {paragraph: 1, offset: 0});
		store.saveSync();
		store.set(second!.id, second!.hash, {paragraph: 1, offset: 0});
		store.saveSync();
		expect(failures).toEqual([`could not save reading places (read-only file system): ${path}`]);
		expect(store.unsaved()).toBe(`2 reading places not saved (read-only file system): ${path}`);
		expect(readdirSync(join(path, '..'))).toEqual([]);
	});

	it('a state folder that cannot be made on a read-only file system says so, not "no longer there"', () => {
		const path = join(tempFolder(), 'state', 'reading-room', 'positions.json');
		const {store, failures} = openRecording(path, {
			fileSystem: {
				// As Node does: a recursive mkdir on a read-only file system reports ENOENT (it looks
				// for the folder after the EROFS, and finds none); a plain one, EROFS.
				mkdirSync: ((folder: string, options?: {recursive?: boolean}) => {
					if (options?.recursive)
						throw errorWithCode('ENOENT', `no such file or directory, mkdir '${folder}'`);
					throw errorWithCode('EROFS', `read-only file system, mkdir '${folder}'`);
				}) as typeof mkdirSync,
			},
		});
		store.set(first!.id, first!.hash, {paragraph: 1, offset: 0});
		store.saveSync();
		expect(failures).toEqual([`could not save reading places (read-only file system): ${path}`]);
		expect(store.unsaved()).toBe(`1 reading place not saved (read-only file system): ${path}`);
	});

	it('a save in the session leaves its places pending while another instance holds the lock', () => {
		const path = join(tempFolder(), 'positions.json');
		const {store, failures} = openRecording(path);
		// A lock left by an instance killed while saving counts as taken until it is 30 s old: a
		// save that waited for it held the app's keys and screen for up to 10 s each time.
		writeFileSync(`${path}.lock`, '');
		store.set(first!.id, first!.hash, {paragraph: 3, offset: 0});
		store.saveSync({waitForLock: false});
		expect(existsSync(path)).toBe(false);
		expect(failures).toEqual([]);
		expect(store.get(first!.id, first!.hash)).toMatchObject({paragraph: 3});
		// Saved with the next save once the lock is free (at the latest as the app ends).
		rmSync(`${path}.lock`);
		store.saveSync({waitForLock: false});
		const reopened = PositionStore.open(path);
		expect(reopened.get(first!.id, first!.hash)).toMatchObject({paragraph: 3});
	});

	it('a folder in the lock’s place fails the save at once, said as such, between keys too', () => {
		const path = join(tempFolder(), 'positions.json');
		mkdirSync(`${path}.lock`);
		const {store, failures} = openRecording(path);
		store.set(first!.id, first!.hash, {paragraph: 2, offset: 0});
		// Not taken for another instance's lock: that waited 10 s, then said 'another
		// reading-room holds the lock file'; once 30 s old, its removal failed with ERR_FS_EISDIR.
		store.saveSync({waitForLock: false});
		expect(failures).toEqual([
			`could not save reading places (not a regular file: positions.json.lock): ${path}`,
		]);
		expect(store.unsaved()).toBe(
			`1 reading place not saved (not a regular file: positions.json.lock): ${path}`,
		);
		expect(existsSync(path)).toBe(false);
		expect(statSync(`${path}.lock`).isDirectory()).toBe(true);
	});

	it('a folder in the file’s place fails the save, reported', () => {
		const path = join(tempFolder(), 'positions.json');
		mkdirSync(path);
		const {store, warnings, failures} = openRecording(path);
		expect(warnings).toEqual([`reading places not kept: not a regular file: ${path}`]);
		store.set(first!.id, first!.hash, {paragraph: 1, offset: 0});
		store.saveSync();
		// Unusable from the start: nothing is written over it, and it was said once already.
		expect(failures).toEqual([]);
	});

	it('a file put where its folder should be fails the save, reported once', () => {
		const folder = join(tempFolder(), 'state');
		const {store, warnings, failures} = openRecording(join(folder, 'positions.json'));
		expect(warnings).toEqual([]);
		writeFileSync(folder, 'x');
		store.set(first!.id, first!.hash, {paragraph: 0, offset: 0});
		store.saveSync();
		store.saveSync();
		expect(failures).toHaveLength(1);
		expect(failures[0]).toMatch(/^could not save reading places \(.*\): .*state\/positions\.json$/);
		expect(store.unsaved()).toMatch(/^1 reading place not saved \(.*\): /);
		expect(readFileSync(folder, 'utf8')).toBe('x');
	});

	it('shows an escape in the path as a placeholder', () => {
		const folder = join(tempFolder(), 'a\u001B]0;TITLE\u0007');
		mkdirSync(folder);
		const path = join(folder, 'positions.json');
		symlinkSync('/dev/zero', path);
		const {warnings} = openRecording(path);
		expect(warnings[0]).toContain('a␛]0;TITLE␇');
		expect(warnings[0]).not.toContain('\u001B');
		expect(warnings[0]).not.toContain('\u0007');
	});
});

describe('positionsFile', () => {
	it('follows an absolute XDG_STATE_HOME', () => {
		expect(positionsFile({XDG_STATE_HOME: '/state'}, '/home/ann')).toBe(
			'/state/reading-room/positions.json',
		);
	});

	it('ignores a relative or empty XDG_STATE_HOME, as the XDG spec says', () => {
		for (const relative of ['.', 'state', './state', '']) {
			expect(positionsFile({XDG_STATE_HOME: relative}, '/home/ann')).toBe(
				'/home/ann/.local/state/reading-room/positions.json',
			);
		}
		expect(positionsFile({}, '/home/ann')).toBe(
			'/home/ann/.local/state/reading-room/positions.json',
		);
	});

	it('is undefined with nowhere absolute to go', () => {
		expect(positionsFile({XDG_STATE_HOME: 'state'}, '')).toBeUndefined();
	});
});
