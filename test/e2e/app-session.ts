/**
 * What the app's pty tests share beyond the terminal itself (terminal.ts, which the bench also
 * uses and so knows nothing of vitest): sessions closed after each test, the sizes a screen is
 * checked at, the status bar, and a start that waits for the library to be ready.
 */
import {afterEach} from 'vitest';
import {startApp, type TerminalOptions, type TerminalSession} from './terminal.js';

/** A roomy terminal and a narrow one: every screen these tests check is checked at both. */
export const TWO_SIZES = [
	{cols: 100, rows: 24},
	{cols: 60, rows: 20},
] as const;

export interface Size {
	readonly cols: number;
	readonly rows: number;
}

/** Waits on the app's first screens, which a machine loaded by the other tests slows. */
export const PATIENT = {timeout: 15_000};

/** The status bar: the last row the app draws (it draws rows − 1 lines). */
export function statusBar(app: TerminalSession): string {
	return app.row(app.rows - 2);
}

/** A screen's search line, just above the status bar. */
export function searchLine(app: TerminalSession): string {
	return app.row(app.rows - 3);
}

/**
 * Starts apps that are disposed of after each test of the file that calls this (at its top
 * level), whether the test passed or not, so no app outlives its test.
 */
export function appsClosedAfterEach(): (
	args?: readonly string[],
	options?: TerminalOptions,
) => TerminalSession {
	const sessions: TerminalSession[] = [];
	afterEach(() => {
		for (const session of sessions.splice(0)) session.dispose();
	});
	return (args = [], options = {}) => {
		const app = startApp(args, options);
		sessions.push(app);
		return app;
	};
}

/** Waits until the library lists `documents` (e.g. "5 documents") and is no longer indexing:
 * keys typed after it act on the whole folder. */
export async function libraryIndexed(app: TerminalSession, documents: string): Promise<void> {
	await app.waitFor(
		() => statusBar(app).includes(documents) && !statusBar(app).includes('indexing'),
		{...PATIENT, description: `the library, ${documents}, indexed`},
	);
}

/** Waits until the bundled articles are listed and their versions found (the badge shows), so
 * two sessions draw the same rows. */
export async function seedsIndexed(app: TerminalSession): Promise<void> {
	await app.waitFor((screen) => screen.includes('5 documents') && screen.includes('[2 versions]'), {
		...PATIENT,
		description: 'the bundled articles, indexed',
	});
}
