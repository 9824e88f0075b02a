import React, {createContext, useContext, useLayoutEffect, useRef} from 'react';
import {useInput, type Key} from 'ink';

/** What a screen gets for each key. `takeText` hands over the printable keys queued right
 * behind this one, for a search line to type a paste in one piece instead of one search per
 * character. */
export type KeyHandler = (input: string, key: Key, takeText: () => string) => void;
type Handlers = Set<{current: KeyHandler}>;

const KeyboardContext = createContext<Handlers | undefined>(undefined);

/** Keys that arrive as plain characters inside a chunk of typed or pasted text. */
const CONTROL_KEYS: Record<string, keyof Key> = {
	'\r': 'return',
	'\n': 'return',
	'\t': 'tab',
	'\u007F': 'backspace',
	'\b': 'backspace',
};

const NO_KEY: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

function singleKey(character: string): {input: string; key: Key} {
	const control = CONTROL_KEYS[character];
	if (control) return {input: '', key: {...NO_KEY, [control]: true}};
	return {input: character, key: {...NO_KEY, shift: /[A-Z]/.test(character)}};
}

const isPrintable = (input: string, key: Key) =>
	input !== '' && !key.ctrl && !key.meta && !/\p{Cc}/u.test(input);

/**
 * Delivers keys one at a time, one per turn of the event loop, in the order typed. Ink hands
 * text typed faster than it is read ("jj\r", a paste) over as one chunk; taken one key per
 * turn, each key meets the screen the previous one left (the second j moves on from the
 * first, Enter opens the row the cursor is on, '/' opens the search line before the letters
 * behind it arrive).
 */
function createKeyQueue(dispatch: (input: string, key: Key, takeText: () => string) => void) {
	const queue: {input: string; key: Key}[] = [];
	let draining = false;
	const takeText = () => {
		let text = '';
		while (queue.length > 0 && isPrintable(queue[0]!.input, queue[0]!.key))
			text += queue.shift()!.input;
		return text;
	};
	const drain = () => {
		const next = queue.shift();
		if (next === undefined) {
			draining = false;
			return;
		}
		dispatch(next.input, next.key, takeText);
		if (queue.length > 0) setImmediate(drain);
		else draining = false;
	};
	return (input: string, key: Key) => {
		const burst = input.length > 1 && isPrintableChunk(input, key);
		if (burst) for (const character of input) queue.push(singleKey(character));
		else queue.push({input, key});
		if (!draining) {
			draining = true;
			drain();
		}
	};
}

/** A chunk of several characters that Ink did not recognise as one key. */
function isPrintableChunk(input: string, key: Key): boolean {
	return !key.ctrl && !key.meta && !input.startsWith('\u001B');
}

/**
 * One subscription to the keyboard for the whole app. Ink subscribes `useInput` in a passive
 * effect, which runs some time after a screen first draws: a key pressed right when a screen
 * appeared (the reader after Enter, the diff after d) reached nobody and was lost. Screens
 * register here in a layout effect instead, which runs as the screen is committed, before
 * the next key is read.
 */
export function KeyboardProvider({children}: {children: React.ReactNode}) {
	const handlers = useRef<Handlers>(new Set()).current;
	const push = useRef(
		createKeyQueue((input, key, takeText) => {
			for (const handler of [...handlers]) handler.current(input, key, takeText);
		}),
	).current;
	useInput(push);
	return <KeyboardContext.Provider value={handlers}>{children}</KeyboardContext.Provider>;
}

/** Calls `handler` (its newest version) for every key while the component is mounted. Outside
 * a KeyboardProvider (a screen rendered alone, as in component tests) it reads keys itself. */
export function useKeyboard(handler: KeyHandler): void {
	const handlers = useContext(KeyboardContext);
	const latest = useRef(handler);
	latest.current = handler;
	useLayoutEffect(() => {
		if (!handlers) return;
		handlers.add(latest);
		return () => {
			handlers.delete(latest);
		};
	}, [handlers]);
	const ownQueue = useRef<ReturnType<typeof createKeyQueue>>(undefined);
	ownQueue.current ??= createKeyQueue((input, key, takeText) =>
		latest.current(input, key, takeText),
	);
	useInput(ownQueue.current, {isActive: handlers === undefined});
}
