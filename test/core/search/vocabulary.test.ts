import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {describe, expect, it} from 'vitest';
import {MAX_TERM_LENGTH, Vocabulary, clampTerm} from '../../../source/core/search/vocabulary.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapUsed(): number {
	collectGarbage();
	collectGarbage();
	return process.memoryUsage().heapUsed;
}

describe('Vocabulary', () => {
	it('keeps no text alive through a term cut from it', () => {
		const vocabulary = new Vocabulary();
		const texts = 40;
		const before = heapUsed();
		for (let number = 0; number < texts; number++) {
			// About 500 kB each, its own; its last word lower-case already and long, so cutting
			// it out and lower-casing it gives a slice of the text.
			const text = `${'filler words '.repeat(40_000)}internationalisation${number}`;
			const start = text.lastIndexOf(' ') + 1;
			vocabulary.internAscii(text, start, text.length);
		}
		// The texts: 20 MB (21 measured while the terms held them).
		expect(heapUsed() - before).toBeLessThan(texts * 100_000);
		expect(vocabulary.size).toBe(texts);
		expect(vocabulary.terms[texts - 1]).toBe('internationalisation39');
	});

	it('gives every spelling of a word the same id, from ASCII text or any spelling', () => {
		const vocabulary = new Vocabulary();
		const text = 'Zarif met ZARIF';
		const first = vocabulary.internAscii(text, 0, 5);
		expect(vocabulary.internAscii(text, 10, 15)).toBe(first);
		expect(vocabulary.intern('Zarīf')).toBe(first);
		expect(vocabulary.intern('ｚａｒｉｆ')).toBe(first);
		expect(vocabulary.terms[first]).toBe('zarif');
		expect(vocabulary.find('ZaRiF')).toBe(first);
		expect(vocabulary.idOf('zarif')).toBe(first);
		expect(vocabulary.size).toBe(1);
	});

	it('adds nothing when asked to find, and folds lone marks to nothing', () => {
		const vocabulary = new Vocabulary();
		expect(vocabulary.find('rouhani')).toBe(-1);
		expect(vocabulary.idOf('rouhani')).toBeUndefined();
		expect(vocabulary.intern('\u0301')).toBe(-1);
		expect(vocabulary.size).toBe(0);
	});

	it('keeps ids stable while the table grows past many rehashes', () => {
		const vocabulary = new Vocabulary();
		const words = Array.from({length: 150_000}, (_, index) => `w${index.toString(36)}x`);
		const ids = words.map((word) => vocabulary.internAscii(word, 0, word.length));
		expect(new Set(ids).size).toBe(words.length);
		words.forEach((word, index) => {
			expect(vocabulary.idOf(word)).toBe(ids[index]);
			expect(vocabulary.internAscii(word.toUpperCase(), 0, word.length)).toBe(ids[index]);
		});
	});

	it('cuts very long words to the indexed length, without splitting a surrogate pair', () => {
		const vocabulary = new Vocabulary();
		const long = 'a'.repeat(MAX_TERM_LENGTH + 50);
		const id = vocabulary.internAscii(long, 0, long.length);
		expect(vocabulary.terms[id]!.length).toBe(MAX_TERM_LENGTH);
		expect(vocabulary.intern(long + 'b')).toBe(id);
		const astral = 'a'.repeat(MAX_TERM_LENGTH - 1) + '𠀀';
		expect(clampTerm(astral)).toBe('a'.repeat(MAX_TERM_LENGTH - 1));
	});
});
