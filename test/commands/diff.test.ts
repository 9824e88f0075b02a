import {Buffer} from 'node:buffer';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {diffCommand} from '../../source/commands/diff.js';
import {runCommand, type CommandContext} from '../../source/commands/run.js';
import iconv from 'iconv-lite';
import {isSkipped, loadFile} from '../../source/core/corpus/load.js';
import {diffTexts, editsOf} from '../../source/core/diff/diff-documents.js';
import type {Document} from '../../source/core/types.js';
import {SEEDS_FOLDER, seedDocument, seedFiles} from '../fixtures/seeds.js';

async function run(
	a: Pick<Document, 'id' | 'text'>,
	b: Pick<Document, 'id' | 'text'>,
	options: {
		json?: boolean;
		colour?: boolean;
		layout?: boolean;
		ignoreBoilerplate?: boolean;
		context?: number | 'all';
		width?: number;
	} = {},
) {
	let output = '';
	const code = await diffCommand({
		a,
		b,
		json: options.json ?? false,
		colour: options.colour ?? false,
		layout: options.layout ?? false,
		ignoreBoilerplate: options.ignoreBoilerplate ?? false,
		...(options.context === undefined ? {} : {context: options.context}),
		...(options.width === undefined ? {} : {width: options.width}),
		write: (text) => (output += text),
	});
	return {code, output};
}

describe('diffCommand', () => {
	it('prints JSON whose offsets point at the changed text in each document', async () => {
		const a = seedDocument('000');
		const b = seedDocument('001');
		const {code, output} = await run(a, b, {json: true});
		expect(code).toBe(1);
		const parsed = JSON.parse(output);
		expect(parsed.a).toBe(a.id);
		expect(parsed.b).toBe(b.id);
		expect(parsed.stats.wordsA + parsed.stats.wordsB).toBeGreaterThan(2000);
		expect(parsed.stats.common + parsed.stats.deleted).toBe(parsed.stats.wordsA);
		expect(parsed.changes.map((change: {type: string}) => change.type)).toEqual([
			'insert',
			'delete',
			'insert',
		]);
		for (const change of parsed.changes) {
			const [doc, offset] = change.type === 'delete' ? [a, change.offsetA] : [b, change.offsetB];
			expect(doc.text.slice(offset, offset + change.text.length)).toBe(change.text);
		}
	});

	it('prints git-style brackets without colour, then the statistics', async () => {
		const {output} = await run(seedDocument('000'), seedDocument('001'));
		expect(output).toContain('{+Prospects of Iran-Iraq ties+}');
		expect(output).toContain('[-All Content by Mehr News Agency');
		expect(output).toContain('{+Leave a Comment+}');
		expect(output).not.toContain('\x1b');
		expect(output).toMatch(/similarity \d+\.\d%/);
	});

	it('colours with SGR and a second cue when asked', async () => {
		const {output} = await run(seedDocument('000'), seedDocument('001'), {colour: true});
		expect(output).toContain('\x1b[32;4mLeave a Comment\x1b[0m');
		expect(output).toContain('\x1b[31;9mAll Content');
		expect(output).not.toContain('{+');
	});

	it('says what changed by region: in the JSON summary and on the printed last line', async () => {
		const a = seedDocument('000');
		const b = seedDocument('001');
		const {output} = await run(a, b, {json: true});
		expect(JSON.parse(output).summary).toEqual({
			headline: 'added',
			dateline: 'added',
			footer: 'changed',
			body: {changes: 0, deleted: 0, inserted: 0},
		});
		const printed = await run(a, b);
		expect(printed.output.trimEnd().split('\n').at(-1)).toBe(
			'body identical · headline added · dateline added · footer replaced',
		);
	});

	describe('--print in hunks', () => {
		// Twenty one-line paragraphs; B changes a word of the tenth.
		const paragraphsOf = (change: boolean) =>
			Array.from({length: 20}, (_, index) =>
				index === 9 && change
					? `Paragraph ${index + 1} was edited.`
					: `Paragraph ${index + 1} is here.`,
			);
		const a = {id: 'a.txt', text: paragraphsOf(false).join('\n\n')};
		const b = {id: 'b.txt', text: paragraphsOf(true).join('\n\n')};
		const body = (output: string) => output.split(/\n\n\w+\.txt: /)[0]!.split('\n');

		it('folds what lies more than 3 lines from a change, under a header saying where', async () => {
			// Rows: a paragraph, a blank row, …; the change is on row 18 and rows 15–21 stay.
			expect(body((await run(a, b)).output)).toEqual([
				'⋯ 15 unchanged lines',
				'── paragraphs 9–11 ──',
				'Paragraph 9 is here.',
				'',
				'Paragraph 10 [-is here-] {+was edited+}.',
				'',
				'Paragraph 11 is here.',
				'⋯ 17 unchanged lines',
			]);
		});

		it('takes --context N and --context all', async () => {
			expect(body((await run(a, b, {context: 0})).output)).toEqual([
				'⋯ 18 unchanged lines',
				'── paragraph 10 ──',
				'Paragraph 10 [-is here-] {+was edited+}.',
				'⋯ 20 unchanged lines',
			]);
			const all = body((await run(a, b, {context: 'all'})).output);
			expect(all).toHaveLength(39);
			expect(all[0]).toBe('Paragraph 1 is here.');
		});

		it('wraps at --width when given', async () => {
			const long = {id: 'l.txt', text: `${'word '.repeat(40)}end.`};
			const edited = {id: 'm.txt', text: `${'word '.repeat(40)}finish.`};
			const lines = body((await run(long, edited, {width: 30})).output);
			// Seven lines of six words and the change: the first three are folded.
			expect(lines.slice(0, 3)).toEqual([
				'⋯ 3 unchanged lines',
				'── paragraph 1 ──',
				'word word word word word word',
			]);
			for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
			expect(lines.join(' ')).toMatch(/\[-end-\] \{\+finish\+\}\.$/);
		});
	});

	it('--ignore-boilerplate leaves out changes outside the headline and body', async () => {
		const body = seedDocument('002').text;
		const a = {id: 'a.txt', text: `${body}\n\nAll rights reserved.`};
		const b = {id: 'b.txt', text: `${body}\n\nShare this article`};
		const all = await run(a, b, {json: true});
		expect(all.code).toBe(1);
		expect(JSON.parse(all.output).changes).toHaveLength(2);
		const story = await run(a, b, {json: true, ignoreBoilerplate: true});
		expect(story.code).toBe(0);
		expect(JSON.parse(story.output).changes).toEqual([]);
		expect(JSON.parse(story.output).summary.footer).toBe('changed');
	});

	it('exits 0 for the same content, even when only the layout differs', async () => {
		const a = seedDocument('003');
		const flat: Document = {...a, text: a.text.replace(/\s+/g, ' ')};
		expect((await run(a, a)).code).toBe(0);
		const layout = await run(a, flat, {layout: true, json: true});
		expect(layout.code).toBe(0);
		expect(JSON.parse(layout.output).changes.length).toBeGreaterThan(0);
	});
});

describe('reading-room diff --json (runCommand)', () => {
	const context = (output: {text: string}, json = true): CommandContext => ({
		folderFrom: (argument) => argument ?? SEEDS_FOLDER,
		flags: {json, print: !json, layout: false, limit: 20, state: false, cache: false},
		colour: false,
		fullScreen: false,
		width: 80,
		cwd: SEEDS_FOLDER,
		write: (text) => (output.text += text),
		fail: (message) => {
			throw new Error(message);
		},
		caches: () => false,
	});

	it('reads the two texts as whole documents would be, and prints the same diff', async () => {
		for (const json of [true, false]) {
			const output = {text: ''};
			const code = await runCommand('diff', ['000', '001'], context(output, json));
			const expected = await run(seedDocument('000'), seedDocument('001'), {json});
			expect(code).toBe(expected.code);
			expect(output.text).toBe(expected.output);
		}
	});

	it('gives the full diff’s result whether it reads the bytes as they are or decodes them', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'reading-room-diff-'));
		try {
			const text = seedDocument('001').text;
			const edited = text.replace('Iraq', 'Syria').replace(/the /, 'a ');
			const files = {
				'plain.txt': Buffer.from(edited, 'utf8'),
				'crlf.txt': Buffer.from(text.replaceAll('\n', '\r\n'), 'utf8'),
				'bom-tab-bell.txt': Buffer.concat([
					Buffer.from([0xef, 0xbb, 0xbf]),
					Buffer.from(text.replace(' ', '\t').replace('Iraq', 'Iraq\u0007'), 'utf8'),
				]),
				'windows-1252.txt': iconv.encode(text.replace('ties', 'links'), 'windows-1252'),
			};
			for (const [name, bytes] of Object.entries(files)) writeFileSync(join(folder, name), bytes);
			for (const nameA of Object.keys(files)) {
				for (const nameB of Object.keys(files)) {
					if (nameA === nameB) continue;
					const output = {text: ''};
					const code = await runCommand('diff', [nameA, nameB, folder], context(output));
					const [a, b] = await Promise.all(
						[nameA, nameB].map(async (name) => {
							const loaded = await loadFile({id: name, path: join(folder, name), bytes: 0});
							if (isSkipped(loaded)) throw new Error(`${name} skipped`);
							return loaded;
						}),
					);
					const result = diffTexts(a!.text, b!.text);
					const {wordsA, wordsB, common, deleted, inserted, similarity} = result.stats;
					const parsed = JSON.parse(output.text);
					const label = `${nameA} ${nameB}`;
					expect(parsed.stats, label).toEqual({
						wordsA,
						wordsB,
						common,
						deleted,
						inserted,
						similarity,
					});
					expect(parsed.changes, label).toEqual(editsOf(result));
					expect(code, label).toBe(result.identical ? 0 : 1);
				}
			}
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});

	it('says so when both name one document: a sentence, or with --json, JSON', async () => {
		const output = {text: ''};
		const code = await runCommand('diff', ['000', seedFiles[0]!], context(output, false));
		expect(code).toBe(0);
		expect(output.text).toBe(
			`${seedFiles[0]} and ${seedFiles[0]} are the same document: identical\n`,
		);
		const json = {text: ''};
		expect(await runCommand('diff', ['000', seedFiles[0]!], context(json))).toBe(0);
		const parsed = JSON.parse(json.text);
		const words = parsed.stats.wordsA;
		expect(words).toBeGreaterThan(1000);
		expect(parsed).toEqual({
			a: seedFiles[0],
			b: seedFiles[0],
			identical: true,
			fallback: false,
			stats: {wordsA: words, wordsB: words, common: words, deleted: 0, inserted: 0, similarity: 1},
			// 000 has no headline or dateline; its footer (the licence line) is the same.
			summary: {
				headline: 'none',
				dateline: 'none',
				footer: 'same',
				body: {changes: 0, deleted: 0, inserted: 0},
			},
			changes: [],
		});
	});

	it('says whether the two are identical in every JSON form', async () => {
		for (const layout of [false, true]) {
			const output = {text: ''};
			const layoutContext = {...context(output), flags: {...context(output).flags, layout}};
			expect(await runCommand('diff', ['000', '001'], layoutContext)).toBe(1);
			expect(JSON.parse(output.text).identical, `layout ${layout}`).toBe(false);
		}
	});

	it('reads a Markdown article as rendered, as the library does: its plain copy is the same words', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'reading-room-diff-'));
		const plain =
			'Talks on the border resume\n\nOfficials from both capitals met on Tuesday in Baghdad.\n\n' +
			'The minister said trade would resume within weeks.\n';
		const markdown =
			'# Talks on the border resume\n\nOfficials from **both capitals** met on Tuesday in ' +
			'[Baghdad](https://example.org/baghdad).\n\n> The minister said trade would resume within weeks.\n';
		try {
			writeFileSync(join(folder, 'plain.txt'), plain);
			writeFileSync(join(folder, 'marked.md'), markdown);
			// A .txt that is clearly Markdown (a heading, then links, emphasis and lists).
			writeFileSync(
				join(folder, 'clearly.txt'),
				markdown + '\n## More\n\n- [one](https://example.org/1)\n- **two**\n',
			);
			for (const other of ['marked.md', 'clearly.txt']) {
				const json = {text: ''};
				await runCommand('diff', ['plain.txt', other, folder], context(json));
				const {stats} = JSON.parse(json.text);
				expect({other, deleted: stats.deleted}).toEqual({other, deleted: 0});
				expect(stats.inserted, other).toBe(other === 'marked.md' ? 0 : 3);
				const printed = {text: ''};
				await runCommand('diff', ['plain.txt', other, folder], context(printed, false));
				expect(printed.text, other).not.toMatch(/\*\*|\]\(|^#|\{\+[#>]/m);
			}
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});

	it('fails in one line, like the loader, on a binary or missing file', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'reading-room-diff-'));
		try {
			writeFileSync(join(folder, 'a.txt'), 'Some words.\n');
			writeFileSync(join(folder, 'b.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
			const binary = runCommand('diff', ['a.txt', 'b.txt', folder], context({text: ''}));
			await expect(binary).rejects.toThrow(/^cannot read b\.txt: binary$/);
			const missing = runCommand('diff', ['a.txt', 'c.txt', folder], context({text: ''}));
			await expect(missing).rejects.toThrow(
				/^no document "c\.txt"; did you mean a\.txt “Some words\.”\?$/,
			);
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});
});
