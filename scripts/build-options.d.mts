import type {BuildOptions, Plugin} from 'esbuild';

/** The repository's root folder. */
export const root: string;
/** source/cli.tsx, the bundle's entry point. */
export const entry: string;
/** esbuild's options for bundling source/cli.tsx into dist/. */
export const buildOptions: BuildOptions;
/** Makes string-width's Intl.Segmenter and Unicode patterns on first use past its ASCII path. */
export const lazyStringWidth: Plugin;
/** The characters string-width as bundled measures by the text's length (a RegExp source). */
export const ONE_CELL_EACH: string;
/** Makes Ink's styled characters share styles arrays and skip empty differences. */
export const quickerStyledChars: Plugin;
/** The characters Ink's tokenizer as bundled walks without Intl.Segmenter (a RegExp source). */
export const QUICK_TOKENS: string;
/** Makes Ink's tokenizer walk lines of one-cell characters without Intl.Segmenter. */
export const quickerTokenize: Plugin;
/** Makes Ink's output skip width look-ups of ASCII characters and sanitising SGR-only text. */
export const quickerOutput: Plugin;
/** core/versions/signature.ts bundled on its own as a script leaving its exports in
 * `versionSignatures`: the code the facts writer's thread runs (source/core/store/signer.ts). */
export function signerCode(): Promise<string>;
/** Gives source/core/store/signer.ts's signer the code of signerCode in the bundles. */
export const inlineSigner: Plugin;
/** esbuild's output with every character past ASCII as a \u escape (the commands' bundle). */
export function asciiEscaped(source: string): string;
