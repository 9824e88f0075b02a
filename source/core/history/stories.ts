import type {Document} from '../types.js';
import type {VersionGroup} from '../versions/version-index.js';
import type {DatelineDate} from './dateline-date.js';
import {orderVersions, type VersionFacts, type VersionOrder} from './order.js';
import {StoryHistory, type StoryHistoryOptions} from './story.js';

/** A file's modification time, or why it could not be had (it vanished, cannot be read). The
 * caller's to give: core does not touch the file system. */
export type ModifiedOf = (
	document: Document,
) => {readonly modifiedMs: number} | {readonly problem: string};

export interface StoriesOptions extends StoryHistoryOptions {
	readonly modifiedOf?: ModifiedOf;
	/** Dateline dates read before (the store's KnownVersionFacts.datelineDate). */
	readonly datelineDateOf?: (document: Document) => DatelineDate | null | undefined;
	/** The present, ms since 1970 (see orderVersions). */
	readonly nowMs: number;
}

/** What ordering needs of each document. */
export function versionFacts(
	documents: readonly Document[],
	modifiedOf: ModifiedOf | undefined,
	datelineDateOf?: StoriesOptions['datelineDateOf'],
): VersionFacts[] {
	return documents.map((document) => {
		const modified = modifiedOf?.(document) ?? {problem: 'not known'};
		return {
			id: document.id,
			dateline: document.dateline,
			modifiedMs: 'modifiedMs' in modified ? modified.modifiedMs : undefined,
			problem: 'problem' in modified ? modified.problem : undefined,
			datelineDate: datelineDateOf?.(document),
		};
	});
}

/** The group's versions in order (see orderVersions). */
export function orderGroup(
	group: VersionGroup,
	byId: ReadonlyMap<string, Document>,
	options: StoriesOptions,
): VersionOrder {
	const members = membersOf(group, byId);
	return orderVersions(versionFacts(members, options.modifiedOf, options.datelineDateOf), {
		nowMs: options.nowMs,
	});
}

/** The group's documents that are in `byId`. */
function membersOf(group: VersionGroup, byId: ReadonlyMap<string, Document>): Document[] {
	return group.documents.flatMap((id) => {
		const document = byId.get(id);
		return document === undefined ? [] : [document];
	});
}

/**
 * Every story of a corpus: each versions group ordered and its steps diffed, in the background
 * a small piece at a time (one group's order, or one step's diff, between looks at the
 * deadline), so keys are never kept waiting; a story asked for before the job reached it is
 * ordered then, and its steps diffed when shown (StoryHistory diffs lazily).
 */
export class StoryHistories {
	readonly #byId: ReadonlyMap<string, Document>;
	readonly #groupOf = new Map<string, VersionGroup>();
	readonly #histories = new Map<VersionGroup, StoryHistory>();
	readonly #groups: readonly VersionGroup[];
	readonly #options: StoriesOptions;
	/** The next group the job orders or diffs. */
	#next = 0;

	constructor(
		groups: readonly VersionGroup[],
		documents: readonly Document[],
		options: StoriesOptions,
	) {
		this.#byId = new Map(documents.map((document) => [document.id, document]));
		this.#groups = groups;
		this.#options = options;
		for (const group of groups) for (const id of group.documents) this.#groupOf.set(id, group);
	}

	/** The history of the story `id` is a version of, or undefined when it has no other. */
	historyOf(id: string): StoryHistory | undefined {
		const group = this.#groupOf.get(id);
		return group === undefined ? undefined : this.#history(group);
	}

	get done(): boolean {
		return this.#next >= this.#groups.length;
	}

	/** Groups wholly ordered and diffed so far. */
	get completed(): number {
		return this.#next;
	}

	get total(): number {
		return this.#groups.length;
	}

	/** Orders a group or diffs a piece of a step (StoryHistory.diffPieces), then more until
	 * `deadline()` says stop (asked after each piece) or every story is done. Returns whether
	 * every story is done. */
	step(deadline: () => boolean): boolean {
		while (this.#next < this.#groups.length) {
			const history = this.#history(this.#groups[this.#next]!);
			const pending = history.pendingSteps();
			// Cut short by the deadline: taken up at the next call.
			if (pending.length > 0 && !history.diffPieces(pending[0]!, deadline)) break;
			if (pending.length <= 1) this.#next++;
			if (deadline()) break;
		}
		return this.done;
	}

	#history(group: VersionGroup): StoryHistory {
		let history = this.#histories.get(group);
		if (history === undefined) {
			const order = orderGroup(group, this.#byId, this.#options);
			history = new StoryHistory(membersOf(group, this.#byId), order, this.#options);
			this.#histories.set(group, history);
		}
		return history;
	}
}
