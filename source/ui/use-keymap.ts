import {actionFor, keyName, type Keymap} from '../core/keys.js';
import {useKeyboard} from './keyboard.js';

interface KeymapOptions {
	readonly isActive?: boolean;
	/** Keys the keymap does not bind; printable text queued behind the key comes along. */
	readonly onOtherKey?: (input: string, name: string | undefined) => void;
}

/**
 * A screen's keys: names each key, finds the action in the screen's keymap and hands it over.
 * The handler and `isActive` are read at the moment the key is delivered (see keyboard.tsx),
 * never from an earlier render.
 */
export function useKeymap<Action extends string>(
	keymap: Keymap<Action>,
	onAction: (action: Action) => void,
	options: KeymapOptions = {},
): void {
	useKeyboard((input, key, takeText) => {
		if (options.isActive === false) return;
		const name = keyName(input, key);
		const action = actionFor(keymap, name);
		if (action !== undefined) {
			onAction(action);
			return;
		}
		if (!options.onOtherKey) return;
		// A search line types a paste in one piece: one search, not one per character.
		const more = name === 'space' || name === undefined || name.length === 1 ? takeText() : '';
		options.onOtherKey(input + more, more === '' ? name : undefined);
	});
}
