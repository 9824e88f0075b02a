let counts: Intl.NumberFormat | undefined;

/** A count as every screen and command shows one: with thousands separators ("10,000"). */
export function formatCount(count: number): string {
	// Counts (whole, not negative) are grouped here: the process's first Intl object loads ICU's
	// data, about 19 ms of the library's first frame. Anything else is formatted by Intl.
	if (Number.isSafeInteger(count) && count >= 0 && !Object.is(count, -0)) {
		// Below 1,000 there is nothing to group (`list` formats two counts a row, 10,000 rows).
		return count < 1000 ? String(count) : String(count).replace(/\B(?=(\d{3})+$)/g, ',');
	}
	counts ??= new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
	return counts.format(count);
}

/** "1 document", "10,000 documents": a count and its noun, singular only for one. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
	return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** Words deleted and inserted, "−5 +96 words"; a side with none is left out ("+96 words"), and
 * with neither, undefined. U+2212 is a minus sign as wide as the plus. */
export function formatWordChange(deleted: number, inserted: number): string | undefined {
	const parts: string[] = [];
	if (deleted > 0) parts.push(`\u2212${formatCount(deleted)}`);
	if (inserted > 0) parts.push(`+${formatCount(inserted)}`);
	if (parts.length === 0) return undefined;
	return `${parts.join(' ')} ${deleted + inserted === 1 ? 'word' : 'words'}`;
}
