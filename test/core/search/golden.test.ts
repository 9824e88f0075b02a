/**
 * What the search answers over a generated folder, pinned in a file written by the index as it
 * was before its word sequences were stored compactly (issue 14: memory at 100,000 documents).
 * A change to how the index holds its data must leave every answer as it was: totals, the
 * whole ranking, scores to the last bit, title highlights and snippets.
 *
 * The folder has more than 16,384 distinct words (term ids of one, two and three bytes), a
 * document longer than 65,536 words, the seeds (accents, curly quotes, names) and a few lines
 * of CJK and Persian. Queries cover exact words, typos, prefixes (the word being typed),
 * phrases of common and rare words, and a rare word followed by a common one (checked in the
 * running documents' word sequences rather than in the common word's postings).
 */
import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {SearchIndex, snippetFor, type SearchResults} from '../../../source/core/search/index.js';
import {decodeSnapshot, encodeSnapshot} from '../../../source/core/search/snapshot.js';
import type {Document} from '../../../source/core/types.js';
import {seededRandom} from '../../fixtures/prose.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';

const SYLLABLES = [
	'ka',
	'lo',
	'mi',
	'ser',
	'tan',
	'vo',
	'ru',
	'bel',
	'dor',
	'esh',
	'fin',
	'gal',
	'hu',
	'ix',
	'jo',
	'kel',
	'mar',
	'nu',
	'ost',
	'pra',
	'qui',
	'ren',
	'sa',
	'tor',
	'ul',
	'vin',
	'wex',
	'yal',
	'zer',
	'an',
];

/** 24,000 distinct pseudo-words, made from syllables by the word's number (no randomness). */
function vocabulary(): string[] {
	const words: string[] = [];
	for (let number = 0; words.length < 24_000; number++) {
		let word = '';
		let rest = number;
		do {
			word += SYLLABLES[rest % SYLLABLES.length];
			rest = Math.floor(rest / SYLLABLES.length);
		} while (rest > 0);
		if (word.length >= 4) words.push(word);
	}
	return words;
}

const WORDS = vocabulary();

/** Words drawn with a steep skew towards the first (a few very common words, a long tail). */
function prose(count: number, random: () => number): string {
	const out: string[] = [];
	for (let at = 0; at < count; at++) {
		out.push(WORDS[Math.floor(WORDS.length * random() ** 4)]!);
		if (random() < 0.08) out[out.length - 1] += '.';
	}
	return out.join(' ');
}

function generatedFolder(): Document[] {
	const random = seededRandom(1414);
	const documents: Document[] = [...seedDocuments()];
	for (let at = 0; at < 400; at++) {
		const title = prose(3 + Math.floor(random() * 6), random).replaceAll('.', '');
		const paragraphs = Array.from({length: 1 + Math.floor(random() * 6)}, () =>
			prose(20 + Math.floor(random() * 120), random),
		);
		documents.push(documentFromText(`${title}\n\n${paragraphs.join('\n\n')}`, `g${at}.txt`));
	}
	// Longer than 65,536 words: a sequence kept where it was written, not copied.
	const long = Array.from({length: 150}, () => prose(500, random)).join('\n\n');
	documents.push(documentFromText(`The long one\n\n${long}`, 'long.txt'));
	// Short ones holding a rare word: a common word after it is checked in their sequences.
	for (const [at, rare] of ['zyxtal', 'qwvbnor', 'zyxtal'].entries()) {
		documents.push(
			documentFromText(
				`${rare} ${WORDS[0]} note\n\n${WORDS[1]} ${WORDS[0]} ${rare} ${WORDS[2]} ${WORDS[0]}.`,
				`short${at}.txt`,
			),
		);
	}
	documents.push(
		documentFromText(
			'東京都の記者会見\n\n東京都は今日、新しい計画を発表した。ایران و عراق گفتگو کردند. Café naïve Zürich.',
			'cjk.txt',
		),
	);
	return documents;
}

const DOCUMENTS = generatedFolder();

/** Misspelt: two letters swapped. */
function swapped(word: string): string {
	return word.slice(0, 1) + word[2] + word[1] + word.slice(3);
}

const QUERIES = [
	WORDS[0]!,
	WORDS[3]!,
	`${WORDS[1]} ${WORDS[2]}`,
	WORDS[700]!,
	WORDS[20_000]!,
	swapped(WORDS[5_000]!),
	swapped(WORDS[18_000]!),
	WORDS[9_000]!.slice(0, 3),
	WORDS[9_000]!.slice(0, 5),
	`${WORDS[12_000]} ${WORDS[0]}`,
	`${WORDS[12_000]} ${WORDS[0]!.slice(0, 3)}`,
	`${WORDS[16_500]} ${WORDS[4]} ${WORDS[1]}`,
	`"${WORDS[0]} ${WORDS[1]}"`,
	`"${WORDS[0]} ${WORDS[1]} ${WORDS[0]}"`,
	`"${WORDS[0]} ${WORDS[2]!.slice(0, 3)}`,
	`"${WORDS[2]} ${WORDS[30]}" ${WORDS[5]}`,
	'kadimi zarif',
	'"prime minister"',
	'tehr',
	'soleimany baghdad',
	'iran',
	'東京',
	'cafe zurich',
	'ایران',
	'the long',
	`zyxtal ${WORDS[0]}`,
	`zyxtal ${WORDS[0]!.slice(0, 3)}`,
	`qwvbnor ${WORDS[1]} ${WORDS[2]}`,
	`zyxtal "${WORDS[1]} ${WORDS[0]}"`,
];

function pinned(results: SearchResults) {
	const all = results.slice(0, results.total);
	return {
		total: results.total,
		ranking: createHash('sha1')
			.update(all.map((result) => `${result.document.id} ${result.score}`).join('\n'))
			.digest('hex'),
		top: all.slice(0, 15).map((result) => [result.document.id, result.score, result.titleRanges]),
		snippets: all.slice(0, 4).map((result) => snippetFor(result, 70)),
	};
}

function answers(index: SearchIndex) {
	return Object.fromEntries(QUERIES.map((query) => [query, pinned(index.search(query))]));
}

function built(): SearchIndex {
	const index = new SearchIndex();
	index.add(DOCUMENTS);
	return index;
}

const GOLDEN = './golden/generated-folder.json';

describe('search answers over a generated folder, as pinned before the index was made compact', () => {
	it('an index built at once', async () => {
		const index = built();
		// The folder is what the comment says.
		expect(index.size).toBe(410);
		expect(index.state()!.vocabulary.terms.length).toBeGreaterThan(16_384);
		await expect(JSON.stringify(answers(index), null, 1)).toMatchFileSnapshot(GOLDEN);
	});

	it('an index built a piece at a time, between deadlines', async () => {
		const index = new SearchIndex();
		const job = index.startAdding(DOCUMENTS, {pieceCharacters: 4_096});
		let steps = 0;
		while (!job.step(() => true)) steps++;
		expect(steps).toBeGreaterThan(100);
		await expect(JSON.stringify(answers(index), null, 1)).toMatchFileSnapshot(GOLDEN);
	});

	it('an index taken up from its snapshot, in part, with the rest indexed again', async () => {
		const bytes = Buffer.concat((await encodeSnapshot(built()))!);
		// Each restore its own copy: a restored index writes into the arrays it was given.
		const decode = async () => {
			const decoded = await decodeSnapshot(Buffer.from(bytes));
			if ('problem' in decoded) throw new Error(decoded.problem);
			return decoded;
		};
		// A text changed in the middle: the documents from it on are indexed again.
		const changed = [...DOCUMENTS];
		changed[200] = documentFromText(
			`${DOCUMENTS[200]!.text}\n\nOne more line.`,
			DOCUMENTS[200]!.id,
		);
		const index = SearchIndex.restore((await decode()).state, changed)!;
		expect(index.size).toBe(200);
		index.add(changed.slice(200));
		const expected = answers(built());
		const withChange = new SearchIndex();
		withChange.add(changed);
		expect(answers(index)).toEqual(answers(withChange));
		// Whole, it answers as pinned.
		const whole = SearchIndex.restore((await decode()).state, DOCUMENTS)!;
		expect(whole.size).toBe(410);
		expect(answers(whole)).toEqual(expected);
		await expect(JSON.stringify(answers(whole), null, 1)).toMatchFileSnapshot(GOLDEN);
	});

	it('phrases typed a key at a time, with keys taken back, answer as each asked afresh', () => {
		const typed = (text: string) =>
			Array.from({length: text.length}, (_, at) => text.slice(0, at + 1));
		const phrase = `"${WORDS[0]} ${WORDS[1]} ${WORDS[0]}"`;
		const queries = [
			...typed(phrase),
			// Taken back: the quote (exact, then the same words as a prefix), then letters.
			...typed(phrase).reverse().slice(1, 8),
			...typed(`"${WORDS[2]} ${WORDS[30]}" ${WORDS[5]}`),
			// Asked before a phrase they do not narrow: a shorter last word, exact; another first.
			`"${WORDS[0]} ${WORDS[1]!.slice(0, 2)}"`,
			`"${WORDS[3]} ${WORDS[1]}"`,
			`"${WORDS[0]} ${WORDS[1]}"`,
			`"${WORDS[0]} ${WORDS[1]}`,
			`"${WORDS[0]} ${WORDS[1]} `,
		];
		const index = built();
		const asked = queries.map((query) => pinned(index.search(query)));
		// Another index asked in the other order: no phrase asked before narrows a later one.
		const afresh = built();
		const expected = [...queries]
			.reverse()
			.map((query) => pinned(afresh.search(query)))
			.reverse();
		expect(asked).toEqual(expected);
		expect(asked.map((answer) => answer.total)).toContain(0);
		expect(new Set(asked.map((answer) => answer.total)).size).toBeGreaterThan(5);
	});
});
