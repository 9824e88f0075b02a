import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Document} from '../../source/core/types.js';
import {paragraphs} from '../fixtures/prose.js';
import {seedDocuments} from '../fixtures/seeds.js';
import {renderApp, unmountAll} from './render-app.js';

/** Seeds 000 and 001: one article saved twice; 001 adds a headline and a dateline and has a
 * different footer. */
let a: Document;
let b: Document;

beforeAll(async () => {
	const seeds = seedDocuments();
	a = seeds.find((document) => document.id.startsWith('000'))!;
	b = seeds.find((document) => document.id.startsWith('001'))!;
});

afterEach(() => unmountAll());

/** The app opened on the diff of a and b, as `reading-room diff a b` opens it. */
function open(columns: number, rows = 25) {
	return renderApp({
		columns,
		rows,
		initialScreen: {name: 'diff', a: a.id, b: b.id},
		preloaded: [a, b],
	});
}

describe('the diff screen on seeds 000 and 001, driven through the app keyboard', () => {
	it('shows them side by side at 140 columns, folded: A left, B right, the headline inserted', async () => {
		const view = open(140, 31);
		await view.until((frame) => frame.includes('2 changes'));
		const lines = view.lines();
		expect(lines).toHaveLength(30);
		expect(lines[0]).toMatch(/^ {2}A In his first foreign trip.* │ B Prospects of Iran-Iraq ties/);
		// The inserted headline faces blank rows on A's side; without colour it is bracketed.
		const headline = lines.find((line) => line.includes('{+Prospects'))!;
		expect(headline).toMatch(/^ {70}│ \{\+Prospects of Iran-Iraq ties\+\}/);
		const shared = lines.find((line) => line.startsWith('  In his first'))!;
		expect(shared.split('│')[1]).toMatch(/^ In his first/);
		expect(lines.some((line) => /^ {2}⋯ \d+ unchanged lines ⋯/.test(line))).toBe(true);
		expect(lines.at(-2)).toBe('body identical · headline added · dateline added · footer replaced');
		expect(lines.at(-1)).toMatch(
			/^lines 1–12 of 12 · 100% · 2 changes · −17 \+13 · 98\.8% similar/,
		);
	});

	it('shows them inline at 80 columns, and the footer deleted and inserted after n n', async () => {
		const view = open(80);
		await view.until((frame) => frame.includes('{+Prospects of Iran-Iraq ties+}'));
		expect(view.lines()[0]).toMatch(/^ {2}A In his first.* → B Prospects/);
		expect(view.lines()[3]).toBe('  {+July 20, 2020 - 21:8+}');
		view.write('n');
		await view.until((frame) => frame.includes('change 1/2'));
		expect(view.lines()[1]).toBe('▶ {+Prospects of Iran-Iraq ties+}');
		view.write('n');
		await view.until((frame) => frame.includes('change 2/2'));
		const frame = view.frame();
		expect(frame).toContain('▶ [-All Content by Mehr News Agency');
		expect(frame).toContain('{+Leave a Comment+}');
		view.write('n');
		await view.until((text) => text.includes('last change reached, continuing at the first'));
		expect(view.frame()).toContain('{+Prospects');
	});

	it('toggles side by side with s, and q leaves (exit code 0) when opened from the command line', async () => {
		const view = open(80);
		await view.until((frame) => frame.includes(' → B '));
		view.write('s');
		await view.until((frame) => frame.includes(' │ B '));
		view.write('s');
		await view.until((frame) => frame.includes(' → B '));
		view.write('q');
		expect(view.quits).toEqual([0]);
	});
});

describe('the diff screen in a folder whose sites sign off alike', () => {
	/** Two site footers, each closing the articles of three stories; the story saved twice
	 * changed sites between its versions. */
	const NIGHT_DESK = 'Reporting by the harbour desk, edited overnight in Port Elena.';
	const WIRE_DESK = 'Additional reporting from the wire services, gathered by the weekend team.';
	let folder: string;

	beforeAll(() => {
		folder = mkdtempSync(join(tmpdir(), 'reading-room-diff-footers-'));
		const article = (seed: number, footer: string) =>
			[`Harbour report number ${seed}`, ...paragraphs(4, seed), footer].join('\n\n') + '\n';
		writeFileSync(join(folder, 'a-story.txt'), article(1, NIGHT_DESK));
		writeFileSync(join(folder, 'b-story-again.txt'), article(1, WIRE_DESK));
		writeFileSync(join(folder, 'c-other.txt'), article(2, NIGHT_DESK));
		writeFileSync(join(folder, 'd-other.txt'), article(3, NIGHT_DESK));
		writeFileSync(join(folder, 'e-other.txt'), article(4, WIRE_DESK));
		writeFileSync(join(folder, 'f-other.txt'), article(5, WIRE_DESK));
		return () => rmSync(folder, {recursive: true, force: true});
	});

	it('counts a footer the folder’s articles share as the site’s, as `diff` does', async () => {
		const view = renderApp({columns: 100, rows: 30, folder, folderLabel: 'footers'});
		await view.until((frame) => /6 documents · 1\/6/.test(frame), 'the folder listed');
		view.write('d');
		await view.until((frame) => frame.includes(' → B ') || frame.includes(' │ B '), 'the diff');
		await view.until((frame) => frame.includes('footer changed'), 'the summary line');
		// Without the folder, the changed sign-off would be a change to the story's body.
		expect(view.lines().at(-2)).toBe('body identical · footer changed');
	});
});
