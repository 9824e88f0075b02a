import {describe, expect, it} from 'vitest';
import {actionFor} from '../../../source/core/keys.js';
import {readerKeymap} from '../../../source/core/reader/keymap.js';

describe('readerKeymap', () => {
	it('binds each key once', () => {
		const keys = readerKeymap.flatMap((binding) => binding.keys);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('has the pager keys people expect', () => {
		const expected: [string, string][] = [
			['down', 'line-down'],
			['j', 'line-down'],
			['up', 'line-up'],
			['k', 'line-up'],
			['space', 'page-down'],
			['pagedown', 'page-down'],
			['f', 'page-down'],
			['b', 'page-up'],
			['pageup', 'page-up'],
			['ctrl+d', 'half-page-down'],
			['ctrl+u', 'half-page-up'],
			['g', 'top'],
			['home', 'top'],
			['G', 'bottom'],
			['end', 'bottom'],
			['/', 'search'],
			['n', 'next-match'],
			['N', 'previous-match'],
			['escape', 'back'],
			['q', 'back'],
			['?', 'help'],
			['d', 'diff'],
		];
		for (const [key, action] of expected) expect(actionFor(readerKeymap, key)).toBe(action);
		expect(readerKeymap.every((binding) => binding.description && binding.group)).toBe(true);
	});

	it('has less’s (and vim’s) control keys too, which did nothing', () => {
		const expected: [string, string][] = [
			['ctrl+f', 'page-down'],
			['ctrl+b', 'page-up'],
			['ctrl+n', 'line-down'],
			['ctrl+p', 'line-up'],
		];
		for (const [key, action] of expected) expect(actionFor(readerKeymap, key)).toBe(action);
	});
});
