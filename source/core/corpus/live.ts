import type {Document, SkippedFile} from '../types.js';
import {compareIds, sortById} from './scan.js';
import {formatCount} from '../text/numbers.js';

/**
 * What changed in the folder since it was loaded (the watcher's events, the editor's saves),
 * laid over the loaded corpus rather than reloading it.
 */
export interface FolderOverlay {
	/** Documents read again, by id: changed files, and new files once read. */
	readonly current: ReadonlyMap<string, Document>;
	/** Ids of new files, in the order they appeared. */
	readonly added: readonly string[];
	/** Ids of files gone from the list: removed, or no longer articles (see `skipped`). */
	readonly removed: ReadonlySet<string>;
	/** Files gone from the list though still there, by id: they turned binary, became a named
	 * pipe, cannot be read now. Skipped, as a new start would skip them. */
	readonly skipped: ReadonlyMap<string, SkippedFile>;
	/** Every document read again, in the order it was read: the indexes take each as a new entry
	 * after the loaded ones, and the entries it supersedes stop counting (see overlaid). */
	readonly log: readonly Document[];
}

export const emptyOverlay: FolderOverlay = {
	current: new Map(),
	added: [],
	removed: new Set(),
	skipped: new Map(),
	log: [],
};

export type FolderChange =
	| {readonly kind: 'read'; readonly document: Document}
	| {
			readonly kind: 'removed';
			readonly id: string;
			/** Why the file, still there, is no longer an article (binary now, a named pipe, not
			 * readable): it leaves the list as a removed file does, and is said as skipped.
			 * Absent when the file is gone. */
			readonly skipped?: SkippedFile;
	  };

/**
 * What became of a file the folder's watch named, read again (`read`; 'gone' when it is not
 * there any more): a document read (new, or changed from `known`), removed (gone, or no longer
 * an article: skipped, with why), or nothing to tell (unchanged, or never listed nor skipped and
 * still not there). `skipped` is the file as the skipped files have it now, if they do.
 *
 * A file not listed that is there and no longer (or not) an article is skipped, as a new start
 * would skip it: a named pipe made where a removed article was (its removal heard first, the
 * pipe in a later event), a binary file copied in. Told once: again for the same reason, it is
 * nothing new. A skipped file that goes is removed from the skipped.
 */
export function changeOnReread(
	id: string,
	known: Document | undefined,
	read: Document | SkippedFile | 'gone',
	skipped?: SkippedFile,
): FolderChange | undefined {
	if (read === 'gone') return known || skipped ? {kind: 'removed', id} : undefined;
	if ('reason' in read) {
		const same = skipped?.reason === read.reason && skipped.detail === read.detail;
		return known || !same ? {kind: 'removed', id, skipped: read} : undefined;
	}
	return known?.hash === read.hash ? undefined : {kind: 'read', document: read};
}

/** The overlay after `changes`; `loaded` says which ids the loaded corpus has. */
export function withChanges(
	overlay: FolderOverlay,
	changes: readonly FolderChange[],
	loaded: (id: string) => boolean,
): FolderOverlay {
	const current = new Map(overlay.current);
	const added = [...overlay.added];
	const removed = new Set(overlay.removed);
	const skipped = new Map(overlay.skipped);
	const log = [...overlay.log];
	for (const change of changes) {
		if (change.kind === 'removed') {
			removed.add(change.id);
			if (change.skipped) skipped.set(change.id, change.skipped);
			else skipped.delete(change.id);
			continue;
		}
		const {id} = change.document;
		current.set(id, change.document);
		log.push(change.document);
		removed.delete(id);
		skipped.delete(id);
		if (!loaded(id) && !added.includes(id)) added.push(id);
	}
	return {current, added, removed, skipped, log};
}

/**
 * The files skipped as the folder is now: those the load skipped (`loaded`), less those read
 * or removed since, and those the live folder found no longer articles. `loaded` itself when
 * the overlay changes none of them.
 */
export function skippedNow(
	loaded: readonly SkippedFile[],
	overlay: FolderOverlay,
): readonly SkippedFile[] {
	const kept = loaded.filter(({id}) => !overlay.current.has(id) && !overlay.removed.has(id));
	if (overlay.skipped.size === 0 && kept.length === loaded.length) return loaded;
	return sortById([...kept, ...overlay.skipped.values()]);
}

export interface Overlaid {
	/** The documents as the folder now has them, by file name. */
	readonly documents: readonly Document[];
	/** The entries the indexes take, in order: the loaded documents, then each document read
	 * again as it was read (the indexes add entries past those they have; they do not reorder). */
	readonly indexOrder: readonly Document[];
	/** Entries of indexOrder that no longer count, ascending: a removed file's, and each one a
	 * later entry of the same id supersedes (a changed file's old text). */
	readonly stale: readonly number[];
	/** Ids of removed files, for the indexes that file documents by id. */
	readonly removed: ReadonlySet<string>;
}

/** The documents with the overlay applied, and the index entries (see Overlaid). */
export function overlaid(loaded: readonly Document[], overlay: FolderOverlay): Overlaid {
	if (overlay === emptyOverlay) {
		return {documents: loaded, indexOrder: loaded, stale: [], removed: overlay.removed};
	}
	const shown = (document: Document) => overlay.current.get(document.id) ?? document;
	const kept = loaded.filter((document) => !overlay.removed.has(document.id)).map(shown);
	const added = overlay.added
		.filter((id) => !overlay.removed.has(id))
		.map((id) => overlay.current.get(id)!);
	const documents =
		added.length === 0 ? kept : [...kept, ...added].sort((a, b) => compareIds(a.id, b.id));
	const indexOrder = [...loaded, ...overlay.log];
	const latest = new Map<string, number>();
	indexOrder.forEach((document, entry) => latest.set(document.id, entry));
	const stale: number[] = [];
	indexOrder.forEach((document, entry) => {
		if (overlay.removed.has(document.id) || latest.get(document.id) !== entry) stale.push(entry);
	});
	return {documents, indexOrder, stale, removed: overlay.removed};
}

/** The files a folder-change line tells of, by what became of each. */
export interface ChangedFiles {
	readonly added: ReadonlySet<string>;
	readonly changed: ReadonlySet<string>;
	readonly removed: ReadonlySet<string>;
	/** Still there, no longer articles (see FolderChange): skipped now. */
	readonly skipped: ReadonlySet<string>;
}

/** A batch's files: documents read whose id `known` does not have are new, the others changed. */
export function changedFilesOf(
	changes: readonly FolderChange[],
	known: (id: string) => boolean,
): ChangedFiles {
	const added = new Set<string>();
	const changed = new Set<string>();
	const removed = new Set<string>();
	const skipped = new Set<string>();
	for (const change of changes) {
		if (change.kind === 'removed') (change.skipped ? skipped : removed).add(change.id);
		else (known(change.document.id) ? changed : added).add(change.document.id);
	}
	return {added, changed, removed, skipped};
}

/**
 * The files to tell after `batch`: joined to those told before while their line is still the
 * one shown (no key has cleared it), so files copied in over a few seconds come to one count
 * ("30 new"), not the last batch's ("2 new"). Each file counts once, by what became of it since
 * the line began: a new file written again is one new file (a save is often heard as a
 * truncation and then the text: "1 new", not "1 new · 1 changed"), a file changed twice is one
 * changed, a new file removed again is not told, a removed or skipped file that comes back is
 * changed, and a file skipped (no longer an article, see FolderChange) is skipped whatever it
 * was before.
 */
export function filesToTell(
	batch: ChangedFiles,
	told: ChangedFiles | undefined,
	shown: string | undefined,
): ChangedFiles {
	const toldLine = told === undefined ? undefined : describeChanges(told);
	if (told === undefined || toldLine === undefined || shown === undefined) return batch;
	// The diff and the history may say first what happened to a version they show.
	if (shown !== toldLine && !shown.endsWith(` · ${toldLine}`)) return batch;
	const added = new Set(told.added);
	const changed = new Set(told.changed);
	const removed = new Set(told.removed);
	const skipped = new Set(told.skipped);
	for (const id of batch.added) {
		const wasRemoved = removed.delete(id);
		const wasSkipped = skipped.delete(id);
		if (wasRemoved || wasSkipped) changed.add(id);
		else added.add(id);
	}
	for (const id of batch.changed) {
		skipped.delete(id);
		if (!added.has(id)) changed.add(id);
	}
	for (const id of batch.removed) {
		skipped.delete(id);
		if (added.delete(id)) continue;
		changed.delete(id);
		removed.add(id);
	}
	for (const id of batch.skipped) {
		added.delete(id);
		changed.delete(id);
		removed.delete(id);
		skipped.add(id);
	}
	return {added, changed, removed, skipped};
}

/** The status line's word on what a batch of changes did: "2 new · 1 changed · 1 removed",
 * and "1 skipped" for a file that is no longer an article (the library's status says why). */
export function describeChanges(files: ChangedFiles): string | undefined {
	const parts: string[] = [];
	if (files.added.size > 0) parts.push(`${formatCount(files.added.size)} new`);
	if (files.changed.size > 0) parts.push(`${formatCount(files.changed.size)} changed`);
	if (files.removed.size > 0) parts.push(`${formatCount(files.removed.size)} removed`);
	if (files.skipped.size > 0) parts.push(`${formatCount(files.skipped.size)} skipped`);
	return parts.length === 0 ? undefined : parts.join(' · ');
}
