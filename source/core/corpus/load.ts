import {setImmediate as nextTurn} from 'node:timers/promises';
import type {Document, SkippedFile} from '../types.js';
import {decodeBytes} from './decode.js';
import {parseDocument} from './document.js';
import {isMarkdownPath, loadMarkdownRenderer, type RenderMarkdown} from '../markdown/load.js';
import {looksLikeMarkdown} from '../markdown/detect.js';
import {BOTH_ENDS_FROM, statOf, StatsFromBothEnds} from './both-ends.js';
import {workerPaths} from './files-worker.js';
import {FilesReadAhead, READ_AHEAD_FROM} from './read-ahead.js';
import {scanFolder} from './scan.js';
import {scanOfNames, scanRecord, vouchedNames} from './kept-scan.js';
import {
	describeRead,
	type FileRead,
	isGone,
	QuickReads,
	readBytes,
	TooLargeError,
} from './read-file.js';
import type {FoundFile} from './scan.js';
import type {CorpusStore} from '../store/types.js';
import {sameStamp} from '../store/stamp.js';

export interface CorpusBatch {
	/** Documents loaded since the previous batch, in scan order. */
	readonly documents: Document[];
	/** Files skipped since the previous batch. */
	readonly skipped: SkippedFile[];
	/** Files handled so far (documents, skipped files, and files listed as stored while they
	 * wait to be read again), out of `total`. */
	readonly loaded: number;
	/** Files the scan found. */
	readonly total: number;
	readonly done: boolean;
	/** With refreshLater: ids of `documents` listed as stored while their changed files wait
	 * to be read again. */
	readonly refreshing?: readonly string[];
	/** With refreshLater: files read again, each to take the place of the document listed for
	 * it; one that can no longer be read is in `skipped` instead. */
	readonly refreshed?: readonly Document[];
	/** With refreshLater: ids of documents listed as stored whose files are gone since the
	 * scan: they leave the list, as a removed file does. */
	readonly removed?: readonly string[];
	/** With refreshLater: how many of the documents listed so far are listed as stored before
	 * their files were compared with it (see LoadOptions.refreshLater); 0 once all were. */
	readonly unchecked?: number;
}

export interface LoadOptions {
	/** Stops loading: the generator then ends without a further batch. */
	readonly signal?: AbortSignal;
	/** Roughly how many bytes of files go into one batch. */
	readonly batchBytes?: number;
	/** The first batch with documents ends once it holds this many (or `batchBytes`): as many
	 * as the first screen shows, which then need not wait for a whole batch. */
	readonly firstBatchDocuments?: number;
	/** What earlier runs learnt: files whose size and modification time are unchanged come from
	 * it without being read; the others are read and saved to it; removed ones are dropped. */
	readonly store?: CorpusStore;
	/**
	 * The files the store knows are listed at once as stored, before any is compared with it
	 * (batch.unchecked; from the first file to the first one it does not know, or a Markdown
	 * file, so the list keeps the scan's order), and then compared; a changed one is marked
	 * (batch.refreshing) and read again after every other file (batch.refreshed), so a screen
	 * shows the whole folder at once. Without it (the commands) every file is compared before
	 * it is listed, and a changed one read in its place, so nothing listed is stale.
	 */
	readonly refreshLater?: boolean;
	/** With refreshLater, files listed as stored, or compared with the store, between two turns
	 * of the event loop; LISTED_PER_BATCH when undefined (tests make it smaller). */
	readonly listedPerBatch?: number;
	/** With a store, from this many files a worker stats them from the last one back while the
	 * loader goes from the first (see both-ends.ts). */
	readonly bothEndsFrom?: number;
	/** For tests: the loader waits for that worker to end first, so it takes every stat the
	 * worker took. */
	readonly bothEndsFirst?: boolean;
	/** With a store that holds nothing yet (a first run), from this many files a worker reads
	 * them just ahead of the loader (see read-ahead.ts). */
	readonly readAheadFrom?: number;
	/** For tests: how long before the scan each folder must have changed for the scan to be
	 * kept (see core/corpus/kept-scan.ts); SETTLE_MS when undefined. */
	readonly settleMs?: number;
}

/** About 5 ms of decoding and parsing on a slow machine: a keypress waits for one batch unseen. */
export const DEFAULT_BATCH_BYTES = 256 * 1024;
/** A tall terminal's screenful. Sized in documents, not bytes: a first screen needs so many
 * rows, and a smaller first batch would only make it wait for a second, full one. */
export const FIRST_BATCH_DOCUMENTS = 64;
/** What a file counts towards a batch at the least, in bytes. */
const MIN_FILE_COST = 512;
/** What a file the store knew, unchanged, counts towards a batch: one stat and no parsing, so
 * 8,192 of them make a batch (a few milliseconds), and a folder read before comes in one go. */
const STORED_FILE_COST = 32;
/** Files listed as stored, or compared with the store, between two turns of the event loop
 * (with refreshLater): as many as a batch of stored files above. */
export const LISTED_PER_BATCH = 8192;
/** Files being read at once: keeps the disk busy while the CPU parses, without hoarding memory. */
const READ_AHEAD = 32;
/** Slots of the loader's ring of reads under way: more than READ_AHEAD. */
const READ_RING = 64;
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

/**
 * Loads the articles under `folder` bit by bit, so a UI can show the library at once and fill it
 * in. The first batch comes straight after the scan: no documents yet, but `total` and the
 * scan's skipped files. Then batches of about `batchBytes` (the first may be smaller, see
 * `firstBatchDocuments`), in scan order, with a turn of the event loop between them so keystrokes
 * get handled; files over MAX_FILE_BYTES are skipped as 'too large' in the batch where they
 * fall, without being read. The last batch has `done: true`.
 * Rejects like scanFolder when the folder is missing.
 */
export async function* loadCorpus(
	folder: string,
	options: LoadOptions = {},
): AsyncGenerator<CorpusBatch> {
	const {signal, batchBytes = DEFAULT_BATCH_BYTES, store} = options;
	const later = options.refreshLater === true;
	let firstBatchDocuments = options.firstBatchDocuments ?? FIRST_BATCH_DOCUMENTS;
	const startedAt = Date.now();
	// The names as the last scan found them, while no folder it walked has changed.
	const keeper = store?.scanKeeper;
	const record = keeper?.read();
	const vouched = record === undefined ? undefined : vouchedNames(folder, record);
	const bothEndsFrom = options.bothEndsFrom ?? BOTH_ENDS_FROM;
	// Stating from the last file back while the names are made into the loader's files.
	let bothEnds =
		store && vouched && vouched.paths.count >= bothEndsFrom
			? StatsFromBothEnds.start(vouched.paths)
			: undefined;
	const kept = vouched && scanOfNames(vouched);
	if (vouched && !kept) {
		bothEnds?.stop();
		bothEnds = undefined;
	}
	const scan = kept ?? (await scanFolder(folder));
	if (signal?.aborted) {
		bothEnds?.stop();
		return;
	}
	// Let go of at the end (see finally): the screen keeps the finished generator, and with it
	// what its closures hold, 20 MB of found files at 100,000.
	let files = scan.files;
	const total = files.length;
	let markdown = await markdownFor(files);
	if (signal?.aborted) {
		bothEnds?.stop();
		return;
	}

	const budget = new ReadBudget(READ_AHEAD_BYTES);
	const quick = new QuickReads();
	const refreshBudget = new ReadBudget(READ_AHEAD_BYTES);
	if (bothEnds === undefined && store && total >= bothEndsFrom) {
		bothEnds = StatsFromBothEnds.start(scan.paths ?? workerPaths(files));
	}
	if (bothEnds && options.bothEndsFirst) await bothEnds.ended;
	// A first run reads every file: a worker reads them just ahead, so the system has them cached.
	// (A store opened with deferRows reads its rows here, while the worker above stats.)
	const filesAhead =
		store && store.storedCount() === 0 && total >= (options.readAheadFrom ?? READ_AHEAD_FROM)
			? FilesReadAhead.start(scan.paths ?? workerPaths(files))
			: undefined;
	// A file the store knows unchanged is its document at once, not a promise of it: awaiting
	// 10,000 of them cost a command more than the stats that found them. Kept by index in a
	// ring (at most READ_AHEAD at once), not a map: three map operations a file were about a
	// tenth of a second start's listing loop at 100,000.
	const reads: (Read | Promise<Read> | undefined)[] = new Array(READ_RING).fill(undefined);
	let nextRead = 0;
	const readAhead = (current: number): void => {
		filesAhead?.loaderAt(current);
		while (nextRead < total && nextRead - current < READ_AHEAD) {
			const index = nextRead++;
			const file = files[index]!;
			reads[index % READ_RING] = store
				? readUnlessStored(file, store, {budget, index, later, bothEnds, quick})
				: readBytes(file.rawPath ?? file.path, (size) => budget.reserve(index, size));
		}
	};

	try {
		/** Documents the store held before any was saved, and how many of the files so far were
		 * among them: when every one was, none is to be dropped (see the last batch). */
		const heldBefore = store?.storedCount() ?? 0;
		let seenStored = 0;
		/** With refreshLater, the files the store knows are listed before they are compared
		 * (when the first is one of them). */
		const listFirst =
			later &&
			store !== undefined &&
			heldBefore > 0 &&
			total > 0 &&
			listedAsStored(files[0]!, store) !== undefined;
		// Reading starts before the scan's batch is handed over: the disk works while the UI
		// draws it. (Listing first, from the first file the store does not list.)
		if (!listFirst) readAhead(0);
		if (total === 0) store?.retainOnly(new Set());
		/** The scan kept for the next start, once a screenful of documents is handed over (the
		 * first frame's: it is painted before the loader is asked again), or with the last batch
		 * of the listing: at 100,000 files the record (3 MB, and its names' digest) took 65–90 ms,
		 * which a first run's first frame had waited for. */
		let scanToKeep = keeper !== undefined && kept === undefined;
		const keepScan = () => {
			if (!scanToKeep) return;
			scanToKeep = false;
			const next = scanRecord(folder, scan, startedAt, options.settleMs);
			if (next !== undefined || record !== undefined) keeper!.keep(next);
		};
		const screenful = firstBatchDocuments;
		let handedOver = 0;
		const handOver = (batch: readonly Document[]) => {
			handedOver += batch.length;
			if (handedOver >= screenful) keepScan();
		};
		if (total === 0) keepScan();
		yield {documents: [], skipped: scan.skipped, loaded: 0, total, done: total === 0};

		let documents: Document[] = [];
		let skipped: SkippedFile[] = [];
		let refreshing: string[] = [];
		/** Files that are not documents (now): the store forgets them, so a file that became
		 * binary is not listed from it again. */
		const notDocuments = new Set<string>();
		/** Files listed as stored, to be read again once every file is listed. */
		const deferred: FoundFile[] = [];
		/** Files listed as stored before they were compared: a run from the first one, up to the
		 * first the store does not know (new, or not a document when last read) or a Markdown
		 * file (whose blocks are not stored), so the documents listed after them keep the scan's
		 * order. */
		let listedFirst = 0;
		if (store && listFirst) {
			const listedPerBatch = options.listedPerBatch ?? LISTED_PER_BATCH;
			// Many at a time: a first frame that shows them all is better than one that fills in.
			for (let stopped = false; !stopped && listedFirst < total;) {
				const end = Math.min(total, listedFirst + listedPerBatch);
				while (listedFirst < end) {
					const file = files[listedFirst]!;
					const document = listedAsStored(file, store);
					if (document === undefined) break;
					documents.push(document);
					listedFirst++;
				}
				stopped = listedFirst < end;
				if (documents.length === 0) break;
				yield {
					documents,
					skipped: [],
					loaded: listedFirst,
					total,
					done: false,
					unchecked: listedFirst,
				};
				handOver(documents);
				documents = [];
				await nextTurn();
				if (signal?.aborted) return;
			}
			// The first screen is filled by those listed, or by as many read after them.
			firstBatchDocuments =
				listedFirst >= firstBatchDocuments ? Infinity : firstBatchDocuments - listedFirst;
			// Then compared with the store: a file changed (or gone) is marked and read again.
			for (let index = 0; index < listedFirst; index++) {
				const file = files[index]!;
				const path = file.rawPath ?? file.path;
				const stats = bothEnds ? bothEnds.of(index, path) : statOf(path);
				const stamp = store.stampOf(file.id);
				seenStored++;
				if (stats?.isFile() !== true || stamp === undefined || !sameStamp(stamp, stats)) {
					refreshing.push(file.id);
					deferred.push(file);
				}
				const checked = index + 1;
				if (checked % listedPerBatch !== 0 && checked < listedFirst) continue;
				const last = checked === total;
				if (last && seenStored !== heldBefore) store.retainOnly(documentIds(files, notDocuments));
				const done = last && deferred.length === 0;
				if (last) keepScan();
				yield {
					documents: [],
					skipped: [],
					loaded: listedFirst,
					total,
					done,
					unchecked: listedFirst - checked,
					...(refreshing.length > 0 ? {refreshing} : {}),
				};
				refreshing = [];
				if (!done) {
					await nextTurn();
					if (signal?.aborted) return;
				}
			}
			// The files listed are handed over: the next one read is the one the budget must let
			// through whatever its size.
			if (listedFirst > 0) budget.done(listedFirst - 1);
			// Only now: the stats of the files read next would stop the worker, which stats from
			// the last file back, before it came to those listed.
			nextRead = listedFirst;
			readAhead(listedFirst);
		}
		let bytesInBatch = 0;
		let documentsRead = 0;
		for (let index = listedFirst; index < total; index++) {
			const file = files[index]!;
			const pending = reads[index % READ_RING]!;
			const read = pending instanceof Promise ? await pending : pending;
			reads[index % READ_RING] = undefined;
			budget.done(index);
			readAhead(index + 1);
			if (signal?.aborted) return;

			if (!(read instanceof Error) && 'stale' in read) {
				seenStored++;
				documents.push(read.stale);
				refreshing.push(file.id);
				deferred.push(file);
				bytesInBatch += STORED_FILE_COST;
			} else if (!(read instanceof Error) && 'stored' in read) {
				seenStored++;
				documents.push(read.stored);
				bytesInBatch += STORED_FILE_COST;
			} else {
				// Changed since it was stored (asked before it is saved again), or new.
				if (store?.stampOf(file.id) !== undefined) seenStored++;
				const made = await documentFrom(file, read, markdown, store);
				const result = made.result;
				markdown = made.markdown;
				if ('reason' in result) {
					skipped.push(result);
					notDocuments.add(result.id);
				} else documents.push(result);
				// Bytes actually read, but every file costs a few system calls: a run of empty or
				// skipped files still comes in batches, with progress and turns between them.
				bytesInBatch += Math.max(read instanceof Error ? 0 : read.bytes.length, MIN_FILE_COST);
				if (!('reason' in result)) documentsRead++;
			}

			const last = index === total - 1;
			// Only documents read count towards the first batch's size: stored ones cost little,
			// and a screen that shows them all at once is better than one that fills in.
			if (bytesInBatch >= batchBytes || documentsRead >= firstBatchDocuments || last) {
				if (store) {
					// Every document the store held is among the files, and none of them turned out
					// not to be one: nothing to drop, and no set of every id (at 100,000 files the
					// set and the store's pass over it were about 25 ms of a second start).
					if (last && (seenStored !== heldBefore || notDocuments.size > 0)) {
						store.retainOnly(documentIds(files, notDocuments));
					}
					store.flush();
				}
				const done = last && deferred.length === 0;
				if (last) keepScan();
				yield {
					documents,
					skipped,
					loaded: index + 1,
					total,
					done,
					...(refreshing.length > 0 ? {refreshing} : {}),
				};
				if (documents.length > 0) firstBatchDocuments = Infinity;
				handOver(documents);
				documentsRead = 0;
				documents = [];
				skipped = [];
				refreshing = [];
				bytesInBatch = 0;
				if (!done) {
					// Reads that are already done resolve as microtasks, which would starve input.
					await nextTurn();
					if (signal?.aborted) return;
				}
			}
		}
		if (deferred.length > 0) {
			const context = {markdown, store, signal, batchBytes, total, notDocuments};
			yield* refreshDeferred(deferred, files, context, refreshBudget);
		}
	} finally {
		// Reads waiting for room give up and close their files; those under way finish unused.
		budget.cancel();
		refreshBudget.cancel();
		bothEnds?.stop();
		filesAhead?.stop();
		files = [];
	}
}

/** `file`'s document as stored, to be listed before it is compared: undefined when the store
 * does not know it, or it is Markdown (whose blocks are not stored: it is always read). */
function listedAsStored(file: FoundFile, store: CorpusStore): Document | undefined {
	return isMarkdownFile(file) ? undefined : store.stored(file);
}

function documentIds(files: readonly FoundFile[], notDocuments: ReadonlySet<string>): Set<string> {
	const ids = new Set<string>();
	for (const file of files) if (!notDocuments.has(file.id)) ids.add(file.id);
	return ids;
}

/** The files listed as stored while changed, read again in order (as loadCorpus reads) and
 * handed over as batch.refreshed; the last batch is done. */
async function* refreshDeferred(
	files: readonly FoundFile[],
	all: readonly FoundFile[],
	context: {
		markdown: RenderMarkdown | undefined;
		readonly store: CorpusStore | undefined;
		readonly signal: AbortSignal | undefined;
		readonly batchBytes: number;
		readonly total: number;
		readonly notDocuments: Set<string>;
	},
	budget: ReadBudget,
): AsyncGenerator<CorpusBatch> {
	const {store, signal, batchBytes, total} = context;
	const reads = new Map<number, Promise<FileRead>>();
	let nextRead = 0;
	const readAhead = (current: number): void => {
		while (nextRead < files.length && nextRead - current < READ_AHEAD) {
			const index = nextRead++;
			const file = files[index]!;
			reads.set(
				index,
				readBytes(file.rawPath ?? file.path, (size) => budget.reserve(index, size)),
			);
		}
	};
	readAhead(0);
	const knownNotDocuments = context.notDocuments.size;
	let refreshed: Document[] = [];
	let skipped: SkippedFile[] = [];
	let removed: string[] = [];
	let bytesInBatch = 0;
	for (let index = 0; index < files.length; index++) {
		const read = await reads.get(index)!;
		reads.delete(index);
		budget.done(index);
		readAhead(index + 1);
		if (signal?.aborted) return;
		const {id} = files[index]!;
		if (read instanceof Error && isGone(read)) {
			// Listed, and gone since the scan: removed, not a file that cannot be read.
			removed.push(id);
			context.notDocuments.add(id);
		} else {
			const made = await documentFrom(files[index]!, read, context.markdown, store);
			context.markdown = made.markdown;
			if ('reason' in made.result) {
				skipped.push(made.result);
				context.notDocuments.add(id);
			} else refreshed.push(made.result);
		}
		bytesInBatch += Math.max(read instanceof Error ? 0 : read.bytes.length, MIN_FILE_COST);
		const last = index === files.length - 1;
		if (bytesInBatch >= batchBytes || last) {
			if (last && context.notDocuments.size > knownNotDocuments)
				store?.retainOnly(documentIds(all, context.notDocuments));
			store?.flush();
			yield {
				documents: [],
				skipped,
				refreshed,
				loaded: total,
				total,
				done: last,
				...(removed.length > 0 ? {removed} : {}),
			};
			refreshed = [];
			skipped = [];
			removed = [];
			bytesInBatch = 0;
			if (!last) {
				await nextTurn();
				if (signal?.aborted) return;
			}
		}
	}
}

/**
 * Bounds the bytes read ahead of parsing (files may be up to 64 MB each). A read asks for room
 * once it knows the file's size; the file the loader waits for next always gets it, so one
 * file larger than the whole budget still loads and the loader never waits on itself.
 */
class ReadBudget {
	private held = 0;
	private current = 0;
	private readonly reserved = new Map<number, number>();
	private readonly waiting = new Map<number, {bytes: number; start: (go: boolean) => void}>();

	constructor(private readonly limit: number) {}

	/** Resolves true when file `index` may read `bytes`, false when loading stopped first. */
	reserve(index: number, bytes: number): Promise<boolean> {
		if (!this.fits(index, bytes)) {
			return new Promise((start) => this.waiting.set(index, {bytes, start}));
		}
		this.take(index, bytes);
		return Promise.resolve(true);
	}

	/** File `index` was handed over for parsing: its room is free, and the next file is the
	 * one the loader waits for. */
	done(index: number): void {
		// A file the store knew was never given room: nothing to look up.
		if (this.reserved.size > 0) {
			this.held -= this.reserved.get(index) ?? 0;
			this.reserved.delete(index);
		}
		this.current = index + 1;
		if (this.waiting.size === 0) return;
		// In file order, so a large file is not overtaken for ever by smaller ones behind it.
		for (const waiting of [...this.waiting.keys()].sort((a, b) => a - b)) {
			const {bytes, start} = this.waiting.get(waiting)!;
			if (!this.fits(waiting, bytes)) break;
			this.waiting.delete(waiting);
			this.take(waiting, bytes);
			start(true);
		}
	}

	cancel(): void {
		for (const {start} of this.waiting.values()) start(false);
		this.waiting.clear();
	}

	private fits(index: number, bytes: number): boolean {
		return index === this.current || this.held + bytes <= this.limit;
	}

	private take(index: number, bytes: number): void {
		this.held += bytes;
		this.reserved.set(index, bytes);
	}
}

/** What the loader makes of one file's Read, saved to `store` when it was read; `markdown` is
 * the renderer when loaded (the first text file that is clearly Markdown loads it). */
async function documentFrom(
	file: FoundFile,
	read: FileRead | {readonly stored: Document},
	markdown: RenderMarkdown | undefined,
	store: CorpusStore | undefined,
): Promise<{result: Document | SkippedFile; markdown: RenderMarkdown | undefined}> {
	if (read instanceof Error) return {result: unreadable(file, read), markdown};
	if ('stored' in read) return {result: read.stored, markdown};
	let result = toDocument(file, read.bytes, markdown);
	if (!markdown && needsMarkdown(result)) {
		markdown = await loadMarkdownRenderer();
		result = toDocument(file, read.bytes, markdown);
	}
	// A text file read as Markdown is not stored: the store would give it back as plain
	// text, and only reading it tells it is Markdown, so it is read every time.
	const textAsMarkdown =
		!isSkipped(result) && result.markdown !== undefined && !isMarkdownFile(file);
	if (store && !isSkipped(result) && !textAsMarkdown) {
		const saved = store.save(result, read.stamp);
		// A stored document keeps no Markdown blocks: a Markdown file keeps the document
		// just read (it is saved all the same, so the term index can narrow to it).
		if (result.markdown === undefined) result = saved;
	}
	return {result, markdown};
}

/**
 * Refreshes one file as the loader does at start (the live folder's events): the stored
 * document when the file is as stored, else the file read and saved, so the next start lists
 * it without reading it. Without a store, the file is read.
 */
export async function refreshFile(
	found: FoundFile,
	store: CorpusStore | undefined,
): Promise<Document | SkippedFile> {
	if (store === undefined) return loadFile(found);
	const read = await readUnlessStored(found, store);
	const markdown =
		read instanceof Error || 'stored' in read ? undefined : await markdownFor([found]);
	const {result} = await documentFrom(found, read, markdown, store);
	store.flush();
	return result;
}

/** Reads, decodes and parses one file; a binary, unreadable or too large file comes back as a
 * SkippedFile. */
export async function loadFile(found: FoundFile): Promise<Document | SkippedFile> {
	const read = await readBytes(found.rawPath ?? found.path, () => Promise.resolve(true));
	if (read instanceof Error) return unreadable(found, read);
	const markdown = await markdownFor([found]);
	const result = toDocument(found, read.bytes, markdown);
	return !markdown && needsMarkdown(result)
		? toDocument(found, read.bytes, await loadMarkdownRenderer())
		: result;
}

/** A text file read as plain that is clearly Markdown (core/markdown/detect). */
function needsMarkdown(result: Document | SkippedFile): boolean {
	return !isSkipped(result) && result.markdown === undefined && looksLikeMarkdown(result.text);
}

/** A file's bytes and the size and modification time they were read at; or, from a store, the
 * document it already knows; or what went wrong. */
type Read = FileRead | {readonly stored: Document} | {readonly stale: Document};

/** The stored document when the file's size and modification time are as stored; else, with
 * `later`, the document as stored, marked stale, to be read again later (both given at once);
 * else a promise of the file read (one stat for an unchanged file; an open, fstat and read for a
 * changed one), which never rejects. */
function readUnlessStored(
	file: FoundFile,
	store: CorpusStore,
): {readonly stored: Document} | Promise<FileRead>;
function readUnlessStored(
	file: FoundFile,
	store: CorpusStore,
	loader: LoaderPlace,
): Read | Promise<Read>;
function readUnlessStored(
	file: FoundFile,
	store: CorpusStore,
	loader?: LoaderPlace,
): Read | Promise<Read> {
	const path = file.rawPath ?? file.path;
	// Synchronous: a stat takes microseconds, and a callback and a promise per file cost more
	// than the call (10,000 files: several times more). The loader still yields between batches.
	// Not there, or unreadable: reading it says why.
	const stats = loader?.bothEnds ? loader.bothEnds.of(loader.index, path) : statOf(path);
	// A Markdown file is always read: its blocks are not stored (see loadCorpus).
	const known = stats?.isFile() === true && !isMarkdownFile(file);
	const stored = known
		? store.unchanged(file, {size: stats.size, mtimeMs: stats.mtimeMs})
		: undefined;
	if (stored) return {stored};
	const stale = known && loader?.later === true ? store.stored(file) : undefined;
	if (stale) return {stale};
	if (loader && stats?.isFile() && loader.quick.takes(stats.size)) {
		const read = loader.quick.read(path);
		if (read !== undefined) return read;
	}
	// Room is asked for only now: a file the store knows costs no closure.
	return readBytes(
		path,
		loader ? (size) => loader.budget.reserve(loader.index, size) : () => Promise.resolve(true),
	);
}

/** Where the loader is (readUnlessStored): its read budget, the file's place, whether changed
 * files wait (refreshLater), the stats taken from both ends, when they are, and whether small
 * files are still read on the main thread (see QuickReads). */
interface LoaderPlace {
	readonly budget: ReadBudget;
	readonly index: number;
	readonly later: boolean;
	readonly bothEnds: StatsFromBothEnds | undefined;
	readonly quick: QuickReads;
}

/** Everything under `folder` at once, for commands that need the whole corpus before output. */
export async function loadAll(
	folder: string,
	options: LoadOptions = {},
): Promise<{documents: Document[]; skipped: SkippedFile[]}> {
	const documents: Document[] = [];
	const skipped: SkippedFile[] = [];
	for await (const batch of loadCorpus(folder, options)) {
		// One by one: spread, a batch of 8,192 stored documents went as that many arguments
		// (about 30 ms of a second start's listing at 100,000 documents).
		for (const document of batch.documents) documents.push(document);
		for (const file of batch.skipped) skipped.push(file);
	}
	return {documents, skipped};
}

export function isSkipped(result: Document | SkippedFile): result is SkippedFile {
	return 'reason' in result;
}

/** The Markdown renderer when any of `files` is Markdown (loaded on demand), else undefined. */
async function markdownFor(files: readonly FoundFile[]): Promise<RenderMarkdown | undefined> {
	return files.some(isMarkdownFile) ? loadMarkdownRenderer() : undefined;
}

/**
 * Whether `file` is Markdown by its name: told by its id when that ends its path (a kept
 * scan's file, see FoundFile.inFolder), else by its path (an id may end otherwise: " (2)",
 * or a name given to `show` as `notes.md/`). A path made of a folder's and a file's names is
 * joined into one string by the first test of it: at a second start at 100,000 files, 40–50 ms
 * of the main thread for paths it would not otherwise join (the worker stats most of them).
 */
function isMarkdownFile(file: FoundFile): boolean {
	return isMarkdownPath(file.inFolder === undefined ? file.path : file.id);
}

function toDocument(
	found: FoundFile,
	bytes: Uint8Array,
	markdown: RenderMarkdown | undefined,
): Document | SkippedFile {
	const decoded = decodeBytes(bytes);
	if (decoded.kind === 'binary') return {id: found.id, reason: 'binary'};
	const input = {
		id: found.id,
		path: found.path,
		rawPath: found.rawPath,
		bytes: bytes.length,
		text: decoded.text,
		encoding: decoded.encoding,
	};
	return markdown && (isMarkdownFile(found) || looksLikeMarkdown(decoded.text))
		? parseDocument({...input, markdown})
		: parseDocument(input);
}

function unreadable(found: FoundFile, error: Error): SkippedFile {
	const reason = error instanceof TooLargeError ? 'too large' : 'unreadable';
	return {id: found.id, reason, detail: describeRead(error)};
}
