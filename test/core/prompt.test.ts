import {describe, expect, it} from 'vitest';
import {pasteKey} from '../../source/core/keys.js';
import {
	editPrompt,
	insertText,
	MAX_PROMPT_LENGTH,
	oneLinePaste,
	promptKey,
	promptLine,
	type Prompt,
} from '../../source/core/prompt.js';

/** A prompt written with `|` where the cursor is: 'ab|c' is "abc" with the cursor before c. */
function at(marked: string): Prompt {
	const cursor = marked.indexOf('|');
	return {text: marked.slice(0, cursor) + marked.slice(cursor + 1), cursor};
}

function show(prompt: Prompt): string {
	return `${prompt.text.slice(0, prompt.cursor)}|${prompt.text.slice(prompt.cursor)}`;
}

/** The prompt after `keys`, each through promptKey as the app sends them. */
function press(start: string, ...keys: string[]): string {
	let prompt = at(start);
	for (const key of keys) {
		const outcome = promptKey(prompt, key);
		if (outcome.kind === 'edit') prompt = outcome.prompt;
	}
	return show(prompt);
}

describe('the prompt edits like readline', () => {
	it('types at the cursor', () => {
		expect(press('|', 'i', 'r', 'a', 'n')).toBe('iran|');
		expect(press('ir|n', 'a')).toBe('ira|n');
		expect(press('|', 'a', 'space', 'b')).toBe('a b|');
	});

	it('moves by characters: ← → Ctrl+B Ctrl+F, stopping at the ends', () => {
		expect(press('ab|c', 'left')).toBe('a|bc');
		expect(press('ab|c', 'ctrl+b')).toBe('a|bc');
		expect(press('ab|c', 'right')).toBe('abc|');
		expect(press('ab|c', 'ctrl+f')).toBe('abc|');
		expect(press('|abc', 'left')).toBe('|abc');
		expect(press('abc|', 'right')).toBe('abc|');
		// Over a character outside the BMP in one step.
		expect(press('a😀|', 'left')).toBe('a|😀');
		expect(press('a|😀', 'right')).toBe('a😀|');
	});

	it('goes to the start and the end: Home End Ctrl+A Ctrl+E', () => {
		expect(press('ab|c', 'home')).toBe('|abc');
		expect(press('ab|c', 'ctrl+a')).toBe('|abc');
		expect(press('a|bc', 'end')).toBe('abc|');
		expect(press('a|bc', 'ctrl+e')).toBe('abc|');
	});

	it('moves by words: Alt+B Alt+F Ctrl+← Ctrl+→', () => {
		expect(press('iran iraq| ties', 'alt+b')).toBe('iran |iraq ties');
		expect(press('iran iraq |ties', 'alt+b')).toBe('iran |iraq ties');
		expect(press('iran |iraq ties', 'ctrl+left')).toBe('|iran iraq ties');
		expect(press('iran| iraq ties', 'alt+f')).toBe('iran iraq| ties');
		expect(press('ir|an iraq', 'ctrl+right')).toBe('iran| iraq');
		expect(press('"iran-iraq|"', 'alt+b')).toBe('"iran-|iraq"');
	});

	it('deletes a character: Backspace and Ctrl+H before the cursor, Delete and Ctrl+D under it', () => {
		expect(press('ab|c', 'backspace')).toBe('a|c');
		expect(press('ab|c', 'ctrl+h')).toBe('a|c');
		expect(press('ab|c', 'delete')).toBe('ab|');
		expect(press('ab|c', 'ctrl+d')).toBe('ab|');
		expect(press('|abc', 'backspace')).toBe('|abc');
		expect(press('abc|', 'delete')).toBe('abc|');
		expect(press('a😀|', 'backspace')).toBe('a|');
		expect(press('a|😀b', 'delete')).toBe('a|b');
	});

	it('deletes words: Ctrl+W back to a space, Alt+Backspace the same, Alt+D the word after', () => {
		expect(press('iran "iraq ties|', 'ctrl+w')).toBe('iran "iraq |');
		expect(press('iran "iraq|', 'ctrl+w')).toBe('iran |');
		expect(press('iran iraq  |', 'ctrl+w')).toBe('iran |');
		expect(press('iran iraq|', 'alt+backspace')).toBe('iran |');
		expect(press('iran| iraq ties', 'alt+d')).toBe('iran| ties');
		expect(press('|iran iraq', 'alt+d')).toBe('| iraq');
	});

	it('deletes to the start: Ctrl+U', () => {
		expect(press('iran ir|aq', 'ctrl+u')).toBe('|aq');
	});

	it('never types a control chord or a named key as text', () => {
		for (const key of ['ctrl+n', 'ctrl+p', 'ctrl+x', 'ctrl+space', 'f1', 'insert', 'shift+up']) {
			expect(press('ab|', key)).toBe('ab|');
		}
		// ? and q are text here.
		expect(press('|', '?', 'q')).toBe('?q|');
	});

	it('keeps control characters and bidi overrides out of pasted text, and caps its length', () => {
		expect(show(insertText(at('|'), 'a\u001b[31mb\u202ec\n'))).toBe('a[31mbc|');
		const long = insertText(at('|'), 'x'.repeat(MAX_PROMPT_LENGTH + 50));
		expect(long.text.length).toBe(MAX_PROMPT_LENGTH);
		expect(insertText(long, 'y')).toBe(long);
	});

	it('types a paste at the cursor as one line: line breaks, tabs and Esc become spaces, none at its ends', () => {
		expect(press('ab|c', pasteKey('iran\r\nnuclear\tdeal\n'))).toBe('abiran nuclear deal|c');
		// Nothing in a paste is a key: not Enter, not Esc, not q.
		expect(press('|', pasteKey('q\u001b[Aj\rx'))).toBe('q [Aj x|');
		expect(oneLinePaste('a\u0000\u009bb')).toBe('a b');
		expect(press('|', pasteKey('x'.repeat(MAX_PROMPT_LENGTH + 5)))).toBe(
			`${'x'.repeat(MAX_PROMPT_LENGTH)}|`,
		);
	});

	it('hands navigation keys to the screen instead of editing', () => {
		const commands = Object.fromEntries(
			['return', 'escape', 'up', 'down', 'ctrl+p', 'ctrl+n', 'ctrl+k', 'ctrl+j', 'tab'].map(
				(key) => {
					const outcome = promptKey(at('ab|'), key);
					return [key, outcome.kind === 'command' ? outcome.command : outcome.kind];
				},
			),
		);
		expect(commands).toEqual({
			return: 'submit',
			escape: 'cancel',
			up: 'previous',
			down: 'next',
			'ctrl+p': 'previous',
			'ctrl+n': 'next',
			'ctrl+k': 'previous',
			'ctrl+j': 'next',
			tab: 'keep',
		});
	});

	it('editPrompt leaves the prompt as it is when nothing changes', () => {
		const prompt = at('|abc');
		expect(editPrompt(prompt, 'left')).toBe(prompt);
		expect(editPrompt(prompt, 'backspace')).toBe(prompt);
	});
});

describe('promptLine', () => {
	const text = (line: ReturnType<typeof promptLine>) =>
		line.map((segment) => segment.text).join('');

	it('draws a block after the end, and the character under a middle cursor in reverse video', () => {
		expect(text(promptLine(at('iran|'), 10))).toBe('/iran█    ');
		const middle = promptLine(at('ir|an'), 10);
		expect(text(middle)).toBe('/iran     ');
		expect(middle.find((segment) => segment.role === 'selected')?.text).toBe('a');
	});

	it('scrolls a long line to keep the cursor in view, in exactly the width', () => {
		const long = at(`${'abcdefghij'.repeat(3)}|`);
		const line = text(promptLine(long, 12));
		expect(line).toBe('/abcdefghij█');
		const start = text(promptLine({...long, cursor: 0}, 12));
		expect(start).toBe('/abcdefghija');
	});
});
