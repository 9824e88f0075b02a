/**
 * Keys typed the moment the app starts, before it has set raw mode, went through the tty's
 * cooked mode, which turns Enter's CR into LF: read as Ctrl+J, a query and Enter typed at once
 * moved to the second result instead of opening the first. They act as typed.
 */
import {describe, expect, it} from 'vitest';
import {
	PATIENT as patient,
	TWO_SIZES,
	appsClosedAfterEach,
	libraryIndexed,
	statusBar as status,
} from './app-session.js';
import type {TerminalSession} from './terminal.js';

const startApp = appsClosedAfterEach();

/** The reader open, its status bar drawn; its headline's start. */
async function readerHeadline(app: TerminalSession): Promise<string> {
	await app.waitFor(() => /^lines? \d+(–\d+)? of \d+/.test(status(app)), {
		...patient,
		description: 'the reader',
	});
	return app.row(0).trim().slice(0, 16);
}

describe.each(TWO_SIZES)('keys typed at spawn, before raw mode, at $cols×$rows', (size) => {
	it('a query and Enter open the top result, written together or one by one', async () => {
		// What the same keys open once the app is up.
		const later = startApp([], size);
		await libraryIndexed(later, '5 documents');
		later.type('/iran');
		await later.waitFor(() => /match “iran”/.test(status(later)));
		later.press('enter');
		const expected = await readerHeadline(later);

		const together = startApp([], size);
		together.type('/iran\r');
		expect(await readerHeadline(together)).toBe(expected);

		const oneByOne = startApp([], size);
		for (const key of ['/', 'i', 'r', 'a', 'n', 'enter']) oneByOne.press(key);
		expect(await readerHeadline(oneByOne)).toBe(expected);
	}, 40_000);

	it('a query, ↓ ↓ and Enter open the third result, written together or one by one', async () => {
		// What the same keys open once the app is up.
		const later = startApp([], size);
		await libraryIndexed(later, '5 documents');
		later.type('/iran');
		await later.waitFor(() => /match “iran”/.test(status(later)));
		later.press('down', 'down');
		await later.waitFor(() => status(later).includes('3/'));
		later.press('enter');
		const expected = await readerHeadline(later);

		const together = startApp([], size);
		together.type('/iran\u001b[B\u001b[B\r');
		expect(await readerHeadline(together)).toBe(expected);

		const oneByOne = startApp([], size);
		for (const key of ['/', 'i', 'r', 'a', 'n', 'down', 'down', 'enter']) oneByOne.press(key);
		expect(await readerHeadline(oneByOne)).toBe(expected);
	}, 40_000);

	it('Enter alone opens the first article', async () => {
		const app = startApp([], size);
		app.press('enter');
		expect(await readerHeadline(app)).toMatch(/\S/);
		// Raw mode since: j scrolls, it is not echoed, and q goes back to the library.
		app.press('q');
		await app.waitFor(() => status(app).includes('1/5'), {description: 'the library again'});
	}, 40_000);
});
