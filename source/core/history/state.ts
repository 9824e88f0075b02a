import {actionFor, type Keymap} from '../keys.js';
import {scrollKeymap, type ScrollAction} from '../scroll-keys.js';

/**
 * The history screen's state and keys: a list of a story's versions (oldest first) with a
 * cursor, up to two marked versions, and the provenance view (which parts came when) over it.
 * A key goes through historyKey, which looks it up in the keymap of what is showing and folds
 * it into the state; what the screen cannot do itself (open a diff, go back) comes out as an
 * effect for the app. Rows are counted by the screen and passed in (`HistoryView`).
 */
export interface HistoryState {
	readonly showing: 'list' | 'provenance';
	/** The version under the cursor (0 is the oldest). */
	readonly selected: number;
	/** The first version row on screen. */
	readonly top: number;
	/** Versions marked for comparison, oldest mark first, at most two. */
	readonly marked: readonly number[];
	/** The first line of the provenance view on screen. */
	readonly provenanceTop: number;
	readonly help: boolean;
	/** One line for the status bar, until the next key. */
	readonly message: string | undefined;
}

export interface HistoryView {
	/** Versions in the story. */
	readonly versions: number;
	/** Version rows that fit on screen. */
	readonly visible: number;
	/** Lines of the provenance view at the current width, and how many fit. */
	readonly provenanceLines: number;
	readonly provenanceHeight: number;
}

/** What the app is asked to do: open the diff of two versions (indices, older first), or
 * leave the history for where it was opened. */
export type HistoryEffect =
	| {readonly type: 'open-diff'; readonly from: number; readonly to: number}
	| {readonly type: 'back'};

export interface HistoryStepResult {
	readonly state: HistoryState;
	readonly effect?: HistoryEffect;
}

/** The history opened on version `current` (the one being read), with the cursor there. */
export function initialHistoryState(current = 0): HistoryState {
	return {
		showing: 'list',
		selected: Math.max(0, current),
		top: 0,
		marked: [],
		provenanceTop: 0,
		help: false,
		message: undefined,
	};
}

export type HistoryCommand =
	| 'up'
	| 'down'
	| 'page-up'
	| 'page-down'
	| 'first'
	| 'last'
	| 'open-step'
	| 'mark'
	| 'compare-marked'
	| 'provenance'
	| 'help'
	| 'back';

export const historyKeymap: Keymap<HistoryCommand> = [
	{keys: ['up', 'k'], action: 'up', description: 'Previous (older) version', group: 'Move'},
	{keys: ['down', 'j'], action: 'down', description: 'Next (newer) version', group: 'Move'},
	{keys: ['pageup', 'b'], action: 'page-up', description: 'Page up', group: 'Move'},
	{keys: ['pagedown', 'f'], action: 'page-down', description: 'Page down', group: 'Move'},
	{keys: ['g', 'home'], action: 'first', description: 'First version', group: 'Move'},
	{keys: ['G', 'end'], action: 'last', description: 'Latest version', group: 'Move'},
	{
		keys: ['return', 'l'],
		action: 'open-step',
		description: 'What this version changed (diff with the one before)',
		group: 'Compare',
	},
	{
		keys: ['space', 'm'],
		action: 'mark',
		description: 'Mark for comparison (two at most)',
		group: 'Compare',
	},
	{keys: ['d'], action: 'compare-marked', description: 'Compare the two marked', group: 'Compare'},
	{
		keys: ['p'],
		action: 'provenance',
		description: 'Which parts came when (the latest version, by first appearance)',
		group: 'Compare',
	},
	{keys: ['?'], action: 'help', description: 'Show or hide this help', group: 'Other'},
	{keys: ['escape', 'q'], action: 'back', description: 'Back', group: 'Other'},
];

export type ProvenanceCommand = ScrollAction | 'help' | 'back';

export const provenanceKeymap: Keymap<ProvenanceCommand> = [
	...scrollKeymap,
	{keys: ['?'], action: 'help', description: 'show or hide this help', group: 'Other'},
	{
		keys: ['escape', 'q', 'p'],
		action: 'back',
		description: 'back to the list of versions',
		group: 'Other',
	},
];

/** Keys that close help, as on every screen (ui/help.tsx's helpCloseKeymap). */
const HELP_CLOSE_KEYS = ['?', 'escape', 'q'];

/** One key (a name from core/keys' keyName) folded into the state. */
export function historyKey(
	state: HistoryState,
	key: string | undefined,
	view: HistoryView,
): HistoryStepResult {
	if (state.help) {
		return {
			state: key !== undefined && HELP_CLOSE_KEYS.includes(key) ? {...state, help: false} : state,
		};
	}
	if (state.showing === 'provenance') {
		const command = actionFor(provenanceKeymap, key);
		return command === undefined ? {state} : provenanceReducer(state, command, view);
	}
	const command = actionFor(historyKeymap, key);
	return command === undefined ? {state} : historyReducer(state, command, view);
}

export function historyReducer(
	state: HistoryState,
	command: HistoryCommand,
	view: HistoryView,
): HistoryStepResult {
	const quiet = state.message === undefined ? state : {...state, message: undefined};
	const page = Math.max(1, view.visible - 1);
	switch (command) {
		case 'up':
			return {state: moveTo(quiet, state.selected - 1, view)};
		case 'down':
			return {state: moveTo(quiet, state.selected + 1, view)};
		case 'page-up':
			return {state: moveTo({...quiet, top: state.top - page}, state.selected - page, view)};
		case 'page-down':
			return {state: moveTo({...quiet, top: state.top + page}, state.selected + page, view)};
		case 'first':
			return {state: moveTo(quiet, 0, view)};
		case 'last':
			return {state: moveTo(quiet, view.versions - 1, view)};
		case 'open-step':
			if (view.versions === 0) return {state: quiet};
			if (state.selected === 0) {
				return {state: {...quiet, message: 'v1 is the first version: nothing came before it'}};
			}
			return {
				state: quiet,
				effect: {type: 'open-diff', from: state.selected - 1, to: state.selected},
			};
		case 'mark': {
			if (view.versions === 0) return {state: quiet};
			const marked = state.marked.includes(state.selected)
				? state.marked.filter((index) => index !== state.selected)
				: [...state.marked, state.selected].slice(-2);
			return {state: {...quiet, marked}};
		}
		case 'compare-marked': {
			if (state.marked.length < 2) {
				const message =
					state.marked.length === 0
						? 'mark two versions with Space to compare them'
						: 'mark one more version with Space to compare the two';
				return {state: {...quiet, message}};
			}
			const [a, b] = state.marked as [number, number];
			return {state: quiet, effect: {type: 'open-diff', from: Math.min(a, b), to: Math.max(a, b)}};
		}
		case 'provenance':
			return {state: {...quiet, showing: 'provenance'}};
		case 'help':
			return {state: {...quiet, help: true}};
		case 'back':
			return {state: quiet, effect: {type: 'back'}};
	}
}

function provenanceReducer(
	state: HistoryState,
	command: ProvenanceCommand,
	view: HistoryView,
): HistoryStepResult {
	const height = Math.max(1, view.provenanceHeight);
	const scrollTo = (top: number) => ({
		state: {
			...state,
			provenanceTop: Math.max(0, Math.min(Math.floor(top), view.provenanceLines - height)),
		},
	});
	const page = Math.max(1, height - 2);
	const half = Math.max(1, Math.floor(height / 2));
	switch (command) {
		case 'line-down':
			return scrollTo(state.provenanceTop + 1);
		case 'line-up':
			return scrollTo(state.provenanceTop - 1);
		case 'page-down':
			return scrollTo(state.provenanceTop + page);
		case 'page-up':
			return scrollTo(state.provenanceTop - page);
		case 'half-page-down':
			return scrollTo(state.provenanceTop + half);
		case 'half-page-up':
			return scrollTo(state.provenanceTop - half);
		case 'top':
			return scrollTo(0);
		case 'bottom':
			return scrollTo(view.provenanceLines);
		case 'help':
			return {state: {...state, help: true}};
		case 'back':
			return {state: {...state, showing: 'list'}};
	}
}

/** The cursor on version `index`, as j/k would leave it: how the list follows the diff's
 * `]` and `[`, so Esc comes back to the step last shown. */
export function selectVersion(state: HistoryState, index: number, view: HistoryView): HistoryState {
	return moveTo(state, index, view);
}

/** The cursor at `selected` (clamped), the list scrolled as little as keeps it on screen. */
function moveTo(state: HistoryState, selected: number, view: HistoryView): HistoryState {
	const visible = Math.max(1, view.visible);
	const next = Math.max(0, Math.min(selected, view.versions - 1));
	let top = Math.min(state.top, next);
	if (next >= top + visible) top = next - visible + 1;
	top = Math.max(0, Math.min(top, view.versions - visible));
	return {...state, selected: next, top};
}

/**
 * `]` and `[` in a diff opened from the history: the next or previous pair of consecutive
 * versions. From a step (2→3) that is the next step (3→4) or the one before (1→2); from any two
 * versions compared (1→4), the step out of the newer (4→5) or into the older (0→1).
 */
export type PairCommand = 'next-pair' | 'previous-pair';

export const historyPairKeymap: Keymap<PairCommand> = [
	{keys: [']'], action: 'next-pair', description: 'next step of the history', group: 'History'},
	{
		keys: ['['],
		action: 'previous-pair',
		description: 'previous step of the history',
		group: 'History',
	},
];

export interface VersionPair {
	readonly from: number;
	readonly to: number;
}

export function stepPair(
	pair: VersionPair,
	command: PairCommand,
	versions: number,
): {readonly pair: VersionPair} | {readonly message: string} {
	if (command === 'next-pair') {
		if (pair.to + 1 >= versions) return {message: 'the latest version: no step after it'};
		return {pair: {from: pair.to, to: pair.to + 1}};
	}
	if (pair.from <= 0) return {message: 'the first version: no step before it'};
	return {pair: {from: pair.from - 1, to: pair.from}};
}

/**
 * Where the version two pairs share sits in each, so a diff stepping from one pair to the next
 * can keep the reader's place in it: stepping 1→2 to 2→3, the place in B (version 2) is a place
 * in A of the next pair. Undefined when the pairs share no version.
 */
export function sharedSide(
	current: VersionPair,
	next: VersionPair,
): {readonly current: 'a' | 'b'; readonly next: 'a' | 'b'} | undefined {
	const side = (pair: VersionPair, version: number) =>
		pair.from === version ? 'a' : pair.to === version ? 'b' : undefined;
	for (const version of [current.to, current.from]) {
		const inNext = side(next, version);
		if (inNext !== undefined) return {current: side(current, version)!, next: inNext};
	}
	return undefined;
}
