import React from 'react';
import {Text} from 'ink';
import type {StyledLine} from '../core/types.js';
import {roleProps, useColour} from './theme.js';
import {hyperlink, hyperlinksSupported} from '../core/text/hyperlink.js';

/** Decided once: the terminal does not change while the app runs. */
const hyperlinks = hyperlinksSupported(process.env, process.stdout.isTTY);

/** One screen line drawn from segments. `wrap="truncate"` guarantees a line never spills
 * onto the next row, even if a caller measured wrong. */
export function StyledLineView({line}: {line: StyledLine}) {
	const colour = useColour();
	if (line.length === 0) return <Text> </Text>;
	return (
		<Text wrap="truncate-end">
			{line.map((segment, index) => (
				<Text key={index} {...roleProps(segment.role, colour)}>
					{hyperlinks && segment.href ? hyperlink(segment.text, segment.href) : segment.text}
				</Text>
			))}
		</Text>
	);
}
