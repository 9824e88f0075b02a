import React from 'react';
import {Box} from 'ink';
import {helpFrame, type HelpState} from '../core/help.js';
import type {Keymap} from '../core/keys.js';
import {StyledLineView} from './styled-line.js';

/** The `?` overlay: a view of core/help's frame for the screen's keymap. */
export function HelpOverlay({
	title,
	keymap,
	help,
	width,
	height,
}: {
	title: string;
	keymap: Keymap<string>;
	help: HelpState;
	width: number;
	height: number;
}) {
	return (
		<Box flexDirection="column" width={width} height={height}>
			{helpFrame(title, keymap, help, width, height).map((line, index) => (
				<StyledLineView key={index} line={line} />
			))}
		</Box>
	);
}
