import {useCallback, useRef} from 'react';
import {useKeyboard} from './keyboard.js';
import {actionFor, keyName, type KeyPress, type Keymap} from '../core/keys.js';

/** Names of keys that arrive as plain characters inside a burst ("jj\r"). */
const BURST_NAMES: Record<string, string> = {
	' ': 'space',
	'\r': 'return',
	'\n': 'return',
	'\t': 'tab',
	'\u007F': 'backspace',
	'\b': 'backspace',
};

interface Handlers<Action extends string> {
	readonly keymap: Keymap<Action>;
	readonly onAction: (action: Action) => void;
	readonly options: KeymapOptions;
}

interface KeymapOptions {
	readonly isActive?: boolean;
	readonly onOtherKey?: (input: string, name: string | undefined) => void;
}

function dispatchKey<Action extends string>(
	{keymap, onAction, options}: Handlers<Action>,
	input: string,
	name: string | undefined,
): void {
	if (options.isActive === false) return;
	const action = actionFor(keymap, name);
	if (action !== undefined) onAction(action);
	else options.onOtherKey?.(input, name);
}

/**
 * The one input hook of a screen: names the key, finds the action in the screen's keymap and
 * hands it over. Keys the keymap does not know go to `onOtherKey` (the search line types them).
 *
 * One stable subscription reads the newest handlers and `isActive` from a ref: Ink
 * re-subscribes in a passive effect, which can run after the next key arrives, so a key could
 * otherwise reach the previous render's handler, or a screen that had just been switched off.
 * Keys typed faster than the terminal is read arrive as one chunk ("jj\r"): they are taken one
 * per turn of the event loop, so each sees the screen the previous one left (the second j
 * moves from where the first went, and Enter opens the row the cursor is on).
 */
export function useKeymap<Action extends string>(
	keymap: Keymap<Action>,
	onAction: (action: Action) => void,
	options: KeymapOptions = {},
): void {
	const latest = useRef<Handlers<Action>>({keymap, onAction, options});
	latest.current = {keymap, onAction, options};
	const burst = useRef<string[]>([]);

	const drain = useCallback(() => {
		const queue = burst.current;
		const character = queue.shift();
		if (character === undefined) return;
		const handlers = latest.current;
		const name = BURST_NAMES[character] ?? character;
		const typesText =
			handlers.options.isActive !== false &&
			handlers.options.onOtherKey !== undefined &&
			actionFor(handlers.keymap, name) === undefined;
		if (typesText && BURST_NAMES[character] === undefined) {
			// Pasted text goes into a search line in one piece, not one search per character.
			let text = character;
			while (
				queue.length > 0 &&
				BURST_NAMES[queue[0]!] === undefined &&
				actionFor(handlers.keymap, queue[0]) === undefined
			) {
				text += queue.shift()!;
			}
			handlers.options.onOtherKey!(text, text === character ? name : undefined);
		} else {
			dispatchKey(handlers, character, name);
		}
		if (queue.length > 0) setImmediate(drain);
	}, []);

	const handle = useCallback(
		(input: string, key: KeyPress) => {
			const name = keyName(input, key);
			if (name === undefined && input.length > 1 && !key.ctrl && !key.meta) {
				const idle = burst.current.length === 0;
				burst.current.push(...input);
				if (idle) drain();
				return;
			}
			dispatchKey(latest.current, input, name);
		},
		[drain],
	);
	useKeyboard(handle);
}
