import {describe, expect, it} from 'vitest';
import {decodeKeys, displayKey} from '../../source/core/keys.js';

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
