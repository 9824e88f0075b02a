import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {useBackgroundIndexes} from '../../source/ui/use-background-indexes.js';
import type {CorpusStore, KnownFacts, KnownVersionFacts} from '../../source/core/store/types.js';
import type {Document} from '../../source/core/types.js';
import {documentFromText, seedDocuments} from '../fixtures/seeds.js';
import {paragraphs} from '../fixtures/prose.js';
import {checkedBytesSource} from '../fixtures/checked-snapshot.js';
import {SearchIndex} from '../../source/core/search/index.js';
import {
	bytesSource,
	encodeSnapshot,
	type SnapshotSource,
} from '../../source/core/search/snapshot.js';

/** A store that knows no signatures, and counts how often its version facts are read (in
 * three steps, a page each). */
function countingStore(kept?: SnapshotSource) {
	const counted = {versionFacts: 0, factSteps: 0, loadIndexing: 0};
	/** The snapshots it was given to keep. */
	const written: Buffer[] = [];
	let onFacts: () => void = () => undefined;
	const indexing = Promise.resolve();
	/** The kept search index's file, being read until `settle` (there is none). */
	let settle: () => void = () => undefined;
	const snapshot = new Promise<SnapshotSource | undefined>((resolve) => {
		settle = () => resolve(kept);
	});
	const facts: KnownVersionFacts = {
		signature: () => undefined,
		datelineDate: () => undefined,
	};
	const store = {
		kind: 'memory',
		loadIndexing: () => {
			counted.loadIndexing++;
			return indexing;
		},
		versionFacts: () => {
			counted.versionFacts++;
			onFacts();
			return facts;
		},
		versionFactsInSteps: () => {
			counted.versionFacts++;
			let pages = 0;
			return {
				step: () => {
					counted.factSteps++;
					onFacts();
					return ++pages === 3;
				},
				get facts() {
					return pages === 3 ? facts : undefined;
				},
			};
		},
		openSearchSnapshot: () => snapshot,
		writeSearchSnapshot: (parts: Uint8Array[]) => {
			written.push(Buffer.concat(parts));
			return Promise.resolve();
		},
		writeMissingFactsStep: () => true,
		flush: () => undefined,
	};
	// Only what useBackgroundIndexes calls: the rest of a CorpusStore is never reached here.
	return {
		store: store as unknown as CorpusStore,
		counted,
		written,
		indexing,
		settle,
		whenFactsRead: (then: () => void) => {
			onFacts = then;
		},
	};
}

function Indexes(props: {
	readonly documents: readonly Document[];
	readonly loaded: boolean;
	readonly store: CorpusStore;
	readonly seen: (indexed: number, settled: boolean) => void;
}): React.ReactNode {
	const {indexed, settled} = useBackgroundIndexes(props.documents, props.loaded, props.store);
	props.seen(indexed, settled);
	return null;
}

async function until(condition: () => boolean): Promise<void> {
	for (let turn = 0; !condition(); turn++) {
		if (turn > 2_000) throw new Error('never happened');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

describe('useBackgroundIndexes and the store', () => {
	it('reads the kept version facts once, when the versions index first needs them, not while the folder is listed', async () => {
		const documents = seedDocuments();
		const {store, counted, indexing, settle} = countingStore();
		settle();
		let indexed = 0;
		const seen = (count: number) => {
			indexed = count;
		};
		const app = render(<Indexes documents={documents} loaded={false} store={store} seen={seen} />);
		// The store's index module has loaded (what the hook does then has run: it asked first);
		// the folder is still being listed.
		await until(() => counted.loadIndexing === 1);
		await indexing;
		expect(counted.versionFacts).toBe(0);
		app.rerender(<Indexes documents={documents} loaded store={store} seen={seen} />);
		await until(() => indexed === documents.length);
		expect(counted.versionFacts).toBe(1);
		// In steps: the seeds' slices are short, so one step a slice or more.
		expect(counted.factSteps).toBe(3);
		app.unmount();
	});

	it('writes the missing terms and facts of the documents both indexes hold while they are built, and of all once they are', async () => {
		// Enough text that the index is built over many slices (the seeds' fit in one).
		const texts = paragraphs(400);
		const documents = Array.from({length: 400}, (_, number) =>
			documentFromText(
				`Story ${number}\n\n${texts.slice(number, number + 8).join('\n\n')}`,
				`${String(number).padStart(3, '0')}.txt`,
			),
		);
		const {store, indexing, settle} = countingStore();
		settle();
		let indexed = 0;
		/** Per call: documents published as indexed, and how many the store was told are ready
		 * (all of them when it was not told: the indexes are built). */
		const asked: {indexed: number; ready: number; words: number}[] = [];
		Object.assign(store, {
			writeMissingFactsStep: (_deadline: () => boolean, known: KnownFacts) => {
				const ready = documents.filter(
					(document) => known.ready?.(document.id, document.hash) ?? true,
				);
				// Ready from the first, none after the first not ready; each known by its words.
				expect(ready).toEqual(documents.slice(0, ready.length));
				const words = ready.filter(
					(document) => known.words?.(document.id, document.hash) !== undefined,
				);
				asked.push({indexed, ready: ready.length, words: words.length});
				return known.ready === undefined;
			},
		});
		const seen = (count: number) => {
			indexed = count;
		};
		render(<Indexes documents={documents} loaded store={store} seen={seen} />);
		await indexing;
		await until(() => asked.at(-1)?.ready === 400 && indexed === 400);
		const during = asked.filter(({ready}) => ready < 400);
		// Asked while the indexes were built, the ready ones growing with them.
		expect(during.length).toBeGreaterThan(1);
		expect(during.some(({ready}) => ready > 0)).toBe(true);
		for (const call of asked) {
			expect(call.words).toBe(call.ready);
			expect(call.ready).toBeGreaterThanOrEqual(call.indexed);
		}
		expect(asked.at(-1)).toEqual({indexed: 400, ready: 400, words: 400});
	});

	it('is settled once the folder is listed and the kept search index read (here, found missing)', async () => {
		const documents = seedDocuments();
		const {store, counted, indexing, settle} = countingStore();
		const seen: {indexed: number; settled: boolean}[] = [];
		const see = (indexed: number, settled: boolean) => seen.push({indexed, settled});
		const app = render(<Indexes documents={documents} loaded store={store} seen={see} />);
		await until(() => counted.loadIndexing === 1);
		await indexing;
		// Listed, the store ready: the snapshot is still being read. (Drawn again, to see the
		// state as it is now.)
		const drawn = seen.length;
		app.rerender(<Indexes documents={documents} loaded store={store} seen={see} />);
		await until(() => seen.length > drawn);
		expect(seen.at(-1)).toEqual({indexed: 0, settled: false});
		settle();
		await until(() => seen.at(-1)!.indexed === documents.length);
		expect(seen.at(-1)).toEqual({indexed: 5, settled: true});
		app.unmount();
	});

	it('draws the kept search index taken up before the versions read the kept signatures', async () => {
		const documents = seedDocuments();
		const index = new SearchIndex();
		index.add(documents);
		const parts = await encodeSnapshot(index);
		const bytes = Buffer.concat(parts!);
		const {store, settle, whenFactsRead} = countingStore(bytesSource(bytes));
		let drawn = {searchIndexed: 0, indexed: 0};
		let whenRead: typeof drawn | undefined;
		whenFactsRead(() => {
			whenRead ??= drawn;
		});
		function Searchable(): React.ReactNode {
			const {searchIndexed, indexed} = useBackgroundIndexes(documents, true, store);
			drawn = {searchIndexed, indexed};
			return null;
		}
		const app = render(<Searchable />);
		settle();
		await until(() => drawn.indexed === documents.length);
		// Searchable (all five taken up) was drawn while no version was known yet.
		expect(whenRead).toEqual({searchIndexed: 5, indexed: 0});
		app.unmount();
	});

	it('starts checking the kept search index while the folder is listed, and takes it up once every file is, before they are compared', async () => {
		const documents = seedDocuments();
		const index = new SearchIndex();
		index.add(documents);
		const bytes = Buffer.concat((await encodeSnapshot(index))!);
		const reads: number[] = [];
		const digests: [number, number, (readonly number[])?][] = [];
		const whole = checkedBytesSource(bytes, (from, to, cuts) =>
			digests.push(cuts ? [from, to, cuts] : [from, to]),
		);
		// As a file: the checksums worked out elsewhere (here, at once, from the bytes).
		const file: SnapshotSource = {
			...whole,
			read: (position, length) => {
				reads.push(position);
				return whole.read(position, length);
			},
		};
		const {store, settle} = countingStore(file);
		let drawn: {search?: SearchIndex; searchIndexed: number; settled: boolean} = {
			searchIndexed: 0,
			settled: false,
		};
		function Searchable(props: {
			readonly loaded: boolean;
			readonly listed: boolean;
		}): React.ReactNode {
			const {search, searchIndexed, settled} = useBackgroundIndexes(
				documents,
				props.loaded,
				store,
				undefined,
				props.listed,
			);
			drawn = {search, searchIndexed, settled};
			return null;
		}
		const app = render(<Searchable loaded={false} listed={false} />);
		settle();
		// Both halves being checked while the folder is listed; nothing read yet.
		await until(() => digests.length === 2);
		// The header and the held sections (read, cut where the sections start), and the word
		// sequences (where they start is at byte 16).
		const sequencesAt = bytes.readUIntLE(16, 6);
		const sectionsAt = Math.ceil((28 + bytes.readUInt32LE(24)) / 4) * 4;
		expect(digests).toEqual([
			[16, sequencesAt, [sectionsAt]],
			[sequencesAt, bytes.length],
		]);
		expect(reads).toEqual([]);
		const before = drawn.search;
		// Every file listed, still being compared with the store: read and taken up, so a query
		// is answered for the folder as listed (as the store answers one meanwhile).
		app.rerender(<Searchable loaded={false} listed />);
		await until(() => drawn.searchIndexed === documents.length);
		const takenUp = drawn.search!;
		expect(takenUp).not.toBe(before);
		// Four of the five seeds name him (grep -il zarif seeds/*).
		expect(takenUp.search('zarif').total).toBe(4);
		// Not settled until loaded: the folder watch waits for that.
		expect(drawn.settled).toBe(false);
		const readWhileListed = reads.length;
		expect(readWhileListed).toBeGreaterThan(0);
		// Every file compared, none changed: the index taken up is kept, not taken up again.
		app.rerender(<Searchable loaded listed />);
		await until(() => drawn.settled);
		expect(drawn.search).toBe(takenUp);
		expect(drawn.searchIndexed).toBe(documents.length);
		expect(reads.length).toBe(readWhileListed);
		// Checked once: the checksums started while listing are the ones waited for.
		expect(digests.length).toBe(2);
		app.unmount();
	});

	it('answers with the index taken up while listed only for those documents: a file found changed meanwhile has it taken up again once loaded', async () => {
		const seeds = seedDocuments();
		const kept = new SearchIndex();
		kept.add(seeds);
		const bytes = Buffer.concat((await encodeSnapshot(kept))!);
		// The first file, read again after it was listed as stored, has a new text.
		const changed = seeds.with(
			0,
			documentFromText(`${seeds[0]!.text}\n\nQuixotically zymurgical.`, seeds[0]!.id),
		);
		const {store, settle} = countingStore(bytesSource(bytes));
		let drawn: {search: SearchIndex; searchIndexed: number; settled: boolean} | undefined;
		function Searchable(props: {
			readonly documents: readonly Document[];
			readonly loaded: boolean;
		}): React.ReactNode {
			const {search, searchIndexed, settled} = useBackgroundIndexes(
				props.documents,
				props.loaded,
				store,
				undefined,
				true,
			);
			drawn = {search, searchIndexed, settled};
			return null;
		}
		const app = render(<Searchable documents={seeds} loaded={false} />);
		settle();
		await until(() => drawn!.searchIndexed === 5);
		const takenUpWhileListed = drawn!.search;
		expect(takenUpWhileListed.search('zymurgical').total).toBe(0);
		// The changed file's new version replaces the stored one: the index taken up for the
		// stored ones no longer answers.
		app.rerender(<Searchable documents={changed} loaded={false} />);
		expect(drawn!.searchIndexed).toBe(0);
		expect(drawn!.search).not.toBe(takenUpWhileListed);
		app.rerender(<Searchable documents={changed} loaded />);
		await until(() => drawn!.settled && drawn!.searchIndexed === 5);
		expect(drawn!.search).not.toBe(takenUpWhileListed);
		expect(drawn!.search.search('zymurgical').results.map((result) => result.document.id)).toEqual([
			seeds[0]!.id,
		]);
		// The one let go answers nothing: the index taken up again writes into the arrays it read.
		expect(takenUpWhileListed.search('zarif').total).toBe(0);
		expect(drawn!.search.search('zarif').total).toBe(4);
		// Taken up again around the loaded documents: the first retired, its new text indexed last.
		expect(drawn!.search.state()!.ids.split('\0')).toEqual([
			'',
			...seeds.slice(1).map((document) => document.id),
			seeds[0]!.id,
		]);
		app.unmount();
	});

	it('does not answer with the index taken up while listed once something is retired', async () => {
		const seeds = seedDocuments();
		const kept = new SearchIndex();
		kept.add(seeds);
		const bytes = Buffer.concat((await encodeSnapshot(kept))!);
		const {store, settle} = countingStore(bytesSource(bytes));
		let drawn: {searchIndexed: number} | undefined;
		function Searchable(props: {
			readonly retired: {readonly stale: readonly number[]; readonly removed: ReadonlySet<string>};
		}): React.ReactNode {
			const {searchIndexed} = useBackgroundIndexes(seeds, false, store, props.retired, true);
			drawn = {searchIndexed};
			return null;
		}
		const none = {stale: [], removed: new Set<string>()};
		const app = render(<Searchable retired={none} />);
		settle();
		await until(() => drawn!.searchIndexed === 5);
		app.rerender(<Searchable retired={{stale: [0], removed: new Set()}} />);
		expect(drawn!.searchIndexed).toBe(0);
		app.rerender(<Searchable retired={{stale: [], removed: new Set([seeds[4]!.id])}} />);
		expect(drawn!.searchIndexed).toBe(0);
		app.rerender(<Searchable retired={none} />);
		expect(drawn!.searchIndexed).toBe(5);
		app.unmount();
	});

	it('takes the kept search index up around a changed first document, indexing only that one', async () => {
		const seeds = seedDocuments();
		const kept = new SearchIndex();
		kept.add(seeds);
		const bytes = Buffer.concat((await encodeSnapshot(kept))!);
		const documents = seeds.with(
			0,
			documentFromText(`${seeds[0]!.text}\n\nQuixotically zymurgical.`, seeds[0]!.id),
		);
		const {store, settle, written} = countingStore(bytesSource(bytes));
		let drawn: {search: SearchIndex; searchIndexed: number} | undefined;
		function Searchable(): React.ReactNode {
			const {search, searchIndexed} = useBackgroundIndexes(documents, true, store);
			drawn = {search, searchIndexed};
			return null;
		}
		const app = render(<Searchable />);
		settle();
		await until(() => drawn!.searchIndexed === 5 && written.length === 1);
		const found = drawn!.search.search('zymurgical').results;
		expect(found.map((result) => [result.document.id, result.ordinal])).toEqual([
			[seeds[0]!.id, 0],
		]);
		// The five entries taken up (the first retired) and the changed text's, indexed last.
		expect(drawn!.search.state()!.ids.split('\0')).toEqual([
			'',
			...seeds.slice(1).map((document) => document.id),
			seeds[0]!.id,
		]);
		app.unmount();
	});
});
