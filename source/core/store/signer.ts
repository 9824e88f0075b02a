import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';

/**
 * How the facts writer's thread (facts-writer.ts) gets core/versions/signature.ts, to work out
 * the version signatures of the documents it writes: as a script that leaves the module's
 * exports in `versionSignatures`, given as its code, or to be bundled by the thread from the
 * source file with esbuild (as SIGNER_BUNDLE says).
 */
export type Signer =
	| {readonly code: string}
	| {
			readonly file: string;
			readonly esbuild: string;
			readonly options: typeof SIGNER_BUNDLE;
	  };

/** The bundle's options but its entry, as scripts/build-options.mjs's signerCode has them
 * (test/core/store/signer.test.ts checks they make the same code). */
export const SIGNER_BUNDLE = {
	bundle: true,
	format: 'iife',
	globalName: 'versionSignatures',
	platform: 'neutral',
	target: 'node20',
	write: false,
	legalComments: 'none',
	logLevel: 'silent',
} as const;

/**
 * From the sources (tsx, vitest): the source file and esbuild, for the thread to bundle it as the
 * build does (so it runs the code the app runs, not tsx's CommonJS translation of each module,
 * whose imports are getters: three times slower); undefined where esbuild is not installed
 * (then the main thread works out every signature, as before). In the bundles this module is
 * replaced by one that gives the code itself (scripts/build-options.mjs, inlineSigner), so the
 * app needs no file beside it.
 */
export function signer(): Signer | undefined {
	try {
		return {
			file: fileURLToPath(new URL('../versions/signature.ts', import.meta.url)),
			esbuild: createRequire(import.meta.url).resolve('esbuild'),
			options: SIGNER_BUNDLE,
		};
	} catch {
		return undefined;
	}
}
