import {actionFor, displayKey, type Keymap} from './keys.js';
import {cellWidth, padToWidth, truncateToWidth} from './text/width.js';
import type {StyledLine} from './types.js';

/** The `?` overlay, drawn from a screen's keymap so it always says what the keys really do.
 * Its state is how far it is scrolled. */
export interface HelpState {
	readonly top: number;
}

export type HelpAction =
	'close' | 'line-down' | 'line-up' | 'page-down' | 'page-up' | 'top' | 'bottom';

/** Keys while help is shown, on every screen. */
export const helpKeymap: Keymap<HelpAction> = [
	{keys: ['?', 'escape', 'q'], action: 'close', description: 'Close help'},
	{keys: ['down', 'j'], action: 'line-down', description: 'Scroll down'},
	{keys: ['up', 'k'], action: 'line-up', description: 'Scroll up'},
	{keys: ['pagedown', 'space', 'f'], action: 'page-down', description: 'Page down'},
	{keys: ['pageup', 'b'], action: 'page-up', description: 'Page up'},
	{keys: ['g', 'home'], action: 'top', description: 'Top'},
	{keys: ['G', 'end'], action: 'bottom', description: 'End'},
];

interface HelpLine {
	readonly text: string;
	readonly heading: boolean;
}

/** The widest the key column gets; longer key lists wrap their description under them. */
const KEY_COLUMN = 16;

/** The body of the overlay: group headings, then one line per binding. */
export function helpLines(keymap: Keymap<string>): HelpLine[] {
	const lines: HelpLine[] = [];
	let group: string | undefined;
	for (const binding of keymap) {
		if (binding.group && binding.group !== group) {
			group = binding.group;
			if (lines.length > 0) lines.push({text: '', heading: false});
			lines.push({text: group, heading: true});
		}
		const keys = binding.keys.map(displayKey).join(' ');
		if (cellWidth(keys) > KEY_COLUMN) {
			lines.push({text: `  ${keys}`, heading: false});
			lines.push({text: `  ${' '.repeat(KEY_COLUMN)} ${binding.description}`, heading: false});
		} else {
			lines.push({
				text: `  ${padToWidth(keys, KEY_COLUMN)} ${binding.description}`,
				heading: false,
			});
		}
	}
	return lines;
}

/** Rows of the body shown at once: the screen less the title, a blank line and the footer. */
export function helpRoom(height: number): number {
	return Math.max(1, height - 3);
}

function clampTop(top: number, lineCount: number, height: number): number {
	return Math.max(0, Math.min(top, lineCount - helpRoom(height)));
}

/** One key while help is shown; undefined when it closes. */
export function helpKey(
	help: HelpState,
	key: string,
	keymap: Keymap<string>,
	height: number,
): HelpState | undefined {
	const action = actionFor(helpKeymap, key);
	if (action === 'close') return undefined;
	const count = helpLines(keymap).length;
	const room = helpRoom(height);
	const page = Math.max(1, room - 1);
	const moves: Record<Exclude<HelpAction, 'close'>, number> = {
		'line-down': help.top + 1,
		'line-up': help.top - 1,
		'page-down': help.top + page,
		'page-up': help.top - page,
		top: 0,
		bottom: count,
	};
	if (action === undefined) return help;
	const top = clampTop(moves[action], count, height);
	return top === help.top ? help : {top};
}

/** The overlay as exactly `height` lines of `width` cells. */
export function helpFrame(
	title: string,
	keymap: Keymap<string>,
	help: HelpState,
	width: number,
	height: number,
): StyledLine[] {
	const lines = helpLines(keymap);
	const room = helpRoom(height);
	const top = clampTop(help.top, lines.length, height);
	const shown = lines.slice(top, top + room);
	const frame: StyledLine[] = [
		[{text: padToWidth(truncateToWidth(`${title} — keys`, width), width), role: 'title'}],
		[],
		...shown.map((line): StyledLine => [
			{
				text: padToWidth(truncateToWidth(line.text, width), width),
				...(line.heading ? {role: 'title' as const} : {}),
			},
		]),
	];
	while (frame.length < height - 1) frame.push([]);
	const scrolls = lines.length > room;
	const position = scrolls
		? `lines ${top + 1}–${Math.min(lines.length, top + room)} of ${lines.length} · j/k PgUp/PgDn scroll · `
		: '';
	frame.push([
		{text: padToWidth(truncateToWidth(`${position}? or Esc closes`, width), width), role: 'status'},
	]);
	return frame.slice(0, height);
}
