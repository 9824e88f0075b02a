import {describe, expect, it} from 'vitest';
import {isDateline} from '../../../source/core/corpus/heading.js';
import {isoWallDate, parseDatelineDate} from '../../../source/core/history/dateline-date.js';
import {seedDocument} from '../../fixtures/seeds.js';

/** The parsed dateline as ISO text, or undefined. */
const parsed = (dateline: string) => {
	const date = parseDatelineDate(dateline);
	return date === undefined ? undefined : isoWallDate(date);
};

describe('parseDatelineDate', () => {
	it('reads the forms news sites use, with a time when there is one', () => {
		expect(parsed('July 20, 2020 - 21:8')).toBe('2020-07-20T21:08');
		expect(parsed('20 July 2020')).toBe('2020-07-20');
		expect(parsed('2020-07-20')).toBe('2020-07-20');
		expect(parsed('Tuesday, July 21, 2020 10:15 AM')).toBe('2020-07-21T10:15');
		expect(parsed('Jul. 21, 2020')).toBe('2020-07-21');
	});

	it('reads the seed datelines as the loader finds them', () => {
		expect(seedDocument('001').dateline).toBe('July 20, 2020 - 21:8');
		expect(parsed(seedDocument('001').dateline!)).toBe('2020-07-20T21:08');
		// 000 is the same article saved without its headline and dateline.
		expect(seedDocument('000').dateline).toBeUndefined();
	});

	it('reads times in 12- and 24-hour forms, with seconds, separators and zones', () => {
		expect(parsed('Tuesday, July 21, 2020 12:05 AM')).toBe('2020-07-21T00:05');
		expect(parsed('Tuesday, July 21, 2020 12:05 PM')).toBe('2020-07-21T12:05');
		expect(parsed('July 21, 2020 at 9.30 p.m. EST')).toBe('2020-07-21T21:30');
		expect(parsed('2020-07-21T06:07:08')).toBe('2020-07-21T06:07:08');
		expect(parsed('21 July 2020 | 14:45 (GMT)')).toBe('2020-07-21T14:45');
		expect(parsed('2020-07-21 14:45 UTC+3')).toBe('2020-07-21T14:45');
	});

	it('reads labels, ordinals, "of", short and long month names', () => {
		expect(parsed('Updated: 21st of July 2020')).toBe('2020-07-21');
		expect(parsed('Published on Sept 3rd, 2020')).toBe('2020-09-03');
		expect(parsed('Mon, 2 Nov 2020')).toBe('2020-11-02');
		expect(parsed('DECEMBER 31, 1999 - 23:59')).toBe('1999-12-31T23:59');
	});

	it('reads numeric day/month dates only when day and month cannot be confused', () => {
		expect(parsed('21/07/2020')).toBe('2020-07-21');
		expect(parsed('07/21/2020')).toBe('2020-07-21');
		expect(parsed('21.07.20')).toBe('2020-07-21');
		expect(parsed('03/04/2020')).toBeUndefined();
	});

	it('gives nothing for dates and times that do not exist or text that is not a date', () => {
		expect(parsed('February 30, 2020')).toBeUndefined();
		expect(parsed('2021-02-29')).toBeUndefined();
		expect(parsed('2020-02-29')).toBe('2020-02-29');
		expect(parsed('2020-13-01')).toBeUndefined();
		expect(parsed('July 20, 2020 - 25:10')).toBeUndefined();
		expect(parsed('July 20, 2020 - 13:10 PM')).toBeUndefined();
		expect(parsed('Summer 2020')).toBeUndefined();
		expect(parsed('July 20, 2020, said the minister on his visit')).toBeUndefined();
		expect(parsed('')).toBeUndefined();
	});

	it('orders by the wall clock shown', () => {
		const morning = parseDatelineDate('Tuesday, July 21, 2020 10:15 AM')!;
		const evening = parseDatelineDate('July 20, 2020 - 21:8')!;
		expect(morning.wallMs - evening.wallMs).toBe((13 * 60 + 7) * 60 * 1000);
		expect(morning.hasTime).toBe(true);
		expect(parseDatelineDate('20 July 2020')!.hasTime).toBe(false);
	});

	it('reads every line the corpus takes for a dateline, but for ambiguous numeric dates', () => {
		const lines = [
			'July 20, 2020 - 21:8',
			'20 July 2020',
			'2020-07-20',
			'Tuesday, July 21, 2020 10:15 AM',
			'Jul. 21, 2020',
			'Updated: 21st of July 2020 at 9.30 p.m. EST',
			'Published on Sept 3rd, 2020 | 14:45',
			'Mon, 2 Nov 2020 @ 7:05 am (GMT)',
			'21/07/2020 - 14:45',
			'03/04/2020',
		];
		for (const line of lines) expect(isDateline(line), line).toBe(true);
		const unread = lines.filter((line) => parseDatelineDate(line) === undefined);
		expect(unread).toEqual(['03/04/2020']);
	});
});
