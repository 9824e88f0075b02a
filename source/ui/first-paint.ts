import {loadCorpus, type CorpusBatch} from '../core/corpus/load.js';
import {libraryFrame} from '../core/library/frame.js';
import type {CorpusStore} from '../core/store/types.js';
import type {OpenedSnapshot} from '../core/search/snapshot.js';
import {initialLibraryState} from '../core/library/state.js';
import {roleLook, sgr} from '../core/styles.js';
import type {StyledLine} from '../core/types.js';
import {
	emptyCorpus,
	listedWhole,
	withBatch,
	withError,
	type CorpusState,
} from '../core/corpus/state.js';
// From core, not ./too-small.js: that one imports Ink, which this module exists to go without.
import {isTooSmall} from '../core/screen.js';

export interface FirstPaint {
	/** The loader, part way through: the app goes on with it rather than starting again. */
	readonly batches: AsyncGenerator<CorpusBatch>;
	readonly corpus: CorpusState;
	/** The store the loader reads through, for searching before the in-memory index is built. */
	readonly store?: CorpusStore | undefined;
	/** Its kept search index's file, being checked since the first screen was painted. */
	readonly searchSnapshot?: Promise<OpenedSnapshot | undefined>;
}

/** A styled line as terminal text; segment text is sanitised, so only our own SGR is emitted. */
function toTerminal(line: StyledLine, colour: boolean): string {
	return line
		.map((segment) => {
			const style = sgr(roleLook(segment.role, colour));
			return style ? `${style}${segment.text}\u001B[0m` : segment.text;
		})
		.join('');
}

/**
 * Draws the library's first frame before Ink and React have loaded (they take ~120 ms to
 * load; this takes a few): the same core/library/frame lines the Ink screen draws next, so
 * the hand-over is seamless. It reads only as many articles as fill the screen.
 */
export async function paintFirstFrame(options: {
	readonly folder: string;
	readonly folderLabel: string;
	readonly colour: boolean;
	readonly stdout: NodeJS.WriteStream;
	/** Where unchanged files come from without being read. */
	readonly store?: CorpusStore;
	/** Places are remembered: the rows keep the read column the app's frames will fill. */
	readonly remembering: boolean;
	/** See LoadOptions.settleMs. */
	readonly settleMs?: number;
	/** For tests: see LoadOptions.listedPerBatch. */
	readonly listedPerBatch?: number;
}): Promise<FirstPaint> {
	const {stdout} = options;
	const columns = stdout.columns || 80;
	const rows = stdout.rows || 24;
	const batches = loadCorpus(options.folder, {
		firstBatchDocuments: rows,
		...(options.settleMs === undefined ? {} : {settleMs: options.settleMs}),
		...(options.listedPerBatch === undefined ? {} : {listedPerBatch: options.listedPerBatch}),
		// Changed files are listed as stored at once, marked, and read again after the rest.
		...(options.store ? {store: options.store, refreshLater: true} : {}),
	});
	let corpus: CorpusState = emptyCorpus;
	const take = async (more: (corpus: CorpusState) => boolean) => {
		try {
			while (!corpus.done && more(corpus)) {
				const next = await batches.next();
				if (next.done) {
					corpus = {...corpus, done: true};
					break;
				}
				corpus = withBatch(corpus, next.value);
			}
		} catch (error) {
			corpus = withError(corpus, error);
		}
	};
	const paint = () => {
		if (isTooSmall(columns, rows)) return;
		const lines = libraryFrame({
			folderLabel: options.folderLabel,
			documents: corpus.documents,
			results: undefined,
			state: initialLibraryState,
			width: columns,
			height: rows - 1,
			loading: corpus,
			skipped: corpus.skipped,
			refreshing: corpus.refreshing,
			versionsOf: () => 0,
			indexed: 0,
			readColumn: options.remembering,
		});
		stdout.write(
			'\u001B[H' + lines.map((line) => toTerminal(line, options.colour) + '\u001B[K').join('\r\n'),
		);
	};
	await take((corpus) => corpus.documents.length < rows);
	paint();
	// The store's search code, while the rest is listed: loaded once the screen mounted (after
	// Ink), a query typed at the start of 100,000 files was answered through the store 1.3 s
	// after the start, 1.1 s so.
	void options.store?.loadIndexing().catch(() => undefined);
	// The kept search index's check (at 100,000 documents a worker reads and sums 137 MB, about
	// 0.15 s of the other core) begins now, while the rest is listed and Ink loads: begun once the
	// screen mounted, a common word typed at once was answered 0.1 s later (medians of 8 starts
	// each, 931 ms against 833).
	const {store} = options;
	const searchSnapshot =
		store &&
		import('../core/search/snapshot.js')
			.then(({openSnapshotChecked}) => openSnapshotChecked(() => store.openSearchSnapshot()))
			.catch(() => undefined);
	// The rest of the files listed as stored (see LoadOptions.refreshLater), before Ink loads: at
	// 100,000 files a few tenths of a second, after which the count is the folder's; while Ink
	// loads first, the list waited for it.
	// Listing goes on while every file listed is still to compare: once comparing has begun
	// (one batch of it is taken, a few milliseconds), the rest is the app's.
	const listing = (corpus: CorpusState) =>
		corpus.unchecked > 0 && corpus.unchecked === corpus.loaded && !listedWhole(corpus);
	if (listing(corpus)) {
		const painted = corpus.documents.length;
		await take(listing);
		if (corpus.documents.length > painted) paint();
	}
	return {batches, corpus, store, ...(searchSnapshot ? {searchSnapshot} : {})};
}
