import crypto from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {bodySumWith, textSumFromHash} from '../../../source/core/store/body-sum.js';
import {documentFromText, seedDocuments} from '../../fixtures/seeds.js';

describe('a stored body’s checksum', () => {
	it('is the SHA-1 of its UTF-8 bytes, in base64', () => {
		expect(bodySumWith(crypto, 'abc')).toBe('qZk+NkcGgWq6PiVxeFDCbJzQ2J0=');
		expect(bodySumWith(crypto, Buffer.from('abc'))).toBe('qZk+NkcGgWq6PiVxeFDCbJzQ2J0=');
	});

	it('of a text, is taken from the document’s hash without hashing the text again', () => {
		const document = documentFromText('abc');
		expect(document.hash).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
		expect(textSumFromHash(document)).toBe('qZk+NkcGgWq6PiVxeFDCbJzQ2J0=');
	});

	it('taken from the hash, is the one hashing the text gives, for every seed and odd texts', () => {
		const documents = [
			...seedDocuments(),
			documentFromText('Café crème\n\nUne histoire déjà lue à Zürich. 😀 東京'),
			documentFromText('Dated story\r\n\r\nTuesday, July 21, 2020\r\n\r\nThe body \u0007of it.'),
		];
		for (const document of documents) {
			expect(textSumFromHash(document)).toBe(bodySumWith(crypto, document.text));
		}
	});

	it('of a Markdown document’s rendered text, or under a hash that is not SHA-1, is not taken', () => {
		const plain = documentFromText('# Heading\n\nA paragraph.');
		expect(textSumFromHash({...plain, markdown: []})).toBeUndefined();
		expect(textSumFromHash({...plain, hash: 'h1'})).toBeUndefined();
		expect(textSumFromHash({...plain, hash: plain.hash.toUpperCase()})).toBeUndefined();
	});
});
