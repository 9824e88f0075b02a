import {describe, expect, it} from 'vitest';
import {hyperlink, hyperlinksSupported, linkAddress} from '../../../source/core/text/hyperlink.js';

describe('hyperlinksSupported', () => {
	it('is on only for terminals known to draw OSC 8 links, on a TTY', () => {
		expect(hyperlinksSupported({TERM_PROGRAM: 'iTerm.app'}, true)).toBe(true);
		expect(hyperlinksSupported({TERM_PROGRAM: 'WezTerm'}, true)).toBe(true);
		expect(hyperlinksSupported({TERM: 'xterm-kitty'}, true)).toBe(true);
		expect(hyperlinksSupported({VTE_VERSION: '6003'}, true)).toBe(true);
		expect(hyperlinksSupported({VTE_VERSION: '4205'}, true)).toBe(false);
		expect(hyperlinksSupported({TERM: 'xterm-256color'}, true)).toBe(false);
		expect(hyperlinksSupported({}, true)).toBe(false);
	});

	it('is off when not a TTY, in tmux or screen, in CI, for a dumb terminal', () => {
		expect(hyperlinksSupported({TERM_PROGRAM: 'iTerm.app'}, false)).toBe(false);
		expect(hyperlinksSupported({TERM_PROGRAM: 'iTerm.app'}, undefined)).toBe(false);
		expect(
			hyperlinksSupported({TERM_PROGRAM: 'iTerm.app', TMUX: '/tmp/tmux-0/default'}, true),
		).toBe(false);
		expect(hyperlinksSupported({TERM_PROGRAM: 'WezTerm', TERM: 'screen-256color'}, true)).toBe(
			false,
		);
		expect(hyperlinksSupported({TERM_PROGRAM: 'vscode', CI: 'true'}, true)).toBe(false);
		expect(hyperlinksSupported({VTE_VERSION: '7000', TERM: 'dumb'}, true)).toBe(false);
	});

	it('follows FORCE_HYPERLINK either way', () => {
		expect(hyperlinksSupported({FORCE_HYPERLINK: '1'}, false)).toBe(true);
		expect(hyperlinksSupported({FORCE_HYPERLINK: '0', TERM_PROGRAM: 'iTerm.app'}, true)).toBe(
			false,
		);
	});
});

describe('linkAddress', () => {
	it('keeps an ordinary address as it is', () => {
		expect(linkAddress('https://example.org/a?b=c#d')).toBe('https://example.org/a?b=c#d');
		expect(linkAddress('mailto:someone@example.org')).toBe('mailto:someone@example.org');
	});

	it('drops ESC, BEL and every other control, so the sequence cannot be ended early', () => {
		expect(linkAddress('https://example.org/\u0007\u001B]8;;https://evil.example/\u001B\\x')).toBe(
			'https://example.org/%5D8;;https://evil.example/%5Cx',
		);
		expect(linkAddress('https://exa\u009Bmple.org/\r\n')).toBe('https://example.org/');
	});

	it('percent-encodes what is not printable ASCII', () => {
		expect(linkAddress('https://example.org/café page')).toBe(
			'https://example.org/caf%C3%A9%20page',
		);
		// A stray % is printable and harmless: kept.
		expect(linkAddress('https://example.org/100%')).toBe('https://example.org/100%');
	});

	it('links no script, data or relative address, and no over-long one', () => {
		expect(linkAddress('javascript:alert(1)')).toBeUndefined();
		expect(linkAddress('data:text/html,hi')).toBeUndefined();
		expect(linkAddress('../notes.md')).toBeUndefined();
		expect(linkAddress(`https://example.org/${'a'.repeat(3000)}`)).toBeUndefined();
	});
});

describe('hyperlink', () => {
	it('wraps the text in OSC 8, BEL-terminated', () => {
		expect(hyperlink('page', 'https://example.org/p')).toBe(
			'\u001B]8;;https://example.org/p\u0007page\u001B]8;;\u0007',
		);
	});

	it('leaves the text alone when the address cannot be linked', () => {
		expect(hyperlink('page', 'javascript:void(0)')).toBe('page');
	});
});
