import {describe, expect, it} from 'vitest';
import {SearchIndex, type SearchResults} from '../../../source/core/search/index.js';
import {crc32, decodeSnapshot, encodeSnapshot} from '../../../source/core/search/snapshot.js';
import type {Document} from '../../../source/core/types.js';
import {paragraphs} from '../../fixtures/prose.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';

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
		const flipped = Buffer.from(bytes);
		flipped.writeUInt8(flipped.readUInt8(flipped.length - 9) ^ 0x40, flipped.length - 9);
		expect(await decodeSnapshot(flipped)).toEqual({problem: 'a damaged snapshot'});
		// Each half is checked by its own checksum (bytes 8 to 12 the first, 12 to 16 the second,
		// of the halves of what follows): a byte of the first section flipped, and either
		// checksum's.
		const sectionsAt = 20 + bytes.readUInt32LE(16) + 3 - ((20 + bytes.readUInt32LE(16) + 3) % 4);
		expect(sectionsAt + 1).toBeLessThan(16 + (bytes.length - 16) / 2);
		for (const at of [sectionsAt + 1, 9, 14]) {
			const damaged = Buffer.from(bytes);
			damaged[at]! ^= 0x01;
			expect(await decodeSnapshot(damaged)).toEqual({problem: 'a damaged snapshot'});
		}
		expect(await decodeSnapshot(bytes.subarray(0, bytes.length - 100))).toEqual({
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
