/**
 * A bracketed paste is text, never keys: typed into the prompt that has focus as one line, and
 * outside a prompt only said to go nowhere. Pasted text holding q, Esc or a line break once
 * ran library commands.
 */
import {describe, expect, it} from 'vitest';
import {
	PASTE_OUTSIDE_PROMPT,
	fold,
	initialAppState,
	type AppState,
} from '../../../source/core/app/state.js';
import {createKeyDecoder} from '../../../source/core/keys.js';
import {seedDocuments} from '../../fixtures/seeds.js';
import {testEnv} from './env.js';

const seeds = seedDocuments();
const env = testEnv(seeds, {columns: 100, rows: 30});

/** What the terminal sends for `text` pasted in bracketed-paste mode. */
const paste = (text: string) => `\u001B[200~${text}\u001B[201~`;

/** The state after `input`, written as a terminal sends it, pastes marked. */
function typed(input: string, state: AppState = initialAppState()) {
	return fold(state, createKeyDecoder().push(input), env);
}

// Pasted text that, read as keys, would open an article, clear the search and quit.
const HOSTILE = 'iran\r\u001Bq\njj\r';

describe('a paste in a prompt', () => {
	it('goes into the library search as one line, and Enter after it opens the top result', () => {
		const {state, effects} = typed(`/${paste(HOSTILE)}`);
		expect(state.library).toMatchObject({filter: 'filtering', query: 'iran q jj'});
		expect(state.screen.name).toBe('library');
		expect(effects).toEqual([]);
		const pastedThenEnter = typed(`/${paste('iran\n')}\r`).state.screen;
		expect(pastedThenEnter.name === 'reader' && pastedThenEnter.document).toBe(
			(typed('/iran\r').state.screen as {document?: unknown}).document,
		);
	});

	it("goes into the reader's / line and the diff's / line", () => {
		const reading = typed(`\r/${paste('kadhimi\nrohani')}`).state;
		expect(reading.screen.name === 'reader' && reading.screen.reader?.prompt?.text).toBe(
			'kadhimi rohani',
		);
		const diffing = typed(`d/${paste('leave a\r\ncomment\u001B')}`).state;
		expect(diffing.screen.name === 'diff' && diffing.screen.diff.search?.prompt?.text).toBe(
			'leave a comment',
		);
	});
});

describe('a paste outside a prompt', () => {
	it('does nothing in the library but say where pasted text goes; the next key clears that', () => {
		const {state, effects} = typed(`j${paste(HOSTILE)}`);
		expect(effects).toEqual([]);
		expect(state.ended).toBe(false);
		expect(state.screen.name).toBe('library');
		expect(state.library).toMatchObject({filter: 'unfiltered', selected: 1});
		expect(state.notice).toBe(PASTE_OUTSIDE_PROMPT);
		expect(typed('j', state).state.notice).toBeUndefined();
	});

	it('does nothing in the reader, the diff or the help but say so where they have a line', () => {
		const reading = typed('\r').state;
		const readerAfter = typed(paste(HOSTILE), reading).state;
		expect(readerAfter.screen.name).toBe('reader');
		expect(readerAfter.screen.name === 'reader' && readerAfter.screen.reader?.message).toBe(
			PASTE_OUTSIDE_PROMPT,
		);
		expect(readerAfter.screen.name === 'reader' && readerAfter.screen.reader?.anchor).toEqual(
			reading.screen.name === 'reader' && reading.screen.reader?.anchor,
		);

		const diffing = typed('d').state;
		const diffAfter = typed(paste(HOSTILE), diffing);
		expect(diffAfter.effects).toEqual([]);
		expect(diffAfter.state.screen.name === 'diff' && diffAfter.state.screen.diff).toEqual({
			...(diffing.screen.name === 'diff' && diffing.screen.diff),
			message: PASTE_OUTSIDE_PROMPT,
		});

		const helping = typed('?').state;
		expect(typed(paste(HOSTILE), helping).state).toEqual(helping);
	});
});
