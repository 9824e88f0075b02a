import {summariseTexts, summariseTextsSteps} from '../diff/diff-documents.js';
import {finish, SteppedWork, type Steps} from '../steps.js';
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
	/** Steps that make regionSummary quick (find the folder's boilerplate), taken before a step
	 * is diffed a slice at a time, so that its summary is not one long piece. */
	readonly prepareSummary?: () => Steps<unknown>;
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
	readonly #prepareSummary: (() => Steps<unknown>) | undefined;
	/** Steps being diffed a slice at a time (stepUntil), by the version they lead into. */
	readonly #underway = new Map<number, SteppedWork<HistoryStep>>();

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
		this.#prepareSummary = options.prepareSummary;
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
			step = this.#underway.get(to)?.finish() ?? this.compare(to - 1, to);
			this.#underway.delete(to);
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
	 * Diffs the steps into `wanted` versions that are not diffed yet, in that order, a slice at a
	 * time: at least one piece of work, then more until `deadline()` (asked after each piece)
	 * says stop; a step cut short is taken up where it stopped at the next call. Returns how many
	 * steps it finished. How a screen opens at once on a long story: the first frame waits for
	 * what fits in its budget, the rest are filled in between keys.
	 */
	stepUntil(wanted: readonly number[], deadline: () => boolean): number {
		let diffed = 0;
		for (const to of wanted) {
			if (this.knownStep(to) !== undefined) continue;
			if (!this.diffPieces(to, deadline)) break;
			diffed++;
			if (deadline()) break;
		}
		return diffed;
	}

	/** Diffs the step into `to` a piece at a time until `deadline()` (asked after each piece
	 * but its last) says stop, or it is done; returns whether it is done. */
	diffPieces(to: number, deadline: () => boolean): boolean {
		if (this.knownStep(to) !== undefined) return true;
		let work = this.#underway.get(to);
		if (work === undefined) {
			work = new SteppedWork(this.#compareSteps(to - 1, to, true));
			this.#underway.set(to, work);
		}
		if (!work.step(deadline)) return false;
		this.#underway.delete(to);
		this.#steps[to - 1] = work.result;
		return true;
	}

	/** Any two versions compared, as a step is (not kept). */
	compare(from: number, to: number): HistoryStep {
		return finish(this.#compareSteps(from, to, false));
	}

	/** compare a piece at a time; `sliced`: for slices between keys (prepareSummary's steps
	 * first, and the diff's bytes its own), else to be run to its end at once. */
	*#compareSteps(from: number, to: number, sliced: boolean): Steps<HistoryStep> {
		const older = this.versions[from];
		const newer = this.versions[to];
		if (older === undefined || newer === undefined) {
			throw new RangeError(`StoryHistory: no versions ${from} and ${to}`);
		}
		if (sliced && this.#prepareSummary !== undefined) {
			yield* this.#prepareSummary();
			yield;
		}
		let diff: DiffSummary;
		if (sliced) {
			// A stored version's text is read back from the store when asked for: a piece each.
			const olderText = older.text;
			yield;
			const newerText = newer.text;
			yield;
			diff = yield* summariseTextsSteps(olderText, newerText);
		} else diff = summariseTexts(older.text, newer.text);
		yield;
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
