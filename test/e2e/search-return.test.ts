/**
 * Back from an article opened from a search with Enter, the library keeps the results with the
 * focus on the list, as after Tab: a second q quits, where it was typed into the query.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {startApp, type TerminalSession} from './terminal.js';

const sessions: TerminalSession[] = [];

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
});

const SIZES = [
	{cols: 100, rows: 24},
	{cols: 60, rows: 20},
] as const;

const status = (app: TerminalSession) => app.row(app.rows - 2);
const patient = {timeout: 15_000};

async function launched(size: {cols: number; rows: number}): Promise<TerminalSession> {
	const app = startApp([], size);
	sessions.push(app);
	await app.waitFor(
		() => status(app).includes('5 documents') && !status(app).includes('indexing'),
		{
			...patient,
			description: 'the library, indexed',
		},
	);
	return app;
}

/** The library listing the results of "iran", no search line with a cursor on screen. */
const resultsInFocus = (screen: string, app: TerminalSession) =>
	status(app).startsWith('5 of 5 match “iran” · ') &&
	status(app).includes('/ edit') &&
	!screen.includes('█');

describe.each(SIZES)('q after Enter from a search at $cols×$rows', (size) => {
	it('comes back to the results, the list in focus; q again quits (keys one by one)', async () => {
		const app = await launched(size);
		app.type('/iran');
		await app.waitFor(() => /match “iran”/.test(status(app)));
		app.press('enter');
		await app.waitFor(() => /^lines? \d+/.test(status(app)), {description: 'the reader'});
		app.press('q');
		await app.waitFor(resultsInFocus, {description: 'the results, the list in focus'});
		// j moves in the results; / edits the query again, Esc there clears the search.
		app.press('j');
		await app.waitFor(() => status(app).startsWith('5 of 5 match “iran” · 2/5'));
		app.press('/');
		await app.waitFor(() => app.screenText().includes('/iran█'), {description: 'the query'});
		app.press('tab');
		await app.waitFor(resultsInFocus);
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	}, 40_000);

	it('does the same written together', async () => {
		const app = await launched(size);
		app.type('/iran\rq');
		await app.waitFor(resultsInFocus, {...patient, description: 'the results, the list in focus'});
		app.type('jq');
		expect((await app.waitForExit()).exitCode).toBe(0);
	}, 40_000);
});
