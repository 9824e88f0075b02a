import {mkdtempSync, rmSync, statSync, mkdirSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {makeFolders} from '../../source/core/make-folders.js';

const made: string[] = [];
afterEach(() => {
	for (const folder of made.splice(0)) rmSync(folder, {recursive: true, force: true});
});

function tempFolder(): string {
	const folder = mkdtempSync(join(tmpdir(), 'reading-room-make-folders-'));
	made.push(folder);
	return folder;
}

function errorWithCode(code: string, message: string): NodeJS.ErrnoException {
	return Object.assign(new Error(`${code}: ${message}`), {code});
}

describe('makeFolders', () => {
	it('makes every missing level, and is quiet when they are there', () => {
		const path = join(tempFolder(), 'a', 'b', 'c');
		makeFolders(path, {mode: 0o700});
		expect(statSync(path).isDirectory()).toBe(true);
		expect(statSync(path).mode & 0o777).toBe(0o700);
		makeFolders(path);
	});

	it('on a read-only file system fails with EROFS, where Node’s recursive mkdir says ENOENT', () => {
		const base = tempFolder();
		const path = join(base, 'cache', 'reading-room');
		const tried: string[] = [];
		let thrown: unknown;
		try {
			makeFolders(
				path,
				{},
				{
					statSync,
					mkdirSync: ((folder: string, options?: {recursive?: boolean}) => {
						tried.push(`${folder}${options?.recursive ? ' (recursive)' : ''}`);
						if (options?.recursive)
							throw errorWithCode('ENOENT', `no such file or directory, mkdir '${folder}'`);
						throw errorWithCode('EROFS', `read-only file system, mkdir '${folder}'`);
					}) as typeof mkdirSync,
				},
			);
		} catch (error) {
			thrown = error;
		}
		expect((thrown as NodeJS.ErrnoException).code).toBe('EROFS');
		expect(tried).toEqual([`${path} (recursive)`, join(base, 'cache')]);
		expect(existsSync(join(base, 'cache'))).toBe(false);
	});

	it('makes the levels one at a time when the recursive mkdir said ENOENT and they can be made', () => {
		const path = join(tempFolder(), 'x', 'y');
		let first = true;
		makeFolders(
			path,
			{},
			{
				statSync,
				mkdirSync: ((folder: string, options?: {recursive?: boolean}) => {
					if (first) {
						first = false;
						throw errorWithCode('ENOENT', `no such file or directory, mkdir '${folder}'`);
					}
					return mkdirSync(folder, options);
				}) as typeof mkdirSync,
			},
		);
		expect(statSync(path).isDirectory()).toBe(true);
	});
});
