import {realpathSync, statSync, watch, type FSWatcher, type Stats} from 'node:fs';
import {lstat, readdir, realpath, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {followsLinkedFolder} from '../core/corpus/scan.js';

export interface TreeListener {
	/** Something happened to the entry `id` (a path under the root, '/' between its parts):
	 * written, created, renamed to or from, removed. Also said of each file in a folder that
	 * arrived (moved in whole), which no event names. */
	readonly onName: (id: string) => void;
	/** The watched folder `id` went (removed, or renamed away): its files went with it. */
	readonly onFolderGone: (id: string) => void;
	/** Watching failed (too many watches, a file system that cannot be watched): the tree
	 * is no longer watched. */
	readonly onError: (error: unknown) => void;
}

export interface TreeWatch {
	close(): void;
}

/**
 * Watches every folder under `root` (not the dot-named ones nor node_modules, which the scan
 * passes over), one watch per folder, and the folders that come later. A link to a folder is
 * followed only where the scan follows it (core/corpus/scan): to a folder inside `root`'s real
 * path, so a link to `/` does not watch the disk. Folders, not files:
 * Node 20's recursive watch on Linux watches each file's inode, so a file saved by renaming a
 * new one over it (`sed -i`, most editors) was seen once and never again; a folder's watch
 * names what happens inside it whatever the inode. Throws when `root` cannot be watched.
 */
export function watchTree(root: string, listener: TreeListener): TreeWatch {
	/** The watched folders by id ('' the root). */
	const watchers = new Map<string, FSWatcher>();
	/** Folders by device and inode, so a link loop is watched once. */
	const identities = new Map<string, string>();
	let closed = false;

	const close = () => {
		closed = true;
		for (const watcher of watchers.values()) watcher.close();
		watchers.clear();
		identities.clear();
	};
	const fail = (error: unknown) => {
		if (closed) return;
		close();
		listener.onError(error);
	};
	/** Stops watching folder `id` and those under it. */
	const drop = (id: string) => {
		const prefix = `${id}/`;
		for (const [watched, watcher] of watchers) {
			if (watched !== id && !watched.startsWith(prefix)) continue;
			watcher.close();
			watchers.delete(watched);
			for (const [identity, folder] of identities)
				if (folder === watched) identities.delete(identity);
		}
	};

	/** Folder `id` is no longer the one watched there (removed, renamed away, replaced). */
	const went = (id: string) => {
		drop(id);
		listener.onFolderGone(id);
	};
	const heard = (folder: string, event: string, name: string) => {
		const id = folder === '' ? name : `${folder}/${name}`;
		listener.onName(id);
		// Only a 'rename' (created, removed, moved) can make or end a folder. A watched folder
		// so named may be another one now (removed and made again: its inode may even be the
		// same number), so it is watched afresh, its files named.
		if (event !== 'rename' || isPassedOver(name)) return;
		if (watchers.has(id)) went(id);
		void stat(join(root, id)).then(
			(stats) => {
				if (!closed && stats.isDirectory()) void add(id, true);
			},
			() => undefined,
		);
	};

	/** Watches folder `id` at `path`; the root's failure is thrown, a subfolder's is told. */
	const listen = (id: string, path: string, identity: string) => {
		const watcher = watch(path, (event, name) => {
			if (name) heard(id, event, String(name));
		});
		watcher.on('error', (error) => {
			// A subfolder removed under its watch is the parent's event to tell.
			if (id !== '' && isGoneError(error)) drop(id);
			else fail(error);
		});
		watchers.set(id, watcher);
		identities.set(identity, id);
	};
	/** Watches the folders in folder `id`; `arrived`: it came after the start, so its files
	 * are named (no event will). */
	const walk = async (id: string, path: string, arrived: boolean): Promise<void> => {
		const entries = await readdir(path, {withFileTypes: true}).catch(() => []);
		for (const entry of entries) {
			if (closed) return;
			if (isPassedOver(entry.name)) continue;
			const child = id === '' ? entry.name : `${id}/${entry.name}`;
			if (entry.isDirectory() || entry.isSymbolicLink()) void add(child, arrived);
			if (arrived && !entry.isDirectory()) listener.onName(child);
		}
	};
	/** Watches folder `id` (a link followed as the scan follows it) and the folders under it. */
	const add = async (id: string, arrived: boolean): Promise<void> => {
		const path = join(root, id);
		let stats = await lstat(path).catch(() => undefined);
		if (stats?.isSymbolicLink()) stats = await linkedFolder(path);
		if (!stats?.isDirectory()) return; // A file, gone already, or out of the folder.
		const identity = identityOf(stats);
		if (closed || watchers.has(id) || identities.has(identity)) return;
		try {
			listen(id, path, identity);
		} catch (error) {
			if (!isGoneError(error)) fail(error);
			return;
		}
		await walk(id, path, arrived);
	};

	/** What the link at `path` leads to, when the scan follows it too (not to a folder the root
	 * is in: real paths, bytes compared as the scan does); undefined otherwise. */
	const linkedFolder = async (path: string): Promise<Stats | undefined> => {
		try {
			const [stats, real] = await Promise.all([stat(path), realpath(path, {encoding: 'buffer'})]);
			return followsLinkedFolder(realRoot, real.toString('latin1')) ? stats : undefined;
		} catch {
			return undefined;
		}
	};

	// The root's watch is made at once, so a root that cannot be watched throws here.
	const rootStats = statSync(root);
	const realRoot = realpathSync(root, {encoding: 'buffer'}).toString('latin1');
	listen('', root, identityOf(rootStats));
	void walk('', root, false);
	return {close};
}

/** A folder by device and inode. */
function identityOf(stats: Stats): string {
	return `${stats.dev}:${stats.ino}`;
}

/** Names the scan passes over (core/corpus/scan). */
function isPassedOver(name: string): boolean {
	return name.startsWith('.') || name === 'node_modules';
}

function isGoneError(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return code === 'ENOENT' || code === 'ENOTDIR';
}
