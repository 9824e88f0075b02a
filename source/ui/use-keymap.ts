import {useInput} from 'ink';
import {actionFor, keyName, type Keymap} from '../core/keys.js';

/**
 * The one input hook of a screen: names the key, finds the action in the screen's keymap and
 * hands it over. Keys the keymap does not know go to `onOtherKey` (the search line types them).
 */
export function useKeymap<Action extends string>(
	keymap: Keymap<Action>,
	onAction: (action: Action) => void,
	options: {
		isActive?: boolean;
		onOtherKey?: (input: string, name: string | undefined) => void;
	} = {},
): void {
	useInput(
		(input, key) => {
			const name = keyName(input, key);
			const action = actionFor(keymap, name);
			if (action !== undefined) onAction(action);
			else options.onOtherKey?.(input, name);
		},
		{isActive: options.isActive ?? true},
	);
}
