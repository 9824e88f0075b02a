import React, {useEffect} from 'react';
import {render, useStdout, type RenderOptions} from 'ink';
import {App, type InitialScreen} from './app.js';
import {ColourProvider} from './theme.js';
import type {Document} from '../core/types.js';
import type {FirstPaint} from './first-paint.js';
import {beforeLeavingScreen, onResume} from './terminal.js';
import {noteFrame} from './key-activity.js';

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

/**
 * Redraws the whole frame when the terminal comes back after a stop (SIGCONT): the screen was
 * cleared, but Ink writes only frames that differ from the last. Its stdout write clears what
 * it last drew and draws it again.
 */
function RedrawOnResume() {
	const {write} = useStdout();
	useEffect(() => onResume(() => write('')), [write]);
	return null;
}

/** How Ink runs the app, keys read from `keyboard` (the tests of ui/ render with these too). */
export function inkOptions(keyboard: NodeJS.ReadStream): RenderOptions {
	return {
		stdin: keyboard,
		exitOnCtrlC: false,
		patchConsole: false,
		// A keystroke should show within one frame. Ink's incremental rendering left stale rows
		// on screen in our tests (duplicated list rows), so whole frames are written.
		maxFps: 240,
		incrementalRendering: false,
		// Background work waits for the frame of keys read (see key-activity.ts).
		onRender: () => noteFrame(),
	};
}

/**
 * Runs the full-screen interface (the terminal already taken by ./terminal.ts) until the user
 * quits; resolves with the exit code the app asked for: 0 for q, 130 for Ctrl+C.
 */
export async function launchInterface(options: LaunchOptions): Promise<number> {
	let code = 0;
	// Ink draws from the cursor: put it home so its first frame lands on the painted one.
	process.stdout.write('\u001B[H');
	const instance = render(
		<ColourProvider colour={options.colour}>
			<RedrawOnResume />
			<App
				folder={options.folder}
				folderLabel={options.folderLabel}
				initialScreen={options.screen}
				preloaded={options.documents}
				remember={options.remember}
				{...(options.notice === undefined ? {} : {notice: options.notice})}
				firstPaint={options.firstPaint}
				onQuit={(exitCode) => {
					code = exitCode;
				}}
			/>
		</ColourProvider>,
		inkOptions(options.keyboard),
	);
	// Leaving by a signal or a crash unmounts too, so screens save what they save on the way out.
	beforeLeavingScreen(() => instance.unmount());
	await instance.waitUntilExit();
	return code;
}
