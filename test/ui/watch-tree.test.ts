import {afterEach, describe, expect, it, vi} from 'vitest';
import {
	appendFileSync,
	mkdirSync,
	mkdtempSync,
	renameSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {watchTree, type TreeWatch} from '../../source/ui/watch-tree.js';

const opened: TreeWatch[] = [];
const folders: string[] = [];

afterEach(() => {
	for (const watch of opened.splice(0)) watch.close();
	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

/** A folder with `a.txt` and `sub/b.txt` (made in `within` if given), watched; what the watch
 * tells is gathered. */
function watched(within?: string) {
	const folder = mkdtempSync(join(within ?? tmpdir(), 'reading-room-watch-'));
	folders.push(folder);
	writeFileSync(join(folder, 'a.txt'), 'A\n');
	mkdirSync(join(folder, 'sub'));
	writeFileSync(join(folder, 'sub', 'b.txt'), 'B\n');
	const names: string[] = [];
	const gone: string[] = [];
	const errors: unknown[] = [];
	const watch = watchTree(folder, {
		onName: (id) => names.push(id),
		onFolderGone: (id) => gone.push(id),
		onError: (error) => errors.push(error),
	});
	opened.push(watch);
	/** Waits until `id` is named again (names so far are forgotten). */
	const named = async (id: string, act: () => void) => {
		names.length = 0;
		act();
		await vi.waitFor(() => expect(names).toContain(id), {timeout: 5_000, interval: 10});
	};
	return {folder, names, gone, errors, named};
}

/** The watch is ready once a write in a folder under the root is heard (the root's own watch
 * is made at once, its folders' as they are listed). */
async function ready(tree: ReturnType<typeof watched>): Promise<void> {
	await vi.waitFor(
		() => {
			appendFileSync(join(tree.folder, 'sub', 'b.txt'), '.');
			expect(tree.names).toContain('sub/b.txt');
		},
		{timeout: 5_000, interval: 50},
	);
}

describe('watchTree', () => {
	it('goes on naming a file saved by renaming a new file over it', async () => {
		const tree = watched();
		await ready(tree);
		for (const folder of ['', 'sub']) {
			const file = join(tree.folder, folder, folder === '' ? 'a.txt' : 'b.txt');
			const id = folder === '' ? 'a.txt' : 'sub/b.txt';
			const saving = join(tree.folder, folder, '.a.txt.swp');
			await tree.named(id, () => {
				writeFileSync(saving, 'Saved by rename\n');
				renameSync(saving, file);
			});
			await tree.named(id, () => appendFileSync(file, 'Appended after.\n'));
			await tree.named(id, () => rmSync(file));
		}
		expect(tree.errors).toEqual([]);
	});

	it('watches a folder that arrives, naming the files it came with, and tells when it goes', async () => {
		const tree = watched();
		await ready(tree);
		const outside = mkdtempSync(join(tmpdir(), 'reading-room-arriving-'));
		folders.push(outside);
		mkdirSync(join(outside, 'deeper'));
		writeFileSync(join(outside, 'deeper', 'c.txt'), 'C\n');
		await tree.named('new/deeper/c.txt', () => renameSync(outside, join(tree.folder, 'new')));
		await tree.named('new/deeper/d.txt', () =>
			writeFileSync(join(tree.folder, 'new', 'deeper', 'd.txt'), 'D\n'),
		);
		rmSync(join(tree.folder, 'new'), {recursive: true});
		await vi.waitFor(() => expect(tree.gone).toContain('new'), {timeout: 5_000, interval: 10});
		await tree.named('sub/e.txt', () => writeFileSync(join(tree.folder, 'sub', 'e.txt'), 'E\n'));
		expect(tree.errors).toEqual([]);
	});

	it('watches a folder removed and made again under the same name', async () => {
		const tree = watched();
		await ready(tree);
		await tree.named('sub', () => {
			rmSync(join(tree.folder, 'sub'), {recursive: true});
			mkdirSync(join(tree.folder, 'sub'));
		});
		await vi.waitFor(() => expect(tree.gone).toContain('sub'), {timeout: 5_000, interval: 10});
		await tree.named('sub/again.txt', () =>
			writeFileSync(join(tree.folder, 'sub', 'again.txt'), 'Again\n'),
		);
		expect(tree.errors).toEqual([]);
	});

	it('watches a linked folder once, even through a link loop, and none the folder is in', async () => {
		const around = mkdtempSync(join(tmpdir(), 'reading-room-around-'));
		folders.push(around);
		const tree = watched(around);
		symlinkSync(tree.folder, join(tree.folder, 'sub', 'loop'));
		// Inside the folder, under a name the watch passes over: followed, as the scan does.
		const linkedTarget = join(tree.folder, '.kept');
		mkdirSync(linkedTarget);
		symlinkSync(linkedTarget, join(tree.folder, 'linked'));
		// The folder holding the watched one: not followed, as the scan does not.
		symlinkSync(around, join(tree.folder, 'away'));
		await ready(tree);
		// Written around first, each time: a watch there would be heard before the one inside.
		const write = () => {
			appendFileSync(join(around, 'f.txt'), '.');
			appendFileSync(join(linkedTarget, 'f.txt'), '.');
		};
		await vi.waitFor(
			() => {
				write();
				expect(tree.names).toContain('linked/f.txt');
			},
			{timeout: 5_000, interval: 50},
		);
		const heard = [...tree.names];
		for (let round = 0; round < 2; round++) {
			await tree.named('linked/f.txt', write);
			heard.push(...tree.names);
		}
		expect(heard.filter((id) => id.startsWith('away/'))).toEqual([]);
		expect(tree.errors).toEqual([]);
	});

	it('throws when the root cannot be watched', () => {
		expect(() =>
			watchTree(join(tmpdir(), 'reading-room-no-such-folder'), {
				onName: () => undefined,
				onFolderGone: () => undefined,
				onError: () => undefined,
			}),
		).toThrow(/ENOENT/);
	});
});
