/** Facts about where the commands run, read once from the process so core stays pure. */

export interface OutputStream {
	readonly isTTY?: boolean;
	readonly columns?: number;
}

/**
 * Colour follows the terminal: off for pipes and TERM=dumb, off with NO_COLOR (any non-empty
 * value, see no-color.org) or --no-color, forced with FORCE_COLOR (except FORCE_COLOR=0).
 */
export function colourEnabled(
	flag: boolean | undefined,
	env: NodeJS.ProcessEnv,
	stream: OutputStream,
): boolean {
	if (flag === false) return false;
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

/** Width for printed text: the given one, else the terminal's, else 80 when piped. */
export function outputWidth(requested: number | undefined, stream: OutputStream): number {
	if (requested !== undefined && Number.isFinite(requested) && requested > 0) {
		return Math.max(20, Math.floor(requested));
	}
	return stream.isTTY && stream.columns ? stream.columns : 80;
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
