import {describe, expect, it} from 'vitest';
import {librarySearch} from '../../../source/core/app/library-search.js';
import {emptyCorpus, type CorpusState} from '../../../source/core/corpus/state.js';
import {SearchIndex, type SearchResults} from '../../../source/core/search/index.js';
import {MemoryStore} from '../../../source/core/store/memory.js';
import type {CorpusStore} from '../../../source/core/store/types.js';
import type {Document} from '../../../source/core/types.js';
import {seedDocuments} from '../../fixtures/seeds.js';

const documents = seedDocuments();

/** The store's answer, as the app's remembering store search gives it: here a fixed one, so
 * which of the two answered shows in the total. */
function storeAnswering(total: number | undefined) {
	const asked: string[] = [];
	const answer: SearchResults | undefined =
		total === undefined ? undefined : {total, results: [], slice: () => [], at: () => undefined};
	const search = (_store: CorpusStore, listed: readonly Document[], query: string) => {
		asked.push(`${listed.length}:${query}`);
		return answer;
	};
	return {search, asked};
}

function corpus(loaded: number, done: boolean): CorpusState {
	return {...emptyCorpus, documents: documents.slice(0, loaded), loaded, total: 5, done};
}

describe('the library search', () => {
	const store = new MemoryStore();
	const full = new SearchIndex();
	full.add(documents);

	it('asks the store once every file is listed, though they are still being compared', () => {
		const {search, asked} = storeAnswering(41);
		const answer = librarySearch(new SearchIndex(), 0, corpus(5, false), store, search)('iran');
		expect(asked).toEqual(['5:iran']);
		expect(answer?.total).toBe(41);
		// The store's answer is the whole folder's.
		expect(answer?.complete).toBe(true);
	});

	it('does not ask the store while files are still being listed', () => {
		const {search, asked} = storeAnswering(41);
		expect(librarySearch(new SearchIndex(), 0, corpus(3, false), store, search)('iran')).toBe(
			undefined,
		);
		expect(asked).toEqual([]);
	});

	it('answers from the index alone once it holds every document of a folder loaded whole', () => {
		const {search, asked} = storeAnswering(41);
		const answer = librarySearch(full, 5, corpus(5, true), store, search)('zzzzqqq');
		expect(asked).toEqual([]);
		expect(answer).toMatchObject({total: 0, complete: true});
	});

	it('answers from the index alone, as the whole folder’s, once it holds every document listed, though they are still being compared', () => {
		const {search, asked} = storeAnswering(41);
		const answer = librarySearch(full, 5, corpus(5, false), store, search)('zarif');
		expect(asked).toEqual([]);
		// Four of the five seeds name him.
		expect(answer).toMatchObject({total: 4, complete: true});
		// An empty folder listed, with nothing indexed: the store answers, as before any index.
		const empty = {...emptyCorpus, documents: [], loaded: 0, total: 0, done: false};
		expect(librarySearch(new SearchIndex(), 0, empty, store, search)('zarif')?.total).toBe(41);
		expect(asked).toEqual(['0:zarif']);
	});

	it('answers from the index so far, not complete, when the store cannot narrow or there is none', () => {
		const partly = new SearchIndex();
		partly.add(documents.slice(0, 2));
		const cannot = storeAnswering(undefined);
		const fromIndex = librarySearch(partly, 2, corpus(5, false), store, cannot.search)('zzzzqqq');
		expect(cannot.asked).toEqual(['5:zzzzqqq']);
		expect(fromIndex).toMatchObject({total: 0, complete: false});
		const none = storeAnswering(41);
		expect(librarySearch(partly, 2, corpus(5, false), undefined, none.search)('x')).toMatchObject({
			complete: false,
		});
		expect(none.asked).toEqual([]);
	});

	it('asks once per query, however often the screen asks', () => {
		const {search, asked} = storeAnswering(41);
		const ask = librarySearch(new SearchIndex(), 0, corpus(5, false), store, search);
		ask('iran');
		ask('iran');
		ask('iraq');
		expect(asked).toEqual(['5:iran', '5:iraq']);
	});
});
