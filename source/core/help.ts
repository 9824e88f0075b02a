import {actionFor, displayKey, type Keymap} from './keys.js';
import {cellWidth, padToWidth, truncateToWidth} from './text/width.js';
import type {StyledLine} from './types.js';
import {wrapText} from './text/wrap.js';

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

/** The body of the overlay at `width` columns: group headings, then a line per binding, its
 * description wrapped under itself where it does not fit (never cut). */
export function helpLines(keymap: Keymap<string>, width: number): HelpLine[] {
	const lines: HelpLine[] = [];
	let group: string | undefined;
	const indent = ' '.repeat(2 + KEY_COLUMN + 1);
	const room = Math.max(10, width - indent.length);
	for (const binding of keymap) {
		if (binding.group && binding.group !== group) {
			group = binding.group;
			if (lines.length > 0) lines.push({text: '', heading: false});
			lines.push({text: group, heading: true});
		}
		const keys = binding.keys.map(displayKey).join(' ');
		const description = wrapText(binding.description, room).map((range) =>
			binding.description.slice(range.start, range.end),
		);
		if (cellWidth(keys) > KEY_COLUMN) lines.push({text: `  ${keys}`, heading: false});
		else
			lines.push({
				text: `  ${padToWidth(keys, KEY_COLUMN)} ${description.shift() ?? ''}`,
				heading: false,
			});
		for (const rest of description) lines.push({text: indent + rest, heading: false});
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
	size: {readonly width: number; readonly height: number},
): HelpState | undefined {
	const action = actionFor(helpKeymap, key);
	if (action === 'close') return undefined;
	const {height} = size;
	const count = helpLines(keymap, size.width).length;
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
	const lines = helpLines(keymap, width);
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
