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

	describe('an index taken up from its snapshot around changed, added and removed files', () => {
		let bytes: Buffer | undefined;
		// Each restore its own copy: a restored index writes into the arrays it was given.
		const decode = async () => {
			bytes ??= Buffer.concat((await encodeSnapshot(built()))!);
			const decoded = await decodeSnapshot(Buffer.from(bytes));
			if ('problem' in decoded) throw new Error(decoded.problem);
			return decoded.state;
		};
		const edited = (document: Document, line = 'One more line about zymurgical brewing.') =>
			documentFromText(`${document.text}\n\n${line}`, document.id);
		const added = (id: string) =>
			documentFromText(`Zymurgical news\n\n${WORDS[0]} ${WORDS[3]} zymurgical ${WORDS[1]}.`, id);
		/** More queries whose plan reads the running documents' word sequences for a word that a
		 * retired entry holds: the postings counted for it must leave that entry out. */
		const asked = [...QUERIES, 'zyxtal note', `qwvbnor ${WORDS[1]!.slice(0, 4)}`, 'zyxtal nate'];
		/** The documents' places in the whole ranking, and the pinned answers. */
		const everything = (index: SearchIndex) => ({
			answers: Object.fromEntries(asked.map((query) => [query, pinned(index.search(query))])),
			places: Object.fromEntries(
				asked.map((query) => {
					const found = index.search(query);
					return [query, found.slice(0, found.total).map((result) => result.ordinal)];
				}),
			),
		});
		const asBuilt = (documents: readonly Document[]) => {
			const index = new SearchIndex();
			index.add(documents);
			return everything(index);
		};
		const D = DOCUMENTS;
		const cases: [string, Document[], number[]][] = [
			['a change at the start', D.with(0, edited(D[0]!)), [0]],
			['a change in the middle', D.with(200, edited(D[200]!)), [200]],
			['a change at the end', D.with(409, edited(D[409]!)), [409]],
			['an added file at the start', [added('0-new.txt'), ...D], [0]],
			['an added file in the middle', D.toSpliced(200, 0, added('g199a.txt')), [200]],
			['an added file at the end', [...D, added('zz-new.txt')], [410]],
			['a removed file at the start', D.slice(1), []],
			['a removed file in the middle', D.toSpliced(200, 1), []],
			['a removed file at the end', D.slice(0, 409), []],
			// The same text saved again (another hash): it scores as short2.txt, which it ties with
			// for its rare word, and still ranks first, by its place, though indexed last.
			['a tie re-indexed', D.with(406, documentFromText(`${D[406]!.text}\n`, D[406]!.id)), [406]],
			[
				'a change, a removal, an addition and a rename',
				D.with(3, edited(D[3]!))
					.with(100, {...D[100]!, id: 'renamed.txt'})
					.toSpliced(300, 1)
					.toSpliced(350, 0, added('g345a.txt')),
				[3, 100, 350],
			],
		];
		it.each(cases)('%s: answers as an index built from the documents now', async (_, now, fill) => {
			const index = SearchIndex.restore(await decode(), now)!;
			expect(index.placesToFill()).toEqual(fill);
			expect(index.size).toBe(now.length - fill.length);
			index.add(index.placesToFill().map((place) => now[place]!));
			expect(index.size).toBe(now.length);
			expect(index.placesToFill()).toEqual([]);
			const expected = asBuilt(now);
			expect(everything(index)).toEqual(expected);
			// Kept again (its retired entries as entries of no document) and taken up whole.
			const again = await decodeSnapshot(Buffer.concat((await encodeSnapshot(index))!));
			if ('problem' in again) throw new Error(again.problem);
			const whole = SearchIndex.restore(again.state, now)!;
			expect(whole.placesToFill()).toEqual([]);
			expect(everything(whole)).toEqual(expected);
		});

		it('the new word is found in the changed file only, its old text nowhere', async () => {
			const now = D.with(0, edited(D[0]!, 'Quixotically zymurgical.'));
			const index = SearchIndex.restore(await decode(), now)!;
			index.add([now[0]!]);
			expect(index.search('zymurgical').results.map((result) => result.document.id)).toEqual([
				D[0]!.id,
			]);
			expect(index.search('zymurgical').results[0]!.ordinal).toBe(0);
			// The seed's own headline word still finds it once, in its new text.
			expect(index.search('"prime minister"').total).toBe(
				asBuilt(now).answers['"prime minister"']!.total,
			);
		});

		it('retires a place as an index built in order does, after being taken up', async () => {
			const now = D.with(0, edited(D[0]!));
			const index = SearchIndex.restore(await decode(), now)!;
			index.retire(0);
			index.retire(7);
			index.add([now[0]!]);
			index.retire(300);
			const inOrder = new SearchIndex();
			inOrder.add(now);
			for (const place of [0, 7, 300]) inOrder.retire(place);
			expect(everything(index)).toEqual(everything(inOrder));
			// The commonest word (within its typo budget): 406 documents, 0, 7 and 300 among them.
			expect(asBuilt(now).answers[WORDS[0]!]!.total).toBe(406);
			expect(index.search(WORDS[0]!).total).toBe(403);
		});

		it('is not taken up when more than a quarter of its entries would be retired', async () => {
			const state = await decode();
			expect(SearchIndex.restore(state, D.slice(0, 308))?.size).toBe(308);
			expect(SearchIndex.restore(await decode(), D.slice(0, 307))).toBeUndefined();
			expect(SearchIndex.restore(await decode(), [added('other.txt')])).toBeUndefined();
		});

		it('whole, it answers as pinned', async () => {
			const whole = SearchIndex.restore(await decode(), D)!;
			expect(whole.size).toBe(410);
			expect(whole.placesToFill()).toEqual([]);
			await expect(JSON.stringify(answers(whole), null, 1)).toMatchFileSnapshot(GOLDEN);
		});
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
