/**
 * A worker thread that goes through the loader's files beside it (both-ends.ts stats them,
 * read-ahead.ts reads them). Its script is `thread`'s own text, so it loads no module of ours
 * and nothing the process was started with (a loader such as tsx): it only uses what it is
 * given, `workerData.paths` and `data`.
 */
import type {Buffer} from 'node:buffer';
import {Worker} from 'node:worker_threads';

/**
 * The loader's files as a files worker takes them, in one string: 100,000 paths as an array
 * took longer to copy than to stat. Each file's path is `prefix` and its part of `names` (split
 * at `separator`), or none when that part is '' (the file is left to the loader).
 */
export interface WorkerPaths {
	readonly prefix: string;
	readonly names: string;
	readonly separator: '\0' | '\n';
	readonly count: number;
}

/**
 * Starts `thread` with `paths` (see WorkerPaths). Its failures only leave more to the loader,
 * and it does not keep the process alive. Throws when it cannot start.
 */
export function startFilesWorker(
	thread: (load: NodeJS.Require) => void,
	paths: WorkerPaths,
	data: Readonly<Record<string, unknown>>,
): Worker {
	// The function's text as compiled: where names are kept (tsx), it calls __name.
	const script = `const __name = (target) => target;\n(${thread.toString()})(require);`;
	const worker = new Worker(script, {
		eval: true,
		workerData: {...data, paths},
		execArgv: [],
	});
	worker.on('error', () => undefined);
	worker.unref();
	return worker;
}

/** The loader's files as a files worker takes them: a path that is not UTF-8 is left out. */
export function workerPaths(
	files: readonly {readonly path: string; readonly rawPath?: Buffer | undefined}[],
): WorkerPaths {
	return joinedPaths(files.map((file) => (file.rawPath ? undefined : file.path)));
}

/** `paths` as a files worker takes them (undefined: left to the loader). */
export function joinedPaths(paths: readonly (string | undefined)[]): WorkerPaths {
	return {
		prefix: '',
		names: paths.map((path) => path ?? '').join('\0'),
		separator: '\0',
		count: paths.length,
	};
}
