import {Buffer} from 'node:buffer';
import {describe, expect, it} from 'vitest';
import {StoredDocument, type BodySource} from '../../../source/core/store/stored-document.js';

const record = {
	id: 'world/iran.txt',
	size: 1234,
	hash: 'a9993e364706816aba3e25717850c26c9cd0d89d',
	file_name: 'iran.txt',
	title: 'Talks resume in Vienna',
	title_from_headline: 1,
	dateline: 'VIENNA, July 20',
	source: null,
	paragraphs: 7,
	words: 321,
	reading_minutes: 2,
	encoding: 'windows-1252',
};

const bodies: BodySource = {
	paragraphsOf: () => ['First.', 'Second.'],
	textOf: () => 'First.\n\nSecond.',
};

describe('StoredDocument', () => {
	it('reads its metadata from the stored record', () => {
		const document = new StoredDocument(record, {}, bodies, '/archive/');
		expect({
			id: document.id,
			fileName: document.fileName,
			title: document.title,
			titleFromHeadline: document.titleFromHeadline,
			dateline: document.dateline,
			source: document.source,
			paragraphCount: document.paragraphCount,
			words: document.words,
			readingMinutes: document.readingMinutes,
			encoding: document.encoding,
			hash: document.hash,
			bytes: document.bytes,
			rawPath: document.rawPath,
		}).toEqual({
			id: 'world/iran.txt',
			fileName: 'iran.txt',
			title: 'Talks resume in Vienna',
			titleFromHeadline: true,
			dateline: 'VIENNA, July 20',
			source: undefined,
			paragraphCount: 7,
			words: 321,
			readingMinutes: 2,
			encoding: 'windows-1252',
			hash: 'a9993e364706816aba3e25717850c26c9cd0d89d',
			bytes: 1234,
			rawPath: undefined,
		});
		expect(
			new StoredDocument({...record, title_from_headline: 0}, {}, bodies, '/a/').titleFromHeadline,
		).toBe(false);
		expect(document.paragraphs).toEqual(['First.', 'Second.']);
		expect(document.text).toBe('First.\n\nSecond.');
	});

	it('makes its path of the folder and its id, unless its file is somewhere else', () => {
		expect(new StoredDocument(record, {}, bodies, '/archive/').path).toBe(
			'/archive/world/iran.txt',
		);
		expect(
			new StoredDocument(record, {path: '/archive/world/iran.txt'}, bodies, '/archive/').path,
		).toBe('/archive/world/iran.txt');
		// A name sanitised for its id, or reached through a link: the file's own path.
		expect(
			new StoredDocument(record, {path: '/archive/world/ir\u0007an.txt'}, bodies, '/archive/').path,
		).toBe('/archive/world/ir\u0007an.txt');
		expect(
			new StoredDocument(record, {path: '/elsewhere/world/iran.txt'}, bodies, '/archive/').path,
		).toBe('/elsewhere/world/iran.txt');
		expect(
			new StoredDocument(record, {path: '/archivx/world/iran.txt'}, bodies, '/archive/').path,
		).toBe('/archivx/world/iran.txt');
		const rawPath = Buffer.from('/archive/world/iran.txt');
		expect(
			new StoredDocument(record, {path: '/archive/world/iran.txt', rawPath}, bodies, '/archive/')
				.rawPath,
		).toBe(rawPath);
	});
});
