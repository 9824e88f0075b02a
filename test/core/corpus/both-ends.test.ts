import {Buffer} from 'node:buffer';
import {mkdirSync, Stats, statSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {statOf, StatsFromBothEnds} from '../../../source/core/corpus/both-ends.js';
import {joinedPaths} from '../../../source/core/corpus/files-worker.js';
import {makeTempFolder, type TempFolder} from '../../fixtures/temp-folder.js';

let folder: TempFolder;

beforeEach(async () => {
	folder = await makeTempFolder();
});

afterEach(async () => {
	await folder.remove();
});

/** Files of 1, 2, … bytes, each a minute older than the one before. */
function files(count: number): string[] {
	return Array.from({length: count}, (_, at) => {
		const path = join(folder.root, `${String(at).padStart(3, '0')}.txt`);
		writeFileSync(path, 'x'.repeat(at + 1));
		const when = new Date(Date.UTC(2024, 0, 1, 12, 0) - at * 60_000);
		utimesSync(path, when, when);
		return path;
	});
}

describe('stats from both ends', () => {
	it('gives what the worker stat\u2019ed from shared memory, as statSync gives it', async () => {
		const paths = files(40);
		mkdirSync(join(folder.root, 'inside'));
		const all = [...paths, join(folder.root, 'inside'), join(folder.root, 'gone.txt')];
		const both = StatsFromBothEnds.start(joinedPaths(all))!;
		expect(both).toBeDefined();
		// The loader has asked for nothing: the worker goes down to the first file and ends.
		await both.ended;
		const third = both.of(2, all[2]!)!;
		expect(third).not.toBeInstanceOf(Stats);
		expect(third.isFile()).toBe(true);
		expect(third.size).toBe(3);
		expect(third.mtimeMs).toBe(Date.UTC(2024, 0, 1, 11, 58));
		for (const [at, path] of paths.entries()) {
			const given = both.of(at, path)!;
			const stats = statSync(path);
			expect([given.isFile(), given.size, given.mtimeMs]).toEqual([true, at + 1, stats.mtimeMs]);
		}
		const inside = both.of(40, all[40]!)!;
		expect(inside).not.toBeInstanceOf(Stats);
		expect(inside.isFile()).toBe(false);
		// Not there: left to the loader, which finds nothing either.
		expect(both.of(41, all[41]!)).toBeUndefined();
		both.stop();
	});

	it('takes the paths as a kept scan gives them: the folder once, the names joined by newlines', async () => {
		files(3);
		mkdirSync(join(folder.root, 'sub'));
		writeFileSync(join(folder.root, 'sub', 'deeper.txt'), 'four');
		const both = StatsFromBothEnds.start({
			prefix: `${folder.root}/`,
			names: '000.txt\n001.txt\nsub/deeper.txt\n002.txt',
			separator: '\n',
			count: 4,
		})!;
		await both.ended;
		const given = [0, 1, 2, 3].map((at) => both.of(at, 'not asked: the worker took it')!);
		expect(given.every((stat) => !(stat instanceof Stats))).toBe(true);
		expect(given.map((stat) => stat.size)).toEqual([1, 2, 4, 3]);
		both.stop();
	});

	it('leaves a path given as bytes, and every file the loader comes to first, to the loader', async () => {
		const paths = files(3);
		const both = StatsFromBothEnds.start(joinedPaths([paths[0], undefined, paths[2]]))!;
		// Before the worker has started: the loader stats it here.
		const first = both.of(0, paths[0]!)!;
		expect(first).toBeInstanceOf(Stats);
		expect(first.size).toBe(1);
		await both.ended;
		// The worker stopped at the file the loader had come to, and left the bytes to it.
		expect(both.of(0, paths[0]!)).toBeInstanceOf(Stats);
		const second = both.of(1, Buffer.from(paths[1]!))!;
		expect(second).toBeInstanceOf(Stats);
		expect(second.size).toBe(2);
		const third = both.of(2, paths[2]!)!;
		expect(third).not.toBeInstanceOf(Stats);
		expect(third.size).toBe(3);
		both.stop();
	});

	it('stops the worker before it has gone far when the loader is done', async () => {
		const paths = files(5);
		const both = StatsFromBothEnds.start(joinedPaths(paths))!;
		both.stop();
		await both.ended;
		// Stopped: every stat is the loader's own.
		for (const [at, path] of paths.entries()) {
			const given = both.of(at, path)!;
			expect(given.size).toBe(at + 1);
		}
		expect(statOf(join(folder.root, 'none'))).toBeUndefined();
	});
});
