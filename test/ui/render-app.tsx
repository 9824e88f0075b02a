/**
 * The whole app rendered with Ink into a fake terminal of a chosen size, fed keys through the
 * production keyboard path (Ink's input parser, ui/keyboard, the app's step). Like
 * ink-testing-library, whose stdout is always 100 columns and has no rows.
 */
import React from 'react';
import {EventEmitter} from 'node:events';
import {render} from 'ink';
import {vi} from 'vitest';
import {App, type AppProps} from '../../source/ui/app.js';
import {inkOptions} from '../../source/ui/launch.js';
import {ColourProvider} from '../../source/ui/theme.js';
import {SEEDS_FOLDER} from '../fixtures/seeds.js';
// The app fetches these screens with import() when it first needs them (the history once the
// versions are known, in the background). Loaded here first, so that a test ending while the
// app is still fetching one does not leave an import to finish after its environment is gone.
import '../../source/ui/diff-view.js';
import '../../source/ui/history.js';
import '../../source/ui/reader.js';

class FakeStdout extends EventEmitter {
	lastFrame = '';
	readonly isTTY = true;
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}
	write = (frame: string) => {
		this.lastFrame = frame;
		return true;
	};
}

class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
	};
	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

export interface RenderedApp {
	/** The screen as lines, trailing spaces kept off. */
	lines(): string[];
	frame(): string;
	/** The last line of the screen (the status bar or the prompt). */
	status(): string;
	/** Writes `data` in one chunk, as a paste or a fast typist delivers it. */
	write(data: string): void;
	/** Waits for the screen to satisfy `test` (never sleeps a fixed time). */
	until(test: (frame: string) => boolean, what?: string): Promise<void>;
	/** Writes each chunk on a turn of the event loop of its own: typing slowly, so React has
	 * drawn each key's screen before the next key arrives. */
	typeSlowly(...chunks: string[]): Promise<void>;
	resize(columns: number, rows: number): void;
	unmount(): void;
	readonly quits: number[];
	readonly suspends: number;
}

const mounted: RenderedApp[] = [];

export function unmountAll(): void {
	for (const app of mounted.splice(0)) app.unmount();
}

export function renderApp(
	options: {
		columns?: number;
		rows?: number;
		colour?: boolean;
		/** Rendered with the launcher's Ink options (ui/launch.tsx inkOptions): its frame rate,
		 * and Ink telling key-activity of each frame drawn. */
		launched?: boolean;
	} & Partial<AppProps> = {},
): RenderedApp {
	const {columns = 100, rows = 24, colour = false, launched = false, ...props} = options;
	const stdout = new FakeStdout(columns, rows);
	const stdin = new FakeStdin();
	const quits: number[] = [];
	let suspends = 0;
	const instance = render(
		<ColourProvider colour={colour}>
			<App
				folder={SEEDS_FOLDER}
				folderLabel="seeds"
				initialScreen={{name: 'library'}}
				remember={false}
				onQuit={(code) => quits.push(code)}
				onSuspend={() => suspends++}
				{...props}
			/>
		</ColourProvider>,
		{
			...(launched ? inkOptions(stdin as unknown as NodeJS.ReadStream) : {}),
			stdout: stdout as unknown as NodeJS.WriteStream,
			stdin: stdin as unknown as NodeJS.ReadStream,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
		},
	);
	const frame = () => stdout.lastFrame;
	const lines = () => frame().split('\n');
	const until = (test: (frame: string) => boolean, what = 'the expected screen') =>
		vi.waitFor(
			() => {
				if (!test(frame())) throw new Error(`waiting for ${what}; the screen is:\n${frame()}`);
			},
			{timeout: 5000, interval: 5},
		);
	const app: RenderedApp = {
		lines,
		frame,
		status: () => lines().at(-1) ?? '',
		write: (data) => stdin.write(data),
		until,
		async typeSlowly(...chunks) {
			for (const chunk of chunks) {
				stdin.write(chunk);
				await new Promise((resolve) => setImmediate(resolve));
			}
		},
		resize(newColumns, newRows) {
			stdout.columns = newColumns;
			stdout.rows = newRows;
			stdout.emit('resize');
		},
		unmount: () => instance.unmount(),
		quits,
		get suspends() {
			return suspends;
		},
	};
	mounted.push(app);
	return app;
}
