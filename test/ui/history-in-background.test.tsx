/**
 * The app orders stories and diffs their steps in the background (app.tsx, the history's
 * workInBackground), only once keys have rested 400 ms: slices run between keys kept the main
 * thread busy while a person typed. Whether keys rest is asked of key-activity's untilKeysRest,
 * which this test answers itself: "not yet" while the person is taken to be typing.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import {StoryHistories} from '../../source/core/history/stories.js';
import {untilKeysRest} from '../../source/ui/key-activity.js';
import type * as KeyActivity from '../../source/ui/key-activity.js';
import {renderApp, unmountAll} from './render-app.js';

const typing = vi.hoisted(() => ({now: true}));

vi.mock('../../source/ui/key-activity.js', async (importOriginal) => {
	const actual = await importOriginal<typeof KeyActivity>();
	return {
		...actual,
		// While typing, keys rest in 20 ms, and again 20 ms later: never.
		untilKeysRest: vi.fn((restMs: number, now?: number) =>
			typing.now ? 20 : actual.untilKeysRest(restMs, now),
		),
	};
});

afterEach(() => {
	unmountAll();
	vi.restoreAllMocks();
});

describe('the history’s background work', () => {
	it('waits for keys to rest 400 ms, and goes on once they do', async () => {
		const steps = vi.spyOn(StoryHistories.prototype, 'step');
		const app = renderApp({rows: 20});
		await app.until((frame) => frame.includes('[2 versions]'), 'the indexed library');
		// The stories are made once the versions are known: their work asks, again and again.
		const askedFor400 = () =>
			vi.mocked(untilKeysRest).mock.calls.filter(([restMs]) => restMs === 400).length;
		await vi.waitFor(() => expect(askedFor400()).toBeGreaterThanOrEqual(3), {
			timeout: 5000,
			interval: 5,
		});
		expect(steps).not.toHaveBeenCalled();
		typing.now = false;
		await vi.waitFor(() => expect(steps).toHaveBeenCalled(), {timeout: 5000, interval: 5});
	});
});
