/**
 * Where a Markdown article's links lead. The rendered text keeps the words only (a link reads
 * as its text), so that an article and its plain copy are the same words; the addresses are
 * shown under their blocks (core/reader/markdown-blocks) and compared here, so that two
 * Markdown versions that differ only in where a link leads are not called identical.
 */
import {sanitiseLine} from '../text/sanitise.js';
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
	/** Those addresses of A, in A's order (an address A has twice more than B, twice). */
	readonly removedAddresses: readonly string[];
	/** Those addresses of B, in B's order. */
	readonly addedAddresses: readonly string[];
}

/** How B's link addresses differ from A's, counted as multisets; undefined when they do not. */
export function linkChanges(a: readonly string[], b: readonly string[]): LinkChanges | undefined {
	const addedAddresses = unmatched(b, a);
	const removedAddresses = unmatched(a, b);
	if (removedAddresses.length === 0 && addedAddresses.length === 0) return undefined;
	return {
		removed: removedAddresses.length,
		added: addedAddresses.length,
		removedAddresses,
		addedAddresses,
	};
}

/** The addresses of `these` left over once each of `those` has taken one equal to it. */
function unmatched(these: readonly string[], those: readonly string[]): string[] {
	const available = new Map<string, number>();
	for (const address of those) available.set(address, (available.get(address) ?? 0) + 1);
	const left: string[] = [];
	for (const address of these) {
		const count = available.get(address) ?? 0;
		if (count > 0) available.set(address, count - 1);
		else left.push(address);
	}
	return left;
}

/** Addresses named in the summary's word; more are counted only. */
const NAMED_ADDRESSES = 2;

/** The summary's word on it: "link addresses −1 +1 (−https://a.example +https://b.example)".
 * Addresses are the documents' text: made safe for one line. */
export function describeLinkChanges(changes: LinkChanges): string {
	const named = [
		...changes.removedAddresses.slice(0, NAMED_ADDRESSES).map((address) => `−${address}`),
		...(changes.removed > NAMED_ADDRESSES ? ['…'] : []),
		...changes.addedAddresses.slice(0, NAMED_ADDRESSES).map((address) => `+${address}`),
		...(changes.added > NAMED_ADDRESSES ? ['…'] : []),
	];
	return sanitiseLine(`link addresses −${changes.removed} +${changes.added} (${named.join(' ')})`);
}
