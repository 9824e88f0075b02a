import {useLayoutEffect, useRef} from 'react';
import {useStdin} from 'ink';
import {createKeyDecoder} from '../core/keys.js';
import {noteKeys} from './key-activity.js';

/**
 * The app's one subscription to the keyboard. Each input event Ink reads (one escape sequence,
 * or a run of text that arrived together: a fast typist, tmux send-keys) is decoded into key
 * names here, a bracketed paste as one key (createKeyDecoder), and handed over whole,
 * synchronously, so the app can fold every key through its step function before React draws
 * (see core/app/state.ts).
 *
 * It listens to Ink's raw input events rather than `useInput`, whose key object cannot tell
 * Ctrl+H from Backspace or Alt+B from Esc b, and which reports a chunk of text as one "key".
 * The listener is added in a layout effect, as the app is first committed, so no key typed
 * right after the first frame is lost.
 */
export function useKeys(onKeys: (keys: readonly string[]) => void): void {
	const {internal_eventEmitter: events, setRawMode, isRawModeSupported} = useStdin();
	const latest = useRef(onKeys);
	latest.current = onKeys;
	useLayoutEffect(() => {
		// One decoder for the app's life: a paste can span several input events.
		const decoder = createKeyDecoder();
		const listener = (input: string) => {
			noteKeys();
			const keys = decoder.push(input);
			if (keys.length > 0) latest.current(keys);
		};
		events.on('input', listener);
		return () => {
			events.removeListener('input', listener);
		};
	}, [events]);
	useLayoutEffect(() => {
		if (!isRawModeSupported) return;
		setRawMode(true);
		return () => setRawMode(false);
	}, [isRawModeSupported, setRawMode]);
}
