import type {SkippedFile} from '../types.js';
import {formatCount} from '../text/numbers.js';

/** "2 files skipped (binary)", "3 files skipped (2 binary, 1 unreadable)", or '' for none. The
 * reasons go most first, ties by name, whatever order the files come in: the library and
 * `reading-room list` have the same files in different orders (the scan's, the loader's). */
export function describeSkipped(skipped: readonly SkippedFile[]): string {
	if (skipped.length === 0) return '';
	const counts = new Map<string, number>();
	for (const file of skipped) counts.set(file.reason, (counts.get(file.reason) ?? 0) + 1);
	const noun = skipped.length === 1 ? 'file' : 'files';
	const reasons =
		counts.size === 1
			? [...counts.keys()][0]
			: [...counts]
					.sort(([a, many], [b, more]) => more - many || (a < b ? -1 : 1))
					.map(([reason, count]) => `${formatCount(count)} ${reason}`)
					.join(', ');
	return `${formatCount(skipped.length)} ${noun} skipped (${reasons})`;
}
