const counts = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});

/** A count as every screen and command shows one: with thousands separators ("10,000"). */
export function formatCount(count: number): string {
	return counts.format(count);
}

/** "1 document", "10,000 documents": a count and its noun, singular only for one. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
	return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
