import {useCallback, useRef} from 'react';
import {useInput} from 'ink';
import {actionFor, keyName, type KeyPress, type Keymap} from '../core/keys.js';

/**
 * The one input hook of a screen: names the key, finds the action in the screen's keymap and
 * hands it over. Keys the keymap does not know go to `onOtherKey` (the search line types them).
 * Keys typed faster than the terminal is read arrive as one chunk ("jj"): they are taken one
 * character at a time, so fast typing and key repeat are never lost.
 */
export function useKeymap<Action extends string>(
	keymap: Keymap<Action>,
	onAction: (action: Action) => void,
	options: {
		isActive?: boolean;
		onOtherKey?: (input: string, name: string | undefined) => void;
	} = {},
): void {
	// One stable subscription that always reads the newest handler and `isActive`: Ink
	// re-subscribes in a passive effect, which can run after the next key arrives, so a key
	// could reach the previous render's handler or a screen that had just been switched off.
	const latest = useRef({keymap, onAction, options});
	latest.current = {keymap, onAction, options};
	const handle = useCallback((input: string, key: KeyPress) => {
		const {keymap, onAction, options} = latest.current;
		if (options.isActive === false) return;
		{
			const name = keyName(input, key);
			if (name === undefined && input.length > 1 && !key.ctrl && !key.meta) {
				for (const character of input) {
					const single = character === ' ' ? 'space' : character;
					const action = actionFor(keymap, single);
					if (action !== undefined) onAction(action);
					else options.onOtherKey?.(character, single);
				}
				return;
			}
			const action = actionFor(keymap, name);
			if (action !== undefined) onAction(action);
			else options.onOtherKey?.(input, name);
		}
	}, []);
	useInput(handle);
}
