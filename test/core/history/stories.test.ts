import {describe, expect, it} from 'vitest';
import {StoryHistories} from '../../../source/core/history/stories.js';
import {findVersions} from '../../../source/core/versions/version-index.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';
import {STORY_FILES, storyFiles} from '../../fixtures/story.js';

const NOW = Date.UTC(2026, 0, 1);

function corpus() {
	const story = storyFiles().map((file) => documentFromText(file.text, file.name));
	return [...seedDocuments(), ...story];
}

describe('StoryHistories', () => {
	it('orders every group and diffs every step, a piece per look at the deadline', () => {
		const documents = corpus();
		const groups = findVersions(documents);
		expect(groups).toHaveLength(2);
		const histories = new StoryHistories(groups, documents, {
			nowMs: NOW,
			// 001 saved before 000.
			modifiedOf: (document) => ({modifiedMs: document.id.startsWith('000') ? 2 : 1}),
		});
		let calls = 0;
		let looks = 0;
		while (
			!histories.step(() => {
				looks++;
				return true;
			})
		) {
			calls++;
			// Asked once, after the one piece it did.
			expect(looks).toBe(calls);
		}
		// One step of the seeds, five of the story, each diffed in many pieces.
		expect(calls).toBeGreaterThan(30);
		expect(histories.completed).toBe(2);
		const seeds = histories.historyOf('000_fcf7af4745e890eb.txt')!;
		expect(seeds.versions.map((version) => version.id)).toEqual([
			'001_2da24b835264bdcc.txt',
			'000_fcf7af4745e890eb.txt',
		]);
		expect(seeds.pendingSteps()).toEqual([]);
		const story = histories.historyOf('story-a.txt')!;
		expect(story.order.basis).toBe('dateline');
		expect(story.versions.map((version) => version.id)).toEqual([...STORY_FILES]);
		expect(story.knownStep(2)?.summary).toBe('−5 +100 words');
	});

	it('gives a story asked for before the job reached it, and nothing for one without versions', () => {
		const documents = corpus();
		const histories = new StoryHistories(findVersions(documents), documents, {nowMs: NOW});
		expect(histories.done).toBe(false);
		const story = histories.historyOf('story-d.txt')!;
		expect(story.versions).toHaveLength(6);
		// Without file times the seeds (000 has no dateline) are in name order.
		expect(histories.historyOf('001_2da24b835264bdcc.txt')!.order.basis).toBe('name');
		expect(histories.historyOf('002_f2f61d732b4d2628.txt')).toBeUndefined();
		// The job works on the same histories.
		histories.step(() => false);
		expect(histories.done).toBe(true);
		expect(story.pendingSteps()).toEqual([]);
	});
});
