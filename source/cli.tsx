import meow from 'meow';
import {opendirSync, statSync} from 'node:fs';
import {basename, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {
	UsageError,
	colourEnabled,
	fullScreenPossible,
	colourMode,
	cutWidth,
	NARROWEST_WIDTH,
	outputWidth,
} from './commands/environment.js';
import {sanitiseLine} from './core/text/sanitise.js';
import {describeError} from './core/corpus/scan.js';
// Inlined by the bundler: meow would otherwise find, read and normalise package.json at every
// start (~40 ms of the start-up budget).
import packageJson from '../package.json' with {type: 'json'};

const help = `
	A terminal reading room for plain-text articles.

	Usage
	  $ reading-room [folder]                 open the library (the bundled articles by default)
	  $ reading-room list [folder] [--json] [--sort date|title|words|name|read]
	  $ reading-room show <doc> [--folder F] [--width N]
	  $ reading-room search <query> [folder] [--limit N] [--json]
	  $ reading-room diff <a> <b> [folder] [--print] [--json] [--layout] [--ignore-boilerplate]
	  $ reading-room versions [folder] [--json]
	  $ reading-room history <doc> [folder] [--json]
	  $ reading-room help                     this text (also --help, -h)

	A <doc> is a path, a file name, or a unique prefix of a file name in the folder (e.g. 000).

	Options
	  --folder, -f   folder of articles for show and diff (default: the bundled seeds)
	  --width, -w    width to print at (default: the terminal's; piped, lines are not cut
	                 and show wraps at 80)
	  --limit, -n    most results to print (search; default 20)
	  --sort ORDER   list order: date (newest first), title, words (longest first),
	                 name (the default) or read (last read first)
	  --json         machine-readable output
	  --print        print the diff instead of opening it
	  --layout       also show layout changes (paragraph breaks) in the diff
	  --ignore-boilerplate  leave out changes outside the headline and body (site footers…)
	  --context N    rows of context around each printed change (default 3), or "all"
	  --color=WHEN   colour: always, never or auto (the default; also --colour, --no-color;
	                 NO_COLOR and FORCE_COLOR are honoured in auto)
	  --no-state     do not remember reading positions
	  --no-cache     read every file, without the index kept in ~/.cache/reading-room
	  --help, -h     this text
	  --version      the version

	Examples
	  $ reading-room                        browse the bundled articles
	  $ reading-room ~/news                 browse your own folder
	  $ reading-room search "kadimi visit"  find articles, typos and all
	  $ reading-room show 001 --width 72    print an article
	  $ reading-room diff 000 001           see what changed between two versions
	  $ reading-room history 001            every version of a story, oldest first
	  $ reading-room list --json | jq '.documents[].title'
`;

/** What this file gives meow for an option (meow does not export its own type of it). */
interface FlagDefinition {
	readonly type: 'boolean' | 'string' | 'number';
	readonly shortFlag?: string;
	readonly isMultiple: true;
	readonly default?: boolean[];
}

// Every option may be given more than once (an alias that has it already, a script that adds it
// again): the last one given counts, as with less, rg and fzf. See `flags` below. A boolean's
// default is given: one given none is [false], not absent.
const FLAG_DEFINITIONS = {
	help: {type: 'boolean', shortFlag: 'h', isMultiple: true, default: [false]},
	folder: {type: 'string', shortFlag: 'f', isMultiple: true},
	width: {type: 'number', shortFlag: 'w', isMultiple: true},
	limit: {type: 'number', shortFlag: 'n', isMultiple: true},
	sort: {type: 'string', isMultiple: true},
	json: {type: 'boolean', isMultiple: true, default: [false]},
	print: {type: 'boolean', isMultiple: true, default: [false]},
	layout: {type: 'boolean', isMultiple: true, default: [false]},
	ignoreBoilerplate: {type: 'boolean', isMultiple: true, default: [false]},
	context: {type: 'string', isMultiple: true},
	// Strings, to take --color=always|never|auto; --no-color gives false (see colourMode).
	color: {type: 'string', isMultiple: true},
	colour: {type: 'string', isMultiple: true},
	state: {type: 'boolean', isMultiple: true, default: [true]},
	cache: {type: 'boolean', isMultiple: true, default: [true]},
} satisfies Record<string, FlagDefinition>;

/** Options whose value may be left out: a bare --color means always. */
const VALUE_OPTIONAL = new Set(['color', 'colour']);

const kebabCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The options' names as meow reports them (camel and kebab case, short), and --version. */
const KNOWN_FLAGS = new Set([
	...Object.entries(FLAG_DEFINITIONS).flatMap(([name, definition]) => [
		name,
		kebabCase(name),
		...('shortFlag' in definition ? [definition.shortFlag] : []),
	]),
	'version',
]);

/** The options that take a value, as they may be written. */
const VALUE_OPTIONS = new Set(
	Object.entries(FLAG_DEFINITIONS).flatMap(([name, definition]) =>
		definition.type === 'boolean' || VALUE_OPTIONAL.has(name)
			? []
			: [
					`--${kebabCase(name)}`,
					...('shortFlag' in definition ? [`-${definition.shortFlag}`] : []),
				],
	),
);

const COMMANDS = new Set(['list', 'show', 'search', 'diff', 'versions', 'history']);

/** The options only some of what reading-room does uses (the others, --folder, --color,
 * --no-state and --no-cache, every run takes). */
type CommandOption =
	'width' | 'json' | 'limit' | 'sort' | 'print' | 'layout' | 'ignoreBoilerplate' | 'context';
const COMMAND_OPTIONS: readonly CommandOption[] = [
	'width',
	'json',
	'limit',
	'sort',
	'print',
	'layout',
	'ignoreBoilerplate',
	'context',
];

/** Which of them each command uses; the full-screen library uses none. */
const USED_BY: Readonly<Record<string, readonly CommandOption[]>> = {
	list: ['width', 'json', 'sort'],
	show: ['width', 'json'],
	search: ['width', 'json', 'limit'],
	diff: ['width', 'json', 'print', 'layout', 'ignoreBoilerplate', 'context'],
	versions: ['width', 'json'],
	history: ['width', 'json'],
	'the library': [],
};

const cli = meow(help, {
	importMeta: import.meta,
	pkg: {name: packageJson.name, version: packageJson.version, description: packageJson.description},
	allowUnknownFlags: true,
	// Printed by main, once, for --help, -h and `help` alike.
	autoHelp: false,
	flags: FLAG_DEFINITIONS,
});

/** The last of an option's values, or undefined when it was not given. */
function lastGiven<Value>(values: readonly Value[] | undefined): Value | undefined {
	return values?.at(-1);
}

const given = cli.flags;
const flags = {
	help: lastGiven(given.help) ?? false,
	folder: lastGiven(given.folder),
	width: lastGiven(given.width),
	limit: lastGiven(given.limit) ?? 20,
	sort: lastGiven(given.sort),
	json: lastGiven(given.json) ?? false,
	print: lastGiven(given.print) ?? false,
	layout: lastGiven(given.layout) ?? false,
	ignoreBoilerplate: lastGiven(given.ignoreBoilerplate) ?? false,
	context: lastGiven(given.context),
	state: lastGiven(given.state) ?? true,
	cache: lastGiven(given.cache) ?? true,
};

const bundledSeeds = fileURLToPath(new URL('../seeds/', import.meta.url));

function fail(message: string, exitCode = 2): never {
	throw new UsageError(message, exitCode);
}

function checkFlags(): void {
	for (const [name, values] of Object.entries(cli.unnormalizedFlags)) {
		const value: unknown = Array.isArray(values) ? values.at(-1) : values;
		if (!KNOWN_FLAGS.has(name)) {
			const shown = name.length === 1 ? `-${name}` : `--${name}`;
			fail(
				`unknown option ${shown}${value === false ? ' (as --no-…)' : ''}; see reading-room --help`,
			);
		}
	}
	// meow drops an option that ends the line without its value: `search the --limit`.
	const last = process.argv.at(-1);
	if (last !== undefined && VALUE_OPTIONS.has(last)) fail(`${last} needs a value`);
	if (flags.width !== undefined && !isPositiveWhole(flags.width))
		fail('--width takes a positive whole number');
	if (!isPositiveWhole(flags.limit)) fail('--limit takes a positive whole number');
}

const isPositiveWhole = (value: number) => Number.isInteger(value) && value > 0;

/**
 * Says, a line each on stderr, what `command` (a name of USED_BY) does not do as asked: an
 * option given that it does not use (`list --limit 3`), and a --width it raises. Said, not
 * refused: an alias or a script may give an option to every command, and a width from the
 * terminal's may be narrower than 20; stdout and the exit code stay as they were.
 */
function sayIgnored(command: string): void {
	const used = USED_BY[command] ?? [];
	for (const option of COMMAND_OPTIONS) {
		// Booleans count when on: --no-json is what every command does without --json.
		const values: readonly unknown[] | undefined = given[option];
		if (!values?.some((value) => value !== false) || used.includes(option)) continue;
		process.stderr.write(
			`reading-room: ${command} does not use --${kebabCase(option)} (ignored)\n`,
		);
	}
	if (used.includes('width') && flags.width !== undefined && flags.width < NARROWEST_WIDTH) {
		process.stderr.write(
			`reading-room: --width ${flags.width} is below ${NARROWEST_WIDTH}, the narrowest text is printed at; ${NARROWEST_WIDTH} used\n`,
		);
	}
}

/** A bare --color ending the line (meow drops it, as any option without its value) means
 * always, as --color does anywhere else with nothing after it. */
function bareColourAtEnd(): string[] {
	const last = process.argv.at(-1);
	return last?.startsWith('--') && VALUE_OPTIONAL.has(last.slice(2)) ? [''] : [];
}

function folderFrom(argument: string | undefined): string {
	const given = argument ?? flags.folder;
	// resolve('') is the current folder: an empty argument (an unset variable) is a mistake.
	if (given === '')
		fail('the folder given is empty: name a folder, or leave it out for the bundled articles');
	const folder = resolve(given ?? bundledSeeds);
	let isFolder = false;
	try {
		isFolder = statSync(folder).isDirectory();
	} catch {
		fail(`no such folder: ${argument ?? folder}`);
	}
	if (!isFolder) fail(`not a folder: ${argument ?? folder}`);
	try {
		// Readable, or the library would say "no articles" and `list` would succeed empty.
		opendirSync(folder).closeSync();
	} catch (error) {
		fail(`cannot read the folder ${argument ?? folder}: ${describeError(error)}`);
	}
	return folder;
}

/** Five bundled files gain nothing from a cache, and loading SQLite costs their first frame
 * ~15–30 ms: only other folders are cached, and not with --no-cache. */
const caches = (folder: string) => flags.cache && resolve(folder) !== resolve(bundledSeeds);

/** Set once the reader of the output has gone (`| head`): what is left is not written. */
let outputClosed = false;

const write = (text: string) => {
	if (!outputClosed) process.stdout.write(text);
};

async function main(): Promise<number> {
	checkFlags();
	const [first, ...rest] = cli.input;
	if (flags.help || (first === 'help' && rest.length === 0)) {
		write(`${cli.help}\n`);
		return 0;
	}
	const colour = colourEnabled(
		colourMode(...(given.color ?? []), ...(given.colour ?? []), ...bareColourAtEnd()),
		process.env,
		process.stdout,
	);
	const fullScreen = fullScreenPossible(process.env, process.stdout);
	const command = async (name: string, args: readonly string[]) => {
		const {runCommand} = await import('./commands/run.js');
		return runCommand(name, args, {
			folderFrom,
			flags,
			colour,
			fullScreen,
			width: outputWidth(flags.width, process.stdout),
			cutWidth: cutWidth(flags.width, process.stdout),
			write,
			cwd: process.cwd(),
			fail,
			caches,
		});
	};

	if (first !== undefined && COMMANDS.has(first)) {
		sayIgnored(first);
		return command(first, rest);
	}
	if (rest.length > 0) fail(`unexpected argument: ${rest[0]}; see reading-room --help`);
	if (first !== undefined && first !== '' && !first.includes('/') && !first.startsWith('.')) {
		try {
			statSync(first);
		} catch {
			fail(`unknown command or folder: ${first}; see reading-room --help`);
		}
	}
	const folder = folderFrom(first);

	// Piped (`reading-room | head`): the list, as text. TERM=dumb too, after saying why.
	if (!fullScreen) {
		if (process.stdout.isTTY) {
			process.stderr.write('reading-room: TERM=dumb: no full-screen interface, so the list\n');
		}
		sayIgnored('list');
		return command('list', first === undefined ? [] : [folder]);
	}
	// Before the screen is taken: seen once the person quits.
	sayIgnored('the library');
	const {launch} = await import('./ui/load-interface.js');
	return launch({
		screen: {name: 'library'},
		folder,
		folderLabel: sanitiseLine(
			folder === resolve(bundledSeeds) ? 'bundled articles' : basename(folder) || folder,
		),
		colour,
		remember: flags.state,
		cache: caches(folder),
	});
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	// `reading-room list | head` closes the pipe early: that is not a failure. The command
	// goes on to its answer, unwritten, so it exits as it would have: `diff --print | head -1`
	// still says 1 for texts that differ, however much was written before the pipe closed.
	if (outputClosed) return;
	if (error.code === 'EPIPE') {
		outputClosed = true;
		return;
	}
	// A full disk (`list >/dev/full`), a closed or failing device: one line, and exit 1.
	process.stderr.write(`reading-room: cannot write the output: ${describeError(error)}\n`);
	process.exit(1);
});

/**
 * Whether the process may end as soon as main has answered: `search` leaves nothing to finish
 * (its store is closed, it writes no state), but Node waits, before exiting, for what V8 was
 * still compiling in the background, 10–13 ms at 10,000 documents. Only once everything written
 * has gone out: a pipe is written asynchronously on some systems.
 */
function endsAtOnce(): boolean {
	return (
		cli.input[0] === 'search' &&
		process.stdout.writableLength === 0 &&
		process.stderr.writableLength === 0
	);
}

main().then(
	(code) => {
		process.exitCode = code;
		if (endsAtOnce()) process.exit(code);
	},
	(error: unknown) => {
		// Messages echo arguments, the environment and file names: shown, never acted on.
		const message = sanitiseLine(error instanceof Error ? error.message : String(error));
		process.stderr.write(`reading-room: ${message}\n`);
		// A script reading --json gets the error as JSON too, not an empty stdout.
		if (flags.json) write(`${JSON.stringify({error: message})}\n`);
		process.exitCode = error instanceof UsageError ? error.exitCode : 1;
	},
);
