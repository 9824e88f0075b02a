import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {loadAll} from '../../../source/core/corpus/load.js';
import {SearchIndex} from '../../../source/core/search/index.js';
import {encodeSnapshot} from '../../../source/core/search/snapshot.js';
import {KeptIndex, searchLoadedFolder} from '../../../source/core/store/narrowed-search.js';
import {openStore} from '../../../source/core/store/open.js';
import type {CorpusStore} from '../../../source/core/store/types.js';
import type {Document} from '../../../source/core/types.js';
import {seedFiles, seedText} from '../../fixtures/seeds.js';
import {makeTempFolder, type TempFolder} from '../../fixtures/temp-folder.js';

let folder: TempFolder;
let cacheHome: string;
let store: CorpusStore;
let documents: Document[];

beforeEach(async () => {
	folder = await makeTempFolder();
	for (const name of seedFiles) await folder.write(name, seedText(name.slice(0, 3)));
	cacheHome = await mkdtemp(join(tmpdir(), 'reading-room-kept-index-'));
	store = openStore({folder: folder.root, useCache: true, cacheHome});
	({documents} = await loadAll(folder.root, {store}));
});

afterEach(async () => {
	vi.restoreAllMocks();
	store.close();
	await folder.remove();
	await rm(cacheHome, {recursive: true, force: true});
});

/** Keeps an index of the documents `holds` keeps, as the library keeps its index. */
async function keep(holds: (document: Document) => boolean): Promise<void> {
	const index = new SearchIndex();
	index.add(documents.filter(holds));
	await store.writeSearchSnapshot((await encodeSnapshot(index))!);
}

/** The seeds naming Zarif, best first (as reading-room search zarif ranks them). */
const ZARIF = [
	'004_84368847e5c1b126.txt',
	'001_2da24b835264bdcc.txt',
	'000_fcf7af4745e890eb.txt',
	'003_9ce0b3694a9a8d18.txt',
];

/** Counts the closes of the kept index's file from here on. */
function countCloses(): {readonly count: number} {
	const open = store.openSearchSnapshot.bind(store);
	const counted = {count: 0};
	vi.spyOn(store, 'openSearchSnapshot').mockImplementation(async () => {
		const source = await open();
		if (source === undefined) return undefined;
		const close = source.close.bind(source);
		source.close = () => {
			counted.count++;
			close();
		};
		return source;
	});
	return counted;
}

const ids = (index: SearchIndex | undefined, query: string) =>
	index?.search(query).results.map((result) => result.document.id);

describe('KeptIndex', () => {
	it('is taken up once: a second take-up, or read, has nothing', async () => {
		await keep(() => true);
		const kept = new KeptIndex(store);
		expect(await kept.read()).toBeDefined();
		const index = await kept.takeUp(documents, 0);
		expect(index?.size).toBe(5);
		expect(ids(index, 'zarif')).toEqual(ZARIF);
		expect(await kept.takeUp(documents, 0)).toBeUndefined();
		expect(await kept.read()).toBeUndefined();
	});

	it('fills the places it lacks, when no more than asked', async () => {
		// Seed 000 names Zarif; the index kept without it.
		await keep((document) => document.id !== '000_fcf7af4745e890eb.txt');
		expect(await new KeptIndex(store).takeUp(documents, 0)).toBeUndefined();
		const index = await new KeptIndex(store).takeUp(documents, 1);
		expect(ids(index, 'zarif')).toEqual(ZARIF);
	});

	it('keeps its file open once taken up, and closes it when it gives up or is let go', async () => {
		await keep((document) => document.id !== '000_fcf7af4745e890eb.txt');
		const closes = countCloses();
		const index = await new KeptIndex(store).takeUp(documents, 1);
		// Its word sequences are read from the file: phrases and snippets.
		expect(index?.search('"foreign minister"').total).toBe(4);
		expect(closes.count).toBe(0);
		expect(await new KeptIndex(store).takeUp(documents, 0)).toBeUndefined();
		expect(closes.count).toBe(1);
		const letGo = new KeptIndex(store);
		expect(await letGo.read()).toBeDefined();
		letGo.letGo();
		expect(await letGo.read()).toBeUndefined();
		await vi.waitFor(() => expect(closes.count).toBe(2));
	});

	it('is let go by searchLoadedFolder when a query it reads for is answered from its candidates', async () => {
		await keep(() => true);
		await store.loadIndexing();
		const closes = countCloses();
		const keptIndex = new KeptIndex(store);
		await keptIndex.read();
		// Four candidates, fewer than the five that make a query common here.
		const found = await searchLoadedFolder(store, documents, 'zarif', {
			keptIndexFrom: 5,
			keptIndex,
		});
		expect(found?.results.map((result) => result.document.id)).toEqual(ZARIF);
		expect(await keptIndex.read()).toBeUndefined();
		await vi.waitFor(() => expect(closes.count).toBe(1));
	});

	it('has nothing when none was kept, or what was kept is not an index', async () => {
		expect(await new KeptIndex(store).read()).toBeUndefined();
		await store.writeSearchSnapshot([new TextEncoder().encode('not an index')]);
		expect(await new KeptIndex(store).read()).toBeUndefined();
		expect(await new KeptIndex(store).takeUp(documents, 5)).toBeUndefined();
	});
});
