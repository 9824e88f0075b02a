import {useEffect, useRef, useState} from 'react';
import {SearchIndex} from '../core/search/index.js';
import {VersionIndex} from '../core/versions/version-index.js';
import type {Document} from '../core/types.js';

/** Text indexed per slice: small enough that a keystroke waits at most a few milliseconds. */
const SLICE_CHARACTERS = 200_000;
/** How often progress is shown: every redraw costs a few milliseconds of a busy main thread. */
const PUBLISH_EVERY_MS = 100;

export interface BackgroundIndexes {
	readonly search: SearchIndex;
	readonly versions: VersionIndex;
	/** Documents indexed so far (both indexes); equals the corpus size when ready. */
	readonly indexed: number;
}

/**
 * Builds the search and versions indexes in the background, in slices between which Ink
 * handles keys and draws. It starts once the corpus has loaded, so loading (what the library
 * shows first) is not slowed down by indexing.
 */
export function useBackgroundIndexes(
	documents: readonly Document[],
	loaded: boolean,
): BackgroundIndexes {
	const search = useRef<SearchIndex>(undefined);
	const versions = useRef<VersionIndex>(undefined);
	search.current ??= new SearchIndex();
	versions.current ??= new VersionIndex();
	const done = useRef(0);
	const [indexed, setIndexed] = useState(0);

	useEffect(() => {
		if (!loaded || done.current >= documents.length) return;
		let lastPublished = performance.now();
		let timer: NodeJS.Immediate | undefined = setImmediate(function slice() {
			let end = done.current;
			let characters = 0;
			while (end < documents.length && characters < SLICE_CHARACTERS) {
				characters += documents[end]!.text.length;
				end++;
			}
			const batch = documents.slice(done.current, end);
			search.current!.add(batch);
			versions.current!.add(batch);
			done.current = end;
			const finished = end >= documents.length;
			if (finished || performance.now() - lastPublished >= PUBLISH_EVERY_MS) {
				lastPublished = performance.now();
				setIndexed(end);
			}
			timer = finished ? undefined : setImmediate(slice);
		});
		return () => {
			if (timer) clearImmediate(timer);
		};
	}, [documents, loaded]);

	return {search: search.current, versions: versions.current, indexed};
}
