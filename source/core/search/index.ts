/**
 * Fuzzy full-text search over the corpus, fast enough to run on every keystroke.
 *
 * ```ts
 * const index = new SearchIndex();
 * index.add(batch);                  // as the loader yields batches; ordinal = insertion order
 * const job = index.startAdding(batch); // or a few ms at a time, between keystrokes:
 * job.step(() => performance.now() >= sliceEnd); // → done? (resumes inside a long document)
 * index.size;                        // documents indexed
 * const found = index.search('kadimi zarif'); // a SearchResults (see there):
 * found.total;                       // how many documents match, every one of them reachable
 * found.results;                     // the best `limit` (default 100), ranked, best first
 * found.slice(100, 120);             // any range of the ranking, ranked on demand
 * const results = found.results;
 * snippetFor(results[0], 60);        // {text, ranges}: one line of body text, at most 60 cells
 * highlightSegments(title, ranges);  // Segment[] with role 'match' on the matched words
 * parseQuery(query);                 // {words, phrases, typing}
 * ```
 *
 * Query: every word must match, each within its typo budget (0 for words of one or two letters,
 * 1 for three or four, 2 from five; digits are exact) as Damerau–Levenshtein distance; the word
 * being typed (last, no trailing space) also matches as a fuzzy prefix. "Quoted phrases" and
 * runs of CJK characters match their words consecutively and exactly (case and diacritics
 * aside), whatever whitespace or punctuation lies between them.
 *
 * Ranking, best first, by tiers: more query units matched in the title (the title shown on the
 * row, a headline or one derived from the opening); then more matched exactly in the title; then
 * more matched exactly anywhere; then fewer edits in all; then relevance, BM25 (how often the
 * query's words occur against the document's length, rarer words weighing more); only then
 * insertion order. A result's score is its tier, a whole number, plus its relevance squeezed
 * into [0, 1), so scores order results as the ranking does.
 *
 * Counting and paging: every matching document is scored (a few array reads each), but only
 * the results asked for are ranked: the first page by partial selection, the rest sorted the
 * first time a page beyond it is asked for. So a keystroke costs the same whether 12 or 5,000
 * documents match, the total is exact, and the last result is as reachable as the first.
 *
 * How: an inverted index from folded word to the documents holding it (one number per document:
 * ordinal and whether the word is in the title and/or the body), a trie of the vocabulary for
 * fuzzy look-up (see fuzzy.ts), and each document's word sequence as term ids, which checks
 * phrases without touching the text. Each word's matching terms and documents are cached, so
 * typing one more letter recomputes only the word being typed, and once a rare word has narrowed
 * the field a common one is checked in those few documents' word sequences instead of through
 * its long posting lists. Snippets are cut lazily, only for the results on screen.
 *
 * Indexing in slices: a job (startAdding) indexes its documents a piece of text at a time,
 * about PIECE_CHARACTERS code units, so one 5 MB article does not hold the main thread for a
 * third of a second. A document becomes visible to search only when all of it is in: until then
 * its postings are gathered aside (DocumentPostings) and appended when it is done, so a search
 * never sees half an article, ranked on the words read so far. New terms of that document may already be in the
 * vocabulary; they only make the fuzzy look-up consider terms that match no visible document.
 *
 * Narrowed: `new SearchIndex({folder})` holds only some of a folder's documents (those a store's
 * term index says can matter to a query) and ranks them with the whole folder's figures, exactly
 * as an index of every document would (see narrowing.ts and core/store/narrowed-search.ts).
 *
 * Why not fuse.js: it scores the pattern against every field of every document, about 1.5 s a
 * query over 10,000 bodies; even over the 10,000 titles alone it took ~40 ms a keystroke in the
 * bench (median; p95 over 100 ms), matches no body text and gives no passage. The index answers
 * for titles and bodies in a few milliseconds a keystroke, snippets included.
 */
import type {AddingOptions, IndexingJob} from '../indexing.js';
import type {Document} from '../types.js';
import {matchTerms} from './fuzzy.js';
import type {TermMatch} from './fuzzy.js';
import {codePoints} from './normalise.js';
import {parseQuery, queryUnits} from './query.js';
import type {QueryPhrase, QueryUnit, QueryWord} from './query.js';
import type {QueryMatcher, SearchResult, UnitMatcher} from './result.js';
import {findMatches} from './matching.js';
import {forEachToken, newTokenCarry, pieceEnd} from './tokenise.js';
import {
	DocumentPostings,
	IN_BODY,
	IN_TITLE,
	ORDINAL_SHIFT,
	Postings,
	postingField,
	postingFrequency,
	type PostingsState,
} from './postings.js';
import {Vocabulary, type VocabularyState} from './vocabulary.js';
import {BREAK, Sequences, type SequencesState} from './sequences.js';
import {documentKeyDigest} from './document-key.js';
import {widened} from '../widened.js';
import {matchingOrder, matchingTypos, type FolderStatistics} from './narrowing.js';

export type {SearchResult, QueryMatcher, UnitMatcher} from './result.js';
export type {ParsedQuery, QueryPhrase, QueryUnit, QueryWord} from './query.js';
export {parseQuery} from './query.js';
export {snippetFor} from './snippet.js';
export type {Snippet} from './snippet.js';
export {highlightSegments} from './highlight.js';

/** Characters a job indexes between two looks at its deadline: about 0.3 ms of work (~40 ms a
 * megabyte; a few times that while the code is still cold), so a slice overruns its budget by
 * little whatever the size of its documents. */
export const PIECE_CHARACTERS = 8_192;

export type {AddingOptions, IndexingJob} from '../indexing.js';

export type {FolderStatistics, WordStatistics} from './narrowing.js';

export interface SearchIndexOptions {
	/**
	 * The whole folder's figures, when this index holds only the documents that can matter to
	 * the queries it will be asked (see narrowing.ts): it then ranks them as an index of the
	 * whole folder would.
	 */
	readonly folder?: FolderStatistics;
}

export interface SearchOptions {
	/** How many results `results` holds (default 100); every match stays reachable by slice. */
	readonly limit?: number;
}

/**
 * What a search found. `total` is exact; `results` is the first `limit` of the ranking, and
 * `slice` reaches any part of it (the library's list asks for the rows on screen, `G` for the
 * last). Results are made (title highlights and all) only for the ranks asked for.
 */
export interface SearchResults {
	/** How many documents match the query. */
	readonly total: number;
	/** The best `limit` results, best first. */
	readonly results: readonly SearchResult[];
	/** Results ranked [from, to) of all `total`, best first (clamped to the ranking). */
	slice(from: number, to: number): SearchResult[];
	/** The result ranked `rank` (0 = best), if there are that many. */
	at(rank: number): SearchResult | undefined;
}

/** BM25's usual constants: how fast term frequency saturates, how much length counts. */
const BM25_K1 = 1.2;
const BM25_B = 0.75;
/** First pages are ranked by partial selection up to this many results; a page beyond it
 * sorts the whole ranking once. */
const PARTIAL_RANKING = 256;

// Per document and unit: matched at all, in the title, exactly, exactly in the title.
const MATCHED = 1;
const TITLE = 2;
const EXACT = 4;
const EXACT_TITLE = 8;
/** Bits 4–6 hold the best closeness seen (3 minus the fewest edits that matched) as a
 * thermometer code, 1 → 001, 2 → 011, 3 → 111, so OR-ing flags keeps the best: the union of
 * hundreds of thousands of postings is then one OR each. */
const CLOSENESS_SHIFT = 4;
const MAX_CLOSENESS = 3;

function closenessBits(closeness: number): number {
	return ((1 << closeness) - 1) << CLOSENESS_SHIFT;
}

function closenessOf(flags: number): number {
	return 32 - Math.clz32(flags >> CLOSENESS_SHIFT);
}

interface UnitHits {
	/** Flags per ordinal, 0 where the unit does not match. */
	readonly flags: Uint8Array;
	/** Occurrences per ordinal (at most 255; for a word, of all the terms it matched). */
	readonly frequencies: Uint8Array;
	readonly count: number;
	readonly matcher: UnitMatcher;
	/** For a word, the terms it matched. */
	readonly terms: ReadonlySet<number>;
}

/** The terms a query word matched, and how many postings they have in all. */
interface WordTerms {
	readonly matches: readonly TermMatch[];
	readonly terms: ReadonlySet<number>;
	readonly postings: number;
	/** Documents holding any of the terms, at most: their postings, capped by the corpus. */
	readonly documents: number;
}

const CACHE_LIMIT = 128;
/** A buffer grown past this many words for one long document is not kept for the next. */
const KEPT_BUFFER = 1 << 18;
const EMPTY: ReadonlySet<number> = new Set();

/** An index as it is, for a snapshot (see snapshot.ts): what it knows of each document is
 * its id and documentKey, so a snapshot is only taken up for the same texts. */
export interface SearchIndexState {
	readonly vocabulary: VocabularyState;
	readonly postings: PostingsState;
	/** Each document's words as term ids, with BREAKs between its texts (see sequences.ts). */
	readonly sequences: SequencesState;
	/** Per ordinal, its title's words (see restore). */
	readonly titleLengths: ArrayLike<number>;
	/** Per ordinal, the document's id ('' for an entry of no document: see restore), joined by
	 * NUL (which no path holds): one string, not one a document (a snapshot's 100,000 ids were
	 * 30 ms to split, and compared in place they need not be). */
	readonly ids: string;
	/** Per ordinal, the keyDigest of its documentKey (two numbers; 0 0 for no document). */
	readonly keys: Int32Array;
}

export class SearchIndex {
	// Replaced only by restore.
	private vocabulary = new Vocabulary();
	private postings = new Postings();
	/** The postings of the document being indexed, appended to `postings` once it is all in. */
	private readonly documentPostings = new DocumentPostings();
	/** Per ordinal, its words as term ids: title, BREAK, then each body part and BREAK. */
	private sequences = new Sequences();
	/** Per entry (ordinal): its document; undefined for an entry taken up from a snapshot that
	 * no document of the folder has now (see restore). */
	private readonly documents: (Document | undefined)[] = [];
	private readonly titleLengths: number[] = [];
	/** Words in all visible documents' sequences, for BM25's average document length. */
	private sequenceWords = 0;
	private readonly cache = new Map<string, UnitHits>();
	private readonly termCache = new Map<string, WordTerms>();
	private readonly folder: FolderStatistics | undefined;
	/** Entries that no longer count (a removed file's, a changed file's old text): they stay in
	 * the postings but are never found, counted or ranked against. */
	private readonly retired = new Set<number>();
	/** Per term, how many of its postings are retired entries': the counts a query's plan and
	 * ranking use are those of an index of the counting documents only. */
	private retiredPostings = new Int32Array(0);
	/** Places (see restore) retired before their document was indexed. */
	private readonly retiredPlaces = new Set<number>();
	/** Retired entries without a place: taken up from a snapshot for no document of the folder
	 * (see restore). */
	private dead = 0;
	/** Per entry, its place: where its document is in the caller's list (the folder's order,
	 * which ranks ties, and what retire names). Undefined while each entry's place is its ordinal,
	 * as in every index not taken up around changed documents. */
	private placeOfEntry: number[] | undefined;
	/** Per place, its entry (-1 until indexed); with placeOf. */
	private entryAt: number[] | undefined;
	/** Places the next documents indexed fill, in order, before the places after the last
	 * (restore's placesToFill). */
	private holes: number[] = [];
	private holesFilled = 0;
	/** See release. */
	private released = false;

	private sequence = new Int32Array(4096);
	private sequenceLength = 0;
	private text = '';
	private field = IN_TITLE;
	private ordinal = 0;
	private titleLength = 0;
	/** The unfinished job, if any: two at once would interleave their documents' postings. */
	private adding: IndexingJob | undefined;
	/** For storedTerms: each id's latest ordinal, for the first `ordinalsMapped` documents. */
	private ordinalsById: Map<string, number> | undefined;
	private ordinalsMapped = 0;
	/** For storedTerms: each term id's place among a document's terms, -1 between calls. */
	private placeOf = new Int32Array(0);
	/** For storedTerms: a document's distinct term ids, in the order they first occur. */
	private distinctTerms = new Int32Array(0);
	private readonly visitToken = (
		start: number,
		end: number,
		_ideograph: boolean,
		ascii: boolean,
		hash: number,
	): void => {
		const id = ascii
			? this.vocabulary.internAscii(this.text, start, end, hash)
			: this.vocabulary.intern(this.text.slice(start, end));
		if (id < 0) return;
		this.documentPostings.add(id, this.field);
		if (this.sequenceLength === this.sequence.length) this.sequence = widened(this.sequence, 0);
		this.sequence[this.sequenceLength++] = id;
	};

	private readonly matcherBase = {
		termOf: (text: string, start: number, end: number, ascii: boolean): number =>
			ascii
				? this.vocabulary.findAscii(text, start, end)
				: this.vocabulary.find(text.slice(start, end)),
		termText: (id: number): string => this.vocabulary.terms[id] ?? '',
	};

	constructor(options: SearchIndexOptions = {}) {
		this.folder = options.folder;
	}

	/** Places held: documents indexed, each entry without a place (see restore) not counted. */
	get size(): number {
		return this.documents.length - this.dead;
	}

	/**
	 * The places of the documents given to restore that this index does not hold yet, in order:
	 * the documents to index next (changed, added, renamed), before any after them. Empty once
	 * they are indexed, and for an index not taken up from a snapshot.
	 */
	placesToFill(): readonly number[] {
		return this.holes.slice(this.holesFilled);
	}

	/**
	 * The index as it is (views of its arrays, not copies: write them out before adding more
	 * documents, which writes into them), for a snapshot; undefined while a batch is being
	 * added, when entries were retired, or for a narrowed index: a snapshot holds a folder's
	 * documents in order, every one of them counting.
	 */
	state(): SearchIndexState | undefined {
		if (this.adding !== undefined && !this.adding.done) return undefined;
		if (this.retired.size > this.dead || this.folder !== undefined) return undefined;
		return {
			vocabulary: this.vocabulary.state(),
			postings: this.postings.state(),
			sequences: this.sequences.state(),
			titleLengths: this.titleLengths.slice(),
			// An entry without a document is kept as one no document matches (see restore).
			ids: this.documents.map((document) => document?.id ?? '').join('\0'),
			keys: this.keyDigests(),
		};
	}

	/** Each entry's keyDigest, 0 0 for an entry without a document. */
	private keyDigests(): Int32Array {
		const keys = new Int32Array(this.documents.length * 2);
		this.documents.forEach((document, entry) => {
			if (document !== undefined) documentKeyDigest(document, keys, entry * 2);
		});
		return keys;
	}

	/**
	 * An index taken up from a snapshot for `documents`: each of the snapshot's entries that is,
	 * by id, one of `documents` with what it was indexed from (the same documentKey) counts as
	 * that document, in its place (its index in `documents`); every other entry (a changed
	 * file's old text, a removed or renamed file's) is retired. The documents it does not hold
	 * (placesToFill: changed, added, renamed) are to be indexed next, in that order; the index
	 * then answers every query exactly as one built from `documents` in order: the same totals,
	 * scores and ranking (ties go by place, not by when an entry was indexed), the counts BM25
	 * and the query plan use leaving the retired entries out.
	 *
	 * Undefined when no entry is a document's, the snapshot does not fit together, or more than
	 * a quarter of its entries would be retired: their postings stay in memory, and building the
	 * index again (which the caller then does) leaves them out.
	 */
	static restore(state: SearchIndexState, documents: readonly Document[]): SearchIndex | undefined {
		const {length} = state.sequences.lengths;
		const {ids} = state;
		if (state.titleLengths.length !== length || state.keys.length !== 2 * length) {
			return undefined;
		}
		const digest = new Int32Array(2);
		// Most entries are in their place; the others are looked up by id (its first place: a
		// later one of the same id, the live folder's, is indexed anew).
		let placeOfId: Map<string, number> | undefined;
		const placeOf = new Int32Array(length).fill(-1);
		const entryAt = new Int32Array(documents.length).fill(-1);
		let kept = 0;
		let inOrder = true;
		// Where the entry's id starts in `ids`.
		let from = 0;
		for (let entry = 0; entry < length; entry++) {
			if (from > ids.length) return undefined; // fewer ids than entries
			let end = ids.indexOf('\0', from);
			if (end < 0) end = ids.length;
			const inPlace = entry < documents.length ? documents[entry]!.id : undefined;
			let place =
				inPlace !== undefined && inPlace.length === end - from && ids.startsWith(inPlace, from)
					? entry
					: -1;
			if (place < 0) {
				placeOfId ??= firstPlaces(documents);
				place = placeOfId.get(ids.slice(from, end)) ?? -1;
			}
			from = end + 1;
			// The same text, titles and paragraphs: the same key (and a place not taken).
			if (place >= 0 && entryAt[place] !== -1) place = -1;
			if (place >= 0) {
				documentKeyDigest(documents[place]!, digest, 0);
				if (digest[0] !== state.keys[entry * 2] || digest[1] !== state.keys[entry * 2 + 1]) {
					place = -1;
				}
			}
			if (place >= 0) {
				placeOf[entry] = place;
				entryAt[place] = entry;
				kept++;
			}
			if (placeOf[entry] !== entry) inOrder = false;
		}
		if (length > 0 && from !== ids.length + 1) return undefined; // more ids than entries
		const dead = length - kept;
		if (kept === 0 || dead * 4 > length) return undefined;
		const postings = Postings.fromState(state.postings);
		const sequences = Sequences.fromState(state.sequences, length);
		if (postings === undefined || sequences === undefined) return undefined;
		const index = new SearchIndex();
		index.vocabulary = Vocabulary.fromState(state.vocabulary);
		index.postings = postings;
		index.sequences = sequences;
		for (let entry = 0; entry < length; entry++) {
			const place = placeOf[entry]!;
			index.documents.push(place < 0 ? undefined : documents[place]!);
			index.titleLengths.push(state.titleLengths[entry]!);
			index.sequenceWords += sequences.length(entry);
		}
		for (let place = 0; place < documents.length; place++) {
			if (entryAt[place] === -1) index.holes.push(place);
		}
		// Every entry in its own place: no map (the holes are then the places after the last).
		if (!inOrder) {
			index.placeOfEntry = Array.from(placeOf);
			index.entryAt = Array.from(entryAt);
		}
		for (let entry = 0; entry < length; entry++) {
			if (placeOf[entry]! < 0) index.retireEntry(entry);
		}
		index.dead = dead;
		return index;
	}

	/**
	 * Document `id`'s terms and word sequence as a store keeps them (see core/store/term-index.ts
	 * documentTermsSteps: its distinct terms in the order they first occur, and its sequence as
	 * places among them with -1 after each text), read from what indexing it made, so its text
	 * is not read and tokenised a second time. Undefined unless the index holds `id` indexed
	 * from the text of `hash`, still counting, and is not a narrowed one (whose sequences keep
	 * only some terms). With each term's id in this index's vocabulary (`keys`), which a store
	 * remembers its own number for.
	 */
	storedTerms(
		id: string,
		hash: string,
	): {terms: string[]; sequence: Int32Array; keys: {space: object; of: Int32Array}} | undefined {
		const ordinal = this.storedOrdinal(id, hash);
		if (ordinal === undefined) return undefined;
		const length = this.sequences.length(ordinal);
		const words = this.sequences.read(ordinal);
		if (this.placeOf.length < this.vocabulary.size) {
			this.placeOf = new Int32Array(Math.max(this.vocabulary.size, this.placeOf.length * 2)).fill(
				-1,
			);
		}
		const placeOf = this.placeOf;
		// At most one distinct term a word.
		if (this.distinctTerms.length < length) this.distinctTerms = new Int32Array(length);
		const ids = this.distinctTerms;
		let distinct = 0;
		const sequence = new Int32Array(length);
		for (let index = 0; index < length; index++) {
			const word = words[index]!;
			if (word === BREAK) {
				sequence[index] = BREAK;
				continue;
			}
			let place = placeOf[word]!;
			if (place < 0) {
				place = distinct++;
				placeOf[word] = place;
				ids[place] = word;
			}
			sequence[index] = place;
		}
		const vocabularyTerms = this.vocabulary.terms;
		const terms = new Array<string>(distinct);
		for (let place = 0; place < distinct; place++) {
			const word = ids[place]!;
			placeOf[word] = -1;
			terms[place] = vocabularyTerms[word]!;
		}
		// A buffer grown for one long document is not kept for the short ones after it.
		const of = ids.slice(0, distinct);
		if (ids.length > KEPT_BUFFER) this.distinctTerms = new Int32Array(0);
		return {
			terms,
			sequence,
			// Its vocabulary's ids: a term's id never changes (terms are only ever added).
			keys: {space: this.vocabulary, of},
		};
	}

	/**
	 * Document `id`'s word sequence as this index's term ids (-1 after each text), a copy of its
	 * own, with the vocabulary's terms by id: what storedTerms gives, left for the store's writer
	 * to work out on its own thread (a first run's main thread only copies the sequence).
	 * Undefined when storedTerms would be.
	 */
	storedWords(
		id: string,
		hash: string,
	): {space: object; words: Int32Array; terms: readonly string[]} | undefined {
		const ordinal = this.storedOrdinal(id, hash);
		if (ordinal === undefined) return undefined;
		const words = this.sequences.read(ordinal).slice(0, this.sequences.length(ordinal));
		return {space: this.vocabulary, words, terms: this.vocabulary.terms};
	}

	/** Whether storedTerms and storedWords know `id` as of `hash` (once indexed). */
	holds(id: string, hash: string): boolean {
		return this.storedOrdinal(id, hash) !== undefined;
	}

	/** The ordinal storedTerms reads `id`'s terms from: see there. */
	private storedOrdinal(id: string, hash: string): number | undefined {
		if (this.folder !== undefined) return undefined;
		let ordinals = this.ordinalsById;
		if (ordinals === undefined) {
			ordinals = new Map();
			this.ordinalsById = ordinals;
			this.ordinalsMapped = 0;
		}
		// Documents added since the last call; a later entry of the same id (a file read again)
		// replaces the earlier.
		for (; this.ordinalsMapped < this.documents.length; this.ordinalsMapped++) {
			const document = this.documents[this.ordinalsMapped];
			if (document !== undefined) ordinals.set(document.id, this.ordinalsMapped);
		}
		const ordinal = ordinals.get(id);
		if (ordinal === undefined || this.retired.has(ordinal)) return undefined;
		if (this.documents[ordinal]!.hash !== hash) return undefined;
		return ordinal;
	}

	/** Forgets what storedTerms keeps to find documents by id (once a store has every
	 * document's terms, it asks no more). */
	releaseStoredTerms(): void {
		this.ordinalsById = undefined;
		this.placeOf = new Int32Array(0);
	}

	/** Takes the document in `place` (indexed or still to be; in an index not taken up around
	 * changed documents, the entry of that ordinal) out of every search from now on. */
	retire(place: number): void {
		const entry = this.entryAt
			? (this.entryAt[place] ?? -1)
			: place < this.documents.length
				? place
				: -1;
		if (entry < 0) this.retiredPlaces.add(place);
		else this.retireEntry(entry);
	}

	/** Takes indexed entry `entry` out: its words out of the average length, its postings out
	 * of its terms' counts. */
	private retireEntry(entry: number): void {
		if (this.retired.has(entry)) return;
		this.retired.add(entry);
		const length = this.sequences.length(entry);
		this.sequenceWords -= length;
		if (this.retiredPostings.length < this.vocabulary.size) {
			this.retiredPostings = widened(this.retiredPostings, this.vocabulary.size);
		}
		// One posting per distinct term of the entry.
		const sequence = this.sequences.read(entry);
		const terms = new Set<number>();
		for (let index = 0; index < length; index++) {
			const term = sequence[index]!;
			if (term !== BREAK) terms.add(term);
		}
		for (const term of terms) this.retiredPostings[term]!++;
		// Cached hits and counts were worked out with the entry in.
		this.cache.clear();
		this.termCache.clear();
	}

	/** How many counting documents hold `term`. */
	private postingsOf(term: number): number {
		const retired = term < this.retiredPostings.length ? this.retiredPostings[term]! : 0;
		return this.postings.count(term) - retired;
	}

	/** Makes the entry just indexed (the last) count, in the next place to fill. */
	private placeEntry(): void {
		const entry = this.documents.length - 1;
		let place = entry + this.dead;
		if (this.holesFilled < this.holes.length) place = this.holes[this.holesFilled++]!;
		else if (this.entryAt) place = this.entryAt.length;
		if (this.placeOfEntry && this.entryAt) {
			this.placeOfEntry.push(place);
			while (this.entryAt.length <= place) this.entryAt.push(-1);
			this.entryAt[place] = entry;
		}
		if (this.retiredPlaces.delete(place)) this.retireEntry(entry);
	}

	/** Indexes documents after those already added (about 5 ms per 256 KB loader batch). */
	add(documents: readonly Document[]): void {
		// One piece per text: the same work as a job's, without looking at a clock.
		this.startAdding(documents, {pieceCharacters: Number.POSITIVE_INFINITY}).step(() => false);
	}

	/**
	 * Indexes documents[from…] until about `budgetMs` milliseconds have passed (at least one
	 * whole document), and returns where it stopped: documents.length when all are in. Slices
	 * are as long as the longest document; a caller that must yield to keystrokes whatever the
	 * size of its documents wants startAdding.
	 */
	addSlice(documents: readonly Document[], from: number, budgetMs: number): number {
		const start = Math.max(0, from);
		// Pieces as long as the texts: the deadline is then only asked between documents, so the
		// job can be dropped unfinished without leaving half a document behind.
		const job = this.startAdding(documents.slice(start), {
			pieceCharacters: Number.POSITIVE_INFINITY,
		});
		const started = performance.now();
		job.step(() => performance.now() - started >= budgetMs);
		if (!job.done) this.adding = undefined;
		return start + job.completed;
	}

	/**
	 * Starts adding `documents` after those already added, to be done by calls of the job's
	 * step, each bounded by its deadline to about a piece of text (PIECE_CHARACTERS) past it
	 * however long the documents: a long one is indexed a piece at a time, a word cut by a
	 * piece's end carried into the next. The result equals add(documents). Only one job may be
	 * under way at a time; documents join the search as each is wholly indexed.
	 */
	startAdding(documents: readonly Document[], options: AddingOptions = {}): IndexingJob {
		if (this.adding !== undefined && !this.adding.done) {
			throw new Error('SearchIndex: the previous batch is still being added');
		}
		const pieceSize = Math.max(1, options.pieceCharacters ?? PIECE_CHARACTERS);
		const total = documents.length;
		const carry = newTokenCarry();
		let next = 0;
		/** The texts of documents[next] while it is under way: title, dateline, source, body. */
		let parts: string[] | undefined;
		let part = 0;
		let offset = 0;
		const job: IndexingJob = {
			total,
			get completed() {
				return next;
			},
			get done() {
				return next >= total;
			},
			step: (deadline) => {
				const before = next;
				let room = pieceSize;
				while (next < total) {
					if (parts === undefined) {
						parts = this.beginDocument(documents[next]!);
						part = 0;
						offset = 0;
					}
					while (part < parts.length && room > 0) {
						const text = parts[part]!;
						const end = pieceEnd(text, offset, room);
						this.text = text;
						forEachToken(text, this.visitToken, offset, end, carry);
						room -= end - offset;
						if (end < text.length) offset = end;
						else {
							this.endPart(part);
							part++;
							offset = 0;
						}
					}
					if (part === parts.length) {
						this.commitDocument(documents[next]!);
						next++;
						parts = undefined;
					}
					if (room <= 0 || parts === undefined) {
						if (deadline()) break;
						room = pieceSize;
					}
				}
				this.text = '';
				// Cached hits are sized to, and computed over, the documents visible before.
				if (next > before) {
					this.cache.clear();
					this.termCache.clear();
				}
				if (next >= total) this.adding = undefined;
				return next >= total;
			},
		};
		this.adding = total > 0 ? job : undefined;
		return job;
	}

	/**
	 * Indexes documents after those already added from word sequences made before, as a store
	 * keeps them (see core/store/term-index.ts): each sequence holds numbers of `termOf`'s
	 * numbering (the folded term each stands for) and -1 after each text (title, dateline,
	 * source, each paragraph). The same index as add(documents) when the sequences are theirs,
	 * without tokenising their texts. With `only`, the terms whose numbers it holds are the only
	 * ones indexed, the others kept as unknown words: enough for an index built for one query
	 * (a narrowed one) when `only` holds every term its words can match.
	 */
	addSequences(
		documents: readonly Document[],
		sequences: readonly Int32Array[],
		termOf: (number: number) => string,
		only?: ReadonlySet<number>,
	): void {
		if (this.adding !== undefined && !this.adding.done) {
			throw new Error('SearchIndex: the previous batch is still being added');
		}
		const ids = new Map<number, number>();
		documents.forEach((document, at) => {
			const numbers = sequences[at]!;
			this.ordinal = this.documents.length;
			this.field = IN_TITLE;
			this.titleLength = 0;
			const sequence = new Int32Array(numbers.length);
			let part = 0;
			for (let index = 0; index < numbers.length; index++) {
				const number = numbers[index]!;
				if (number === BREAK) {
					sequence[index] = BREAK;
					if (part++ === 0) {
						this.titleLength = index + 1;
						this.field = IN_BODY;
					}
					continue;
				}
				if (only !== undefined && !only.has(number)) {
					// A word no query term can match: kept as a break, which matches nothing and,
					// like the word it stands for, ends any phrase (sequences hold only term ids
					// and breaks).
					sequence[index] = BREAK;
					continue;
				}
				let id = ids.get(number);
				if (id === undefined) {
					id = this.vocabulary.internTerm(termOf(number));
					ids.set(number, id);
				}
				this.postings.add(id, this.ordinal, this.field);
				sequence[index] = id;
			}
			this.documents.push(document);
			this.titleLengths.push(this.titleLength);
			this.sequenceWords += sequence.length;
			this.sequences.push(sequence, sequence.length);
			this.placeEntry();
		});
		this.cache.clear();
		this.termCache.clear();
	}

	/**
	 * Lets go of an index taken up from a snapshot whose state is then taken up again (see
	 * restore): the new index writes into the arrays both read, so this one answers nothing from
	 * then on rather than read postings being written (it threw on a term whose list grew).
	 */
	release(): void {
		this.released = true;
	}

	/** The documents matching `query`, ranked (see the module comment and SearchResults). */
	search(query: string, options: SearchOptions = {}): SearchResults {
		const limit = Math.max(0, Math.floor(options.limit ?? 100));
		const units = queryUnits(parseQuery(query));
		if (units.length === 0 || this.released) return noResults;

		// Every unit must match, so after the first only the documents still in the running
		// need checking. A word's documents come from the union of its terms' posting lists,
		// cached; but when the running documents hold fewer words than those lists hold
		// postings (a rare word, then 's'), reading those documents' word sequences is cheaper.
		const words = units.filter((unit): unit is QueryWord => unit.kind === 'word');
		const plans = new Map(words.map((word) => [word, this.termsFor(word)]));
		const order = matchingOrder(units, (word) => plans.get(word)!.postings);
		const hitsOf = new Map<QueryUnit, {flags: Uint8Array; frequencies: Uint8Array}>();
		/** Documents holding each unit, for its rarity (BM25's idf). */
		const holding = new Map<QueryUnit, number>();
		let candidates: number[] | undefined;
		// Narrowed without phrases, this index may hold fewer of the running documents than the
		// folder has: their words come from the folder (see narrowing.ts).
		const folderRunning = this.folder !== undefined && order.every((unit) => unit.kind === 'word');
		for (const [position, unit] of order.entries()) {
			let hits: {flags: Uint8Array; frequencies: Uint8Array};
			const plan = unit.kind === 'word' ? plans.get(unit) : undefined;
			if (candidates !== undefined && plan !== undefined) {
				let wordsToRead = 0;
				if (folderRunning) {
					wordsToRead = this.folder!.runningWords(order.slice(0, position) as QueryWord[]);
				} else for (const ordinal of candidates) wordsToRead += this.sequences.length(ordinal);
				if (wordsToRead < plan.postings) {
					hits = this.scanHits(plan, candidates);
					holding.set(unit, plan.documents);
				} else {
					const full = this.hitsFor(unit);
					hits = full;
					holding.set(unit, this.holding(unit, full));
				}
			} else {
				const full = this.hitsFor(unit);
				hits = full;
				holding.set(unit, this.holding(unit, full));
			}
			hitsOf.set(unit, hits);
			const {flags} = hits;
			const running: number[] = [];
			if (candidates === undefined) {
				const retired = this.retired;
				for (let ordinal = 0; ordinal < flags.length; ordinal++) {
					if (flags[ordinal] !== 0 && (retired.size === 0 || !retired.has(ordinal))) {
						running.push(ordinal);
					}
				}
			} else for (const ordinal of candidates) if (flags[ordinal] !== 0) running.push(ordinal);
			if (running.length === 0) return noResults;
			candidates = running;
		}
		const matched = candidates!;

		const hits = units.map((unit) => hitsOf.get(unit)!);
		const documentCount = this.folder?.documents ?? this.counted();
		const idf = units.map((unit) => {
			const held = Math.min(documentCount, holding.get(unit)!);
			return Math.log(1 + (documentCount - held + 0.5) / (held + 0.5));
		});
		const sequenceWords = this.folder?.sequenceWords ?? this.sequenceWords;
		const averageLength = Math.max(1, sequenceWords / Math.max(1, documentCount));
		const base = units.length + 1;
		const closenessBase = MAX_CLOSENESS * units.length + 1;
		const scores = new Float64Array(matched.length);
		for (let index = 0; index < matched.length; index++) {
			const ordinal = matched[index]!;
			let inTitle = 0;
			let exactInTitle = 0;
			let exact = 0;
			let closeness = 0;
			let relevance = 0;
			const lengthNorm =
				BM25_K1 * (1 - BM25_B + (BM25_B * this.sequences.length(ordinal)) / averageLength);
			for (let unit = 0; unit < hits.length; unit++) {
				const {flags: unitFlags, frequencies} = hits[unit]!;
				const flags = unitFlags[ordinal]!;
				if (flags & TITLE) inTitle++;
				if (flags & EXACT_TITLE) exactInTitle++;
				if (flags & EXACT) exact++;
				closeness += closenessOf(flags);
				const frequency = Math.max(1, frequencies[ordinal]!);
				relevance += (idf[unit]! * frequency * (BM25_K1 + 1)) / (frequency + lengthNorm);
			}
			const tier = ((inTitle * base + exactInTitle) * base + exact) * closenessBase + closeness;
			scores[index] = tier + relevance / (relevance + 1);
		}

		const matcher: QueryMatcher = {
			...this.matcherBase,
			units: units.map((unit) =>
				unit.kind === 'word'
					? {kind: 'word', terms: plans.get(unit)!.terms}
					: this.hitsFor(unit).matcher,
			),
		};
		// Ties go by place, as in an index of the documents in order.
		const placeOf = this.placeOfEntry;
		const places = placeOf ? matched.map((entry) => placeOf[entry]!) : matched;
		const makeResult = (index: number): SearchResult => {
			const document = this.documents[matched[index]!]!;
			const titleRanges = findMatches(document.title, matcher).ranges;
			return {ordinal: places[index]!, document, score: scores[index]!, titleRanges, matcher};
		};
		return rankedResults(places, scores, limit, makeResult);
	}

	/** Entries indexed and not retired. */
	private counted(): number {
		return this.documents.length - this.retired.size;
	}

	/** Prepares to index `document` under the next ordinal, and returns its texts in order. */
	private beginDocument(document: Document): string[] {
		this.ordinal = this.documents.length;
		this.documentPostings.begin(this.ordinal);
		this.sequenceLength = 0;
		this.field = IN_TITLE;
		// The title shown on the row is the title, wherever it came from: a word of a title
		// derived from the opening ranks as a title match, as the row highlights it.
		const parts = [document.title];
		if (document.dateline !== undefined) parts.push(document.dateline);
		if (document.source !== undefined) parts.push(document.source);
		let characters = 0;
		for (const paragraph of document.paragraphsForOnePass?.() ?? document.paragraphs) {
			parts.push(paragraph);
			characters += paragraph.length;
		}
		// Room for the words of prose (about six characters a word) from the start: doubling a
		// megabyte-long sequence while reading it would copy it in one piece, a stall of its own.
		const expected = (characters >> 2) + parts.length + 64;
		if (expected > this.sequence.length) this.sequence = new Int32Array(expected);
		return parts;
	}

	/** Closes text number `part` of the document under way. */
	private endPart(part: number): void {
		if (this.sequenceLength === this.sequence.length) this.sequence = widened(this.sequence, 0);
		this.sequence[this.sequenceLength++] = BREAK;
		if (part === 0) {
			this.titleLength = this.sequenceLength;
			this.field = IN_BODY;
		}
	}

	/** Makes the document under way, now wholly indexed, visible to search. */
	private commitDocument(document: Document): void {
		this.documentPostings.appendTo(this.postings);
		this.documents.push(document);
		this.titleLengths.push(this.titleLength);
		this.sequenceWords += this.sequenceLength;
		this.sequences.push(this.sequence, this.sequenceLength);
		this.placeEntry();
		// A buffer made for a long text is not kept for the short ones after it.
		if (this.sequence.length > KEPT_BUFFER) this.sequence = new Int32Array(4096);
	}

	private hitsFor(unit: QueryUnit): UnitHits {
		const key =
			unit.kind === 'word'
				? `w${unit.prefix ? '>' : '='}${unit.maxTypos} ${unit.text}`
				: `p${unit.prefix ? '>' : '='} ${unit.words.join(' ')}`;
		let hits = this.cache.get(key);
		if (hits === undefined) {
			hits = unit.kind === 'word' ? this.wordHits(unit) : this.phraseHits(unit);
			if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
			this.cache.set(key, hits);
		}
		return hits;
	}

	/** How many documents hold `unit` (of the folder, when this index holds only some). A
	 * phrase's are all here: see narrowingUnits. */
	private holding(unit: QueryUnit, hits: UnitHits): number {
		return unit.kind === 'word' && this.folder ? this.folder.word(unit).documents : hits.count;
	}

	/** The vocabulary terms a word matches, cached. */
	private termsFor(word: QueryWord): WordTerms {
		const key = `${word.prefix ? '>' : '='}${word.maxTypos} ${word.text}`;
		let terms = this.termCache.get(key);
		if (terms === undefined) {
			const exactOnly = word.maxTypos === 0 && !word.prefix;
			const found = this.vocabulary.idOf(word.text);
			const {maxTypos, prefixTypos} = matchingTypos(word);
			const matches = exactOnly
				? found === undefined
					? []
					: [{term: found, distance: 0}]
				: matchTerms(this.vocabulary.trie, codePoints(word.text), maxTypos, prefixTypos);
			let postings = 0;
			for (const {term} of matches) postings += this.postingsOf(term);
			let documentCount = this.counted();
			if (this.folder) {
				postings = this.folder.word(word).postings;
				documentCount = this.folder.documents;
			}
			terms = {
				matches,
				terms: new Set(matches.map((match) => match.term)),
				postings,
				documents: Math.min(postings, documentCount),
			};
			if (this.termCache.size >= CACHE_LIMIT) this.termCache.clear();
			this.termCache.set(key, terms);
		}
		return terms;
	}

	/** A word's flags and frequencies from the union of its terms' posting lists. */
	private wordHits(word: QueryWord): UnitHits {
		const flags = new Uint8Array(this.documents.length);
		const frequencies = new Uint8Array(this.documents.length);
		const {matches, terms} = this.termsFor(word);
		for (const {term, distance} of matches) {
			const exact = distance === 0;
			const closeness = closenessBits(MAX_CLOSENESS - distance);
			// Flags to OR in, by the posting's field bits (IN_TITLE, IN_BODY).
			const inTitle = (exact ? MATCHED | TITLE | EXACT | EXACT_TITLE : MATCHED | TITLE) | closeness;
			const inBody = (exact ? MATCHED | EXACT : MATCHED) | closeness;
			const byField = [0, inTitle, inBody, inTitle | inBody];
			const visible = flags.length;
			const list = this.postings.decode(term);
			const count = this.postings.count(term);
			for (let index = 0; index < count; index++) {
				const posting = list[index]!;
				const ordinal = posting >>> ORDINAL_SHIFT;
				// A document still being indexed has postings but no place in the results yet.
				if (ordinal < visible) {
					flags[ordinal]! |= byField[postingField(posting)]!;
					// Uint8Array arithmetic would wrap: saturate instead.
					frequencies[ordinal] = Math.min(255, frequencies[ordinal]! + postingFrequency(posting));
				}
			}
		}
		for (const entry of this.retired) {
			if (entry < flags.length) {
				flags[entry] = 0;
				frequencies[entry] = 0;
			}
		}
		let count = 0;
		for (let ordinal = 0; ordinal < flags.length; ordinal++) if (flags[ordinal] !== 0) count++;
		return {flags, frequencies, count, matcher: {kind: 'word', terms}, terms};
	}

	/** A word's flags and frequencies for just `candidates`, from their word sequences. */
	private scanHits(
		plan: WordTerms,
		candidates: readonly number[],
	): {flags: Uint8Array; frequencies: Uint8Array} {
		const flags = new Uint8Array(this.documents.length);
		const frequencies = new Uint8Array(this.documents.length);
		// Closeness per term id (0: not a match), so the scan is one array read per word.
		const closenessByTerm = new Uint8Array(this.vocabulary.size);
		for (const {term, distance} of plan.matches) closenessByTerm[term] = MAX_CLOSENESS - distance;
		for (const ordinal of candidates) {
			const sequence = this.sequences.read(ordinal);
			const length = this.sequences.length(ordinal);
			const titleLength = this.titleLengths[ordinal]!;
			let found = 0;
			let best = 0;
			let occurrences = 0;
			for (let index = 0; index < length; index++) {
				const term = sequence[index]!;
				if (term < 0) continue;
				const closeness = closenessByTerm[term]!;
				if (closeness === 0) continue;
				occurrences++;
				const exact = closeness === MAX_CLOSENESS;
				found |=
					index < titleLength
						? exact
							? MATCHED | TITLE | EXACT | EXACT_TITLE
							: MATCHED | TITLE
						: exact
							? MATCHED | EXACT
							: MATCHED;
				if (closeness > best) best = closeness;
			}
			if (found !== 0) {
				flags[ordinal] = found | closenessBits(best);
				frequencies[ordinal] = Math.min(255, occurrences);
			}
		}
		return {flags, frequencies};
	}

	private phraseHits(phrase: QueryPhrase): UnitHits {
		const last = phrase.words.length - 1;
		const positions = phrase.words.map((text, index): ReadonlySet<number> => {
			if (phrase.prefix && index === last) {
				return this.hitsFor({kind: 'word', text, maxTypos: 0, prefix: true}).terms;
			}
			const id = this.vocabulary.idOf(text);
			return id === undefined ? EMPTY : new Set([id]);
		});
		const flags = new Uint8Array(this.documents.length);
		const frequencies = new Uint8Array(this.documents.length);
		const matcher: UnitMatcher = {kind: 'phrase', positions};
		if (positions.some((terms) => terms.size === 0))
			return {flags, frequencies, count: 0, matcher, terms: EMPTY};
		const candidates = phrase.words.map(
			(text, index) =>
				this.hitsFor({kind: 'word', text, maxTypos: 0, prefix: phrase.prefix && index === last})
					.flags,
		);
		// A phrase typed on from one asked before matches only where that one did.
		const before = this.narrowerPhrase(phrase);
		let count = 0;
		for (let ordinal = 0; ordinal < flags.length; ordinal++) {
			if (before !== undefined && before[ordinal] === 0) continue;
			if (!candidates.every((candidate) => candidate[ordinal] !== 0)) continue;
			const found = this.findPhrase(ordinal, positions);
			if (found.flags !== 0) {
				flags[ordinal] = found.flags | closenessBits(MAX_CLOSENESS);
				frequencies[ordinal] = Math.min(255, found.occurrences);
				count++;
			}
		}
		return {flags, frequencies, count, matcher, terms: EMPTY};
	}

	/**
	 * The flags of a cached phrase that matches wherever `phrase` does, the fewest such: one
	 * whose words begin `phrase`'s, its last (when it was being typed, a prefix) beginning the
	 * same word of `phrase`. While a phrase is typed each key asks a new one, and a phrase of
	 * common words is checked in tens of thousands of word sequences; the one before narrows it.
	 */
	private narrowerPhrase(phrase: QueryPhrase): Uint8Array | undefined {
		let best: UnitHits | undefined;
		const {words} = phrase;
		for (const [key, hits] of this.cache) {
			if (key[0] !== 'p' || (best !== undefined && hits.count >= best.count)) continue;
			const prefix = key[1] === '>';
			const earlier = key.slice(3).split(' ');
			const last = earlier.length - 1;
			if (earlier.length > words.length) continue;
			// The same number of words: a prefix only after a prefix.
			if (earlier.length === words.length && phrase.prefix && !prefix) continue;
			let within = true;
			for (let index = 0; index < last && within; index++) within = earlier[index] === words[index];
			if (!within) continue;
			if (prefix ? words[last]!.startsWith(earlier[last]!) : words[last] === earlier[last]) {
				best = hits;
			}
		}
		return best?.flags;
	}

	/** Flags for where the phrase occurs in a document's word sequence (0 when it does not),
	 * and how often. */
	private findPhrase(
		ordinal: number,
		positions: readonly ReadonlySet<number>[],
	): {flags: number; occurrences: number} {
		const sequence = this.sequences.read(ordinal);
		const length = this.sequences.length(ordinal);
		const titleLength = this.titleLengths[ordinal]!;
		const span = positions.length;
		const first = positions[0]!;
		let flags = 0;
		let occurrences = 0;
		for (let index = 0; index + span <= length; index++) {
			if (!first.has(sequence[index]!)) continue;
			let offset = 1;
			while (offset < span && positions[offset]!.has(sequence[index + offset]!)) offset++;
			if (offset < span) continue;
			occurrences++;
			flags |= index < titleLength ? MATCHED | EXACT | TITLE | EXACT_TITLE : MATCHED | EXACT;
		}
		return {flags, occurrences};
	}
}

/** Each id's first place in `documents`. */
function firstPlaces(documents: readonly Document[]): Map<string, number> {
	const places = new Map<string, number>();
	for (let place = 0; place < documents.length; place++) {
		const {id} = documents[place]!;
		if (!places.has(id)) places.set(id, place);
	}
	return places;
}

const noResults: SearchResults = {total: 0, results: [], slice: () => [], at: () => undefined};

/**
 * The ranking of the matches, `places[i]` each, by `scores` (higher first, then lower place), made
 * only as far as asked: up to PARTIAL_RANKING by selecting the best few with a heap, beyond it
 * by sorting everything once. Each result is made once, when first asked for.
 */
function rankedResults(
	places: readonly number[],
	scores: Float64Array,
	limit: number,
	makeResult: (index: number) => SearchResult,
): SearchResults {
	const total = places.length;
	/** Indexes into `places`, best first; valid up to `ranked`. */
	let order: Int32Array = new Int32Array(0);
	let ranked = 0;
	const made = new Map<number, SearchResult>();
	const better = (a: number, b: number) =>
		scores[a]! > scores[b]! || (scores[a] === scores[b] && places[a]! < places[b]!);
	const rankUpTo = (count: number) => {
		if (count <= ranked) return;
		if (count <= PARTIAL_RANKING && total > 2 * count) {
			order = selectBest(total, Math.max(count, Math.min(PARTIAL_RANKING, 2 * ranked)), better);
		} else {
			order = Int32Array.from({length: total}, (_, index) => index);
			order.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
		}
		ranked = order.length;
	};
	const at = (rank: number): SearchResult | undefined => {
		if (!(rank >= 0 && rank < total)) return undefined;
		rankUpTo(rank + 1);
		const index = order[rank]!;
		let result = made.get(index);
		if (result === undefined) {
			result = makeResult(index);
			made.set(index, result);
		}
		return result;
	};
	const slice = (from: number, to: number): SearchResult[] => {
		const start = Math.max(0, Math.floor(from));
		const end = Math.min(total, Math.floor(to));
		if (end <= start) return [];
		rankUpTo(end);
		const page: SearchResult[] = [];
		for (let rank = start; rank < end; rank++) page.push(at(rank)!);
		return page;
	};
	let first: SearchResult[] | undefined;
	return {
		total,
		get results() {
			first ??= slice(0, limit);
			return first;
		},
		slice,
		at,
	};
}

/** The best `count` of indexes [0, total) by `better`, best first: a heap of the best so far,
 * its worst on top, so each of the others costs one comparison unless it gets in. */
function selectBest(
	total: number,
	count: number,
	better: (a: number, b: number) => boolean,
): Int32Array {
	const size = Math.min(count, total);
	const heap = new Int32Array(size);
	const siftDown = (from: number) => {
		let at = from;
		for (;;) {
			const left = 2 * at + 1;
			if (left >= size) return;
			const right = left + 1;
			const worse = right < size && better(heap[left]!, heap[right]!) ? right : left;
			if (!better(heap[at]!, heap[worse]!)) return;
			[heap[at], heap[worse]] = [heap[worse]!, heap[at]!];
			at = worse;
		}
	};
	for (let index = 0; index < size; index++) heap[index] = index;
	for (let at = (size >> 1) - 1; at >= 0; at--) siftDown(at);
	for (let index = size; index < total; index++) {
		if (size > 0 && better(index, heap[0]!)) {
			heap[0] = index;
			siftDown(0);
		}
	}
	return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}
