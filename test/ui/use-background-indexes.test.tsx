import React from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {useBackgroundIndexes} from '../../source/ui/use-background-indexes.js';
import type {CorpusStore, KnownVersionFacts} from '../../source/core/store/types.js';
import type {Document} from '../../source/core/types.js';
import {seedDocuments} from '../fixtures/seeds.js';

/** A store that knows no signatures, and counts how often its version facts are read. */
function countingStore() {
	const counted = {versionFacts: 0, loadIndexing: 0};
	const indexing = Promise.resolve();
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
			return facts;
		},
		openSearchSnapshot: () => Promise.resolve(undefined),
		writeSearchSnapshot: () => Promise.resolve(),
		writeMissingFactsStep: () => true,
		flush: () => undefined,
	};
	// Only what useBackgroundIndexes calls: the rest of a CorpusStore is never reached here.
	return {store: store as unknown as CorpusStore, counted, indexing};
}

function Indexes(props: {
	readonly documents: readonly Document[];
	readonly loaded: boolean;
	readonly store: CorpusStore;
	readonly seen: (indexed: number) => void;
}): React.ReactNode {
	const {indexed} = useBackgroundIndexes(props.documents, props.loaded, props.store);
	props.seen(indexed);
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
		const {store, counted, indexing} = countingStore();
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
		app.unmount();
	});
});
