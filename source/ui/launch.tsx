import React from 'react';
import {openSync} from 'node:fs';
import {ReadStream} from 'node:tty';
import {render} from 'ink';
import {App, type InitialScreen} from './app.js';
import {ColourProvider} from './theme.js';
import type {Document} from '../core/types.js';

export interface LaunchOptions {
	readonly screen: InitialScreen;
	readonly folder: string;
	readonly folderLabel: string;
	readonly colour: boolean;
	readonly remember: boolean;
	/** Documents already read (the diff command opens straight onto them). */
	readonly documents?: readonly Document[];
}

// Alternate screen like less and vim; 1007 makes the mouse wheel send arrow keys there, so the
// wheel scrolls without taking over mouse selection.
const ENTER = '\u001B[?1049h\u001B[?1007h\u001B[2J\u001B[H';
const LEAVE = '\u001B[?1007l\u001B[?1049l\u001B[?25h';

/** Keys come from stdin, or from the controlling terminal when stdin is a pipe. */
function keyboard(): NodeJS.ReadStream | undefined {
	if (process.stdin.isTTY) return process.stdin;
	try {
		return new ReadStream(openSync('/dev/tty', 'r')) as unknown as NodeJS.ReadStream;
	} catch {
		return undefined;
	}
}

/** Runs the full-screen interface until the user quits; returns the exit code. */
export async function launchInterface(options: LaunchOptions): Promise<number> {
	const stdin = keyboard();
	if (stdin === undefined) {
		process.stderr.write(
			'reading-room: no terminal to read keys from (stdin is not a terminal); try `reading-room list`\n',
		);
		return 2;
	}

	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		instance.unmount();
		process.stdout.write(LEAVE);
		if (stdin !== process.stdin) stdin.destroy();
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

	process.stdout.write(ENTER);
	const instance = render(
		<ColourProvider colour={options.colour}>
			<App
				folder={options.folder}
				folderLabel={options.folderLabel}
				initialScreen={options.screen}
				preloaded={options.documents}
				remember={options.remember}
			/>
		</ColourProvider>,
		{
			stdin,
			exitOnCtrlC: false,
			patchConsole: false,
			// A keystroke should show within one frame: 60 fps and only the changed lines redrawn.
			maxFps: 60,
			incrementalRendering: false,
		},
	);
	process.on('SIGTERM', quitOnSignal);
	process.on('SIGHUP', quitOnSignal);
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
