import {describe, expect, it} from 'vitest';
import {colourEnabled, colourMode, cutWidth} from '../../source/commands/environment.js';

describe('colourMode', () => {
	it('reads --color=WHEN, a bare --color, --no-color and --colour alike', () => {
		expect(colourMode(undefined, undefined)).toBe('auto');
		expect(colourMode('always', undefined)).toBe('always');
		expect(colourMode(undefined, 'never')).toBe('never');
		expect(colourMode('', undefined)).toBe('always');
		expect(colourMode(false, undefined)).toBe('never');
		expect(colourMode('auto', undefined)).toBe('auto');
		expect(() => colourMode('sometimes', undefined)).toThrow(/always, never or auto/);
	});

	it('decides over the environment when always or never, follows it when auto', () => {
		const pipe = {isTTY: false};
		const tty = {isTTY: true};
		expect(colourEnabled('always', {}, pipe)).toBe(true);
		expect(colourEnabled('always', {NO_COLOR: '1'}, tty)).toBe(true);
		expect(colourEnabled('never', {FORCE_COLOR: '1'}, tty)).toBe(false);
		expect(colourEnabled('auto', {}, tty)).toBe(true);
		expect(colourEnabled('auto', {}, pipe)).toBe(false);
		expect(colourEnabled('auto', {NO_COLOR: '1'}, tty)).toBe(false);
	});
});

describe('cutWidth', () => {
	it('cuts to --width, else to the terminal, and not at all when piped', () => {
		expect(cutWidth(60, {isTTY: false})).toBe(60);
		expect(cutWidth(undefined, {isTTY: true, columns: 100})).toBe(100);
		expect(cutWidth(undefined, {isTTY: false})).toBeUndefined();
	});
});
