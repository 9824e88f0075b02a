/**
 * The library search in a real terminal, on the bundled seeds: what a person sees while typing
 * a misspelt name one key at a time, phrases, Backspace, Esc, Enter into the reader, odd input
 * and resizing, at a roomy 100×24 and a narrow 50×16.
 *
 * Expectations come from the seed files themselves through a small reference matcher written
 * here from the rules in source/core/search/index.ts (every query word must match a word of the
 * article within its typo budget, the word being typed also as a prefix with at most one typo;
 * quoted phrases match consecutive words exactly), never from what the app prints.
 */
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {startApp, type CellStyle, type TerminalSession} from './terminal.js';
import {SEEDS_FOLDER, seedDocuments, seedFiles} from '../fixtures/seeds.js';

// ─── The reference matcher ────────────────────────────────────────────────────────────────

/** Words: runs of letters, digits, marks and Persian joiners, with apostrophes between letters
 * ("Iran’s" is one word); each Han, Hiragana or Katakana character alone. */
const WORD =
	/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}\p{M}\u200c\u200d]+(?:['’][\p{L}\p{N}\p{M}\u200c\u200d]+)*/gu;

interface TextWord {
	readonly folded: string;
	/** Offset of the word in the text it was cut from. */
	readonly index: number;
}

/** Lower case, no accents, no apostrophes and no possessive ’s: "Iran’s" is "iran". */
function fold(word: string): string {
	return word
		.replace(/['’][sS]$/u, '')
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^\p{L}\p{N}]/gu, '');
}

function wordsOf(text: string): TextWord[] {
	return [...text.matchAll(WORD)]
		.map((match) => ({folded: fold(match[0]), index: match.index}))
		.filter((word) => word.folded !== '');
}

function typoBudget(word: string): number {
	const letters = word.match(/\p{L}/gu)?.length ?? 0;
	return letters <= 2 ? 0 : letters <= 4 ? 1 : 2;
}

/** Damerau–Levenshtein distance, optimal string alignment. */
function distance(a: string, b: string): number {
	const x = [...a];
	const y = [...b];
	let twoAgo: number[] = [];
	let previous = Array.from({length: y.length + 1}, (_, j) => j);
	for (let i = 1; i <= x.length; i++) {
		const current = [i];
		for (let j = 1; j <= y.length; j++) {
			let value = Math.min(
				previous[j]! + 1,
				current[j - 1]! + 1,
				previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1),
			);
			if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
				value = Math.min(value, twoAgo[j - 2]! + 1);
			}
			current.push(value);
		}
		twoAgo = previous;
		previous = current;
	}
	return previous[y.length]!;
}

type Unit =
	{kind: 'word'; text: string; typos: number; prefix: boolean} | {kind: 'phrase'; words: string[]};

/** Query units for the queries these tests type: loose words and closed "quoted phrases". */
function unitsOf(query: string): Unit[] {
	const units: Unit[] = [];
	const parts = query.split('"');
	parts.forEach((part, index) => {
		const words = wordsOf(part).map((word) => word.folded);
		// The word being typed: the last one, when nothing follows it.
		const typing = index === parts.length - 1 && /[\p{L}\p{N}]$/u.test(part);
		if (index % 2 === 1) {
			if (words.length === 1) units.push({kind: 'word', text: words[0]!, typos: 0, prefix: typing});
			else if (words.length > 1) units.push({kind: 'phrase', words});
		} else {
			words.forEach((text, position) =>
				units.push({
					kind: 'word',
					text,
					typos: typoBudget(text),
					prefix: typing && position === words.length - 1,
				}),
			);
		}
	});
	return units;
}

function wordMatches(unit: Extract<Unit, {kind: 'word'}>, word: string): boolean {
	if (distance(unit.text, word) <= unit.typos) return true;
	if (!unit.prefix) return false;
	const characters = [...word];
	const budget = Math.min(unit.typos, 1);
	for (let end = 1; end <= characters.length; end++) {
		if (distance(unit.text, characters.slice(0, end).join('')) <= budget) return true;
	}
	return false;
}

/** Whether an article's text holds every unit of `query`. */
function textMatches(query: string, text: string): boolean {
	const units = unitsOf(query);
	const words = wordsOf(text).map((word) => word.folded);
	const vocabulary = [...new Set(words)];
	return (
		units.length > 0 &&
		units.every((unit) =>
			unit.kind === 'word'
				? vocabulary.some((word) => wordMatches(unit, word))
				: words.some((_, start) => unit.words.every((word, k) => words[start + k] === word)),
		)
	);
}

// ─── The seeds ────────────────────────────────────────────────────────────────────────────

interface Seed {
	readonly fileName: string;
	readonly title: string;
	readonly text: string;
}

let seeds: Seed[] = [];

/** Seeds (by position in file-name order) whose text matches `query`. */
function expectedFor(query: string): number[] {
	return seeds.flatMap((seed, index) => (textMatches(query, seed.text) ? [index] : []));
}

/** The start of a title, short enough to survive truncation at 50 columns. */
const titleStart = (title: string) => title.slice(0, 15);

beforeAll(async () => {
	const documents = seedDocuments();
	seeds = seedFiles.map((fileName) => {
		const document = documents.find((candidate) => candidate.fileName === fileName);
		if (!document) throw new Error(`the loader did not read ${fileName}`);
		return {
			fileName,
			title: document.title,
			text: readFileSync(join(SEEDS_FOLDER, fileName), 'utf8'),
		};
	});
	expect(seeds).toHaveLength(5);
	// The title starts tell the rows apart.
	expect(new Set(seeds.map((seed) => titleStart(seed.title))).size).toBe(5);
});

// ─── The terminal ─────────────────────────────────────────────────────────────────────────

interface Size {
	readonly cols: number;
	readonly rows: number;
}

const sessions: TerminalSession[] = [];

afterEach(() => {
	for (const session of sessions.splice(0)) session.dispose();
});

function open(size: Size): TerminalSession {
	const session = startApp([], size);
	sessions.push(session);
	return session;
}

/** The app draws rows − 1 lines: the status bar is the last but one row, the search line above. */
const statusRow = (app: TerminalSession) => app.rows - 2;
const status = (app: TerminalSession) => app.row(statusRow(app));
const searchLine = (app: TerminalSession) => app.row(statusRow(app) - 1);

/** Where a search result's title starts: after the cursor and mark (3 cells); results give
 * the read column's room to their snippets. */
const RESULT_TITLE_COLUMN = 3;

/** Seeds whose titles the list shows, in screen order, and the rows they are on. */
function shownResults(app: TerminalSession): {seed: number; row: number}[] {
	const shown: {seed: number; row: number}[] = [];
	for (let row = 1; row < statusRow(app) - 1; row++) {
		// Browsing, rows have a read column (a dot, a percentage or a check) before the title.
		const text = app
			.row(row)
			.slice(3)
			.replace(/^(?: • |[ \d]\d%| ✓ ) /, '');
		const seed = seeds.findIndex((candidate) => text.startsWith(titleStart(candidate.title)));
		if (seed >= 0) shown.push({seed, row});
	}
	return shown;
}

const shownSeeds = (app: TerminalSession) =>
	shownResults(app)
		.map((result) => result.seed)
		.sort((a, b) => a - b);

/** The status bar's left part as it fits beside "Esc clear  ? help" (cut with '…'). */
function statusStart(app: TerminalSession, text: string): string {
	const room = app.cols - 'Esc clear  ? help'.length - 1;
	return text.length < room ? text : text.slice(0, room - 1);
}

/** Waits until the library is loaded and indexed, then opens the search line. */
async function openSearch(app: TerminalSession): Promise<void> {
	await app.waitFor((screen) => screen.includes('5 documents') && !screen.includes('loading'), {
		timeout: 15_000,
		description: 'the five seeds to load',
	});
	app.type('/');
	await app.waitFor(
		() =>
			searchLine(app) === '/█' &&
			status(app).startsWith('5 documents') &&
			!status(app).includes('indexing'),
		{description: 'an empty search line with the index built'},
	);
}

/** Waits for the search line to show `query` (with the cursor while it has focus), and the
 * list and status bar to show `expected` seeds. */
async function waitForResults(
	app: TerminalSession,
	query: string,
	expected: readonly number[],
	focus: 'line' | 'results' = 'line',
): Promise<void> {
	const line = `/${query}${focus === 'line' ? '█' : ''}`;
	const count = statusStart(app, `${expected.length} of 5 match “${query}”`);
	await app.waitFor(
		() =>
			searchLine(app) === line &&
			status(app).startsWith(count) &&
			shownSeeds(app).join() === expected.join(),
		{description: `“${query}” to show seeds [${expected.join(', ')}]`},
	);
}

/** Types `text` one key at a time; after each, checks the results against the seeds. Returns
 * the match counts seen. */
async function typeAndCheck(app: TerminalSession, typed: string, text: string): Promise<number[]> {
	const counts: number[] = [];
	let query = typed;
	for (const character of text) {
		query += character;
		app.type(character);
		const expected = expectedFor(query);
		await waitForResults(app, query, expected);
		counts.push(expected.length);
	}
	return counts;
}

/** Types `text` one key at a time, waiting for the search line to echo each. */
async function typeSlowly(app: TerminalSession, typed: string, text: string): Promise<string> {
	let query = typed;
	for (const character of text) {
		query += character;
		app.type(character);
		await app.waitFor(() => searchLine(app) === `/${query}█`, {
			description: `the search line to show “${query}”`,
		});
	}
	return query;
}

/** Esc: the search line goes and the full list comes back, the first row selected. */
async function leaveSearch(app: TerminalSession): Promise<void> {
	app.press('escape');
	await app.waitFor(
		() =>
			status(app).startsWith('5 documents · 1/5') &&
			!status(app).includes('Esc clear') &&
			!searchLine(app).startsWith('/'),
		{description: 'Esc to close the search'},
	);
	expect(shownSeeds(app)).toEqual([0, 1, 2, 3, 4]);
	expect(app.screenText()).not.toContain('█');
}

type Look = Pick<CellStyle, 'bold' | 'underline' | 'inverse' | 'fg' | 'bg'>;

function look(app: TerminalSession, x: number, y: number): Look {
	const cell = app.cellStyle(x, y);
	if (!cell) throw new Error(`no cell at ${x},${y}`);
	const {bold, underline, inverse, fg, bg} = cell;
	return {bold, underline, inverse, fg, bg};
}

/** The looks of the letters of row `y` from column `from` to `to` (exclusive), one per cell. */
function looks(app: TerminalSession, y: number, from: number, to: number): Look[] {
	return Array.from({length: to - from}, (_, offset) => look(app, from + offset, y));
}

const sameLook = (a: Look, b: Look) => JSON.stringify(a) === JSON.stringify(b);

/** Whitespace runs as one space: the reader and the snippets re-wrap the text. */
const collapse = (text: string) => text.replace(/\s+/g, ' ');

// ─── The tests ────────────────────────────────────────────────────────────────────────────

const SIZES: readonly Size[] = [
	{cols: 100, rows: 24},
	{cols: 50, rows: 16},
];

describe.each(SIZES)('searching the library at $cols×$rows', (size) => {
	it.each(['kadimi', 'soleimany', 'rohani'])(
		'narrows the list as “%s” is typed one key at a time',
		async (name) => {
			const app = open(size);
			await openSearch(app);
			const counts = await typeAndCheck(app, '', name);
			// The misspelt name still finds the articles that mention it.
			const correct = {kadimi: 'kadhimi', soleimany: 'soleimani', rohani: 'rouhani'}[name]!;
			const mentioning = seeds.flatMap((seed, index) =>
				wordsOf(seed.text).some((word) => word.folded === correct) ? [index] : [],
			);
			expect(counts.at(-1)).toBe(mentioning.length);
			expect(shownSeeds(app)).toEqual(mentioning);
			if (name !== 'kadimi') {
				// Every seed mentions Kadhimi; the other two names narrow the list as they grow.
				expect(counts[0]).toBe(5);
				expect(counts.at(-1)).toBeLessThan(5);
			}
		},
	);

	it('highlights the matched word in a result title and in its snippet', async () => {
		const app = open(size);
		await openSearch(app);
		await typeAndCheck(app, '', 'kadimi');
		// Seed 003, "Kadhimi in Iran: …": its title starts with the match.
		const target = seeds.findIndex((seed) => seed.title.startsWith('Kadhimi in Iran'));
		expect(target).toBeGreaterThanOrEqual(0);
		let row = shownResults(app).find((result) => result.seed === target)!.row;
		if (app.row(row).startsWith('▸')) {
			// Move off it: the selected row is drawn in inverse video.
			app.press(row === 1 ? 'down' : 'up');
			// The whole new frame: the target drawn on a row that is not the cursor's (a frame seen
			// half written, under load, had the old row redrawn before the target's).
			const unselected = () => {
				const found = shownResults(app).find((result) => result.seed === target);
				return found !== undefined && !app.row(found.row).startsWith('▸') ? found.row : -1;
			};
			await app.waitFor(() => unselected() >= 0, {description: 'the target off the cursor'});
			row = unselected();
		}
		expect(app.row(row).slice(RESULT_TITLE_COLUMN, RESULT_TITLE_COLUMN + 15)).toBe(
			'Kadhimi in Iran',
		);
		const at = (offset: number) => RESULT_TITLE_COLUMN + offset;
		const matched = looks(app, row, at(0), at(7));
		const plain = [...looks(app, row, at(8), at(10)), ...looks(app, row, at(11), at(15))]; // "in", "Iran"
		for (const cell of matched) expect(cell).toEqual(matched[0]);
		for (const cell of plain) expect(cell).toEqual(plain[0]);
		expect(sameLook(matched[0]!, plain[0]!)).toBe(false);
		expect(matched[0]!.bold || matched[0]!.fg !== 'default').toBe(true);

		// The snippet under it: a passage of the article around a "Kadhimi", highlighted alike.
		const snippet = app.row(row + 1);
		expect(snippet.startsWith('    ')).toBe(true);
		const article = collapse(seeds[target]!.text);
		for (const piece of snippet
			.trim()
			.split('…')
			.filter((part) => part !== '')) {
			expect(article).toContain(piece.trim());
		}
		const word = /Kadhimi/.exec(snippet);
		expect(word).not.toBeNull();
		const snippetMatch = looks(app, row + 1, word!.index, word!.index + 'Kadhimi'.length);
		for (const cell of snippetMatch) expect(cell).toEqual(snippetMatch[0]);
		const other = /[A-Za-z]+/.exec(snippet.slice(4).replace(/Kadhimi/g, '_______'))!;
		expect(sameLook(look(app, 4 + other.index, row + 1), snippetMatch[0]!)).toBe(false);
	});

	it('shows each misspelt match in context in the snippet lines', async () => {
		const app = open(size);
		await openSearch(app);
		await typeAndCheck(app, '', 'rohani');
		const unit = unitsOf('rohani')[0] as Extract<Unit, {kind: 'word'}>;
		for (const {seed, row} of shownResults(app)) {
			const snippet = app.row(row + 1);
			const words = wordsOf(snippet);
			const hit = words.find((word) => wordMatches(unit, word.folded));
			expect(hit, `snippet of seed ${seed}: ${snippet}`).toBeDefined();
			// At least one word of context on a side, and all of it from the article.
			expect(words.length).toBeGreaterThan(2);
			const article = collapse(seeds[seed]!.text);
			for (const piece of snippet
				.trim()
				.split('…')
				.filter((part) => part !== '')) {
				expect(article).toContain(piece.trim());
			}
			const matchLook = look(app, hit!.index, row + 1);
			expect(matchLook.bold || matchLook.fg !== 'default').toBe(true);
		}
	});

	it('narrows further with a second word, and Backspace widens again', async () => {
		const app = open(size);
		await openSearch(app);
		const first = await typeAndCheck(app, '', 'soleimany');
		const second = await typeAndCheck(app, 'soleimany', ' rohani');
		expect(second.at(-1)).toBeLessThan(first.at(-1)!);
		expect(expectedFor('soleimany rohani')).toEqual(expectedFor('rohani'));

		let query = 'soleimany rohani';
		const widening: number[] = [];
		while (query.length > 'sol'.length) {
			query = query.slice(0, -1);
			app.press('backspace');
			const expected = expectedFor(query);
			await waitForResults(app, query, expected);
			widening.push(expected.length);
		}
		expect(widening.at(-1)).toBe(5);
		expect(widening.at(-1)).toBeGreaterThan(second.at(-1)!);
	});

	it('matches a quoted phrase exactly', async () => {
		const app = open(size);
		await openSearch(app);
		for (const [loose, quoted] of [
			['supreme leader', '"supreme leader"'],
			['mustafa kadhimi', '"mustafa kadhimi"'],
		] as const) {
			const everywhere = expectedFor(loose);
			const exactly = expectedFor(quoted);
			// The seeds make the phrase stricter than its words.
			expect(exactly.length).toBeGreaterThan(0);
			expect(exactly.length).toBeLessThan(everywhere.length);
			await typeSlowly(app, '', loose);
			await waitForResults(app, loose, everywhere);
			for (let typed = loose.length; typed > 0; typed--) app.press('backspace');
			await app.waitFor(() => searchLine(app) === '/█');
			await typeSlowly(app, '', quoted);
			await waitForResults(app, quoted, exactly);
			for (let typed = quoted.length; typed > 0; typed--) app.press('backspace');
			await app.waitFor(() => searchLine(app) === '/█');
		}
	});

	it('says so when nothing matches, and Esc restores the list and the selection', async () => {
		const app = open(size);
		await app.waitForText('5 documents', {timeout: 15_000});
		app.press('j', 'j', 'j');
		// The read column (a dot: never opened) shows once the remembered places are read.
		await app.waitFor(
			() => status(app).startsWith('5 documents · 4/5') && /^▸ {3}• /.test(app.row(4)),
		);
		const before = app.row(4);
		expect(before.startsWith('▸')).toBe(true);
		await openSearch(app);
		const query = 'zzqqxj';
		expect(expectedFor(query)).toEqual([]);
		await typeAndCheck(app, '', query);
		expect(status(app).startsWith('0 of 5 match “zzqqxj”')).toBe(true);
		// The empty-state line takes the first row of the list (cut to fit at 50 columns).
		expect(app.row(1).startsWith('No articles match “zzqqxj”. Esc clears the s')).toBe(true);
		expect(shownResults(app)).toEqual([]);

		app.press('escape');
		await app.waitFor(() => status(app).startsWith('5 documents · 4/5'), {
			description: 'the full list with the fourth row selected',
		});
		expect(app.row(4)).toBe(before);
		expect(shownSeeds(app)).toEqual([0, 1, 2, 3, 4]);
		expect(app.screenText()).not.toContain('zzqqxj');
		expect(app.screenText()).not.toContain('█');
	});

	it('↓ and Ctrl+P move through the results while typing; one Enter opens the reader at the first match', async () => {
		const app = open(size);
		await openSearch(app);
		await typeAndCheck(app, '', 'rohani');

		// The search line keeps the cursor while ↓ / Ctrl+N and ↑ / Ctrl+P move through the
		// results; Ctrl+N is never typed as an "n".
		const target = seeds.findIndex((seed) => seed.title.startsWith('Kadhimi in Iran'));
		const results = shownResults(app);
		const position = results.findIndex((result) => result.seed === target);
		expect(results).toHaveLength(2);
		expect(position).toBeGreaterThanOrEqual(0);
		expect(status(app)).toContain('· 1/2');
		app.press('down');
		await app.waitFor(() => status(app).includes('· 2/2'), {description: '↓ to move down'});
		app.press('ctrl+p');
		await app.waitFor(() => status(app).includes('· 1/2'), {description: 'Ctrl+P to move up'});
		app.press('ctrl+n');
		await app.waitFor(() => status(app).includes('· 2/2'), {description: 'Ctrl+N to move down'});
		expect(searchLine(app)).toBe('/rohani█');
		if (position === 0) {
			app.press('ctrl+k');
			await app.waitFor(() => status(app).includes('· 1/2'), {description: 'Ctrl+K to move up'});
		}
		expect(app.row(results[position]!.row).startsWith('▸')).toBe(true);

		// The matches the reader should count: words of the article the query matched.
		const unit = unitsOf('rohani')[0] as Extract<Unit, {kind: 'word'}>;
		const article = collapse(seeds[target]!.text);
		const hits = wordsOf(article).filter((word) => wordMatches(unit, word.folded));
		expect(hits.length).toBe(2);

		app.press('enter');
		await app.waitFor(() => /lines? \d+[– ]/.test(status(app)), {description: 'the reader'});
		await app.waitFor(() => status(app).includes(`match 1 of ${hits.length} “rohani”`), {
			description: 'the search count in the reader status bar',
		});
		// Exactly one highlighted passage on screen, the current match: the first "Rouhani".
		const current: {x: number; y: number}[] = [];
		for (let y = 0; y < statusRow(app); y++) {
			for (let x = 0; x < app.cols; x++) {
				const cell = app.cellStyle(x, y)!;
				if (cell.bg !== 'default' || cell.inverse) current.push({x, y});
			}
		}
		expect(current.length).toBe('Rouhani'.length);
		const y = current[0]!.y;
		const x = current[0]!.x;
		expect(current.every((cell, index) => cell.y === y && cell.x === x + index)).toBe(true);
		const line = app.row(y);
		expect(line.slice(x, x + 7)).toBe('Rouhani');
		// The screen line is the passage around the first occurrence, not the second.
		const content = line.trim();
		const offset = x - (line.length - line.trimStart().length);
		const first = hits[0]!.index;
		expect(article.slice(first - offset, first - offset + content.length)).toBe(content);
	});

	it.each([
		['only spaces', '   '],
		['brackets', '(('],
		['an unclosed quote', '"unclosed'],
		['Arabic', 'سليماني'],
		['CJK', '伊朗'],
	])('survives a query of %s', async (_, query) => {
		const app = open(size);
		await openSearch(app);
		await typeSlowly(app, '', query);
		if (query.trim() === '') {
			// Nothing to search for: the whole list stays.
			await app.waitFor(() => status(app).startsWith('5 documents'));
			expect(shownSeeds(app)).toEqual([0, 1, 2, 3, 4]);
		} else {
			expect(expectedFor(query)).toEqual([]);
			await waitForResults(app, query, []);
			expect(app.row(1).startsWith(`No articles match “${query}”.`)).toBe(true);
		}
		await leaveSearch(app);
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	});

	it('survives a 300-character query typed in one go', async () => {
		const app = open(size);
		await openSearch(app);
		const query = 'Kadhimi visited Tehran; '.repeat(13).slice(0, 300);
		expect(query).toHaveLength(300);
		app.type(query);
		// The search line shows the end of the query, where the typing happens.
		const tail = query.slice(query.length - (size.cols - 2));
		const expected = expectedFor(query);
		await app.waitFor(
			() =>
				searchLine(app) === `/${tail}█` &&
				status(app).startsWith(`${expected.length} of 5 match “Kadh`) &&
				shownSeeds(app).join() === expected.join(),
			{description: 'the long query and its results'},
		);
		await leaveSearch(app);
		app.press('q');
		expect((await app.waitForExit()).exitCode).toBe(0);
	});

	it('keeps the results through a resize', async () => {
		const app = open(size);
		await openSearch(app);
		await typeAndCheck(app, '', 'soleimany');
		const other = SIZES.find((candidate) => candidate.cols !== size.cols)!;
		app.resize(other.cols, other.rows);
		await waitForResults(app, 'soleimany', expectedFor('soleimany'));
		app.resize(size.cols, size.rows);
		await waitForResults(app, 'soleimany', expectedFor('soleimany'));
		// Still typing into the same query.
		await typeAndCheck(app, 'soleimany', ' rohani');
	});
});
