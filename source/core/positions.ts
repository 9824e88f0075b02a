import {mkdirSync, readFileSync} from 'node:fs';
import {mkdir, readFile} from 'node:fs/promises';
import {dirname} from 'node:path';
// Temp file beside the target, flushed, renamed over it: a crash never leaves half a file.
import writeFileAtomic from 'write-file-atomic';
import type {Anchor} from './reader/layout.js';

/** Where an article was left, for the article as it was then (its content hash). */
export interface RememberedPlace extends Anchor {
	readonly hash: string;
	/** Milliseconds since the epoch; the most recent places are the ones kept. */
	readonly savedAt: number;
}

export interface PositionStoreOptions {
	/** Told, in one line, when the file cannot be read or written; the store carries on. */
	readonly warn?: (message: string) => void;
	/** How many articles to remember; the least recently read are dropped. */
	readonly limit?: number;
	readonly now?: () => number;
}

export const DEFAULT_PLACE_LIMIT = 1000;
const FORMAT_VERSION = 1;

type Places = Map<string, RememberedPlace>;

/**
 * Remembered reading places, one per article id, kept in a JSON file. The file is replaced
 * atomically (temp file + rename), so a crash never leaves half a file; saving re-reads it
 * and merges, so two instances each keep what the other saved (for the same article, the
 * later save wins). A file that cannot be read is ignored with a warning, never an error.
 */
export class PositionStore {
	readonly path: string;
	private places: Places;
	/** Places set since the last save: what this instance has to say about the file. */
	private readonly changed = new Map<string, RememberedPlace>();
	private readonly warn: (message: string) => void;
	private readonly limit: number;
	private readonly now: () => number;
	private saving: Promise<void> = Promise.resolve();

	private constructor(path: string, places: Places, options: PositionStoreOptions) {
		this.path = path;
		this.places = places;
		this.warn = options.warn ?? (() => {});
		this.limit = Math.max(1, options.limit ?? DEFAULT_PLACE_LIMIT);
		this.now = options.now ?? Date.now;
	}

	/** Reads the file at `path` (missing is fine: nothing remembered yet). */
	static open(path: string, options: PositionStoreOptions = {}): PositionStore {
		const warn = options.warn ?? (() => {});
		return new PositionStore(
			path,
			readPlaces(path, () => readFileSync(path, 'utf8'), warn),
			options,
		);
	}

	/** Where to reopen article `id`; undefined when unknown or when the article changed. */
	get(id: string, hash: string): Anchor | undefined {
		const place = this.places.get(id);
		if (!place || place.hash !== hash) return undefined;
		return {paragraph: place.paragraph, offset: place.offset};
	}

	set(id: string, hash: string, anchor: Anchor): void {
		const place = {hash, paragraph: anchor.paragraph, offset: anchor.offset, savedAt: this.now()};
		this.places.set(id, place);
		this.changed.set(id, place);
	}

	get size(): number {
		return this.places.size;
	}

	/** Merges this instance's changes into the file as it is now and writes it atomically. */
	save(): Promise<void> {
		this.saving = this.saving.then(async () => {
			if (this.changed.size === 0) return;
			try {
				const onDisk = readPlaces(this.path, await readText(this.path), this.warn);
				const merged = this.merge(onDisk);
				await mkdir(dirname(this.path), {recursive: true});
				await writeFileAtomic(this.path, serialise(merged));
				this.places = merged;
				this.changed.clear();
			} catch (error) {
				this.warn(`could not save reading places to ${this.path}: ${reason(error)}`);
			}
		});
		return this.saving;
	}

	/** `save` for the moment the process is exiting and cannot wait. */
	saveSync(): void {
		if (this.changed.size === 0) return;
		try {
			const merged = this.merge(
				readPlaces(this.path, () => readFileSync(this.path, 'utf8'), this.warn),
			);
			mkdirSync(dirname(this.path), {recursive: true});
			writeFileAtomic.sync(this.path, serialise(merged));
			this.places = merged;
			this.changed.clear();
		} catch (error) {
			this.warn(`could not save reading places to ${this.path}: ${reason(error)}`);
		}
	}

	private merge(onDisk: Places): Places {
		const merged = new Map(onDisk);
		for (const [id, place] of this.changed) merged.set(id, place);
		if (merged.size <= this.limit) return merged;
		const newest = [...merged].sort(([, a], [, b]) => b.savedAt - a.savedAt).slice(0, this.limit);
		return new Map(newest);
	}
}

async function readText(path: string): Promise<() => string> {
	try {
		const text = await readFile(path, 'utf8');
		return () => text;
	} catch (error) {
		return () => {
			throw error;
		};
	}
}

function readPlaces(path: string, read: () => string, warn: (message: string) => void): Places {
	let text: string;
	try {
		text = read();
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
			warn(`ignoring reading places in ${path}: ${reason(error)}`);
		}
		return new Map();
	}
	try {
		return parsePlaces(JSON.parse(text));
	} catch (error) {
		warn(`ignoring reading places in ${path}: ${reason(error)}`);
		return new Map();
	}
}

function parsePlaces(json: unknown): Places {
	if (!isRecord(json) || json.version !== FORMAT_VERSION || !isRecord(json.places)) {
		throw new Error('not a reading-room positions file');
	}
	const places: Places = new Map();
	// Entries that do not look right are dropped one by one; the rest are still good.
	for (const [id, value] of Object.entries(json.places)) {
		if (!isRecord(value)) continue;
		const {hash, paragraph, offset, savedAt} = value;
		if (typeof hash !== 'string' || typeof savedAt !== 'number' || !Number.isFinite(savedAt))
			continue;
		if (!Number.isSafeInteger(paragraph) || (paragraph as number) < -1) continue;
		if (!Number.isSafeInteger(offset) || (offset as number) < 0) continue;
		places.set(id, {hash, paragraph: paragraph as number, offset: offset as number, savedAt});
	}
	return places;
}

function serialise(places: Places): string {
	return (
		JSON.stringify({version: FORMAT_VERSION, places: Object.fromEntries(places)}, null, '\t') + '\n'
	);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reason(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n')[0] ?? text;
}
