import {describe, expect, it} from 'vitest';
import {provenance, type ProvenanceVersion} from '../../../source/core/history/provenance.js';
import {documentFromText} from '../../fixtures/seeds.js';
import {HEADLINES, PARAGRAPHS, storyFiles} from '../../fixtures/story.js';

const version = (paragraphs: string[], headline?: string): ProvenanceVersion => ({
	title: headline ?? paragraphs[0] ?? '',
	titleFromHeadline: headline !== undefined,
	paragraphs,
});

describe('provenance', () => {
	it('tells the generated story’s paragraphs by the version they came in, removed ones in place', () => {
		const versions = storyFiles().map((file) => documentFromText(file.text, file.name));
		const result = provenance(versions);
		expect(result.headlines).toEqual([
			{text: HEADLINES[0], since: 0, replacedIn: 1},
			{text: HEADLINES[1], since: 1, replacedIn: undefined},
		]);
		expect(result.paragraphs).toEqual([
			{text: PARAGRAPHS.first, since: 0, edited: [], removedIn: undefined},
			{text: PARAGRAPHS.added1, since: 2, edited: [], removedIn: undefined},
			{text: PARAGRAPHS.second, since: 0, edited: [], removedIn: undefined},
			{text: PARAGRAPHS.correctedQuote, since: 0, edited: [4], removedIn: undefined},
			{text: PARAGRAPHS.third, since: 0, edited: [], removedIn: 3},
			{text: PARAGRAPHS.fourth, since: 0, edited: [], removedIn: undefined},
			{text: PARAGRAPHS.added2, since: 2, edited: [], removedIn: undefined},
			{text: PARAGRAPHS.correction, since: 5, edited: [], removedIn: undefined},
		]);
	});

	it('keeps a removed paragraph where it stood when others come and go around it', () => {
		const result = provenance([
			version(['alpha one two three', 'beta four five six', 'gamma seven eight nine']),
			version(['alpha one two three', 'gamma seven eight nine']),
			version(['alpha one two three', 'delta ten eleven twelve', 'gamma seven eight nine']),
			version(['delta ten eleven twelve', 'gamma seven eight nine', 'epsilon more words here']),
		]);
		expect(
			result.paragraphs.map((paragraph) => [
				paragraph.text.split(' ')[0],
				paragraph.since,
				paragraph.removedIn,
			]),
		).toEqual([
			['alpha', 0, 3],
			['beta', 0, 1],
			['delta', 2, undefined],
			['gamma', 0, undefined],
			['epsilon', 3, undefined],
		]);
		expect(result.headlines).toEqual([]);
	});

	it('takes a replaced paragraph with other words for a removal and an addition', () => {
		const result = provenance([
			version(['the minister said talks would continue next week']),
			version(['analysts expect little change before the elections']),
		]);
		expect(result.paragraphs).toEqual([
			{
				text: 'the minister said talks would continue next week',
				since: 0,
				edited: [],
				removedIn: 1,
			},
			{
				text: 'analysts expect little change before the elections',
				since: 1,
				edited: [],
				removedIn: undefined,
			},
		]);
	});

	it('follows a paragraph edited twice, and pairs edits in order', () => {
		const result = provenance([
			version(['one two three four five six', 'seven eight nine ten eleven twelve']),
			version(['one two three four five SIX', 'seven eight nine ten eleven TWELVE']),
			version(['one two three four five 6', 'seven eight nine ten eleven TWELVE']),
		]);
		expect(result.paragraphs).toEqual([
			{text: 'one two three four five 6', since: 0, edited: [1, 2], removedIn: undefined},
			{text: 'seven eight nine ten eleven TWELVE', since: 0, edited: [1], removedIn: undefined},
		]);
	});

	it('has nothing to say of no versions, and one version is all first appearances', () => {
		expect(provenance([])).toEqual({headlines: [], paragraphs: []});
		expect(provenance([version(['a b c'], 'Title')])).toEqual({
			headlines: [{text: 'Title', since: 0, replacedIn: undefined}],
			paragraphs: [{text: 'a b c', since: 0, edited: [], removedIn: undefined}],
		});
	});
});
