import React from 'react';
import {render} from 'ink';
import {App, type InitialScreen} from './app.js';
import {ColourProvider} from './theme.js';
import {KeyboardProvider} from './keyboard.js';
import type {Document} from '../core/types.js';
import type {FirstPaint} from './first-paint.js';
import {LEAVE_FULLSCREEN} from './terminal-mode.js';
import {onQuitSignal} from './signals.js';

export interface LaunchOptions {
	readonly screen: InitialScreen;
	readonly folder: string;
	readonly folderLabel: string;
	readonly colour: boolean;
	readonly remember: boolean;
	/** False with --no-cache. */
	readonly cache: boolean;
	/** One line to show first (the cache could not be used, say). */
	readonly notice?: string;
	/** Documents already read (the diff command opens straight onto them). */
	readonly documents?: readonly Document[];
	/** Where keys come from: stdin, or the controlling terminal when stdin is a pipe. */
	readonly keyboard: NodeJS.ReadStream;
	/** The frame painted before Ink loaded, and the loader it started. */
	readonly firstPaint: FirstPaint | undefined;
}

/** Runs the full-screen interface (already in the alternate screen) until the user quits. */
export async function launchInterface(options: LaunchOptions): Promise<number> {
	const {keyboard} = options;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		instance.unmount();
		process.stdout.write(LEAVE_FULLSCREEN);
		keyboard.setRawMode?.(false);
		if (keyboard !== process.stdin) keyboard.destroy();
	};
	const quitOnSignal = () => {
		restore();
		process.exit(0);
	};
	const crash = (error: unknown) => {
		restore();
		process.stderr.write(
			`reading-room: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		process.exit(1);
	};

	// Ink draws from the cursor: put it home so its first frame lands on the painted one.
	process.stdout.write('\u001B[H');
	const instance = render(
		<ColourProvider colour={options.colour}>
			<KeyboardProvider>
				<App
					folder={options.folder}
					folderLabel={options.folderLabel}
					initialScreen={options.screen}
					preloaded={options.documents}
					remember={options.remember}
					{...(options.notice === undefined ? {} : {notice: options.notice})}
					firstPaint={options.firstPaint}
				/>
			</KeyboardProvider>
		</ColourProvider>,
		{
			stdin: keyboard,
			exitOnCtrlC: false,
			patchConsole: false,
			// A keystroke should show within one frame. Ink's incremental rendering left stale
			// rows on screen in our tests (duplicated list rows), so whole frames are written.
			maxFps: 240,
			incrementalRendering: false,
		},
	);
	onQuitSignal(quitOnSignal);
	process.on('uncaughtException', crash);
	process.on('unhandledRejection', crash);
	try {
		await instance.waitUntilExit();
	} catch (error) {
		crash(error);
	}
	restore();
	return 0;
}
