import {describe, expect, it} from 'vitest';
import {
	collapseWhitespace,
	detectLayout,
	endsSentence,
	splitParagraphs,
	splitParagraphsSteps,
} from '../../../source/core/corpus/paragraphs.js';
import {hardWrap, paragraphs, sentence, seededRandom} from '../../fixtures/prose.js';
import {seedText} from '../../fixtures/seeds.js';
import {pieces} from '../../fixtures/steps.js';

describe('detectLayout on the seeds', () => {
	it('recognises each way the seeds were saved', () => {
		expect(detectLayout(seedText('000').trim())).toBe('space-runs');
		expect(detectLayout(seedText('001').trim())).toBe('blank-lines');
		expect(detectLayout(seedText('002').trim())).toBe('blank-lines');
		// 003 ends with three empty lines: trimmed away, it has no blank line inside.
		expect(detectLayout(seedText('003').trim())).toBe('hard-wrapped');
		expect(detectLayout(seedText('004').trim())).toBe('line-per-paragraph');
	});
});

describe('splitParagraphs', () => {
	it('splits at blank lines, even ones holding spaces, and joins wrapped lines', () => {
		const text = 'First para\nwrapped here.\n  \t\nSecond   para.\n\n\n\nThird.';
		expect(splitParagraphs(text)).toEqual(['First para wrapped here.', 'Second para.', 'Third.']);
	});

	it('keeps long lines inside a blank-line block apart (a lost blank line)', () => {
		const [one, two] = paragraphs(2, 7);
		expect(one!.length).toBeGreaterThan(100);
		const text = `Intro.\n\n${one}\n${two}\n\nEnd.`;
		expect(splitParagraphs(text)).toEqual(['Intro.', one, two, 'End.']);
	});

	it('makes each long line a paragraph when there are no blank lines', () => {
		const generated = paragraphs(6, 3).filter((paragraph) => paragraph.length > 100);
		expect(generated.length).toBeGreaterThan(2);
		expect(splitParagraphs(generated.join('\n'))).toEqual(generated);
	});

	it('splits one long line at runs of two or more spaces, not before a lowercase word', () => {
		const text = 'First ends here. It has two sentences.  Second one,  which goes on.\u00a0 Third.';
		expect(splitParagraphs(text)).toEqual([
			'First ends here. It has two sentences.',
			'Second one, which goes on.',
			'Third.',
		]);
	});

	it('treats two spaces after every sentence as a typing habit, not paragraphs', () => {
		expect(splitParagraphs('One.  Two.  Three.')).toEqual(['One. Two. Three.']);
	});

	it('collapses whitespace, including no-break spaces, and drops empty paragraphs', () => {
		expect(splitParagraphs('  \n\n  a \u00a0 b\t c  \n\n \n\n')).toEqual(['a b c']);
		expect(splitParagraphs('   \n \n\t')).toEqual([]);
		expect(collapseWhitespace(' x\u00a0\u00a0y\nz ')).toBe('x y z');
	});
});

describe('the blocks between blank lines', () => {
	it('collapses each block whatever its whitespace, by one rule', () => {
		const text = [
			'wrapped\nlines\nhere',
			'a \nspace before a break',
			'a\n\u00a0no-break after one',
			'\u2028line separator inside\u3000too',
			'trailing space ',
			'\ttab first',
			'a\u200bzero-width space is no space',
		].join('\n\n');
		expect(splitParagraphs(`Lead.\n\n${text}`)).toEqual([
			'Lead.',
			'wrapped lines here',
			'a space before a break',
			'a no-break after one',
			'line separator inside too',
			'trailing space',
			'tab first',
			'a\u200bzero-width space is no space',
		]);
		// The first line's indent is kept until the blocks are split (a paragraph start).
		expect(splitParagraphs(' Indented\nfirst.\n\nSecond.')).toEqual(['Indented first.', 'Second.']);
	});

	it('splits a block whose lines but the last run past the wrap width only when trimmed they do', () => {
		const long = 'x'.repeat(101);
		const fits = 'y'.repeat(100);
		expect(splitParagraphs(`A.\n\n${long}\nb`)).toEqual(['A.', long, 'b']);
		expect(splitParagraphs(`A.\n\nb\n${long}\nc`)).toEqual(['A.', 'b', long, 'c']);
		// 100 characters and trailing spaces: wrapping, not two paragraphs.
		expect(splitParagraphs(`A.\n\n${fits}  \t\nb`)).toEqual(['A.', `${fits} b`]);
		// Only the last line is long: one paragraph.
		expect(splitParagraphs(`A.\n\nb\n${long}`)).toEqual(['A.', `b ${long}`]);
	});

	it('gives what collapsing each block (or each of its lines) gives, on generated blocks', () => {
		// The rule as it reads (and as it was written before the one-pass scan).
		const reference = (block: string): string[] => {
			const lines = block.split('\n');
			const longest = Math.max(0, ...lines.slice(0, -1).map((line) => line.trimEnd().length));
			return lines.length > 1 && longest > 100
				? lines.map(collapseWhitespace)
				: [collapseWhitespace(block)];
		};
		const parts = [
			'word',
			'W',
			'é',
			'日',
			' ',
			' ',
			'\n',
			'\t',
			'\u00a0',
			'\u2028',
			'\u3000',
			'\ufeff',
			'\u200b',
			'\u0085',
			'\u001f',
			'.',
			'x'.repeat(60),
		];
		const random = seededRandom(5);
		for (let round = 0; round < 600; round++) {
			let block = 'Start';
			const length = Math.floor(random() * 30);
			for (let k = 0; k < length; k++) block += parts[Math.floor(random() * parts.length)];
			block += 'end';
			// Blank lines (which only whitespace other than a line break can be) are not inside
			// a block.
			if (/\n[^\S\n]*\n/.test(block)) continue;
			expect(splitParagraphs(`Lead.\n\n${block}`), JSON.stringify(block)).toEqual(
				['Lead.', ...reference(block)].filter((paragraph) => paragraph !== ''),
			);
		}
	});
});

describe('splitParagraphs on hard-wrapped text', () => {
	it('reflows indented paragraphs back to the originals at common widths', () => {
		for (const width of [50, 64, 72, 80]) {
			for (let seed = 1; seed <= 10; seed++) {
				const original = paragraphs(8, seed);
				const text = original
					.map((paragraph) => hardWrap(paragraph, width, '    ').join('\n'))
					.join('\n');
				expect(splitParagraphs(text)).toEqual(original);
			}
		}
	});

	it('reflows flush-left paragraphs whose last line leaves room for the next word', () => {
		const width = 72;
		const random = seededRandom(11);
		const original: string[] = [];
		// Build paragraphs that end visibly short of the margin, the usual look of a paragraph end.
		while (original.length < 12) {
			const candidate = [sentence(random), sentence(random), sentence(random)].join(' ');
			if (hardWrap(candidate, width).at(-1)!.length <= width - 15) original.push(candidate);
		}
		const text = original.map((paragraph) => hardWrap(paragraph, width).join('\n')).join('\n');
		expect(splitParagraphs(text)).toEqual(original);
	});

	it('keeps a sentence that ends at a line end inside its paragraph', () => {
		const original = paragraphs(60, 5);
		const wrapped = original.map((paragraph) => hardWrap(paragraph, 60, '  '));
		// The case under test must occur: some line inside a paragraph ends a sentence.
		const innerSentenceEnds = wrapped.flatMap((lines) => lines.slice(0, -1)).filter(endsSentence);
		expect(innerSentenceEnds.length).toBeGreaterThan(5);
		const text = wrapped.map((lines) => lines.join('\n')).join('\n');
		expect(splitParagraphs(text)).toEqual(original);
	});

	it('finds the 15 paragraphs of seed 003 under its headline', () => {
		const body = seedText('003').split('\n').slice(1).join('\n');
		const found = splitParagraphs(body);
		expect(found).toHaveLength(15);
		for (const paragraph of found) expect(endsSentence(paragraph)).toBe(true);
		// Its first lines lost their indent: the short line "Kadhimi met with … who said" right
		// after a full line ending "pandemic." is how the reflow sees this paragraph start.
		expect(found.some((paragraph) => paragraph.startsWith('Kadhimi met with Iranian'))).toBe(true);
		expect(found[3]).toMatch(/^Meanwhile, Alireza Moezzi/);
	});
});

describe('splitParagraphsSteps', () => {
	const random = seededRandom(21);
	const separators = ['\n\n', '\n \n', '\n\n\n', '\n\t\n  ', '\n \u00a0\n\n'];
	const body = paragraphs(2_000, 21);
	// Blank lines of every kind between wrapped paragraphs, and now and then two long
	// paragraphs that lost the blank line between them (blockParagraphs splits those).
	let blankLines = '\n\n \n';
	body.forEach((paragraph, index) => {
		if (index > 0) {
			blankLines += index % 97 === 1 ? '\n' : separators[Math.floor(random() * separators.length)]!;
		}
		blankLines += index % 97 < 2 ? paragraph : hardWrap(paragraph, 64).join('\n');
	});
	blankLines += '  \n\n';
	const hardWrapped = body
		.slice(0, 400)
		.flatMap((paragraph) => hardWrap(paragraph, 64, '  '))
		.join('\n');
	const linePerParagraph = body.slice(0, 400).join('\n');

	it('splits as splitParagraphs does, a blank-line text about 64 K characters a piece', () => {
		expect(blankLines.length).toBeGreaterThan(500_000);
		const whole = splitParagraphs(blankLines);
		// Every paragraph, the pairs that lost their blank line split again.
		expect(whole).toHaveLength(2_000);
		const {value, pieces: count} = pieces(splitParagraphsSteps(blankLines));
		expect(value).toEqual(whole);
		expect(count).toBeGreaterThan(blankLines.length / 65_536);
		expect(count).toBeLessThan(blankLines.length / 65_536 + 4);
	});

	it('splits other layouts, and short texts, whole in one piece', () => {
		for (const text of [hardWrapped, linePerParagraph, body[0]!, '', '\n\n', 'a\n\nb']) {
			const {value, pieces: count} = pieces(splitParagraphsSteps(text));
			expect(value).toEqual(splitParagraphs(text));
			expect(count).toBe(1);
		}
		expect(splitParagraphs(hardWrapped)).toHaveLength(400);
		expect(splitParagraphs(linePerParagraph)).toHaveLength(400);
	});
});
