import {describe, expect, it} from 'vitest';
import {
	anchorProgress,
	isUnread,
	jsonProgress,
	readCell,
	readStateOf,
} from '../../../source/core/library/read-state.js';
import type {RememberedPlace} from '../../../source/core/positions.js';
import {documentFromText} from '../../fixtures/seeds.js';

// A headline, then three body paragraphs of 40, 20 and 40 characters: 100 in all.
const body = ['a'.repeat(39) + '.', 'b'.repeat(19) + '.', 'c'.repeat(39) + '.'];
const article = documentFromText(`A headline\n\n${body.join('\n\n')}\n`);

function place(fields: Partial<RememberedPlace>): RememberedPlace {
	return {hash: article.hash, paragraph: 0, offset: 0, savedAt: 1, ...fields};
}

describe('progress from positions', () => {
	it('reads the test article as three paragraphs under its headline', () => {
		expect(article.title).toBe('A headline');
		expect(article.paragraphs).toEqual(body);
	});

	it('is the share of the body before the anchor, by characters', () => {
		expect(anchorProgress(article, {paragraph: -1, offset: 5})).toBe(0);
		expect(anchorProgress(article, {paragraph: 0, offset: 0})).toBe(0);
		expect(anchorProgress(article, {paragraph: 0, offset: 20})).toBe(0.2);
		expect(anchorProgress(article, {paragraph: 1, offset: 10})).toBe(0.5);
		expect(anchorProgress(article, {paragraph: 2, offset: 0})).toBe(0.6);
		// An offset past its paragraph's end (the blank line after it) counts as its end.
		expect(anchorProgress(article, {paragraph: 2, offset: 41})).toBe(1);
	});

	it('is unread, never opened, without a place', () => {
		const state = readStateOf(undefined, article);
		expect(state).toEqual({kind: 'unread', opened: false});
		expect(jsonProgress(state)).toBeNull();
		expect(readCell(state)).toBe(' • ');
		expect(isUnread(state)).toBe(true);
	});

	it('is being read, as far as the place saved says', () => {
		const state = readStateOf(place({progress: 0.456}), article);
		expect(state).toEqual({kind: 'reading', progress: 0.456});
		expect(jsonProgress(state)).toBe(0.456);
		expect(readCell(state)).toBe('45%');
		expect(isUnread(state)).toBe(true);
		expect(readCell(readStateOf(place({progress: 0.05}), article))).toBe(' 5%');
	});

	it('takes a place saved before progress was kept at its anchor, for the text it was saved for', () => {
		expect(readStateOf(place({paragraph: 1, offset: 10}), article)).toEqual({
			kind: 'reading',
			progress: 0.5,
		});
		// The article changed since: the old anchor says nothing about the new text.
		expect(readStateOf(place({paragraph: 1, offset: 10, hash: 'other'}), article)).toEqual({
			kind: 'reading',
			progress: 0,
		});
	});

	it('is read once marked so, whatever the place says', () => {
		const state = readStateOf(place({progress: 0.3, mark: 'read'}), article);
		expect(state).toEqual({kind: 'read'});
		expect(jsonProgress(state)).toBe(1);
		expect(readCell(state)).toBe(' ✓ ');
		expect(isUnread(state)).toBe(false);
	});

	it('is unread again once marked unread, though it was opened', () => {
		const state = readStateOf(place({progress: 0.8, mark: 'unread'}), article);
		expect(state).toEqual({kind: 'unread', opened: true});
		expect(jsonProgress(state)).toBe(0);
		expect(readCell(state)).toBe(' • ');
	});
});
