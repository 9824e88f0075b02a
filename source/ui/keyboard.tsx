import React, {createContext, useContext, useLayoutEffect, useRef} from 'react';
import {useInput, type Key} from 'ink';

export type KeyHandler = (input: string, key: Key) => void;
type Handlers = Set<{current: KeyHandler}>;

const KeyboardContext = createContext<Handlers | undefined>(undefined);

/**
 * One subscription to the keyboard for the whole app. Ink subscribes `useInput` in a passive
 * effect, which runs some time after a screen first draws: a key pressed right when a screen
 * appeared (the reader after Enter, the diff after d) reached nobody and was lost. Screens
 * register here in a layout effect instead, which runs as the screen is committed, before
 * the next key is read.
 */
export function KeyboardProvider({children}: {children: React.ReactNode}) {
	const handlers = useRef<Handlers>(new Set()).current;
	useInput((input, key) => {
		for (const handler of [...handlers]) handler.current(input, key);
	});
	return <KeyboardContext.Provider value={handlers}>{children}</KeyboardContext.Provider>;
}

/** Calls `handler` (its newest version) for every key while the component is mounted. Outside
 * a KeyboardProvider (a screen rendered alone, as in component tests) it uses Ink directly. */
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
	useInput((input, key) => latest.current(input, key), {isActive: handlers === undefined});
}
