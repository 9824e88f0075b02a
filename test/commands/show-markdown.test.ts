import {describe, expect, it} from 'vitest';
import {parseDocument} from '../../source/core/corpus/document.js';
import {renderMarkdown} from '../../source/core/markdown/render.js';
import {showCommand} from '../../source/commands/show.js';

describe('show on a Markdown article', () => {
	it('prints it laid out as the reader draws it, without colour or syntax', () => {
		const text =
			'# Title\n\nOne *two* [three](https://x.example).\n\n1. a\n2. b\n\n```\n  code\n```\n';
		const document = parseDocument({
			id: 'a.md',
			path: '/tmp/a.md',
			bytes: text.length,
			text,
			encoding: 'utf-8',
			markdown: renderMarkdown,
		});
		let printed = '';
		showCommand({document, width: 40, write: (chunk) => (printed += chunk)});
		expect(printed).toBe(
			'Title\n\nOne two three.\n↳ https://x.example\n\n1. a\n2. b\n\n    code\n',
		);
	});
});
