import {Buffer} from 'node:buffer';
import type * as Crypto from 'node:crypto';
import type {Document} from '../types.js';

/**
 * A stored body's checksum, with node:crypto given (the store's, or the facts writer's own in its
 * worker: see facts-writer.ts, which takes this function's text). SHA-1 because node:crypto has
 * it natively (zlib.crc32 is not in every Node 20); about 13 µs for 10 kB.
 */
export function bodySumWith(hashing: typeof Crypto, body: string | Uint8Array): string {
	return hashing.createHash('sha1').update(body).digest('base64');
}

/**
 * A document's text's checksum as bodySumWith makes it, without hashing the text again where
 * its hash is of that text (every document but a Markdown one, whose text is rendered): its
 * hash is the SHA-1 of the same text, in hex (core/corpus/hash.ts). Undefined for the others.
 * A first run's store writer hashed every text twice, about 2 s of its thread at 100,000.
 */
export function textSumFromHash(document: Document): string | undefined {
	if (document.markdown !== undefined || !SHA1_HEX.test(document.hash)) return undefined;
	return Buffer.from(document.hash, 'hex').toString('base64');
}

const SHA1_HEX = /^[0-9a-f]{40}$/;
