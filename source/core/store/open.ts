import {realpathSync} from 'node:fs';
import {isAbsolute, join, relative, sep} from 'node:path';
import {decodeBytes} from '../corpus/decode.js';
import {crypto} from '../corpus/hash.js';
import {documentText, parseDocument} from '../corpus/document.js';
import {readBytesNow} from '../corpus/read-file.js';
import {openablePath, type Document, type TextEncodingName} from '../types.js';
import type {KeySignal} from './key-signal.js';
import {DatabaseStore, StoreUnusable} from './database.js';
import {storeStem} from './cache-home.js';
import {MemoryStore} from './memory.js';
import {makeFolders} from '../make-folders.js';
import type {StoredDocument} from './stored-document.js';
import type {CorpusStore} from './types.js';

export type {
	CorpusStore,
	FileStamp,
	Narrowing,
	StoredFile,
	StoredDocumentInfo,
	UnchangedFolder,
} from './types.js';
export {MemoryStore} from './memory.js';

export interface StoreOptions {
	readonly folder: string;
	/** False for --no-cache: everything is read from the files, nothing is written. */
	readonly useCache: boolean;
	/** $XDG_CACHE_HOME, or ~/.cache when unset (the caller reads the environment). */
	readonly cacheHome: string | undefined;
	/** Gets one line for the user when the cache is rebuilt or cannot be used. */
	readonly warn?: (message: string) => void;
	/** See DatabaseStoreOptions.factsInBackground: the app's store. */
	readonly factsInBackground?: boolean;
	/** See DatabaseStoreOptions.deferRows: a command that asks unchangedFolder first, and the
	 * app. */
	readonly deferRows?: boolean;
	/** See DatabaseStoreOptions.keys: the app's store. */
	readonly keys?: KeySignal;
	/** See DatabaseStoreOptions.settleMs (the environment's: see settleMsFrom). */
	readonly settleMs?: number;
}

/**
 * The store for `folder`: its database under `<cacheHome>/reading-room/`, named after the
 * folder's real path (so the same folder reached by another path shares it), or a memory
 * store when the cache is off or cannot be used. Never throws: the cache is only a cache.
 */
export function openStore(options: StoreOptions): CorpusStore {
	if (!options.useCache) return new MemoryStore();
	const warn = options.warn ?? (() => {});
	const place = databasePlace(options.folder, options.cacheHome);
	if ('problem' in place) {
		warn(`not caching: ${place.problem}`);
		return new MemoryStore();
	}
	try {
		makeFolders(place.directory, {mode: 0o700});
		return new DatabaseStore(place.file, {
			folder: place.folder,
			warn,
			reread,
			fileText,
			factsInBackground: options.factsInBackground ?? false,
			deferRows: options.deferRows ?? false,
			...(options.keys === undefined ? {} : {keys: options.keys}),
			...(options.settleMs === undefined ? {} : {settleMs: options.settleMs}),
		});
	} catch (error) {
		const reason =
			error instanceof StoreUnusable ? error.message : `cannot use the cache (${oneLine(error)})`;
		warn(`${reason}; reading files directly`);
		return new MemoryStore();
	}
}

export {cacheHomeFrom} from './cache-home.js';

/** Where the database of `folder` goes, or why it cannot have one. */
export function databasePlace(
	folder: string,
	cacheHome: string | undefined,
): {folder: string; directory: string; file: string} | {problem: string} {
	// The XDG base directory spec: a relative path is invalid and is ignored.
	if (cacheHome === undefined || !isAbsolute(cacheHome)) {
		return {problem: 'no absolute cache folder (set XDG_CACHE_HOME or HOME)'};
	}
	let real: string;
	try {
		real = realpathSync(folder);
	} catch (error) {
		return {problem: oneLine(error)};
	}
	const directory = join(cacheHome, 'reading-room');
	let realDirectory = directory;
	try {
		realDirectory = realpathSync(directory);
	} catch {
		// Not made yet: judged by its name.
	}
	if (isInside(realDirectory, real)) {
		return {problem: 'the cache folder is inside the folder being read'};
	}
	const stem = storeStem(real, (text) => crypto().createHash('sha256').update(text).digest('hex'));
	return {folder: real, directory, file: join(directory, `${stem}.sqlite`)};
}

function isInside(path: string, folder: string): boolean {
	const from = relative(folder, path);
	return from === '' || (!from.startsWith('..' + sep) && from !== '..' && !isAbsolute(from));
}

/** A document whose stored body has gone (another instance replaced it): read from its file. */
function reread(document: StoredDocument): Document | undefined {
	const decoded = decodedFile(document);
	if (decoded === undefined) return undefined;
	return parseDocument({
		id: document.id,
		path: document.path,
		rawPath: document.rawPath,
		bytes: decoded.bytes,
		text: decoded.text,
		encoding: decoded.encoding,
	});
}

/** The text `document`'s file holds now, as a plain document's text (see DatabaseStoreOptions'
 * fileText); undefined when it cannot be read or is not text. */
function fileText(document: StoredDocument): string | undefined {
	const decoded = decodedFile(document);
	return decoded === undefined ? undefined : documentText(decoded.text);
}

/** Read as the loader reads: a pipe or device put in the file's place is not waited for. */
function decodedFile(
	document: StoredDocument,
): {bytes: number; text: string; encoding: TextEncodingName} | undefined {
	const read = readBytesNow(openablePath(document));
	if (read instanceof Error) return undefined;
	const decoded = decodeBytes(read.bytes);
	if (decoded.kind === 'binary') return undefined;
	return {bytes: read.bytes.length, text: decoded.text, encoding: decoded.encoding};
}

function oneLine(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message
		.split('\n')[0]!
		.replace(/[^\x20-\x7e]/g, '?')
		.slice(0, 120);
}
