import type {LaunchOptions} from './launch.js';
import {afterLeavingScreen, importInterface, quit, takeTerminal} from './terminal.js';
import {keySignal} from './key-activity.js';

export type StartOptions = Omit<LaunchOptions, 'keyboard' | 'firstPaint'>;

/**
 * Starts the full-screen interface and ends the process when the user leaves it. The library's
 * first frame is painted straight away by a small module, while Ink, React and yoga (the bulk
 * of start-up) load only afterwards. The terminal is ./terminal.ts's from the first moment:
 * a signal at any point of this gives it back and exits with the signal's code.
 */
export async function launch(options: StartOptions): Promise<number> {
	const keyboard = takeTerminal();
	if (keyboard === undefined) {
		process.stderr.write(
			'reading-room: no terminal to read keys from (stdin is not a terminal); try `reading-room list`\n',
		);
		return 2;
	}
	let firstPaint: LaunchOptions['firstPaint'];
	const notices: string[] = [];
	if (options.screen.name === 'library') {
		const [{paintFirstFrame}, {openStore, cacheHomeFrom}, {settleMsFrom}] = await Promise.all([
			import('./first-paint.js'),
			import('../core/store/open.js'),
			import('../core/corpus/settled.js'),
		]);
		// The cache answers for unchanged files, so the library lists them without reading them.
		const store = openStore({
			folder: options.folder,
			useCache: options.cache,
			cacheHome: cacheHomeFrom(process.env),
			warn: (message) => notices.push(message),
			factsInBackground: true,
			keys: keySignal,
			// Read by the loader once its worker is stating the files (see core/corpus/load.ts).
			deferRows: true,
			settleMs: settleMsFrom(process.env),
		});
		// Closed on every way out (q, Ctrl+C, a signal, a crash), once the screen is given back:
		// the last connection's close folds the write-ahead log back into the database and
		// removes the -wal and -shm files. It writes at most one batch not yet written and the
		// rows kept whole when they are behind, and waits at most the store's busy timeout for
		// another instance's lock: none of it keeps the app's screen up after q.
		afterLeavingScreen(() => store.close());
		firstPaint = await paintFirstFrame({
			folder: options.folder,
			folderLabel: options.folderLabel,
			colour: options.colour,
			stdout: process.stdout,
			store,
			remembering: options.remember,
			settleMs: settleMsFrom(process.env),
		});
	}
	let code: number;
	try {
		const {launchInterface} = await importInterface(() => import('./launch.js'));
		code = await launchInterface({
			...options,
			keyboard,
			firstPaint,
			...(notices[0] === undefined ? {} : {notice: notices[0]}),
		});
	} catch (error) {
		code = 1;
		quit(code, error instanceof Error ? (error.stack ?? error.message) : String(error));
	}
	quit(code);
	return code;
}
