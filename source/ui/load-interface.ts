import type * as LaunchModule from './launch.js';
import type {LaunchOptions} from './launch.js';
import {ENTER_FULLSCREEN, LEAVE_FULLSCREEN, openKeyboard} from './terminal-mode.js';
import {onQuitSignal} from './signals.js';

export type StartOptions = Omit<LaunchOptions, 'keyboard' | 'firstPaint'>;

/**
 * Starts the full-screen interface. The library's first frame is painted straight away by a
 * small module, while Ink, React and yoga (the bulk of start-up) load only afterwards. Two
 * facts of the environment are fixed up before Ink loads, because its dependencies read them
 * once, when they load:
 * - is-in-ci: with CI set, Ink stops drawing frames; on a real terminal that is never wanted.
 * - yoga-layout reads its inlined WebAssembly through fetch() when fetch exists, which loads
 *   undici and costs ~15 ms of start-up (../shared/notes/startup.md); without it, it decodes
 *   the base64 directly.
 */
export async function launch(options: StartOptions): Promise<number> {
	const keyboard = openKeyboard();
	if (keyboard === undefined) {
		process.stderr.write(
			'reading-room: no terminal to read keys from (stdin is not a terminal); try `reading-room list`\n',
		);
		return 2;
	}
	// Until the interface takes over, a signal still has to give the terminal back, so the
	// handler is in place before the terminal is changed: a SIGTERM between the two would take
	// the default action and leave the terminal raw, on the alternate screen. While the
	// interface's modules load, process.exit() would hang: Node does not end a process whose
	// module graph is still evaluating (yoga-layout's top-level await), so the exit waits for
	// the import to settle.
	let importing = false;
	let quitRequested = false;
	const leaveEarly = () => {
		if (quitRequested) return;
		quitRequested = true;
		process.stdout.write(LEAVE_FULLSCREEN);
		keyboard.setRawMode?.(false);
		if (!importing) process.exit(0);
	};
	onQuitSignal(leaveEarly);
	// Raw mode at once, so keys typed while the interface loads are kept for it, not echoed.
	keyboard.setRawMode?.(true);
	process.stdout.write(ENTER_FULLSCREEN);

	let firstPaint: LaunchOptions['firstPaint'];
	const notices: string[] = [];
	if (options.screen.name === 'library') {
		const [{paintFirstFrame}, {openStore, cacheHomeFrom}] = await Promise.all([
			import('./first-paint.js'),
			import('../core/store/open.js'),
		]);
		// The cache answers for unchanged files, so the library lists them without reading them.
		const store = openStore({
			folder: options.folder,
			useCache: options.cache,
			cacheHome: cacheHomeFrom(process.env),
			warn: (message) => notices.push(message),
		});
		firstPaint = await paintFirstFrame({
			folder: options.folder,
			folderLabel: options.folderLabel,
			colour: options.colour,
			stdout: process.stdout,
			store,
		});
	}

	for (const name of Object.keys(process.env)) {
		if (name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_')) {
			delete process.env[name];
		}
	}
	// chalk (inside Ink) reads --no-color from argv and would then drop bold, underline and
	// inverse too; the app already chose its looks without colour, which keep those cues.
	process.argv = process.argv.filter(
		(argument) => !/^--no-colou?rs?$|^--colou?r=false$/.test(argument),
	);
	const globals = globalThis as {fetch?: typeof fetch};
	const savedFetch = globals.fetch;
	globals.fetch = undefined;
	let module: typeof LaunchModule;
	importing = true;
	try {
		module = await import('./launch.js');
	} finally {
		globals.fetch = savedFetch;
		importing = false;
	}
	if (quitRequested) process.exit(0);
	return module.launchInterface({
		...options,
		keyboard,
		firstPaint,
		...(notices[0] === undefined ? {} : {notice: notices[0]}),
	});
}
