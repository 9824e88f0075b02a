import {describe, expect, it} from 'vitest';
import {loadAll} from '../../../source/core/corpus/load.js';
import {findVersions} from '../../../source/core/versions/version-index.js';
import {makeTempFolder} from '../../fixtures/temp-folder.js';
import {seedText} from '../../fixtures/seeds.js';

/** Seed 001 written as Markdown: its headline a heading, its paragraphs with emphasis and a
 * link here and there, the way a blog would save the same article. */
function seed001AsMarkdown(): string {
	const [headline, dateline, ...paragraphs] = seedText('001')
		.split(/\n\s*\n/)
		.map((part) => part.trim())
		.filter((part) => part !== '');
	const marked = paragraphs.map((paragraph, index) => {
		if (index === 0) return paragraph.replace('Mustafa al-Kadhimi', '**Mustafa al-Kadhimi**');
		if (index === 1)
			return paragraph.replace('Javad Zarif', '[Javad Zarif](https://example.org/zarif)');
		if (index === 2) return `> ${paragraph}`;
		return paragraph;
	});
	return [`# ${headline!}`, dateline!, ...marked].join('\n\n') + '\n';
}

describe('a Markdown document', () => {
	it('takes its first heading as the headline and a dateline after it, without syntax', async () => {
		const folder = await makeTempFolder({
			'notes.md':
				'# A *short* note\n\nJuly 21, 2020\n\nFirst **bold** words.\n\n- one item\n- [a link](https://x.example)\n',
		});
		try {
			const {documents} = await loadAll(folder.root);
			const [document] = documents;
			expect(document).toMatchObject({
				title: 'A short note',
				titleFromHeadline: true,
				dateline: 'July 21, 2020',
				paragraphs: ['First bold words.', 'one item', 'a link'],
				// Every word of the rendered text: "A short note", "July 21, 2020", "First bold
				// words.", "one item", "a link".
				words: 13,
				text: 'A short note\n\nJuly 21, 2020\n\nFirst bold words.\n\none item\n\na link',
			});
			expect(document!.markdown!.map((block) => block.kind)).toEqual(['paragraph', 'item', 'item']);
		} finally {
			await folder.remove();
		}
	});

	it('is a version of its plain-text copy, and the plain copy keeps its word count', async () => {
		const folder = await makeTempFolder({
			'001.txt': seedText('001'),
			'001.md': seed001AsMarkdown(),
		});
		try {
			const {documents} = await loadAll(folder.root);
			const plain = documents.find((document) => document.id === '001.txt')!;
			const markdown = documents.find((document) => document.id === '001.md')!;
			expect(markdown.title).toBe(plain.title);
			expect(markdown.dateline).toBe(plain.dateline);
			expect(markdown.paragraphs.slice(0, 3)).toEqual(plain.paragraphs.slice(0, 3));
			expect(markdown.words).toBe(plain.words);
			const groups = findVersions(documents);
			expect(groups.map((group) => [...group.documents].sort())).toEqual([['001.md', '001.txt']]);
		} finally {
			await folder.remove();
		}
	});

	it('is read as plain text when it is too large or too deep to render', async () => {
		const folder = await makeTempFolder({
			'huge.md': `# Huge\n\n${'Some *words* here. '.repeat(60_000)}\n`,
			'deep.md': `${'>'.repeat(20_000)} deep\n`,
		});
		try {
			const {documents, skipped} = await loadAll(folder.root);
			expect(skipped).toEqual([]);
			const huge = documents.find((document) => document.id === 'huge.md')!;
			expect(huge.markdown).toBeUndefined();
			expect(huge.title).toBe('# Huge');
			const deep = documents.find((document) => document.id === 'deep.md')!;
			expect(deep.markdown).toBeUndefined();
			expect(deep.paragraphs).toEqual([`${'>'.repeat(20_000)} deep`]);
		} finally {
			await folder.remove();
		}
	});

	it('is read as plain text when it is not named .md', async () => {
		const folder = await makeTempFolder({
			'notes.txt': '# Not a heading here\n\nSome **stars** stay.\n',
		});
		try {
			const {documents} = await loadAll(folder.root);
			expect(documents[0]!.markdown).toBeUndefined();
			expect(documents[0]!.paragraphs).toEqual(['Some **stars** stay.']);
		} finally {
			await folder.remove();
		}
	});
});
