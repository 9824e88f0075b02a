import {renameSync, statSync, unlinkSync, writeFileSync, type BigIntStats} from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import {crypto} from '../corpus/hash.js';
import {fileIdentity} from './read-kept.js';

/**
 * Keeps `bytes` as `file` (readable by its owner only), written whole (to a file of its own,
 * then renamed into place) or not at all; with none, removes the file kept. The stats of the
 * file kept (of its very inode, taken before it was renamed), or undefined when none is. Quiet: what is kept this way (the folder's names and directory record beside its
 * database) only spares the next command work.
 */
export function keepFile(
	file: string,
	bytes: Uint8Array | string | undefined,
): BigIntStats | undefined {
	if (bytes === undefined) {
		try {
			unlinkSync(file);
		} catch {
			// None kept.
		}
		return undefined;
	}
	const temporary = `${file}.${crypto().randomBytes(6).toString('hex')}.tmp`;
	try {
		writeFileSync(temporary, bytes, {mode: 0o600, flag: 'wx'});
		const stats = statSync(temporary, {bigint: true});
		renameSync(temporary, file);
		return stats;
	} catch {
		try {
			unlinkSync(temporary);
		} catch {
			// Never made.
		}
		return undefined;
	}
}

/**
 * Keeps `bytes` as `file` beside the database `db` and names it there: the folder key `key`
 * holds the identity of the very file written (see read-kept.ts fileIdentity), so a reader
 * takes up that file only. Inside the caller's write transaction: the key is blanked first, so
 * the file is written while this instance holds the database's write lock (another one keeping
 * its own meanwhile waits) and the key names the file that is there. Throws when the file
 * cannot be kept; the transaction, rolled back, leaves the key as it was.
 */
export function keepNamedFile(
	db: BetterSqlite3.Database,
	key: string,
	file: string,
	bytes: Uint8Array,
): void {
	const name = db.prepare('INSERT OR REPLACE INTO folder (key, value) VALUES (?, ?)');
	name.run(key, '');
	const kept = keepFile(file, bytes);
	if (kept === undefined) throw new Error(`${key} could not be kept`);
	name.run(key, fileIdentity(kept));
}
