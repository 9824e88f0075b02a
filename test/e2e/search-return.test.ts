/**
 * Back from an article opened from a search with Enter, the library keeps the results with the
 * focus on the list, as after Tab: a second q quits, where it was typed into the query.
 */
import {describe, expect, it} from 'vitest';
import {
	PATIENT as patient,
	TWO_SIZES,
	appsClosedAfterEach,
	libraryIndexed,
	statusBar as status,
	type Size,
} from './app-session.js';
import type {TerminalSession} from './terminal.js';

const startApp = appsClosedAfterEach();

async function launched(size: Size): Promise<TerminalSession> {
	const app = startApp([], size);
	await libraryIndexed(app, '5 documents');
	return app;
}

/** The library listing the results of "iran", no search line with a cursor on screen. */
const resultsInFocus = (screen: string, app: TerminalSession) =>
	status(app).startsWith('5 of 5 match “iran” · ') &&
	status(app).includes('/ edit') &&
	!screen.includes('█');

describe.each(TWO_SIZES)('q after Enter from a search at $cols×$rows', (size) => {
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
