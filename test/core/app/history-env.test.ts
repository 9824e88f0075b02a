import {describe, expect, it} from 'vitest';
import {historyEnv} from '../../../source/core/app/history-env.js';
import {findVersions} from '../../../source/core/versions/version-index.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';
import {storyFiles} from '../../fixtures/story.js';

const story = storyFiles().map((file) => documentFromText(file.text, file.name));
const documents = [...seedDocuments(), ...story];

describe('historyEnv', () => {
	it('orders every story and diffs its steps in the background, a slice at a time', () => {
		const env = historyEnv(findVersions(documents), documents, {nowMs: Date.UTC(2026, 11, 3)});
		const storyHistory = env.storyOf(story[0]!)!;
		const seedsHistory = env.storyOf(documents[0]!)!;
		expect(storyHistory.pendingSteps()).toEqual([1, 2, 3, 4, 5]);
		expect(seedsHistory.pendingSteps()).toEqual([1]);
		// A deadline already passed: each call does one piece, so the job takes several.
		let calls = 0;
		while (!env.workInBackground(() => true)) calls++;
		expect(calls).toBeGreaterThan(1);
		expect(storyHistory.pendingSteps()).toEqual([]);
		expect(seedsHistory.pendingSteps()).toEqual([]);
	});

	it('summarises each step by region, with the folder’s boilerplate', () => {
		const env = historyEnv(findVersions(documents), documents, {nowMs: Date.UTC(2026, 11, 3)});
		const seeds = env.storyOf(documents[0]!)!;
		// No file times here: 000 and 001 go by name, 000 first.
		expect(seeds.step(1).summary).toBe(
			'body identical · headline added · dateline added · footer replaced',
		);
		// The story's shared headline is not taken for a site's header.
		const storyHistory = env.storyOf(story[0]!)!;
		expect(storyHistory.step(1).summary).toBe(
			'body identical · headline changed · dateline changed',
		);
	});
});
