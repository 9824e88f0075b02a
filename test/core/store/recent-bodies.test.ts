import {mkdtempSync, rmSync} from 'node:fs';
import {utimes} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadAll} from '../../../source/core/corpus/load.js';
import {openStore, type CorpusStore} from '../../../source/core/store/open.js';
import {StoredDocument} from '../../../source/core/store/stored-document.js';
import {bytesOf, RecentBodies} from '../../../source/core/store/recent-bodies.js';
import {makeTempFolder, type TempFolder} from '../../fixtures/temp-folder.js';

describe('the bytes a body is counted for', () => {
	it('is two a character and 32 a paragraph', () => {
		expect(bytesOf(['abc', 'de'], undefined)).toBe(6 + 32 + 4 + 32);
		expect(bytesOf(undefined, 'héllo')).toBe(10);
		expect(bytesOf([], '')).toBe(0);
		expect(bytesOf(['abc', 'de'], 'abc\n\nde')).toBe(74 + 14);
	});
});

describe('recent bodies', () => {
	const text = (characters: number) => ({text: 'x'.repeat(characters)});

	it('forgets the least recently asked for past the bound, in bytes', () => {
		// 1,000 bytes for bodies of up to 400; 200 bytes each below.
		const recent = new RecentBodies(1_000, 400, 1);
		for (const key of ['a', 'b', 'c', 'd', 'e']) recent.keep(key, text(100));
		expect(recent.keys()).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(recent.bytes).toBe(1_000);
		// Asked for: the most recent, so b goes first.
		expect(recent.get('a')?.text).toBe('x'.repeat(100));
		recent.keep('f', text(100));
		expect(recent.keys()).toEqual(['c', 'd', 'e', 'a', 'f']);
		expect(recent.get('b')).toBeUndefined();
		// 400 bytes: c and d make room.
		recent.keep('g', text(200));
		expect(recent.keys()).toEqual(['e', 'a', 'f', 'g']);
		expect(recent.bytes).toBe(1_000);
	});

	it('keeps a body larger than LARGE_BODY_BYTES apart: it evicts no other, and goes once others as large come', () => {
		const recent = new RecentBodies(1_000, 400, 1);
		for (const key of ['a', 'b', 'c']) recent.keep(key, text(100));
		recent.keep('huge', text(5_000));
		expect(recent.keys()).toEqual(['a', 'b', 'c', 'huge']);
		expect(recent.bytes).toBe(600 + 10_000);
		expect(recent.get('huge')?.text).toHaveLength(5_000);
		recent.keep('huge too', text(201));
		expect(recent.keys()).toEqual(['a', 'b', 'c', 'huge too']);
		expect(recent.get('huge')).toBeUndefined();
		expect(recent.bytes).toBe(600 + 402);
	});

	it('adds a body’s text to its paragraphs kept, counted together, and moves it apart once large', () => {
		const recent = new RecentBodies(1_000, 400, 1);
		const paragraphs = ['x'.repeat(50), 'y'.repeat(50)];
		recent.keep('a', {paragraphs});
		recent.keep('b', text(100));
		expect(recent.bytes).toBe(264 + 200);
		recent.keep('a', {text: `${'x'.repeat(50)}\n\n${'y'.repeat(50)}`});
		// 264 + 204 bytes: past 400, kept apart, the most recent.
		expect(recent.keys()).toEqual(['b', 'a']);
		expect(recent.get('a')?.paragraphs).toBe(paragraphs);
		expect(recent.get('a')?.text).toHaveLength(102);
		expect(recent.bytes).toBe(200 + 468);
		// The text first, then the paragraphs: both kept.
		recent.keep('b', {paragraphs: ['x'.repeat(10)]});
		expect(recent.get('b')).toEqual({
			text: 'x'.repeat(100),
			paragraphs: ['x'.repeat(10)],
			bytes: 252,
		});
		expect(recent.bytes).toBe(252 + 468);
	});

	it('at its own bounds, keeps 300 bodies of 10,000 characters, and two of 5 MB beside them', () => {
		const recent = new RecentBodies();
		// Five paragraphs of 2,000 characters: 20,160 bytes each, 6,048,000 in all.
		const kept = Array.from({length: 300}, () => ({paragraphs: Array(5).fill('w'.repeat(2_000))}));
		kept.forEach((body, at) => recent.keep(String(at), body));
		expect(recent.bytes).toBe(6_048_000);
		recent.keep('five', text(5_000_000));
		recent.keep('five again', text(5_000_000));
		expect(recent.keys()).toHaveLength(302);
		// Asked for again: the most recent of the 300.
		expect(recent.get('0')?.paragraphs).toBe(kept[0]!.paragraphs);
		expect(recent.bytes).toBe(6_048_000 + 20_000_000);
		// A third: the first of them goes.
		recent.keep('five more', text(5_000_000));
		expect(recent.get('five')).toBeUndefined();
		expect(recent.keys().slice(-2)).toEqual(['five again', 'five more']);
		// 120 more small bodies: 420 (8,467,200 bytes) would pass 8 MB (8,388,608), 416 do not;
		// the four asked for least recently go (0 was asked for after them).
		for (let at = 300; at < 420; at++) recent.keep(String(at), kept[0]!);
		expect(recent.keys().slice(0, 2)).toEqual(['5', '6']);
		expect(recent.keys()).toContain('0');
		expect(recent.bytes).toBe(8_386_560 + 20_000_000);
	});
});

describe('a stored folder’s bodies read back', () => {
	const PAST = new Date(Date.now() - 86_400_000);
	let folder: TempFolder;
	let cacheHome: string;
	const stores: CorpusStore[] = [];

	beforeEach(async () => {
		folder = await makeTempFolder();
		cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-recent-bodies-'));
	});
	afterEach(async () => {
		for (const store of stores.splice(0)) store.close();
		await folder.remove();
		rmSync(cacheHome, {recursive: true, force: true});
	});

	async function run() {
		const store = openStore({folder: folder.root, useCache: true, cacheHome, warn: () => {}});
		stores.push(store);
		await store.loadIndexing();
		return (await loadAll(folder.root, {store})).documents;
	}

	it('are the same arrays for each of 40 rows shown again, after a 5 MB article was read', async () => {
		for (let at = 0; at < 40; at++) {
			const name = `story-${String(at).padStart(2, '0')}.txt`;
			const file = await folder.write(name, `Story ${at}\n\nThe council met on day ${at}.`);
			await utimes(file, PAST, PAST);
		}
		const long = `The long one\n\n${'A paragraph of the long one.\n\n'.repeat(180_000)}`;
		await utimes(await folder.write('long.txt', long), PAST, PAST);
		await run();
		stores.pop()!.close();
		const documents = await run();
		expect(documents).toHaveLength(41);
		expect(documents.every((document) => document instanceof StoredDocument)).toBe(true);
		const rows = documents.filter((document) => document.id !== 'long.txt');
		// A frame of 40 rows' snippets, then the article opened and the rows shown again.
		const shown = rows.map((document) => document.paragraphs);
		expect(shown[7]).toEqual(['The council met on day 7.']);
		const article = documents.find((document) => document.id === 'long.txt')!;
		expect(article.paragraphs).toHaveLength(180_000);
		expect(article.text.length).toBeGreaterThan(5_000_000);
		const again = rows.map((document) => document.paragraphs);
		expect(again.filter((paragraphs, at) => paragraphs !== shown[at])).toEqual([]);
		expect(article.paragraphs).toBe(article.paragraphs);
	});

	it('read for one pass (an index being built) are not kept, and push out none shown', async () => {
		for (let at = 0; at < 3; at++) {
			const file = await folder.write(`row-${at}.txt`, `Row ${at}\n\nShown on the screen ${at}.`);
			await utimes(file, PAST, PAST);
		}
		// 300 bodies of about 30,000 bytes each as the store counts them: more than the 8 MB kept.
		for (let at = 0; at < 300; at++) {
			const name = `bulk-${String(at).padStart(3, '0')}.txt`;
			const file = await folder.write(
				name,
				`Bulk ${at}\n\n${'Indexed once, shown never. '.repeat(550)}`,
			);
			await utimes(file, PAST, PAST);
		}
		await run();
		stores.pop()!.close();
		const documents = await run();
		const rows = documents.filter((document) => document.id.startsWith('row-'));
		const bulk = documents.filter((document) => document.id.startsWith('bulk-'));
		expect(rows).toHaveLength(3);
		expect(bulk).toHaveLength(300);
		const shown = rows.map((document) => document.paragraphs);
		expect(shown[2]).toEqual(['Shown on the screen 2.']);
		const once = bulk.map((document) => document.paragraphsForOnePass!());
		expect(once[299]).toEqual(['Indexed once, shown never. '.repeat(550).trim()]);
		// Read as a screen does: still the arrays kept before the pass, not read again.
		const again = rows.map((document) => document.paragraphs);
		expect(again.filter((paragraphs, at) => paragraphs !== shown[at])).toEqual([]);
		// Not kept: read again, a new array with the same paragraphs.
		const last = bulk[299]!.paragraphsForOnePass!();
		expect(last).not.toBe(once[299]);
		expect(last).toEqual(once[299]);
		// A paragraphs read kept before the pass is given back by it, not read again.
		expect(rows[0]!.paragraphsForOnePass!()).toBe(shown[0]);
	});
});
