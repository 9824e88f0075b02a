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
}

export const emptyOverlay: FolderOverlay = {current: new Map(), added: [], removed: new Set()};

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
	for (const change of changes) {
		if (change.kind === 'removed') {
			removed.add(change.id);
			continue;
		}
		const {id} = change.document;
		current.set(id, change.document);
		removed.delete(id);
		if (!loaded(id) && !added.includes(id)) added.push(id);
	}
	return {current, added, removed};
}

/**
 * The documents with the overlay applied, in the folder's order (by file name), and the same
 * documents in the order the indexes take them: the loaded ones, then new ones as they came
 * (the indexes add documents past those they have; they do not reorder).
 */
export function overlaid(
	loaded: readonly Document[],
	overlay: FolderOverlay,
): {documents: readonly Document[]; indexOrder: readonly Document[]} {
	if (overlay === emptyOverlay) return {documents: loaded, indexOrder: loaded};
	const shown = (document: Document) => overlay.current.get(document.id) ?? document;
	const kept = loaded.filter((document) => !overlay.removed.has(document.id)).map(shown);
	const added = overlay.added
		.filter((id) => !overlay.removed.has(id))
		.map((id) => overlay.current.get(id)!);
	const documents =
		added.length === 0 ? kept : [...kept, ...added].sort((a, b) => compareIds(a.id, b.id));
	return {documents, indexOrder: [...loaded.map(shown), ...added]};
}

/** The status line's word on what a batch of changes did: "2 new · 1 changed · 1 removed". */
export function describeChanges(counts: {
	readonly added: number;
	readonly changed: number;
	readonly removed: number;
}): string | undefined {
	const parts: string[] = [];
	if (counts.added > 0) parts.push(`${formatCount(counts.added)} new`);
	if (counts.changed > 0) parts.push(`${formatCount(counts.changed)} changed`);
	if (counts.removed > 0) parts.push(`${formatCount(counts.removed)} removed`);
	return parts.length === 0 ? undefined : parts.join(' · ');
}
