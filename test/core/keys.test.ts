import {describe, expect, it} from 'vitest';
import {
	createKeyDecoder,
	decodeKeys,
	displayKey,
	pasteKey,
	pastedText,
	typedBeforeRawMode,
} from '../../source/core/keys.js';

describe('decodeKeys: what a terminal sends, as key names', () => {
	it('splits a run of typed text into one key per character', () => {
		expect(decodeKeys('/zarif')).toEqual(['/', 'z', 'a', 'r', 'i', 'f']);
		expect(decodeKeys('jjj\r')).toEqual(['j', 'j', 'j', 'return']);
		expect(decodeKeys('j ')).toEqual(['j', 'space']);
		expect(decodeKeys('G')).toEqual(['G']);
		// A character outside the BMP is one key, not two halves.
		expect(decodeKeys('a😀')).toEqual(['a', '😀']);
	});

	it('names control bytes as chords and never as the letter', () => {
		expect(decodeKeys('\u000E')).toEqual(['ctrl+n']);
		expect(decodeKeys('\u0010')).toEqual(['ctrl+p']);
		expect(decodeKeys('\u000B')).toEqual(['ctrl+k']);
		// LF is Ctrl+J (Enter sends CR in raw mode); BS is Ctrl+H; DEL is Backspace.
		expect(decodeKeys('\n')).toEqual(['ctrl+j']);
		expect(decodeKeys('\b')).toEqual(['ctrl+h']);
		expect(decodeKeys('\u007F')).toEqual(['backspace']);
		expect(decodeKeys('\t')).toEqual(['tab']);
		expect(decodeKeys('\u0003\u001A')).toEqual(['ctrl+c', 'ctrl+z']);
		expect(decodeKeys('\u0001\u0005\u0015\u0017')).toEqual([
			'ctrl+a',
			'ctrl+e',
			'ctrl+u',
			'ctrl+w',
		]);
		// C1 controls are not typed text.
		expect(decodeKeys('a\u0085b')).toEqual(['a', 'b']);
	});

	it('names escape sequences: cursor keys in both forms, tilde keys, modifiers', () => {
		expect(decodeKeys('\u001B')).toEqual(['escape']);
		expect(decodeKeys('\u001B[A')).toEqual(['up']);
		expect(decodeKeys('\u001BOB')).toEqual(['down']);
		expect(decodeKeys('\u001B[H')).toEqual(['home']);
		expect(decodeKeys('\u001BOF')).toEqual(['end']);
		expect(decodeKeys('\u001B[1~')).toEqual(['home']);
		expect(decodeKeys('\u001B[4~')).toEqual(['end']);
		expect(decodeKeys('\u001B[3~')).toEqual(['delete']);
		expect(decodeKeys('\u001B[5~')).toEqual(['pageup']);
		expect(decodeKeys('\u001B[6~')).toEqual(['pagedown']);
		expect(decodeKeys('\u001B[1;5D')).toEqual(['ctrl+left']);
		expect(decodeKeys('\u001B[1;5C')).toEqual(['ctrl+right']);
		expect(decodeKeys('\u001B[1;3D')).toEqual(['alt+left']);
		expect(decodeKeys('\u001B[1;2A')).toEqual(['shift+up']);
		expect(decodeKeys('\u001B[Z')).toEqual(['shift+tab']);
	});

	it('reads ESC before a key as Alt with that key', () => {
		expect(decodeKeys('\u001Bb')).toEqual(['alt+b']);
		expect(decodeKeys('\u001Bf')).toEqual(['alt+f']);
		expect(decodeKeys('\u001Bd')).toEqual(['alt+d']);
		expect(decodeKeys('\u001B\u007F')).toEqual(['alt+backspace']);
		expect(decodeKeys('\u001B\u001B[D')).toEqual(['alt+left']);
		expect(decodeKeys('\u001B\u001B')).toEqual(['escape', 'escape']);
	});

	it('drops what is not a key: bracketed-paste markers, focus reports', () => {
		expect(decodeKeys('\u001B[200~')).toEqual([]);
		expect(decodeKeys('\u001B[I')).toEqual([]);
	});
});

/** The keys of `events` fed one by one to one decoder, as the keyboard does. */
function decodeEvents(...events: string[]): string[] {
	const decoder = createKeyDecoder();
	return events.flatMap((event) => decoder.push(event));
}

describe('createKeyDecoder: a bracketed paste is one key, never keys', () => {
	const start = '\u001B[200~';
	const end = '\u001B[201~';

	it('makes one paste key of what comes between the markers, as Ink hands them over', () => {
		// Ink splits at each escape sequence: the markers, the text and the Esc of the pasted
		// "\u001B[A" (an up arrow, were it typed) each come as their own event.
		expect(decodeEvents('j', start, 'q\r', '\u001B[A', 'x\ny', end, 'k')).toEqual([
			'j',
			pasteKey('q\r\u001B[Ax\ny'),
			'k',
		]);
		expect(pastedText(pasteKey('q\r'))).toBe('q\r');
	});

	it('waits for the end of a paste split across reads, even inside a marker', () => {
		const decoder = createKeyDecoder();
		expect(decoder.push(start)).toEqual([]);
		expect(decoder.push('hello ')).toEqual([]);
		expect(decoder.push('wor')).toEqual([]);
		expect(decoder.push('ld\u001B[20')).toEqual([]);
		expect(decoder.push('1~j')).toEqual([pasteKey('hello world'), 'j']);
		// After the paste, keys are keys again.
		expect(decoder.push('q')).toEqual(['q']);
	});

	it('reads markers and keys written together in one string', () => {
		expect(decodeEvents(`g${start}/x${end}${start}${end}G`)).toEqual([
			'g',
			pasteKey('/x'),
			pasteKey(''),
			'G',
		]);
	});

	it('lets Ctrl+C typed alone through a paste whose end never came, so the app can be left', () => {
		// A broken link or terminal lost the end marker: every key after it went into the paste,
		// Ctrl+C too, and the app could be left only by a signal from outside.
		const decoder = createKeyDecoder();
		expect(decoder.push(start)).toEqual([]);
		expect(decoder.push('abc')).toEqual([]);
		expect(decoder.push('q')).toEqual([]);
		expect(decoder.push('\u0003')).toEqual(['ctrl+c']);
		// The paste so far is dropped, and keys are keys again.
		expect(decoder.push('j')).toEqual(['j']);
		// A Ctrl+C pasted among other text, and a paste that ends, stay pasted text.
		expect(decodeEvents(start, 'a\u0003b', end, 'k')).toEqual([pasteKey('a\u0003b'), 'k']);
	});

	it('gives no paste for an end marker alone, and no key name other than a paste reads as one', () => {
		expect(decodeEvents(end, 'j')).toEqual(['j']);
		for (const name of ['p', ':', 'return', 'ctrl+p', 'alt+p'])
			expect(pastedText(name)).toBe(undefined);
	});
});

describe('typedBeforeRawMode: keys the cooked tty turned Enter into LF for', () => {
	it('reads LF, and CR LF, as Enter', () => {
		expect(decodeKeys(typedBeforeRawMode('/iran\n'))).toEqual(['/', 'i', 'r', 'a', 'n', 'return']);
		expect(typedBeforeRawMode('a\r\nb\nc\r')).toBe('a\rb\rc\r');
		expect(typedBeforeRawMode('jj')).toBe('jj');
	});
});

describe('displayKey', () => {
	it('writes key names as help and the readme show them', () => {
		expect(displayKey('ctrl+d')).toBe('Ctrl+D');
		expect(displayKey('alt+b')).toBe('Alt+B');
		expect(displayKey('ctrl+left')).toBe('Ctrl+←');
		expect(displayKey('alt+backspace')).toBe('Alt+Backspace');
		expect(displayKey('pagedown')).toBe('PgDn');
		expect(displayKey('space')).toBe('Space');
		expect(displayKey('G')).toBe('G');
	});
});
