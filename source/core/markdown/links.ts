/**
 * Where a Markdown article's links lead. The rendered text keeps the words only (a link reads
 * as its text), so that an article and its plain copy are the same words; the addresses are
 * shown under their blocks (core/reader/markdown-blocks) and compared here, so that two
 * Markdown versions that differ only in where a link leads are not called identical.
 */
import type {MarkdownBlock} from './types.js';

/** The addresses of a block's links, in order, each once, where they differ from the link's
 * own text (a bare address says where it leads already). */
export function blockLinkAddresses(block: MarkdownBlock): string[] {
	const addresses: string[] = [];
	for (const span of block.spans) {
		if (span.style !== 'link' || span.href === undefined) continue;
		if (span.href === block.text.slice(span.start, span.end)) continue;
		if (!addresses.includes(span.href)) addresses.push(span.href);
	}
	return addresses;
}

/** Every block's link addresses (blockLinkAddresses), in the article's order. */
export function linkAddresses(blocks: readonly MarkdownBlock[]): string[] {
	return blocks.flatMap(blockLinkAddresses);
}

export interface LinkChanges {
	/** Addresses of A that B does not have (counted as often as they appear). */
	readonly removed: number;
	/** Addresses of B that A does not have. */
	readonly added: number;
}

/** How B's link addresses differ from A's, counted as multisets; undefined when they do not. */
export function linkChanges(a: readonly string[], b: readonly string[]): LinkChanges | undefined {
	const left = new Map<string, number>();
	for (const address of a) left.set(address, (left.get(address) ?? 0) + 1);
	let added = 0;
	for (const address of b) {
		const count = left.get(address) ?? 0;
		if (count > 0) left.set(address, count - 1);
		else added++;
	}
	let removed = 0;
	for (const count of left.values()) removed += count;
	return removed === 0 && added === 0 ? undefined : {removed, added};
}

/** The summary's word on it: "link addresses −1 +1". */
export function describeLinkChanges(changes: LinkChanges): string {
	return `link addresses −${changes.removed} +${changes.added}`;
}
