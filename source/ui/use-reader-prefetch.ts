import {useEffect} from 'react';
import type {ReaderLayout} from '../core/reader/layout.js';
import type {Document} from '../core/types.js';
import {untilKeysRest} from './key-activity.js';
import {PendingCallback} from './pending-callback.js';

/** Below this size an article opens within a frame anyway: nothing is worth doing early. */
export const PREFETCH_MIN_BYTES = 256 * 1024;
/** How long the cursor must rest on an article (no key at all) before its text is read. */
export const PREFETCH_REST_MS = 150;

/**
 * Opening a long article reads its text back from the cache and splits it into paragraphs
 * (70–90 ms for 5 MB here), before its first screen can be laid out. While the cursor rests
 * on such an article, that is done ahead, so Enter only draws: the layout is the one the
 * reader will ask for (same document, same width), kept by `layoutFor`'s cache. It waits for
 * keys to rest, so moving through the list never waits for an article it passes.
 */
export function useReaderPrefetch(
	document: Document | undefined,
	columns: number,
	layoutFor: ((document: Document, columns: number) => ReaderLayout) | undefined,
	firstScreenLines: number,
): void {
	useEffect(() => {
		if (!document || !layoutFor || document.bytes < PREFETCH_MIN_BYTES) return;
		const next = new PendingCallback();
		const prefetch = () => {
			const wait = untilKeysRest(PREFETCH_REST_MS);
			if (wait > 0) {
				next.after(wait, prefetch);
				return;
			}
			layoutFor(document, columns).ensureLines(firstScreenLines);
		};
		next.after(PREFETCH_REST_MS, prefetch);
		return () => next.cancel();
	}, [document, columns, layoutFor, firstScreenLines]);
}
