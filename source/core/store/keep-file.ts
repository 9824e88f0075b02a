import {renameSync, statSync, unlinkSync, writeFileSync, type BigIntStats} from 'node:fs';
import {crypto} from '../corpus/hash.js';

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
