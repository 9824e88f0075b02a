import {spawnSync} from 'node:child_process';
import {statSync} from 'node:fs';
import type {HandOffProgram} from '../core/app/state.js';
import {sanitiseLine} from '../core/text/sanitise.js';
import {openablePath, type Document} from '../core/types.js';
import {lendTerminal} from './terminal.js';

export interface HandOffOutcome {
	/** Whether the file's size or time changed while the program had it. */
	readonly changed: boolean;
	/** One line for the status bar when the program could not run or failed. */
	readonly problem?: string;
}

/** The command for `program` from the environment: $VISUAL, else $EDITOR; $PAGER, else less. */
export function programCommand(
	program: HandOffProgram,
	env: Readonly<Record<string, string | undefined>>,
): {command: string; from: string} | undefined {
	const nonEmpty = (name: string) => {
		const value = env[name]?.trim();
		return value ? {command: value, from: `$${name}`} : undefined;
	};
	if (program === 'editor') return nonEmpty('VISUAL') ?? nonEmpty('EDITOR');
	return nonEmpty('PAGER') ?? {command: 'less', from: 'the default pager'};
}

function stamp(path: string | Buffer): string {
	try {
		const stats = statSync(path);
		return `${stats.size}:${stats.mtimeMs}`;
	} catch {
		return 'gone';
	}
}

/**
 * The shell script that runs `command` on the document's file, and its one argument: the path,
 * as "$1". A path whose name is not valid UTF-8 cannot be an argument (Node passes strings), so
 * the argument spells its bytes in printf's octal escapes and printf makes the bytes again (with
 * an x after them, taken off, so that $(…) cannot drop a trailing newline).
 */
export function handOffScript(
	command: string,
	document: Pick<Document, 'path' | 'rawPath'>,
): {readonly script: string; readonly argument: string} {
	if (document.rawPath === undefined) return {script: `${command} "$1"`, argument: document.path};
	return {
		script: `reading_room_file=$(printf '%bx' "$1"); ${command} "\${reading_room_file%x}"`,
		argument: printfEscaped(document.rawPath),
	};
}

/** `bytes` as ASCII that printf's %b turns back into them: a backslash, a control character
 * and every byte past ASCII as \0 and three octal digits. */
export function printfEscaped(bytes: Uint8Array): string {
	let escaped = '';
	for (const byte of bytes) {
		escaped +=
			byte < 0x20 || byte >= 0x7f || byte === 0x5c
				? `\\0${byte.toString(8).padStart(3, '0')}`
				: String.fromCharCode(byte);
	}
	return escaped;
}

/**
 * Runs the user's editor or pager on the article's file, the terminal lent to it (see
 * terminal.ts lendTerminal). The command is the variable's text run by the shell with the
 * file as its argument, as git runs $EDITOR, so "code --wait" or "less -R" work; the file's
 * path goes as an argument, never into the command line's text.
 */
export function handOff(
	program: HandOffProgram,
	document: Document,
	env: Readonly<Record<string, string | undefined>> = process.env,
): HandOffOutcome {
	const found = programCommand(program, env);
	if (!found) return {changed: false, problem: 'no editor: set $VISUAL or $EDITOR'};
	const path = openablePath(document);
	const before = stamp(path);
	const shown = sanitiseLine(found.command);
	const {script, argument} = handOffScript(found.command, document);
	const result = lendTerminal((keyboard) =>
		spawnSync('/bin/sh', ['-c', script, 'sh', argument], {
			stdio: [keyboardFd(keyboard), 'inherit', 'inherit'],
		}),
	);
	const changed = stamp(path) !== before;
	if (result.error)
		return {changed, problem: `could not run “${shown}”: ${sanitiseLine(result.error.message)}`};
	// The shell says 127 for a command it cannot find, 126 for one it may not run.
	if (result.status === 127) return {changed, problem: `“${shown}” (${found.from}) was not found`};
	if (result.status !== 0) {
		const how =
			result.signal === null ? `exited with ${result.status}` : `was stopped by ${result.signal}`;
		return {changed, problem: `“${shown}” (${found.from}) ${how}`};
	}
	return {changed};
}

/** The child reads keys where the app did: the terminal, even when stdin is a pipe. */
function keyboardFd(keyboard: NodeJS.ReadStream | undefined): number | 'inherit' {
	const fd = (keyboard as {fd?: unknown} | undefined)?.fd;
	return typeof fd === 'number' ? fd : 'inherit';
}
