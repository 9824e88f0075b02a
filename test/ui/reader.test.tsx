import React from 'react';
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {render} from 'ink-testing-library';
import {findMatches} from '../../source/core/reader/search.js';
import {EMPTY_NOTICE, textColumn, type Anchor} from '../../source/core/reader/layout.js';
import type {Document} from '../../source/core/types.js';
import {Reader, type ReaderProps} from '../../source/ui/reader.js';
import {documentFromText, seedDocuments} from '../fixtures/seeds.js';

let seeds: Document[] = [];
/** The seed with a headline and a source line: "Al-Kadhimi's visit to Iran …", PEJOURNAL. */
let article: Document;
const mounted: {unmount: () => void}[] = [];

beforeAll(async () => {
	seeds = seedDocuments();
	article = seeds.find((document) => document.id.startsWith('002'))!;
	expect(article.titleFromHeadline).toBe(true);
	expect(article.source).toBe('PEJOURNAL');
});

afterEach(() => {
	for (const app of mounted.splice(0)) app.unmount();
});

function open(props: Partial<ReaderProps> & {document?: Document} = {}) {
	const calls = {back: 0, diff: 0, left: [] as Anchor[]};
	const app = render(
		<Reader
			document={props.document ?? article}
			width={props.width ?? 80}
			height={props.height ?? 23}
			isActive
			onLeave={(anchor) => calls.left.push(anchor)}
			onBack={() => calls.back++}
			onDiff={() => calls.diff++}
			{...props}
		/>,
	);
	mounted.push(app);
	const lines = () => (app.lastFrame() ?? '').split('\n');
	const status = () => lines().at(-1) ?? '';
	/** Waits for the frame to satisfy `test` (React renders after input asynchronously). */
	const until = (test: (frame: string) => boolean) =>
		vi.waitFor(
			() => {
				const frame = app.lastFrame() ?? '';
				if (!test(frame)) throw new Error(`frame not there yet:\n${frame}`);
			},
			{timeout: 2000, interval: 5},
		);
	// useInput subscribes in an effect: wait for the first frame before typing.
	const press = async (...keys: string[]) => {
		for (const key of keys) {
			const before = app.lastFrame();
			app.stdin.write(key);
			await until((frame) => frame !== before).catch(() => undefined);
		}
	};
	return {app, lines, status, until, press, calls};
}

describe('the reader screen', () => {
	it('draws the header, then the text wrapped to the column, and the status bar last', async () => {
		const {lines, status, until} = open();
		await until((frame) => frame.includes('lines 1–'));
		const rows = lines();
		expect(rows).toHaveLength(23);
		const {width, margin} = textColumn(80);
		expect(rows[0]!.trim()).toBe(article.title);
		expect(rows[1]!.trim()).toBe('PEJOURNAL');
		expect(rows[2]!.trim()).toBe('');
		expect(rows[3]!.trim()).toBe(article.paragraphs[0]!.slice(0, rows[3]!.trim().length));
		for (const row of rows.slice(0, -1)) {
			expect(row.length).toBeLessThanOrEqual(margin + width);
			if (row.trim()) expect(row.startsWith(' '.repeat(margin))).toBe(true);
		}
		// At 80 cells the whole title needs the room the key hints would take: they go.
		expect(status().trimEnd()).toMatch(
			/^lines 1–22 of \d+ · \d+% · 4 min left · Al-Kadhimi's visit to Iran paving the way…$/,
		);
		expect(status()).not.toContain('? help');
	});

	it('centres a column of at most 90 cells in a wide terminal', async () => {
		const {lines, until} = open({width: 140, height: 39});
		await until((frame) => frame.includes('lines 1–'));
		const text = lines().slice(0, -1);
		const longest = Math.max(...text.map((row) => row.trimEnd().length));
		expect(longest).toBeGreaterThan(25 + 80);
		expect(longest).toBeLessThanOrEqual(25 + 90);
		for (const row of text) if (row.trim()) expect(row.slice(0, 25).trim()).toBe('');
		// At 140 cells the whole title and the key hints both fit.
		expect(lines().at(-1)).toMatch(/strategic relations +\/ search {2}\? help {2}q back$/);
	});

	it('scrolls with j, k, Space, b, Ctrl+D, G and g, and says where it is', async () => {
		const {status, until, press, lines} = open();
		await until((frame) => frame.includes('lines 1–'));
		const total = Number(/lines 1–\d+ of (\d+)/.exec(status())![1]);
		await press('j', 'j');
		await until(() => status().startsWith('lines 3–'));
		await press('k');
		await until(() => status().startsWith('lines 2–'));
		await press(' ');
		await until(() => status().startsWith(`lines ${2 + 20}–`));
		await press('b');
		await until(() => status().startsWith('lines 2–'));
		await press('\u0004');
		await until(() => status().startsWith(`lines ${2 + 11}–`));
		await press('G');
		await until(() => status().includes(' · 100% · '));
		expect(status()).toContain(`lines ${total - 22 + 1}–${total} of ${total}`);
		expect(article.paragraphs.at(-1)!.endsWith(lines().at(-2)!.trim())).toBe(true);
		await press('g');
		await until(() => status().startsWith('lines 1–'));
	});

	it('searches with /, counts matches, and steps with n and N around the ends', async () => {
		const {status, until, press} = open();
		await until((frame) => frame.includes('lines 1–'));
		const count = findMatches(article, 'Iran').length;
		expect(count).toBeGreaterThan(3);
		await press('/');
		await until(() => status().startsWith('/█'));
		await press('Iran');
		await until(() => status().startsWith('/Iran█'));
		await press('\r');
		await until(() => status().includes(`match 1 of ${count} “Iran”`));
		await press('n');
		await until(() => status().includes(`match 2 of ${count} “Iran”`));
		await press('N', 'N');
		await until(() => status().includes(`match ${count} of ${count} “Iran”`));
		expect(status()).toContain('search hit TOP, continuing at BOTTOM');
		await press('n');
		await until(() => status().includes(`match 1 of ${count} “Iran”`));
		expect(status()).toContain('search hit BOTTOM, continuing at TOP');
	});

	it('takes a typed search and its Enter in one chunk, as fast typing delivers them', async () => {
		const {status, until, press} = open();
		await until((frame) => frame.includes('lines 1–'));
		await press('/');
		await press('Tehran\r');
		await until(() => status().includes(` of ${findMatches(article, 'Tehran').length} “Tehran”`));
	});

	it('says so when the pattern is not found', async () => {
		const {status, until, press} = open();
		await until((frame) => frame.includes('lines 1–'));
		await press('/', 'zqxj', '\r');
		await until(() => status().includes('Pattern not found: zqxj'));
	});

	it('shows help drawn from the keymap and closes it with ? again', async () => {
		const {app, until, press} = open();
		await until((frame) => frame.includes('lines 1–'));
		await press('?');
		await until((frame) => frame.includes('Reader — keys'));
		const help = app.lastFrame()!;
		for (const text of ['Ctrl+D', 'Space PgDn f', 'g Home', 'G End', 'next match', 'Esc q']) {
			expect(help).toContain(text);
		}
		await press('?');
		await until((frame) => frame.includes('lines 1–'));
	});

	it('goes back with q and Esc, and hands over the passage at the top when it closes', async () => {
		const {app, calls, until, press} = open();
		await until((frame) => frame.includes('lines 1–'));
		await press('j', 'j', 'j', 'j');
		await until((frame) => frame.includes('lines 5–'));
		await press('q');
		await vi.waitFor(() => expect(calls.back).toBe(1));
		app.stdin.write('\u001B');
		await vi.waitFor(() => expect(calls.back).toBe(2));
		app.unmount();
		expect(calls.left).toHaveLength(1);
		// Line 5 is the second line of the first paragraph (title, source, blank, paragraph).
		expect(calls.left[0]!.paragraph).toBe(0);
		expect(calls.left[0]!.offset).toBeGreaterThan(0);
	});

	it('reopens at a remembered place', async () => {
		const {status, until, lines} = open({remembered: {paragraph: 4, offset: 0}});
		await until((frame) => frame.includes('lines '));
		expect(status()).not.toMatch(/^lines 1–/);
		expect(lines()[0]!.trim()).toBe(article.paragraphs[4]!.slice(0, lines()[0]!.trim().length));
	});

	it('opens from a library search at the first match, typo and all', async () => {
		const {status, until, lines} = open({query: 'kadimi', height: 12});
		await until((frame) => frame.includes('“kadimi”'));
		const count = findMatches(article, 'Kadhimi').length;
		expect(status()).toContain(`match 1 of ${count} “kadimi”`);
		// The first Kadhimi is in the title, on the first row.
		expect(lines()[0]).toContain('Al-Kadhimi');
	});

	it('opens a library search further down at its first match, not at the top', async () => {
		const {status, until, lines} = open({query: 'Ayatollah', height: 12});
		await until((frame) => frame.includes('“Ayatollah”'));
		expect(status()).toMatch(/match 1 of \d+ “Ayatollah”/);
		expect(status()).not.toMatch(/^lines 1–/);
		expect(lines().slice(0, 4).join('\n')).toMatch(/Ayatollah/);
	});

	it('shows an empty document as a one-line notice', async () => {
		const empty = documentFromText('', 'empty.txt');
		const {lines, until, status} = open({document: empty});
		await until((frame) => frame.includes(EMPTY_NOTICE));
		expect(lines().filter((row) => row.trim()).length).toBe(2);
		expect(status()).toContain('100%');
	});
});
