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
	a: Document,
	b: Document,
	options: {json?: boolean; colour?: boolean; layout?: boolean} = {},
) {
	let output = '';
	const code = await diffCommand({
		a,
		b,
		json: options.json ?? false,
		colour: options.colour ?? false,
		layout: options.layout ?? false,
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
		width: 80,
		cwd: SEEDS_FOLDER,
		write: (text) => (output.text += text),
		fail: (message) => {
			throw new Error(message);
		},
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

	it('says so when both name one document', async () => {
		const output = {text: ''};
		const code = await runCommand('diff', ['000', seedFiles[0]!], context(output));
		expect(code).toBe(0);
		expect(output.text).toBe(
			`${seedFiles[0]} and ${seedFiles[0]} are the same document: identical\n`,
		);
	});

	it('fails in one line, like the loader, on a binary or missing file', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'reading-room-diff-'));
		try {
			writeFileSync(join(folder, 'a.txt'), 'Some words.\n');
			writeFileSync(join(folder, 'b.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
			const binary = runCommand('diff', ['a.txt', 'b.txt', folder], context({text: ''}));
			await expect(binary).rejects.toThrow(/^cannot read b\.txt: binary$/);
			const missing = runCommand('diff', ['a.txt', 'c.txt', folder], context({text: ''}));
			await expect(missing).rejects.toThrow(/No document "c\.txt"/);
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});
});
