import {describe, expect, it} from 'vitest';
import {SearchIndex} from '../../../source/core/search/index.js';
import {VersionIndex} from '../../../source/core/versions/version-index.js';
import {documentFromText} from '../../fixtures/seeds.js';

const budget = documentFromText(
	'Budget vote delayed\n\nThe council put off the budget vote until the spring session.\n',
	'budget.txt',
);
const harbour = documentFromText(
	'Harbour reopens\n\nThe harbour opened again after the storm, and the ferries ran.\n',
	'harbour.txt',
);
// budget.txt as changed on disk: a new word in, "spring" out.
const budgetChanged = documentFromText(
	'Budget vote delayed\n\nThe council put off the budget vote until the autumn session.\n',
	'budget.txt',
);

const ids = (index: SearchIndex, query: string) =>
	index.search(query).results.map((result) => `${result.document.id}#${result.ordinal}`);

describe('retired search entries (the live folder)', () => {
	it('finds a changed file by its new words only, and a removed one not at all', () => {
		const index = new SearchIndex();
		index.add([budget, harbour, budgetChanged]);
		// Entry 0 is budget.txt's old text, superseded by entry 2.
		index.retire(0);
		expect(ids(index, 'autumn')).toEqual(['budget.txt#2']);
		expect(ids(index, 'spring')).toEqual([]);
		expect(index.search('budget').total).toBe(1);
		expect(index.search('the').total).toBe(2);
		index.retire(1);
		expect(ids(index, 'harbour')).toEqual([]);
		expect(index.search('the').total).toBe(1);
	});

	it('retires an entry still to be indexed as it arrives', () => {
		const index = new SearchIndex();
		index.add([budget]);
		index.retire(1);
		index.add([harbour]);
		expect(ids(index, 'ferries')).toEqual([]);
		expect(ids(index, 'council')).toEqual(['budget.txt#0']);
	});
});

describe('VersionIndex.remove', () => {
	const copy = documentFromText(
		'Budget vote delayed\n\nThe council put off the budget vote until the spring session.\n',
		'budget-copy.txt',
	);

	it('takes a removed file out of its group', () => {
		const index = new VersionIndex();
		index.add([budget, harbour, copy]);
		expect(index.groups().map((group) => group.documents)).toEqual([
			['budget.txt', 'budget-copy.txt'],
		]);
		index.remove('budget-copy.txt');
		expect(index.groups()).toEqual([]);
		expect(index.groupOf('budget.txt')).toBeUndefined();
		expect(index.closestVersion('budget.txt')).toBeUndefined();
		index.remove('no-such.txt');
		expect(index.groups()).toEqual([]);
	});
});
