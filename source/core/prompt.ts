import type {Keymap} from './keys.js';
import {pastedText, typedText} from './keys.js';
import {cellWidth, padToWidth} from './text/width.js';
import type {StyledLine} from './types.js';

/**
 * One line of text being typed (the library's and the reader's `/`), edited as readline edits
 * a line and navigated as fzf navigates its results: the keys that move through the results
 * (↑ ↓, Ctrl+P/N, Ctrl+K/J) do so without leaving the prompt.
 */
export interface Prompt {
	readonly text: string;
	/** Offset into `text` (UTF-16 units, always on a code point boundary). */
	readonly cursor: number;
}

export type PromptEdit =
	| 'left'
	| 'right'
	| 'start'
	| 'end'
	| 'word-left'
	| 'word-right'
	| 'backspace'
	| 'delete'
	| 'delete-word-before'
	| 'delete-to-start'
	| 'delete-word-after';

/** What the screen behind the prompt does. */
export type PromptCommand = 'submit' | 'cancel' | 'previous' | 'next' | 'keep';

export type PromptAction = PromptEdit | PromptCommand;

export const promptKeymap: Keymap<PromptAction> = [
	{keys: ['return'], action: 'submit', description: 'Open the highlighted result', group: 'Search'},
	{keys: ['escape'], action: 'cancel', description: 'Clear the search', group: 'Search'},
	{
		keys: ['up', 'ctrl+p', 'ctrl+k'],
		action: 'previous',
		description: 'Previous result',
		group: 'Search',
	},
	{keys: ['down', 'ctrl+n', 'ctrl+j'], action: 'next', description: 'Next result', group: 'Search'},
	{keys: ['tab'], action: 'keep', description: 'Keep the results, leave the line', group: 'Search'},
	{keys: ['left', 'ctrl+b'], action: 'left', description: 'Cursor left', group: 'Edit'},
	{keys: ['right', 'ctrl+f'], action: 'right', description: 'Cursor right', group: 'Edit'},
	{keys: ['home', 'ctrl+a'], action: 'start', description: 'Start of the line', group: 'Edit'},
	{keys: ['end', 'ctrl+e'], action: 'end', description: 'End of the line', group: 'Edit'},
	{
		keys: ['alt+b', 'ctrl+left'],
		action: 'word-left',
		description: 'Word left',
		group: 'Edit',
	},
	{
		keys: ['alt+f', 'ctrl+right'],
		action: 'word-right',
		description: 'Word right',
		group: 'Edit',
	},
	{
		keys: ['backspace', 'ctrl+h'],
		action: 'backspace',
		description: 'Delete the character before',
		group: 'Edit',
	},
	{
		keys: ['delete', 'ctrl+d'],
		action: 'delete',
		description: 'Delete the character under',
		group: 'Edit',
	},
	{
		keys: ['ctrl+w', 'alt+backspace'],
		action: 'delete-word-before',
		description: 'Delete the word before',
		group: 'Edit',
	},
	{keys: ['ctrl+u'], action: 'delete-to-start', description: 'Delete to the start', group: 'Edit'},
	{
		keys: ['alt+d'],
		action: 'delete-word-after',
		description: 'Delete the word after',
		group: 'Edit',
	},
];

/** The prompt's keys for a status bar, shortest first. */
export const PROMPT_HINTS = 'Enter open  ↑↓ move  Esc clear';

export const emptyPrompt: Prompt = {text: '', cursor: 0};

/** Longest text kept; longer input is ignored rather than slowing every keystroke. */
export const MAX_PROMPT_LENGTH = 1000;

// Control characters and bidi overrides would let a pasted query garble the screen.
const UNPRINTABLE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function promptOf(text: string): Prompt {
	return {text, cursor: text.length};
}

// A line break (CR LF included) or any other run of controls: the Esc of a pasted escape
// sequence must not start anything, and a paste of several lines searches for their words.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const PASTED_CONTROLS = /[\x00-\x1f\x7f-\x9f]+/g;
// eslint-disable-next-line no-control-regex -- as above
const PASTED_CONTROLS_AT_ENDS = /^[\x00-\x1f\x7f-\x9f]+|[\x00-\x1f\x7f-\x9f]+$/g;

/**
 * Pasted text as one line to search for: each run of control characters (line breaks, tabs,
 * Esc) inside it one space, and none at its ends: a line copied with its line break searches
 * for the line (a trailing space would end its last word, which is then no longer matched as
 * a prefix).
 */
export function oneLinePaste(text: string): string {
	return text.replace(PASTED_CONTROLS_AT_ENDS, '').replace(PASTED_CONTROLS, ' ');
}

/** `text` typed at the cursor, without control characters, up to MAX_PROMPT_LENGTH. */
export function insertText(prompt: Prompt, text: string): Prompt {
	const clean = text.replace(UNPRINTABLE, '');
	const room = MAX_PROMPT_LENGTH - prompt.text.length;
	if (clean === '' || room <= 0) return prompt;
	let inserted = '';
	for (const character of clean) {
		if (inserted.length + character.length > room) break;
		inserted += character;
	}
	const {text: line, cursor} = prompt;
	return {
		text: line.slice(0, cursor) + inserted + line.slice(cursor),
		cursor: cursor + inserted.length,
	};
}

function previousBoundary(text: string, at: number): number {
	if (at <= 0) return 0;
	const low = text.charCodeAt(at - 1);
	const high = text.charCodeAt(at - 2);
	const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
	return at - (pair ? 2 : 1);
}

function nextBoundary(text: string, at: number): number {
	if (at >= text.length) return text.length;
	return at + (text.codePointAt(at)! > 0xffff ? 2 : 1);
}

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
const SPACE = /\s/u;

/** Start of the word before `at` (readline's backward-word: skip non-word, then word). */
function wordStartBefore(text: string, at: number, isWord: (character: string) => boolean) {
	let index = at;
	while (index > 0 && !isWord(text.slice(previousBoundary(text, index), index)))
		index = previousBoundary(text, index);
	while (index > 0 && isWord(text.slice(previousBoundary(text, index), index)))
		index = previousBoundary(text, index);
	return index;
}

/** End of the word after `at` (readline's forward-word). */
function wordEndAfter(text: string, at: number): number {
	const isWord = (character: string) => WORD_CHARACTER.test(character);
	let index = at;
	while (index < text.length && !isWord(text.slice(index, nextBoundary(text, index))))
		index = nextBoundary(text, index);
	while (index < text.length && isWord(text.slice(index, nextBoundary(text, index))))
		index = nextBoundary(text, index);
	return index;
}

const isAlphanumeric = (character: string) => WORD_CHARACTER.test(character);
const isNotSpace = (character: string) => !SPACE.test(character);

function remove(prompt: Prompt, from: number, to: number): Prompt {
	if (from === to) return prompt;
	return {text: prompt.text.slice(0, from) + prompt.text.slice(to), cursor: from};
}

/** One editing action on the line. */
export function editPrompt(prompt: Prompt, edit: PromptEdit): Prompt {
	const {text, cursor} = prompt;
	const moveTo = (at: number) => (at === cursor ? prompt : {text, cursor: at});
	switch (edit) {
		case 'left':
			return moveTo(previousBoundary(text, cursor));
		case 'right':
			return moveTo(nextBoundary(text, cursor));
		case 'start':
			return moveTo(0);
		case 'end':
			return moveTo(text.length);
		case 'word-left':
			return moveTo(wordStartBefore(text, cursor, isAlphanumeric));
		case 'word-right':
			return moveTo(wordEndAfter(text, cursor));
		case 'backspace':
			return remove(prompt, previousBoundary(text, cursor), cursor);
		case 'delete':
			return remove(prompt, cursor, nextBoundary(text, cursor));
		// Ctrl+W is readline's unix-word-rubout: back to the previous whitespace.
		case 'delete-word-before':
			return remove(prompt, wordStartBefore(text, cursor, isNotSpace), cursor);
		case 'delete-to-start':
			return remove(prompt, 0, cursor);
		case 'delete-word-after':
			return {...remove(prompt, cursor, wordEndAfter(text, cursor)), cursor};
	}
}

/** What one key does in a prompt: an edit (the new line), a command for the screen, or
 * nothing (a key the prompt does not use, such as a function key or an unbound chord). */
export type PromptOutcome =
	| {readonly kind: 'edit'; readonly prompt: Prompt}
	| {readonly kind: 'command'; readonly command: PromptCommand}
	| {readonly kind: 'none'};

const COMMANDS = new Set<PromptAction>(['submit', 'cancel', 'previous', 'next', 'keep']);

export function promptKey(prompt: Prompt, key: string): PromptOutcome {
	const pasted = pastedText(key);
	if (pasted !== undefined) return {kind: 'edit', prompt: insertText(prompt, oneLinePaste(pasted))};
	const action = promptKeymap.find((binding) => binding.keys.includes(key))?.action;
	if (action !== undefined) {
		if (COMMANDS.has(action)) return {kind: 'command', command: action as PromptCommand};
		return {kind: 'edit', prompt: editPrompt(prompt, action as PromptEdit)};
	}
	const text = typedText(key);
	if (text === undefined) return {kind: 'none'};
	return {kind: 'edit', prompt: insertText(prompt, text)};
}

/** The prompt as one line of exactly `width` cells: the leader, the text, and the cursor: a
 * block after the end, or the character under it in reverse video; a long line scrolls to keep
 * the cursor in view. */
export function promptLine(prompt: Prompt, width: number, leader = '/'): StyledLine {
	const before = [...prompt.text.slice(0, prompt.cursor)];
	const [under, ...after] = [...prompt.text.slice(prompt.cursor)];
	const cursor = under ?? CURSOR_BLOCK;
	const room = Math.max(1, width - cellWidth(leader) - cellWidth(cursor));
	while (before.length > 0 && cellWidth(before.join('')) > room) before.shift();
	let shownAfter = '';
	for (const character of after) {
		if (cellWidth(before.join('') + shownAfter + character) > room) break;
		shownAfter += character;
	}
	const head = `${leader}${before.join('')}`;
	const rest = padToWidth(shownAfter, Math.max(0, width - cellWidth(head) - cellWidth(cursor)));
	if (under === undefined) return [{text: head + cursor + rest}];
	return [{text: head}, {text: under, role: 'selected'}, {text: rest}];
}

/** The cursor at the end of a prompt. */
export const CURSOR_BLOCK = '█';
