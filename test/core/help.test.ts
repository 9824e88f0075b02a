import {describe, expect, it} from 'vitest';
import {helpFrame, helpKey, helpLines, helpRoom} from '../../source/core/help.js';
import {appKeymap} from '../../source/core/app/state.js';
import {libraryKeymap} from '../../source/core/library/state.js';
import {readerKeymap} from '../../source/core/reader/keymap.js';
import {diffKeymap} from '../../source/core/diff-view/state.js';
import {cellWidth} from '../../source/core/text/width.js';

const keymaps = {
	library: [...libraryKeymap, ...appKeymap],
	reader: [...readerKeymap, ...appKeymap],
	diff: [...diffKeymap, ...appKeymap],
};
const text = (line: readonly {text: string}[]) => line.map((segment) => segment.text).join('');

describe('help', () => {
	it('fits 60 columns without cutting a description: long ones wrap under themselves', () => {
		for (const keymap of Object.values(keymaps)) {
			const lines = helpLines(keymap, 60);
			for (const line of lines) expect(cellWidth(line.text)).toBeLessThanOrEqual(60);
			const words = lines.map((line) => line.text).join(' ');
			for (const binding of keymap) {
				for (const word of binding.description.split(' ')) expect(words).toContain(word);
			}
		}
		const wrapped = helpLines(libraryKeymap, 60).map((line) => line.text);
		const at = wrapped.findIndex((line) => line.includes('Compare the marked two'));
		expect(wrapped[at + 1]).toMatch(/^ {19}\S/);
	});

	it('every description starts with a capital letter, on every screen', () => {
		for (const keymap of Object.values(keymaps)) {
			for (const binding of keymap) expect(binding.description).toMatch(/^\p{Lu}/u);
		}
	});

	it('scrolls by lines and pages within the body, and says which lines are shown', () => {
		const size = {width: 60, height: 19};
		const count = helpLines(keymaps.library, 60).length;
		const room = helpRoom(19);
		expect(count).toBeGreaterThan(room);
		let help = {top: 0};
		help = helpKey(help, 'j', keymaps.library, size)!;
		expect(help.top).toBe(1);
		help = helpKey(help, 'k', keymaps.library, size)!;
		help = helpKey(help, 'k', keymaps.library, size)!;
		expect(help.top).toBe(0);
		help = helpKey(help, 'pagedown', keymaps.library, size)!;
		expect(help.top).toBe(Math.min(room - 1, count - room));
		help = helpKey(help, 'G', keymaps.library, size)!;
		expect(help.top).toBe(count - room);
		expect(helpKey(help, 'j', keymaps.library, size)).toBe(help);
		const frame = helpFrame('Library', keymaps.library, help, 60, 19);
		expect(frame).toHaveLength(19);
		expect(text(frame.at(-1)!)).toMatch(
			new RegExp(`^lines ${count - room + 1}–${count} of ${count} · j/k PgUp/PgDn scroll`),
		);
		expect(helpKey(help, 'escape', keymaps.library, size)).toBeUndefined();
		expect(helpKey(help, '?', keymaps.library, size)).toBeUndefined();
	});

	it('needs no scrolling where it fits, and says only how to close', () => {
		const frame = helpFrame('Diff', keymaps.diff, {top: 0}, 100, 40);
		expect(text(frame.at(-1)!).trim()).toBe('? or Esc closes');
		expect(helpKey({top: 0}, 'j', keymaps.diff, {width: 100, height: 40})).toEqual({top: 0});
	});
});
