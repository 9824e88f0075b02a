/**
 * Found by the exploratory tester: a marked article whose file is removed while the app runs.
 * The mark stays in `library.marked`, so the status keeps saying "2 marked" with one ● on
 * screen, and `d` then neither compares the two the user marked nor says why: it falls through
 * to the cursor's article and its closest version, a pair the user never chose.
 * Manual repro: a folder of six versions (same title), Space Space on v1 and v2, `rm v2.txt`,
 * d: a diff of v4 and v5 opens (its header shows v4.txt → v5.txt only at 200 columns).
 */
import {describe, expect, it} from 'vitest';
import {
	fold,
	folderChanged,
	initialAppState,
	libraryFrameInput,
	type AppEnv,
	type AppState,
} from '../../../source/core/app/state.js';
import {libraryFrame} from '../../../source/core/library/frame.js';
import {decodeKeys} from '../../../source/core/keys.js';
import {seedDocuments} from '../../fixtures/seeds.js';
import {testEnv} from './env.js';

const seeds = seedDocuments();

const typed = (input: string, state: AppState, env: AppEnv) => fold(state, decodeKeys(input), env);

const statusOf = (state: AppState, env: AppEnv) =>
	libraryFrame(libraryFrameInput(state, env))
		.at(-1)!
		.map((segment) => segment.text)
		.join('');

describe('a marked article removed from the folder', () => {
	const before = testEnv(seeds);
	// j j Space Space: 002 and 003 marked, the cursor on 004.
	const marked = typed('jj  ', initialAppState(), before).state;
	const removed = seeds[3]!;
	const after = testEnv(seeds.filter((document) => document !== removed));
	const state = folderChanged(marked, [{kind: 'removed', id: removed.id}], '1 removed');

	it('is no longer counted as marked', () => {
		expect(marked.library.marked).toEqual([seeds[2]!.id, seeds[3]!.id]);
		expect(statusOf(state, after)).not.toContain('2 marked');
	});

	it('d on the first row compares the mark left with the cursor’s article, as with one mark', () => {
		const next = typed('gd', state, after).state;
		expect(next.screen.name).toBe('diff');
		if (next.screen.name !== 'diff') return;
		expect([next.screen.a.id, next.screen.b.id]).toEqual([seeds[2]!.id, seeds[0]!.id]);
		expect(next.library.marked).toEqual([]);
	});

	it('d counts only marks on articles still listed, however the folder changed', () => {
		// The folder lost 003 without a change being told: its mark is passed over.
		const next = typed('gd', marked, after).state;
		expect(next.screen.name).toBe('diff');
		if (next.screen.name !== 'diff') return;
		expect([next.screen.a.id, next.screen.b.id]).toEqual([seeds[2]!.id, seeds[0]!.id]);
	});
});
