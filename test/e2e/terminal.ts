/**
 * A real pseudo-terminal for end-to-end tests and the bench: a command runs in node-pty and its
 * output is fed into a headless xterm of the same size, so tests read the screen a person would
 * see (not the byte stream) and wait for what it shows instead of sleeping.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {constants as osConstants, tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import * as pty from 'node-pty';
import xtermHeadless from '@xterm/headless';
import type {IBufferCell, Terminal as XtermTerminal} from '@xterm/headless';

// @xterm/headless is CommonJS: under Node's ESM loader only its default export (module.exports)
// is reliable.
const {Terminal} = xtermHeadless;

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = join(repositoryRoot, 'dist', 'cli.js');

export interface TerminalOptions {
	readonly cols?: number;
	readonly rows?: number;
	readonly cwd?: string;
	/** Added to the child's environment; `undefined` removes a variable. */
	readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface WaitOptions {
	/** Milliseconds before giving up with an error that shows the screen. */
	readonly timeout?: number;
	/** What is being waited for, for the error message. */
	readonly description?: string;
}

export type ScreenPredicate = (screen: string, terminal: TerminalSession) => boolean;

export interface ExitStatus {
	readonly exitCode: number;
	/** Name of the signal that ended the process, if one did. */
	readonly signal: string | undefined;
}

/** A palette index (0–255), a '#rrggbb' true colour, or the terminal's default. */
export type CellColor = number | `#${string}` | 'default';

export interface CellStyle {
	/** '' for a cell never written and for the second half of a wide character. */
	readonly char: string;
	readonly bold: boolean;
	readonly dim: boolean;
	readonly italic: boolean;
	readonly underline: boolean;
	readonly strikethrough: boolean;
	readonly inverse: boolean;
	readonly fg: CellColor;
	readonly bg: CellColor;
}

const DEFAULT_COLS = 80;
const DEFAULT_ROWS = 24;
const DEFAULT_TIMEOUT = 5000;
// Output chunks trigger re-checks; the interval only covers predicates that depend on time
// passing (or on state that changed without output), so it can be coarse.
const RECHECK_INTERVAL = 50;

const CSI = '\x1b[';
const SS3 = '\x1bO';

/** Keys whose bytes do not depend on terminal modes. */
const FIXED_KEYS: Readonly<Record<string, string>> = {
	enter: '\r',
	return: '\r',
	escape: '\x1b',
	space: ' ',
	backspace: '\x7f',
	tab: '\t',
	'shift+tab': `${CSI}Z`,
	pageup: `${CSI}5~`,
	pagedown: `${CSI}6~`,
	delete: `${CSI}3~`,
	insert: `${CSI}2~`,
};

/** Keys that an application switches to SS3 form with DECCKM (less does, Ink does not). */
const CURSOR_KEYS: Readonly<Record<string, string>> = {
	up: 'A',
	down: 'B',
	right: 'C',
	left: 'D',
	home: 'H',
	end: 'F',
};

/** Environment variables that change how a program draws, removed unless the caller sets them.
 * CI and CI_* matter most: Ink (via is-in-ci) then skips live frames and prints only at exit. */
function isDrawingVariable(name: string): boolean {
	return (
		['NO_COLOR', 'FORCE_COLOR', 'CI', 'CONTINUOUS_INTEGRATION', 'COLUMNS', 'LINES'].includes(
			name,
		) || name.startsWith('CI_')
	);
}

function childEnvironment(
	extra: Readonly<Record<string, string | undefined>>,
	stateHome: string,
): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (value !== undefined && !isDrawingVariable(name)) env[name] = value;
	}
	Object.assign(env, {TERM: 'xterm-256color', LANG: 'C.UTF-8', XDG_STATE_HOME: stateHome});
	delete env.LC_ALL;
	for (const [name, value] of Object.entries(extra)) {
		if (value === undefined) delete env[name];
		else env[name] = value;
	}
	return env;
}

function signalName(signal: number | undefined): string | undefined {
	if (!signal) return undefined;
	const entry = Object.entries(osConstants.signals).find(([, number]) => number === signal);
	return entry?.[0] ?? String(signal);
}

function cellColor(mode: {isRGB: boolean; isPalette: boolean; value: number}): CellColor {
	if (mode.isRGB) return `#${mode.value.toString(16).padStart(6, '0')}`;
	if (mode.isPalette) return mode.value;
	return 'default';
}

interface Waiter {
	readonly check: () => boolean;
	readonly resolve: (arrivedAt: number) => void;
	readonly fail: (reason: string) => void;
}

export class TerminalSession {
	/** performance.now() just before the process was spawned. */
	readonly spawnedAt: number;
	readonly pid: number;

	private readonly process: pty.IPty;
	private readonly xterm: XtermTerminal;
	private readonly ownedStateHome: string | undefined;
	private readonly chunks: string[] = [];
	private readonly waiters = new Set<Waiter>();
	private readonly exited: Promise<ExitStatus>;
	private exitStatus: ExitStatus | undefined;
	private pendingWrites = 0;
	/** When the output most recently parsed into the screen arrived from the pty. */
	private lastParsedArrival: number;
	private cursorVisible = true;
	private recheckTimer: NodeJS.Timeout | undefined;
	private disposed = false;

	constructor(command: string, args: readonly string[], options: TerminalOptions = {}) {
		const cols = options.cols ?? DEFAULT_COLS;
		const rows = options.rows ?? DEFAULT_ROWS;
		const callerStateHome = options.env?.XDG_STATE_HOME;
		this.ownedStateHome =
			callerStateHome === undefined
				? mkdtempSync(join(tmpdir(), 'reading-room-state-'))
				: undefined;
		const env = childEnvironment(options.env ?? {}, callerStateHome ?? this.ownedStateHome ?? '');

		this.xterm = new Terminal({cols, rows, allowProposedApi: true, scrollback: 1000});
		this.trackCursorVisibility();

		this.spawnedAt = performance.now();
		this.lastParsedArrival = this.spawnedAt;
		try {
			this.process = pty.spawn(command, [...args], {
				// node-pty sets TERM to this name, over the environment's.
				name: env.TERM ?? 'xterm-256color',
				cols,
				rows,
				cwd: options.cwd ?? process.cwd(),
				env,
			});
		} catch (error) {
			this.xterm.dispose();
			if (this.ownedStateHome) rmSync(this.ownedStateHome, {recursive: true, force: true});
			throw error;
		}
		this.pid = this.process.pid;
		this.process.onData((data) => this.receive(data, performance.now()));
		this.exited = new Promise((resolveExit) => {
			this.process.onExit(({exitCode, signal}) => {
				// node-pty reports exit only after the pty closed, so all output has arrived; let
				// xterm parse it before anyone looks at the final screen.
				const parsed = this.disposed ? Promise.resolve() : this.settled();
				void parsed.then(() => {
					this.exitStatus = {exitCode, signal: signalName(signal)};
					this.checkWaiters();
					resolveExit(this.exitStatus);
				});
			});
		});
	}

	/** The visible rows, joined with '\n', each without trailing spaces. */
	screenText(): string {
		const lines: string[] = [];
		for (let y = 0; y < this.xterm.rows; y++) lines.push(this.row(y));
		return lines.join('\n');
	}

	/** Visible row `n` (0-based from the top of the screen), without trailing spaces. */
	row(n: number): string {
		const buffer = this.xterm.buffer.active;
		return buffer.getLine(buffer.viewportY + n)?.translateToString(true) ?? '';
	}

	get cols(): number {
		return this.xterm.cols;
	}

	get rows(): number {
		return this.xterm.rows;
	}

	/** Everything the program wrote, escape sequences included. */
	rawOutput(): string {
		return this.chunks.join('');
	}

	isAlternateScreen(): boolean {
		return this.xterm.buffer.active.type === 'alternate';
	}

	isCursorVisible(): boolean {
		return this.cursorVisible;
	}

	/** The look of the cell at column x, row y (0-based, visible screen), or undefined outside. */
	cellStyle(x: number, y: number): CellStyle | undefined {
		if (x < 0 || y < 0 || x >= this.xterm.cols || y >= this.xterm.rows) return undefined;
		const buffer = this.xterm.buffer.active;
		const cell: IBufferCell | undefined = buffer.getLine(buffer.viewportY + y)?.getCell(x);
		if (!cell) return undefined;
		return {
			char: cell.getChars(),
			bold: cell.isBold() !== 0,
			dim: cell.isDim() !== 0,
			italic: cell.isItalic() !== 0,
			underline: cell.isUnderline() !== 0,
			strikethrough: cell.isStrikethrough() !== 0,
			inverse: cell.isInverse() !== 0,
			fg: cellColor({
				isRGB: cell.isFgRGB(),
				isPalette: cell.isFgPalette(),
				value: cell.getFgColor(),
			}),
			bg: cellColor({
				isRGB: cell.isBgRGB(),
				isPalette: cell.isBgPalette(),
				value: cell.getBgColor(),
			}),
		};
	}

	/** Resolves once everything received so far has been parsed into the screen. */
	settled(): Promise<void> {
		// xterm parses writes in order, so an empty write's callback runs after all earlier ones.
		return new Promise((resolveWrite) => this.xterm.write('', resolveWrite));
	}

	/**
	 * Waits until `predicate` holds for the screen. Resolves with the performance.now() time at
	 * which the output that made it hold arrived from the pty (for latency measurements).
	 */
	waitFor(predicate: ScreenPredicate, options: WaitOptions = {}): Promise<number> {
		const timeout = options.timeout ?? DEFAULT_TIMEOUT;
		const description = options.description ?? 'the screen to match a predicate';
		return new Promise((resolveWait, rejectWait) => {
			const timer = setTimeout(() => waiter.fail(`timed out after ${timeout} ms`), timeout);
			const finish = () => {
				clearTimeout(timer);
				this.waiters.delete(waiter);
				if (this.waiters.size === 0) this.stopRechecking();
			};
			const waiter: Waiter = {
				check: () => {
					// A predicate reading a half-written frame (a row still blank) may throw: that
					// screen is not a match yet. Thrown here, it stopped the screen being fed, so the
					// wait timed out on a frame that had long since been drawn.
					try {
						return predicate(this.screenText(), this);
					} catch {
						return false;
					}
				},
				resolve: (arrivedAt) => {
					finish();
					resolveWait(arrivedAt);
				},
				fail: (reason) => {
					finish();
					rejectWait(new Error(`Waiting for ${description}: ${reason}.\n${this.describe()}`));
				},
			};
			this.waiters.add(waiter);
			this.startRechecking();
			if (this.pendingWrites === 0) this.checkWaiters();
		});
	}

	/** Waits until the screen contains `text` (or matches the expression). */
	waitForText(text: string | RegExp, options: WaitOptions = {}): Promise<number> {
		const matches = (screen: string) =>
			typeof text === 'string' ? screen.includes(text) : text.test(screen);
		return this.waitFor(matches, {description: `the screen to show ${String(text)}`, ...options});
	}

	/** Sends named keys one at a time: 'up', 'pagedown', 'enter', 'ctrl+c', 'q', … */
	press(...keys: string[]): void {
		for (const key of keys) this.process.write(this.encodeKey(key));
	}

	/** Sends text as typed characters. */
	type(text: string): void {
		this.process.write(text);
	}

	/** Whether the program asked for bracketed paste (CSI ?2004h) and has not turned it off. */
	isBracketedPaste(): boolean {
		return this.xterm.modes.bracketedPasteMode;
	}

	/** What a terminal sends when `text` is pasted: marked as a paste when the program asked
	 * for bracketed paste, else as typed. */
	pasted(text: string): string {
		return this.isBracketedPaste() ? `\x1b[200~${text}\x1b[201~` : text;
	}

	resize(cols: number, rows: number): void {
		// The screen first, so that the redraw the program makes on SIGWINCH lands in the new size.
		this.xterm.resize(cols, rows);
		this.process.resize(cols, rows);
	}

	kill(signal: NodeJS.Signals = 'SIGTERM'): void {
		if (!this.exitStatus) this.process.kill(signal);
	}

	/** Closes the terminal as a window closed would: the pty's master end goes, then the
	 * program gets SIGHUP (node-pty's destroy). The screen sees nothing after it. */
	hangUp(): void {
		// node-pty's IPty type leaves destroy out; its Unix terminal has it.
		(this.process as unknown as {destroy(): void}).destroy();
	}

	hasExited(): boolean {
		return this.exitStatus !== undefined;
	}

	waitForExit(options: {timeout?: number} = {}): Promise<ExitStatus> {
		const timeout = options.timeout ?? DEFAULT_TIMEOUT;
		let timer: NodeJS.Timeout | undefined;
		const expired = new Promise<never>((_, rejectExit) => {
			timer = setTimeout(
				() =>
					rejectExit(
						new Error(`The process did not exit within ${timeout} ms.\n${this.describe()}`),
					),
				timeout,
			);
		});
		return Promise.race([this.exited, expired]).finally(() => clearTimeout(timer));
	}

	/** Milliseconds from spawn until the screen first satisfies `predicate`. */
	async timeToFrame(predicate: ScreenPredicate, options: WaitOptions = {}): Promise<number> {
		return (await this.waitFor(predicate, options)) - this.spawnedAt;
	}

	/**
	 * Milliseconds from sending `keys` until the screen changes, or until it satisfies `until`.
	 * Waits for earlier output to be parsed first so it does not count as the response.
	 */
	async keyLatency(
		keys: string | readonly string[],
		options: WaitOptions & {until?: ScreenPredicate} = {},
	): Promise<number> {
		await this.settled();
		const before = this.screenText();
		const sentAt = performance.now();
		this.press(...(typeof keys === 'string' ? [keys] : keys));
		const until = options.until ?? ((screen: string) => screen !== before);
		return (await this.waitFor(until, {description: 'a response to the key', ...options})) - sentAt;
	}

	/** Kills the process if it still runs and frees the screen. Safe to call twice. */
	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		if (!this.exitStatus) {
			try {
				this.process.kill('SIGKILL');
			} catch {
				// Already gone between the check and the kill.
			}
		}
		for (const waiter of this.waiters) waiter.fail('the terminal was disposed');
		this.stopRechecking();
		this.xterm.dispose();
		if (this.ownedStateHome) rmSync(this.ownedStateHome, {recursive: true, force: true});
	}

	private receive(data: string, arrivedAt: number): void {
		if (this.disposed) return;
		this.chunks.push(data);
		this.pendingWrites++;
		this.xterm.write(data, () => {
			this.pendingWrites--;
			this.lastParsedArrival = arrivedAt;
			this.checkWaiters();
		});
	}

	private checkWaiters(): void {
		for (const waiter of this.waiters) {
			if (waiter.check()) waiter.resolve(this.lastParsedArrival);
			else if (this.exitStatus && this.pendingWrites === 0) {
				waiter.fail(
					`the process exited (code ${this.exitStatus.exitCode}` +
						`${this.exitStatus.signal ? `, ${this.exitStatus.signal}` : ''}) first`,
				);
			}
		}
	}

	private startRechecking(): void {
		this.recheckTimer ??= setInterval(() => {
			if (this.pendingWrites === 0) this.checkWaiters();
		}, RECHECK_INTERVAL);
	}

	private stopRechecking(): void {
		clearInterval(this.recheckTimer);
		this.recheckTimer = undefined;
	}

	private encodeKey(key: string): string {
		const fixed = FIXED_KEYS[key];
		if (fixed !== undefined) return fixed;
		const cursor = CURSOR_KEYS[key];
		if (cursor !== undefined) {
			return (this.xterm.modes.applicationCursorKeysMode ? SS3 : CSI) + cursor;
		}
		const chord = /^ctrl\+([a-z@[\\\]^_])$/.exec(key);
		if (chord?.[1]) return String.fromCharCode(chord[1].toUpperCase().charCodeAt(0) & 0x1f);
		if ([...key].length === 1) return key;
		throw new Error(`Unknown key name '${key}'.`);
	}

	private trackCursorVisibility(): void {
		// DECTCEM (CSI ? 25 h / l) may share one sequence with other modes, e.g. CSI ? 25 ; 1049 l.
		const watch = (final: 'h' | 'l') =>
			this.xterm.parser.registerCsiHandler({prefix: '?', final}, (params) => {
				if (params.some((param) => param === 25)) this.cursorVisible = final === 'h';
				return false; // Let xterm apply the modes as well.
			});
		watch('h');
		watch('l');
	}

	private describe(): string {
		const border = '─'.repeat(this.xterm.cols);
		const state = [
			this.isAlternateScreen() ? 'alternate screen' : 'normal screen',
			this.exitStatus ? `exited with code ${this.exitStatus.exitCode}` : 'running',
		].join(', ');
		return `Screen (${this.xterm.cols}×${this.xterm.rows}, ${state}):\n┌${border}┐\n${this.screenText()}\n└${border}┘`;
	}
}

/** Starts `command` in a pseudo-terminal of options.cols × options.rows (80 × 24 by default). */
export function startTerminal(
	command: string,
	args: readonly string[] = [],
	options: TerminalOptions = {},
): TerminalSession {
	return new TerminalSession(command, args, options);
}

/** Starts the built app, `node dist/cli.js ...args`, from the repository root. */
export function startApp(
	args: readonly string[] = [],
	options: TerminalOptions = {},
): TerminalSession {
	return startTerminal(process.execPath, [cliPath, ...args], {cwd: repositoryRoot, ...options});
}
