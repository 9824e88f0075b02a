import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {PositionStore} from '../../source/core/positions.js';
import {seedDocuments} from '../fixtures/seeds.js';

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

describe('PositionStore', () => {
	it('remembers places across instances, creating the folder', async () => {
		const path = join(tempFolder(), 'state', 'reading-room', 'positions.json');
		const store = PositionStore.open(path);
		expect(store.get(first!.id, first!.hash)).toBeUndefined();
		store.set(first!.id, first!.hash, {paragraph: 7, offset: 120});
		await store.save();
		const again = PositionStore.open(path);
		expect(again.get(first!.id, first!.hash)).toEqual({paragraph: 7, offset: 120});
	});

	it('starts a changed article at the top', async () => {
		const path = join(tempFolder(), 'positions.json');
		const store = PositionStore.open(path);
		store.set(first!.id, first!.hash, {paragraph: 3, offset: 0});
		await store.save();
		expect(PositionStore.open(path).get(first!.id, second!.hash)).toBeUndefined();
	});

	it('writes atomically: no temporary files are left behind', async () => {
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

	it('ignores a corrupt file with one warning, then replaces it', async () => {
		const path = join(tempFolder(), 'positions.json');
		for (const corrupt of [
			'{"version": 1, "places": {"a.txt": {"hash"',
			'[1, 2]',
			'{"version": 99}',
		]) {
			writeFileSync(path, corrupt);
			const warnings: string[] = [];
			const store = PositionStore.open(path, {warn: (message) => warnings.push(message)});
			expect(store.size).toBe(0);
			expect(warnings.length).toBe(1);
			expect(warnings[0]).not.toContain('\n');
			store.set(first!.id, first!.hash, {paragraph: 1, offset: 2});
			await store.save();
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

	it('keeps both entries when two instances save in turn', async () => {
		const path = join(tempFolder(), 'positions.json');
		const one = PositionStore.open(path);
		const two = PositionStore.open(path);
		one.set(first!.id, first!.hash, {paragraph: 1, offset: 10});
		two.set(second!.id, second!.hash, {paragraph: 2, offset: 20});
		await one.save();
		await two.save();
		// The same article saved by both: the later save wins.
		one.set(third!.id, third!.hash, {paragraph: 3, offset: 30});
		two.set(third!.id, third!.hash, {paragraph: 4, offset: 40});
		await one.save();
		await two.save();
		const merged = PositionStore.open(path);
		expect(merged.get(first!.id, first!.hash)).toEqual({paragraph: 1, offset: 10});
		expect(merged.get(second!.id, second!.hash)).toEqual({paragraph: 2, offset: 20});
		expect(merged.get(third!.id, third!.hash)).toEqual({paragraph: 4, offset: 40});
	});

	it('keeps only the most recently read articles', async () => {
		const path = join(tempFolder(), 'positions.json');
		let clock = 0;
		const store = PositionStore.open(path, {limit: 3, now: () => ++clock});
		for (let index = 0; index < 5; index++)
			store.set(`article-${index}.txt`, 'h', {paragraph: index, offset: 0});
		await store.save();
		const reopened = PositionStore.open(path);
		expect(reopened.size).toBe(3);
		expect(reopened.get('article-0.txt', 'h')).toBeUndefined();
		expect(reopened.get('article-4.txt', 'h')).toEqual({paragraph: 4, offset: 0});
	});

	it('warns instead of throwing when the file cannot be written', async () => {
		const folder = tempFolder();
		const blocker = join(folder, 'not-a-folder');
		writeFileSync(blocker, 'x');
		const warnings: string[] = [];
		const store = PositionStore.open(join(blocker, 'positions.json'), {
			warn: (message) => warnings.push(message),
		});
		store.set(first!.id, first!.hash, {paragraph: 0, offset: 0});
		await expect(store.save()).resolves.toBeUndefined();
		expect(() => store.saveSync()).not.toThrow();
		expect(warnings.length).toBeGreaterThanOrEqual(2);
	});
});
