import type {Document} from '../types.js';
import type {RememberedPlace} from '../positions.js';
import {HEADER, type Anchor} from '../reader/anchor.js';

/**
 * How far an article was read, from its remembered place (core/positions): never opened or
 * marked unread, read part of the way (0–1), or read (to the end, or marked by hand).
 */
export type ReadState =
	| {readonly kind: 'unread'; readonly opened: boolean}
	| {readonly kind: 'reading'; readonly progress: number}
	| {readonly kind: 'read'};

export const NEVER_OPENED: ReadState = {kind: 'unread', opened: false};

/**
 * The share of an article's body before `anchor`, by characters: how far a place saved before
 * progress was kept (or the top of a screen) is through the article. The header is 0.
 */
export function anchorProgress(document: Document, anchor: Anchor): number {
	if (anchor.paragraph === HEADER) return 0;
	let before = 0;
	let total = 0;
	document.paragraphs.forEach((paragraph, index) => {
		total += paragraph.length;
		if (index < anchor.paragraph) before += paragraph.length;
		else if (index === anchor.paragraph) before += Math.min(anchor.offset, paragraph.length);
	});
	return total === 0 ? 0 : before / total;
}

export function readStateOf(place: RememberedPlace | undefined, document: Document): ReadState {
	if (place === undefined) return NEVER_OPENED;
	if (place.mark === 'read') return {kind: 'read'};
	if (place.mark === 'unread') return {kind: 'unread', opened: true};
	// A place saved before progress was kept is at the top of the screen it was left on; its
	// anchor says as much only for the text it was saved for.
	const progress =
		place.progress ?? (place.hash === document.hash ? anchorProgress(document, place) : 0);
	return {kind: 'reading', progress};
}

/** `list --json`'s "progress": 0–1, or null when the article was never opened. */
export function jsonProgress(state: ReadState): number | null {
	switch (state.kind) {
		case 'unread':
			return state.opened ? 0 : null;
		case 'reading':
			return Math.round(state.progress * 1000) / 1000;
		case 'read':
			return 1;
	}
}

/** Whether the unread-only filter keeps an article: not read to the end or marked read. */
export function isUnread(state: ReadState): boolean {
	return state.kind !== 'read';
}

/** The row's read column, 3 cells: a dot (unread), a percentage, or a check (read). */
export function readCell(state: ReadState | undefined): string {
	if (state === undefined) return '   ';
	switch (state.kind) {
		case 'unread':
			return ' • ';
		case 'reading':
			// Below 100: "read" is what the end is.
			return `${Math.min(99, Math.floor(state.progress * 100))}%`.padStart(3);
		case 'read':
			return ' ✓ ';
	}
}
