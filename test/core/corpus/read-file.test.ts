import {execFileSync} from 'node:child_process';
import {Buffer} from 'node:buffer';
import {utimes} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {truncateSync} from 'node:fs';
import {
	describeRead,
	NotAFileError,
	QUICK_READ_MOST_BYTES,
	QuickReads,
	readBytes,
	readBytesNow,
	TooLargeError,
	type FileRead,
} from '../../../source/core/corpus/read-file.js';
import {hasMkfifo, makeTempFolder, type TempFolder} from '../../fixtures/temp-folder.js';

let folder: TempFolder | undefined;
afterEach(async () => {
	await folder?.remove();
	folder = undefined;
});

const onThePool = (path: string) => readBytes(path, () => Promise.resolve(true));

/** A clock that moves `steps` milliseconds, one step each time it is read twice (a read's start
 * and end), so the nth read takes steps[n - 1] ms. */
function clockOf(steps: readonly number[]): () => number {
	let now = 0;
	let calls = 0;
	return () => {
		if (calls % 2 === 1) now += steps[(calls - 1) / 2] ?? 0;
		calls++;
		return now;
	};
}

describe('reading a small file on the calling thread', () => {
	it('gives the bytes and stamp the thread pool gives, for a settled and a fresh file', async () => {
		folder = await makeTempFolder({
			'old.txt': 'Café headline\n\nA settled story.',
			'new.txt': 'Written just now.',
		});
		const old = join(folder.root, 'old.txt');
		await utimes(old, new Date('2026-01-02T03:04:05Z'), new Date('2026-01-02T03:04:05Z'));
		const quick = new QuickReads();
		const settled = quick.read(old) as Exclude<FileRead, Error>;
		expect(Buffer.from(settled.bytes).toString('utf8')).toBe('Café headline\n\nA settled story.');
		expect(settled.stamp).toEqual({size: 32, mtimeMs: Date.parse('2026-01-02T03:04:05Z')});
		expect(settled).toEqual(await onThePool(old));
		// Modified within the settling time: stored as unknown (-1), to be read again.
		const fresh = quick.read(join(folder.root, 'new.txt'));
		expect(fresh).toEqual({
			bytes: Buffer.from('Written just now.'),
			stamp: {size: 17, mtimeMs: -1},
		});
	});

	it('says a missing file is missing, as the pool does', async () => {
		folder = await makeTempFolder();
		const path = join(folder.root, 'gone.txt');
		const here = new QuickReads().read(path);
		expect(here).toBeInstanceOf(Error);
		expect((here as NodeJS.ErrnoException).code).toBe('ENOENT');
		expect(((await onThePool(path)) as NodeJS.ErrnoException).code).toBe('ENOENT');
	});

	it.skipIf(!hasMkfifo())('does not wait for a named pipe that took a file’s place', async () => {
		folder = await makeTempFolder();
		const path = join(folder.root, 'pipe.txt');
		execFileSync('mkfifo', [path]);
		const here = new QuickReads().read(path);
		expect(here).toBeInstanceOf(NotAFileError);
		expect((here as Error).message).toBe('a named pipe, not a regular file');
		expect(await onThePool(path)).toEqual(here);
	});

	it('leaves a file that grew past the limit since its stat to the pool', async () => {
		folder = await makeTempFolder();
		const path = await folder.write('grown.txt', 'x'.repeat(QUICK_READ_MOST_BYTES + 1));
		const quick = new QuickReads();
		expect(quick.takes(QUICK_READ_MOST_BYTES)).toBe(true);
		expect(quick.takes(QUICK_READ_MOST_BYTES + 1)).toBe(false);
		// Its stat said 0 bytes: not known, the pool reads it to its end.
		expect(quick.takes(0)).toBe(false);
		expect(quick.read(path)).toBeUndefined();
	});

	it('goes back to the pool after 4 slow reads among the last 16, not after 3', async () => {
		folder = await makeTempFolder({'a.txt': 'A story.'});
		const path = join(folder.root, 'a.txt');
		// 5, 5 and 4 ms are slow; 3.99 is not.
		const quick = new QuickReads(clockOf([5, 0, 5, 0, 0, 4, 0, 3.99, 6]));
		for (let read = 0; read < 8; read++) quick.read(path);
		expect(quick.takes(100)).toBe(true);
		quick.read(path);
		expect(quick.takes(100)).toBe(false);
		expect(quick.takes(QUICK_READ_MOST_BYTES)).toBe(false);
	});

	it('stays quick when the slow reads are spread out (a collection now and then)', async () => {
		folder = await makeTempFolder({'a.txt': 'A story.'});
		const path = join(folder.root, 'a.txt');
		// One slow read in every 6: never 4 among 16.
		const steps = Array.from({length: 120}, (_, read) => (read % 6 === 0 ? 9 : 0));
		const quick = new QuickReads(clockOf(steps));
		for (let read = 0; read < 120; read++) quick.read(path);
		expect(quick.takes(100)).toBe(true);
		// Reads 1, 6, 11 and 17 slow: the first is 16 reads behind the last, out of the window.
		const edge = new QuickReads(clockOf([9, 0, 0, 0, 0, 9, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 9]));
		for (let read = 0; read < 17; read++) edge.read(path);
		expect(edge.takes(100)).toBe(true);
		// One in every 5: 4 among 16.
		const closer = new QuickReads(
			clockOf(Array.from({length: 16}, (_, read) => (read % 5 === 0 ? 9 : 0))),
		);
		for (let read = 0; read < 15; read++) closer.read(path);
		expect(closer.takes(100)).toBe(true);
		closer.read(path);
		expect(closer.takes(100)).toBe(false);
	});
});

describe('reading a whole file on the calling thread (readBytesNow)', () => {
	it("reads a file past the quick reads' limit, with the stamp the pool gives", async () => {
		folder = await makeTempFolder();
		const path = await folder.write('long.txt', 'ab'.repeat(QUICK_READ_MOST_BYTES));
		const now = readBytesNow(path) as Exclude<FileRead, Error>;
		expect(now.bytes.length).toBe(2 * QUICK_READ_MOST_BYTES);
		expect(Buffer.from(now.bytes.subarray(0, 5)).toString('latin1')).toBe('ababa');
		expect(now).toEqual(await onThePool(path));
	});

	it('reads a file whose stat says 0 bytes to its end, as the pool does', async () => {
		// /proc files say 0 bytes and hold more.
		const now = readBytesNow('/proc/self/status') as Exclude<FileRead, Error>;
		expect(Buffer.from(now.bytes).toString('latin1')).toMatch(/^Name:/);
		expect(now.bytes.length).toBeGreaterThan(200);
		expect(now.stamp.size).toBe(0);
	});

	it('reads such a file past its first 64 KB, to its last line', () => {
		// A process's memory map: each mapping's entry ends with its VmFlags line.
		const now = readBytesNow('/proc/self/smaps') as Exclude<FileRead, Error>;
		const text = Buffer.from(now.bytes).toString('latin1');
		expect(now.bytes.length).toBeGreaterThan(64 * 1024);
		expect(text).toMatch(/\nVmFlags:[^\n]*\n$/);
	});

	it.skipIf(!hasMkfifo())("refuses a named pipe at once, in the loader's words", async () => {
		folder = await makeTempFolder();
		const path = join(folder.root, 'pipe.txt');
		execFileSync('mkfifo', [path]);
		const now = readBytesNow(path);
		expect(now).toBeInstanceOf(NotAFileError);
		expect(describeRead(now as Error)).toBe('a named pipe, not a regular file');
	});

	it('refuses a file over 64 MB unread, and says its size', async () => {
		folder = await makeTempFolder();
		const path = await folder.write('huge.txt', '');
		truncateSync(path, 64 * 1024 * 1024 + 1);
		const now = readBytesNow(path);
		expect(now).toBeInstanceOf(TooLargeError);
		expect(describeRead(now as Error)).toBe('64 MB, over the 64 MB limit');
	});

	it('says a missing file is missing', async () => {
		folder = await makeTempFolder();
		const now = readBytesNow(join(folder.root, 'gone.txt'));
		expect((now as NodeJS.ErrnoException).code).toBe('ENOENT');
		expect(describeRead(now as Error)).toBe('no longer there');
	});
});
