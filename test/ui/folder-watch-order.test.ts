import {rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {loadAll} from '../../source/core/corpus/load.js';
import type * as Load from '../../source/core/corpus/load.js';
import type {FolderChange} from '../../source/core/corpus/live.js';
import type {Document} from '../../source/core/types.js';
import type {TreeListener} from '../../source/ui/watch-tree.js';
import {startFolderWatch} from '../../source/ui/use-folder-watch.js';
import {makeTempFolder, type TempFolder} from '../fixtures/temp-folder.js';

/** The first reread of a file can be held until the test lets it go: a slow read, or a store
 * waiting on another instance's write. */
const gate = vi.hoisted(() => ({
	held: undefined as Promise<void> | undefined,
	/** Whether the held reread has been reached. */
	reached: false,
}));
vi.mock('../../source/core/corpus/load.js', async (importOriginal) => {
	const load = await importOriginal<typeof Load>();
	return {
		...load,
		async refreshFile(...args: Parameters<typeof load.refreshFile>) {
			const read = await load.refreshFile(...args);
			const held = gate.held;
			gate.held = undefined;
			gate.reached = true;
			if (held) await held;
			return read;
		},
	};
});

let folder: TempFolder | undefined;
let stop: (() => void) | undefined;
afterEach(async () => {
	stop?.();
	await folder?.remove();
});

describe('the live folder when a reread is slow', () => {
	it('does not hand on a reading that a later event for its file overtook', async () => {
		folder = await makeTempFolder({'a.txt': 'Alpha\n\nThe first text of the article.\n'});
		const {documents} = await loadAll(folder.root);
		let listener: TreeListener | undefined;
		const changes: FolderChange[] = [];
		stop = startFolderWatch(
			folder.root,
			() => ({
				folder: folder!.root,
				loaded: true,
				current: () => documents as Document[],
				notify: () => undefined,
				onChanges: (batch) => changes.push(...batch),
			}),
			{
				watch: (_root, heard) => {
					listener = heard;
					return {close: () => undefined};
				},
				rescanMs: 60_000,
				unreliable: () => Promise.resolve(false),
			},
		);
		const file = join(folder.root, 'a.txt');
		let letGo = () => undefined as void;
		gate.held = new Promise((resolve) => {
			letGo = resolve;
		});
		writeFileSync(file, 'Alpha\n\nThe second text of the article.\n');
		listener!.onName('a.txt');
		await vi.waitFor(() => expect(gate.reached).toBe(true), {timeout: 5_000, interval: 5});
		// Removed while that reading is held: the next flush tells it removed.
		rmSync(file);
		listener!.onName('a.txt');
		await vi.waitFor(() => expect(changes).toEqual([{kind: 'removed', id: 'a.txt'}]), {
			timeout: 5_000,
			interval: 5,
		});
		// The held reading (the second text) comes back now, after the removal: it is dropped. What
		// is left of its flush runs in promise callbacks, all before the next turn of the loop.
		letGo();
		await new Promise((resolve) => setImmediate(resolve));
		expect(changes).toEqual([{kind: 'removed', id: 'a.txt'}]);
	});
});
