import {
	closeSync,
	constants,
	fstatSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	realpathSync,
	renameSync,
	rmSync,
	statSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import {isAbsolute, join, relative, resolve, sep} from 'node:path';
import {fullScreenPossible, type OutputStream} from './commands/environment.js';
import {cacheHomeFrom} from './core/store/cache-home.js';

/**
 * The commands that dist/commands.cjs answers (see source/start.ts): `diff` only when it cannot
 * open its screen (piped, TERM=dumb), the others always, for none of them opens the interface.
 * The first argument must be the command: then the parser reads it as the command whatever
 * follows (an option's value never comes first). Anything else starts the app's ES modules.
 */
export function commandOfTheBundle(
	args: readonly string[],
	env: NodeJS.ProcessEnv,
	stdout: OutputStream,
): string | undefined {
	const [first] = args;
	if (first === 'list' || first === 'show' || first === 'search') return first;
	if (first === 'versions' || first === 'history') return first;
	if (first === 'diff' && !fullScreenPossible(env, stdout)) return first;
	return undefined;
}

const PREFIX = 'code-cache-';

/** Where the compiled code of `command` from the bundle `bundleHash` is kept, if anywhere:
 * beside the folders' databases, one file a command (each compiles different functions). */
export function codeCacheFile(
	env: NodeJS.ProcessEnv,
	bundleHash: string,
	command: string,
): string | undefined {
	const home = cacheHomeFrom(env);
	return home === undefined
		? undefined
		: join(home, 'reading-room', `${PREFIX}${bundleHash}-${command}.bin`);
}

/** What a cache file opens with: its kind, then the bundle, Node, checksum and length it holds. */
const MAGIC = 'reading-room code cache 1';

/** zlib's CRC-32 (process.getBuiltinModule and zlib.crc32 are Node 20.16's); without them
 * nothing is cached. Loaded only here: the app's first frame does not need zlib. */
function crc32(): ((data: Uint8Array) => number) | undefined {
	const zlib = (process as {getBuiltinModule?: (id: string) => unknown}).getBuiltinModule?.(
		'node:zlib',
	) as {crc32?: (data: Uint8Array) => number} | undefined;
	return typeof zlib?.crc32 === 'function' ? zlib.crc32 : undefined;
}

/** A cache file's bytes: a header line naming what it holds, then V8's data. */
export function encodeCodeCache(
	payload: Uint8Array,
	bundleHash: string,
	nodeVersion: string,
): Buffer | undefined {
	const checksum = crc32()?.(payload);
	if (checksum === undefined) return undefined;
	const header = `${MAGIC} ${bundleHash} ${nodeVersion} ${checksum} ${payload.length}\n`;
	return Buffer.concat([Buffer.from(header, 'latin1'), payload]);
}

/**
 * V8's data in a cache file's bytes, or undefined when they are not whole and for this bundle
 * and this Node: V8 checks its own version and the source's length, but a damaged middle would
 * reach its deserializer, so the checksum is checked here first.
 */
export function decodeCodeCache(
	bytes: Buffer,
	bundleHash: string,
	nodeVersion: string,
): Buffer | undefined {
	const end = bytes.indexOf(0x0a);
	if (end === -1 || end > 300) return undefined;
	const expected = `${MAGIC} ${bundleHash} ${nodeVersion} `;
	const header = bytes.toString('latin1', 0, end);
	if (!header.startsWith(expected)) return undefined;
	const [checksum, length, ...rest] = header.slice(expected.length).split(' ');
	const payload = bytes.subarray(end + 1);
	if (rest.length > 0 || String(payload.length) !== length) return undefined;
	const actual = crc32()?.(payload);
	return actual !== undefined && String(actual) === checksum ? payload : undefined;
}

/** The cache file's data if it is whole and this bundle's; undefined otherwise, or unreadable.
 * Opened without waiting, and read only when a regular file: a pipe in its place would wait for
 * a writer, and the command with it, for good. */
export function readCodeCache(file: string, bundleHash: string): Buffer | undefined {
	let fd: number | undefined;
	try {
		fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
		if (!fstatSync(fd).isFile()) return undefined;
		return decodeCodeCache(readFileSync(fd), bundleHash, process.version);
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/**
 * Keeps V8's data for the next run: written whole under another name and renamed, so a reader
 * never sees half of it; other bundles' files are removed. Never inside a folder named among
 * `args` (a folder being read), like the store's databases. Any failure leaves things as they
 * were: the cache only saves time.
 */
export function writeCodeCache(
	file: string,
	bundleHash: string,
	payload: Uint8Array,
	args: readonly string[],
	cwd: string,
): void {
	try {
		const directory = join(file, '..');
		if (args.some((arg) => holds(resolve(cwd, arg), directory))) return;
		const bytes = encodeCodeCache(payload, bundleHash, process.version);
		if (bytes === undefined) return;
		mkdirSync(directory, {recursive: true});
		const temporary = `${file}.${process.pid}.tmp`;
		try {
			writeFileSync(temporary, bytes);
			renameSync(temporary, file);
		} catch (error) {
			// Written in part (a full disk) or not put in place: gone, not left a run.
			rmSync(temporary, {force: true});
			throw error;
		}
		for (const name of readdirSync(directory)) {
			if (name.startsWith(PREFIX) && !name.startsWith(`${PREFIX}${bundleHash}-`)) {
				unlinkSync(join(directory, name));
			}
		}
	} catch {
		// Unwritable, full, or gone meanwhile: the next run compiles again.
	}
}

/** Whether `path` is a folder that holds `directory` (or is it), real paths compared. */
function holds(path: string, directory: string): boolean {
	let folder: string;
	try {
		if (!statSync(path).isDirectory()) return false;
		folder = realpathSync(path);
	} catch {
		return false;
	}
	let real = directory;
	try {
		real = realpathSync(directory);
	} catch {
		// Not made yet: judged by its name.
	}
	const from = relative(folder, real);
	return from === '' || (!from.startsWith(`..${sep}`) && from !== '..' && !isAbsolute(from));
}
