import React from 'react';
import {Box, Text} from 'ink';

import {MIN_COLUMNS, MIN_ROWS} from '../core/screen.js';

export {isTooSmall} from '../core/screen.js';

/** Shown instead of a screen that cannot fit; the app recovers as soon as the terminal grows. */
export function TooSmall({columns, rows}: {columns: number; rows: number}) {
	const height = Math.max(1, rows - 1);
	const message = columns >= 24 ? 'Terminal too small' : 'Too small';
	const detail = `${columns}×${rows}, needs ${MIN_COLUMNS}×${MIN_ROWS}`;
	return (
		<Box
			width={columns}
			height={height}
			flexDirection="column"
			alignItems="center"
			justifyContent="center"
		>
			<Text bold wrap="truncate-end">
				{message}
			</Text>
			{height > 1 ? <Text wrap="truncate-end">{detail}</Text> : null}
		</Box>
	);
}
