import {describe, expect, it} from 'vitest';
import {HEADER, relocateAnchor} from '../../../source/core/reader/anchor.js';

const before = ['Intro.', 'Second paragraph.', 'The place.', 'After it.', 'The end.'];
const at = {paragraph: 2, offset: 4};

describe('relocateAnchor', () => {
	it('finds the paragraph again when paragraphs were added or removed above it', () => {
		const added = ['Intro.', 'New one.', 'Another.', ...before.slice(1)];
		expect(relocateAnchor(at, before, added)).toEqual({paragraph: 4, offset: 4});
		const removed = before.slice(1);
		expect(relocateAnchor(at, before, removed)).toEqual({paragraph: 1, offset: 4});
		expect(relocateAnchor(at, before, before)).toEqual(at);
	});

	it('takes the nearest copy of a paragraph that repeats', () => {
		const repeated = ['Share this.', 'a', 'b', 'Share this.', 'c', 'Share this.'];
		const moved = ['x', ...repeated];
		expect(relocateAnchor({paragraph: 3, offset: 2}, repeated, moved)).toEqual({
			paragraph: 4,
			offset: 2,
		});
	});

	it('places a changed paragraph where it stood before the next one found again', () => {
		const edited = ['Intro.', 'Added.', 'Second paragraph.', 'The place, rewritten.', 'After it.'];
		expect(relocateAnchor(at, before, edited)).toEqual({paragraph: 3, offset: 4});
		// The offset stays within the paragraph it now points at.
		expect(
			relocateAnchor({paragraph: 2, offset: 40}, before, ['Intro.', 'Hi.', 'After it.']),
		).toEqual({paragraph: 1, offset: 3});
	});

	it('keeps the index, within the text, when nothing around the place is found', () => {
		expect(relocateAnchor({paragraph: 3, offset: 9}, before, ['One.', 'Two.'])).toEqual({
			paragraph: 1,
			offset: 4,
		});
		expect(relocateAnchor({paragraph: HEADER, offset: 1}, before, ['One.'])).toEqual({
			paragraph: HEADER,
			offset: 1,
		});
	});
});
