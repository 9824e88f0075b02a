/** Facts about where the commands run, read once from the process so core stays pure. */

export interface OutputStream {
	readonly isTTY?: boolean;
	readonly columns?: number;
}

/** When to colour: `--color=always|never|auto` (or `--colour`), as ls and grep take it. */
export type ColourMode = 'always' | 'never' | 'auto';

/**
 * The colour mode of the --color and --colour flags as the parser gives them: undefined when
 * absent (auto), false for --no-color (never), '' for a bare --color (always, as in ls), else
 * the word. Anything else is a UsageError.
 */
export function colourMode(...flags: readonly (string | boolean | undefined)[]): ColourMode {
	let mode: ColourMode = 'auto';
	for (const flag of flags) {
		if (flag === undefined) continue;
		if (flag === false) mode = 'never';
		else if (flag === '' || flag === true) mode = 'always';
		else if (flag === 'always' || flag === 'never' || flag === 'auto') mode = flag;
		else throw new UsageError('--color takes always, never or auto (e.g. --color=never)');
	}
	return mode;
}

/**
 * Colour follows the terminal: off for pipes and TERM=dumb, off with NO_COLOR (any non-empty
 * value, see no-color.org), forced with FORCE_COLOR (except FORCE_COLOR=0); --color=never and
 * --color=always (or false and true) decide whatever the rest says.
 */
export function colourEnabled(
	flag: ColourMode | boolean | undefined,
	env: NodeJS.ProcessEnv,
	stream: OutputStream,
): boolean {
	if (flag === false || flag === 'never') return false;
	if (flag === true || flag === 'always') return true;
	if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
	if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
	return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/**
 * Whether the full-screen interface may run: on a terminal that can draw one. TERM=dumb (an
 * editor's shell buffer, a serial console) gets what a pipe gets, with no escape sequences.
 */
export function fullScreenPossible(env: NodeJS.ProcessEnv, stream: OutputStream): boolean {
	return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** The narrowest width text is printed at: a --width below it is raised to it. */
export const NARROWEST_WIDTH = 20;

/** Width for printed text: the given one, else the terminal's, else 80 when piped. */
export function outputWidth(requested: number | undefined, stream: OutputStream): number {
	if (requested !== undefined && Number.isFinite(requested) && requested > 0) {
		return Math.max(NARROWEST_WIDTH, Math.floor(requested));
	}
	return stream.isTTY && stream.columns ? stream.columns : 80;
}

/** Width to cut lines to: the given one, else the terminal's; none when piped without --width,
 * so `reading-room list | grep` sees every title whole. */
export function cutWidth(requested: number | undefined, stream: OutputStream): number | undefined {
	if (requested !== undefined && Number.isFinite(requested) && requested > 0) {
		return Math.max(NARROWEST_WIDTH, Math.floor(requested));
	}
	return stream.isTTY && stream.columns ? stream.columns : undefined;
}

/** A one-line problem the user can fix; printed without a stack trace. */
export class UsageError extends Error {
	constructor(
		message: string,
		readonly exitCode = 2,
	) {
		super(message);
	}
}
