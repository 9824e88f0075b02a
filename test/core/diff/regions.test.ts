import {describe, expect, it} from 'vitest';
import {diffTexts, editsOf} from '../../../source/core/diff/diff-documents.js';
import {
	formatRegionSummary,
	recurringBoilerplate,
	splitRegions,
	storyEdits,
	summariseRegions,
	type RegionKind,
} from '../../../source/core/diff/regions.js';
import {paragraphs} from '../../fixtures/prose.js';
import {seedDocument, seedText} from '../../fixtures/seeds.js';
import {storyFiles} from '../../fixtures/story.js';

/** Each region as [kind, its text]; the body (tested below) as ['body', '…']. */
function described(text: string, recurring?: ReadonlySet<string>) {
	const out: [RegionKind, string][] = [];
	for (const region of splitRegions(text, recurring)) {
		if (region.kind === 'body') {
			out.push(['body', '…']);
		} else {
			out.push([region.kind, text.slice(region.start, region.end)]);
		}
	}
	return out;
}

function summary(a: string, b: string, recurring?: ReadonlySet<string>) {
	const result = diffTexts(a, b);
	const sides = [{regions: splitRegions(a, recurring)}, {regions: splitRegions(b, recurring)}];
	const counted = summariseRegions(sides[0]!, sides[1]!, editsOf(result));
	// Told the diff's totals, it counts only the words outside the body, to the same figures.
	expect(summariseRegions(sides[0]!, sides[1]!, editsOf(result), result.stats)).toEqual(counted);
	return counted;
}

describe('splitRegions on the seeds', () => {
	it('000: no headline, the body, and the Mehr licence line as footer', () => {
		expect(described(seedText('000'))).toEqual([
			['body', '…'],
			[
				'footer',
				'All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.',
			],
		]);
	});

	it('001: headline, dateline, the body, and "Leave a Comment" as footer', () => {
		expect(described(seedText('001'))).toEqual([
			['headline', 'Prospects of Iran-Iraq ties'],
			['dateline', 'July 20, 2020 - 21:8'],
			['body', '…'],
			['footer', 'Leave a Comment'],
		]);
	});

	it('002–004: every paragraph below the headline is body', () => {
		expect(described(seedText('002'))).toEqual([
			['headline', "Al-Kadhimi's visit to Iran paving the way for a leap in strategic relations"],
			['body', '…'],
		]);
		expect(described(seedText('003'))).toEqual([
			['headline', 'Kadhimi in Iran: Feverish pursuit to restore lost balance'],
			['body', '…'],
		]);
		expect(described(seedText('004'))).toEqual([['body', '…']]);
	});

	it("the body runs from the library's first paragraph to its last before the footer", () => {
		for (const [name, footers] of [
			['000', 1],
			['001', 1],
			['002', 0],
			['003', 0],
			['004', 0],
		] as const) {
			const text = seedText(name);
			const body = splitRegions(text).find((region) => region.kind === 'body')!;
			const paragraphs = seedDocument(name).paragraphs;
			const bodyText = text.slice(body.start, body.end).replace(/\s+/g, ' ');
			expect(bodyText.startsWith(paragraphs[0]!.slice(0, 60)), name).toBe(true);
			expect(bodyText.endsWith(paragraphs.at(-1 - footers)!.slice(-60)), name).toBe(true);
		}
	});

	it('reads only the ends of a long text: the same regions, moved, for a 100 times longer body', () => {
		const text = seedText('001');
		const regions = splitRegions(text);
		const body = regions.find((region) => region.kind === 'body')!;
		const middle = text.slice(body.start, body.end);
		const long = text.slice(0, body.end) + `\n\n${middle}`.repeat(100) + text.slice(body.end);
		const shift = long.length - text.length;
		expect(splitRegions(long)).toEqual(
			regions.map((region) =>
				region.kind === 'footer'
					? {...region, start: region.start + shift, end: region.end + shift}
					: region.kind === 'body'
						? {...region, end: region.end + shift}
						: region,
			),
		);
	});

	it('covers every token of a text, in order, without overlaps', () => {
		for (const name of ['000', '001', '002', '003', '004']) {
			const text = seedText(name);
			const regions = splitRegions(text);
			for (let k = 1; k < regions.length; k++) {
				expect(regions[k]!.start, name).toBeGreaterThanOrEqual(regions[k - 1]!.end);
				expect(text.slice(regions[k - 1]!.end, regions[k]!.start).trim(), name).toBe('');
			}
			expect(text.slice(0, regions[0]!.start).trim()).toBe('');
			expect(text.slice(regions.at(-1)!.end).trim()).toBe('');
		}
	});
});

describe('boilerplate that recurs across a folder', () => {
	const header = 'The Daily Planet | World news every morning';
	const footer = 'Thanks for reading the Daily Planet. Tips go to the news desk.';
	const documents = [1, 2, 3, 4].map((seed) =>
		[header, ...paragraphs(4, seed), footer].join('\n\n'),
	);

	it('takes a paragraph at the start or end of three or more documents for header or footer', () => {
		const recurring = recurringBoilerplate(documents.slice(0, 3));
		expect([...recurring].sort()).toEqual([footer.toLowerCase(), header.toLowerCase()].sort());
		expect(described(documents[0]!, recurring)).toEqual([
			['header', header],
			['body', '…'],
			['footer', footer],
		]);
		// Without the folder, the site's line reads as a headline and its footer as body.
		expect(described(documents[0]!)).toEqual([
			['headline', header],
			['body', '…'],
		]);
	});

	it('needs three documents, not two', () => {
		expect(recurringBoilerplate(documents.slice(0, 2)).size).toBe(0);
	});

	it('counts the versions of one story once: a headline every version keeps is not a header', () => {
		const versions = storyFiles().map((file) => file.text);
		// Five of the six versions open with this headline and all share their first paragraph.
		expect(recurringBoilerplate(versions)).toEqual(new Set());
		expect(described(versions[1]!, recurringBoilerplate(versions))[0]).toEqual([
			'headline',
			'Iraq and Iran agree to reopen two border crossings',
		]);
		// Beside two other stories, the site's header and footer on one version each still
		// recur across three stories; the story's headline, on two stories' worth, does not.
		const site = [documents[0]!, documents[1]!, `${header}\n\n${versions[1]!}\n\n${footer}`];
		expect([...recurringBoilerplate([...site, ...versions])].sort()).toEqual(
			[footer.toLowerCase(), header.toLowerCase()].sort(),
		);
	});
});

describe('summariseRegions', () => {
	it('000 against 001: the body identical, headline and dateline added, footer replaced', () => {
		const result = summary(seedText('000'), seedText('001'));
		expect(result).toEqual({
			headline: 'added',
			dateline: 'added',
			footer: 'changed',
			footerReplaced: true,
			body: {changes: 0, deleted: 0, inserted: 0},
		});
		expect(formatRegionSummary(result)).toBe(
			'body identical · headline added · dateline added · footer replaced',
		);
		// And the other way round.
		expect(formatRegionSummary(summary(seedText('001'), seedText('000')))).toBe(
			'body identical · headline removed · dateline removed · footer replaced',
		);
	});

	// Longer than the two 16 KB ends read for the regions, and one paragraph (an article saved
	// as one line, as 000 is): the ends hold no whole paragraph, and the body was lost, so a
	// changed word was told "body identical".
	const longLine = Array.from({length: 7_000}, (_, k) => `word${(k * 7919) % 10_007}`).join(' ');

	it('a body of one paragraph longer than the ends read: its edit is the body’s', () => {
		expect(longLine.length).toBeGreaterThan(40_000);
		expect(splitRegions(longLine).map(({kind, start, end}) => [kind, start, end])).toEqual([
			['body', 0, longLine.length],
		]);
		const edited = longLine.replace('word7919 ', 'word7919 inserted ');
		const result = summary(longLine, edited);
		expect(result.body).toEqual({changes: 1, deleted: 0, inserted: 1});
		expect(formatRegionSummary(result)).toBe('body: 1 change (+1 word)');
	});

	it('a long last paragraph before a footer: the body runs to its end', () => {
		const text = `Talks resume\n\n${longLine}\n\nAll rights reserved.`;
		expect(described(text)).toEqual([
			['headline', 'Talks resume'],
			['body', '…'],
			['footer', 'All rights reserved.'],
		]);
		const body = splitRegions(text).find((region) => region.kind === 'body')!;
		expect(text.slice(body.start, body.end)).toBe(longLine);
	});

	const story = paragraphs(6, 11);
	const page = (headline: string, body: readonly string[], foot: string) =>
		`${headline}\n\nMarch 3, 2024\n\n${body.join('\n\n')}\n\n${foot}`;
	const original = page('Talks resume in Baghdad', story, 'All rights reserved.');

	it('a body edit only', () => {
		const edited = [...story];
		edited[2] = edited[2]!.replace(/\bthe\b/, 'a').replace(/\bofficials\b/, 'envoys and aides');
		// A word cut from the end of one paragraph and one added at the end of the next: two
		// changes, one after the other, not one.
		edited[0] = edited[0]!.replace(/ \w+\.$/, '.');
		edited[1] = edited[1]!.replace(/\.$/, ' yesterday.');
		const result = summary(
			original,
			page('Talks resume in Baghdad', edited, 'All rights reserved.'),
		);
		expect(result).toMatchObject({headline: 'same', dateline: 'same', footer: 'same'});
		expect(result.body).toEqual({changes: 4, deleted: 3, inserted: 5});
		expect(formatRegionSummary(result)).toBe('body: 4 changes (−3 +5 words)');
	});

	it('a headline change only', () => {
		const result = summary(original, page('Talks resume in Tehran', story, 'All rights reserved.'));
		expect(result).toMatchObject({headline: 'changed', dateline: 'same', footer: 'same'});
		expect(formatRegionSummary(result)).toBe('body identical · headline changed');
	});

	it('a footer change only', () => {
		const changed = page(
			'Talks resume in Baghdad',
			story,
			'© 2024 Planet Media. All rights reserved.',
		);
		const result = summary(original, changed);
		expect(result).toMatchObject({headline: 'same', footer: 'changed', footerReplaced: false});
		expect(formatRegionSummary(result)).toBe('body identical · footer changed');
		// --ignore-boilerplate leaves nothing to show.
		const a = {regions: splitRegions(original)};
		const b = {regions: splitRegions(changed)};
		const edits = editsOf(diffTexts(original, changed));
		expect(edits.length).toBeGreaterThan(0);
		expect(storyEdits(a, b, edits)).toEqual([]);
	});
});
