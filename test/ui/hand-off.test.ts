import {Buffer} from 'node:buffer';
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadAll} from '../../source/core/corpus/load.js';
import {fileModified} from '../../source/core/corpus/modified.js';
import {openStore} from '../../source/core/store/open.js';
import type {CorpusStore} from '../../source/core/store/types.js';
import {handOff, handOffScript, printfEscaped, programCommand} from '../../source/ui/hand-off.js';
import {makeTempFolder, type TempFolder} from '../fixtures/temp-folder.js';

describe('programCommand', () => {
	it('takes $VISUAL, else $EDITOR, for the editor; none when neither is set or both are blank', () => {
		expect(programCommand('editor', {VISUAL: 'code --wait', EDITOR: 'vi'})).toEqual({
			command: 'code --wait',
			from: '$VISUAL',
		});
		expect(programCommand('editor', {VISUAL: '  ', EDITOR: 'vi'})).toEqual({
			command: 'vi',
			from: '$EDITOR',
		});
		expect(programCommand('editor', {})).toBeUndefined();
		expect(programCommand('editor', {VISUAL: '', EDITOR: ' '})).toBeUndefined();
	});

	it('takes $PAGER for the pager, else less', () => {
		expect(programCommand('pager', {PAGER: 'less -R'})).toEqual({
			command: 'less -R',
			from: '$PAGER',
		});
		expect(programCommand('pager', {})).toEqual({command: 'less', from: 'the default pager'});
	});
});

describe('a file whose name is not valid UTF-8', () => {
	let folder: TempFolder;
	let cacheHome: string;
	const latin1Name = Buffer.from('caf\u00e9.txt', 'latin1');

	beforeEach(async () => {
		folder = await makeTempFolder();
		cacheHome = mkdtempSync(join(tmpdir(), 'reading-room-hand-off-cache-'));
		writeFileSync(Buffer.concat([Buffer.from(folder.root + '/'), latin1Name]), 'Café words.\n');
	});

	afterEach(async () => {
		await folder.remove();
		rmSync(cacheHome, {recursive: true, force: true});
	});

	it('is spelt for printf in octal escapes, ASCII kept', () => {
		expect(printfEscaped(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x74]))).toBe('caf\\0351.t');
		expect(printfEscaped(Buffer.from('a\\b\n', 'latin1'))).toBe('a\\0134b\\0012');
		expect(handOffScript('vi', {path: '/a b/c.txt'})).toEqual({
			script: 'vi "$1"',
			argument: '/a b/c.txt',
		});
	});

	it('goes to the editor as its own bytes, from the loader and from the cache', async () => {
		const load = async (store?: CorpusStore) => {
			const {documents} = await loadAll(folder.root, store ? {store} : {});
			store?.flush();
			expect(documents).toHaveLength(1);
			return documents[0]!;
		};
		const fromFile = await load();
		const options = {folder: folder.root, useCache: true, cacheHome};
		const first = openStore(options);
		await load(first);
		first.close();
		const second = openStore(options);
		const fromCache = await load(second);
		second.close();
		expect(fromCache.constructor.name).toBe('StoredDocument');

		for (const document of [fromFile, fromCache]) {
			expect(existsSync(document.path)).toBe(false);
			// Its file time orders versions and sorts the library by date.
			expect(fileModified(document)).toHaveProperty('modifiedMs');
		}
		for (const [round, document] of [fromFile, fromCache].entries()) {
			expect(handOff('pager', document, {PAGER: 'true'})).toEqual({changed: false});
			// The editor appends a line to the file it is given, by the name it is given.
			const outcome = handOff('editor', document, {
				VISUAL: `sh -c 'printf "edit ${round}\\n" >> "$0"'`,
			});
			expect(outcome).toEqual({changed: true});
		}
		expect(readdirSync(folder.root, {encoding: 'buffer'})).toEqual([latin1Name]);
		expect(readFileSync(Buffer.concat([Buffer.from(folder.root + '/'), latin1Name]), 'utf8')).toBe(
			'Café words.\nedit 0\nedit 1\n',
		);
	});
});
