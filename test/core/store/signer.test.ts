/**
 * How the facts writer's thread gets core/versions' signature code (source/core/store/signer.ts):
 * from the sources it bundles the file as the build does, and in the bundles it is given the
 * build's code (scripts/build-options.mjs, inlineSigner).
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {afterAll, describe, expect, it} from 'vitest';
import {inlineSigner, root, signerCode} from '../../../scripts/build-options.mjs';
import {SIGNER_BUNDLE, signer, type Signer} from '../../../source/core/store/signer.js';
import type {PackedSignatures} from '../../../source/core/versions/signature.js';
import {seedText} from '../../fixtures/seeds.js';

const folder = mkdtempSync(join(tmpdir(), 'reading-room-signer-'));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

/** The script's exports, as the thread takes them. */
function run(code: string): {packedSignatures(texts: readonly string[]): PackedSignatures} {
	return new Function(`${code}\nreturn versionSignatures;`)() as ReturnType<typeof run>;
}

describe('the signer', () => {
	it('from the sources: the file, bundled with the options the build bundles it with', async () => {
		const fromSources = signer();
		if (fromSources === undefined || 'code' in fromSources) throw new Error('no source signer');
		expect(fromSources.file).toBe(join(root, 'source', 'core', 'versions', 'signature.ts'));
		expect(fromSources.options).toEqual(SIGNER_BUNDLE);
		const bundled = await build({...fromSources.options, entryPoints: [fromSources.file]});
		const code = bundled.outputFiles[0]!.text;
		expect(code).toBe(await signerCode());
		// Seed 000's signature, its first bins as the versions index has always made them; none
		// for a text of fewer than five words.
		const packed = run(code).packedSignatures([seedText('000'), 'one two three four']);
		expect([...packed.bins.subarray(0, 3)]).toEqual([642842, 39805263, 69931882]);
		expect([...packed.shingled]).toEqual([1, 0]);
	});

	it('in the bundles: the build’s code itself', async () => {
		const entry = join(folder, 'entry.ts');
		const signerFile = join(root, 'source', 'core', 'store', 'signer.ts');
		writeFileSync(entry, `export {signer} from ${JSON.stringify(signerFile)};\n`);
		const outfile = join(folder, 'bundled.mjs');
		await build({
			entryPoints: [entry],
			bundle: true,
			format: 'esm',
			platform: 'node',
			outfile,
			plugins: [inlineSigner],
			logLevel: 'silent',
		});
		const bundled = (await import(pathToFileURL(outfile).href)) as {signer(): Signer | undefined};
		expect(bundled.signer()).toEqual({code: await signerCode()});
	});
});
