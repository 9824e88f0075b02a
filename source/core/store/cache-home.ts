import {basename, isAbsolute, join} from 'node:path';

/**
 * $XDG_CACHE_HOME when it is an absolute path (the XDG base directory spec says a relative one
 * is invalid and to be ignored), else ~/.cache; undefined without either. A module of its own
 * so the commands' launcher (source/code-cache.ts) finds the same folder without loading the
 * store.
 */
export function cacheHomeFrom(environment: {
	readonly XDG_CACHE_HOME?: string | undefined;
	readonly HOME?: string | undefined;
}): string | undefined {
	const {XDG_CACHE_HOME: cache, HOME: home} = environment;
	if (cache !== undefined && isAbsolute(cache)) return cache;
	if (home !== undefined && isAbsolute(home)) return join(home, '.cache');
	return undefined;
}

/**
 * The name, without its extension, of the files kept for the folder whose real path is `real`
 * in the cache folder's reading-room folder: its database (.sqlite), the names of its files
 * (.names, see core/corpus/listing.ts) and the record of its directories that vouches for them
 * (.dirs). The hash is given (SHA-256, in hex): node:crypto is
 * loaded only where it is needed.
 */
export function storeStem(real: string, sha256Hex: (text: string) => string): string {
	const name =
		basename(real)
			.replace(/[^A-Za-z0-9._-]+/g, '_')
			.slice(0, 40) || 'root';
	return `${name}-${sha256Hex(real).slice(0, 16)}`;
}

/** Where the names of the files of the folder whose real path is `real` are kept (see
 * storeStem), under the cache folder `cacheHome`. */
export function namesFileOf(
	cacheHome: string,
	real: string,
	sha256Hex: (text: string) => string,
): string {
	return join(cacheHome, 'reading-room', `${storeStem(real, sha256Hex)}.names`);
}

/** The names file (see namesFileOf) beside the database `databaseFile` (a .sqlite file). */
export function namesFileOfDatabase(databaseFile: string): string {
	return `${databaseFile.replace(/\.sqlite$/, '')}.names`;
}

/** The scan kept beside the database `databaseFile` (see core/corpus/kept-scan.ts). */
export function scanFileOfDatabase(databaseFile: string): string {
	return `${databaseFile.replace(/\.sqlite$/, '')}.scan`;
}

/** The directory record kept beside the names file `namesFile` (see
 * core/corpus/find-run.ts, KeptDirectories). */
export function directoriesFileOf(namesFile: string): string {
	return `${namesFile.replace(/\.names$/, '')}.dirs`;
}
