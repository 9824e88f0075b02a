import {describe, expect, it} from 'vitest';
import {
	C1_PLACEHOLDER,
	sanitiseHeading,
	sanitiseLine,
	sanitiseText,
} from '../../../source/core/text/sanitise.js';

// Anything a terminal acts on: C0 controls, DEL and the C1 range.
const TERMINAL_CONTROL = /[\x00-\x1f\x7f-\x9f]/u; // eslint-disable-line no-control-regex

const ATTACKS: Record<string, string> = {
	'CSI clear screen': 'before\x1b[2Jafter',
	'cursor home': '\x1b[Hmoved',
	'SGR colour': '\x1b[31mred\x1b[0m',
	'OSC title': '\x1b]0;pwned\x07',
	'OSC 52 clipboard': '\x1b]52;c;cm0gLXJmIC8=\x07',
	'DCS string': '\x1bPq#0;2;0;0;0\x1b\\',
	'8-bit CSI': '\u009b2J',
	bell: 'ding\x07',
	backspace: 'secret\x08\x08\x08\x08\x08\x08public',
	'carriage return': 'shown\rhidden',
};

describe('sanitiseText', () => {
	for (const [name, attack] of Object.entries(ATTACKS)) {
		it(`leaves nothing a terminal interprets in: ${name}`, () => {
			const safe = sanitiseText(attack);
			expect(safe).not.toMatch(TERMINAL_CONTROL);
			// Nothing is dropped: every character stays, visibly.
			expect(safe.length).toBe(attack.length);
		});
	}

	it('shows C0 controls and DEL as their Control Pictures', () => {
		expect(sanitiseText('\x1b[2J')).toBe('␛[2J');
		expect(sanitiseText('a\x07b\x08c\x7fd')).toBe('a␇b␈c␡d');
		expect(sanitiseText('\x00\r\x0c')).toBe('␀␍␌');
	});

	it('shows C1 controls as the replacement character', () => {
		expect(C1_PLACEHOLDER).toBe('\ufffd');
		expect(sanitiseText('\u0080x\u009by\u009f')).toBe('�x�y�');
	});

	it('keeps newlines, turns tabs into spaces and leaves printable text alone', () => {
		expect(sanitiseText('one\ttwo\nthree')).toBe('one two\nthree');
		const prose = 'Café “quoted” — 10 € … 日本語 🙂\u00a0end';
		expect(sanitiseText(prose)).toBe(prose);
	});

	it('handles a long text with controls spread through it', () => {
		const text = 'word \x1b[1m'.repeat(100_000);
		const safe = sanitiseText(text);
		expect(safe).not.toMatch(TERMINAL_CONTROL);
		expect(safe.split('␛').length - 1).toBe(100_000);
	});
});

describe('sanitiseLine', () => {
	it('also shows newlines, so a file name stays on one line', () => {
		expect(sanitiseLine('evil\nname\x1b]0;x\x07.txt')).toBe('evil␊name␛]0;x␇.txt');
		expect(sanitiseLine('a\tb')).toBe('a␉b');
	});

	it('shows bidirectional controls, so a name cannot reverse the line it is printed on', () => {
		expect(sanitiseLine('report\u202Etxt.exe')).toBe('report\ufffdtxt.exe');
		const bidi = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e];
		for (const code of [...bidi, 0x2066, 0x2067, 0x2068, 0x2069]) {
			expect(sanitiseLine(`a${String.fromCharCode(code)}b`), code.toString(16)).toBe('a\ufffdb');
		}
		// Right-to-left prose in a document keeps its marks.
		expect(sanitiseText('שלום\u200Fעולם')).toBe('שלום\u200Fעולם');
	});

	it('shows in a heading the bidirectional controls that reach past it, and keeps the marks', () => {
		// A title printed before the row's figures and file name must not reverse them.
		expect(sanitiseHeading('Right-to-left \u202E evil txt.exe')).toBe(
			'Right-to-left \ufffd evil txt.exe',
		);
		for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
			expect(sanitiseHeading(`a${String.fromCharCode(code)}b`), code.toString(16)).toBe('a\ufffdb');
		}
		expect(sanitiseHeading('تهران\u200F ۱۴۰۰')).toBe('تهران\u200F ۱۴۰۰');
	});

	it('leaves ordinary names untouched', () => {
		expect(sanitiseLine('000_fcf7af4745e890eb.txt')).toBe('000_fcf7af4745e890eb.txt');
	});
});

describe('every control character, exhaustively', () => {
	const c0 = Array.from({length: 0x20}, (_, code) => code);
	const c1 = Array.from({length: 0x20}, (_, code) => 0x80 + code);
	const standIn = (code: number) =>
		code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';

	it('sanitiseLine shows each of C0, DEL and C1 as its visible stand-in', () => {
		for (const code of [...c0, 0x7f, ...c1]) {
			expect(sanitiseLine(`<${String.fromCharCode(code)}>`), `U+${code.toString(16)}`).toBe(
				`<${standIn(code)}>`,
			);
		}
	});

	it('sanitiseText does too, except newline (kept) and tab (one space, for reading)', () => {
		for (const code of [...c0, 0x7f, ...c1]) {
			const expected = code === 0x0a ? '\n' : code === 0x09 ? ' ' : standIn(code);
			expect(sanitiseText(`<${String.fromCharCode(code)}>`), `U+${code.toString(16)}`).toBe(
				`<${expected}>`,
			);
		}
	});

	it('the stand-ins are printable: none is itself a control', () => {
		for (const code of [...c0, 0x7f, ...c1]) {
			expect(standIn(code)).not.toMatch(TERMINAL_CONTROL);
		}
	});
});
