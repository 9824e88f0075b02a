/**
 * Keys as data. Each screen has one keymap: a list of bindings (key names, action, help text).
 * The screen's input hook turns a keypress into a key name and looks it up; the help overlay
 * is drawn from the same list, so the two cannot drift apart.
 *
 * Key names: a printable character as itself ('j', 'G', '/', '?', ' ' is 'space'), and
 * 'up' 'down' 'left' 'right' 'pageup' 'pagedown' 'home' 'end' 'return' 'escape' 'tab'
 * 'backspace' 'delete', with a 'ctrl+' prefix for control chords ('ctrl+d', 'ctrl+c').
 */
export interface KeyBinding<Action extends string> {
	/** Key names that trigger the action; the first is shown first in help. */
	readonly keys: readonly string[];
	readonly action: Action;
	readonly description: string;
	/** Help groups bindings under this heading. */
	readonly group?: string;
}

export type Keymap<Action extends string> = readonly KeyBinding<Action>[];

/** The parts of a keypress that naming needs; Ink's `Key` fits this shape. */
export interface KeyPress {
	readonly upArrow?: boolean;
	readonly downArrow?: boolean;
	readonly leftArrow?: boolean;
	readonly rightArrow?: boolean;
	readonly pageUp?: boolean;
	readonly pageDown?: boolean;
	readonly home?: boolean;
	readonly end?: boolean;
	readonly return?: boolean;
	readonly escape?: boolean;
	readonly tab?: boolean;
	readonly backspace?: boolean;
	readonly delete?: boolean;
	readonly ctrl?: boolean;
	readonly meta?: boolean;
	readonly shift?: boolean;
}

const NAMED: readonly [keyof KeyPress, string][] = [
	['upArrow', 'up'],
	['downArrow', 'down'],
	['leftArrow', 'left'],
	['rightArrow', 'right'],
	['pageUp', 'pageup'],
	['pageDown', 'pagedown'],
	['home', 'home'],
	['end', 'end'],
	['return', 'return'],
	['escape', 'escape'],
	['tab', 'tab'],
	['backspace', 'backspace'],
	['delete', 'delete'],
];

/** Names a keypress (see the module comment), or undefined for input that is not one key. */
export function keyName(input: string, key: KeyPress): string | undefined {
	for (const [flag, name] of NAMED) if (key[flag]) return name;
	if (input === ' ') return 'space';
	if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
	if (input.length === 1 && !key.meta) return input;
	return undefined;
}

export function actionFor<Action extends string>(
	keymap: Keymap<Action>,
	name: string | undefined,
): Action | undefined {
	if (name === undefined) return undefined;
	return keymap.find((binding) => binding.keys.includes(name))?.action;
}

const DISPLAY: Record<string, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageup: 'PgUp',
	pagedown: 'PgDn',
	home: 'Home',
	end: 'End',
	return: 'Enter',
	escape: 'Esc',
	tab: 'Tab',
	backspace: 'Backspace',
	delete: 'Del',
	space: 'Space',
};

/** How a key name is written in help and in the readme: 'ctrl+d' → 'Ctrl+D', 'down' → '↓'. */
export function displayKey(name: string): string {
	if (name.startsWith('ctrl+')) return `Ctrl+${name.slice(5).toUpperCase()}`;
	return DISPLAY[name] ?? name;
}
