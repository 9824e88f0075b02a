import {describe, expect, it} from 'vitest';
import {isMarkdownPath} from '../../../source/core/markdown/load.js';

describe('isMarkdownPath', () => {
	it('is the .md extension in any case, and nothing else', () => {
		const paths = [
			'/a/notes.md',
			'NOTES.MD',
			'x.Md',
			'x.mD',
			'.md',
			'x.mdx',
			'x.txt',
			'md',
			'xmd',
			'x.m',
			'x.nd',
			'x.me',
			'x.md\n',
			'x.md ',
			'x.ｍd',
			'',
		];
		expect(paths.filter(isMarkdownPath)).toEqual([
			'/a/notes.md',
			'NOTES.MD',
			'x.Md',
			'x.mD',
			'.md',
		]);
	});
});
