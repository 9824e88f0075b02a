import {
	copyFileSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	unlinkSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it, vi, type MockInstance} from 'vitest';
import {runCommand, type CommandContext} from '../../source/commands/run.js';
import {loadAll} from '../../source/core/corpus/load.js';
import {DatabaseStore} from '../../source/core/store/database.js';
import {cacheHomeFrom, openStore} from '../../source/core/store/open.js';
import {SearchIndex} from '../../source/core/search/index.js';
import {encodeSnapshot} from '../../source/core/search/snapshot.js';
import type * as LoadModule from '../../source/core/corpus/load.js';
import {paragraphs, seededRandom} from '../fixtures/prose.js';
import {SEEDS_FOLDER, seedFiles} from '../fixtures/seeds.js';

// Whether a command loaded the folder (a stat per file) or answered from the confirmed store.
vi.mock('../../source/core/corpus/load.js', async (importOriginal) => {
	const actual = await importOriginal<typeof LoadModule>();
	return {...actual, loadAll: vi.fn(actual.loadAll)};
});

/** Older than the loader's settling time, so a second run trusts sizes and mtimes. */
const PAST = new Date(Date.now() - 86_400_000);

let folder: string;
let cacheHome: string;

beforeAll(() => {
	folder = mkdtempSync(join(tmpdir(), 'reading-room-search-store-'));
	cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-search-store-cache-'));
	const files: string[] = [];
	for (const name of seedFiles) {
		copyFileSync(join(SEEDS_FOLDER, name), join(folder, name));
		files.push(name);
	}
	// Generated articles sharing the seeds' common words, some naming the seeds' people.
	const random = seededRandom(7);
	const names = ['Zarif', 'Kadhimi', 'Tehran', 'Baghdad', 'Rouhani'];
	for (let index = 0; index < 150; index++) {
		const name = `generated-${String(index).padStart(3, '0')}.txt`;
		const mentions = names.filter(() => random() < 0.2).join(' and ');
		const body = paragraphs(1 + (index % 5), index + 1).join('\n\n');
		writeFileSync(join(folder, name), `Report ${index} ${mentions}\n\n${body} ${mentions}\n`);
		files.push(name);
	}
	for (const name of files) utimesSync(join(folder, name), PAST, PAST);
	vi.stubEnv('XDG_CACHE_HOME', cacheHome);
});

afterAll(() => {
	vi.unstubAllEnvs();
	rmSync(folder, {recursive: true, force: true});
	rmSync(cacheHome, {recursive: true, force: true});
});

async function command(
	name: string,
	args: string[],
	cache: boolean,
	flags: {readonly sort?: string} = {},
): Promise<{code: number; output: string}> {
	let output = '';
	const context: CommandContext = {
		folderFrom: (argument) => argument ?? folder,
		flags: {json: true, print: false, layout: false, limit: 1000, state: false, cache, ...flags},
		colour: false,
		fullScreen: false,
		width: 100,
		cwd: folder,
		write: (text) => (output += text),
		fail: (message) => {
			throw new Error(message);
		},
		caches: () => cache,
	};
	const code = await runCommand(name, args, context);
	return {code, output};
}

const search = (query: string, cache: boolean) => command('search', [query, folder], cache);

/** The ids of the documents given to a spied SearchIndex's add, in order. */
function addedIds(adds: {mock: {calls: [readonly {id: string}[]][]}}): string[] {
	return adds.mock.calls.flatMap(([documents]) => documents.map((document) => document.id));
}

/** The files in the cache folder whose names end in `ending`. */
const kept = (ending: string) =>
	readdirSync(join(cacheHome, 'reading-room')).filter((name) => name.endsWith(ending));
/** The names files in the cache folder (see core/corpus/find-run.ts, SplitRun). */
const keptNames = () => kept('.names');

describe('commands answering from the cache', () => {
	const queries = [
		'zarif',
		'zarif tehran',
		'kadimi baghdad', // a typo
		'rouhani the',
		'the',
		'"prime minister"',
		'tehr',
		'nothingofthekind',
	];

	it('prints what --no-cache prints, whether the cache is being built or already there', async () => {
		for (const query of queries) {
			const direct = await search(query, false);
			const building = await search(query, true);
			const warm = await search(query, true);
			expect(building, query).toEqual(direct);
			expect(warm, query).toEqual(direct);
		}
		expect(JSON.parse((await search('zarif tehran', true)).output).total).toBeGreaterThan(5);
	});

	it('versions and history print what --no-cache prints, from kept signatures and dates', async () => {
		for (const [name, args] of [
			['versions', [folder]],
			['history', ['000', folder]],
			['history', ['generated-001', folder]],
		] as const) {
			const direct = await command(name, [...args], false);
			const building = await command(name, [...args], true);
			const warm = await command(name, [...args], true);
			expect(building, name).toEqual(direct);
			expect(warm, name).toEqual(direct);
		}
		const groups = JSON.parse((await command('versions', [folder], true)).output).groups;
		expect(groups.map((group: {documents: string[]}) => group.documents)).toEqual([
			[seedFiles[0], seedFiles[1]],
		]);
	});

	it('list --sort title prints what --no-cache prints, reading only the texts of the pair compared', async () => {
		const sorted = (cache: boolean) => command('list', [folder], cache, {sort: 'title'});
		const direct = await sorted(false);
		expect(await sorted(true)).toEqual(direct);
		const texts = vi.spyOn(DatabaseStore.prototype, 'textOf');
		const paragraphs = vi.spyOn(DatabaseStore.prototype, 'paragraphsOf');
		const loads = vi.mocked(loadAll);
		loads.mockClear();
		try {
			// The folder unchanged: listed from the stored rows, grouped by the kept signatures.
			expect(await sorted(true)).toEqual(direct);
			expect(loads).not.toHaveBeenCalled();
			const read = new Set(
				[...texts.mock.calls, ...paragraphs.mock.calls].map(([document]) => document.id),
			);
			expect([...read].sort()).toEqual([seedFiles[0], seedFiles[1]]);
		} finally {
			texts.mockRestore();
			paragraphs.mockRestore();
		}
	});

	/** The folder's search index kept as the library keeps it, of the documents `holds` keeps (by id;
	 * all when not given); its file's path. */
	async function keepIndex(holds: (id: string) => boolean = () => true): Promise<string> {
		const store = openStore({folder, useCache: true, cacheHome: cacheHomeFrom(process.env)});
		try {
			const {documents} = await loadAll(folder, {store});
			const index = new SearchIndex();
			index.add(documents.filter((document) => holds(document.id)));
			await store.writeSearchSnapshot((await encodeSnapshot(index))!);
		} finally {
			store.close();
		}
		return join(cacheHome, 'reading-room', kept('.sqlite-search')[0]!);
	}

	/** Spies on a kept index's take-up (SearchIndex.restore) and on documents indexed (add). */
	interface KeptIndexSpies {
		readonly snapshot: string;
		readonly restores: MockInstance<typeof SearchIndex.restore>;
		readonly adds: MockInstance<SearchIndex['add']>;
	}

	/** Runs `body` with the folder's index kept (see keepIndex), a low bar for "common" (the
	 * default is a tenth of the folder, at least 1,000 candidates) and the take-up spied on;
	 * all undone after. */
	async function withKeptIndex(
		holds: ((id: string) => boolean) | undefined,
		body: (spies: KeptIndexSpies) => Promise<void>,
	): Promise<void> {
		const snapshot = await keepIndex(holds);
		vi.stubEnv('READING_ROOM_KEPT_INDEX_FROM', '20');
		const restores = vi.spyOn(SearchIndex, 'restore');
		const adds = vi.spyOn(SearchIndex.prototype, 'add');
		try {
			await body({snapshot, restores, adds});
		} finally {
			restores.mockRestore();
			adds.mockRestore();
			vi.stubEnv('READING_ROOM_KEPT_INDEX_FROM', undefined as unknown as string);
			rmSync(snapshot, {force: true});
		}
	}

	it('search answers a common query from the kept index, as --no-cache does, and without it as before', async () => {
		await withKeptIndex(undefined, async ({snapshot, restores}) => {
			for (const query of ['zarif', 'the', 'tehran', 'kadimi']) {
				const direct = await search(query, false);
				await search(query, true);
				restores.mockClear();
				expect(await search(query, true), query).toEqual(direct);
				expect(restores, query).toHaveBeenCalledTimes(1);
			}
			// A rare query is still narrowed: its few candidates indexed, the kept index not read.
			restores.mockClear();
			expect(await search('nothingofthekind', true)).toEqual(
				await search('nothingofthekind', false),
			);
			expect(restores).not.toHaveBeenCalled();
			// A damaged kept index is passed over: the candidates are indexed, the answer the same.
			const bytes = readFileSync(snapshot);
			bytes[bytes.length - 100]! ^= 0xff;
			writeFileSync(snapshot, bytes);
			restores.mockClear();
			expect(await search('zarif', true)).toEqual(await search('zarif', false));
			expect(restores).not.toHaveBeenCalled();
		});
	});

	it('search fills in the document a kept index lacks, and answers as --no-cache does', async () => {
		// Seed 000 names Zarif: an index without it would answer without it.
		await withKeptIndex(
			(id) => id !== seedFiles[0],
			async ({restores, adds}) => {
				const direct = await search('zarif', false);
				expect(
					JSON.parse(direct.output).results.map((result: {id: string}) => result.id),
				).toContain(seedFiles[0]);
				await search('zarif', true);
				restores.mockClear();
				adds.mockClear();
				expect(await search('zarif', true)).toEqual(direct);
				expect(restores).toHaveBeenCalledTimes(1);
				expect(addedIds(adds)).toEqual([seedFiles[0]]);
			},
		);
	});

	it('search takes up the kept index around a file changed since, for a common query only', async () => {
		await withKeptIndex(undefined, async ({snapshot, restores, adds}) => {
			const opens = vi.spyOn(DatabaseStore.prototype, 'openSearchSnapshot');
			const file = join(folder, 'generated-002.txt');
			const original = readFileSync(file, 'utf8');
			let change = 0;
			// The file changed before each cached search: the folder is loaded, that file read.
			const afterAChange = async (query: string) => {
				change++;
				writeFileSync(file, `Ichthyosaur report ${change}\n\n${original}The ichthyosaur.\n`);
				utimesSync(file, PAST, new Date(PAST.getTime() + change * 1000));
				const direct = await search(query, false);
				restores.mockClear();
				adds.mockClear();
				opens.mockClear();
				expect(await search(query, true), query).toEqual(direct);
				return direct;
			};
			try {
				await search('the', true);
				// 'the': in every document, its title now "Ichthyosaur report 1".
				const common = await afterAChange('the');
				expect(JSON.parse(common.output).results).toContainEqual(
					expect.objectContaining({id: 'generated-002.txt', title: 'Ichthyosaur report 1'}),
				);
				// Read once, while find listed the folder, and taken up once, around the new text.
				expect(opens).toHaveBeenCalledTimes(1);
				expect(restores).toHaveBeenCalledTimes(1);
				expect(addedIds(adds)).toEqual(['generated-002.txt']);
				// Found by its new word when that is common too.
				const both = await afterAChange('the ichthyosaur');
				expect(JSON.parse(both.output).total).toBe(1);
				// A rare query: its few candidates indexed, the kept index not read.
				await afterAChange('ichthyosaur');
				expect(restores).not.toHaveBeenCalled();
				// More places to fill than the query has candidates: they are indexed instead.
				await keepIndex((id) => !id.startsWith('generated-'));
				restores.mockClear();
				await afterAChange('zarif');
				expect(restores).toHaveBeenCalledTimes(1);
				expect(adds).not.toHaveBeenCalled();
				// No kept index: a common query's candidates are indexed once, for the folder as
				// loaded, not also for the folder as it was while find listed it.
				rmSync(snapshot, {force: true});
				const indexings = vi.spyOn(SearchIndex.prototype, 'addSequences');
				try {
					await afterAChange('the');
					expect(indexings.mock.calls.length + adds.mock.calls.length).toBe(1);
				} finally {
					indexings.mockRestore();
				}
			} finally {
				opens.mockRestore();
				writeFileSync(file, original);
				utimesSync(file, PAST, PAST);
			}
		});
	});

	it('search on a folder with files renamed and removed since, or a damaged kept index, answers as --no-cache does', async () => {
		await withKeptIndex(undefined, async ({snapshot, restores, adds}) => {
			const renamedFrom = join(folder, 'generated-010.txt');
			const renamedTo = join(folder, 'generated-010-renamed.txt');
			const removed = join(folder, 'generated-011.txt');
			const removedText = readFileSync(removed);
			const changed = join(folder, 'generated-012.txt');
			const changedText = readFileSync(changed);
			const cachedAsDirect = async (query: string) => {
				const direct = await search(query, false);
				restores.mockClear();
				adds.mockClear();
				expect(await search(query, true), query).toEqual(direct);
			};
			try {
				await search('the', true);
				renameSync(renamedFrom, renamedTo);
				unlinkSync(removed);
				await cachedAsDirect('the');
				// The renamed file indexed again, the removed one's entry retired.
				expect(restores).toHaveBeenCalledTimes(1);
				expect(addedIds(adds)).toEqual(['generated-010-renamed.txt']);
				// Damaged: passed over, the candidates indexed.
				const bytes = readFileSync(snapshot);
				bytes[bytes.length - 100]! ^= 0xff;
				writeFileSync(snapshot, bytes);
				writeFileSync(changed, `Plesiosaur report\n\n${changedText.toString()}`);
				utimesSync(changed, PAST, new Date(PAST.getTime() + 5000));
				await cachedAsDirect('the');
				expect(restores).not.toHaveBeenCalled();
			} finally {
				renameSync(renamedTo, renamedFrom);
				writeFileSync(removed, removedText);
				writeFileSync(changed, changedText);
				for (const file of [renamedFrom, removed, changed]) utimesSync(file, PAST, PAST);
			}
		});
	});

	// From SPLIT_FROM files on, a confirmed listing is taken in two halves next time (one find
	// for the names, one for the stamps of the names kept): here from the first file. When no
	// directory changed since the names were kept (for SETTLE_MS before it; here none), only
	// the stamps are taken.
	it.each([
		['one find', undefined, undefined],
		['two finds', '1', '999999999999'],
		['the stamps of the names kept', '1', '0'],
	])(
		'answers an unchanged folder from the store alone, and reads a file changed, added or removed since first (%s)',
		async (_, splitFrom, settleMs) => {
			if (splitFrom !== undefined) vi.stubEnv('READING_ROOM_SPLIT_FROM', splitFrom);
			if (settleMs !== undefined) vi.stubEnv('READING_ROOM_SETTLE_MS', settleMs);
			const loads = vi.mocked(loadAll);
			const file = join(folder, 'generated-000.txt');
			const original = readFileSync(file, 'utf8');
			const at = (seconds: number) => new Date(PAST.getTime() + seconds * 1000);
			const same = async (query: string) => {
				const direct = await search(query, false);
				loads.mockClear();
				const cached = await search(query, true);
				expect(cached, query).toEqual(direct);
				return {found: JSON.parse(cached.output).total as number, loaded: loads.mock.calls.length};
			};
			try {
				await search('zarif', true);
				// Confirmed by the last command: nothing is loaded, and the answer is the same.
				expect(await same('zarif tehran')).toEqual({found: expect.any(Number), loaded: 0});
				expect(await same('kadimi baghdad')).toMatchObject({loaded: 0});

				// A new word, the file longer: read first, then found.
				writeFileSync(file, `${original}\nQuetzalcoatlus sighted.\n`);
				utimesSync(file, at(10), at(10));
				expect(await same('quetzalcoatlus')).toEqual({found: 1, loaded: 1});
				expect(await same('quetzalcoatlus')).toEqual({found: 1, loaded: 0});

				// The same size, another word: only the modification time tells.
				const size = statSync(file).size;
				writeFileSync(file, `${original}\nTyrannosaurids sighted.\n`);
				expect(statSync(file).size).toBe(size);
				utimesSync(file, at(20), at(20));
				expect(await same('quetzalcoatlus')).toEqual({found: 0, loaded: 1});
				expect(await same('tyrannosaurids')).toEqual({found: 1, loaded: 0});
				// Again within the same second, the same size: a millisecond tells.
				writeFileSync(file, `${original}\nAnkylosaurians sighted.\n`);
				expect(statSync(file).size).toBe(size);
				utimesSync(file, at(20.001), at(20.001));
				expect(await same('tyrannosaurids')).toEqual({found: 0, loaded: 1});
				expect(await same('ankylosaurians')).toEqual({found: 1, loaded: 0});

				// A new file, then that file removed.
				const added = join(folder, 'zz-added.txt');
				writeFileSync(added, 'Pterodactyl weekly\n\nA pterodactyl over Tehran.\n');
				utimesSync(added, PAST, PAST);
				expect(await same('pterodactyl')).toEqual({found: 1, loaded: 1});
				unlinkSync(added);
				expect(await same('pterodactyl')).toEqual({found: 0, loaded: 1});
				expect(await same('pterodactyl')).toEqual({found: 0, loaded: 0});
				// The names are kept for the second find only when the listing is split, and the
				// directories that vouch for them only once they have settled.
				expect(keptNames()).toHaveLength(splitFrom === undefined ? 0 : 1);
				expect(kept('.dirs')).toHaveLength(settleMs === '0' ? 1 : 0);
			} finally {
				writeFileSync(file, original);
				utimesSync(file, PAST, PAST);
				if (splitFrom !== undefined) vi.stubEnv('READING_ROOM_SPLIT_FROM', undefined);
				if (settleMs !== undefined) vi.stubEnv('READING_ROOM_SETTLE_MS', undefined);
				rmSync(join(cacheHome, 'reading-room'), {recursive: true, force: true});
			}
		},
	);

	it('lists an unchanged folder from the stored rows alone, as --no-cache lists it', async () => {
		const loads = vi.mocked(loadAll);
		const list = (cache: boolean) => command('list', [folder], cache);
		const direct = await list(false);
		await list(true);
		loads.mockClear();
		expect(await list(true)).toEqual(direct);
		expect(loads).not.toHaveBeenCalled();
		const file = join(folder, 'generated-001.txt');
		const original = readFileSync(file, 'utf8');
		try {
			writeFileSync(file, `Renamed report\n\n${original}`);
			utimesSync(file, PAST, new Date(PAST.getTime() + 30_000));
			const changed = await list(false);
			expect(changed).not.toEqual(direct);
			loads.mockClear();
			expect(await list(true)).toEqual(changed);
			expect(loads).toHaveBeenCalledTimes(1);
			// From the store again, the file written last still in its place by name.
			loads.mockClear();
			expect(await list(true)).toEqual(changed);
			expect(loads).not.toHaveBeenCalled();
		} finally {
			writeFileSync(file, original);
			utimesSync(file, PAST, PAST);
		}
	});
});
