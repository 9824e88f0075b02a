import {describe, expect, it} from 'vitest';
import {SearchIndex, type SearchResults} from '../../../source/core/search/index.js';
import {decodeSnapshot, encodeSnapshot} from '../../../source/core/search/snapshot.js';
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

	it('is taken up as far as the folder’s documents are its own: up to a changed text or title', async () => {
		const index = indexOf(seeds);
		const bytes = await bytesOf(index);
		const decoded = await decodeSnapshot(bytes);
		if ('problem' in decoded) throw new Error(decoded.problem);
		const changed = documentFromText(`${seeds[2]!.text} One more sentence.`, seeds[2]!.id);
		const retitled = {...seeds[3]!, title: 'Another headline'};
		const sizeFor = (documents: readonly Document[]) =>
			SearchIndex.restore(decoded.state, documents)?.size;
		expect(sizeFor(seeds)).toBe(5);
		expect(sizeFor([...seeds, ...generated(2, 1)])).toBe(5);
		expect(sizeFor(seeds.with(2, changed))).toBe(2);
		expect(sizeFor(seeds.with(3, retitled))).toBe(3);
		expect(sizeFor(seeds.slice(0, 4))).toBe(4);
		expect(sizeFor([...seeds].reverse())).toBeUndefined();
		expect(sizeFor(seeds.with(0, changed))).toBeUndefined();
	});

	it('taken up in part, answers as an index built from the documents as they are now', async () => {
		const bytes = await bytesOf(indexOf(documents));
		const decoded = await decodeSnapshot(bytes);
		if ('problem' in decoded) throw new Error(decoded.problem);
		// Document 30 of 65 changed: 30 taken up, the other 35 indexed again.
		const now = documents.with(
			30,
			documentFromText(`Zürich anew\n\nquetzalcoatl and kadhimi.`, documents[30]!.id),
		);
		const partly = SearchIndex.restore(decoded.state, now)!;
		expect(partly.size).toBe(30);
		partly.add(now.slice(30));
		const whole = indexOf(now);
		for (const query of [...QUERIES, 'quetzalcoatl', 'anew', 'report']) {
			expect(answer(partly.search(query)), query).toEqual(answer(whole.search(query)));
		}
		expect(partly.search('quetzalcoatl').total).toBe(1);
	});

	it('says what is wrong with bytes that are not a snapshot it can use', async () => {
		const bytes = await bytesOf(indexOf(seeds));
		const flipped = Buffer.from(bytes);
		flipped.writeUInt8(flipped.readUInt8(flipped.length - 9) ^ 0x40, flipped.length - 9);
		expect(await decodeSnapshot(flipped)).toEqual({problem: 'a damaged snapshot'});
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
