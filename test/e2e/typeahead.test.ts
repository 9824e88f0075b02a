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
	/** `/iran`, ↓ `downs` times and Enter, typed at spawn, written together and one by one:
	 * each opens what the same keys open once the app is up. */
	async function opensAsOnceUp(downs: number): Promise<void> {
		const later = startApp([], size);
		await libraryIndexed(later, '5 documents');
		later.type('/iran');
		// The whole folder's answer, not the first documents' ("so far").
		await later.waitFor(() => status(later).includes('5 of 5 match “iran”'));
		for (let press = 1; press <= downs; press++) {
			later.press('down');
			await later.waitFor(() => status(later).includes(`${press + 1}/`));
		}
		later.press('enter');
		const expected = await readerHeadline(later);

		const together = startApp([], size);
		together.type(`/iran${'\u001b[B'.repeat(downs)}\r`);
		expect(await readerHeadline(together)).toBe(expected);

		const oneByOne = startApp([], size);
		const keys = ['/', 'i', 'r', 'a', 'n', ...Array<string>(downs).fill('down'), 'enter'];
		for (const key of keys) oneByOne.press(key);
		expect(await readerHeadline(oneByOne)).toBe(expected);
	}

	it('a query and Enter open the top result, written together or one by one', async () => {
		await opensAsOnceUp(0);
	}, 40_000);

	it('a query, ↓ ↓ and Enter open the third result, written together or one by one', async () => {
		await opensAsOnceUp(2);
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
