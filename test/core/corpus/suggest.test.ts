import {describe, expect, it} from 'vitest';
import {didYouMean, suggestDocument} from '../../../source/core/corpus/suggest.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';

describe('suggestDocument', () => {
	const seeds = seedDocuments();
	const suggested = (reference: string) => {
		const suggestion = suggestDocument(reference, seeds);
		return suggestion && [suggestion.reference, suggestion.document.id];
	};

	it('finds the title or file name a misspelt reference meant', () => {
		expect(suggested('kadimi')).toEqual(['003', '003_9ce0b3694a9a8d18.txt']);
		expect(suggested('prospekts')).toEqual(['001', '001_2da24b835264bdcc.txt']);
		expect(suggested('2da24b')).toEqual(['001', '001_2da24b835264bdcc.txt']);
	});

	it('suggests nothing far from every title and name', () => {
		expect(suggested('zzz')).toBeUndefined();
		expect(suggested('qwertyuiop')).toBeUndefined();
		expect(suggested('')).toBeUndefined();
		expect(suggestDocument('kadimi', [])).toBeUndefined();
	});

	it('gives the shortest unique prefix of the id to type', () => {
		const documents = [
			documentFromText('Notes on Kadhimi\n\nText.', 'weekly-notes-1.txt'),
			documentFromText('Other notes\n\nText.', 'weekly-notes-2.txt'),
			documentFromText('Kadhimi again\n\nText.', 'k.txt'),
		];
		expect(suggestDocument('notes on kadimi', documents)?.reference).toBe('weekly-notes-1');
		// A short id is given whole.
		expect(suggestDocument('kadhimi agian', documents)?.reference).toBe('k.txt');
	});

	it('says it in one safe line, the title cut at a word', () => {
		const [evil] = [documentFromText('Kadhimi \u001b[2J arrives in the capital today', 'x.txt')];
		const line = didYouMean('kad\u001bimi', {document: evil!, reference: 'x'});
		expect(line).toBe('no document "kad␛imi"; did you mean x “Kadhimi ␛[2J arrives in…”?');
	});
});
