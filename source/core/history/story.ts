import {summariseTexts} from '../diff/diff-documents.js';
import type {DiffStats, DiffSummary} from '../diff/types.js';
import type {Document} from '../types.js';
import type {VersionOrder} from './order.js';
import {changeSize, wordChangeLine, type RegionSummary} from './summary.js';

/** What changed from one version of a story to the next. */
export interface HistoryStep {
	/** Indices into StoryHistory.versions: `to` is `from + 1` for a step of the history. */
	readonly from: number;
	readonly to: number;
	readonly stats: DiffStats;
	/** The word diff ran out of time and compared paragraphs (see diffTexts). */
	readonly fallback: boolean;
	/** One line: the per-region summary when there is one, else "−5 +96 words". */
	readonly summary: string;
	/** Words deleted and inserted: how large a bar the step gets. */
	readonly size: number;
}

export interface StoryHistoryOptions {
	/** The per-region summary, once the diff engine has one (see summary.ts). */
	readonly regionSummary?: RegionSummary;
}

/**
 * A story's versions in order (see order.ts) and what each step changed. Steps are diffed when
 * first asked for and kept, so opening the history of a long story costs only the steps shown;
 * the diffs are of the texts in memory, so a file that vanished or changed since it was loaded
 * changes nothing here.
 */
export class StoryHistory {
	readonly versions: readonly Document[];
	readonly order: VersionOrder;
	readonly #steps: (HistoryStep | undefined)[];
	readonly #regionSummary: RegionSummary | undefined;

	/** `documents` must hold every version in `order` (more will do); throws otherwise. */
	constructor(
		documents: readonly Document[],
		order: VersionOrder,
		options: StoryHistoryOptions = {},
	) {
		const byId = new Map(documents.map((document) => [document.id, document]));
		this.versions = order.versions.map(({id}) => {
			const document = byId.get(id);
			if (document === undefined) throw new Error(`StoryHistory: no document ${id}`);
			return document;
		});
		this.order = order;
		this.#steps = Array.from({length: Math.max(0, this.versions.length - 1)}, () => undefined);
		this.#regionSummary = options.regionSummary;
	}

	/** Steps in the history: one fewer than versions. */
	get stepCount(): number {
		return this.#steps.length;
	}

	/** The step into version `to` (1 … versions − 1) from the one before, diffed if need be. */
	step(to: number): HistoryStep {
		const index = to - 1;
		if (!(index >= 0 && index < this.#steps.length)) {
			throw new RangeError(`StoryHistory: no step into version ${to}`);
		}
		let step = this.#steps[index];
		if (step === undefined) {
			step = this.compare(to - 1, to);
			this.#steps[index] = step;
		}
		return step;
	}

	/** The step into version `to` if it has been diffed already, else undefined (never diffs). */
	knownStep(to: number): HistoryStep | undefined {
		return this.#steps[to - 1];
	}

	/** Versions after the first whose step is not diffed yet, first to last. */
	pendingSteps(): number[] {
		const pending: number[] = [];
		this.#steps.forEach((step, index) => {
			if (step === undefined) pending.push(index + 1);
		});
		return pending;
	}

	/**
	 * Diffs the steps into `wanted` versions that are not diffed yet, in that order, until
	 * `deadline()` (asked after each) says stop; returns how many it diffed. How a screen opens
	 * at once on a long story: the first frame waits for what fits in its budget, the rest are
	 * filled in between keys.
	 */
	stepUntil(wanted: readonly number[], deadline: () => boolean): number {
		let diffed = 0;
		for (const to of wanted) {
			if (this.knownStep(to) !== undefined) continue;
			this.step(to);
			diffed++;
			if (deadline()) break;
		}
		return diffed;
	}

	/** Any two versions compared, as a step is (not kept). */
	compare(from: number, to: number): HistoryStep {
		const older = this.versions[from];
		const newer = this.versions[to];
		if (older === undefined || newer === undefined) {
			throw new RangeError(`StoryHistory: no versions ${from} and ${to}`);
		}
		const diff: DiffSummary = summariseTexts(older.text, newer.text);
		return {
			from,
			to,
			stats: diff.stats,
			fallback: diff.fallback,
			summary: this.#regionSummary?.(older, newer, diff) ?? wordChangeLine(diff),
			size: changeSize(diff.stats),
		};
	}
}
