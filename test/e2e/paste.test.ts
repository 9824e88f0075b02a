/**
 * Pasted text is never read as keys. The app asks for bracketed paste, so the terminal marks a
 * paste: in a search line it is typed as one line (line breaks and Esc as spaces), elsewhere it
 * is only said to go nowhere. Pasted text holding Enter, Esc and q once opened, cleared and quit.
 */
import {describe, expect, it} from 'vitest';
import {
	PATIENT as patient,
	TWO_SIZES,
	appsClosedAfterEach,
	searchLine,
	seedsIndexed,
	statusBar as status,
	type Size,
} from './app-session.js';
import type {TerminalSession} from './terminal.js';
import {seedDocuments} from '../fixtures/seeds.js';

const seeds = seedDocuments();
const startApp = appsClosedAfterEach();

async function launched(size: Size): Promise<TerminalSession> {
	const app = startApp([], size);
	await seedsIndexed(app);
	expect(app.isBracketedPaste()).toBe(true);
	return app;
}

// Read as keys, this would type "iran", open the top result, leave it and quit.
const HOSTILE = 'iran\r\u001bq\n';

/** The reader open on the article whose headline starts `title`, its status bar drawn. */
const readerOn = (title: string) => (screen: string, app: TerminalSession) =>
	/lines? \d+(–\d+)? of \d+/.test(status(app)) && screen.split('\n')[0]!.includes(title);

/** The title of what `/iran` and Enter open, found by typing it. */
async function topResultForIran(size: Size): Promise<string> {
	const app = await launched(size);
	app.type('/iran');
	await app.waitFor(() => /match “iran”/.test(status(app)) && !status(app).includes('indexing'));
	app.press('enter');
	await app.waitFor((screen) => /lines? \d+/.test(status(app)) && screen !== '', {
		description: 'the reader',
	});
	const title = app.row(0).trim().slice(0, 16);
	expect(seeds.some((seed) => seed.title.startsWith(title))).toBe(true);
	app.dispose();
	return title;
}

describe.each(TWO_SIZES)('a paste at $cols×$rows', (size) => {
	it('goes into the search line as one line, key by key or written with the keys around it', async () => {
		const title = await topResultForIran(size);

		const oneByOne = await launched(size);
		oneByOne.press('/');
		await oneByOne.waitFor(() => searchLine(oneByOne) === '/█');
		oneByOne.type(oneByOne.pasted(HOSTILE));
		await oneByOne.waitFor(
			() => searchLine(oneByOne) === '/iran q█' && /match “iran q”/.test(status(oneByOne)),
			{description: 'the paste in the search line'},
		);
		oneByOne.press('ctrl+w', 'backspace');
		await oneByOne.waitFor(() => searchLine(oneByOne) === '/iran█');
		oneByOne.press('enter');
		await oneByOne.waitFor(readerOn(title), {...patient, description: `the reader on ${title}`});

		const together = await launched(size);
		together.type(`/${together.pasted(HOSTILE)}\u0017\u007f\r`);
		await together.waitFor(readerOn(title), {...patient, description: `the reader on ${title}`});
		expect(together.hasExited()).toBe(false);
	}, 40_000);

	it('outside a search line does nothing but say where pasted text goes', async () => {
		const app = await launched(size);
		app.press('j');
		await app.waitFor(() => status(app).includes('2/5'));
		app.type(app.pasted(HOSTILE));
		await app.waitFor(() => status(app).startsWith('pasted text goes into a search'), {
			description: 'the notice',
		});
		expect(app.screenText()).not.toContain('/iran');
		// Written together with a key after it: the paste still does nothing, the key moves.
		app.type(`${app.pasted('q')}j`);
		await app.waitFor(() => status(app).includes('3/5') && !status(app).startsWith('pasted'), {
			description: 'the cursor on the third row',
		});
		expect(app.hasExited()).toBe(false);

		// In the reader, too: the paste's Esc and q do not leave it.
		app.press('enter');
		await app.waitFor(() => /lines? \d+/.test(status(app)), {description: 'the reader'});
		app.type(app.pasted(HOSTILE));
		await app.waitFor(() => status(app).startsWith('pasted text goes into a search'), {
			description: 'the notice in the reader',
		});
		app.type(`/${app.pasted('tehran\n')}`);
		await app.waitFor(() => status(app).startsWith('/tehran█'), {
			description: 'the paste in the reader’s search line',
		});
		// The search line had the paste's q: the next q is the reader's again.
		app.press('escape', 'q');
		await app.waitFor(() => status(app).includes('3/5'), {description: 'the library again'});
	}, 40_000);

	it('in the diff: outside its / line said to go nowhere, in it typed as one line', async () => {
		const app = await launched(size);
		app.press('d');
		await app.waitFor(() => status(app).includes('2 changes'), {description: 'the diff'});
		// Esc and q in the paste do not leave the diff.
		app.type(app.pasted(HOSTILE));
		await app.waitFor(() => status(app).includes('pasted text goes into a search'), {
			description: 'the notice in the diff',
		});
		app.type(`/${app.pasted('leave a\r\ncomment\n')}`);
		await app.waitFor(() => app.screenText().includes('/leave a comment█'), {
			description: 'the paste in the diff’s search line',
		});
		app.press('enter');
		await app.waitFor(() => /· match 1\/\d+ for “leave a comment”/.test(status(app)), {
			description: 'the search for the pasted line',
		});
	}, 40_000);
});

describe('a paste whose end marker never comes', () => {
	it('takes the keys after it, but Ctrl+C typed alone still quits at once (130)', async () => {
		const app = await launched({cols: 80, rows: 24});
		// The start marker and text, as a terminal or link that lost the end marker sends them.
		app.type('\u001b[200~iran');
		app.type('q');
		// A Ctrl+C that one read joins to the keys before it is pasted text, as it could be; a
		// person presses it again. Pressed alone, it quits.
		let exit: Awaited<ReturnType<typeof app.waitForExit>> | undefined;
		for (let press = 0; press < 5 && exit === undefined; press++) {
			app.press('ctrl+c');
			exit = await app.waitForExit({timeout: 3000}).catch(() => undefined);
		}
		expect(exit?.exitCode).toBe(130);
		expect(app.isAlternateScreen()).toBe(false);
	}, 40_000);
});
