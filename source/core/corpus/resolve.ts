import {lstatSync, statSync} from 'node:fs';
import type {Stats} from 'node:fs';
import {resolve} from 'node:path';
import {sanitiseLine} from '../text/sanitise.js';
import type {FoundFile} from './scan.js';

export type Resolution =
	| {ok: true; file: FoundFile}
	| {
			ok: false;
			message: string;
			candidates: string[];
			/** Nothing came close: no file, no prefix (a "did you mean" may help). */
			unmatched?: boolean;
	  };

export interface ResolveOptions {
	/** The library folder, absolute or relative to `cwd`. */
	readonly folder: string;
	/** Where relative paths start; core never reads the process's own. */
	readonly cwd: string;
	/** The folder's files, as scanFolder found them. */
	readonly files: readonly FoundFile[];
}

/** How many candidates an ambiguity message names before "and N more". */
const NAMED_CANDIDATES = 5;

/**
 * Finds the file a user means by `reference`, trying in turn: an existing file path (absolute
 * or relative to `cwd`; outside the folder is fine), an id, a file name, and a unique prefix of
 * a file name or id ("000"), case-sensitive first, then not. Messages are one sanitised line.
 */
export function resolveReference(reference: string, options: ResolveOptions): Resolution {
	const shown = sanitiseLine(reference);
	if (reference.trim() === '') return failure('no document named: give a file name or path', []);

	const path = resolve(options.cwd, reference);
	const onDisk = statIfExists(path);
	if (onDisk?.isFile()) {
		const inFolder = options.files.find((file) => file.path === path);
		return {ok: true, file: inFolder ?? {id: shown, path, bytes: onDisk.size}};
	}

	const byId = options.files.find((file) => file.id === reference);
	if (byId !== undefined) return {ok: true, file: byId};

	// A name in the folder as the shell gives it (completed, or pasted from `ls`): ids show
	// controls and bidirectional controls as stand-ins, so only the path matches it. Node
	// decodes argv as UTF-8, a byte that is not arriving as U+FFFD: a name that is not UTF-8
	// is compared as decoded so too.
	const inFolder = resolve(options.cwd, options.folder, reference);
	const byName = options.files.filter((file) => asArgument(file) === inFolder);
	if (byName.length === 1) return {ok: true, file: byName[0]!};

	const lower = reference.toLowerCase();
	const searches: ((file: FoundFile) => boolean)[] = [
		(file) => fileNameOf(file) === reference,
		(file) => fileNameOf(file).startsWith(reference) || file.id.startsWith(reference),
		(file) =>
			fileNameOf(file).toLowerCase().startsWith(lower) || file.id.toLowerCase().startsWith(lower),
	];
	for (const matches of searches) {
		const found = options.files.filter(matches);
		if (found.length === 1) return {ok: true, file: found[0]!};
		if (found.length > 1) return ambiguous(shown, found);
	}

	if (onDisk?.isDirectory()) {
		return failure(`"${shown}" is a folder; name one document in it`, []);
	}
	// A pipe, socket or device, given as a path or named in the folder (the scan passes them
	// over, as reading one could block for ever): say what it is rather than "no such file".
	const inFolderStats = statIfExists(inFolder);
	for (const found of [onDisk, inFolderStats]) {
		if (found && !found.isFile() && !found.isDirectory()) {
			return failure(`"${shown}" is not a regular file`, []);
		}
	}
	// A link that leads nowhere (a loop, a missing target) is there, but is no file: say so.
	for (const candidate of [path, inFolder]) {
		if (!inFolderStats && !onDisk && isLink(candidate)) {
			return failure(
				`"${shown}" is a link that leads to no file (a loop, or a missing target)`,
				[],
			);
		}
	}
	const folder = sanitiseLine(options.folder);
	return {
		ok: false,
		message: `no document "${shown}" in ${folder}, and no such file`,
		candidates: [],
		unmatched: true,
	};
}

/** A file's path as it would arrive in argv: bytes that are not UTF-8 decoded as U+FFFD. */
function asArgument(file: FoundFile): string {
	return file.rawPath === undefined ? file.path : file.rawPath.toString('utf8');
}

function fileNameOf(file: FoundFile): string {
	return file.id.slice(file.id.lastIndexOf('/') + 1);
}

function isLink(path: string): boolean {
	try {
		return lstatSync(path).isSymbolicLink();
	} catch {
		return false;
	}
}

function statIfExists(path: string): Stats | undefined {
	try {
		return statSync(path);
	} catch {
		return undefined;
	}
}

function ambiguous(shown: string, found: readonly FoundFile[]): Resolution {
	const candidates = found.map((file) => file.id);
	const named = candidates.slice(0, NAMED_CANDIDATES).join(', ');
	const more =
		candidates.length > NAMED_CANDIDATES
			? `, and ${candidates.length - NAMED_CANDIDATES} more`
			: '';
	return failure(`"${shown}" matches ${candidates.length} documents: ${named}${more}`, candidates);
}

function failure(message: string, candidates: string[]): Resolution {
	return {ok: false, message, candidates};
}
