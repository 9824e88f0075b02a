import React from 'react';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {CorpusBatch} from '../../source/core/corpus/load.js';
import {emptyCorpus, refreshedBetween, type CorpusState} from '../../source/core/corpus/state.js';
import {documentFromText} from '../fixtures/seeds.js';
import {useCorpus} from '../../source/ui/use-corpus.js';

const story = (id: string, title: string) => documentFromText(`${title}\n\nThe text.`, id);

/** A batch after the listing of a folder of three files (as stored): nothing new listed. */
const afterListing = (batch: Partial<CorpusBatch>): CorpusBatch => ({
	documents: [],
	skipped: [],
	loaded: 3,
	total: 3,
	done: false,
	...batch,
});

/** Waits a millisecond at a time, up to 1,000 times, for `condition`. */
async function until(condition: () => boolean, what: string): Promise<void> {
	for (let turn = 0; !condition(); turn++) {
		if (turn > 1_000) throw new Error(what);
		await new Promise((resolve) => setTimeout(resolve, 1));
	}
}

/** A second start as the loader makes it: listed as stored, compared (b changed, c gone), b read
 * again and c taken out;
 * handed over at once, well within the time batches are gathered for. */
async function* secondStart(): AsyncGenerator<CorpusBatch> {
	yield {
		documents: [story('a.txt', 'Alpha'), story('b.txt', 'Beta'), story('c.txt', 'Gamma')],
		skipped: [],
		loaded: 3,
		total: 3,
		done: false,
		unchecked: 3,
	};
	yield afterListing({unchecked: 0});
	yield afterListing({unchecked: 0, refreshing: ['b.txt', 'c.txt']});
	yield afterListing({
		done: true,
		refreshed: [story('b.txt', 'Beta rewritten')],
		removed: ['c.txt'],
	});
}

describe('useCorpus', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	it('shows the first batch at once, however soon after the process started it comes', async () => {
		// The screen mounts 100 ms after the start (performance.now()'s origin), and no time
		// passes while it loads: only the first batch and the last are shown.
		vi.spyOn(performance, 'now').mockReturnValue(100);
		let release: () => void = () => undefined;
		const released = new Promise<void>((resolve) => {
			release = resolve;
		});
		async function* listedThenRead(): AsyncGenerator<CorpusBatch> {
			yield afterListing({unchecked: 0, refreshing: ['b.txt']});
			await released;
			yield afterListing({done: true, refreshed: [story('b.txt', 'Beta rewritten')]});
		}
		const listed: CorpusState = {
			...emptyCorpus,
			documents: [story('a.txt', 'Alpha'), story('b.txt', 'Beta')],
			loaded: 3,
			total: 3,
			unchecked: 3,
		};
		const seen: CorpusState[] = [];
		function Library(): React.ReactNode {
			seen.push(useCorpus('folder', {batches: listedThenRead(), corpus: listed}));
			return null;
		}
		const app = render(<Library />);
		await until(() => seen.at(-1)?.refreshing.size === 1, 'the first batch was never shown');
		expect([...seen.at(-1)!.refreshing]).toEqual(['b.txt']);
		release();
		await until(() => seen.at(-1)?.done === true, 'never done');
		expect(seen.at(-1)!.documents.map((document) => document.title)).toEqual([
			'Alpha',
			'Beta rewritten',
		]);
		app.unmount();
	});

	it('tells of each file read again, however the states it goes through are drawn', async () => {
		const seen: CorpusState[] = [];
		function Library(): React.ReactNode {
			seen.push(useCorpus('folder', {batches: secondStart(), corpus: emptyCorpus}));
			return null;
		}
		const app = render(<Library />);
		await until(() => seen.at(-1)?.done === true, 'never done');
		// As the app asks (ui/app.tsx): each state drawn against the one drawn before it.
		const told = seen.slice(1).flatMap((state, at) => refreshedBetween(seen[at]!, state));
		const last = seen.at(-1)!;
		expect(told).toEqual([
			{kind: 'read', document: last.documents[1]},
			{kind: 'removed', id: 'c.txt'},
		]);
		expect(last.documents.map((document) => document.title)).toEqual(['Alpha', 'Beta rewritten']);
		expect([...last.refreshing]).toEqual([]);
		app.unmount();
	});
});
