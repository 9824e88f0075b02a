/**
 * core/versions/signature.ts: the signatures the store's writer thread works out (see
 * core/store/facts-writer.ts) are the ones the versions index files documents under.
 */
import {describe, expect, it} from 'vitest';
import {SIGNATURE_BINS} from '../../../source/core/versions/minhash.js';
import {
	packedSignatures,
	unpackedSignature,
	versionSignature,
} from '../../../source/core/versions/signature.js';
import {VersionIndex} from '../../../source/core/versions/version-index.js';
import {seedDocuments, seedText} from '../../fixtures/seeds.js';

/** Seed 000's signature as the versions index made it before it had a module of its own: its
 * first six bins and its last six. */
const SEED_000_FIRST = [642842, 39805263, 69931882, 101645108, 137003730, 169196508];
const SEED_000_LAST = [4095355373, 4133491487, 4164711788, 4195748546, 4233526317, 4261495558];
const ACCENTS = 'Café crème. Une histoire déjà lue à Zürich, et racontée encore.';
const ACCENTS_FIRST = [413980196, 945041684, 1100932278, 945041684];

describe('version signatures', () => {
	it('are those the versions index always made', () => {
		const seed = versionSignature(seedText('000'))!;
		expect([...seed.subarray(0, 6)]).toEqual(SEED_000_FIRST);
		expect([...seed.subarray(SIGNATURE_BINS - 6)]).toEqual(SEED_000_LAST);
		expect([...versionSignature(ACCENTS)!.subarray(0, 4)]).toEqual(ACCENTS_FIRST);
		// Fewer than five words: no shingle.
		expect(versionSignature('Short.')).toBeUndefined();
		expect(versionSignature('one two three four')).toBeUndefined();
		// What the index files a document under.
		const index = new VersionIndex();
		const seeds = seedDocuments();
		index.add(seeds);
		for (const seed of seeds) {
			expect(index.signatureOf(seed.id, seed.hash)).toEqual(versionSignature(seed.text));
		}
	});

	it('packed for a thread to hand over, each text’s in its place, none for a text without shingles', () => {
		const texts = [seedText('000'), 'Short.', ACCENTS, '', ...seedDocuments().map((s) => s.text)];
		const packed = packedSignatures(texts);
		expect(packed.bins).toHaveLength(texts.length * SIGNATURE_BINS);
		expect([...packed.shingled]).toEqual([1, 0, 1, 0, 1, 1, 1, 1, 1]);
		const seed = unpackedSignature(packed, 0)!;
		expect([...seed.subarray(0, 6)]).toEqual(SEED_000_FIRST);
		expect([...seed.subarray(SIGNATURE_BINS - 6)]).toEqual(SEED_000_LAST);
		expect(unpackedSignature(packed, 1)).toBeNull();
		expect([...unpackedSignature(packed, 2)!.subarray(0, 4)]).toEqual(ACCENTS_FIRST);
		expect(unpackedSignature(packed, 3)).toBeNull();
		texts.forEach((text, at) => {
			expect(unpackedSignature(packed, at) ?? undefined).toEqual(versionSignature(text));
		});
		// Views of the packed bins, not copies.
		expect(unpackedSignature(packed, 2)!.buffer).toBe(packed.bins.buffer);
	});
});
