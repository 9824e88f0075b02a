import {execFileSync} from 'node:child_process';
import {statSync, symlinkSync, writeFileSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';
import {resolveReference} from '../../../source/core/corpus/resolve.js';
import type {FoundFile} from '../../../source/core/corpus/scan.js';
import {scanFolder} from '../../../source/core/corpus/scan.js';
import {SEEDS_FOLDER, seedPath} from '../../fixtures/seeds.js';
import {hasMkfifo, makeTempFolder} from '../../fixtures/temp-folder.js';

const {files} = await scanFolder(SEEDS_FOLDER);
const repository = dirname(SEEDS_FOLDER);
const options = {folder: SEEDS_FOLDER, cwd: repository, files};

function resolved(reference: string, overrides: Partial<typeof options> = {}): FoundFile {
	const result = resolveReference(reference, {...options, ...overrides});
	if (!result.ok) throw new Error(`did not resolve: ${result.message}`);
	return result.file;
}

const byPrefix = (prefix: string): FoundFile => files.find((file) => file.id.startsWith(prefix))!;

describe('resolveReference', () => {
	it('finds a document by id, file name or unique prefix', () => {
		const seed = byPrefix('003');
		expect(resolved(seed.id)).toBe(seed);
		expect(resolved('003')).toBe(seed);
		expect(resolved('003_9ce')).toBe(seed);
	});

	it('finds a file by path, absolute or relative to cwd', () => {
		const seed = byPrefix('002');
		expect(resolved(seedPath('002'))).toBe(seed);
		expect(resolved(relative(repository, seedPath('002')))).toBe(seed);
		expect(resolved(`./seeds/${seed.id}`)).toBe(seed);
		expect(resolved(seed.id, {cwd: SEEDS_FOLDER})).toBe(seed);
	});

	it('accepts an existing file outside the folder, named as given', () => {
		const file = resolved('package.json');
		expect(file).toEqual({
			id: 'package.json',
			path: join(repository, 'package.json'),
			bytes: statSync(join(repository, 'package.json')).size,
		});
	});

	it('lists the candidates of an ambiguous prefix in one line', () => {
		const result = resolveReference('00', options);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.candidates).toEqual(files.map((file) => file.id));
		expect(result.message).toMatch(/^"00" matches 5 documents: 000_\w+\.txt, 001_/);
		expect(result.message).not.toContain('\n');
	});

	it('names at most five candidates and counts the rest', () => {
		const many = Array.from({length: 8}, (_, index) => ({
			id: `note-${index}.txt`,
			path: `/library/note-${index}.txt`,
			bytes: 1,
		}));
		const result = resolveReference('note', {folder: '/library', cwd: '/nowhere', files: many});
		expect(result).toMatchObject({ok: false, candidates: many.map((file) => file.id)});
		if (!result.ok) expect(result.message).toMatch(/note-4\.txt, and 3 more$/);
	});

	it('prefers an exact file name to a longer one it prefixes, and ignores case last', () => {
		const found = [
			{id: 'a/report', path: '/l/a/report', bytes: 1},
			{id: 'b/report-2', path: '/l/b/report-2', bytes: 1},
			{id: 'c/Letter.md', path: '/l/c/Letter.md', bytes: 1},
		];
		const local = {folder: '/l', cwd: '/nowhere', files: found};
		expect(resolveReference('report', local)).toEqual({ok: true, file: found[0]});
		expect(resolveReference('report-', local)).toEqual({ok: true, file: found[1]});
		expect(resolveReference('b/rep', local)).toEqual({ok: true, file: found[1]});
		expect(resolveReference('letter', local)).toEqual({ok: true, file: found[2]});
	});

	it('says so in one sanitised line when nothing matches', () => {
		const result = resolveReference('zzz\x1b[2J', options);
		expect(result).toEqual({
			ok: false,
			message: `no document "zzz␛[2J" in ${SEEDS_FOLDER}, and no such file`,
			candidates: [],
			unmatched: true,
		});
		expect(resolveReference('', options)).toMatchObject({ok: false, candidates: []});
		expect(resolveReference('', options)).not.toHaveProperty('unmatched');
	});

	it('says a link to nothing (a loop, a missing target) is one, named in the folder or as a path', async () => {
		const folder = await makeTempFolder({'a.txt': 'Words.\n'});
		try {
			symlinkSync('loop2.txt', join(folder.root, 'loop1.txt'));
			symlinkSync('loop1.txt', join(folder.root, 'loop2.txt'));
			symlinkSync('gone.txt', join(folder.root, 'dangling.txt'));
			const {files} = await scanFolder(folder.root);
			expect(files.map((file) => file.id)).toEqual(['a.txt']);
			const at = {folder: folder.root, cwd: '/', files};
			expect(resolveReference('loop1.txt', at)).toEqual({
				ok: false,
				message: '"loop1.txt" is a link that leads to no file (a loop, or a missing target)',
				candidates: [],
			});
			expect(resolveReference(join(folder.root, 'dangling.txt'), at)).toMatchObject({
				ok: false,
				message: expect.stringContaining('is a link that leads to no file') as string,
			});
			// A name that is not there at all is still "no such file".
			expect(resolveReference('loop1', at)).toMatchObject({unmatched: true});
		} finally {
			await folder.remove();
		}
	});

	it('finds a file by its name as the shell gives it, controls, RLO and bytes not UTF-8 included', async () => {
		const folder = await makeTempFolder({'plain.txt': 'Words.\n'});
		try {
			// Names a shell completes as they are on disk; the ids show them sanitised.
			await folder.write('name\x1b[31mred.txt', 'Escape.\n');
			await folder.write('\u202eevil.txt', 'Override.\n');
			await folder.write('line\nbreak.txt', 'Newline.\n');
			writeFileSync(
				Buffer.concat([
					Buffer.from(folder.root + '/caf'),
					Buffer.from([0xe9]),
					Buffer.from('.txt'),
				]),
				'Latin-1.\n',
			);
			const {files} = await scanFolder(folder.root);
			expect(files.map((file) => file.id)).toEqual([
				'café.txt',
				'line␊break.txt',
				'name␛[31mred.txt',
				'plain.txt',
				'\ufffdevil.txt',
			]);
			// cwd elsewhere: the name is one in the folder, not a path from cwd.
			const at = {folder: folder.root, cwd: '/', files};
			const idOf = (reference: string) => {
				const result = resolveReference(reference, at);
				return result.ok ? result.file.id : result.message;
			};
			expect(idOf('name\x1b[31mred.txt')).toBe('name␛[31mred.txt');
			expect(idOf('\u202eevil.txt')).toBe('\ufffdevil.txt');
			expect(idOf('line\nbreak.txt')).toBe('line␊break.txt');
			// Node decodes argv as UTF-8, so the byte 0xE9 alone arrives as U+FFFD.
			expect(idOf('caf\ufffd.txt')).toBe('café.txt');
			expect(idOf(join(folder.root, 'caf\ufffd.txt'))).toBe('café.txt');
		} finally {
			await folder.remove();
		}
	});

	it('explains that a folder is not a document', () => {
		const result = resolveReference('source', options);
		expect(result).toMatchObject({
			ok: false,
			message: '"source" is a folder; name one document in it',
		});
	});

	it.skipIf(!hasMkfifo())(
		'says a pipe is not a regular file, given as a path or named in the folder',
		async () => {
			const folder = await makeTempFolder({'a.txt': 'Words.\n'});
			try {
				execFileSync('mkfifo', [join(folder.root, 'pipe.txt')]);
				const {files} = await scanFolder(folder.root);
				const message = '"pipe.txt" is not a regular file';
				const inFolder = resolveReference('pipe.txt', {folder: folder.root, cwd: '/', files});
				expect(inFolder).toEqual({ok: false, message, candidates: []});
				const asPath = resolveReference('pipe.txt', {
					folder: SEEDS_FOLDER,
					cwd: folder.root,
					files,
				});
				expect(asPath).toEqual({ok: false, message, candidates: []});
			} finally {
				await folder.remove();
			}
		},
	);
});
