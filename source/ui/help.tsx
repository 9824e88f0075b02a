import React from 'react';
import {Box, Text} from 'ink';
import {displayKey, type Keymap} from '../core/keys.js';
import {padToWidth} from '../core/text/width.js';

/** Keys that close the help overlay, on every screen. */
export const helpCloseKeymap: Keymap<'close'> = [
	{keys: ['?', 'escape', 'q'], action: 'close', description: 'Close help'},
];

/** The `?` overlay, drawn from the screen's keymap so it always says what the keys really do. */
export function HelpOverlay<Action extends string>({
	title,
	keymap,
	width,
	height,
}: {
	title: string;
	keymap: Keymap<Action>;
	width: number;
	height: number;
}) {
	const lines: {text: string; heading: boolean}[] = [];
	let group: string | undefined;
	for (const binding of keymap) {
		if (binding.group && binding.group !== group) {
			group = binding.group;
			if (lines.length > 0) lines.push({text: '', heading: false});
			lines.push({text: group, heading: true});
		}
		const keys = binding.keys.map(displayKey).join(' ');
		lines.push({text: `  ${padToWidth(keys, 18)} ${binding.description}`, heading: false});
	}
	const room = Math.max(1, height - 2);
	const shown = lines.slice(0, room);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate-end">
				{title} — keys (press ? or Esc to close)
			</Text>
			<Text> </Text>
			{shown.map((line, index) => (
				<Text key={index} bold={line.heading} wrap="truncate-end">
					{line.text === '' ? ' ' : line.text}
				</Text>
			))}
		</Box>
	);
}
