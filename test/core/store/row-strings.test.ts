import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {afterEach, beforeEach, expect, it} from 'vitest';
import {parseDocument} from '../../../source/core/corpus/document.js';
import {openStore} from '../../../source/core/store/open.js';
import type {CorpusStore} from '../../../source/core/store/types.js';
import type {Document} from '../../../source/core/types.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let folder: string;
let cacheHome: string;
let store: CorpusStore | undefined;

beforeEach(() => {
	folder = mkdtempSync(join(tmpdir(), 'reading-room-row-strings-'));
	cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-row-strings-cache-'));
});

afterEach(() => {
	store?.close();
	rmSync(folder, {recursive: true, force: true});
	rmSync(cacheHome, {recursive: true, force: true});
});

function heapUsed(): number {
	collectGarbage();
	collectGarbage();
	return process.memoryUsage().heapUsed;
}

/**
 * A title, dateline or source taken from a text is a slice of it: V8 keeps the whole text alive
 * for as long as the slice is. The rows of the documents read in a run stay for the run, so at
 * 100,000 documents the texts they held on to were about 800 MB of heap after a first run.
 */
it('keeps no text alive through a saved document’s title, dateline or source', () => {
	store = openStore({folder, useCache: true, cacheHome});
	const documents = 40;
	const textBytes = 500_000;
	const before = heapUsed();
	const kept: Document[] = [];
	for (let number = 0; number < documents; number++) {
		// Each text its own (not a repeat V8 could share), about 500 kB.
		const words = Array.from({length: textBytes / 10}, (_, word) => `w${number}x${word}`);
		const text =
			`A headline long enough to be a slice, number ${number}\n\n` +
			`Published: ${(number % 28) + 1} March 2021\n\n` +
			`${words.join(' ')}.\n\nSource: Example Wire, a long name for a wire\n`;
		const document = parseDocument({
			id: `${number}.txt`,
			path: join(folder, `${number}.txt`),
			bytes: text.length,
			text,
			encoding: 'utf-8',
		});
		expect(document.title).toBe(`A headline long enough to be a slice, number ${number}`);
		expect(document.dateline).toBe(`Published: ${(number % 28) + 1} March 2021`);
		expect(document.source).toBe('Example Wire, a long name for a wire');
		kept.push(store.save(document, {size: text.length, mtimeMs: 1_000}));
	}
	store.flush();
	const held = heapUsed() - before;
	// The texts: 20 MB (21 measured when the rows held them); the rest, whatever is left of
	// the store's work, 2–3 MB.
	expect(held).toBeLessThan(documents * 150_000);
	expect(kept.map((document) => document.title)).toHaveLength(documents);
});
