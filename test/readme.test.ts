import {describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {displayKey, type Keymap} from '../source/core/keys.js';
import {libraryKeymap} from '../source/core/library/state.js';
import {readerKeymap} from '../source/core/reader/keymap.js';
import {diffKeymap} from '../source/core/diff-view/state.js';
import {promptKeymap} from '../source/core/prompt.js';
import {appKeymap} from '../source/core/app/state.js';
import {historyKeymap, historyPairKeymap, provenanceKeymap} from '../source/core/history/state.js';

const readme = readFileSync(new URL('../readme.md', import.meta.url), 'utf8');

/** The readme's key table for a screen: the lines from its heading row to the next blank line. */
function table(screen: string): string {
	const start = readme.search(new RegExp(`^\\| ${screen}[^|]*\\|`, 'm'));
	expect(start).toBeGreaterThan(-1);
	const end = readme.indexOf('\n\n', start);
	return readme.slice(start, end);
}

describe('the readme documents every key the keymaps bind', () => {
	const keymaps: [string, Keymap<string>][] = [
		['Library', libraryKeymap],
		['Reader', readerKeymap],
		['Diff', [...diffKeymap, ...historyPairKeymap]],
		['History', historyKeymap],
		['Which parts came when', provenanceKeymap],
		['Search line', promptKeymap],
		['Every screen', appKeymap],
	];
	for (const [screen, keymap] of keymaps) {
		it(screen, () => {
			const text = table(screen);
			const cells = new Set(text.split(/[\s|·,;()]+/));
			const missing = keymap
				.flatMap((binding) => binding.keys)
				.map(displayKey)
				.filter((key) => !cells.has(key));
			expect(missing).toEqual([]);
		});
	}
});
