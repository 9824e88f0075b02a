/**
 * Writes documents' terms, word sequences and version facts into the database from a worker
 * thread with a connection of its own (issue 14's first run). They are most of what a first run
 * writes (FTS5's inserts are about 70% of SQLite's time), and written on the main thread they
 * took half of a first run's 115 s at 100,000 documents, in transactions of a few documents (a
 * slice of 5 ms between keys). The worker writes on the other core in transactions of a few
 * hundred documents, which FTS5 makes fewer segments of. It also numbers the new terms and
 * makes each document's term index row and sequence: the main thread only hands it each
 * document's word sequence as its search index numbers it (KnownFacts.words) and the terms of
 * that numbering it has not handed over yet (the main thread's share of writing the facts
 * went from 1.2 to 0.5 s of CPU at 10,000 documents). A document known otherwise comes with its terms as strings, numbered here too.
 *
 * In a first run of many documents it also writes the documents' rows and bodies as the loader
 * saves them (see DocumentsBatch), which took a third of the main thread's loading, and works
 * out their version signatures from the texts it is given (core/versions/signature.ts, loaded as
 * signer.ts says), which the versions index then takes as known instead of reading each text
 * back from the database and shingling it on the main thread.
 *
 * The main thread never writes while a batch is with the worker: it waits for the worker first
 * (see DatabaseStore.write), so the writes of one run stay in one order, and the write count
 * (`generation`) the worker reads tells whether another instance wrote meanwhile, as a write of
 * the main thread's does. The worker runs only SQL the store hands it, `bodySumWith` and
 * term-words.ts's functions, so there is one definition of what is written.
 */
import {createRequire} from 'node:module';
import {MessageChannel, receiveMessageOnPort, Worker, type MessagePort} from 'node:worker_threads';
import type * as WorkerThreads from 'node:worker_threads';
import type * as Crypto from 'node:crypto';
import type * as Esbuild from 'esbuild';
import type BetterSqlite3 from 'better-sqlite3';
import {unpackedSignature, type PackedSignatures} from '../versions/signature.js';
import {bodySumWith} from './body-sum.js';
import type {KeySignal} from './key-signal.js';
import type {Signer} from './signer.js';
import {encodeSequence, termWords} from './term-words.js';

/** One document's facts, for the worker to number its new terms and write (see writerThread). */
export type FactsItem = FactsItemCommon &
	(
		| {
				/** Its word sequence as numbers of the batch's vocabulary (KnownWords.words), -1
				 * after each text: its terms are worked out here, off the main thread. */
				readonly words: Int32Array;
		  }
		| {
				/** Its distinct terms, in the order they first occur. */
				readonly terms: readonly string[];
				/** Its word sequence as places in `terms`, -1 after each text. */
				readonly sequence: Int32Array;
		  }
	);

interface FactsItemCommon {
	readonly id: string;
	readonly hash: string;
	/** The documents table's rowid, which keys its term index row and its sequence. */
	readonly rowid: number;
	readonly sequenceWords: number;
	/** signatureBytes of its signature; empty when it has none. */
	readonly signature: Uint8Array;
	readonly datelineMs: number | null;
	readonly datelineHasTime: number | null;
}

/**
 * Written in one transaction, each document's new terms numbered as the store's writeFacts
 * numbers them: after the highest number in the database, in the order they first occur.
 */
export interface FactsBatch {
	/** The terms of the items' `words` by number, from `from` on (those before it were given
	 * with earlier batches of the same `space`; a new space starts again from 0). */
	readonly vocabulary?: {readonly space: number; readonly from: number; readonly terms: string[]};
	readonly items: readonly FactsItem[];
}

/** One document's row and body, written in place of whatever was stored under its id. */
export interface DocumentItem {
	readonly id: string;
	readonly hash: string;
	/** The documents table's columns but rowid, as the store's putDocument names them. */
	readonly values: Readonly<Record<string, string | number | null>>;
	/** Its paragraphs, one a line. */
	readonly paragraphs: string;
	readonly text: string;
	/** The text's checksum, when the main thread has it (see textSumFromHash). */
	readonly textSum?: string;
}

/** Documents' rows and bodies, written in one transaction. */
export interface DocumentsBatch {
	readonly documents: readonly DocumentItem[];
	/** When given, the worker also works out the documents' version signatures, once the batch
	 * is written (or not), and hands them back under this number (see signatures). */
	readonly signing?: number;
}

/** The version signatures of a DocumentsBatch's documents, in its order: null where the text has
 * no shingles (as VersionIndex.signatureOf gives them); none when the worker could not work them
 * out (its signer did not load, or failed). */
export interface SignedBatch {
	readonly signing: number;
	readonly signatures: readonly (Uint32Array | null)[];
}

/** What became of a batch, in the order they were posted: for a DocumentsBatch written, the
 * rowid each document was given. */
export type FactsWritten =
	| {readonly written: true; readonly before: number; readonly rowids?: readonly number[]}
	| {readonly written: false; readonly code: string; readonly message: string};

/** The statements the worker runs, the store's own (see database.ts FACTS_SQL). */
export interface FactsStatements {
	readonly addTerm: string;
	/** Every stored term and its number. */
	readonly terms: string;
	readonly putTerms: string;
	readonly putSequence: string;
	readonly putFacts: string;
	readonly putSequenceWords: string;
	readonly generation: string;
	readonly setGeneration: string;
	/** A document's row (named parameters, see DocumentItem.values) and body. */
	readonly putDocument: string;
	readonly putBody: string;
	/** What a document's rows are dropped by before it is written again (see
	 * DatabaseStore.dropWritten): its rowid by its id, then its rows by one or the other. */
	readonly rowidOf: string;
	readonly dropTerms: string;
	readonly dropSequence: string;
	readonly drop: string;
	readonly dropBody: string;
	readonly dropFacts: string;
}

/** Slots of the shared counters: batches done (written or not), the worker closed, and the
 * worker broken (it could not open the database, or an error escaped it). */
const DONE = 0;
const CLOSED = 1;
const BROKEN = 2;
/** How long keys rest before the worker writes terms and facts (see KeySignal): a person types
 * a key every 100–300 ms. Less than the app's wait before its own slices of that work
 * (ui/use-background-indexes.ts), so the worker is not held when they post. */
const KEYS_PAUSE_MS = 400;
/** How long the main thread waits for the worker in one go before it gives up on it. */
const LONGEST_WAIT_MS = 30_000;

export class FactsWriter {
	private posted = 0;
	private taken = 0;
	/** Stopped: waiting for it timed out, or it was closed. */
	private stopped = false;

	private constructor(
		private readonly worker: Worker,
		private readonly port: MessagePort,
		/** Where the worker hands back the signatures it worked out (see signatures). */
		private readonly signaturePort: MessagePort,
		/** Shared with the worker: see DONE and CLOSED. */
		private readonly counters: Int32Array,
		private readonly keys: KeySignal | undefined,
	) {}

	/**
	 * A writer on the database at `file`; undefined when no worker can be started. With a
	 * `signer` it works out the signatures of the documents it is asked to (DocumentsBatch's
	 * signing); one it cannot load leaves them to the main thread.
	 */
	static start(options: {
		readonly file: string;
		readonly busyTimeoutMs: number;
		readonly statements: FactsStatements;
		readonly signer?: Signer | undefined;
		/** When keys were pressed: terms and facts are written once they rest (KEYS_PAUSE_MS). */
		readonly keys?: KeySignal | undefined;
	}): FactsWriter | undefined {
		try {
			const counters = new Int32Array(new SharedArrayBuffer(12));
			const {port1, port2} = new MessageChannel();
			const signatures = new MessageChannel();
			const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
			// The functions' text as compiled: where names are kept (tsx), they call __name.
			const script = `const __name = (target) => target;
(${writerThread.toString()})(require, {
	bodySumWith: ${bodySumWith.toString()},
	termWords: ${termWords.toString()},
	encodeSequence: ${encodeSequence.toString()},
});`;
			const {keys, ...rest} = options;
			const worker = new Worker(script, {
				eval: true,
				workerData: {
					...rest,
					sqlite,
					port: port2,
					signatures: signatures.port2,
					counters,
					keys: keys === undefined ? undefined : {slots: keys.slots, origin: keys.origin},
					keysPauseMs: KEYS_PAUSE_MS,
				},
				transferList: [port2, signatures.port2],
			});
			// Its failures come back as batches not written, or mark it broken; one that ends it
			// otherwise (out of memory) is found by drain's wait timing out.
			worker.on('error', () => undefined);
			worker.unref();
			return new FactsWriter(worker, port1, signatures.port1, counters, keys);
		} catch {
			return undefined;
		}
	}

	/** Batches posted and not yet taken back (see results). */
	get inFlight(): number {
		return this.posted - this.taken;
	}

	post(batch: FactsBatch | DocumentsBatch): void {
		const transfer: ArrayBuffer[] = [];
		// Handed over, not copied: the words and signatures are the store's own copies (a term
		// form's sequence may be its giver's, so it is copied).
		for (const item of 'items' in batch ? batch.items : []) {
			if ('words' in item) transfer.push(item.words.buffer as ArrayBuffer);
			transfer.push(item.signature.buffer as ArrayBuffer);
		}
		this.port.postMessage(batch, transfer);
		this.posted++;
	}

	/** What became of the batches done since the last call, in order; without waiting. Those
	 * of a broken worker are not written. */
	results(): FactsWritten[] {
		const results: FactsWritten[] = [];
		for (;;) {
			const received = receiveMessageOnPort(this.port);
			if (received === undefined) break;
			results.push(received.message as FactsWritten);
			this.taken++;
		}
		if (this.inFlight > 0 && Atomics.load(this.counters, BROKEN) === 1) {
			results.push(...this.lost('the writer could not write'));
		}
		return results;
	}

	/** Every batch in flight, as not written. */
	private lost(message: string): FactsWritten[] {
		const lost = this.inFlight;
		this.taken = this.posted;
		return Array.from({length: lost}, () => ({written: false, code: 'WORKER', message}));
	}

	/** The signatures the worker worked out since the last call, batch by batch, each once the
	 * batch is done; without waiting. */
	signatures(): SignedBatch[] {
		const signed: SignedBatch[] = [];
		for (;;) {
			const received = receiveMessageOnPort(this.signaturePort);
			if (received === undefined) break;
			const {signing, packed} = received.message as {
				signing: number;
				packed: PackedSignatures | undefined;
			};
			signed.push({
				signing,
				signatures:
					packed === undefined
						? []
						: Array.from(packed.shingled, (_, at) => unpackedSignature(packed, at)),
			});
		}
		return signed;
	}

	/** Waits up to `ms` for a batch to be done (none when none is in flight). */
	waitFor(ms: number): void {
		if (this.inFlight === 0 || ms <= 0) return;
		this.keys?.hurry();
		Atomics.wait(this.counters, DONE, this.taken, ms);
	}

	/**
	 * Waits for every batch posted to be done, and gives what became of them; a worker that does
	 * not answer within LONGEST_WAIT_MS is stopped, and its batches count as not written.
	 */
	drain(): FactsWritten[] {
		this.keys?.hurry();
		const results = this.results();
		const until = performance.now() + LONGEST_WAIT_MS;
		while (this.inFlight > 0) {
			const left = until - performance.now();
			if (left <= 0 || this.stopped) {
				results.push(...this.lost('the writer did not answer'));
				this.close();
				return results;
			}
			Atomics.wait(this.counters, DONE, Atomics.load(this.counters, DONE), Math.min(left, 100));
			results.push(...this.results());
		}
		return results;
	}

	/** Closes the worker's connection (after what it is writing) and ends it. */
	close(): void {
		if (this.stopped) return;
		this.stopped = true;
		this.keys?.hurry();
		try {
			this.port.postMessage({close: true});
			if (Atomics.load(this.counters, BROKEN) === 0) {
				Atomics.wait(this.counters, CLOSED, 0, LONGEST_WAIT_MS);
			}
		} catch {
			// Ended already.
		}
		this.port.close();
		this.signaturePort.close();
		void this.worker.terminate();
	}
}

/**
 * The worker's code, given `require` and body-sum's and term-words' functions as the eval'd
 * script's own (they are passed as their text: nothing outside this function is in scope there).
 */
function writerThread(
	load: NodeJS.Require,
	{
		bodySumWith: sumWith,
		termWords: wordsOf,
		encodeSequence: sequenceOf,
	}: {
		bodySumWith: typeof bodySumWith;
		termWords: typeof termWords;
		encodeSequence: typeof encodeSequence;
	},
): void {
	const {workerData} = load('node:worker_threads') as typeof WorkerThreads;
	const {
		file,
		busyTimeoutMs,
		statements,
		sqlite,
		port,
		signatures,
		counters,
		signer,
		keys,
		keysPauseMs,
	} = workerData as {
		file: string;
		busyTimeoutMs: number;
		statements: FactsStatements;
		sqlite: string;
		port: MessagePort;
		signatures: MessagePort;
		counters: Int32Array;
		keys: {slots: Int32Array; origin: number} | undefined;
		keysPauseMs: number;
		signer: Signer | undefined;
	};
	try {
		start();
	} catch {
		// Slot BROKEN: the main thread counts what it posted as not written.
		Atomics.store(counters, 2, 1);
		Atomics.notify(counters, 0);
		Atomics.notify(counters, 1);
	}

	function start(): void {
		const Database = load(sqlite) as typeof BetterSqlite3;
		const db = new Database(file, {timeout: busyTimeoutMs});
		// Per connection: as the store's own.
		db.pragma('synchronous = NORMAL');
		const addTerm = db.prepare(statements.addTerm);
		const storedTerms = db.prepare(statements.terms).raw();
		const putTerms = db.prepare(statements.putTerms);
		const putSequence = db.prepare(statements.putSequence);
		const putFacts = db.prepare(statements.putFacts);
		const putSequenceWords = db.prepare(statements.putSequenceWords);
		const generation = db.prepare(statements.generation).pluck();
		const setGeneration = db.prepare(statements.setGeneration);
		const putDocument = db.prepare(statements.putDocument);
		const putBody = db.prepare(statements.putBody);
		const rowidOf = db.prepare(statements.rowidOf).pluck();
		const dropTerms = db.prepare(statements.dropTerms);
		const dropSequence = db.prepare(statements.dropSequence);
		const drop = db.prepare(statements.drop);
		const dropBody = db.prepare(statements.dropBody);
		const dropFacts = db.prepare(statements.dropFacts);
		const hashing = load('node:crypto') as typeof Crypto;
		const blob = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
		/** As the store's flush: each in place of what its id had, its terms first. */
		const writeDocuments = db.transaction(
			(batch: DocumentsBatch): {before: number; rowids: number[]} => {
				const value = generation.get() as string | undefined;
				const before = value === undefined ? 0 : Number(value);
				const rowids: number[] = [];
				for (const item of batch.documents) {
					const rowid = rowidOf.get(item.id) as number | undefined;
					if (rowid !== undefined) {
						dropTerms.run(rowid);
						dropSequence.run(rowid);
						drop.run(item.id);
						dropBody.run(item.id);
						dropFacts.run(item.id);
					}
					rowids.push(Number(putDocument.run(item.values).lastInsertRowid));
					// As database.ts storedText: a text whose checksum came with it is its file's.
					putBody.run(
						item.id,
						item.hash,
						item.paragraphs,
						item.textSum === undefined ? item.text : null,
						sumWith(hashing, item.paragraphs),
						item.textSum ?? sumWith(hashing, item.text),
					);
				}
				setGeneration.run(String(before + 1));
				// No terms written: the ones read for facts are still the database's.
				if (numbersAt === before) numbersAt = before + 1;
				return {before, rowids};
			},
		);
		/**
		 * The database's terms by number, as of the write count `numbersAt` (read again when
		 * another write came between: the main thread's or another instance's), and the highest;
		 * new terms are numbered after it. Read at the first batch of facts.
		 */
		let numbers: Map<string, number> | undefined;
		let ceiling = 0;
		let numbersAt = -1;
		/** The numbering of the items' `words`: its terms by number, and their database numbers
		 * (0: not known yet). */
		let space = -1;
		let vocabulary: string[] = [];
		let numberOfKey: Int32Array = new Int32Array(0);
		/** Per number of `space`, the item it was last met in (see write). */
		let metIn: Int32Array = new Int32Array(0);
		let itemCount = 0;
		const numberOf = (term: string): number => {
			let number = numbers!.get(term);
			if (number === undefined) {
				number = ++ceiling;
				numbers!.set(term, number);
				addTerm.run(number, term);
			}
			return number;
		};
		const grown = (array: Int32Array, length: number): Int32Array => {
			if (array.length >= length) return array;
			const wider = new Int32Array(Math.max(length, array.length * 2, 1024));
			wider.set(array);
			return wider;
		};
		const write = db.transaction((batch: FactsBatch): number => {
			const value = generation.get() as string | undefined;
			const before = value === undefined ? 0 : Number(value);
			if (numbers === undefined || before !== numbersAt) {
				numbers = new Map();
				ceiling = 0;
				for (const [term, number] of storedTerms.iterate() as Iterable<[string, number]>) {
					numbers.set(term, number);
					if (number > ceiling) ceiling = number;
				}
				numberOfKey.fill(0);
			}
			const given = batch.vocabulary;
			if (given !== undefined) {
				if (given.space !== space) {
					space = given.space;
					vocabulary = [];
					numberOfKey = new Int32Array(0);
				}
				for (let at = 0; at < given.terms.length; at++)
					vocabulary[given.from + at] = given.terms[at]!;
				numberOfKey = grown(numberOfKey, vocabulary.length);
				metIn = grown(metIn, vocabulary.length);
			}
			for (const item of batch.items) {
				// Saved again by another instance since the batch was made (two first runs at once):
				// its terms would go under a rowid no document has, and count in every search.
				if (rowidOf.get(item.id) !== item.rowid) continue;
				let words: string;
				let sequence: Uint8Array;
				if ('words' in item) {
					// Its distinct terms in the order they first occur, as storedTerms gives them.
					const stamp = ++itemCount;
					const distinct: number[] = [];
					for (const key of item.words) {
						if (key < 0 || metIn[key] === stamp) continue;
						metIn[key] = stamp;
						let number = numberOfKey[key]!;
						if (number === 0) number = numberOfKey[key] = numberOf(vocabulary[key]!);
						distinct.push(number);
					}
					words = wordsOf(distinct);
					sequence = sequenceOf(item.words, numberOfKey);
				} else {
					const termNumbers = item.terms.map(numberOf);
					words = wordsOf(termNumbers);
					sequence = sequenceOf(item.sequence, termNumbers);
				}
				putTerms.run(item.rowid, words);
				// As Buffers, which better-sqlite3 binds as blobs (they come as plain Uint8Arrays).
				putSequence.run(item.rowid, blob(sequence));
				putFacts.run(
					item.id,
					item.hash,
					blob(item.signature),
					item.datelineMs,
					item.datelineHasTime,
				);
				putSequenceWords.run(item.sequenceWords, item.id);
			}
			setGeneration.run(String(before + 1));
			numbersAt = before + 1;
			return before;
		});
		/** core/versions/signature.ts's packedSignatures, as signer.ts says to load it; undefined
		 * when it cannot be (then the main thread works the signatures out). */
		let sign: ((texts: readonly string[]) => PackedSignatures) | undefined;
		try {
			let code: string | undefined;
			if (signer !== undefined && 'code' in signer) code = signer.code;
			else if (signer !== undefined) {
				const esbuild = load(signer.esbuild) as typeof Esbuild;
				const bundled = esbuild.buildSync({...signer.options, entryPoints: [signer.file]});
				code = bundled.outputFiles[0]!.text;
			}
			if (code !== undefined) {
				// The script leaves the module's exports in `versionSignatures`.
				const module = new Function(`${code}\nreturn versionSignatures;`)() as {
					packedSignatures: typeof sign;
				};
				sign = module.packedSignatures;
			}
		} catch {
			sign = undefined;
		}
		/** Returns once keys have rested keysPauseMs (see KeySignal), at once when the main thread
		 * says it waits for this thread (hurry). */
		const keysRested = () => {
			if (keys === undefined) return;
			for (;;) {
				const last = Atomics.load(keys.slots, 0);
				const wait = last + keysPauseMs - (Date.now() - keys.origin);
				if (wait <= 0) return;
				Atomics.wait(keys.slots, 0, last, wait);
			}
		};
		/** A batch failed: the ones after it name terms it did not write, so none is written. */
		let failed = false;
		const done = (result: FactsWritten) => {
			port.postMessage(result);
			Atomics.add(counters, 0, 1);
			Atomics.notify(counters, 0);
		};
		port.on('message', (message: FactsBatch | DocumentsBatch | {close: true}) => {
			if ('close' in message) {
				try {
					db.close();
				} finally {
					Atomics.store(counters, 1, 1);
					Atomics.notify(counters, 1);
					port.close();
					signatures.close();
				}
				return;
			}
			// Terms and facts can wait for keys to rest; documents' rows and bodies cannot: the
			// loader waits for them.
			if (!('documents' in message)) keysRested();
			if (failed) {
				done({written: false, code: 'SKIPPED', message: 'an earlier batch was not written'});
			} else {
				try {
					done(
						'documents' in message
							? {written: true, ...writeDocuments(message)}
							: {written: true, before: write(message)},
					);
				} catch (error) {
					failed = true;
					const {code, message: text} = error as {code?: unknown; message?: unknown};
					done({written: false, code: String(code ?? ''), message: String(text ?? error)});
				}
			}
			// After the batch is done, so the loader waiting for it goes on meanwhile; before the
			// next, so the texts held for it are those of the batches in flight.
			if ('documents' in message && message.signing !== undefined) {
				let packed: PackedSignatures | undefined;
				try {
					packed = sign?.(message.documents.map(({text}) => text));
				} catch {
					// None given back: the main thread works them out.
				}
				signatures.postMessage(
					{signing: message.signing, packed},
					packed === undefined ? [] : [packed.bins.buffer, packed.shingled.buffer],
				);
			}
		});
	}
}
