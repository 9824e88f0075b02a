/**
 * The one owner of the terminal. Everything that changes how the terminal behaves (alternate
 * screen, raw mode, cursor, modes 1007 and 2004) is done here, and undone here on every way
 * out: q and Ctrl+C (the app calls `quit`), SIGINT, SIGQUIT, SIGTERM, SIGHUP, an uncaught
 * error, from the moment the terminal is taken until the process ends. SIGTSTP (Ctrl+Z, or
 * `kill -TSTP`) gives the terminal back before the process stops, and SIGCONT takes it again
 * and has the screen redrawn, as less and vim do.
 *
 * Deliberately free of Ink and React: it is loaded before the first frame is painted, and a
 * signal must be handled well before Ink has loaded.
 */
import {closeSync, openSync, readFileSync} from 'node:fs';
import {isatty, ReadStream} from 'node:tty';
import {typedBeforeRawMode} from '../core/keys.js';
import {sanitiseText} from '../core/text/sanitise.js';

// Alternate screen like less and vim; 1007 makes the mouse wheel send arrow keys there, so the
// wheel scrolls without the app taking over mouse selection. The cursor stays hidden meanwhile.
// 2004 is bracketed paste: the terminal marks pasted text (core/keys createKeyDecoder), so an
// Esc or a line break in it is never read as a key.
const ENTER_FULLSCREEN = '\u001B[?1049h\u001B[?1007h\u001B[?2004h\u001B[?25l\u001B[2J\u001B[H';
const LEAVE_FULLSCREEN = '\u001B[?2004l\u001B[?1007l\u001B[?1049l\u001B[?25h';

/** The shell's convention: 128 + the signal's number, the same whenever the signal comes. */
export const SIGNAL_EXIT_CODES = {SIGHUP: 129, SIGINT: 130, SIGQUIT: 131, SIGTERM: 143} as const;
/** What Ctrl+C exits with: as if SIGINT had come, which is what it does in a cooked terminal. */
export const INTERRUPTED = SIGNAL_EXIT_CODES.SIGINT;

type QuitSignal = keyof typeof SIGNAL_EXIT_CODES;

interface Held {
	readonly keyboard: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	/** The keyboard's own setRawMode: Ink's calls to it are turned into no-ops (see take). */
	readonly setRawMode: (on: boolean) => void;
	/** The screen's own write, which framesHeld (below) stands in for while the app is away. */
	readonly write: NodeJS.WriteStream['write'];
	/** Whether the screen is ours now: false while stopped by SIGTSTP, and once given back. */
	inFullScreen: boolean;
}

let held: Held | undefined;
let leaving = false;
/** Which of stdin, stdout and stderr were the terminal when it was taken. */
let stdioOnTerminal: number[] = [];
/** Run, newest first, before the screen is left: e.g. unmount Ink, so screens save their state. */
const beforeLeaving: (() => void)[] = [];
/** Asked after the screen is left: a line for stderr each (a save that failed, …). */
const exitNotes: (() => string | undefined)[] = [];
/** Run, oldest first, after the screen is left and the notes printed (see afterLeavingScreen). */
const afterLeaving: (() => void)[] = [];
const resumeListeners = new Set<() => void>();

/** Keys come from stdin, or from the controlling terminal when stdin is a pipe. */
function openKeyboard(): NodeJS.ReadStream | undefined {
	if (process.stdin.isTTY) return process.stdin;
	try {
		return new ReadStream(openSync('/dev/tty', 'r')) as unknown as NodeJS.ReadStream;
	} catch {
		return undefined;
	}
}

/** Writes to the terminal, which may be gone (after SIGHUP): nothing is left to tell then. */
function writeToTerminal(stdout: NodeJS.WriteStream, text: string): void {
	try {
		if (held?.stdout === stdout) held.write.call(stdout, text);
		else stdout.write(text);
	} catch {
		// The terminal hung up.
	}
}

function setRaw(on: boolean): void {
	try {
		held?.setRawMode(on);
	} catch {
		// The terminal hung up: there are no modes left to set.
	}
}

/**
 * Whether this process's group is the terminal's foreground job, from /proc/self/stat (its
 * group, field 5, against the terminal's foreground group, field 8). Where that cannot be read
 * (no /proc) it is taken to be, as before this was asked.
 */
function inForeground(): boolean {
	try {
		const stat = readFileSync('/proc/self/stat', 'latin1');
		// The command name, in parentheses, may hold spaces: the fields are counted after it.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const group = Number(fields[2]);
		const foreground = Number(fields[5]);
		return !(foreground > 0 && group > 0 && group !== foreground);
	} catch {
		return true;
	}
}

/**
 * Takes the terminal: alternate screen, raw mode (keys typed while the interface loads are kept
 * for it, not echoed), hidden cursor. Returns where keys come from, or undefined when there is
 * no terminal to read them from. The signal handlers are in place before the terminal is
 * changed: a signal in between would take the default action and leave the terminal raw on the
 * alternate screen (CI caught that at 60 ms after spawn).
 */
export function takeTerminal(
	stdout: NodeJS.WriteStream = process.stdout,
): NodeJS.ReadStream | undefined {
	if (held) return held.keyboard;
	const keyboard = openKeyboard();
	if (keyboard === undefined) return undefined;
	stdioOnTerminal = [0, 1, 2].filter((fd) => isatty(fd));
	listen();
	// A write to a terminal closed under the app (EIO) is the app's way out, through quit, so
	// the store is closed and the code is SIGHUP's: the commands' handler for their output (a
	// full disk: one line, exit 1) would end it there and then, the database left unclosed.
	stdout.removeAllListeners('error');
	stdout.on('error', () => quit(isatty(1) ? 1 : SIGNAL_EXIT_CODES.SIGHUP));
	const ownSetRawMode = keyboard.setRawMode.bind(keyboard);
	// Ink switches raw mode off when its last input hook goes (a screen changing, unmounting),
	// and on again later: keys typed in between would echo. Raw mode is ours from here to the
	// end, so Ink's switching is made a no-op on this one stream.
	keyboard.setRawMode = () => keyboard;
	held = {
		keyboard,
		stdout,
		setRawMode: ownSetRawMode,
		write: stdout.write,
		inFullScreen: false,
	};
	enter();
	keepTypeahead(keyboard);
	return keyboard;
}

/**
 * Keys typed before raw mode was set (the first ~50 ms, while Node starts) went through the
 * tty's cooked mode, which turns Enter's CR into LF: read as they are, a query and Enter typed
 * at once would be the query and Ctrl+J. They are in the keyboard's queue when raw mode comes
 * on, so they are what a read finds on the loop's next turn: those bytes are read then,
 * translated (typedBeforeRawMode), and put back for the app, which reads the keyboard only
 * once its interface has loaded. Keys typed after that turn come in raw mode, as sent.
 */
function keepTypeahead(keyboard: NodeJS.ReadStream): void {
	const typed: Buffer[] = [];
	const read = () => {
		let chunk: unknown;
		while ((chunk = keyboard.read()) !== null) {
			typed.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
		}
	};
	keyboard.on('readable', read);
	// Reading starts on the next tick, and queued bytes are read in the loop's poll phase. This
	// may be called in a poll phase itself, after which the same turn's check phase comes: the
	// second setImmediate is after the next turn's poll, which has read what was queued.
	setImmediate(() =>
		setImmediate(() => {
			keyboard.off('readable', read);
			if (typed.length === 0) return;
			// Byte for byte: an LF byte is never part of a UTF-8 sequence.
			const text = typedBeforeRawMode(Buffer.concat(typed).toString('latin1'));
			keyboard.unshift(Buffer.from(text, 'latin1'));
		}),
	);
}

function enter(): void {
	if (!held) return;
	setRaw(true);
	writeToTerminal(held.stdout, ENTER_FULLSCREEN);
	held.inFullScreen = true;
}

/** Gives the terminal back as it was found; safe to call more than once. */
function giveBack(): void {
	if (!held?.inFullScreen) return;
	held.inFullScreen = false;
	writeToTerminal(held.stdout, LEAVE_FULLSCREEN);
	// From the background (a job stopped from outside, then sent SIGTERM and SIGCONT by `kill
	// %1`), setting a mode would stop the app again (SIGTTOU), for good: the modes are the
	// shell's then, which put its own back when the job stopped.
	if (inForeground()) setRaw(false);
}

/** Called, before the screen is left for good, to tidy up (unmount Ink, save places). */
export function beforeLeavingScreen(hook: () => void): void {
	beforeLeaving.push(hook);
}

/**
 * Called once the screen is left and the exit notes are printed, just before the process ends:
 * work that must be done but need not keep the app's screen up after q (the store's close, which
 * may keep the rows whole: a third of a second at 100,000 documents).
 */
export function afterLeavingScreen(hook: () => void): void {
	afterLeaving.push(hook);
}

/** A line to print on stderr once the screen is left, if it returns one. */
export function noteOnExit(note: () => string | undefined): void {
	exitNotes.push(note);
}

/** Called after SIGCONT, once the screen is taken again: redraw it. Returns an unsubscribe. */
export function onResume(listener: () => void): () => void {
	resumeListeners.add(listener);
	return () => resumeListeners.delete(listener);
}

/**
 * Leaves the screen, prints the exit notes and ends the process with `code`: 0 for q,
 * INTERRUPTED for Ctrl+C, 128 + n for signal n, 1 for a crash. Only the first call counts.
 */
export function quit(code: number, message?: string): void {
	if (leaving) return;
	leaving = true;
	for (const hook of beforeLeaving.reverse()) {
		try {
			hook();
		} catch {
			// Tidying up must not keep the terminal from being given back.
		}
	}
	giveBack();
	if (held && held.keyboard !== process.stdin) held.keyboard.destroy();
	const lines = message === undefined ? [] : [message];
	for (const note of exitNotes) {
		const line = note();
		if (line !== undefined) lines.push(line);
	}
	for (const line of lines) process.stderr.write(`reading-room: ${sanitiseText(line)}\n`);
	for (const hook of afterLeaving) {
		try {
			hook();
		} catch {
			// The terminal is given back already; the process ends as it was going to.
		}
	}
	if (endingSignal !== undefined && !inForeground()) {
		// In the background (a stopped job sent SIGTERM and SIGCONT by `kill %1`), Node's exit
		// puts the terminal's modes back as it found them, and is stopped for it (SIGTTOU) for
		// good. The app ends by the signal itself instead, as it would have without a handler:
		// the shell sees the same 128 + its number.
		process.removeAllListeners(endingSignal);
		process.kill(process.pid, endingSignal);
	}
	letGoOfHungUpTerminal();
	process.exit(code);
}

/**
 * Node 20's exit puts back the modes its standard streams' terminal had when it started, and
 * aborts when that fails with anything but EPERM: after the terminal was closed under the app
 * (a window closed: it hangs up, then SIGHUP) it fails with EIO, and the app ended by SIGABRT or
 * SIGSEGV instead of 129. A stream that was the terminal and is one no longer (it hung up) is
 * closed first: Node passes over a stream closed since it started.
 */
function letGoOfHungUpTerminal(): void {
	for (const fd of stdioOnTerminal) {
		if (isatty(fd)) continue;
		try {
			closeSync(fd);
		} catch {
			// Closed already.
		}
	}
}

function crash(error: unknown): void {
	const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
	quit(1, text);
}

/**
 * Lends the terminal to another program (the user's editor or pager) while `run` runs: the
 * screen is left and the modes put back as they were found, then taken again and redrawn, as
 * after `fg`. `run` is synchronous (spawnSync): the app reads no keys meanwhile, so the program
 * gets every one. Without the terminal (not taken, or leaving) `run` runs as it is.
 */
export function lendTerminal<Result>(
	run: (keyboard: NodeJS.ReadStream | undefined) => Result,
): Result {
	if (!held || leaving) return run(undefined);
	giveBack();
	// While the program runs, the keyboard's signals are its own, as with system(3) and git:
	// Ctrl+Z stops the whole job, the app too (its handler is off, so the default stop acts on
	// it, blocked in spawnSync, and the shell sees the job stop), and Ctrl+C or Ctrl+\ typed in
	// the program (less survives them) do not end the app.
	process.off('SIGTSTP', suspend);
	signalsLent = true;
	try {
		return run(held.keyboard);
	} finally {
		process.on('SIGTSTP', suspend);
		resume();
		// The signals that came meanwhile are handled on a later turn of the event loop (the
		// poll after the next): they must still find the terminal lent.
		setImmediate(() => setImmediate(() => (signalsLent = false)));
	}
}

/** Set while the terminal is lent (and until the signals sent meanwhile are handled). */
let signalsLent = false;

/** The signals a program lent the terminal takes for itself (typed as keys in it). */
const KEYBOARD_SIGNALS: ReadonlySet<QuitSignal> = new Set(['SIGINT', 'SIGQUIT']);

/**
 * SIGTSTP: give the terminal back, then stop as the default action would. The handler is taken
 * off so that the signal, sent again, stops the process; when it goes on (SIGCONT, after `fg`)
 * execution resumes right here. Ctrl+Z reaches the app as a key in raw mode, and the app sends
 * SIGTSTP itself, so this is the whole job for both.
 */
function suspend(): void {
	if (!held || leaving) return;
	giveBack();
	holdFrames();
	process.off('SIGTSTP', suspend);
	try {
		process.kill(process.pid, 'SIGTSTP');
	} finally {
		process.on('SIGTSTP', suspend);
	}
	// Here after SIGCONT; or at once, if the stop was not carried out (the kernel drops it for a
	// process group that no shell could continue): take the screen back either way. The
	// SIGCONT that follows a real stop is then already answered.
	continueAnswered = true;
	resumeInForeground();
}

/**
 * After a continue: the screen is taken again once the app is the foreground job. Continued in
 * the background (bash's `kill %1` sends SIGTERM and then SIGCONT to a stopped job; `bg`),
 * setting the terminal's modes would stop the app (SIGTTOU) before the SIGTERM is handled, and
 * nothing would end it: the signals that came with the continue are handled first (the event
 * loop's next turn reads them), and if none ended the app it stops again, as the kernel stops a
 * background job that reaches for the terminal, until `fg` continues it in the foreground.
 */
function resumeInForeground(): void {
	if (inForeground()) {
		resume();
		return;
	}
	holdFrames();
	setImmediate(() =>
		setImmediate(() => {
			if (!held || leaving) return;
			if (!inForeground()) process.kill(process.pid, 'SIGTTOU');
			// Here after the next continue.
			resumeInForeground();
		}),
	);
}

/**
 * The app's frames (Ink writes whenever its state changes, a timer due while stopped included)
 * are not drawn while the screen is the shell's: after a stop, until the app is the foreground
 * job again, and on the way out from there. resume() puts the write back and redraws.
 */
function holdFrames(): void {
	if (!held) return;
	held.stdout.write = ((...parts: unknown[]) => {
		const done = parts.find((part) => typeof part === 'function') as (() => void) | undefined;
		if (done) queueMicrotask(done);
		return true;
	}) as NodeJS.WriteStream['write'];
}

/** Set when suspend() has taken the screen back, so its SIGCONT does not redraw it twice. */
let continueAnswered = false;

/** Takes the screen again and has it redrawn. */
function resume(): void {
	if (!held || leaving) return;
	held.stdout.write = held.write;
	// libuv sets a mode only when it thinks it changes: after an outside stop the shell reset the
	// modes behind its back, so they are switched off (to the original) and on again.
	setRaw(false);
	held.inFullScreen = false;
	enter();
	// The terminal may have been resized while we were stopped, when SIGWINCH went to the shell:
	// Node reads the size again on SIGWINCH (and emits 'resize' if it changed), as less and vim
	// ask for it on resuming. The screen is redrawn once it has: Node's own SIGWINCH listener was
	// added when stdout was first used, so it runs before this one. Redrawn before, one frame was
	// drawn at the old size, its rows wrapped and scrolled on the new one, then drawn again.
	if (process.stdout.isTTY) {
		process.once('SIGWINCH', redrawResumed);
		process.kill(process.pid, 'SIGWINCH');
	} else redrawResumed();
}

function redrawResumed(): void {
	if (!held || leaving) return;
	for (const listener of resumeListeners) listener();
}

/**
 * SIGCONT: after our own stop, suspend() has done the work. After a stop from outside (SIGSTOP
 * cannot be caught: no warning), the shell has drawn its prompt over the screen and may have
 * reset the modes, so the screen is taken again and redrawn.
 */
function continued(): void {
	// After `fg` of a job stopped in a lent program: lendTerminal takes the screen back.
	if (signalsLent) return;
	if (continueAnswered) {
		continueAnswered = false;
		return;
	}
	resumeInForeground();
}

let listening = false;
/** The signal that is ending the app, if one is. */
let endingSignal: QuitSignal | undefined;

function listen(): void {
	if (listening) return;
	listening = true;
	for (const signal of Object.keys(SIGNAL_EXIT_CODES) as QuitSignal[]) {
		process.on(signal, () => {
			if (signalsLent && KEYBOARD_SIGNALS.has(signal)) return;
			endingSignal = signal;
			quit(SIGNAL_EXIT_CODES[signal]);
		});
	}
	process.on('SIGTSTP', suspend);
	process.on('SIGCONT', continued);
	process.on('uncaughtException', crash);
	process.on('unhandledRejection', crash);
}

/**
 * Imports the full-screen interface. Two of its dependencies read a process global once, as
 * they load, and are given what suits the app for that moment only; both are put back after:
 * - yoga-layout reads its inlined WebAssembly through fetch() when fetch exists, which loads
 *   undici and costs ~15 ms of start-up (/work/shared/notes/startup.md); without it, it decodes
 *   the base64 directly.
 * - chalk (inside Ink) reads --no-color from argv and would then drop bold, underline and
 *   inverse too; the app already chose its looks without colour, which keep those cues.
 * (Ink's is-in-ci, which stops live frames when CI is set, is replaced at build time instead of
 * clearing CI from the environment: see scripts/build.mjs.)
 */
export async function importInterface<Module>(load: () => Promise<Module>): Promise<Module> {
	const globals = globalThis as {fetch?: typeof fetch};
	const savedFetch = globals.fetch;
	const savedArgv = process.argv;
	globals.fetch = undefined;
	process.argv = savedArgv.filter(
		(argument) => !/^--no-colou?rs?$|^--colou?r=false$/.test(argument),
	);
	try {
		return await load();
	} finally {
		globals.fetch = savedFetch;
		process.argv = savedArgv;
	}
}
