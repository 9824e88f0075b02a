import {folderBoilerplateOfSteps} from '../diff/regions.js';
import {provenance} from '../history/provenance.js';
import {provenanceLines} from '../history/provenance-lines.js';
import {StoryHistories, type StoriesOptions} from '../history/stories.js';
import type {StoryHistory} from '../history/story.js';
import {folderStepLine} from '../history/summary.js';
import type {Document, StyledLine} from '../types.js';
import type {VersionGroup} from '../versions/version-index.js';
import type {HistoryEnv} from './state.js';

export interface HistoryEnvOptions extends StoriesOptions {
	readonly localOffset?: HistoryEnv['localOffset'];
}

export interface BackgroundHistoryEnv extends HistoryEnv {
	/** Orders stories and diffs their steps until `deadline()` says stop (StoryHistories.step);
	 * returns whether every story is done. The app runs it between keys, so a history opens on
	 * work already done. */
	readonly workInBackground: (deadline: () => boolean) => boolean;
}

/**
 * The app's stories, once the versions are known: each story ordered when its history is first
 * opened and kept (StoryHistories), its steps diffed when shown (StoryHistory), and the
 * provenance view's lines made once per story and width. What the app and the step's tests
 * both give the step as `env.history`.
 */
export function historyEnv(
	groups: readonly VersionGroup[],
	documents: readonly Document[],
	options: HistoryEnvOptions,
): BackgroundHistoryEnv {
	// Each step's line is the diff's per-region summary.
	const stories = new StoryHistories(groups, documents, {
		regionSummary: folderStepLine(documents),
		prepareSummary: () => folderBoilerplateOfSteps(documents),
		...options,
	});
	const lines = new WeakMap<StoryHistory, Map<number, readonly StyledLine[]>>();
	return {
		storyOf: (document) => stories.historyOf(document.id),
		provenanceLines(story, width) {
			let byWidth = lines.get(story);
			if (byWidth === undefined) lines.set(story, (byWidth = new Map()));
			let made = byWidth.get(width);
			if (made === undefined) {
				// A resize drags through many widths: keep only the few in use.
				if (byWidth.size > 4) byWidth.clear();
				made = provenanceLines(provenance(story.versions), width);
				byWidth.set(width, made);
			}
			return made;
		},
		...(options.localOffset ? {localOffset: options.localOffset} : {}),
		workInBackground: (deadline) => stories.step(deadline),
	};
}
