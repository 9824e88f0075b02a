/**
 * Keys as data. Each screen has one keymap: a list of bindings (key names, action, help text).
 * The keyboard turns what the terminal sends into key names (decodeKeys) and the app's step
 * looks each one up; the help overlay is drawn from the same list, so the two cannot drift.
 *
 * Key names: a printable character as itself ('j', 'G', '/', '?'; ' ' is 'space'), and
 * 'up' 'down' 'left' 'right' 'pageup' 'pagedown' 'home' 'end' 'return' 'escape' 'tab'
 * 'shift+tab' 'backspace' 'delete' 'insert', with 'ctrl+' and 'alt+' prefixes for chords
 * ('ctrl+d', 'ctrl+left', 'alt+b', 'alt+backspace').
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

export function actionFor<Action extends string>(
	keymap: Keymap<Action>,
	name: string | undefined,
): Action | undefined {
	if (name === undefined) return undefined;
	return keymap.find((binding) => binding.keys.includes(name))?.action;
}

/** What a lone control byte means in raw mode. Enter sends CR; LF is Ctrl+J; DEL is the
 * Backspace key and BS (0x08) Ctrl+H. */
const CONTROL_BYTES: Record<number, string> = {
	0x00: 'ctrl+space',
	0x08: 'ctrl+h',
	0x09: 'tab',
	0x0a: 'ctrl+j',
	0x0d: 'return',
	0x1b: 'escape',
	0x1c: 'ctrl+\\',
	0x1d: 'ctrl+]',
	0x1e: 'ctrl+^',
	0x1f: 'ctrl+_',
	0x7f: 'backspace',
};

/** Final bytes of CSI and SS3 cursor-key sequences (ESC [ A, ESC O A, ESC [ 1 ; 5 A). */
const CURSOR_FINALS: Record<string, string> = {
	A: 'up',
	B: 'down',
	C: 'right',
	D: 'left',
	H: 'home',
	F: 'end',
	Z: 'shift+tab',
};

/** Numbers of ESC [ n ~ sequences (vt220 and rxvt forms). */
const TILDE_KEYS: Record<string, string> = {
	'1': 'home',
	'2': 'insert',
	'3': 'delete',
	'4': 'end',
	'5': 'pageup',
	'6': 'pagedown',
	'7': 'home',
	'8': 'end',
};

/** xterm's modifier parameter (1 + shift 1 + alt 2 + ctrl 4) as name prefixes. */
function modifierPrefix(parameter: string | undefined): string {
	const bits = Math.max(0, Number(parameter ?? '1') - 1);
	if (!Number.isFinite(bits)) return '';
	return `${bits & 4 ? 'ctrl+' : ''}${bits & 2 ? 'alt+' : ''}${bits & 1 ? 'shift+' : ''}`;
}

/** The name of one escape sequence (as Ink's input parser splits them), or undefined for one
 * that is not a key (mouse reports, focus events, bracketed-paste markers). */
function escapeSequence(sequence: string): string | undefined {
	// ESC ESC …: Alt with a key that itself starts with ESC (some terminals' Alt+arrows).
	if (sequence.startsWith('\u001B\u001B')) {
		const inner = escapeSequence(sequence.slice(1));
		return inner === undefined || inner.startsWith('alt+') ? inner : `alt+${inner}`;
	}
	const ss3 = /^O([A-DHF])$/.exec(sequence.slice(1));
	if (ss3) return CURSOR_FINALS[ss3[1]!];
	const csi = /^\[\[?([\d;]*)([~A-Za-z])$/.exec(sequence.slice(1));
	if (csi) {
		const [number, modifier] = csi[1]!.split(';');
		const final = csi[2]!;
		const base = final === '~' ? TILDE_KEYS[number ?? ''] : CURSOR_FINALS[final];
		if (base === undefined) return undefined;
		if (base === 'shift+tab') return base;
		return modifierPrefix(modifier) + base;
	}
	if (sequence.length >= 2 && !sequence.startsWith('\u001B[')) {
		// ESC then one key: that key with Alt (meta sends ESC as a prefix).
		const [inner] = decodeText(sequence.slice(1));
		return inner === undefined || inner === 'escape' ? undefined : `alt+${inner}`;
	}
	return undefined;
}

function controlName(code: number): string | undefined {
	const named = CONTROL_BYTES[code];
	if (named !== undefined) return named;
	if (code >= 0x01 && code <= 0x1a) return `ctrl+${String.fromCharCode(code + 0x60)}`;
	return undefined;
}

/** Every key in a run of text without escape sequences, one name per character. */
function decodeText(text: string): string[] {
	const names: string[] = [];
	for (const character of text) {
		const code = character.codePointAt(0)!;
		if (code < 0x20 || code === 0x7f) {
			const name = controlName(code);
			if (name !== undefined) names.push(name);
		} else if (code >= 0x80 && code < 0xa0) {
			// C1 controls are never typed text.
			continue;
		} else names.push(character === ' ' ? 'space' : character);
	}
	return names;
}

/**
 * The keys in one input event, in order. Ink's input parser hands over either one escape
 * sequence or a run of text, and a run of text is whatever arrived together: a paste, a fast
 * typist, tmux send-keys (`jjj\r` is four keys, `\u000e` is Ctrl+N, never "n").
 */
export function decodeKeys(input: string): string[] {
	if (input === '\u001B\u001B') return ['escape', 'escape'];
	if (input.startsWith('\u001B') && input.length > 1) {
		const name = escapeSequence(input);
		return name === undefined ? [] : [name];
	}
	return decodeText(input);
}

/** What a terminal in bracketed-paste mode (CSI ?2004h) sends around pasted text. */
export const PASTE_START = '\u001B[200~';
export const PASTE_END = '\u001B[201~';

const CTRL_C = '\u0003';

// No key's name starts so: a single character is itself, and named keys hold no colon.
const PASTE_PREFIX = 'paste:';

/** A paste as one key name, so that it goes through the app's step like any key, in order. */
export function pasteKey(text: string): string {
	return PASTE_PREFIX + text;
}

/** The text of a paste's key name (pasteKey), or undefined for any other key. */
export function pastedText(name: string): string | undefined {
	return name.startsWith(PASTE_PREFIX) ? name.slice(PASTE_PREFIX.length) : undefined;
}

export interface KeyDecoder {
	/** The keys of one input event (as decodeKeys), a paste being one key once it has ended. */
	push(input: string): string[];
}

/**
 * decodeKeys with bracketed paste: everything between PASTE_START and PASTE_END is one key
 * (pasteKey), never read as keys, however many input events it comes in (Ink hands over the
 * markers, runs of text and escape sequences one by one, and a long paste in several reads).
 * A paste whose end never comes keeps taking what follows: the terminal sends the end marker
 * itself, and only a broken one (or a link that lost it) leaves it out. Ctrl+C read alone, as
 * a key pressed and not a pasted run of text, ends such a paste, dropped, and is Ctrl+C: it
 * quits at once on every screen, and it was the one key left to leave by.
 */
export function createKeyDecoder(): KeyDecoder {
	// The paste read so far, while inside one.
	let pasting: string | undefined;
	return {
		push(input) {
			const keys: string[] = [];
			let rest = input;
			while (rest !== '') {
				if (pasting === undefined) {
					const start = rest.indexOf(PASTE_START);
					if (start < 0) {
						keys.push(...decodeKeys(rest));
						break;
					}
					if (start > 0) keys.push(...decodeKeys(rest.slice(0, start)));
					pasting = '';
					rest = rest.slice(start + PASTE_START.length);
					continue;
				}
				if (input === CTRL_C) {
					pasting = undefined;
					keys.push('ctrl+c');
					break;
				}
				pasting += rest;
				const end = pasting.indexOf(PASTE_END);
				if (end < 0) break;
				keys.push(pasteKey(pasting.slice(0, end)));
				rest = pasting.slice(end + PASTE_END.length);
				pasting = undefined;
			}
			return keys;
		},
	};
}

/**
 * What was typed before raw mode was set: the tty's cooked mode turned Enter's CR into LF
 * (ICRNL) and ended the line there, so an LF from then is Enter, not Ctrl+J. A CR LF (a
 * terminal without ICRNL, a pasted Windows line) is one Enter too.
 */
export function typedBeforeRawMode(text: string): string {
	return text.replace(/\r?\n/g, '\r');
}

/** A key name that types text (in a prompt), and the text it types. */
export function typedText(name: string): string | undefined {
	if (name === 'space') return ' ';
	return [...name].length === 1 ? name : undefined;
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
	'shift+tab': 'Shift+Tab',
	backspace: 'Backspace',
	delete: 'Del',
	insert: 'Ins',
	space: 'Space',
};

/** How a key name is written in help and in the readme: 'ctrl+d' → 'Ctrl+D', 'down' → '↓',
 * 'alt+b' → 'Alt+B', 'ctrl+left' → 'Ctrl+←'. */
export function displayKey(name: string): string {
	for (const [prefix, shown] of [
		['ctrl+', 'Ctrl+'],
		['alt+', 'Alt+'],
	] as const) {
		if (name.startsWith(prefix) && name.length > prefix.length) {
			const rest = name.slice(prefix.length);
			return shown + (rest.length === 1 ? rest.toUpperCase() : displayKey(rest));
		}
	}
	return DISPLAY[name] ?? name;
}
