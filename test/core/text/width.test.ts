import stringWidth from 'string-width';
import {describe, expect, it, vi} from 'vitest';
import {countingSegmenters} from '../../fixtures/segmenters.js';
import {PROMPT_HINTS} from '../../../source/core/prompt.js';
import {
	cellWidth,
	graphemeClusters,
	padToWidth,
	truncateToWidth,
} from '../../../source/core/text/width.js';

describe('cellWidth', () => {
	it('measures ASCII, wide, combining and emoji text in cells', () => {
		expect(cellWidth('Baghdad')).toBe(7);
		expect(cellWidth('')).toBe(0);
		expect(cellWidth('日本語')).toBe(6);
		expect(cellWidth('한국어')).toBe(6);
		expect(cellWidth('Cafe\u0301')).toBe(4);
		expect(cellWidth('👍')).toBe(2);
		expect(cellWidth('👩‍👩‍👧')).toBe(2);
		expect(cellWidth('سلام')).toBe(4);
		expect(cellWidth('␛[31m')).toBe(5);
	});

	it('measures titles of Latin-1 letters and news punctuation one cell a character, as string-width does', () => {
		expect(cellWidth('Iran’s “deal” — 2020…')).toBe(21);
		expect(cellWidth('00012-zarif-tehran-talks.…')).toBe(26);
		expect(cellWidth('Café señor ½ §3')).toBe(15);
		// Outside the one-cell class, measured as before: a soft hyphen is zero wide, a
		// combining accent joins its letter, an emoji selector widens the mark before it.
		expect(cellWidth('co\u00adop')).toBe(4);
		expect(cellWidth('“Cafe\u0301”')).toBe(6);
		expect(cellWidth('‼\ufe0f')).toBe(2);
	});

	it('measures the library rows’ marks one cell each, as string-width does, and not joined to a selector', () => {
		expect(cellWidth('▸● ')).toBe(3);
		expect(cellWidth(' ✓ ')).toBe(3);
		expect(cellWidth('▸↻ ')).toBe(3);
		expect(['▸', '●', '✓', '↻'].map((mark) => stringWidth(mark))).toEqual([1, 1, 1, 1]);
		// With an emoji selector after it, a mark takes the full path: ✓ shown as an emoji.
		expect(cellWidth('✓\ufe0f')).toBe(stringWidth('✓\ufe0f'));
	});

	it('measures the hints’ arrows one cell each without string-width, whose first call compiles its patterns', async () => {
		vi.resetModules();
		const measured: string[] = [];
		vi.doMock('string-width', async (original) => {
			const published = (await original<{default: typeof stringWidth}>()).default;
			return {
				default: (text: string) => {
					measured.push(text);
					return published(text);
				},
			};
		});
		try {
			const fresh = await import('../../../source/core/text/width.js');
			expect(fresh.cellWidth(PROMPT_HINTS)).toBe(30);
			expect(fresh.cellWidth('Ctrl+\u2190 \u2191\u2192\u2193')).toBe(10);
			expect(measured).toEqual([]);
			// A character outside the class is measured by string-width.
			expect(fresh.cellWidth('\u2191 \u2195')).toBe(3);
			expect(measured).toEqual(['\u2191 \u2195']);
		} finally {
			vi.doUnmock('string-width');
			vi.resetModules();
		}
	});

	it('gives the same answer from its cache', () => {
		const word = 'Zarif’s';
		expect(cellWidth(word)).toBe(7);
		expect(cellWidth(word)).toBe(7);
	});
});

describe('graphemeClusters', () => {
	it('keeps a letter and its marks, and emoji sequences, together', () => {
		const clusters = [...graphemeClusters('ae\u0301👩‍👩‍👧')].map((cluster) => cluster.segment);
		expect(clusters).toEqual(['a', 'e\u0301', '👩‍👩‍👧']);
	});
});

describe('long text', () => {
	// Windows of segmentation must not change where clusters are: marks and emoji sequences
	// land on every window edge somewhere in this text.
	const unit = 'ae\u0301\u0302 日本 👩‍👩‍👧 👍🏽 ';
	const text = unit.repeat(400);

	it('segments long text into the same clusters as one Intl.Segmenter pass', () => {
		const whole = [...new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(text)];
		const windowed = [...graphemeClusters(text)];
		expect(windowed.map((cluster) => cluster.index)).toEqual(whole.map((data) => data.index));
		expect(windowed.map((cluster) => cluster.segment)).toEqual(whole.map((data) => data.segment));
	});

	it('measures long text as the sum of its parts', () => {
		expect(cellWidth(text)).toBe(400 * cellWidth(unit));
		expect(cellWidth(unit)).toBe(1 + 1 + 1 + 4 + 1 + 2 + 1 + 2 + 1);
	});
});

describe('truncateToWidth and padToWidth', () => {
	it('cuts to the width with an ellipsis, never inside a wide character', () => {
		expect(truncateToWidth('Kadhimi in Iran', 8)).toBe('Kadhimi…');
		expect(truncateToWidth('short', 8)).toBe('short');
		expect(truncateToWidth('日本語です', 6)).toBe('日本…');
		expect(cellWidth(truncateToWidth('日本語です', 6))).toBeLessThanOrEqual(6);
		expect(truncateToWidth('anything', 0)).toBe('');
	});

	it('cuts one-cell text (curly quotes, dashes, Latin-1) without segmenting graphemes', async () => {
		// A fresh copy of the module, so no segmenter made by an earlier test is taken up.
		vi.resetModules();
		const fresh = await import('../../../source/core/text/width.js');
		let made = 0;
		await countingSegmenters(
			() => {
				const title = 'Iran\u2019s envoy \u2014 \u201ca long road\u201d to Baghdad';
				expect(fresh.truncateToWidth(title, 20)).toBe('Iran\u2019s envoy \u2014 \u201ca l\u2026');
				expect(fresh.truncateToWidth(title, 40)).toBe(title);
				expect(fresh.truncateToWidth(title, 1)).toBe('\u2026');
				expect(fresh.truncateToWidth(title, 10, '')).toBe('Iran\u2019s env');
				expect(fresh.padToWidth('Caf\u00e9 \u201cZarif\u201d talks', 10)).toBe(
					'Caf\u00e9 \u201cZar\u2026',
				);
			},
			() => made++,
		);
		expect(made).toBe(0);
	});

	it('pads to exactly the width', () => {
		expect(padToWidth('ab', 5)).toBe('ab   ');
		expect(cellWidth(padToWidth('日本語', 5))).toBe(5);
		expect(padToWidth('toolong', 4)).toBe('too…');
	});
});
