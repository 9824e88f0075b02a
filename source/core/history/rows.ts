import {cellWidth, padToWidth, truncateToWidth} from '../text/width.js';
import type {Segment, StyledLine} from '../types.js';
import {DATE_WIDTH, formatVersionDate, type LocalOffset} from './dates.js';
import type {StoryHistory} from './story.js';

export interface HistoryRowOptions {
	readonly width: number;
	/** Under the cursor, marked for comparison, the version the history was opened from. */
	readonly selected?: boolean;
	readonly marked?: boolean;
	readonly current?: boolean;
	/** Leave out the cursor, mark and current columns (for printing). */
	readonly plain?: boolean;
	/** The largest change of a step in the story, for the bar's scale (0: no bars yet). */
	readonly largestChange: number;
	readonly localOffset?: LocalOffset;
}

const numberFormat = new Intl.NumberFormat('en-US');
const BARS = '▁▂▃▄▅▆▇█';
/** Shown for a step not diffed yet. */
export const PENDING = '…';

/**
 * One version of a story as a row: version number, date, title (bold where the headline
 * changed from the version before, dim where it did not, so headline changes stand out down the
 * list), words, what changed from the version before in one line, and a bar for how much.
 * Columns are dropped, words first, then the bar and the date, as the width shrinks.
 */
/** What the change column gets of the room the title and it share, and at least how wide. */
const CHANGE_SHARE = 0.55;
const MIN_CHANGE_WIDTH = 18;

export function historyRow(
	history: StoryHistory,
	index: number,
	options: HistoryRowOptions,
): StyledLine {
	const {width} = options;
	const document = history.versions[index]!;
	const previous = history.versions[index - 1];
	const step = index === 0 ? undefined : history.knownStep(index);
	const versionWidth = `v${history.versions.length}`.length;
	const lead = options.plain
		? ''
		: (options.selected ? '▸' : ' ') +
			(options.marked ? '●' : ' ') +
			(options.current ? '◆' : ' ') +
			' ';
	const label = `v${index + 1}`.padEnd(versionWidth) + '  ';

	const change = index === 0 ? 'first version' : (step?.summary ?? PENDING);
	const date =
		width >= 60
			? padToWidth(
					formatVersionDate(history.order.versions[index]?.date, options.localOffset),
					DATE_WIDTH,
				) + '  '
			: '';
	const words = width >= 70 ? `  ${numberFormat.format(document.words)} w`.padStart(10) : '';
	const stepBar =
		width >= 50 ? '  ' + (index === 0 ? ' ' : bar(step?.size, options.largestChange)) : '';
	// The title and what changed share the rest, the change the larger part: a region summary
	// ("body: 2 changes (−5 +96 words) · headline changed") says more than a repeated headline.
	const shared = Math.max(
		2,
		width -
			cellWidth(lead) -
			cellWidth(label) -
			cellWidth(date) -
			words.length -
			stepBar.length -
			2,
	);
	const changeWidth = Math.max(MIN_CHANGE_WIDTH, Math.floor(shared * CHANGE_SHARE));
	const titleRoom = Math.max(1, shared - changeWidth);
	const right = `${words}  ${padToWidth(truncateToWidth(change, changeWidth), changeWidth)}${stepBar}`;

	const headlineChanged = previous === undefined || previous.title !== document.title;
	const segments: Segment[] = [];
	if (lead) segments.push({text: lead, role: 'marker'});
	segments.push({text: label + date});
	segments.push({
		text: padToWidth(truncateToWidth(document.title, titleRoom), titleRoom),
		role: headlineChanged ? 'title' : 'dim',
	});
	segments.push({text: right, role: 'dim'});
	return segments;
}

/** One cell: a block as tall as the change is against the story's largest (at least the
 * lowest for any change), a space for none, '·' while not known. */
export function bar(size: number | undefined, largest: number): string {
	if (size === undefined) return '·';
	if (size === 0 || largest <= 0) return ' ';
	const level = Math.min(BARS.length, Math.max(1, Math.ceil((size / largest) * BARS.length)));
	return BARS[level - 1]!;
}

/** All steps' bars in a row, oldest first: the story's changes at a glance. */
export function sparkline(history: StoryHistory): string {
	const largest = largestChange(history);
	let line = '';
	for (let to = 1; to < history.versions.length; to++)
		line += bar(history.knownStep(to)?.size, largest);
	return line;
}

/** The largest change among the steps diffed so far. */
export function largestChange(history: StoryHistory): number {
	let largest = 0;
	for (let to = 1; to < history.versions.length; to++) {
		largest = Math.max(largest, history.knownStep(to)?.size ?? 0);
	}
	return largest;
}
