import {mkdtempSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {looksLikeMarkdown} from '../../../source/core/markdown/detect.js';
import {loadAll} from '../../../source/core/corpus/load.js';
import {openStore} from '../../../source/core/store/open.js';
import {seedFiles, seedText} from '../../fixtures/seeds.js';

const NOTES = [
	'# Reading list',
	'',
	'Articles worth a second look, with **notes** on each.',
	'',
	'## This week',
	'',
	'- [The visit](https://example.org/visit) and what it meant',
	'- A longer piece on trade',
	'',
	'> Quoted from the editor.',
	'',
].join('\n');

describe('looksLikeMarkdown', () => {
	it('finds none of the seeds Markdown', () => {
		expect(seedFiles).toHaveLength(5);
		for (const file of seedFiles) expect(looksLikeMarkdown(seedText(file.slice(0, 3)))).toBe(false);
	});

	it('takes a text opening with a heading, with lists, links and more headings', () => {
		expect(looksLikeMarkdown(NOTES)).toBe(true);
		expect(looksLikeMarkdown(`\n\n${NOTES}`)).toBe(true);
	});

	it('leaves a plain article alone, even one with a # or a dash here and there', () => {
		// A headline that happens to start with '#' but is not a heading.
		expect(looksLikeMarkdown('#1 in sales again\n\n- a dash\n- another\n## x')).toBe(false);
		// A heading, then plain prose.
		expect(looksLikeMarkdown('# Title\n\nPlain words.\n\nMore plain words.\n')).toBe(false);
		// A heading and one other mark: not enough.
		expect(looksLikeMarkdown('# Title\n\n- one item\n\nPlain words.\n')).toBe(false);
		// Marks enough, but all of one kind beyond the heading is still two kinds: heading and list.
		expect(looksLikeMarkdown('# Title\n\n- one\n- two\n- three\n')).toBe(true);
		// Markdown-looking marks without the opening heading.
		expect(looksLikeMarkdown('Title\n\n## A\n- one\n- two\n> three\n')).toBe(false);
		expect(looksLikeMarkdown('')).toBe(false);
	});
});

describe('a .txt file that is clearly Markdown', () => {
	it('is rendered as Markdown, and grouped with its .md copy by the same text', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'reading-room-detect-'));
		try {
			writeFileSync(join(folder, 'notes.txt'), NOTES);
			writeFileSync(join(folder, 'notes-copy.md'), NOTES);
			writeFileSync(join(folder, 'plain.txt'), '# Title\n\nPlain words.\n');
			const {documents} = await loadAll(folder);
			const byId = new Map(documents.map((document) => [document.id, document]));
			const text = byId.get('notes.txt')!;
			const markdown = byId.get('notes-copy.md')!;
			expect(text.markdown).toBeDefined();
			expect(text.title).toBe('Reading list');
			expect(text.paragraphs).toEqual(markdown.paragraphs);
			expect(text.text).toBe(markdown.text);
			expect(text.paragraphs[0]).toBe('Articles worth a second look, with notes on each.');
			const plain = byId.get('plain.txt')!;
			expect(plain.markdown).toBeUndefined();
			expect(plain.title).toBe('# Title');
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});
});

describe('a clearly Markdown .txt file with the cache', () => {
	it('is rendered as Markdown on every run, not given back plain by the store', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'reading-room-detect-'));
		const cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-detect-cache-'));
		try {
			const path = join(folder, 'notes.txt');
			writeFileSync(path, NOTES);
			// Long settled, so the store would answer for it unread.
			const past = new Date(Date.UTC(2024, 0, 1));
			utimesSync(path, past, past);
			for (let run = 0; run < 2; run++) {
				const store = openStore({folder, useCache: true, cacheHome});
				try {
					const [document] = (await loadAll(folder, {store})).documents;
					expect(document!.markdown).toBeDefined();
					expect(document!.title).toBe('Reading list');
				} finally {
					store.close();
				}
			}
		} finally {
			rmSync(folder, {recursive: true, force: true});
			rmSync(cacheHome, {recursive: true, force: true});
		}
	});
});
