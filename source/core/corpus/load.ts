import {readFile} from 'node:fs';
import {setImmediate as nextTurn} from 'node:timers/promises';
import type {Document, SkippedFile} from '../types.js';
import {decodeBytes} from './decode.js';
import {parseDocument} from './document.js';
import {describeError, MAX_FILE_BYTES, scanFolder} from './scan.js';
import type {FoundFile} from './scan.js';

export interface CorpusBatch {
	/** Documents loaded since the previous batch, in scan order. */
	readonly documents: Document[];
	/** Files skipped since the previous batch. */
	readonly skipped: SkippedFile[];
	/** Files handled so far (documents and skipped files), out of `total`. */
	readonly loaded: number;
	/** Files the scan found. */
	readonly total: number;
	readonly done: boolean;
}

export interface LoadOptions {
	/** Stops loading: the generator then ends without a further batch. */
	readonly signal?: AbortSignal;
	/** Roughly how many bytes of files go into one batch. */
	readonly batchBytes?: number;
}

/** About 5 ms of decoding and parsing on a slow machine: a keypress waits for one batch unseen. */
export const DEFAULT_BATCH_BYTES = 256 * 1024;
/** Files being read at once: keeps the disk busy while the CPU parses, without hoarding memory. */
const READ_AHEAD = 32;
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

/**
 * Loads the articles under `folder` bit by bit, so a UI can show the library at once and fill it
 * in. The first batch comes straight after the scan: no documents yet, but `total` and the
 * scan's skipped files. Then batches of about `batchBytes`, in scan order, with a turn of the
 * event loop between them so keystrokes get handled. The last batch has `done: true`.
 * Rejects like scanFolder when the folder is missing.
 */
export async function* loadCorpus(
	folder: string,
	options: LoadOptions = {},
): AsyncGenerator<CorpusBatch> {
	const {signal, batchBytes = DEFAULT_BATCH_BYTES} = options;
	const scan = await scanFolder(folder);
	if (signal?.aborted) return;
	const files = scan.files;
	const total = files.length;
	yield {documents: [], skipped: scan.skipped, loaded: 0, total, done: total === 0};

	const reads = new Map<number, Promise<Uint8Array | Error>>();
	let nextRead = 0;
	let bytesAhead = 0;
	// Reads run ahead of parsing, bounded in count and in bytes (files may be up to 64 MB).
	const readAhead = (current: number): void => {
		while (
			nextRead < total &&
			nextRead - current < READ_AHEAD &&
			(bytesAhead < READ_AHEAD_BYTES || nextRead === current)
		) {
			const file = files[nextRead]!;
			reads.set(nextRead, readBytes(file));
			bytesAhead += file.bytes;
			nextRead++;
		}
	};

	let documents: Document[] = [];
	let skipped: SkippedFile[] = [];
	let bytesInBatch = 0;
	for (let index = 0; index < total; index++) {
		const file = files[index]!;
		readAhead(index);
		const bytes = await reads.get(index)!;
		reads.delete(index);
		bytesAhead -= file.bytes;
		readAhead(index + 1);
		if (signal?.aborted) return;

		const result = bytes instanceof Error ? unreadable(file, bytes) : toDocument(file, bytes);
		if ('reason' in result) skipped.push(result);
		else documents.push(result);
		bytesInBatch += file.bytes;

		const last = index === total - 1;
		if (bytesInBatch >= batchBytes || last) {
			yield {documents, skipped, loaded: index + 1, total, done: last};
			documents = [];
			skipped = [];
			bytesInBatch = 0;
			if (!last) {
				// Reads that are already done resolve as microtasks, which would starve input.
				await nextTurn();
				if (signal?.aborted) return;
			}
		}
	}
}

/** Reads, decodes and parses one file; a binary or unreadable file comes back as a SkippedFile. */
export async function loadFile(found: FoundFile): Promise<Document | SkippedFile> {
	const bytes = await readBytes(found);
	return bytes instanceof Error ? unreadable(found, bytes) : toDocument(found, bytes);
}

/** Everything under `folder` at once, for commands that need the whole corpus before output. */
export async function loadAll(
	folder: string,
	options: LoadOptions = {},
): Promise<{documents: Document[]; skipped: SkippedFile[]}> {
	const documents: Document[] = [];
	const skipped: SkippedFile[] = [];
	for await (const batch of loadCorpus(folder, options)) {
		documents.push(...batch.documents);
		skipped.push(...batch.skipped);
	}
	return {documents, skipped};
}

export function isSkipped(result: Document | SkippedFile): result is SkippedFile {
	return 'reason' in result;
}

/** Never rejects: a read error comes back as the value, for the caller to report. Uses the
 * callback readFile: on Node 20 the promise one takes about twice as long for small files. */
function readBytes(found: FoundFile): Promise<Uint8Array | Error> {
	return new Promise((resolve) => {
		readFile(found.path, (error, bytes) => {
			if (error) resolve(error);
			// The file may have grown since the scan measured it.
			else if (bytes.length > MAX_FILE_BYTES) resolve(new RangeError('too large'));
			else resolve(bytes);
		});
	});
}

function toDocument(found: FoundFile, bytes: Uint8Array): Document | SkippedFile {
	const decoded = decodeBytes(bytes);
	if (decoded.kind === 'binary') return {id: found.id, reason: 'binary'};
	return parseDocument({
		id: found.id,
		path: found.path,
		bytes: bytes.length,
		text: decoded.text,
		encoding: decoded.encoding,
	});
}

function unreadable(found: FoundFile, error: Error): SkippedFile {
	if (error instanceof RangeError) return {id: found.id, reason: 'too large'};
	return {id: found.id, reason: 'unreadable', detail: describeError(error)};
}
