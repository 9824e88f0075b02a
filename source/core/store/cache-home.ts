import {isAbsolute, join} from 'node:path';

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
