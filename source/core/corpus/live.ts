import type {Document} from '../types.js';
import {compareIds} from './scan.js';
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
	readonly removed: ReadonlySet<string>;
	/** Every document read again, in the order it was read: the indexes take each as a new entry
	 * after the loaded ones, and the entries it supersedes stop counting (see overlaid). */
	readonly log: readonly Document[];
}

export const emptyOverlay: FolderOverlay = {
	current: new Map(),
	added: [],
	removed: new Set(),
	log: [],
};

export type FolderChange =
	| {readonly kind: 'read'; readonly document: Document}
	| {readonly kind: 'removed'; readonly id: string};

/** The overlay after `changes`; `loaded` says which ids the loaded corpus has. */
export function withChanges(
	overlay: FolderOverlay,
	changes: readonly FolderChange[],
	loaded: (id: string) => boolean,
): FolderOverlay {
	const current = new Map(overlay.current);
	const added = [...overlay.added];
	const removed = new Set(overlay.removed);
	const log = [...overlay.log];
	for (const change of changes) {
		if (change.kind === 'removed') {
			removed.add(change.id);
			continue;
		}
		const {id} = change.document;
		current.set(id, change.document);
		log.push(change.document);
		removed.delete(id);
		if (!loaded(id) && !added.includes(id)) added.push(id);
	}
	return {current, added, removed, log};
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

export interface ChangeCounts {
	readonly added: number;
	readonly changed: number;
	readonly removed: number;
}

/**
 * The counts to tell after a batch of `counts`: added to those told before while their line is
 * still the one shown (no key has cleared it), so files copied in over a few seconds come to one
 * count ("30 new"), not the last batch's ("2 new").
 */
export function countsToTell(
	counts: ChangeCounts,
	told: ChangeCounts | undefined,
	shown: string | undefined,
): ChangeCounts {
	const toldLine = told === undefined ? undefined : describeChanges(told);
	if (told === undefined || toldLine === undefined || shown === undefined) return counts;
	// The diff and the history may say first what happened to a version they show.
	if (shown !== toldLine && !shown.endsWith(` · ${toldLine}`)) return counts;
	return {
		added: told.added + counts.added,
		changed: told.changed + counts.changed,
		removed: told.removed + counts.removed,
	};
}

/** The status line's word on what a batch of changes did: "2 new · 1 changed · 1 removed". */
export function describeChanges(counts: ChangeCounts): string | undefined {
	const parts: string[] = [];
	if (counts.added > 0) parts.push(`${formatCount(counts.added)} new`);
	if (counts.changed > 0) parts.push(`${formatCount(counts.changed)} changed`);
	if (counts.removed > 0) parts.push(`${formatCount(counts.removed)} removed`);
	return parts.length === 0 ? undefined : parts.join(' · ');
}
