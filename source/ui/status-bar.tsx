import React from 'react';
import {Text} from 'ink';
import {statusLine} from '../core/status-line.js';

/** The one-line bar at the bottom of every screen: what and where on the left, hints on the right. */
export function StatusBar({left, right, width}: {left: string; right: string; width: number}) {
	return (
		<Text inverse wrap="truncate-end">
			{statusLine(left, right, width)}
		</Text>
	);
}
