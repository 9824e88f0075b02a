/**
 * Found by the exploratory tester: `e` ("back at the same place after") and `R` ("reload the
 * article as it is on disk, at the same place") keep the reader's anchor as a paragraph index.
 * An edit that adds a paragraph above the place shows the paragraph before the one that was at
 * the top; each paragraph added above moves the view one more paragraph back (one removed: one
 * forward). Manual repro, 100×30, a cached folder: open an article, g f, note the top line
 * ("During has one-day visit to Baghdad…", lines 27–54), press e with VISUAL a script that
 * inserts a paragraph after line 3: back at lines 22–49, the top line "The visit came two
 * days after…", the paragraph before.
 */
import {describe, expect, it} from 'vitest';
import {documentReplaced, fold, initialAppState} from '../../../source/core/app/state.js';
import {decodeKeys} from '../../../source/core/keys.js';
import {documentFromText, seedText} from '../../fixtures/seeds.js';
import {testEnv} from './env.js';

describe('the reader after its article was edited above the place', () => {
	it('shows the same paragraph at the top, not the one before it', () => {
		const original = seedText('001');
		const before = documentFromText(original, '001.txt');
		const env = testEnv([before], {columns: 100, rows: 30});
		const reading = fold(initialAppState(), decodeKeys('\rff'), env).state;
		expect(reading.screen.name).toBe('reader');
		const anchor = reading.screen.name === 'reader' ? reading.screen.reader!.anchor : undefined;
		expect(anchor!.paragraph).toBeGreaterThan(2);
		const topParagraph = before.paragraphs[anchor!.paragraph];

		// The editor adds one paragraph near the top (after the dateline).
		const edited = original.replace(
			'July 20, 2020 - 21:8\n',
			'July 20, 2020 - 21:8\n\nA paragraph the editor added near the top of the article.\n',
		);
		const after = documentFromText(edited, '001.txt');
		expect(after.paragraphs.length).toBe(before.paragraphs.length + 1);

		const replaced = documentReplaced(reading, after, 'the file changed: shown as it is now');
		const start = replaced.screen.name === 'reader' ? replaced.screen.start.anchor : undefined;
		expect(after.paragraphs[start!.paragraph]).toBe(topParagraph);
	});
});
