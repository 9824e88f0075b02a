import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {EMPTY_TITLE, parseDocument} from '../../../source/core/corpus/document.js';
import {readingMinutes} from '../../../source/core/text/words.js';
import {TITLE_MAX_LENGTH} from '../../../source/core/corpus/heading.js';
import {countWords} from '../../../source/core/text/words.js';
import type {Document} from '../../../source/core/types.js';
import {hardWrap, paragraphs} from '../../fixtures/prose.js';
import {seedDocument, seedText} from '../../fixtures/seeds.js';

function parse(text: string, path = '/library/article.txt'): Document {
	return parseDocument({id: 'article.txt', path, bytes: text.length, text, encoding: 'utf-8'});
}

const seeds = ['000', '001', '002', '003', '004'].map((prefix) => ({
	prefix,
	document: seedDocument(prefix),
}));

describe('parseDocument on the seeds', () => {
	it('000: one 7,600-character line, split at runs of spaces', () => {
		const document = seedDocument('000');
		// 17 pieces between runs of 2+ spaces (no-break spaces included); one of them starts
		// with "which has infected…" in mid-sentence and joins the piece before: 16 paragraphs,
		// the last being the Mehr News Agency licence footer.
		expect(document.paragraphs).toHaveLength(16);
		expect(document.paragraphs[0]).toMatch(/^In his first foreign trip, .* analysts tell$/);
		expect(document.paragraphs.at(-1)).toMatch(/^All Content by Mehr News Agency is licensed/);
		expect(document.paragraphs.some((p) => p.includes('coronavirus, which has infected'))).toBe(
			true,
		);
		// No headline: the title is the first sentence's opening cut at a word boundary.
		expect(document.titleFromHeadline).toBe(false);
		expect(document.title).toBe(
			'In his first foreign trip, Iraqi Prime Minister Mustafa al-Kadhimi is expected…',
		);
		expect(document.dateline).toBeUndefined();
		expect(document.source).toBe('Mehr News Agency');
	});

	it('001: headline, dateline, blank-line paragraphs and a "Leave a Comment" footer', () => {
		const document = seedDocument('001');
		expect(document.title).toBe('Prospects of Iran-Iraq ties');
		expect(document.titleFromHeadline).toBe(true);
		expect(document.dateline).toBe('July 20, 2020 - 21:8');
		// 21 blank-line blocks: headline, dateline, then 19 body blocks. Two of those hold two
		// long lines each ("Al-Kadhimi succeeded…" + "Al-Kadhimi had…", and "“In an attempt…" +
		// "According to Mousavi, under al-Kadhimi…"): paragraphs that lost their blank line.
		// 19 + 2 = 21 paragraphs.
		expect(document.paragraphs).toHaveLength(21);
		expect(document.paragraphs[0]).toMatch(/^In his first foreign trip/);
		expect(document.paragraphs.at(-1)).toBe('Leave a Comment');
		expect(document.paragraphs).not.toContain('Prospects of Iran-Iraq ties');
		expect(document.paragraphs).not.toContain('July 20, 2020 - 21:8');
		expect(document.source).toBeUndefined();
	});

	it('002: headline, blank-line paragraphs and a wire-style source prefix', () => {
		const document = seedDocument('002');
		expect(document.title).toBe(
			"Al-Kadhimi's visit to Iran paving the way for a leap in strategic relations",
		);
		expect(document.titleFromHeadline).toBe(true);
		// 15 blank-line blocks: the headline and 14 paragraphs, one of them a subheading.
		expect(document.paragraphs).toHaveLength(14);
		expect(document.paragraphs).toContain(
			"Al-Kadhimi's face-to-face meeting with Supreme Leader of Iran",
		);
		expect(document.source).toBe('PEJOURNAL');
		// The source is read from the body, not cut out of it.
		expect(document.paragraphs[0]).toMatch(/^PEJOURNAL – Al-Kadhimi’s visit to Tehran/);
		expect(document.dateline).toBeUndefined();
	});

	it('003: hard-wrapped, headline on the first line, reflowed into whole paragraphs', () => {
		const document = seedDocument('003');
		expect(document.title).toBe('Kadhimi in Iran: Feverish pursuit to restore lost balance');
		expect(document.titleFromHeadline).toBe(true);
		// 51 wrapped lines under the headline; 15 of them end a sentence and close a paragraph
		// (the next word would have fitted, or the next line is a short indent-stripped first
		// line): 15 paragraphs.
		expect(document.paragraphs).toHaveLength(15);
		expect(document.paragraphs[0]).toBe(
			'Iraqi Prime Minister Mustafa al-Kadhimi’s visit to Iran comes within the framework of his ' +
				'attempts to restore the lost balance in the relations between his country and the mullah ' +
				'regime in Tehran, as Iranian-affiliated militias and groups are deployed in Iraq, which ' +
				'former prime ministers had turned a blind eye to despite the stark security challenge to ' +
				'the sovereignty of the government in Baghdad.',
		);
		expect(document.paragraphs.at(-1)).toMatch(/^Russian media .* between Tehran and Riyadh\.$/);
	});

	it('004: one paragraph per line and no headline', () => {
		const document = seedDocument('004');
		// 12 lines, each a paragraph (one is the attribution line of an embedded tweet).
		expect(document.paragraphs).toHaveLength(12);
		expect(document.paragraphs).toEqual(
			seedText('004')
				.trim()
				.split('\n')
				.map((line) => line.trim()),
		);
		// The first line ends with a full stop: a sentence, not a headline.
		expect(document.titleFromHeadline).toBe(false);
		expect(document.title).toBe(
			'Iranian Foreign Minister Javad Zarif is on a visit to Iraq to pressure Baghdad…',
		);
		expect(document.dateline).toBeUndefined();
		expect(document.source).toBeUndefined();
	});

	for (const {prefix, document} of seeds) {
		it(`${prefix}: paragraphs are collapsed, trimmed and non-empty; counts add up`, () => {
			for (const paragraph of document.paragraphs) {
				expect(paragraph).not.toMatch(/\s\s|^\s|\s$|[\n\u00a0\t]/);
				expect(paragraph).not.toBe('');
			}
			expect(document.title.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
			// Every word of the file, headline, dateline and footer included.
			expect(document.words).toBe(countWords(document.text));
			expect(document.words).toBeGreaterThan(400);
			expect(document.readingMinutes).toBe(Math.ceil(document.words / 230));
			expect(document.encoding).toBe('utf-8');
			expect(document.text).toBe(seedText(prefix).replace(/\r\n?/g, '\n'));
			expect(document.hash).toBe(createHash('sha1').update(document.text).digest('hex'));
			expect(document.fileName).toBe(document.id);
		});
	}

	it('gives 000 and 001, the same article saved twice, different hashes', () => {
		expect(seedDocument('000').hash).not.toBe(seedDocument('001').hash);
		expect(seedDocument('000').hash).toBe(seedDocument('000').hash);
	});
});

describe('parseDocument on generated text', () => {
	it('makes an empty or whitespace-only file an empty document', () => {
		for (const text of ['', '   ', '\n\n\t \n', '\u00a0\n']) {
			const document = parse(text);
			expect(document.title).toBe(EMPTY_TITLE);
			expect(document.paragraphs).toEqual([]);
			expect(document.words).toBe(0);
			expect(document.readingMinutes).toBe(0);
			expect(document.titleFromHeadline).toBe(false);
		}
	});

	it('sanitises the text, title, paragraphs and file name', () => {
		const document = parse(
			'Evil \x1b]0;pwned\x07 headline\n\nBody \x1b[2J text.\r\nMore.',
			'/library/bad\x1b[31mname.txt',
		);
		expect(document.title).toBe('Evil ␛]0;pwned␇ headline');
		expect(document.paragraphs).toEqual(['Body ␛[2J text. More.']);
		expect(document.text).toBe('Evil ␛]0;pwned␇ headline\n\nBody ␛[2J text.\nMore.');
		expect(document.fileName).toBe('bad␛[31mname.txt');
		// The path is kept as it is on disk, to open the file again.
		expect(document.path).toBe('/library/bad\x1b[31mname.txt');
	});

	it('reads a dateline before or after the headline and keeps it out of the body', () => {
		const body = paragraphs(3, 2);
		const after = parse(['A headline here', '', 'Published: 3 March 2021', '', ...body].join('\n'));
		expect(after.title).toBe('A headline here');
		expect(after.dateline).toBe('Published: 3 March 2021');
		expect(after.paragraphs).toEqual(body);

		const before = parse(['2021-03-03 14:05', 'A headline here', '', ...body].join('\n'));
		expect(before.dateline).toBe('2021-03-03 14:05');
		expect(before.title).toBe('A headline here');
		expect(before.paragraphs).toEqual(body);
	});

	it('finds the headline and paragraphs of a generated hard-wrapped article', () => {
		const body = paragraphs(5, 9);
		const lines = ['Talks resume in Baghdad', ...body.flatMap((p) => hardWrap(p, 72, '   '))];
		const document = parse(lines.join('\n'));
		expect(document.title).toBe('Talks resume in Baghdad');
		expect(document.titleFromHeadline).toBe(true);
		expect(document.paragraphs).toEqual(body);
	});

	it('does not take a wrapped first line for a headline', () => {
		const body = paragraphs(3, 4);
		const lines = body.flatMap((p) => hardWrap(p, 60, '  '));
		const document = parse(lines.join('\n'));
		expect(document.titleFromHeadline).toBe(false);
		expect(document.paragraphs).toEqual(body);
	});

	it('keeps a one-line document as its own paragraph, titled by it', () => {
		const document = parse('Just one short line');
		expect(document.title).toBe('Just one short line');
		expect(document.titleFromHeadline).toBe(false);
		expect(document.paragraphs).toEqual(['Just one short line']);
		expect(document.words).toBe(4);
		expect(document.readingMinutes).toBe(1);
	});

	it('counts reading time at 230 words a minute, rounded up', () => {
		expect(readingMinutes(0)).toBe(0);
		expect(readingMinutes(1)).toBe(1);
		expect(readingMinutes(230)).toBe(1);
		expect(readingMinutes(231)).toBe(2);
		const document = parse(`Headline\n\n${'word '.repeat(461)}`);
		expect(document.words).toBe(462);
		expect(document.readingMinutes).toBe(3);
	});
});

describe('a heading holding a bidirectional override', () => {
	it('is shown with it as U+FFFD in the title, while the text keeps it', () => {
		const text =
			'Right-to-left \u202E evil txt.exe\n\nThe body, with \u202Eits own\u202C override.\n';
		const document = parseDocument({
			id: 'bidi.txt',
			path: '/folder/bidi.txt',
			bytes: text.length,
			text,
			encoding: 'utf-8',
		});
		expect(document.title).toBe('Right-to-left \ufffd evil txt.exe');
		expect(document.paragraphs).toEqual(['The body, with \u202Eits own\u202C override.']);
	});
});
