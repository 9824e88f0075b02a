import {useCallback, useEffect, useRef, useState} from 'react';
import {SearchIndex} from '../core/search/index.js';
import type {IndexingJob, SearchIndexState} from '../core/search/index.js';
import {
	decodeSnapshotFrom,
	encodeSnapshot,
	openSnapshotChecked,
	type OpenedSnapshot,
	type SnapshotSource,
} from '../core/search/snapshot.js';
import {VersionIndex} from '../core/versions/version-index.js';
import type {Document} from '../core/types.js';
import type {CorpusStore, KnownVersionFacts, VersionFactsSteps} from '../core/store/types.js';
import {useIdleWork} from './use-idle-work.js';
import {keysRested, nextSlice} from './key-activity.js';
import {PendingCallback} from './pending-callback.js';

/** Work per slice: short enough that a key pressed meanwhile is handled within a frame. The jobs
 * stop at the first piece boundary past it (about 1 ms of work further). */
const SLICE_BUDGET_MS = 5;
/** How often progress is shown: every redraw costs a few milliseconds of a busy main thread. */
const PUBLISH_EVERY_MS = 100;
/** How often a batch waiting for the snapshot to be written looks again. */
const SNAPSHOT_WAIT_MS = 20;
/** Longer than Ink takes to draw a frame asked for (it draws at most 30 a second). */
const DRAWN_MS = 50;

export interface BackgroundIndexes {
	readonly search: SearchIndex;
	readonly versions: VersionIndex;
	/** Whether the kept search index has been taken up, or passed over (or there is none): until
	 * then its snapshot is being read and checked on the main thread. */
	readonly settled: boolean;
	/** Documents indexed so far (both indexes), not counting entries that no longer count;
	 * equals the corpus size when ready. */
	readonly indexed: number;
	/** Documents the search index holds so far, likewise: ahead of `indexed` when the search
	 * index was taken up from the last run's snapshot. */
	readonly searchIndexed: number;
}

/** One batch being added to both indexes: the search index from documents[searchFrom], the
 * versions from documents[versionsFrom] (the same, but for a search index taken up from a
 * snapshot, which holds all but the documents it indexes: its placesToFill, searchFrom then
 * counting those it holds). */
interface Batch {
	readonly searchFrom: number;
	readonly versionsFrom: number;
	readonly search: IndexingJob;
	readonly versions: IndexingJob;
}

/**
 * Builds the search and versions indexes in the background, in slices of about 8 ms between
 * which Ink handles keys and draws. Each index reads long documents a piece at a time, so no
 * slice is longer for a 5 MB article. It starts once the corpus has loaded, so loading (what
 * the library shows first) is not slowed down by indexing.
 */
export function useBackgroundIndexes(
	documents: readonly Document[],
	loaded: boolean,
	/** The store the documents came through: its kept signatures spare reading their texts. */
	store?: CorpusStore,
	/** What no longer counts (see core/corpus/live's overlaid): entries of `documents` taken
	 * out of search, and ids of removed files taken out of the versions. */
	retired: {readonly stale: readonly number[]; readonly removed: ReadonlySet<string>} = NONE,
	/** Every file listed, some perhaps still compared with the store or read again (see
	 * core/corpus/state's listedWhole): the kept index is read and taken up from then. */
	listed = loaded,
	/** The store's kept search index, opened and being checked already (see ui/first-paint.ts);
	 * else opened here. */
	searchSnapshot?: Promise<OpenedSnapshot | undefined>,
): BackgroundIndexes {
	const search = useRef<SearchIndex>(undefined);
	const versions = useRef<VersionIndex>(undefined);
	search.current ??= new SearchIndex();
	/** The store's kept facts, read when the versions index first asks for one: after its index
	 * module has loaded (after the first frame: see CorpusStore.loadIndexing), which indexing
	 * waits for, and after the folder is listed (at 100,000 documents reading them all took
	 * 0.6 s, which the listing waited for). Null until read. */
	const knownFacts = useRef<KnownVersionFacts | undefined | null>(null);
	/** Reading them, a page of rows at a time in the slices (see the slice below). */
	const factsRead = useRef<VersionFactsSteps>(undefined);
	const [storeReady, setStoreReady] = useState(store === undefined);
	useEffect(() => {
		if (store === undefined) return;
		let mounted = true;
		const ready = () => {
			if (mounted) setStoreReady(true);
		};
		store.loadIndexing().then(ready, ready);
		return () => {
			mounted = false;
		};
	}, [store]);
	/** The last run's search index snapshot, read and checked once the folder is listed;
	 * undefined once settled without one. Indexing waits for it. */
	const snapshot = useRef<SearchIndexState | undefined>(undefined);
	/** Its file: the index taken up reads its word sequences there; closed if not taken up. */
	const snapshotFile = useRef<SnapshotSource | undefined>(undefined);
	const [snapshotSettled, setSnapshotSettled] = useState(store === undefined);
	/** The snapshot's file opened, and its checksums being worked out in workers, while the
	 * folder is listed (see startSnapshotCheck); read once it is listed. */
	const opening = useRef<Promise<OpenedSnapshot | undefined>>(undefined);
	useEffect(() => {
		if (store === undefined) return;
		opening.current = searchSnapshot ?? openSnapshotChecked(() => store.openSearchSnapshot());
	}, [store]);
	/** The kept index taken up around the folder as listed, before every file is compared with
	 * the store (at 100,000 documents that ends about 0.25 s later): it answers for the folder as
	 * listed, as the store's narrowed search does meanwhile, while the documents are still those
	 * it was taken up for. Once loaded it is kept when they still are (the common case: nothing
	 * changed), else let go, never having been added to (a restored index writes into the
	 * snapshot's arrays), and the snapshot taken up again around the folder as loaded. */
	const early = useRef<{readonly index: SearchIndex; readonly documents: readonly Document[]}>(
		undefined,
	);
	/** What the last render was given: the snapshot is read outside it. */
	const given = useRef({documents, loaded});
	given.current = {documents, loaded};
	/** Whether the snapshot is being read (once: `listed` stays true once the folder is listed),
	 * and whether the component is still there to be told it is settled. */
	const reading = useRef(false);
	const mounted = useRef(true);
	useEffect(() => {
		mounted.current = true;
		return () => {
			mounted.current = false;
		};
	}, []);
	useEffect(() => {
		if (store === undefined || !(listed || loaded) || reading.current) return;
		reading.current = true;
		// Read in pieces: the word sequences stay in the file (see core/search/sequences.ts).
		const toRead = opening.current!;
		// Not kept once read: its check holds the header's and the sections' bytes.
		opening.current = undefined;
		void toRead
			.then(async (opened) => {
				if (opened === undefined) return;
				const {file, check} = opened;
				const decoded = await decodeSnapshotFrom(file, check).catch(() => undefined);
				if (decoded !== undefined && 'state' in decoded) {
					snapshot.current = decoded.state;
					snapshotFile.current = file;
					// At once, not in an effect after the render this would ask for (20 ms).
					const now = given.current;
					const index =
						now.loaded || !mounted.current
							? undefined
							: SearchIndex.restore(decoded.state, now.documents);
					// Shown by the render that settling it asks for, just below.
					if (index !== undefined) early.current = {index, documents: now.documents};
				} else file.close();
			})
			.catch(() => undefined)
			.finally(() => {
				if (mounted.current) setSnapshotSettled(true);
			});
	}, [store, listed, loaded]);
	/** Documents the search index held when taken up, and when its snapshot was last kept. */
	const kept = useRef(0);
	/** While the snapshot is written: its parts are the index's own arrays, so no document is
	 * added to the index until it is done. */
	const snapshotting = useRef(false);
	versions.current ??= new VersionIndex({
		knownSignature: (document) => {
			if (knownFacts.current === null) knownFacts.current = store?.versionFacts();
			return knownFacts.current?.signature(document);
		},
	});
	/** Documents covered by the batches started so far. */
	const started = useRef(0);
	/** The batch under way. It outlives a re-run of the effect: an index cannot drop a document
	 * half read, so a new batch starts only when this one is done. */
	const batch = useRef<Batch>(undefined);
	const [indexed, setIndexed] = useState(0);
	const [searchIndexed, setSearchIndexed] = useState(0);
	const retiredNow = useRef(retired);
	retiredNow.current = retired;
	/** Retires what no longer counts; the versions only between batches (a removed file whose
	 * entry is still to be added would otherwise come back). */
	const retire = () => {
		for (const ordinal of retiredNow.current.stale) search.current!.retire(ordinal);
		const current = batch.current;
		if (current === undefined || current.versions.done) {
			for (const id of retiredNow.current.removed) versions.current!.remove(id);
		}
	};
	/** Entries done that still count. */
	const counting = (done: number) => {
		let stale = 0;
		for (const ordinal of retiredNow.current.stale) if (ordinal < done) stale++;
		return done - stale;
	};

	const publish = () => {
		const current = batch.current;
		setIndexed(counting(current ? batchProgress(current) : 0));
		setSearchIndexed(counting(current ? current.searchFrom + current.search.completed : 0));
	};
	/** Keeps the search index for the next start once it holds every document and more than
	 * its snapshot did (not after live changes: see SearchIndex.state). */
	const keepSnapshot = () => {
		const index = search.current!;
		if (store === undefined || index.size !== documents.length || index.size <= kept.current) {
			return;
		}
		kept.current = index.size;
		snapshotting.current = true;
		void encodeSnapshot(index, () => keysRested(KEYS_REST_MS))
			.then((parts) => parts && store.writeSearchSnapshot(parts))
			// Only a cache: a read that fails (the disk, under the last snapshot's word sequences)
			// leaves none written, as one that cannot be written does.
			.catch(() => undefined)
			.finally(() => {
				snapshotting.current = false;
			});
	};

	useEffect(() => {
		retire();
		publish();
	}, [retired]);

	const [settled, setSettled] = useState(false);
	useEffect(() => {
		const unfinished = batch.current !== undefined && !batchDone(batch.current);
		if (!loaded || !storeReady || !snapshotSettled) return;
		setSettled(true);
		if (!unfinished && started.current >= documents.length) return;
		let restoredNow = false;
		if (batch.current === undefined && snapshot.current !== undefined) {
			// Taken up for the documents it holds with the same texts (see SearchIndex.restore).
			const reused =
				early.current !== undefined && sameDocuments(early.current.documents, documents);
			// Not reused: it answers nothing more, as the state it shares is written into.
			if (!reused) early.current?.index.release();
			const restored = reused
				? early.current!.index
				: SearchIndex.restore(snapshot.current, documents);
			early.current = undefined;
			snapshot.current = undefined;
			if (restored === undefined) snapshotFile.current?.close();
			snapshotFile.current = undefined;
			if (restored !== undefined) {
				search.current = restored;
				kept.current = restored.size;
				// Only the documents it does not hold (changed, added, renamed) are indexed.
				const fill = restored.placesToFill();
				batch.current = {
					searchFrom: documents.length - fill.length,
					versionsFrom: 0,
					search: restored.startAdding(fill.map((place) => documents[place]!)),
					versions: versions.current!.startAdding(documents),
				};
				started.current = documents.length;
				publish();
				restoredNow = true;
			}
		}
		let lastPublished = performance.now();
		const next = new PendingCallback();
		const slice = function slice(): void {
			// Not between keys read and their frame; shorter while keys come (see key-activity.ts).
			const turn = nextSlice(SLICE_BUDGET_MS);
			if ('wait' in turn) {
				next.after(turn.wait, slice);
				return;
			}
			const end = performance.now() + turn.budget;
			const deadline = () => performance.now() >= end;
			let finished = false;
			let waiting = false;
			do {
				let current = batch.current;
				if (current === undefined || batchDone(current)) {
					if (started.current >= documents.length) {
						finished = true;
						break;
					}
					if (snapshotting.current) {
						waiting = true;
						break;
					}
					const rest = documents.slice(started.current);
					current = {
						searchFrom: started.current,
						versionsFrom: started.current,
						search: search.current!.startAdding(rest),
						versions: versions.current!.startAdding(rest),
					};
					batch.current = current;
					started.current = documents.length;
				}
				// The index behind goes first, so both advance together and `indexed` with them.
				const job =
					current.search.done ||
					(!current.versions.done &&
						current.versionsFrom + current.versions.completed <
							current.searchFrom + current.search.completed)
						? current.versions
						: current.search;
				if (job === current.versions && knownFacts.current === null && store !== undefined) {
					// The kept facts first, a page at a time: read at once when the versions index
					// first asks (at 100,000 documents 0.7 s), they held keys up.
					factsRead.current ??= store.versionFactsInSteps();
					if (factsRead.current.step(deadline)) knownFacts.current = factsRead.current.facts;
					continue;
				}
				job.step(deadline);
			} while (!deadline());
			const current = batch.current!;
			finished ||= batchDone(current) && started.current >= documents.length;
			if (finished || performance.now() - lastPublished >= PUBLISH_EVERY_MS) {
				lastPublished = performance.now();
				if (batchDone(current)) retire();
				publish();
			}
			// As soon as the search index is whole: the versions may take much longer.
			if (current.search.done && started.current >= documents.length) keepSnapshot();
			if (finished) return;
			if (waiting) next.after(SNAPSHOT_WAIT_MS, slice);
			else next.soon(slice);
		};
		// The frame that shows the index taken up (searchable) goes first: the versions' first
		// slice reads every kept signature (0.7 s at 100,000 documents), and Ink draws a frame up
		// to 34 ms after the state that asks for it.
		if (restoredNow) next.after(DRAWN_MS, slice);
		else next.soon(slice);
		return () => next.cancel();
	}, [documents, loaded, storeReady, snapshotSettled]);

	const built = loaded && storeReady && indexed === documents.length;
	// The store's missing terms and facts (for the next start's search and versions) are
	// written from what the indexes hold, so each text is read, tokenised and shingled once: a
	// document's once both indexes hold it, while they are still being built. The main thread
	// only copies its word sequence and signature; a worker on the other core works out its
	// terms and writes them (see core/store/facts-writer.ts), which it otherwise did after the
	// indexes were built (at 100,000 documents about 20 s of FTS5's inserts a first run waited
	// for). When the main thread worked out each document's terms itself (about 10 s at
	// 100,000), writing them during the build made the index over every document 17 s later.
	const writeFacts = useCallback(
		(deadline: () => boolean) => {
			if (store === undefined) return true;
			const done = store.writeMissingFactsStep(deadline, {
				terms: (id, hash) => search.current!.storedTerms(id, hash),
				signature: (id, hash) => versions.current!.signatureOf(id, hash),
				words: (id, hash) => search.current!.storedWords(id, hash),
				...(built
					? {}
					: {
							ready: (id: string, hash: string) =>
								search.current!.holds(id, hash) &&
								versions.current!.signatureOf(id, hash) !== undefined,
						}),
			});
			if (done) search.current!.releaseStoredTerms();
			return done;
		},
		// Made again when the folder changes, so a file saved meanwhile gets its facts written
		// once they are done (the work stops when it says it is done), and once the indexes are
		// built (nothing waits for them then).
		[store, documents, built],
	);
	useIdleWork(
		loaded && storeReady && store !== undefined ? writeFacts : undefined,
		undefined,
		KEYS_REST_MS,
	);

	const earlyShown = batch.current === undefined ? early.current : undefined;
	if (
		earlyShown !== undefined &&
		earlyShown.documents === documents &&
		earlyShown.index.placesToFill().length === 0 &&
		// Nothing retired yet (the folder's watch starts once loaded): it retires nothing itself.
		retired.stale.length === 0 &&
		retired.removed.size === 0
	) {
		return {
			search: earlyShown.index,
			versions: versions.current,
			settled,
			indexed,
			searchIndexed: documents.length,
		};
	}
	return {search: search.current, versions: versions.current, settled, indexed, searchIndexed};
}

/** The same documents in the same order (the list is made anew when a batch adds to it). */
function sameDocuments(a: readonly Document[], b: readonly Document[]): boolean {
	return a === b || (a.length === b.length && a.every((document, place) => document === b[place]));
}

const NONE = {stale: [], removed: new Set<string>()};

/** What is kept for the next start waits until keys have rested this long: typing a query
 * while it was written (10,000 documents: 7 s of slices) took 42 ms a key to its frame (p95
 * 75), against 21 (38) without it. */
const KEYS_REST_MS = 500;

/** Documents both indexes hold, from the first. */
function batchProgress(batch: Batch): number {
	return Math.min(
		batch.searchFrom + batch.search.completed,
		batch.versionsFrom + batch.versions.completed,
	);
}

function batchDone(batch: Batch): boolean {
	return batch.search.done && batch.versions.done;
}
