import {describe, expect, it} from 'vitest';
import {loadAll} from '../../../source/core/corpus/load.js';
import {diffDocuments} from '../../../source/core/diff/diff-documents.js';
import {
	blockLinkAddresses,
	describeLinkChanges,
	linkAddresses,
	linkChanges,
} from '../../../source/core/markdown/links.js';
import {renderMarkdown} from '../../../source/core/markdown/render.js';
import {makeTempFolder} from '../../fixtures/temp-folder.js';

const page = (url: string) =>
	`# Report\n\nRead the [official statement](${url}) before you donate.\n\n- item one\n- item two\n`;

describe('link addresses', () => {
	it('are each block’s, in order and once, bare addresses left out', () => {
		const blocks = renderMarkdown(
			'See [a](https://a.example) and [b](https://b.example), [a again](https://a.example).\n\n' +
				'A bare <https://bare.example> and [c](https://c.example).\n',
		);
		expect(blockLinkAddresses(blocks[0]!)).toEqual(['https://a.example', 'https://b.example']);
		expect(linkAddresses(blocks)).toEqual([
			'https://a.example',
			'https://b.example',
			'https://c.example',
		]);
	});

	it('differ as multisets: what A has that B has not, and the other way', () => {
		expect(linkChanges(['x', 'y'], ['y', 'x'])).toBeUndefined();
		expect(linkChanges(['x'], ['z'])).toEqual({
			removed: 1,
			added: 1,
			removedAddresses: ['x'],
			addedAddresses: ['z'],
		});
		expect(linkChanges(['x', 'x', 'y'], ['x', 'y', 'w', 'v'])).toEqual({
			removed: 1,
			added: 2,
			removedAddresses: ['x'],
			addedAddresses: ['w', 'v'],
		});
	});

	it('are named in the summary, two of each at most, made safe for one line', () => {
		const changes = linkChanges(['https://gov.example/a'], ['https://evil.example/\u001b[2Jb']);
		expect(describeLinkChanges(changes!)).toBe(
			'link addresses −1 +1 (−https://gov.example/a +https://evil.example/␛[2Jb)',
		);
		const many = linkChanges(['a', 'b', 'c'], ['d']);
		expect(describeLinkChanges(many!)).toBe('link addresses −3 +1 (−a −b … +d)');
	});
});

describe('the diff of two Markdown articles whose words are the same', () => {
	it('is not identical when a link leads elsewhere; an article and its plain copy still are', async () => {
		const folder = await makeTempFolder({
			'a.md': page('https://gov.example/statement'),
			'b.md': page('https://evil.example/phish'),
			'c.md': page('https://gov.example/statement'),
			'plain.txt':
				'Report\n\nRead the official statement before you donate.\n\nitem one\n\nitem two\n',
		});
		try {
			const {documents} = await loadAll(folder.root);
			const [a, b, c, plain] = ['a.md', 'b.md', 'c.md', 'plain.txt'].map((id) =>
				documents.find((document) => document.id === id)!,
			);
			const changed = diffDocuments(a!, b!);
			expect(changed.changes).toEqual([]);
			expect(changed.identical).toBe(false);
			expect(changed.links).toEqual({
				removed: 1,
				added: 1,
				removedAddresses: ['https://gov.example/statement'],
				addedAddresses: ['https://evil.example/phish'],
			});
			const same = diffDocuments(a!, c!);
			expect(same.identical).toBe(true);
			expect(same.links).toBeUndefined();
			// A plain copy has no links to compare: the words decide.
			expect(diffDocuments(a!, plain!).links).toBeUndefined();
		} finally {
			await folder.remove();
		}
	});
});
