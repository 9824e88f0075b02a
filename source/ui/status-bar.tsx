import React from 'react';
import {Text} from 'ink';
import {cellWidth, padToWidth, truncateToWidth} from '../core/text/width.js';

/** The one-line bar at the bottom of every screen: what and where on the left, hints on the right. */
export function StatusBar({left, right, width}: {left: string; right: string; width: number}) {
	const rightPart = cellWidth(right) + 2 <= width / 2 ? right : '';
	const leftRoom = Math.max(0, width - cellWidth(rightPart) - (rightPart ? 1 : 0));
	const line =
		padToWidth(truncateToWidth(left, leftRoom), leftRoom) + (rightPart ? ' ' + rightPart : '');
	return (
		<Text inverse wrap="truncate-end">
			{padToWidth(line, width)}
		</Text>
	);
}
