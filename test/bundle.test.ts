import {relative} from 'node:path';
import {build, type Metafile} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {buildOptions, root} from '../scripts/build-options.mjs';

/**
 * The source files whose chunks load before the library's first frame: cli.tsx and what it
 * imports statically, then (each a dynamic import on the way) ui/load-interface.ts,
 * ui/first-paint.ts and core/store/open.ts with what they import statically. Bundled exactly
 * as scripts/build.mjs bundles, with a metafile.
 */
async function firstFrameInputs(): Promise<{inputs: string[]; bytes: number}> {
	const result = await build({...buildOptions, write: false, metafile: true, logLevel: 'error'});
	const outputs: Metafile['outputs'] = result.metafile.outputs;
	const chunkOf = new Map<string, string>();
	for (const [output, {entryPoint}] of Object.entries(outputs)) {
		if (entryPoint !== undefined) chunkOf.set(entryPoint, output);
	}
	const loaded = new Set<string>();
	const load = (output: string): void => {
		if (loaded.has(output)) return;
		loaded.add(output);
		for (const imported of outputs[output]!.imports) {
			if (imported.kind === 'import-statement' && imported.external !== true) load(imported.path);
		}
	};
	for (const start of [
		'source/cli.tsx',
		'source/ui/load-interface.ts',
		'source/ui/first-paint.ts',
		'source/core/store/open.ts',
	]) {
		const chunk = chunkOf.get(start);
		if (chunk === undefined) throw new Error(`${start} is no longer a chunk of its own`);
		load(chunk);
	}
	const inputs = new Set<string>();
	let bytes = 0;
	for (const output of loaded) {
		bytes += outputs[output]!.bytes;
		for (const input of Object.keys(outputs[output]!.inputs)) {
			inputs.add(relative(root, input).replace(/^(\.\.\/)*/, ''));
		}
	}
	return {inputs: [...inputs].sort(), bytes};
}

describe('what loads before the library’s first frame', () => {
	it('has the store’s opening and rows, without its search, versions and dates code', async () => {
		const {inputs} = await firstFrameInputs();
		// The first frame reads the folder through the store…
		expect(inputs).toEqual(
			expect.arrayContaining([
				'source/core/store/open.ts',
				'source/core/store/database.ts',
				'source/core/store/stored-document.ts',
				'source/core/corpus/load.ts',
				'source/core/library/frame.ts',
			]),
		);
		// …and what narrow(), versionFacts() and writing need loads after it (loadIndexing).
		const later = inputs.filter((input) =>
			/^source\/core\/(search|versions|history|diff)\/|^source\/core\/store\/(term-index|database-index)\.ts$|^source\/ui\/app\.tsx$|node_modules\/(ink|react|marked|fuse\.js)\//.test(
				input,
			),
		);
		expect(later).toEqual([]);
	});
});
