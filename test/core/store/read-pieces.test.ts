import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {open, type FileHandle} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {readInPieces} from '../../../source/core/store/read-pieces.js';

let folder: string;

beforeEach(() => {
	folder = mkdtempSync(join(tmpdir(), 'reading-room-pieces-'));
});

afterEach(() => {
	rmSync(folder, {recursive: true, force: true});
});

/** 1,000 bytes: byte n is n % 251. */
async function thousand() {
	const path = join(folder, 'bytes');
	writeFileSync(
		path,
		Uint8Array.from({length: 1000}, (_, at) => at % 251),
	);
	return open(path);
}

/** `file`, counting its reads. */
function counting(file: FileHandle): {file: FileHandle; reads: () => number} {
	let reads = 0;
	const read: FileHandle['read'] = (...args: Parameters<FileHandle['read']>) => {
		reads++;
		return (file.read as (...given: unknown[]) => ReturnType<FileHandle['read']>)(...args);
	};
	return {file: {read} as FileHandle, reads: () => reads};
}

describe('readInPieces', () => {
	it('reads a long stretch in four pieces into one array, as one read would', async () => {
		const file = await thousand();
		try {
			// Four pieces of 225 bytes (from 10 to 910), read at once.
			const pieces = counting(file);
			const bytes = await readInPieces(pieces.file, 10, 900, 1);
			expect(pieces.reads()).toBe(4);
			expect(bytes.length).toBe(900);
			expect(bytes.byteOffset).toBe(0);
			expect([bytes[0], bytes[224], bytes[225], bytes[450], bytes[899]]).toEqual([
				10, 234, 235, 209, 156,
			]);
			expect(Array.from(bytes)).toEqual(Array.from({length: 900}, (_, at) => (at + 10) % 251));
			// Short of the limit: one read.
			const whole = counting(file);
			expect(Array.from(await readInPieces(whole.file, 990, 10))).toEqual([
				237, 238, 239, 240, 241, 242, 243, 244, 245, 246,
			]);
			expect(whole.reads()).toBe(1);
		} finally {
			await file.close();
		}
	});

	it('stops where the file ends', async () => {
		const file = await thousand();
		try {
			// Pieces of 100 bytes from 700: the fourth is past the end, the third cut short.
			const bytes = await readInPieces(file, 700, 400, 1);
			expect(bytes.length).toBe(300);
			expect([bytes[0], bytes[299]]).toEqual([198, 246]);
			expect((await readInPieces(file, 1000, 50, 1)).length).toBe(0);
			expect((await readInPieces(file, 0, 0, 1)).length).toBe(0);
		} finally {
			await file.close();
		}
	});
});
