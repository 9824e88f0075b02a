import {describe, expect, it} from 'vitest';
import {SearchIndex, type SearchResults} from '../../../source/core/search/index.js';
import {
	bytesSource,
	crc32,
	decodeSnapshot,
	decodeSnapshotFrom,
	encodeSnapshot,
	openSnapshotChecked,
	type SnapshotSource,
} from '../../../source/core/search/snapshot.js';
import type {Document} from '../../../source/core/types.js';
import {paragraphs} from '../../fixtures/prose.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';
import {checkedBytesSource} from '../../fixtures/checked-snapshot.js';

function indexOf(documents: readonly Document[]): SearchIndex {
	const index = new SearchIndex();
	index.add(documents);
	return index;
}

/** Generated articles, some with words outside ASCII, and a long one (more than one chunk of
 * postings would need far more; several trie and table growths are enough). */
function generated(count: number, seed: number): Document[] {
	return Array.from({length: count}, (_, at) =>
		documentFromText(
			`Report ${at} from Zürich — naïve café\n\n${paragraphs(3 + (at % 7), seed + at).join('\n\n')}`,
			`gen-${String(at).padStart(3, '0')}.txt`,
		),
	);
}

/** Everything a search says, result by result. */
function answer(results: SearchResults) {
	return {
		total: results.total,
		results: results.slice(0, results.total).map((result) => ({
			id: result.document.id,
			score: result.score,
		})),
	};
}

const QUERIES = [
	'kadimi',
	'soleimany kadimi',
	'"the relations between his country"',
	'zurich',
	'cafe naive',
	'rep',
	'zarif teh',
];

/** A snapshot's bytes, as they would be written to its file. */
async function bytesOf(index: SearchIndex): Promise<Buffer> {
	const parts = await encodeSnapshot(index);
	if (parts === undefined) throw new Error('no snapshot');
	return Buffer.concat(parts);
}

async function restored(index: SearchIndex, documents: readonly Document[]) {
	const bytes = await bytesOf(index);
	const decoded = await decodeSnapshot(bytes);
	if ('problem' in decoded) throw new Error(decoded.problem);
	return SearchIndex.restore(decoded.state, documents);
}

describe('search index snapshots', () => {
	it('are checked with zlib’s CRC-32', () => {
		// The standard check value: CRC-32 of the nine ASCII digits.
		const digits = new TextEncoder().encode('123456789');
		expect(crc32(digits)).toBe(0xcb_f4_39_26);
		// Going on from the CRC of the bytes before.
		expect(crc32(digits.subarray(4), crc32(digits.subarray(0, 4)))).toBe(0xcb_f4_39_26);
		expect(crc32(new Uint8Array(0))).toBe(0);
	});

	const seeds = seedDocuments();
	const documents = [...seeds, ...generated(60, 7)];

	it('restores an index that answers every query as the one written out', async () => {
		const built = indexOf(documents);
		const restoredIndex = (await restored(built, documents))!;
		expect(restoredIndex.size).toBe(65);
		for (const query of QUERIES) {
			expect(answer(restoredIndex.search(query)), query).toEqual(answer(built.search(query)));
		}
		// Written out: typos, prefixes and phrases as the seeds' tests have them.
		expect(
			restoredIndex.search('kadimi rohani').results.map((result) => result.document.id.slice(0, 3)),
		).toEqual(['003', '004']);
		expect(restoredIndex.search('zurich').total).toBe(60);
	});

	it('goes on indexing after the restored documents, as if it had built them all', async () => {
		const more = generated(25, 99).map((document) =>
			documentFromText(`${document.text}\n\nA later word: quetzalcoatl.`, `z-${document.id}`),
		);
		const all = [...documents, ...more];
		const partly = (await restored(indexOf(documents), all))!;
		partly.add(more);
		const whole = indexOf(all);
		for (const query of [...QUERIES, 'quetzalcoatl', 'quetzal']) {
			expect(answer(partly.search(query)), query).toEqual(answer(whole.search(query)));
		}
		expect(partly.search('quetzalcoatl').total).toBe(25);
	});

	it('taken up and grown, is written out again whole: the sequences left in the source read back', async () => {
		const more = generated(25, 99).map((document) =>
			documentFromText(`${document.text}\n\nA later word: quetzalcoatl.`, `z-${document.id}`),
		);
		const all = [...documents, ...more];
		const partly = (await restored(indexOf(documents), all))!;
		partly.add(more);
		const again = (await restored(partly, all))!;
		expect(again.size).toBe(90);
		const whole = indexOf(all);
		for (const query of [...QUERIES, '"a later word"', 'quetzal']) {
			expect(answer(again.search(query)), query).toEqual(answer(whole.search(query)));
		}
		expect(again.search('"later word: quetzalcoatl"').total).toBe(25);
	});

	it('is taken up for the documents that are its own, by id and key, wherever they are now', async () => {
		const index = indexOf(seeds);
		const bytes = await bytesOf(index);
		const decoded = await decodeSnapshot(bytes);
		if ('problem' in decoded) throw new Error(decoded.problem);
		const changed = documentFromText(`${seeds[2]!.text} One more sentence.`, seeds[2]!.id);
		const retitled = {...seeds[3]!, title: 'Another headline'};
		const taken = (documents: readonly Document[]) => {
			const restoredIndex = SearchIndex.restore(decoded.state, documents);
			return restoredIndex && [restoredIndex.size, restoredIndex.placesToFill()];
		};
		expect(taken(seeds)).toEqual([5, []]);
		expect(taken([...seeds, ...generated(2, 1)])).toEqual([5, [5, 6]]);
		expect(taken(seeds.with(2, changed))).toEqual([4, [2]]);
		expect(taken(seeds.with(3, retitled))).toEqual([4, [3]]);
		expect(taken(seeds.slice(0, 4))).toEqual([4, []]);
		expect(taken([...seeds].reverse())).toEqual([5, []]);
		const first = documentFromText(`${seeds[0]!.text} One more sentence.`, seeds[0]!.id);
		expect(taken(seeds.with(0, first))).toEqual([4, [0]]);
		// Two of five entries would be retired: built again instead.
		expect(taken(seeds.with(0, first).with(3, retitled))).toBeUndefined();
		expect(taken(generated(3, 1))).toBeUndefined();
	});

	it('taken up around a changed document, answers as an index built from the documents as they are now', async () => {
		const bytes = await bytesOf(indexOf(documents));
		const decoded = await decodeSnapshot(bytes);
		if ('problem' in decoded) throw new Error(decoded.problem);
		// Document 30 of 65 changed: the other 64 taken up, it alone indexed again.
		const now = documents.with(
			30,
			documentFromText(`Zürich anew\n\nquetzalcoatl and kadhimi.`, documents[30]!.id),
		);
		const partly = SearchIndex.restore(decoded.state, now)!;
		expect(partly.size).toBe(64);
		expect(partly.placesToFill()).toEqual([30]);
		partly.add([now[30]!]);
		const whole = indexOf(now);
		for (const query of [...QUERIES, 'quetzalcoatl', 'anew', 'report']) {
			expect(answer(partly.search(query)), query).toEqual(answer(whole.search(query)));
		}
		expect(partly.search('quetzalcoatl').total).toBe(1);
	});

	it('taken up around a removed document, ranks with counts that leave it out', async () => {
		// "zyxtal harbour": the rare word's two documents are read for the common one, whose
		// rarity then comes from its postings: 42 of 62 documents now, 43 in the snapshot.
		const folder = [
			documentFromText('Zyxtal found\n\nzyxtal near the harbour wall.', 'a.txt'),
			documentFromText('Zyxtal again\n\nzyxtal and zyxtal, harbour.', 'b.txt'),
			documentFromText('Old harbour\n\nThe harbour as it was.', 'old.txt'),
			...Array.from({length: 40}, (_, at) =>
				documentFromText(`Harbour ${at}\n\n${paragraphs(1, at).join('')} harbour.`, `h${at}.txt`),
			),
			...generated(20, 3),
		];
		const now = folder.filter((document) => document.id !== 'old.txt');
		const partly = (await restored(indexOf(folder), now))!;
		expect(partly.placesToFill()).toEqual([]);
		const whole = indexOf(now);
		expect(answer(partly.search('zyxtal harbour'))).toEqual(answer(whole.search('zyxtal harbour')));
		expect(partly.search('harbour').total).toBe(42);
		expect(answer(partly.search('harbour'))).toEqual(answer(whole.search('harbour')));
	});

	it('says what is wrong with bytes that are not a snapshot it can use', async () => {
		const bytes = await bytesOf(indexOf(seeds));
		// The layout: the checksums at 8 and 12, where the word sequences start at 16 (48 bits),
		// the header's length at 24 and the header from 28; the sections after it on a multiple
		// of 4, the word sequences' chunks last.
		const headerLength = bytes.readUInt32LE(24);
		const sectionsAt = 28 + headerLength + ((4 - ((28 + headerLength) % 4)) % 4);
		const header = JSON.parse(bytes.toString('utf8', 28, 28 + headerLength)) as {
			sections: {name: string; kind: 'i32' | 'u16' | 'u8'; length: number}[];
		};
		const widths = {i32: 4, u16: 2, u8: 1};
		let sequencesAt = sectionsAt;
		for (const {name, kind, length} of header.sections) {
			if (/^sequences\.chunk\d+$/.test(name)) break;
			sequencesAt += Math.ceil((length * widths[kind]) / 4) * 4;
		}
		expect(header.sections.at(-1)!.name).toMatch(/^sequences\.chunk\d+$/);
		expect(bytes.readUIntLE(16, 6)).toBe(sequencesAt);
		expect(bytes.readUInt16LE(22)).toBe(0);
		// The first checksum is of bytes 16 up to the word sequences, the second of the rest.
		expect(bytes.readUInt32LE(8)).toBe(crc32(bytes.subarray(16, sequencesAt)));
		expect(bytes.readUInt32LE(12)).toBe(crc32(bytes.subarray(sequencesAt)));
		// A byte flipped: of the last word sequences, of the first section, of a checksum, of
		// where the word sequences start, of the header's length or of the header.
		for (const at of [bytes.length - 9, sectionsAt + 1, 9, 14, 16, 18, 24, 40]) {
			const damaged = Buffer.from(bytes);
			damaged[at]! ^= 0x01;
			expect(await decodeSnapshot(damaged), `byte ${at}`).toEqual({problem: 'a damaged snapshot'});
		}
		// Checksums that hold over a layout that does not: the word sequences said to start
		// inside the held sections, or after the first of their chunks.
		for (const wrongAt of [sectionsAt + 4, sequencesAt + 4]) {
			const crafted = Buffer.from(bytes);
			crafted.writeUIntLE(wrongAt, 16, 6);
			crafted.writeUInt32LE(crc32(crafted.subarray(16, wrongAt)), 8);
			crafted.writeUInt32LE(crc32(crafted.subarray(wrongAt)), 12);
			expect(await decodeSnapshot(crafted), `at ${wrongAt}`).toEqual({
				problem: 'a damaged snapshot',
			});
		}
		expect(await decodeSnapshot(bytes.subarray(0, bytes.length - 100))).toEqual({
			problem: 'a damaged snapshot',
		});
		expect(await decodeSnapshot(bytes.subarray(0, sectionsAt))).toEqual({
			problem: 'a damaged snapshot',
		});
		const otherFormat = Buffer.from(bytes);
		otherFormat.writeUInt32LE(999, 4);
		expect(await decodeSnapshot(otherFormat)).toEqual({problem: 'a snapshot of another format'});
		expect(await decodeSnapshot(Buffer.from('SQLite format 3\u0000 and so on'))).toEqual({
			problem: 'not a search index snapshot',
		});
		expect(await decodeSnapshot(new Uint8Array(0))).toEqual({
			problem: 'not a search index snapshot',
		});
	});

	it('passes over a header that does not hold together, though its checksums do', async () => {
		const bytes = await bytesOf(indexOf(seeds));
		const headerLength = bytes.readUInt32LE(24);
		const header = JSON.parse(bytes.toString('utf8', 28, 28 + headerLength)) as Record<
			string,
			unknown
		> & {sections: Record<string, unknown>[]};
		/** The snapshot with `changed` as its header, the layout and checksums made to fit it. */
		const withHeader = (changed: unknown): Buffer => {
			const json = Buffer.from(JSON.stringify(changed), 'utf8');
			const oldSectionsAt = Math.ceil((28 + headerLength) / 4) * 4;
			const sectionsAt = Math.ceil((28 + json.length) / 4) * 4;
			const crafted = Buffer.concat([
				bytes.subarray(0, 28),
				json,
				Buffer.alloc(sectionsAt - 28 - json.length),
				bytes.subarray(oldSectionsAt),
			]);
			crafted.writeUInt32LE(json.length, 24);
			const sequencesAt = bytes.readUIntLE(16, 6) - oldSectionsAt + sectionsAt;
			crafted.writeUIntLE(sequencesAt, 16, 6);
			crafted.writeUInt32LE(crc32(crafted.subarray(16, sequencesAt)), 8);
			crafted.writeUInt32LE(crc32(crafted.subarray(sequencesAt)), 12);
			return crafted;
		};
		// The header as it is, rewritten so: taken up.
		expect('state' in (await decodeSnapshot(withHeader(header)))).toBe(true);
		const first = header.sections[0]!;
		for (const [what, changed] of [
			['null', null],
			['no sections', {...header, sections: undefined}],
			['a section that is null', {...header, sections: [null, ...header.sections.slice(1)]}],
			[
				'a negative length',
				{...header, sections: [{...first, length: -1}, ...header.sections.slice(1)]},
			],
			[
				'no length',
				{...header, sections: [{...first, length: undefined}, ...header.sections.slice(1)]},
			],
			[
				'a huge length',
				{...header, sections: [{...first, length: 2 ** 30}, ...header.sections.slice(1)]},
			],
			[
				'another kind',
				{...header, sections: [{...first, kind: 'f64'}, ...header.sections.slice(1)]},
			],
			['terms that are not strings', {...header, terms: null}],
			['a term that is a number', {...header, terms: [1]}],
			['more chunks than sections', {...header, chunks: 2 ** 40}],
		] as const) {
			expect(await decodeSnapshot(withHeader(changed)), what).toEqual({
				problem: 'a damaged snapshot',
			});
		}
		// A header length with its top bit set (damage before anything is checked).
		const long = Buffer.from(bytes);
		long.writeUInt32LE(headerLength + 0x80_00_00_00, 24);
		expect(await decodeSnapshot(long)).toEqual({problem: 'a damaged snapshot'});
	});

	it('keeps each entry’s id, any name, and takes an entry up only where its id is', async () => {
		const named = ['café/über.txt', 'a b.txt', '東京/記事.txt', 'plain.txt'].map((id, at) =>
			documentFromText(`Story ${at}\n\n${paragraphs(2, at).join('\n\n')}`, id),
		);
		const index = (await restored(indexOf(named), named))!;
		expect(index.size).toBe(4);
		expect(index.placesToFill()).toEqual([]);
		expect(
			index
				.search('story')
				.results.map((result) => result.document.id)
				.sort(),
		).toEqual(['a b.txt', 'café/über.txt', 'plain.txt', '東京/記事.txt'].sort());
		// Renamed: that entry is not taken up for the new name.
		const renamed = named.with(1, {...named[1]!, id: 'a c.txt'});
		const moved = (await restored(indexOf(named), renamed))!;
		expect(moved.placesToFill()).toEqual([1]);
		// An id that only starts like another's is not it, either way round.
		const longer = named.with(3, {...named[3]!, id: 'plain.txt.txt'});
		expect((await restored(indexOf(named), longer))!.placesToFill()).toEqual([3]);
		expect((await restored(indexOf(longer), named))!.placesToFill()).toEqual([3]);
		const shorter = named.with(1, {...named[1]!, id: 'a b'});
		expect((await restored(indexOf(named), shorter))!.placesToFill()).toEqual([1]);
	});

	it('is not taken up when its ids and entries do not agree', async () => {
		const decoded = await decodeSnapshot(await bytesOf(indexOf(seeds)));
		if ('problem' in decoded) throw new Error(decoded.problem);
		const {ids} = decoded.state;
		expect(ids).toBe(seeds.map((document) => document.id).join('\0'));
		expect(SearchIndex.restore(decoded.state, seeds)?.size).toBe(5);
		expect(
			SearchIndex.restore({...decoded.state, ids: `${ids}\0extra.txt`}, seeds),
		).toBeUndefined();
		expect(
			SearchIndex.restore({...decoded.state, ids: ids.slice(0, ids.lastIndexOf('\0'))}, seeds),
		).toBeUndefined();
	});

	it('is not taken while a batch is being added or once entries were retired', async () => {
		const index = new SearchIndex();
		const job = index.startAdding(seeds, {pieceCharacters: 64});
		job.step(() => true);
		expect(await encodeSnapshot(index)).toBeUndefined();
		while (!job.step(() => false));
		expect(await encodeSnapshot(index)).toBeDefined();
		index.retire(1);
		expect(await encodeSnapshot(index)).toBeUndefined();
	});
});

describe('openSnapshotChecked', () => {
	it('begins the checks as the file is opened, the ones decoding then waits for', async () => {
		const index = new SearchIndex();
		index.add(seedDocuments());
		const bytes = Buffer.concat((await encodeSnapshot(index))!);
		const asked: number[][] = [];
		const file = checkedBytesSource(bytes, (from, to) => asked.push([from, to]));
		const opened = (await openSnapshotChecked(() => Promise.resolve(file)))!;
		// The held part and the word sequences, which start where byte 16 says.
		const sequencesAt = bytes.readUIntLE(16, 6);
		expect(asked).toEqual([
			[16, sequencesAt],
			[sequencesAt, bytes.length],
		]);
		const decoded = await decodeSnapshotFrom(file, opened.check);
		expect('state' in decoded).toBe(true);
		expect(asked).toHaveLength(2);
	});

	it('gives none when there is no file, or it cannot be opened', async () => {
		expect(await openSnapshotChecked(() => Promise.resolve(undefined))).toBe(undefined);
		expect(await openSnapshotChecked(() => Promise.reject(new Error('EACCES')))).toBe(undefined);
		// Opened, but its checks cannot begin (a read that throws): closed again.
		let closed = 0;
		const unreadable: SnapshotSource = {
			...bytesSource(Buffer.alloc(64)),
			readSync: () => {
				throw new Error('EIO');
			},
			checkRange: () => Promise.resolve(undefined),
			close: () => closed++,
		};
		expect(await openSnapshotChecked(() => Promise.resolve(unreadable))).toBe(undefined);
		expect(closed).toBe(1);
		// Not a snapshot: opened, with nothing to check.
		const notOne = await openSnapshotChecked(() => Promise.resolve(bytesSource(Buffer.from('x'))));
		expect(notOne?.check).toBe(undefined);
	});
});
