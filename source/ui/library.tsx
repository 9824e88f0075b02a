import React from 'react';
import {Box} from 'ink';
import {libraryFrame, type LibraryFrameInput} from '../core/library/frame.js';
import {StyledLineView} from './styled-line.js';

/** The library: a view of core/library/frame for the app's current state. */
export function Library({input}: {input: LibraryFrameInput}) {
	return (
		<Box flexDirection="column" width={input.width} height={input.height}>
			{libraryFrame(input).map((line, index) => (
				<StyledLineView key={index} line={line} />
			))}
		</Box>
	);
}
