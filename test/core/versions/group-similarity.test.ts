import {describe, expect, it, vi} from 'vitest';
import {jaccard} from '../../../source/core/versions/similarity.js';
import type * as Similarity from '../../../source/core/versions/similarity.js';
import {VersionIndex} from '../../../source/core/versions/version-index.js';
import {paragraphs} from '../../fixtures/prose.js';
import {documentFromText} from '../../fixtures/seeds.js';

// Exact comparisons pass through a spy, so a test can tell when a group's pairs are compared.
vi.mock('../../../source/core/versions/similarity.js', async (importOriginal) => {
	const actual = await importOriginal<typeof Similarity>();
	return {...actual, jaccard: vi.fn(actual.jaccard)};
});

describe('a versions group’s similarity', () => {
	it('is worked out when read, not when the group is asked for its members', () => {
		// Forty saves of one text under other headlines: one group of forty.
		const body = paragraphs(4, 3).join('\n\n');
		const documents = Array.from({length: 40}, (_, at) =>
			documentFromText(`Save number ${at}\n\n${body}`, `save-${String(at).padStart(2, '0')}.txt`),
		);
		const index = new VersionIndex();
		index.add(documents);
		const compared = () => vi.mocked(jaccard).mock.calls.length;
		const before = compared();
		const group = index.groupOf('save-07.txt')!;
		expect(group.documents).toHaveLength(40);
		expect(index.groups()).toHaveLength(1);
		expect(compared()).toBe(before);
		// Read: every pair of the forty compared once (780 pairs), and kept.
		expect(group.similarity).toBeGreaterThan(0.9);
		const pairs = compared() - before;
		expect(pairs).toBeGreaterThan(0);
		expect(pairs).toBeLessThanOrEqual(780);
		expect(index.groupOf('save-00.txt')!.similarity).toBe(group.similarity);
		expect(compared() - before).toBe(pairs);
	});
});
