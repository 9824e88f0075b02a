import {createRequire} from 'node:module';
import type * as Crypto from 'node:crypto';

let nodeCrypto: typeof Crypto | undefined;

/** node:crypto, loaded on first use: loading it costs 2–3 ms of a start, and many runs that
 * load the modules using it hash nothing (`diff --json` reads bytes, not Documents, and opens no
 * store). */
export function crypto(): typeof Crypto {
	nodeCrypto ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto;
	return nodeCrypto;
}

/** Hex digest identifying a text's content, to recognise a changed article. SHA-1 is enough:
 * this detects edits, it does not defend against anyone crafting collisions. */
export function hashText(text: string): string {
	return crypto().createHash('sha1').update(text).digest('hex');
}
