import {describe, expect, it} from 'vitest';
import {
	isDateline,
	openingTitle,
	splitHeading,
	TITLE_MAX_LENGTH,
} from '../../../source/core/corpus/heading.js';

describe('isDateline', () => {
	it('accepts common date lines', () => {
		for (const line of [
			'July 20, 2020 - 21:8',
			'July 20, 2020',
			'Jul. 20, 2020',
			'20 July 2020',
			'Monday, July 20, 2020 at 9:15 pm',
			'2020-07-20',
			'2020-07-20 21:08 UTC',
			'20/07/2020',
			'Published: 3 March 2021',
			'Updated on Sept 3rd, 2021 | 10:00 GMT',
		]) {
			expect(isDateline(line), line).toBe(true);
		}
	});

	it('rejects prose that mentions a date', () => {
		for (const line of [
			'On July 20, 2020 the minister arrived.',
			'July 20, 2020 was a Monday',
			'— Khosro Kalbasi (@KhosroKalbasi) July 19, 2020',
			'July',
			'2020',
		]) {
			expect(isDateline(line), line).toBe(false);
		}
	});
});

describe('splitHeading', () => {
	it('takes a short first line followed by a blank line as the headline', () => {
		expect(splitHeading('Iran and Iraq sign deal\n\nBody text here.')).toEqual({
			headline: 'Iran and Iraq sign deal',
			dateline: undefined,
			body: 'Body text here.',
		});
	});

	it('keeps a first line that ends a sentence or runs on', () => {
		for (const first of ['It was a long day.', 'The minister said,', 'Talks went on into the']) {
			expect(splitHeading(`${first}\n\nBody text here.`).headline, first).toBeUndefined();
		}
	});

	it('accepts a question as a headline', () => {
		expect(splitHeading('Is a deal near?\n\nBody text here.').headline).toBe('Is a deal near?');
	});

	it('keeps a first line that starts in lowercase or is too long', () => {
		expect(splitHeading('and then it rained\n\nBody.').headline).toBeUndefined();
		expect(splitHeading(`${'Word '.repeat(30)}\n\nBody.`).headline).toBeUndefined();
	});

	it('without a blank line, needs the next line to start a sentence that would have fitted', () => {
		const wrapped =
			'Kadhimi met with Iranian President Hassan Rouhani\nwho said the talks went well.';
		expect(splitHeading(wrapped).headline).toBeUndefined();
		const headline = 'Rouhani meets Kadhimi\nThe two leaders met on Tuesday in Tehran and spoke.';
		expect(splitHeading(headline).headline).toBe('Rouhani meets Kadhimi');
		// Ends on "to": wrapped prose, though the next line starts with a capital.
		const prose = 'The prime minister was accompanied on his visit to\nTehran by ministers.';
		expect(splitHeading(prose).headline).toBeUndefined();
	});

	it('judges the fit by the first paragraph, not by long lines further down', () => {
		const text = [
			'Officials met the Iraqi delegation led by Prime Minister Kadhimi',
			'Tuesday in Tehran to discuss trade and other matters of',
			'common interest.',
			'',
			'A later paragraph saved on one long line. '.repeat(5),
		].join('\n');
		expect(splitHeading(text).headline).toBeUndefined();
	});

	it('never takes the only line as a headline', () => {
		expect(splitHeading('Only a headline')).toEqual({
			headline: undefined,
			dateline: undefined,
			body: 'Only a headline',
		});
	});
});

describe('openingTitle', () => {
	it('uses a short first sentence whole', () => {
		expect(openingTitle('Talks resumed on Monday. More followed later.')).toBe(
			'Talks resumed on Monday.',
		);
	});

	it('does not end the sentence after Mr., Lt. or an initial', () => {
		expect(openingTitle('Mr. Smith met J. Doe today. They talked.')).toBe(
			'Mr. Smith met J. Doe today.',
		);
	});

	it('cuts a long sentence at a word boundary, within the limit, with an ellipsis', () => {
		const paragraph = `In his first foreign trip, ${'the very long sentence goes on, '.repeat(5)}.`;
		const title = openingTitle(paragraph);
		expect(title.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
		expect(title.endsWith('…')).toBe(true);
		const cut = title.slice(0, -1);
		expect(paragraph.startsWith(cut)).toBe(true);
		expect(paragraph[cut.length]).toMatch(/[ ,]/);
		expect(cut).not.toMatch(/[ ,]$/);
	});

	it('cuts a single enormous word between characters', () => {
		const title = openingTitle('🙂'.repeat(200));
		expect(Array.from(title)).toHaveLength(TITLE_MAX_LENGTH);
		expect(title.endsWith('🙂…')).toBe(true);
	});
});
