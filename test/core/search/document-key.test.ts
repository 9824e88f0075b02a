import {describe, expect, it} from 'vitest';
import {documentKey, keyDigest} from '../../../source/core/search/document-key.js';
import type {Document} from '../../../source/core/types.js';

function document(fields: Partial<Document>): Document {
	return {
		id: 'a.txt',
		path: '/folder/a.txt',
		fileName: 'a.txt',
		hash: '',
		title: '',
		dateline: undefined,
		source: undefined,
		titleFromHeadline: true,
		paragraphs: [],
		words: 3,
		readingMinutes: 1,
		text: 'x',
		encoding: 'utf-8',
		bytes: 1,
		...fields,
	};
}

function digestOf(given: Document): [number, number] {
	const into = new Int32Array(3);
	keyDigest(documentKey(given), into, 1);
	return [into[1]!, into[2]!];
}

describe('keyDigest of documentKey', () => {
	// Written out: snapshots of format 6 hold these digests, so a change to the key or its
	// digest needs a new format (else no kept snapshot is taken up again, silently).
	it('gives the digests snapshots of format 6 keep', () => {
		expect(
			digestOf(
				document({
					hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
					title: 'Zarif visits Baghdad',
					dateline: 'July 20, 2020 - 21:08',
					source: 'IRNA',
					paragraphs: ['a', 'b', 'c'],
				}),
			),
		).toEqual([-2085559547, -904473204]);
		// No dateline or source: empty parts, the NULs kept.
		expect(digestOf(document({hash: '00', title: 'Café — naïve', paragraphs: []}))).toEqual([
			525589228, 1284947943,
		]);
		// Beyond Latin-1, and a count of two digits.
		expect(
			digestOf(
				document({
					hash: 'ff',
					title: 'ایران 東京',
					dateline: '',
					source: 'x',
					paragraphs: Array.from({length: 12}, () => 'p'),
				}),
			),
		).toEqual([-379087433, 729050947]);
	});

	it('tells apart keys whose parts differ only in where they end', () => {
		expect(digestOf(document({hash: 'ab', title: 'c'}))).not.toEqual(
			digestOf(document({hash: 'a', title: 'bc'})),
		);
	});
});
