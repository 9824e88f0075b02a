import React, {useCallback, useReducer, useRef} from 'react';
import {Box} from 'ink';
import {historyFrame, stepsWanted, type HistoryFrameInput} from '../core/history/frame.js';
import {StyledLineView} from './styled-line.js';
import {useIdleWork} from './use-idle-work.js';

export {historyEnv} from '../core/app/history-env.js';

/** Diffing between keys, a step at a time, at most about this long before keys get a turn. */
const SLICE_MS = 8;

/**
 * The history screen: a view of core/history/frame for the app's state (the list of versions,
 * or which parts came when), plus the background work of diffing the steps not diffed yet,
 * those on screen first, so the one-line changes and bars fill in while keys stay quick. The
 * first frame diffs nothing: it shows "…" for steps not diffed yet, and they fill in a tick
 * later (in the app under load, diffing the steps on screen before the first frame took `h` to
 * frame from about 200 ms to 470 ms; see the bench's "h → history frame").
 */
export function History({input}: {input: HistoryFrameInput}) {
	const {history} = input;
	const latest = useRef(input);
	latest.current = input;
	const [, diffed] = useReducer((count: number) => count + 1, 0);
	// Steps this frame drew as pending: the app's background job may diff them too, even before
	// this screen's first slice, and any of them known since calls for a new frame.
	const drawnPending = useRef(0);
	drawnPending.current = stepsWanted(input).length;

	const diffSteps = useCallback(
		(deadline: () => boolean) => {
			const wanted = stepsWanted(latest.current);
			if (wanted.length > 0) history.stepUntil(wanted, deadline);
			if (stepsWanted(latest.current).length < drawnPending.current) diffed();
			return wanted.length === 0;
		},
		[history],
	);
	useIdleWork(diffSteps, SLICE_MS);

	return (
		<Box flexDirection="column" width={input.width} height={input.height}>
			{historyFrame(input).map((line, index) => (
				<StyledLineView key={index} line={line} />
			))}
		</Box>
	);
}
