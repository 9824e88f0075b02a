/**
 * Finding versions: documents that are the same article re-published with small edits.
 *
 * Method. Each document's text is split into normalised words (NFKD, lower-case, combining
 * marks dropped, runs of letters and digits, each ideograph a word of its own; see words.ts),
 * so layout, line wrapping, quotes and punctuation do not count. Every run of 5 consecutive
 * words is a shingle, hashed to 32 bits. A 128-bin one-permutation MinHash signature (one hash
 * per shingle; see minhash.ts) summarises the shingle set, and LSH with 64 bands of 2 bins
 * proposes candidate pairs: documents sharing a band. Candidates whose signatures agree on
 * fewer than 20% of bins are dropped; the rest get their exact Jaccard similarity
 * |A ∩ B| / |A ∪ B| over the shingle sets. Pairs at or above the threshold are linked, and
 * each connected component is a group of versions. A group's similarity is the minimum exact
 * Jaccard similarity over all pairs of its members: any two versions in the group share at
 * least that share of their shingles (through a chain of edits, the two ends of a group may be
 * further apart than the threshold). Texts of fewer than 5 words have no shingles and are
 * never grouped.
 *
 * Threshold: 0.4. Measured on the seed articles, 000 and 001 (the same article with a
 * different headline, dateline and footer) score 0.977; every other seed pair, reporting the
 * same events in other words, scores at most 0.0034 (000/002 and 001/002 0.0034, 002/003
 * 0.0031, 000/003 and 001/003 0.0028, any pair with 004 0). On generated articles, versions
 * with a new headline, dateline and footer, re-wrapped lines and one word in 40 edited score
 * 0.42 to 0.82 (one in 20: 0.49 to 0.68; one in 12: 0.35 to 0.58), the bench corpus's planted
 * versions 0.72 to 0.99, and unrelated short articles of which two paragraphs in five are
 * shared boilerplate at most 0.28. LSH proposes a pair at 0.4 with probability 0.99999.
 *
 * Cost: each document is read once when added (a few operations per character) and filed
 * under 64 band keys, so adding a batch costs time proportional to the batch; exact
 * comparisons only happen for the rare candidates. groups() only visits grouped documents.
 *
 * Adding in slices: a job (startAdding) reads its documents a piece of text at a time (about
 * PIECE_CHARACTERS code units), carrying the open word, the last four words (the start of the
 * shingles the next piece completes) and the signature's bins from piece to piece, and sorts
 * and compares shingle sets for the exact similarity a run at a time (see stepwise.ts), so
 * neither one 5 MB article nor a pair of them holds the main thread for a third of a second. A
 * document joins the index, its buckets and its groups only when all of that is done: until
 * then the index answers as if the job had not reached it. (A document that replaces an earlier
 * one of its id takes that one out when the job reaches it, as add does.)
 */
import type {AddingOptions, IndexingJob} from '../indexing.js';
import type {Document} from '../types.js';
import {BandTable} from './band-table.js';
import {Components} from './components.js';
import {BANDS, SignatureBuilder, bandKey, bandKeys, estimatedSimilarity} from './minhash.js';
import {shingleSet, textShingles} from './shingles.js';
import {jaccard} from './similarity.js';
import {lonelyBands, sharingWith, type LonelyBands} from './lonely-bands.js';
import {versionSignature} from './signature.js';
import {jaccardOf, readShingles, sortedSetOf} from './stepwise.js';

/** Exact Jaccard similarity of shingle sets at or above which two documents are versions. */
export const VERSION_THRESHOLD = 0.4;

/** Candidates whose signature estimate falls this far below the threshold skip the exact
 * comparison: with 128 bins (texts of 128 shingles or more) the estimate's standard deviation
 * is at most 0.045, so 0.2 is over four deviations and costs no real pair. */
const ESTIMATE_MARGIN = 0.2;

/** Most members a band bucket keeps (see #enterBuckets). Later documents with that band key
 * are still compared with the members kept, so many copies of one text still group. */
const BUCKET_LIMIT = 32;

/** Characters a job reads between two looks at its deadline: about 0.1 ms of work (~15 ms a
 * megabyte; a few times that while the code is still cold), so a slice overruns its budget by
 * little whatever the size of its documents. */
export const PIECE_CHARACTERS = 8_192;

export type {AddingOptions, IndexingJob} from '../indexing.js';
export {versionSignature};

export interface VersionGroup {
	/** Ids of the versions, in corpus order (the order they were added). */
	documents: string[];
	/** Minimum exact Jaccard similarity of shingle sets over all pairs of members, 0..1; worked
	 * out (every pair compared) when first read. */
	readonly similarity: number;
}

/** A document's signature, and which of its band keys are lonely, as worked out for the batch. */
interface GivenBands {
	/** Undefined: its text has no shingles. */
	readonly bins: Uint32Array | undefined;
	/** Per band, 1 when no other document of the batch has its key (see lonely-bands.ts). */
	readonly lonely: Uint8Array;
}

interface Entry {
	readonly document: Document;
	readonly bins: Uint32Array | undefined;
	removed: boolean;
}

/**
 * A document's signature as versionSignature made it from its text, kept from an earlier run:
 * null when the text has no shingles, undefined when not known (then the text is read).
 */
export type KnownSignature = (document: Document) => Uint32Array | null | undefined;

export interface VersionIndexOptions {
	/** Signatures kept from earlier runs (the store's): a document with one is not read unless
	 * LSH proposes it for an exact comparison. */
	readonly knownSignature?: KnownSignature;
}

export class VersionIndex {
	readonly #knownSignature: KnownSignature | undefined;
	readonly #entries: Entry[] = [];
	readonly #indexById = new Map<string, number>();
	readonly #buckets = new BandTable(BANDS, (entry, band) =>
		bandKey(this.#entries[entry]!.bins!, band),
	);
	/** Sorted shingle sets of the entries that took part in an exact comparison. */
	readonly #sets = new Map<number, Uint32Array>();
	readonly #pairSimilarity = new Map<number, number>();
	readonly #groupSimilarity = new Map<number, number>();
	readonly #components = new Components();
	/** Per entry, the last entry whose candidates included it: de-duplicates candidates without
	 * allocating a set per document. */
	#seen = new Int32Array(0);
	/** The unfinished job, if any: two at once would interleave their documents. */
	#adding: IndexingJob | undefined;

	constructor(options: VersionIndexOptions = {}) {
		this.#knownSignature = options.knownSignature;
	}

	/**
	 * The groups of `documents` added as one batch to an index of their own, as add would make
	 * them, in less time: with nothing added after, a band key no other document has is neither
	 * looked up nor filed (see lonely-bands.ts). Every signature is known first, the kept ones
	 * and the others worked out from the texts; a text is read again only for a comparison.
	 * Profiled in `reading-room versions` at 100,000 documents with kept signatures: grouping
	 * took 2.4 s, 1.1–1.3 s of it looking keys up; now 1.1 s, 0.3 s of it counting the keys.
	 */
	static groupsOfCorpus(
		documents: readonly Document[],
		options: VersionIndexOptions = {},
	): VersionGroup[] {
		const signatures = signaturesOf(documents, options);
		const bands = lonelyBands(signatures);
		const places = documents.map((_, at) => at);
		return VersionIndex.#batch(documents, places, signatures, bands, options).groups();
	}

	/**
	 * The group document `id` is in among `documents`, as groupsOfCorpus finds it; undefined
	 * when it has no other version there (or is not there). Only the documents it can be grouped
	 * with are added (see sharingWith): they are what their groups hold, and their keys' buckets
	 * hold only them, so each one meets the candidates it meets among all the documents.
	 */
	static groupIn(
		documents: readonly Document[],
		id: string,
		options: VersionIndexOptions = {},
	): VersionGroup | undefined {
		const from = documents.findIndex((document) => document.id === id);
		if (from === -1) return undefined;
		// A repeated id replaces the earlier document: which ones were met would matter.
		if (new Set(documents.map((document) => document.id)).size !== documents.length) {
			return VersionIndex.groupsOfCorpus(documents, options).find((group) =>
				group.documents.includes(id),
			);
		}
		const signatures = signaturesOf(documents, options);
		const bands = lonelyBands(signatures);
		const places = sharingWith(from, signatures, bands);
		return VersionIndex.#batch(documents, places, signatures, bands, options).groupOf(id);
	}

	/** An index of the documents at `places` (ascending), added as groupsOfCorpus adds them. */
	static #batch(
		documents: readonly Document[],
		places: readonly number[],
		signatures: readonly (Uint32Array | undefined)[],
		{lonely, shared}: LonelyBands,
		options: VersionIndexOptions,
	): VersionIndex {
		const index = new VersionIndex(options);
		index.#buckets.reserve(Math.min(shared, places.length * BANDS));
		for (const at of places) {
			const steps = index.#addSteps(documents[at]!, Number.POSITIVE_INFINITY, {
				bins: signatures[at],
				lonely: lonely.subarray(at * BANDS, (at + 1) * BANDS),
			});
			while (steps.next().done !== true);
		}
		return index;
	}

	/** Adds a batch of documents; work is proportional to the batch. Adding an id again
	 * replaces the earlier document of that id (unless its text is unchanged). */
	add(documents: readonly Document[]): void {
		// One piece per text: the same work as a job's, without looking at a clock.
		this.startAdding(documents, {pieceCharacters: Number.POSITIVE_INFINITY}).step(() => false);
	}

	/**
	 * Starts adding `documents`, to be done by calls of the job's step, each bounded by its
	 * deadline to about a piece of text (PIECE_CHARACTERS) past it however long the documents.
	 * The result equals add(documents). Only one job may be under way at a time.
	 */
	startAdding(documents: readonly Document[], options: AddingOptions = {}): IndexingJob {
		if (this.#adding !== undefined && !this.#adding.done) {
			throw new Error('VersionIndex: the previous batch is still being added');
		}
		const pieceSize = Math.max(1, options.pieceCharacters ?? PIECE_CHARACTERS);
		const total = documents.length;
		// Room for every band of every document at once, not grown into a document at a time.
		this.#buckets.reserve(total * BANDS);
		let next = 0;
		let adding: Generator<void, void> | undefined;
		const job: IndexingJob = {
			total,
			get completed() {
				return next;
			},
			get done() {
				return next >= total;
			},
			step: (deadline) => {
				while (next < total) {
					adding ??= this.#addSteps(documents[next]!, pieceSize);
					if (adding.next().done === true) {
						adding = undefined;
						next++;
					}
					if (deadline()) break;
				}
				if (next >= total) this.#adding = undefined;
				return next >= total;
			},
		};
		this.#adding = total > 0 ? job : undefined;
		return job;
	}

	/**
	 * The signature the index filed document `id` under, when it holds it with the text of
	 * `hash`: null when that text has no shingles, undefined when not held (so a store writing
	 * the signatures it keeps need not read and shingle the text again).
	 */
	signatureOf(id: string, hash: string): Uint32Array | null | undefined {
		const index = this.#indexById.get(id);
		if (index === undefined) return undefined;
		const entry = this.#entries[index]!;
		if (entry.removed || entry.document.hash !== hash) return undefined;
		return entry.bins ?? null;
	}

	/** Takes the document `id` out (its file was removed); its group is regrouped without it. */
	remove(id: string): void {
		const index = this.#indexById.get(id);
		if (index !== undefined) this.#remove(index);
	}

	/** Every group of two or more versions, ordered by their first member's corpus order. */
	groups(): VersionGroup[] {
		const groups: {first: number; group: VersionGroup}[] = [];
		for (const [root, members] of this.#components.groups()) {
			groups.push({first: members[0]!, group: this.#describe(root, members)});
		}
		return groups.sort((a, b) => a.first - b.first).map(({group}) => group);
	}

	/** The group `id` belongs to, or undefined when it has no other versions. */
	groupOf(id: string): VersionGroup | undefined {
		const index = this.#indexById.get(id);
		if (index === undefined) return undefined;
		const members = this.#components.membersOf(index);
		return members && this.#describe(this.#components.find(index), members);
	}

	/** The most similar other version of `id` (earliest in corpus order on a tie), or undefined
	 * when it has none. */
	closestVersion(id: string): {id: string; similarity: number} | undefined {
		const index = this.#indexById.get(id);
		if (index === undefined) return undefined;
		let closest: {id: string; similarity: number} | undefined;
		for (const member of this.#components.membersOf(index) ?? []) {
			if (member === index) continue;
			const similarity = this.#similarity(index, member);
			if (!closest || similarity > closest.similarity) {
				closest = {id: this.#entries[member]!.document.id, similarity};
			}
		}
		return closest;
	}

	/**
	 * Adds one document, yielding after each bounded unit of work: reads its text, then compares
	 * it exactly with the candidates LSH proposes, then enters it (buckets, groups) all at once.
	 * Run without pausing, it is what add does for the document.
	 */
	*#addSteps(document: Document, pieceSize: number, given?: GivenBands): Generator<void, void> {
		const previous = this.#indexById.get(document.id);
		if (previous !== undefined) {
			if (this.#entries[previous]!.document.text === document.text) return;
			this.#remove(previous);
		}
		const known = given ? (given.bins ?? null) : this.#knownSignature?.(document);
		let parts: Uint32Array[] | undefined;
		let bins: Uint32Array | undefined;
		if (known === undefined) {
			const builder = new SignatureBuilder();
			parts = yield* readShingles(yield* textOf(document), pieceSize, builder);
			bins = builder.finish();
		} else bins = known ?? undefined;
		const index = this.#entries.length;
		// A document none of whose keys another has neither finds nor files anything.
		const keys = bins && given?.lonely.indexOf(0) !== -1 ? bandKeys(bins) : undefined;
		/** Candidates found to be versions, joined when the document is entered. */
		const versions: number[] = [];
		const similarities: [number, number][] = [];
		let set: Uint32Array | undefined;
		if (bins && keys) {
			/** Components already joined: a candidate in one of them needs no comparison. */
			const joined = new Set<number>();
			for (const candidate of this.#candidates(index, keys, given?.lonely)) {
				const root = this.#components.find(candidate);
				if (joined.has(root)) continue;
				const estimate = estimatedSimilarity(bins, this.#entries[candidate]!.bins!);
				if (estimate < VERSION_THRESHOLD - ESTIMATE_MARGIN) continue;
				// A known signature spared reading the text: it is read now, for the comparison.
				parts ??= yield* readShingles(yield* textOf(document), pieceSize);
				set ??= yield* sortedSetOf(parts);
				const other = yield* this.#setSteps(candidate, pieceSize);
				const similarity = yield* jaccardOf(set, other);
				similarities.push([candidate, similarity]);
				if (similarity >= VERSION_THRESHOLD) {
					joined.add(root);
					versions.push(candidate);
				}
			}
		}

		this.#entries.push({document, bins, removed: false});
		this.#indexById.set(document.id, index);
		this.#components.reset(index);
		if (set) this.#sets.set(index, set);
		for (const [candidate, similarity] of similarities) {
			this.#pairSimilarity.set(pairKey(index, candidate), similarity);
		}
		keys?.forEach((key, band) => {
			if (given?.lonely[band] !== 1) this.#buckets.file(band, key, index, BUCKET_LIMIT);
		});
		for (const candidate of versions) this.#join(index, candidate);
	}

	/** The live entries filed under `keys`, each once, for the entry `index` about to be filed
	 * there. A bucket stops taking members at BUCKET_LIMIT: only bands that very many documents
	 * share, such as bins won by a boilerplate sentence, fill up, and a real pair shares many
	 * other bands. */
	#candidates(index: number, keys: Uint32Array, lonely: Uint8Array | undefined): number[] {
		const found: number[] = [];
		keys.forEach((key, band) => {
			if (lonely?.[band] !== 1) this.#buckets.collect(band, key, found);
		});
		if (this.#seen.length <= index) {
			const grown = new Int32Array(Math.max(1024, index * 2)).fill(-1);
			grown.set(this.#seen);
			this.#seen = grown;
		}
		const candidates: number[] = [];
		for (const other of found) {
			if (this.#seen[other] === index || this.#entries[other]!.removed) continue;
			this.#seen[other] = index;
			candidates.push(other);
		}
		return candidates;
	}

	/** Like #setOf, a piece of text or a run of the sort per step. */
	*#setSteps(index: number, pieceSize: number): Generator<void, Uint32Array> {
		let set = this.#sets.get(index);
		if (!set) {
			const text = yield* textOf(this.#entries[index]!.document);
			set = yield* sortedSetOf(yield* readShingles(text, pieceSize));
			this.#sets.set(index, set);
		}
		return set;
	}

	#join(a: number, b: number): void {
		this.#groupSimilarity.delete(this.#components.find(a));
		this.#groupSimilarity.delete(this.#components.find(b));
		this.#components.union(a, b);
	}

	/** Takes an entry out and regroups its former group without it. Its bucket slots stay
	 * behind, marked removed, and are skipped. */
	#remove(index: number): void {
		const entry = this.#entries[index]!;
		entry.removed = true;
		this.#indexById.delete(entry.document.id);
		this.#sets.delete(index);
		this.#groupSimilarity.delete(this.#components.find(index));
		const others = this.#components.dissolve(index).filter((member) => member !== index);
		for (let i = 0; i < others.length; i++) {
			for (let j = i + 1; j < others.length; j++) {
				const a = others[i]!;
				const b = others[j]!;
				if (this.#components.find(a) === this.#components.find(b)) continue;
				if (this.#similarity(a, b) >= VERSION_THRESHOLD) this.#join(a, b);
			}
		}
	}

	/** A group's ids, and its similarity worked out only when read: it compares every pair of
	 * members, and the library asks a group's size for every row it draws (a folder of 3,000
	 * versions of one text held a frame for 17 s working out what no row shows). */
	#describe(root: number, members: readonly number[]): VersionGroup {
		const similarityOf = () => this.#similarityOfGroup(root, members);
		return {
			documents: members.map((member) => this.#entries[member]!.document.id),
			get similarity() {
				return similarityOf();
			},
		};
	}

	#similarityOfGroup(root: number, members: readonly number[]): number {
		let similarity = this.#groupSimilarity.get(root);
		if (similarity === undefined) {
			similarity = 1;
			for (let i = 0; i < members.length; i++) {
				for (let j = i + 1; j < members.length; j++) {
					similarity = Math.min(similarity, this.#similarity(members[i]!, members[j]!));
				}
			}
			this.#groupSimilarity.set(root, similarity);
		}
		return similarity;
	}

	#similarity(a: number, b: number): number {
		const key = pairKey(a, b);
		let similarity = this.#pairSimilarity.get(key);
		if (similarity === undefined) {
			similarity = jaccard(this.#setOf(a), this.#setOf(b));
			this.#pairSimilarity.set(key, similarity);
		}
		return similarity;
	}

	/** The entry's sorted shingle set, recomputed from its text the first time it is needed:
	 * most documents are never compared exactly, so keeping every set would waste memory. */
	#setOf(index: number): Uint32Array {
		let set = this.#sets.get(index);
		if (!set) {
			set = shingleSet(textShingles(this.#entries[index]!.document.text));
			this.#sets.set(index, set);
		}
		return set;
	}
}

/** A document's text, in a step of its own: a stored document's is read back from the store
 * when asked for (35–100 ms for 4 MB), so it is not also the first piece of reading it. */
function* textOf(document: Document): Generator<void, string> {
	const text = document.text;
	yield;
	return text;
}

function pairKey(a: number, b: number): number {
	return a < b ? a * 0x4000000 + b : b * 0x4000000 + a;
}

/** The signatures of `documents`: kept, or else worked out from their texts. */
function signaturesOf(
	documents: readonly Document[],
	options: VersionIndexOptions,
): (Uint32Array | undefined)[] {
	return documents.map((document) => {
		const known = options.knownSignature?.(document);
		return known === undefined ? versionSignature(document.text) : (known ?? undefined);
	});
}

/** Groups a whole corpus at once: the groups add gives (see VersionIndex.groupsOfCorpus). */
export function findVersions(
	documents: readonly Document[],
	options: VersionIndexOptions = {},
): VersionGroup[] {
	return VersionIndex.groupsOfCorpus(documents, options);
}

/** The group of versions document `id` is in among `documents`, as findVersions finds it, or
 * undefined (see VersionIndex.groupIn). */
export function findVersionsOf(
	documents: readonly Document[],
	id: string,
	options: VersionIndexOptions = {},
): VersionGroup | undefined {
	return VersionIndex.groupIn(documents, id, options);
}
