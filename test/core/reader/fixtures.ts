import type {Document} from '../../../source/core/types.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';

/** A long article made by repeating the seeds' paragraphs until it has `minChars` characters. */
export function longDocument(minChars: number): Document {
	const paragraphs = seedDocuments().flatMap((document) => document.paragraphs);
	const parts = ['A long article made of the seeds', ''];
	let size = 0;
	for (let index = 0; size < minChars; index++) {
		const paragraph = `${index}. ${paragraphs[index % paragraphs.length]!}`;
		parts.push(paragraph, '');
		size += paragraph.length + 2;
	}
	return documentFromText(parts.join('\n'), 'long.txt');
}
