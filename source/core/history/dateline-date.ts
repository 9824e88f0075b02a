/**
 * The date (and time, when there is one) in a dateline, in the forms news sites write them:
 * "July 20, 2020 - 21:8", "20 July 2020", "2020-07-20", "Tuesday, July 21, 2020 10:15 AM",
 * "Jul. 21, 2020", "Updated: 21st of July 2020 at 9.30 p.m. EST", "21/07/2020".
 *
 * Datelines rarely say their time zone, and when they do ("EST", "GMT+3") it is as often the
 * reader's as the writer's, so a dateline's time is kept as the wall clock it shows: `wallMs`
 * counts milliseconds as if that wall clock were UTC. Versions of one story come from one site,
 * so their wall clocks compare; a zone named in the dateline is ignored.
 */

export interface DatelineDate {
	/** The date and time written, as milliseconds since 1970 if the wall clock were UTC; a date
	 * without a time is its midnight. */
	readonly wallMs: number;
	readonly hasTime: boolean;
}

const MONTHS: Readonly<Record<string, number>> = {
	jan: 1,
	feb: 2,
	mar: 3,
	apr: 4,
	may: 5,
	jun: 6,
	jul: 7,
	aug: 8,
	sep: 9,
	oct: 10,
	nov: 11,
	dec: 12,
};

const MONTH_NAME =
	'(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';
const LABEL = /^(?:(?:published|updated|posted|last updated|date)(?:\s+on)?\s*:?\s*)/;
const WEEKDAY =
	/^(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?\s+/;

/** Each date form, with where its year, month and day are among the groups. */
const DATE_FORMS: readonly {
	readonly pattern: RegExp;
	readonly year: number;
	readonly month: number;
	readonly day: number;
}[] = [
	// July 20, 2020 · Jul. 21 2020 · Sept 3rd, 2020
	{pattern: new RegExp(`^${MONTH_NAME}\\s+${DAY},?\\s+${YEAR}`), month: 1, day: 2, year: 3},
	// 20 July 2020 · 21st of July, 2020
	{
		pattern: new RegExp(`^${DAY}\\s+(?:of\\s+)?${MONTH_NAME},?\\s+${YEAR}`),
		day: 1,
		month: 2,
		year: 3,
	},
	// 2020-07-20 · 2020/7/20
	{pattern: /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/, year: 1, month: 2, day: 3},
];

/** 21/07/2020, 07.21.20: day and month are told apart only when one of them is over 12. */
const NUMERIC_DATE = /^(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?!\d)/;

/** What may follow the date: a separator, then a time, then a zone, and nothing else. */
const TIME_PART =
	/^(?:\s*(?:[-–—|,@·t]|at)?\s*(\d{1,2})[:.](\d{1,2})(?:[:.](\d{2}))?\s*(?:([ap])\.?\s*m\.?)?)?(?:\s*\(?[a-z]{2,5}(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?\s*$/;

/** The date a dateline shows, or undefined when it is not one of the known forms or is not a
 * real date or time (February 30, 25:00). */
export function parseDatelineDate(dateline: string): DatelineDate | undefined {
	const text = dateline
		.trim()
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.replace(LABEL, '')
		.replace(WEEKDAY, '');
	const found = findDate(text);
	if (found === undefined) return undefined;
	const time = TIME_PART.exec(text.slice(found.length));
	if (time === null) return undefined;
	const [, hourText, minuteText, secondText, meridiem] = time;
	if (hourText === undefined) return dateOf(found.year, found.month, found.day, 0, 0, 0, false);
	let hour = Number(hourText);
	if (meridiem !== undefined) {
		if (hour < 1 || hour > 12) return undefined;
		hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
	}
	return dateOf(
		found.year,
		found.month,
		found.day,
		hour,
		Number(minuteText),
		Number(secondText ?? 0),
		true,
	);
}

interface FoundDate {
	readonly year: number;
	readonly month: number;
	readonly day: number;
	/** Characters of the text the date took. */
	readonly length: number;
}

function findDate(text: string): FoundDate | undefined {
	for (const form of DATE_FORMS) {
		const match = form.pattern.exec(text);
		if (match === null) continue;
		const monthText = match[form.month]!;
		const month = /^\d/.test(monthText) ? Number(monthText) : MONTHS[monthText.slice(0, 3)]!;
		return {
			year: Number(match[form.year]),
			month,
			day: Number(match[form.day]),
			length: match[0].length,
		};
	}
	const numeric = NUMERIC_DATE.exec(text);
	if (numeric === null) return undefined;
	const first = Number(numeric[1]);
	const second = Number(numeric[2]);
	const yearText = numeric[3]!;
	const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
	// 03/04/2020 is the 3rd of April in most of the world and March 4th in the US: not a date
	// to order by.
	if (first > 12 && second <= 12)
		return {year, month: second, day: first, length: numeric[0].length};
	if (second > 12 && first <= 12)
		return {year, month: first, day: second, length: numeric[0].length};
	return undefined;
}

function dateOf(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	second: number,
	hasTime: boolean,
): DatelineDate | undefined {
	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
		return undefined;
	}
	const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
	// Date.UTC rolls February 30 over into March: such a day does not exist.
	if (new Date(wallMs).getUTCDate() !== day) return undefined;
	return {wallMs, hasTime};
}

/** A dateline date as ISO 8601 without a zone (it has none): "2020-07-20" or "2020-07-20T21:08". */
export function isoWallDate(date: DatelineDate): string {
	const iso = new Date(date.wallMs).toISOString();
	if (!date.hasTime) return iso.slice(0, 10);
	return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso.slice(0, 19);
}
