import {openSync} from 'node:fs';
import {ReadStream} from 'node:tty';

// Alternate screen like less and vim; 1007 makes the mouse wheel send arrow keys there, so the
// wheel scrolls without the app taking over mouse selection. The cursor stays hidden meanwhile.
export const ENTER_FULLSCREEN = '\u001B[?1049h\u001B[?1007h\u001B[?25l\u001B[2J\u001B[H';
export const LEAVE_FULLSCREEN = '\u001B[?1007l\u001B[?1049l\u001B[?25h';

/** Keys come from stdin, or from the controlling terminal when stdin is a pipe. */
export function openKeyboard(): NodeJS.ReadStream | undefined {
	if (process.stdin.isTTY) return process.stdin;
	try {
		return new ReadStream(openSync('/dev/tty', 'r')) as unknown as NodeJS.ReadStream;
	} catch {
		return undefined;
	}
}
