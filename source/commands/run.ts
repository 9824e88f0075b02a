import {Buffer} from 'node:buffer';
import {realpathSync} from 'node:fs';
import {decodeBytes, plainUtf8} from '../core/corpus/decode.js';
import {describeRead, readBytesNow} from '../core/corpus/read-file.js';
import {loadAll, loadFile} from '../core/corpus/load.js';
import {scanFolder, sortById, type FoundFile} from '../core/corpus/scan.js';
import {fileModified} from '../core/corpus/modified.js';
import {resolveReference} from '../core/corpus/resolve.js';
import {
	cacheHomeFrom,
	openStore,
	type CorpusStore,
	type UnchangedFolder,
} from '../core/store/open.js';
import type {FolderListing} from '../core/corpus/listing.js';
import type {KeptIndex} from '../core/store/narrowed-search.js';
import {crypto} from '../core/corpus/hash.js';
import {namesFileOf} from '../core/store/cache-home.js';
import {SPLIT_FROM, listingOptionsFor, takeStartedFind} from '../core/corpus/find-run.js';
import {wholeNumberIn} from '../core/whole-number-setting.js';
import {settleMsFrom} from '../core/corpus/settled.js';
import {isMarkdownPath} from '../core/markdown/load.js';
import {describeSkipped} from '../core/library/describe.js';
import {sanitiseLine, sanitiseText} from '../core/text/sanitise.js';
import type {Document, SkippedFile} from '../core/types.js';
import type {DiffSide} from './diff.js';

export interface CommandContext {
	readonly folderFrom: (argument: string | undefined) => string;
	readonly flags: {
		readonly folder?: string;
		readonly json: boolean;
		readonly print: boolean;
		readonly layout: boolean;
		readonly ignoreBoilerplate?: boolean;
		/** --context: rows of context around printed changes, or 'all'. */
		readonly context?: string;
		/** --width as given (context.width also has the terminal's). */
		readonly width?: number;
		readonly limit: number;
		/** --sort: the list's order (core/library/sort's names). */
		readonly sort?: string;
		readonly state: boolean;
		/** False with --no-cache. */
		readonly cache: boolean;
	};
	readonly colour: boolean;
	/** Whether the full-screen interface may run (a terminal, not TERM=dumb). */
	readonly fullScreen: boolean;
	/** Width to reflow text to (show, diff). */
	readonly width: number;
	/** Width to cut lines to; undefined when piped without --width: nothing is cut. */
	readonly cutWidth?: number | undefined;
	readonly cwd: string;
	readonly write: (text: string) => void;
	readonly fail: (message: string, exitCode?: number) => never;
	/** Whether `folder`'s documents are cached (not with --no-cache, nor for the bundled
	 * articles: five files gain nothing from it). */
	readonly caches: (folder: string) => boolean;
}

/** Routes a non-interactive command; returns its exit code. Usage problems throw via `fail`. */
export async function runCommand(
	command: string,
	args: readonly string[],
	context: CommandContext,
): Promise<number> {
	const atMost = (count: number, usage: string) => {
		if (args.length > count) context.fail(`too many arguments; usage: reading-room ${usage}`);
	};

	switch (command) {
		case 'list': {
			atMost(1, 'list [folder] [--json] [--sort ORDER]');
			const folder = context.folderFrom(args[0]);
			const listing = startListing(folder, context, 'list');
			const {sort} = context.flags;
			const {isSortOrder, SORT_ORDERS} = await import('../core/library/sort.js');
			if (sort !== undefined && !isSortOrder(sort))
				context.fail(`--sort takes one of: ${SORT_ORDERS.join(', ')}`);
			// Loaded per command: the diff path should not pay for string-width (~15–35 ms).
			const {listCommand, readingFacts} = await import('./list.js');
			const listed = async (
				documents: readonly Document[],
				skipped: readonly SkippedFile[],
				store: CorpusStore,
			) => {
				const facts = await readingFacts(folder, documents, {
					remember: context.flags.state,
					sort,
					knownFacts: () => store.versionFacts(),
				});
				const code = listCommand({
					folder,
					documents: facts.documents,
					progress: facts.progress,
					skipped,
					json: context.flags.json,
					width: context.cutWidth,
					write: context.write,
				});
				const note = describeSkipped(skipped);
				if (note && !context.flags.json) process.stderr.write(`${note}\n`);
				return code;
			};
			// A folder unchanged since the last command is listed from the stored rows alone.
			return withStore(
				folder,
				context,
				({documents, skipped}, store) => listed(documents, skipped, store),
				{
					listing,
					prepare: async (unchanged, store) => {
						const documents = sortById(unchanged.stored());
						return () => listed(documents, [], store);
					},
				},
			);
		}
		case 'show': {
			atMost(1, 'show <doc> [--folder F] [--width N]');
			if (args[0] === undefined) context.fail('show needs a document: reading-room show <doc>');
			const document = await openDocument(args[0], context.folderFrom(undefined), context);
			const {showCommand} = await import('./show.js');
			return showCommand({
				document,
				width: context.width,
				json: context.flags.json,
				write: context.write,
			});
		}
		case 'search': {
			atMost(2, 'search <query> [folder] [--limit N] [--json]');
			const {parseQuery, queryUnits} = await import('../core/search/query.js');
			// An empty query, or one of spaces and punctuation only, matches nothing: said, as a
			// missing one is, rather than answered with nothing and exit 1.
			if (args[0] === undefined || queryUnits(parseQuery(args[0])).length === 0) {
				context.fail('search needs a query of words: reading-room search <query>');
			}
			const folder = context.folderFrom(args[1]);
			const listing = startListing(folder, context, 'search');
			const {searchCommand} = await import('./search.js');
			const options = {
				query: args[0]!,
				limit: context.flags.limit,
				json: context.flags.json,
				width: context.cutWidth,
				colour: context.colour,
				write: context.write,
			};
			// Only the store's candidates are indexed (from their kept word sequences), ranked
			// with the folder's figures: the same results and order as --no-cache gives. A folder
			// unchanged since the last command is answered without a stat or a row per file. A
			// query too common to narrow well is answered by the library's kept index when there
			// is one that fits; else its candidates are indexed, however many.
			const narrowed = await import('../core/store/narrowed-search.js');
			let keptIndex: KeptIndex | undefined;
			const commonQueryOptions = (store: CorpusStore, documents: number) => ({
				limit: options.limit,
				keptIndexFrom: keptIndexFrom(documents),
				// One for both answers, read once: while find lists the folder, when the store holds
				// it as confirmed.
				keptIndex: (keptIndex ??= new narrowed.KeptIndex(store)),
			});
			return withStore(
				folder,
				context,
				async ({documents, skipped}, store) => {
					// The folder changed: a common query takes up the kept index around the files
					// that changed. Without an answer the store could not narrow the query: every
					// document is indexed.
					const found = await narrowed.searchLoadedFolder(
						store,
						documents,
						options.query,
						commonQueryOptions(store, documents.length),
					);
					const code = await searchCommand({...options, documents, found});
					// As list says it: a file not searched is not silently left out. (A folder answered
					// as unchanged has none: only a listing with nothing skipped is confirmed.)
					const note = describeSkipped(skipped);
					if (note && !options.json) process.stderr.write(`${note}\n`);
					return code;
				},
				{
					listing,
					prepare: async (unchanged, store, stillUnchanged) => {
						const found = await narrowed.searchUnchangedFolderOrKept(
							store,
							unchanged,
							options.query,
							{...commonQueryOptions(store, unchanged.documents), stillUnchanged},
						);
						if (found === undefined) return undefined;
						// Ranked, and the lines made (snippets and all), while find still lists the
						// folder: at 100,000 files it is find that is waited for. Written only when
						// the listing shows the folder unchanged.
						const lines: string[] = [];
						const code = await searchCommand({
							...options,
							documents: [],
							found,
							write: (text) => lines.push(text),
						});
						return async () => {
							options.write(lines.join(''));
							return code;
						};
					},
				},
			);
		}
		case 'diff': {
			atMost(3, 'diff <a> <b> [folder] [--print] [--json]');
			if (args[0] === undefined || args[1] === undefined) {
				context.fail('diff needs two documents: reading-room diff <a> <b> [folder]');
			}
			const folder = context.folderFrom(args[2]);
			const interactive = !context.flags.json && !context.flags.print && context.fullScreen;
			// One scan serves both references. The screen wants whole Documents (titles and
			// all); the printed diff only the texts, which is much less work for a large pair.
			const {files} = await scanFolder(folder);
			const find = (reference: string) => findDocument(reference, folder, files, context);
			if (interactive) {
				const pair = await openPair(args[0], args[1], find, loadDocument, context);
				if (pair === undefined) return 0;
				const {launch} = await import('../ui/load-interface.js');
				return launch({
					screen: {
						name: 'diff',
						a: pair[0].id,
						b: pair[1].id,
						storyOnly: context.flags.ignoreBoilerplate ?? false,
					},
					folder,
					folderLabel: sanitiseLine(folder),
					colour: context.colour,
					remember: context.flags.state,
					cache: context.caches(folder),
					documents: pair,
				});
			}
			// A summary (--json without --layout) can read UTF-8 bytes as they are.
			const bytesWillDo = context.flags.json && !context.flags.layout;
			const read = (found: FoundFile) =>
				readRendered(readSide(found, context, bytesWillDo), found, context);
			const pair = await openPair(args[0], args[1], find, read, context);
			if (pair === undefined) return 0;
			const [a, b] = pair;
			const {diffCommand} = await import('./diff.js');
			return diffCommand({
				a,
				b,
				json: context.flags.json,
				colour: context.colour,
				layout: context.flags.layout,
				write: context.write,
				ignoreBoilerplate: context.flags.ignoreBoilerplate ?? false,
				recurring: await folderRecurring(files),
				context: contextLines(context),
				// The width show wraps to (at least 20 columns), so words are never split.
				...(context.flags.width === undefined ? {} : {width: context.width}),
			});
		}
		case 'versions': {
			atMost(1, 'versions [folder] [--json]');
			const {versionsCommand} = await import('./versions.js');
			return withStore(context.folderFrom(args[0]), context, async ({documents}, store) =>
				versionsCommand({
					documents,
					knownFacts: store.versionFacts(),
					json: context.flags.json,
					write: context.write,
					width: context.cutWidth,
					modifiedOf: fileModified,
				}),
			);
		}
		case 'history': {
			atMost(2, 'history <doc> [folder] [--json]');
			if (args[0] === undefined) {
				context.fail('history needs a document: reading-room history <doc> [folder]');
			}
			const folder = context.folderFrom(args[1]);
			const {files} = await scanFolder(folder);
			const found = await findDocument(args[0], folder, files, context);
			const {historyCommand} = await import('./history.js');
			return withStore(folder, context, async ({documents}, store) => {
				// A path outside the folder is compared with the folder's documents.
				if (!documents.some((document) => document.id === found.id)) {
					documents.push(await loadDocument(found, context));
				}
				return historyCommand({
					id: found.id,
					documents,
					knownFacts: store.versionFacts(),
					json: context.flags.json,
					width: context.cutWidth,
					write: context.write,
					modifiedOf: fileModified,
					nowMs: Date.now(),
					localOffset: (ms) => -new Date(ms).getTimezoneOffset(),
				});
			});
		}
		default:
			return context.fail(`unknown command: ${command}`);
	}
}

/** --context N or --context all; undefined for the default. */
function contextLines(context: CommandContext): number | 'all' | undefined {
	const value = context.flags.context;
	if (value === undefined) return undefined;
	if (value === 'all') return 'all';
	if (/^\d+$/.test(value)) return Number(value);
	return context.fail('--context takes a number of lines or "all"');
}

/** Paragraphs recurring at the ends of the folder's documents (folderBoilerplate); files that
 * cannot be read are left out, as the library leaves them out. */
async function folderRecurring(files: readonly FoundFile[]): Promise<Set<string>> {
	const {folderBoilerplate} = await import('../core/diff/regions.js');
	return folderBoilerplate(files.length, () => readableTexts(files));
}

function* readableTexts(files: readonly FoundFile[]): Generator<string> {
	for (const file of files) {
		const bytes = readBytes(file.path);
		if (typeof bytes === 'string') continue;
		const decoded = decodeBytes(bytes);
		if (decoded.kind !== 'binary') yield sanitiseText(decoded.text);
	}
}

/**
 * Runs `answer` on the folder's documents after the quick scan: unchanged files come from the
 * cache, changed and new ones are read (and cached) first, so an answer is never stale. The
 * store stays open while `answer` runs: cached documents read their texts from it. A cache
 * problem is one line on stderr; the command goes on reading the files.
 */
async function withStore<T>(
	folder: string,
	context: CommandContext,
	answer: (
		loaded: {documents: Document[]; skipped: SkippedFile[]},
		store: CorpusStore,
	) => Promise<T>,
	shortcut?: {
		/** The folder's files as find lists them (see startListing). */
		readonly listing: Promise<FolderListing | undefined> | undefined;
		/**
		 * Works the answer out from a store holding the folder as last confirmed, while find
		 * lists it, and returns how to give it (undefined to load the folder instead). Writes
		 * nothing: the listing may yet show the folder changed, and then the answer is dropped.
		 */
		readonly prepare: (
			folder: UnchangedFolder,
			store: CorpusStore,
			/** Whether the listing, once done, shows the folder as confirmed: the answer prepared
			 * is given only then. */
			stillUnchanged: () => Promise<boolean>,
		) => Promise<(() => Promise<T>) | undefined>;
	},
): Promise<T> {
	const store = openStore({
		folder,
		useCache: context.caches(folder),
		cacheHome: cacheHomeFrom(process.env),
		warn: (message) => process.stderr.write(`reading-room: ${message}\n`),
		deferRows: shortcut !== undefined,
		settleMs: settleMsFrom(process.env),
	});
	try {
		// The answer is worked out on the other core's time: find stats every file meanwhile.
		const confirmed = shortcut?.listing && (await store.confirmedFolder?.());
		// Only a plain listing is ever confirmed: the same fingerprint, the same plain listing.
		const stillUnchanged = async () =>
			confirmed !== undefined &&
			(await shortcut?.listing)?.fingerprint === confirmed.fingerprint &&
			confirmed.current();
		const prepared = confirmed && (await shortcut!.prepare(confirmed, store, stillUnchanged));
		const listing = await shortcut?.listing;
		if (prepared && (await stillUnchanged())) {
			// Listed by two finds although nothing changed: the next command takes one, when the
			// folder's directories have settled.
			listing?.keepDirectories?.(settleMsFrom(process.env));
			return await prepared();
		}
		// Commands narrow, group and write what they read: that code is wanted from the start.
		await store.loadIndexing();
		const loaded = await loadAll(folder, {store, settleMs: settleMsFrom(process.env)});
		const answered = await answer(loaded, store);
		if (listing?.plain && listedAsLoaded(listing, loaded)) {
			store.confirmListing?.(listing.toConfirm(splitFrom(process.env), settleMsFrom(process.env)));
		}
		return answered;
	} finally {
		store.close();
	}
}

/**
 * Starts listing `folder`'s files with find for a command that can answer from a store holding
 * the folder as it is (see core/corpus/listing.ts): at once, so the child works while the
 * command loads its code and opens the store. Undefined when the folder is not cached.
 */
function startListing(
	folder: string,
	context: CommandContext,
	command: 'list' | 'search',
): Promise<FolderListing | undefined> | undefined {
	let root: string | undefined;
	try {
		// One system call, where realpathSync looks at each part of the path (the same folder
		// as the run dist/cli.js started is taken up by, see early-listing.ts).
		if (context.caches(folder)) root = realpathSync.native(folder);
	} catch {
		root = undefined;
	}
	// find already at work on this folder, started by dist/cli.js before this bundle ran (see
	// source/early-listing.ts): taken up. One on another folder is stopped.
	const started = takeStartedFind(root);
	if (root === undefined) return undefined;
	const listed = root;
	const cacheHome = cacheHomeFrom(process.env);
	// Loaded here: node:child_process (with net and dgram) is wanted only by the commands that
	// list, not by diff and show.
	return import('../core/corpus/listing.js').then(({listFolder}) =>
		listFolder(listed, {
			...listingOptionsFor(command, process.env),
			environment: process.env,
			started,
			...(started === undefined && cacheHome !== undefined
				? {namesFile: namesFileOf(cacheHome, listed, sha256Hex)}
				: {}),
		}),
	);
}

/**
 * From how many candidates `search` takes up the library's kept index rather than index them
 * (see core/store/narrowed-search.ts, searchKeptIndex): a tenth of the folder, and at least
 * 1,000. Indexing a candidate from its kept word sequence took about 70 µs here, taking up the
 * kept index about 1 s at 100,000 documents; READING_ROOM_KEPT_INDEX_FROM for tests.
 */
function keptIndexFrom(documents: number): number {
	return (
		wholeNumberIn(process.env, 'READING_ROOM_KEPT_INDEX_FROM') ??
		Math.max(1000, Math.ceil(documents / 10))
	);
}

/**
 * From how many files a confirmed listing is taken in two halves next time (see
 * core/corpus/listing.ts, SPLIT_FROM): READING_ROOM_SPLIT_FROM when set to a whole number, so
 * that tests can take small folders that way.
 */
function splitFrom(environment: NodeJS.ProcessEnv): number {
	return wholeNumberIn(environment, 'READING_ROOM_SPLIT_FROM') ?? SPLIT_FROM;
}

function sha256Hex(text: string): string {
	return crypto().createHash('sha256').update(text).digest('hex');
}

/** Whether the loaded documents are exactly the listed files, by the same ids, none skipped
 * and none Markdown (read again every time, so not answered from the store alone). */
function listedAsLoaded(
	listing: FolderListing,
	loaded: {documents: readonly Document[]; skipped: readonly SkippedFile[]},
): boolean {
	if (loaded.skipped.length > 0 || loaded.documents.length !== listing.files.size) return false;
	return loaded.documents.every(
		(document) => listing.files.has(document.id) && !isMarkdownPath(document.id),
	);
}

/** Finds and reads both sides of a diff, in order; undefined, once said, when both are one file. */
async function openPair<Side extends DiffSide>(
	referenceA: string,
	referenceB: string,
	find: (reference: string) => Promise<FoundFile>,
	read: (found: FoundFile, context: CommandContext) => Side | Promise<Side>,
	context: CommandContext,
): Promise<[Side, Side] | undefined> {
	const foundA = await find(referenceA);
	const a = await read(foundA, context);
	const foundB = await find(referenceB);
	if (foundB.path === foundA.path) {
		// --json is always JSON: the pair is compared (and comes out identical) like any other.
		if (context.flags.json) return [a, a];
		context.write(`${a.id} and ${foundB.id} are the same document: identical\n`);
		return undefined;
	}
	return [a, await read(foundB, context)];
}

/** Finds a <doc> (path, file name or unique prefix) and reads it; problems are one line, exit 2. */
async function openDocument(
	reference: string,
	folder: string,
	context: CommandContext,
): Promise<Document> {
	const {files} = await scanFolder(folder);
	return loadDocument(await findDocument(reference, folder, files, context), context);
}

async function findDocument(
	reference: string,
	folder: string,
	files: readonly FoundFile[],
	context: CommandContext,
): Promise<FoundFile> {
	const resolved = resolveReference(reference, {folder, cwd: context.cwd, files});
	if (resolved.ok) return resolved.file;
	if (resolved.unmatched === true && files.length > 0) {
		// Nothing matched: the closest title or file name, if one is close. Loaded only here.
		const [{suggestDocument, didYouMean}, {documents}] = await Promise.all([
			import('../core/corpus/suggest.js'),
			loadAll(folder),
		]);
		const suggestion = suggestDocument(reference, documents);
		if (suggestion !== undefined) context.fail(didYouMean(reference, suggestion));
	}
	return context.fail(resolved.message);
}

async function loadDocument(found: FoundFile, context: CommandContext): Promise<Document> {
	const loaded = await loadFile(found);
	if ('reason' in loaded) {
		context.fail(`cannot read ${loaded.id}: ${loaded.detail ?? loaded.reason}`);
	}
	return loaded;
}

/**
 * Reads a file's text as `loadDocument` would (the same decoding and sanitising, so the same
 * `text`, and the same one-line failures) without parsing it into a Document: on a 5 MB pair
 * the parsing took longer than the diff. When `bytesWillDo` and the file's bytes already are
 * that text's UTF-8, they are returned undecoded.
 */
function readSide(found: FoundFile, context: CommandContext, bytesWillDo: boolean): DiffSide {
	const bytes = readBytes(found.rawPath ?? found.path);
	if (typeof bytes === 'string') context.fail(`cannot read ${found.id}: ${bytes}`);
	if (bytesWillDo) {
		const utf8 = plainUtf8(bytes as Buffer);
		if (utf8 !== undefined) return {id: found.id, utf8};
	}
	const decoded = decodeBytes(bytes as Buffer);
	if (decoded.kind === 'binary') context.fail(`cannot read ${found.id}: binary`);
	return {id: found.id, text: sanitiseText(decoded.text)};
}

/**
 * A side as the library reads it: a Markdown file (.md, or a text file that is clearly Markdown)
 * rendered, so the diff compares the words a person reads, not the marks around them, and a
 * Markdown article and its plain copy are the same words. Other files as read. The Markdown
 * code is loaded only when a side may be Markdown.
 */
async function readRendered(
	side: DiffSide,
	found: FoundFile,
	context: CommandContext,
): Promise<DiffSide> {
	const {isMarkdownPath} = await import('../core/markdown/load.js');
	if (!isMarkdownPath(found.path) && !opensWithHash(side)) return side;
	const document = await loadDocument(found, context);
	if (document.markdown === undefined) return side;
	const {linkAddresses} = await import('../core/markdown/links.js');
	return {id: side.id, text: document.text, links: linkAddresses(document.markdown)};
}

/** Whether a side's first non-blank character is '#': clearly Markdown opens with a heading
 * (core/markdown/detect), which loadFile then judges. */
function opensWithHash(side: DiffSide): boolean {
	if ('text' in side) return /^\s*#/.test(side.text);
	for (const byte of side.utf8) {
		if (byte === 0x23) return true;
		if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
	}
	return false;
}

/** A file's bytes, or what went wrong in the loader's words (see readBytesNow). */
function readBytes(path: string | Buffer): Buffer | string {
	const read = readBytesNow(path);
	if (read instanceof Error) return describeRead(read);
	return Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.length);
}
