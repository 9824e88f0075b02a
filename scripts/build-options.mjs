// The bundler's options, apart from scripts/build.mjs so test/bundle.test.ts bundles exactly as
// the build does (with a metafile) to check what the first frame loads.
import {parse, tokTypes} from 'acorn';
import {build} from 'esbuild';
import {readFile} from 'node:fs/promises';
import {readFileSync} from 'node:fs';
import {realpathSync} from 'node:fs';
import {join, dirname} from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const entry = join(root, 'source', 'cli.tsx');

/**
 * meow's prebundled dependencies build normalize-package-data (spdx licence tables, semver
 * and hosted-git-info patterns) as soon as they load, ~10 ms of every start, though meow calls
 * it only when `cli.pkg` is read, which this app never does (it passes the fields it needs).
 * This makes that one initialisation happen on first use. They also load node:child_process
 * (with net and dgram, ~3 ms) for one `promisify(execFile)` whose result is never kept: that
 * statement and its import go. It fails the build if meow's code has changed, rather than
 * silently doing nothing.
 */
const lazyPackageNormalising = {
	name: 'lazy-package-normalising',
	setup(build) {
		build.onLoad({filter: /meow[\\/]build[\\/]dependencies\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			const eager =
				'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);';
			if (!source.includes(eager)) {
				throw new Error(`meow changed: update lazyPackageNormalising in scripts/build.mjs`);
			}
			const lazy =
				'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);';
			const unused = [
				"import { execFile } from 'node:child_process';\n",
				'\npromisify(execFile);\n',
			];
			if (!unused.every((line) => source.split(line).length === 2)) {
				throw new Error(`meow changed: update lazyPackageNormalising in scripts/build.mjs`);
			}
			const contents = unused.reduce(
				(text, line) => text.replace(line, () => '\n'),
				source.replace(eager, () => lazy),
			);
			return {contents, loader: 'js'};
		});
	},
};

/** The string-width that core/text/width.ts and Ink's output import (wrap-ansi has an older
 * one of its own, left as it is). */
const stringWidthPath = realpathSync(fileURLToPath(import.meta.resolve('string-width')));

/** string-width 8's values that its top level makes and only non-ASCII text uses. */
const STRING_WIDTH_EAGER = [
	'const segmenter = new Intl.Segmenter();',
	'const visibleCharacterRegex = /[^\\p{Default_Ignorable_Code_Point}\\p{Control}\\p{Format}\\p{Nonspacing_Mark}\\p{Enclosing_Mark}\\p{Surrogate}]/v;',
	'const spacingMarkRegex = /\\p{Spacing_Mark}/v;',
	'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
];
const STRING_WIDTH_FAST_PATH =
	'if (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n';

/**
 * Characters each one cell wide on their own and never joined to a neighbour (no combining,
 * joining or emoji character among them), with ambiguous characters narrow, string-width's
 * default (·, …, “ and ● are East Asian Ambiguous: `ambiguousIsNarrow: false` takes the full
 * path): printable ASCII,
 * Latin-1 but the soft hyphen, the general punctuation of news text (dashes, curly quotes, the
 * ellipsis, primes), and the marks the app draws (↻ ▸ ● ✓, the prompt's █, ⋯ and ␛, the hints'
 * arrows ← ↑ → ↓: the search prompt's first frame made the segmenter and compiled the emoji
 * pattern for them, 20–45 ms on the path of a query typed at once). Text of
 * these is as wide as it is long. core/text/width.ts shortcuts the same class; Ink measures
 * every line of every frame (with its colours, stripped first), and its snippets' ellipses and
 * the status bar's quotes sent each line through the segmenter and the emoji pattern: about a
 * quarter of a frame's time while typing a query. test/string-width-lazy.test.ts checks every
 * character of it against string-width as published.
 */
export const ONE_CELL_EACH =
	'^[\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u00FF\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u2193\\u21BB\\u22EF\\u241B\\u2588\\u25B8\\u25CF\\u2713]*$';

/**
 * string-width makes an Intl.Segmenter (loading ICU's data) and compiles `\p{RGI_Emoji}` with the
 * v flag as it loads, ~25 ms of every command that measures text (list, search, show), though
 * printable ASCII, most of what they measure, needs neither. This makes them on the first call
 * past its ASCII fast path, the only place that uses them: the same code, so the same widths
 * for core and Ink (test/string-width-lazy.test.ts compares it with string-width as published).
 * It fails the build if string-width's code has changed, rather than silently doing nothing.
 */
export const lazyStringWidth = {
	name: 'lazy-string-width',
	setup(build) {
		build.onLoad({filter: /[\\/]string-width[\\/]index\.js$/}, async ({path}) => {
			if (realpathSync(path) !== stringWidthPath) return undefined;
			let source = await readFile(path, 'utf8');
			const changed = () =>
				new Error('string-width changed: update lazyStringWidth in scripts/build-options.mjs');
			const made = [];
			for (const line of STRING_WIDTH_EAGER) {
				if (!source.includes(line)) throw changed();
				const [, name, value] = /^const (\w+) = (.*);$/.exec(line);
				source = source.replace(line, () => `let ${name};`);
				made.push(`${name} = ${value};`);
			}
			if (!source.includes(STRING_WIDTH_FAST_PATH)) throw changed();
			// Replaced by functions: the patterns hold `$`, which a replacement string would read.
			source = source.replace(
				STRING_WIDTH_FAST_PATH,
				() =>
					`${STRING_WIDTH_FAST_PATH}\tif (ambiguousIsNarrow && /${ONE_CELL_EACH}/.test(string)) {\n\t\treturn string.length;\n\t}\n` +
					`\tif (segmenter === undefined) {\n\t\t${made.join('\n\t\t')}\n\t}\n`,
			);
			return {contents: source, loader: 'js'};
		});
	},
};

/** Lines of @alcalzone/ansi-tokenize's styledChars.js that quickerStyledChars replaces. */
const STYLED_CHARS_EAGER = {
	spread: '...token,',
	copy: 'styles: [...codes],',
	diff: 'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
};

/**
 * Ink draws every frame by cutting each line into one object per character with its styles
 * (@alcalzone/ansi-tokenize) and joining them again, working out for every pair of neighbours
 * which codes change between them (three Sets and four arrays a character). Most neighbours
 * share their styles: this gives the characters between two codes one styles array (the
 * library makes a new one at each code and never changes one), and passes over the
 * difference when neighbours' styles hold the same codes, where it is empty. The same
 * output, a character's work cut to a comparison: about a fifth of a frame of the library
 * while typing a query (test/styled-chars-quick.test.ts compares it with the library as
 * published). Each character is made with its fields named rather than by spreading its token:
 * the spread took as long as the rest of Ink's output stage together (4.7 against 1.6 ms of a
 * 120×40 library frame while typing), and the characters it made were slower to read after.
 * It fails the build if the library's code has changed.
 */
export const quickerStyledChars = {
	name: 'quicker-styled-chars',
	setup(build) {
		build.onLoad({filter: /ansi-tokenize[\\/]build[\\/]styledChars\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			if (!Object.values(STYLED_CHARS_EAGER).every((line) => source.split(line).length === 2)) {
				throw new Error(
					'@alcalzone/ansi-tokenize changed: update quickerStyledChars in scripts/build-options.mjs',
				);
			}
			const same =
				'\nfunction sameStyles(a, b) {\n\tif (a === b) return true;\n\tif (a.length !== b.length) return false;\n\tfor (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;\n\treturn true;\n}\n';
			const contents =
				source
					// A character token has these three fields and no other (see quickerTokenize).
					.replace(
						STYLED_CHARS_EAGER.spread,
						() => 'type: token.type, value: token.value, fullWidth: token.fullWidth,',
					)
					.replace(STYLED_CHARS_EAGER.copy, () => 'styles: codes,')
					.replace(
						STYLED_CHARS_EAGER.diff,
						() => `if (!sameStyles(chars[i - 1].styles, char.styles)) ${STYLED_CHARS_EAGER.diff}`,
					) + same;
			return {contents, loader: 'js'};
		});
	},
};

/**
 * Characters quickerTokenize walks without Intl.Segmenter (a RegExp source): ONE_CELL_EACH's,
 * the lines of the app's diff (− ─ │: each a cluster of its own,
 * and never full width, which is all a tokenizer asks), and ESC and BEL, which codes use.
 */
export const QUICK_TOKENS = ONE_CELL_EACH.replace('^[', '^[\\u0007\\u001B\\u2212\\u2500\\u2502');

/** The line of @alcalzone/ansi-tokenize's tokenize.js that quickerTokenize renames. */
const TOKENIZE_EXPORT = 'export function tokenize(str, endChar = Number.POSITIVE_INFINITY) {';

/**
 * Ink cuts every line of every frame into characters with @alcalzone/ansi-tokenize's tokenize,
 * which walks the line's grapheme clusters with Intl.Segmenter: the most costly step of a
 * library frame while typing a query (Ink's output stage took 4.7 ms a 120×40 frame with this,
 * 6.8–8.4 without). A line made only of
 * QUICK_TOKENS characters (each a cluster of its own, never full width) and the escape codes
 * Ink writes (ESC and BEL, the rest of a code being ASCII) has one cluster per
 * UTF-16 unit, so this walks it unit by unit with the library's own code for escapes; any
 * other line takes the library's path. The same tokens (test/tokenize-quick.test.ts compares
 * it with the library as published). It fails the build if the library's code has changed.
 */
export const quickerTokenize = {
	name: 'quicker-tokenize',
	setup(build) {
		build.onLoad({filter: /ansi-tokenize[\\/]build[\\/]tokenize\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			// The loop below repeats these lines of the library's, which it relies on.
			const relied = [
				TOKENIZE_EXPORT,
				'if (ESCAPES.has(codePoint)) {',
				'const nextCodePoint = str.codePointAt(index + 1);',
				'code = parseLinkCode(str, index);',
				'code = parseSGRSequence(str, index);',
				'const codes = splitCompoundSGRSequences(code);',
				'codeEndIndex = index + code.length;',
				'visible += fullWidth ? 2 : 1;',
				'if (visible >= endChar) {',
			];
			if (!relied.every((line) => source.split(line).length === 2)) {
				throw new Error(
					'@alcalzone/ansi-tokenize changed: update quickerTokenize in scripts/build-options.mjs',
				);
			}
			const quick = `
const QUICK_LINE = /${QUICK_TOKENS}/;
${TOKENIZE_EXPORT}
	if (!QUICK_LINE.test(str)) return segmentedTokenize(str, endChar);
	const ret = [];
	let visible = 0;
	for (let index = 0; index < str.length; index++) {
		const codePoint = str.charCodeAt(index);
		if (ESCAPES.has(codePoint)) {
			let code;
			const nextCodePoint = str.codePointAt(index + 1);
			if (nextCodePoint === OSC) {
				code = parseLinkCode(str, index);
				if (code) {
					ret.push({ type: "ansi", code: code, endCode: getEndCode(code) });
				}
			}
			else if (nextCodePoint === CSI) {
				code = parseSGRSequence(str, index);
				if (code) {
					const codes = splitCompoundSGRSequences(code);
					for (const individualCode of codes) {
						ret.push({ type: "ansi", code: individualCode, endCode: getEndCode(individualCode) });
					}
				}
			}
			if (code) {
				index += code.length - 1;
				continue;
			}
		}
		ret.push({ type: "char", value: str[index], fullWidth: false });
		visible += 1;
		if (visible >= endChar) {
			break;
		}
	}
	return ret;
}
`;
			const contents =
				source.replace(TOKENIZE_EXPORT, () => 'function segmentedTokenize(str, endChar) {') + quick;
			return {contents, loader: 'js'};
		});
	},
};

/** The lines of Ink's output.js and sanitize-ansi.js that quickerOutput replaces. */
const OUTPUT_EAGER = {
	width: 'const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));',
	sanitize: 'const sanitizeAnsi = (text) => {',
};

/** Whether a text's only escapes are SGR codes and it holds no C1 control: a loop rather than
 * one pattern, which overflows the stack on a text of millions of characters. */
const ONLY_SGR = `const SGR_AT = /\\u001B\\[[0-9:;]*m/y;
const C1_CONTROL = /[\\u0080-\\u009F]/;
function onlySgr(text) {
	if (C1_CONTROL.test(text)) return false;
	for (let at = text.indexOf('\\u001B'); at !== -1; at = text.indexOf('\\u001B', SGR_AT.lastIndex)) {
		SGR_AT.lastIndex = at;
		if (!SGR_AT.test(text)) return false;
	}
	return true;
}`;

/**
 * Two steps of Ink's output that every character or every text of every frame goes through:
 * - Output.get looks up each character's width in a Map (string-width's, cached); a printable
 *   ASCII character is one cell, so it is not looked up.
 * - sanitizeAnsi, run on every text node as it is squashed (nested ones again in their parent),
 *   cuts any text holding an escape into tokens and joins the ones it keeps; a text whose only
 *   escapes are SGR codes (ESC [ digits, colons, semicolons m), and no C1 control, keeps them
 *   all, so it is returned as it is.
 *
 * Ink's output stage took 1.4–1.6 ms a 120×40 library frame while typing with these, 1.7–1.8
 * without. The same output (test/ink-output-quick.test.ts compares both with Ink as
 * published). It fails the build if Ink's code has changed.
 */
export const quickerOutput = {
	name: 'quicker-output',
	setup(build) {
		const changed = () =>
			new Error('Ink changed: update quickerOutput in scripts/build-options.mjs');
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]output\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			if (source.split(OUTPUT_EAGER.width).length !== 2) throw changed();
			const contents = source.replace(
				OUTPUT_EAGER.width,
				() =>
					'const characterValue = character.value;\n' +
					"const characterWidth = characterValue.length === 1 && characterValue >= ' ' && characterValue <= '~' ? 1 : Math.max(1, this.caches.getStringWidth(characterValue));",
			);
			return {contents, loader: 'js'};
		});
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]sanitize-ansi\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			if (source.split(OUTPUT_EAGER.sanitize).length !== 2) throw changed();
			const contents = source.replace(
				OUTPUT_EAGER.sanitize,
				() => `${ONLY_SGR}\n${OUTPUT_EAGER.sanitize}\n\tif (onlySgr(text)) return text;`,
			);
			return {contents, loader: 'js'};
		});
	},
};

/**
 * The diff's scanner is WebAssembly (source/wasm/scanner.ts), which scripts/assemble-scanner.mjs
 * compiles into .build/scanner.wasm before bundling. Source reads that file
 * (core/diff/scanner-bytes.ts); in the bundles the module holds the bytes themselves, so the
 * app needs no file beside it. It is loaded with the diff's code only.
 */
const inlineScanner = {
	name: 'inline-scanner',
	setup(build) {
		build.onLoad({filter: /[\\/]core[\\/]diff[\\/]scanner-bytes\.ts$/}, () => {
			const base64 = readFileSync(join(root, '.build', 'scanner.wasm')).toString('base64');
			return {
				contents: `import {Buffer} from 'node:buffer';\nexport function scannerBytes() {\n\treturn Buffer.from(${JSON.stringify(base64)}, 'base64');\n}\n`,
				loader: 'js',
			};
		});
	},
};

/**
 * core/versions/signature.ts bundled on its own as a script that leaves its exports in
 * `versionSignatures`: the code the facts writer's thread runs to work out a first run's version
 * signatures (source/core/store/signer.ts).
 */
export async function signerCode() {
	const result = await build({
		entryPoints: [join(root, 'source', 'core', 'versions', 'signature.ts')],
		bundle: true,
		format: 'iife',
		globalName: 'versionSignatures',
		platform: 'neutral',
		target: 'node20',
		write: false,
		legalComments: 'none',
		logLevel: 'warning',
	});
	return result.outputFiles[0].text;
}

/** In the bundles, source/core/store/signer.ts gives signerCode's code itself. */
export const inlineSigner = {
	name: 'inline-signer',
	setup(build) {
		build.onLoad({filter: /[\\/]core[\\/]store[\\/]signer\.ts$/}, async () => ({
			contents: `export function signer() {\n\treturn {code: ${JSON.stringify(await signerCode())}};\n}\n`,
			loader: 'js',
		}));
	},
};

/** esbuild's options for bundling source/cli.tsx into dist/ as the app's ES modules: dist/app.mjs
 * and its chunks, which dist/cli.js (source/start.ts) starts for everything but the commands. */
export const buildOptions = {
	entryPoints: {app: entry},
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	splitting: true,
	outdir: join(root, 'dist'),
	chunkNames: 'chunks/[name]-[hash]',
	// .mjs: ES modules whatever dist/package.json says (dist/cli.js is CommonJS, see build.mjs).
	outExtension: {'.js': '.mjs'},
	define: {'process.env.NODE_ENV': '"production"'},
	alias: {
		'react-devtools-core': join(root, 'scripts', 'empty-module.js'),
		'is-in-ci': join(root, 'scripts', 'not-in-ci.js'),
	},
	banner: {
		// Bundled CommonJS dependencies expect require, __filename and __dirname (write-file-atomic
		// names its temp files after __filename).
		js: "#!/usr/bin/env node\nimport {createRequire as __createRequire} from 'node:module'; import {fileURLToPath as __fileURLToPath} from 'node:url'; import {dirname as __pathDirname} from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);",
	},
	legalComments: 'none',
	// Loaded on demand from node_modules: iconv-lite by core/corpus/decode.ts, only for
	// non-UTF-8 files; better-sqlite3 (a native module) by core/store/database.ts.
	external: ['iconv-lite', 'better-sqlite3'],
	plugins: [
		lazyPackageNormalising,
		lazyStringWidth,
		quickerStyledChars,
		quickerTokenize,
		quickerOutput,
		inlineScanner,
		inlineSigner,
	],
	logLevel: 'warning',
};

/** In the commands bundle the interface is a stub: source/start.ts sends no run that opens it
 * there (see commandOfTheBundle). */
const noInterface = {
	name: 'no-interface',
	setup(build) {
		build.onResolve({filter: /[\\/]load-interface\.js$/}, () => ({
			path: join(root, 'scripts', 'no-interface.js'),
		}));
	},
};

/**
 * `source` (esbuild's output, a script) with every character past ASCII written as a \u escape
 * of its UTF-16 unit(s). esbuild escapes them in strings, plain templates and names, but leaves
 * them in regular expressions, comments and tagged templates; in the first two the escape means
 * the same character (a surrogate pair's two escapes are one character to a pattern with the u
 * or v flag too), in a tagged template it would not (its raw text is the escape). So each must lie
 * in a regular expression or a comment, as acorn parses the script, and not follow a backslash
 * (an identity escape in a pattern, which the escape would turn into a backslash); the build
 * fails otherwise. dist/cli.js reads the commands' bundle as latin1, then: a one-byte string,
 * where its 1 MB with 55 such characters was decoded from UTF-8 into two bytes a character, ~15
 * ms of every command (`search` at 10,000 documents: 258–269 → 243–254 ms, alternated).
 */
export function asciiEscaped(source) {
	const allowed = [];
	parse(source, {
		ecmaVersion: 'latest',
		sourceType: 'script',
		allowReturnOutsideFunction: true,
		allowHashBang: true,
		onToken: (token) => {
			if (token.type === tokTypes.regexp) allowed.push([token.start, token.end]);
		},
		onComment: (_block, _text, start, end) => allowed.push([start, end]),
	});
	// Both come in the order of the source, regular expressions and comments each.
	allowed.sort((a, b) => a[0] - b[0]);
	let range = 0;
	return source.replace(/[^\0-\x7f]/g, (unit, offset) => {
		while (range < allowed.length && allowed[range][1] <= offset) range++;
		const inside = range < allowed.length && allowed[range][0] <= offset;
		if (!inside) {
			throw new Error(
				`a character past ASCII outside a pattern or comment, at ${offset}: see asciiEscaped`,
			);
		}
		if (source[offset - 1] === '\\') {
			throw new Error(`a character past ASCII after a backslash, at ${offset}: see asciiEscaped`);
		}
		return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
	});
}

/**
 * The same source/cli.tsx as one CommonJS script, dist/commands.cjs, which source/start.ts
 * compiles with V8's code cache for the non-interactive commands. Its dynamic imports become
 * functions of the one script; import.meta is given by the wrapper start.ts puts around it.
 */
export const commandsBuildOptions = {
	...buildOptions,
	entryPoints: [entry],
	format: 'cjs',
	splitting: false,
	outdir: undefined,
	chunkNames: undefined,
	outExtension: undefined,
	outfile: join(root, 'dist', 'commands.cjs'),
	banner: undefined,
	define: {
		...buildOptions.define,
		'import.meta.url': '__importMetaUrl',
		'import.meta': '__importMeta',
	},
	plugins: [...buildOptions.plugins, noInterface],
};

/**
 * dist/cli.js's first two lines, read by sh as a script and by Node as a comment and a string.
 * NODE_EXTRA_CA_CERTS makes Node 20 read and parse that certificate file before any script runs
 * (about 40 ms on the development machine, whose environment sets it: `node -e 0` 62 ms with it,
 * 23 without). The app opens no network connection, so its own process goes without; the value is
 * passed on under another name and put back by source/start.ts, so the programs the app starts
 * (find, the user's pager or editor) see the environment as the user left it. They also add
 * two malloc tunables to GLIBC_TUNABLES, unless the user's own sets one: which, why, and the
 * figures in source/launcher-environment.ts (MALLOC_TUNABLES; launchedEnvironment gives the same
 * environment, for the bench). `node dist/cli.js` skips these lines and runs as before.
 */
const launcher = [
	'#!/bin/sh',
	`':' //; if [ -n "\${NODE_EXTRA_CA_CERTS-}" ]; then export READING_ROOM_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS" NODE_EXTRA_CA_CERTS=; fi; case ":\${GLIBC_TUNABLES-}" in *:glibc.malloc.*) ;; *) export READING_ROOM_GLIBC_TUNABLES="\${GLIBC_TUNABLES+x$GLIBC_TUNABLES}" GLIBC_TUNABLES="\${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=2097152";; esac; exec node "$0" "$@"`,
].join('\n');

/**
 * dist/cli.js, source/start.ts, as CommonJS: a command then starts without Node's ES module
 * loader (~6 ms of CPU), and the app's first frame is no slower. `commandsHash` is the commands
 * bundle's content hash.
 */
export function startBuildOptions(commandsHash) {
	return {
		entryPoints: [join(root, 'source', 'start.ts')],
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		outfile: join(root, 'dist', 'cli.js'),
		define: {COMMANDS_BUNDLE_HASH: JSON.stringify(commandsHash)},
		banner: {js: launcher},
		legalComments: 'none',
		logLevel: 'warning',
	};
}
