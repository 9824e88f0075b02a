import {describe, expect, it} from 'vitest';
import {wordHashes} from '../../../source/core/versions/words.js';

const words = (text: string) => Array.from(wordHashes(text));

describe('wordHashes', () => {
	it('finds one hash per run of letters and digits', () => {
		expect(words('Prospects of Iran-Iraq ties, 2020')).toHaveLength(6);
		expect(words('')).toEqual([]);
		expect(words(' — … !? ')).toEqual([]);
	});

	it('ignores case, diacritics and compatibility forms', () => {
		const [plain] = words('cafe');
		expect(words('Café CAFÉ café CAFE')).toEqual([plain, plain, plain, plain]);
		expect(words('naïve')).toEqual(words('naive'));
		// NFKD folds the ligature and full-width digits.
		expect(words('ﬁle ２０２０')).toEqual(words('file 2020'));
	});

	it('ignores punctuation, quotes and layout between words', () => {
		const reference = words('he said the talks were very successful');
		expect(words('He said: “the talks were\nvery   successful”.')).toEqual(reference);
		expect(words('he\u00ad said the\n\ntalks were very successful')).toEqual(reference);
	});

	it('keeps words apart that differ', () => {
		const [a, b, c] = words('Iran Iraq iran');
		expect(a).not.toBe(b);
		expect(a).toBe(c);
	});

	it('keeps an apostrophe inside its word, splits hyphens, and keeps letters outside Latin', () => {
		// The one word rule (core/text/words.ts): Iran’s | al | Kadhimi.
		expect(words('Iran’s al-Kadhimi')).toHaveLength(3);
		expect(words("Iran's")).toEqual(words('Iran’s'));
		expect(words('Iran’s')).not.toEqual(words('Iran'));
		expect(words('Москва Αθήνα')).toEqual(words('москва αθηνα'));
	});

	it('counts each ideograph as a word, as such text has no spaces', () => {
		expect(words('東京都')).toHaveLength(3);
		expect(words('東京都')).toEqual(words('東 京 都'));
	});

	it('handles characters outside the basic plane and lone surrogates', () => {
		expect(words('𝐀𝐁𝐂 abc')).toEqual(words('abc abc'));
		expect(words('a\ud800b')).toHaveLength(2);
	});

	it('grows past its scratch buffer without losing words', () => {
		const many = Array.from({length: 10_000}, (_, index) => `w${index}`);
		const hashes = words(many.join(' '));
		expect(hashes).toHaveLength(10_000);
		expect(new Set(hashes).size).toBe(10_000);
	});
});
