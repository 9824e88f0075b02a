import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {decodeBytes} from '../../../source/core/corpus/decode.js';
import {parseDocument} from '../../../source/core/corpus/document.js';
import type {Document} from '../../../source/core/types.js';

export const seedsFolder = join(import.meta.dirname, '..', '..', '..', 'seeds');

/** The five seed articles, parsed by the real corpus code. */
export function seedDocuments(): Document[] {
	return readdirSync(seedsFolder)
		.filter((name) => name.endsWith('.txt'))
		.sort()
		.map((name) => documentFromFile(join(seedsFolder, name), name));
}

export function documentFromFile(path: string, id: string): Document {
	const bytes = readFileSync(path);
	const decoded = decodeBytes(bytes);
	if (decoded.kind !== 'text') throw new Error(`${id} is not text`);
	return parseDocument({
		id,
		path,
		bytes: bytes.length,
		text: decoded.text,
		encoding: decoded.encoding,
	});
}

/** A document from plain text, through the same parser as files. */
export function documentFromText(text: string, id = 'generated.txt'): Document {
	return parseDocument({
		id,
		path: `/generated/${id}`,
		bytes: Buffer.byteLength(text),
		text,
		encoding: 'utf-8',
	});
}

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
