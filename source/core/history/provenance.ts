import {diffArrays} from 'diff';
import {wordHashes} from '../versions/words.js';

/**
 * Which parts of a story came when: the latest version's paragraphs, each with the version it
 * first appeared in (and the versions that later edited it), and the paragraphs removed along
 * the way, kept at the place they stood.
 *
 * Method: consecutive versions' paragraphs are aligned as lists (a Myers diff of the
 * paragraphs, jsdiff's diffArrays); within each run that the diff replaces, a removed paragraph
 * and an added one whose words are mostly the same (Dice coefficient of their word sets at
 * least EDITED_SIMILARITY, words as the versions index reads them) are one paragraph edited,
 * paired in order. Paragraphs removed earlier stay where they were among the live ones, so
 * later insertions around them do not move them.
 */

/** Versions are numbered from 0 here (the first version is 0); screens show v1, v2, …. */
export interface ProvenanceParagraph {
	/** The paragraph as the latest version has it, or as it last stood before its removal. */
	readonly text: string;
	/** The version it first appeared in. */
	readonly since: number;
	/** Versions that changed its words after it first appeared, oldest first. */
	readonly edited: readonly number[];
	/** The version that no longer had it; undefined while it is in the latest version. */
	readonly removedIn: number | undefined;
}

export interface ProvenanceHeadline {
	readonly text: string;
	/** The version whose headline this first was. */
	readonly since: number;
	/** The version that replaced it; undefined for the latest version's headline. */
	readonly replacedIn: number | undefined;
}

export interface Provenance {
	/** Headlines oldest first: the latest version's last. Versions without a headline (a title
	 * derived from the text) add nothing here. */
	readonly headlines: readonly ProvenanceHeadline[];
	/** The latest version's paragraphs in order, with removed ones at the place they stood. */
	readonly paragraphs: readonly ProvenanceParagraph[];
}

/** What provenance needs of a version (a Document will do). */
export interface ProvenanceVersion {
	readonly title: string;
	readonly titleFromHeadline: boolean;
	readonly paragraphs: readonly string[];
}

/** Two paragraphs whose word sets agree at least this much (2·shared / sum of sizes) are one
 * paragraph edited: a corrected quote or figure keeps most of its words, another paragraph of the
 * same story shares the story's common words but well under half. */
export const EDITED_SIMILARITY = 0.6;

interface Entry {
	text: string;
	readonly since: number;
	readonly edited: number[];
	removedIn: number | undefined;
}

export function provenance(versions: readonly ProvenanceVersion[]): Provenance {
	let entries: Entry[] = [];
	const headlines: {text: string; since: number; replacedIn: number | undefined}[] = [];
	versions.forEach((version, index) => {
		if (version.titleFromHeadline && headlines.at(-1)?.text !== version.title) {
			const previous = headlines.at(-1);
			if (previous !== undefined) previous.replacedIn = index;
			headlines.push({text: version.title, since: index, replacedIn: undefined});
		}
		entries =
			index === 0
				? version.paragraphs.map((text) => ({text, since: 0, edited: [], removedIn: undefined}))
				: nextEntries(entries, version.paragraphs, index);
	});
	return {headlines, paragraphs: entries};
}

/** What happens to the live paragraphs on the way to the next version, in the next one's order. */
type Event =
	| {readonly kind: 'keep'; readonly live: number; readonly text: string; readonly edited: boolean}
	| {readonly kind: 'remove'; readonly live: number}
	| {readonly kind: 'add'; readonly text: string};

function nextEntries(entries: readonly Entry[], next: readonly string[], version: number): Entry[] {
	const liveEntries = entries.filter((entry) => entry.removedIn === undefined);
	const events = alignParagraphs(
		liveEntries.map((entry) => entry.text),
		next,
	);
	const result: Entry[] = [];
	let at = 0;
	// Entries up to (not including) live entry `live`, i.e. the removed ones before it.
	const passRemovedBefore = (live: number) => {
		while (at < entries.length && entries[at] !== liveEntries[live]) result.push(entries[at++]!);
	};
	for (const event of events) {
		if (event.kind === 'add') {
			// After the paragraphs removed here before: older text first.
			while (at < entries.length && entries[at]!.removedIn !== undefined)
				result.push(entries[at++]!);
			result.push({text: event.text, since: version, edited: [], removedIn: undefined});
			continue;
		}
		passRemovedBefore(event.live);
		const entry = entries[at++]!;
		if (event.kind === 'remove') result.push({...entry, removedIn: version});
		else if (event.edited) {
			result.push({...entry, text: event.text, edited: [...entry.edited, version]});
		} else result.push(entry);
	}
	while (at < entries.length) result.push(entries[at++]!);
	return result;
}

function alignParagraphs(older: readonly string[], newer: readonly string[]): Event[] {
	const events: Event[] = [];
	let atOld = 0;
	let removed: number[] = [];
	let added: string[] = [];
	const flush = () => {
		events.push(...pairEdits(removed, added, older));
		removed = [];
		added = [];
	};
	for (const change of diffArrays([...older], [...newer])) {
		if (change.removed) {
			for (let index = 0; index < change.value.length; index++) removed.push(atOld++);
		} else if (change.added) {
			added.push(...change.value);
		} else {
			flush();
			for (const text of change.value)
				events.push({kind: 'keep', live: atOld++, text, edited: false});
		}
	}
	flush();
	return events;
}

/** A run the diff replaced: removed paragraphs paired in order with added ones they are
 * edits of; the rest removed or added, in the newer version's order. */
function pairEdits(
	removed: readonly number[],
	added: readonly string[],
	older: readonly string[],
): Event[] {
	const events: Event[] = [];
	let nextAdded = 0;
	const addedWords = added.map(wordSet);
	for (const live of removed) {
		const words = wordSet(older[live]!);
		let match = -1;
		for (let candidate = nextAdded; candidate < added.length; candidate++) {
			if (dice(words, addedWords[candidate]!) >= EDITED_SIMILARITY) {
				match = candidate;
				break;
			}
		}
		if (match === -1) {
			events.push({kind: 'remove', live});
			continue;
		}
		for (; nextAdded < match; nextAdded++) events.push({kind: 'add', text: added[nextAdded]!});
		events.push({kind: 'keep', live, text: added[match]!, edited: true});
		nextAdded = match + 1;
	}
	for (; nextAdded < added.length; nextAdded++) events.push({kind: 'add', text: added[nextAdded]!});
	return events;
}

function wordSet(text: string): Set<number> {
	return new Set(wordHashes(text));
}

function dice(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
	if (a.size + b.size === 0) return 1;
	let shared = 0;
	for (const word of a) if (b.has(word)) shared++;
	return (2 * shared) / (a.size + b.size);
}
