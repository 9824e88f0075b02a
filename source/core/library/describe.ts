import type {SkippedFile} from '../types.js';
import {formatCount} from '../text/numbers.js';

/** "2 files skipped (binary)", "3 files skipped (2 binary, 1 unreadable)", or '' for none. */
export function describeSkipped(skipped: readonly SkippedFile[]): string {
	if (skipped.length === 0) return '';
	const counts = new Map<string, number>();
	for (const file of skipped) counts.set(file.reason, (counts.get(file.reason) ?? 0) + 1);
	const noun = skipped.length === 1 ? 'file' : 'files';
	const reasons =
		counts.size === 1
			? [...counts.keys()][0]
			: [...counts].map(([reason, count]) => `${formatCount(count)} ${reason}`).join(', ');
	return `${formatCount(skipped.length)} ${noun} skipped (${reasons})`;
}
